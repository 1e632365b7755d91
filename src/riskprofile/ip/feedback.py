"""Feedback: inspection results recorded, and what they say about each instruction and standing rule.

A result is one declaration's outcome: the rules and instructions that fired, the action taken
(`engine.actions`), whether goods were physically inspected, found infringing, how many items, and
whether the holder confirmed (applied and lodged a bond after the notice; otherwise the goods are
released). `report` counts per instruction and per standing rule: matched, inspected, seized (found
and not released for want of the holder's confirmation), hit rate = seized / inspected, holder notices;
it proposes retiring instructions that expired or never hit. `penalties` turns confirmed cases into
trader-history records for later scoring (`Profile.with_context(penalties=...)`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..engine.actions import holder_notice_deadline
from ..engine.profile import Profile
from ..errors import RiskProfileError
from ..model.leads import Instruction

Status = Literal["active", "expired", "retired", "retire_proposed"]
#: An instruction (or rule) inspected this often without a seizure is proposed for retirement.
MIN_INSPECTED = 5


class InspectionResult(BaseModel):
    """One declaration's outcome (a line of a results file, JSON Lines or CSV)."""

    model_config = ConfigDict(extra="ignore")

    decl_id: str
    declared_at: dt.date
    customs_office: str | None = None
    trader_id: str | None = None
    direction: str | None = None
    transport_mode: str | None = None
    goods_source_region: str | None = None
    destination_country: str | None = None
    hs_code: str | None = None
    lane: str | None = None
    rules: list[str] = Field(default_factory=list)  # rules and instructions that fired
    action: Literal["release", "documents", "inspection"] = "release"
    inspected: bool = False
    found: bool = False
    items: int = 0
    holder_confirmed: bool | None = None

    @property
    def seized(self) -> bool:
        return self.found and self.holder_confirmed is not False

    @property
    def holder_notice_by(self) -> dt.date | None:
        """The holder's deadline to apply and lodge a bond after a hit (None without a hit)."""
        return holder_notice_deadline(self.declared_at) if self.found else None


class ResultsError(RiskProfileError):
    """A results file that cannot be read."""


def read_results(paths: Iterable[Path | str]) -> list[InspectionResult]:
    """Results from JSON Lines or CSV files (CSV `rules` separated by '|'); raises ResultsError with file:line."""
    out: list[InspectionResult] = []
    for path in map(Path, paths):
        try:
            if path.suffix.lower() == ".csv":
                rows = pl.read_csv(path, infer_schema_length=0).to_dicts()
                for r in rows:
                    r["rules"] = [x for x in (r.get("rules") or "").split("|") if x]
                    for k in ("holder_confirmed", "inspected", "found"):
                        if r.get(k) in ("", None):
                            r.pop(k, None)
                numbered = list(enumerate(rows, start=2))
            else:
                text = path.read_text(encoding="utf-8").splitlines()
                numbered = [(i, json.loads(t)) for i, t in enumerate(text, start=1) if t.strip()]
        except (OSError, ValueError, pl.exceptions.PolarsError) as e:
            raise ResultsError(f"cannot read results file {path}: {e}", file=path) from None
        for line, row in numbered:
            try:
                out.append(InspectionResult.model_validate(row))
            except ValidationError as e:
                err = e.errors()[0]
                raise ResultsError(
                    f"{path}:{line}: `{'.'.join(map(str, err['loc']))}`: {err['msg']}",
                    file=path,
                    line=line,
                    hint="A result needs decl_id, declared_at; action release|documents|inspection.",
                ) from None
    return out


def write_results(results: Iterable[InspectionResult], path: Path | str) -> None:
    from ..yamlio import atomic_write_text

    atomic_write_text(path, "".join(r.model_dump_json() + "\n" for r in results))


class ReportRow(BaseModel):
    """One object of `instructions report --json` (DESIGN)."""

    id: str
    kind: Literal["rule", "risk_parameter", "preset", "reviewer"]
    source: Literal["office", "holder", "platform", "police", "foreign_customs"] | None
    issued_by: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    status: Status
    matched: int
    inspected: int
    seized: int
    hit_rate: float | None
    #: Holder notices sent after hits it led to (shown to people; not in the JSON contract).
    holder_notices: int = Field(default=0, exclude=True)
    why: str = Field(default="", exclude=True)


def _counts(results: list[InspectionResult]) -> dict[str, list[int]]:
    """id -> [matched, inspected, seized, holder notices]."""
    c: dict[str, list[int]] = {}
    for r in results:
        for rid in dict.fromkeys(r.rules):
            k = c.setdefault(rid, [0, 0, 0, 0])
            k[0] += 1
            k[1] += r.inspected
            k[2] += r.seized
            k[3] += r.found
    return c


def report(
    results: list[InspectionResult],
    profile: Profile,
    instructions: Iterable[Instruction] = (),
    as_of: dt.date | None = None,
    min_inspected: int = MIN_INSPECTED,
) -> list[ReportRow]:
    """Per instruction, then per standing rule (the profile's order): the counts and a status.

    `as_of` (default: the last result's date) decides what has expired. An instruction is proposed for
    retirement when its window is over or it was inspected `min_inspected` times without a seizure; a
    standing risk rule (weight > 0) only in the second case."""
    counts = _counts(results)
    if as_of is None:
        as_of = max((r.declared_at for r in results), default=dt.date.today())
    rows: list[ReportRow] = []

    def row(rid, kind, source, issued_by, start, stop, retired, risk=True) -> ReportRow:
        m, i, s, n = counts.get(rid, [0, 0, 0, 0])
        never = risk and i >= min_inspected and s == 0
        if retired:
            status, why = "retired", "retired"
        elif kind != "rule" and stop is not None and stop < as_of:
            status, why = "retire_proposed", f"expired {stop}"
        elif never:
            status, why = "retire_proposed", f"inspected {i} times, never a seizure"
        elif stop is not None and stop < as_of:
            status, why = "expired", f"window ended {stop}"
        else:
            status, why = "active", ""
        return ReportRow(
            id=rid,
            kind=kind,
            source=source,
            issued_by=issued_by,
            valid_from=start,
            valid_to=stop,
            status=status,
            matched=m,
            inspected=i,
            seized=s,
            hit_rate=(s / i) if i else None,
            holder_notices=n,
            why=why,
        )

    seen = set()
    for ins in instructions:
        seen.add(ins.id)
        rows.append(
            row(ins.id, ins.kind, ins.source, ins.issued_by, ins.valid_from, ins.valid_to, ins.status == "retired")
        )
    for rule in profile.rules:
        if rule.id in seen:
            continue
        rows.append(
            row(rule.id, "rule", None, None, rule.valid_from, rule.valid_to, rule.status == "retired", rule.weight > 0)
        )
    return rows


def penalties(results: Iterable[InspectionResult]) -> list[dict]:
    """Confirmed cases as trader-history records (the `penalties` list's items) for later scoring."""
    return [
        {
            "trader_id": r.trader_id,
            "date": r.declared_at,
            "office": r.customs_office,
            "goods": f"HS {r.hs_code}" if r.hs_code else None,
            "source": f"inspection result {r.decl_id} (holder confirmed)",
        }
        for r in results
        if r.trader_id and r.found and r.holder_confirmed
    ]


__all__ = [
    "MIN_INSPECTED",
    "InspectionResult",
    "ReportRow",
    "ResultsError",
    "penalties",
    "read_results",
    "report",
    "write_results",
]
