"""Leads files (YAML `leads: [...]` or CSV, one lead a row) -> leads, instructions and located findings.

`read_leads` checks a file the way rule files are checked: the shape (RP002, RP012 bad value, RP010 a
reversed window), duplicate ids (RP007), offices and marks the profile's lists do not know (RP012),
then the instruction made from each lead through the rule checks (`model.check`), every finding with
file, line and the lead's id. `instructions` turns the usable leads into `Instruction`s, whose `rule`
mappings `Profile.with_context(instructions=...)` scores through the one path.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel, ValidationError

from ..features.brand import matcher
from ..features.context import FeatureContext
from ..features.registry import field_types
from ..findings import Code, Collector, Finding, LoadError, findings_from_validation, read_yaml_file, suggest
from ..io.normalise import alias_table
from ..model.check import rules_from_node
from ..model.leads import Instruction, Lead, Names, lead_rule
from ..model.lists import NamedList
from ..yamlio import locate, plain, walk


def _list_fields(model: type[BaseModel]) -> set[str]:
    return {name for name, f in model.model_fields.items() if get_origin(f.annotation) is list}


#: CSV columns: the lead's keys, `names` flattened (the fields of `model.leads.Names`), lists separated by "|".
CSV_NAMES = tuple(Names.model_fields)
_CSV_LISTS = _list_fields(Names) | _list_fields(Lead)


def office_codes(lists: dict[str, NamedList], names: Iterable[str], kind: str = "offices") -> dict[str, str]:
    """Office (or region, `kind="regions"`) name or alias as written -> code, through normalisation's
    alias table (unknown left out)."""
    table = alias_table(lists.get(kind))
    out = {}
    for n in names:
        code = table.get(" ".join(str(n).upper().replace("_", " ").replace("-", " ").split()))
        if code is not None:
            out[n] = code
    return out


def mark_names(lists: dict[str, NamedList], names: Iterable[str]) -> dict[str, str]:
    """Mark as written -> canonical recorded mark, through the register's matcher (features.brand)."""
    marks = matcher(FeatureContext(lists), "recorded_marks")
    out = {}
    for n in names:
        mark, _ = marks.match(n)
        if mark is not None:
            out[n] = mark
    return out


def _rows_from_csv(path: Path) -> tuple[list[dict], list[int]]:
    rows, lines = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for i, row in enumerate(reader, start=2):
            lead: dict[str, Any] = {}
            names: dict[str, Any] = {}
            for k, v in row.items():
                if k is None or v is None or str(v).strip() == "":
                    continue
                v = str(v).strip()
                val: Any = [x.strip() for x in v.split("|") if x.strip()] if k in _CSV_LISTS else v
                if k in CSV_NAMES:
                    names[k] = val
                elif k in ("valid_from", "valid_to"):
                    lead.setdefault("window", {})["from" if k == "valid_from" else "to"] = v
                else:
                    lead[k] = val
            lead["names"] = names
            rows.append(lead)
            lines.append(i)
    return rows, lines


def _refine(err: dict, at: tuple) -> tuple[Code, tuple, str] | None:
    where = ".".join(map(str, at)) or "lead"
    if "window ends" in err["msg"]:
        return Code.WINDOW_REVERSED, at, f"`{where}`: {err['msg']}"
    if err["type"] == "literal_error":
        return Code.BAD_VALUE, at, f"`{where}`: {err['msg']}"
    return None


def read_leads(
    path: Path | str,
    lists: dict[str, NamedList] | None = None,
    fields: dict[str, str] | None = None,
    rule_ids: Iterable[str] = (),
    as_of: dt.date | None = None,
) -> tuple[list[Lead], list[Finding]]:
    """The usable leads of a file and every finding (with `lists`, offices and marks are checked and the
    instructions run through the rule checks; with `as_of`, a window already over is a warning)."""
    path = Path(path)
    file = str(path)
    findings: list[Finding] = []
    if path.suffix.lower() == ".csv":
        try:
            rows, lines = _rows_from_csv(path)
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            return [], [Finding(Code.MISSING_FILE, file, None, None, None, f"cannot read leads file: {e}")]
        located: list[tuple[Any, tuple[int, int] | None]] = [
            (row, (ln, 1)) for row, ln in zip(rows, lines, strict=True)
        ]
        root: Any = None
    else:
        root, problems = read_yaml_file(path)
        if problems:
            return [], problems
        node = root.get("leads") if isinstance(root, dict) else None
        extra = [k for k in root if k != "leads"] if isinstance(root, dict) else []
        col = Collector(file, root)
        for k in extra:
            col.add(Code.BAD_SHAPE, (k,), f"unknown top-level key `{k}` in a leads file (expected `leads:`)")
        if not isinstance(node, list):
            col.add(Code.BAD_SHAPE, ("leads",) if isinstance(root, dict) else (), "a leads file holds `leads: [...]`")
            return [], col.findings
        findings += col.findings
        located = [(plain(n), None) for n in node]
    leads: list[Lead] = []
    seen: dict[str, int] = {}
    lists = lists or {}
    for i, (data, at) in enumerate(located):

        def add(code: Code, sub: tuple, message: str, rid: str | None, hint: str | None = None, i=i, at=at) -> None:
            if at is None:
                deep = ("leads", i) + sub
                at = locate(root, tuple(deep[: walk(root, deep)[1]]))
            findings.append(Finding(code, file, at[0], at[1], rid, message, hint))

        rid = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        try:
            lead = Lead.model_validate(data)
        except ValidationError as e:
            col = Collector(file, root) if at is None else Collector(file, at=at)
            findings_from_validation(
                e, col, data=data, path=("leads", i) if at is None else (), rule_id=rid, label="lead", refine=_refine
            )
            findings.extend(col.findings)
            continue
        if lead.id in seen:
            add(
                Code.DUPLICATE_RULE_ID,
                ("id",),
                f"duplicate lead id `{lead.id}` (first in lead {seen[lead.id] + 1})",
                lead.id,
            )
            continue
        seen[lead.id] = i
        offices = office_codes(lists, lead.names.offices)
        regions = office_codes(lists, lead.names.source_region, "regions")
        for kind, key, named, known_codes in (
            ("offices", "offices", lead.names.offices, offices),
            ("regions", "source_region", lead.names.source_region, regions),
        ):
            if kind not in lists:
                continue
            for j, o in enumerate(named):
                if o not in known_codes:
                    add(
                        Code.BAD_VALUE,
                        ("names", key, j),
                        f"`{o}` is not in the {kind} list",
                        lead.id,
                        suggest(o, sorted(set(alias_table(lists.get(kind)).values()))),
                    )
        if lead.names.marks and "recorded_marks" in lists:
            known = mark_names(lists, lead.names.marks)
            for j, m in enumerate(lead.names.marks):
                if m not in known:
                    add(
                        Code.BAD_VALUE, ("names", "marks", j), f"mark `{m}` is not in the recordation register", lead.id
                    )
        if as_of is not None and lead.valid_to < as_of and lead.status != "retired":
            add(Code.WINDOW_PASSED, ("window", "to"), f"lead `{lead.id}` expired on {lead.valid_to}", lead.id)
        if fields is not None:
            marks = mark_names(lists, lead.names.marks) if lead.names.marks and lists else None
            rule_col = Collector(file, None)
            taken = {r: "profile" for r in rule_ids}
            rule = lead_rule(lead, offices, marks, regions)
            rules_from_node({"rules": [rule]}, rule_col, fields, lists, taken, None)
            for f in rule_col.findings:
                add(f.code, (), f"instruction of lead `{lead.id}`: {f.message}", lead.id, f.hint)
        leads.append(lead)
    return leads, findings


def load_leads(paths: Iterable[Path | str], lists: dict[str, NamedList] | None = None) -> list[Lead]:
    """Leads of files or folders (`*.yaml`, `*.csv`); raises LeadsError carrying every error finding."""
    leads: list[Lead] = []
    errors: list[Finding] = []
    for p in lead_files(paths):
        got, findings = read_leads(p, lists, field_types() if lists else None)
        leads += got
        errors += [f for f in findings if f.severity == "error"]
    if errors:
        raise LeadsError(errors)
    return leads


class LeadsError(LoadError):
    """Leads files that do not check: every error finding (reported like a profile that does not load)."""


def lead_files(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.suffix.lower() in (".yaml", ".yml", ".csv") and q.is_file())
        else:
            out.append(p)
    return out


def is_leads_file(path: Path | str, root: Any = None) -> bool:
    """A mapping with `leads:` at top level, or a file in a `leads/` folder."""
    return (isinstance(root, dict) and "leads" in root) or Path(path).parent.name == "leads"


def instructions(leads: Iterable[Lead], lists: dict[str, NamedList] | None = None) -> list[Instruction]:
    """The instructions of leads (retired and proposed ones included: `Instruction.in_force` says which score)."""
    lists = lists or {}
    out = []
    for lead in leads:
        offices = office_codes(lists, lead.names.offices)
        regions = office_codes(lists, lead.names.source_region, "regions")
        marks = mark_names(lists, lead.names.marks) if lead.names.marks and lists else None
        out.append(Instruction.from_lead(lead, offices, marks, regions))
    return out


def active_rules(items: Iterable[Instruction]) -> list[dict]:
    """The rule mappings of instructions that are not proposed or retired (their windows gate them by date)."""
    return [i.rule for i in items if i.status == "active"]


__all__ = [
    "LeadsError",
    "active_rules",
    "instructions",
    "is_leads_file",
    "lead_files",
    "load_leads",
    "mark_names",
    "office_codes",
    "read_leads",
]
