"""Scenario files (`scenarios/Cnn.yaml`, format in docs/rule-language.md): the one model and the one loader.

A scenario is a documented seizure as lodged: the declarations, what was known at the time (history,
penalties, targeting instructions), what was found (`outcome`, never an input), what the profile must do
(`expect`) and legitimate look-alikes that must stay green (`controls`). Unknown keys are errors.

Every problem is a `Finding` with file, line and column (RP001 YAML syntax, RP002 bad shape, RP012 an
unknown lane or value, RP015 a missing file). The targeting instructions (`context.instructions`, also
under controls) are rules: `check_scenario` runs them through the rule checks of `model.check`, so an unknown
field, operator or list in an instruction is reported with its file:line and rule id. `load_scenario`
checks the shape only, unless given a profile (then the instructions too, against its fields and lists).

Consumers: `replay.py` (strict: an invalid file stops the replay) and `drill/` (skips an invalid file,
maps indicator aliases to its taxonomy after loading).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from ..errors import RiskProfileError
from ..findings import Code, Collector, Finding, findings_from_validation, suggest
from ..yamlio import plain, walk
from .check import rules_from_node
from .declaration import Declaration, GoodsLine
from .lists import NamedList, PenaltyItem, with_penalties
from .vocab import LANES, Lane


class ScenarioFileError(RiskProfileError, ValueError):
    """A scenario file that cannot be read or does not follow the format.

    `findings` holds every located problem (empty when the error comes from elsewhere, e.g. scoring);
    the message names the file, and the line when known."""

    def __init__(self, message: str | None = None, findings: Iterable[Finding] = ()):
        found = list(findings)
        errors = [f for f in found if f.severity == "error"] or found
        if message is None:
            message = "; ".join(describe(f) for f in errors[:5])
            if len(errors) > 5:
                message += f" (and {len(errors) - 5} more)"
        first = errors[0] if errors else None
        super().__init__(
            message,
            file=first.file if first else None,
            line=first.line if first else None,
            column=first.column if first else None,
            findings=found,
        )
        self.findings: list[Finding] = found


def describe(f: Finding) -> str:
    """`file:line:col CODE message (rule X)`: one finding on one line."""
    where = f"{f.file}:{f.line}:{f.column or 0}" if f.line else f.file
    return f"{where}: {f.code} {f.message}" + (f" (rule {f.rule_id})" if f.rule_id else "")


# -- the format -----------------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Context(_Strict):
    """Known at the time of lodging."""

    history: list[Declaration] = Field(default_factory=list)
    penalties: list[PenaltyItem] = Field(default_factory=list)
    #: Tip-offs / targeting instructions: rule mappings, checked by the rule checks (`check_scenario`).
    instructions: list[dict[str, Any]] = Field(default_factory=list)
    #: Ids of leads (`scenarios/leads/*.yaml`) whose instructions the loader adds to `instructions`.
    leads: list[str] = Field(default_factory=list)


class Expect(_Strict):
    lane_at_least: Lane = "yellow"
    rules: list[str] = Field(default_factory=list)
    standing_only: bool = True


class LookAlikeExpect(_Strict):
    """The lane a look-alike must stay at or below."""

    lane: Lane = "green"


class LookAlike(_Strict):
    """A legitimate look-alike (an entry of the scenario's `controls:`) that must keep its lane."""

    id: str
    title: str
    why: str
    title_zh: str | None = None
    why_zh: str | None = None
    context: Context = Field(default_factory=Context)
    declarations: list[Declaration] = Field(min_length=1)
    expect: LookAlikeExpect = Field(default_factory=LookAlikeExpect)
    indicators: list[str] = Field(default_factory=list)


class UnitValue(_Strict):
    """A value per unit taken from the documents' own totals (e.g. case value / items)."""

    value: float = Field(gt=0)
    currency: str = "USD"
    per: Literal["unit", "kg"] = "unit"


class Assumed(_Strict):
    """An input of the scenario that goes beyond the documents, and how to set it neutral.

    `set`: declaration or goods-line columns given a documented or neutral value (null to drop), e.g.
    `{brand: 无品牌}` for a mark the documents say was found at inspection; `unit_value`: values computed
    from the documents' own totals; `history: false` drops earlier declarations that are ours. `decls`
    limits it to some declarations (default: all). Without any of these the input stays as it is and is
    only reported as assumed."""

    input: str
    why: str | None = None
    decls: list[str] | None = None
    set: dict[str, Any] = Field(default_factory=dict)
    unit_value: UnitValue | None = None
    history: bool = True

    @property
    def neutralised(self) -> bool:
        return bool(self.set) or self.unit_value is not None or not self.history


class Scenario(_Strict):
    id: str
    title: str
    source: dict[str, Any] | str
    narrative: str
    #: Chinese texts a trainee sees in `--lang zh` (the English ones are used when absent).
    title_zh: str | None = None
    narrative_zh: str | None = None
    outcome_zh: str | None = None
    notes: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    outcome: str
    context: Context = Field(default_factory=Context)
    declarations: list[Declaration] = Field(min_length=1)
    expect: Expect = Field(default_factory=Expect)
    controls: list[LookAlike] = Field(default_factory=list)
    #: Inputs assumed beyond the documents (`replay` reports the seizure on its documented inputs alone).
    assumed: list[Assumed] = Field(default_factory=list)

    _path: Path | None = PrivateAttr(default=None)

    def as_documented(self) -> tuple[list[Declaration], list[Declaration]]:
        """The declarations and history with every assumed input set neutral (`assumed`)."""
        decls = [d.model_dump() for d in self.declarations]
        history = list(self.context.history)
        header = set(Declaration.model_fields) - {"lines"}
        for a in self.assumed:
            if not a.history:
                history = []
            for d in decls:
                if a.decls is not None and d["decl_id"] not in a.decls:
                    continue
                for k, v in a.set.items():
                    if k in header:
                        d[k] = v
                for line in d["lines"]:
                    for k, v in a.set.items():
                        if k not in header:
                            line[k] = v
                    if a.unit_value is not None:
                        base = line.get("net_mass_kg") if a.unit_value.per == "kg" else line.get("quantity")
                        if base is not None:
                            line["value"] = round(base * a.unit_value.value, 2)
                            line["currency"] = a.unit_value.currency
        return [Declaration.model_validate(d) for d in decls], history

    @property
    def path(self) -> Path | None:
        """The file the scenario was read from (None when built in code)."""
        return self._path

    def source_text(self) -> str:
        """`source` on one line: seed file, case, `also ...`."""
        s = self.source
        if isinstance(s, str):
            return s
        parts = [str(s.get("seed", "")), str(s.get("case", ""))]
        also = s.get("also") or []
        if also:
            parts.append("also " + ", ".join(map(str, also)))
        return " ".join(p for p in parts if p).strip()


_KNOWN_KEYS = sorted(
    {k for m in (Scenario, Context, Expect, LookAlikeExpect, LookAlike, Assumed, UnitValue) for k in m.model_fields}
)


# -- reading --------------------------------------------------------------------------------------------
class _Findings:
    """Findings of one file, located in its parsed YAML (line and column of the deepest existing node)."""

    def __init__(self, file: str, root: Any):
        self.col = Collector(file, root)

    def add(self, code: str, path: tuple, message: str, hint: str | None = None) -> None:
        self.col.add(code, path, message, None, hint)

    @property
    def findings(self) -> list[Finding]:
        return self.col.findings


def _existing(data: Any, loc: tuple) -> tuple:
    """The longest prefix of `loc` that exists in `data` (pydantic adds union branch names to locations)."""
    return tuple(loc[: walk(data, loc)[1]])


def _dotted(loc: tuple) -> str:
    return ".".join(map(str, loc)) or "scenario"


def _shape_findings(e: ValidationError, data: Any, out: _Findings) -> None:
    def refine(err: dict, at: tuple) -> tuple[Code, tuple, str] | None:
        if err["type"] != "literal_error":
            return None
        if err["loc"][-1] in ("lane", "lane_at_least"):
            return Code.BAD_VALUE, at, f"`{_dotted(at)}`: unknown lane {err.get('input')!r} (lanes: {', '.join(LANES)})"
        return Code.BAD_VALUE, at, f"`{_dotted(at)}`: {err['msg']}"

    findings_from_validation(e, out.col, data=data, known_keys=_KNOWN_KEYS, label="scenario", refine=refine)


def _declaration_lists(data: dict) -> list[tuple[tuple, list]]:
    """(path, list) of every declaration list in the raw data: declarations, history, and the controls'."""
    out: list[tuple[tuple, list]] = []

    def add(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for _key, sub in (("declarations", ("declarations",)), ("history", ("context", "history"))):
                cur: Any = node
                for k in sub:
                    cur = cur.get(k) if isinstance(cur, dict) else None
                if isinstance(cur, list):
                    out.append((path + sub, cur))

    add(data, ())
    controls = data.get("controls")
    if isinstance(controls, list):
        for j, c in enumerate(controls):
            add(c, ("controls", j))
    return out


def _duplicate_ids(data: dict, out: _Findings) -> None:
    """decl_id unique over the declarations and the controls' declarations (history may repeat them)."""
    where: dict[str, list[tuple]] = {}
    for path, decls in _declaration_lists(data):
        if path[-1] != "declarations":
            continue
        for i, d in enumerate(decls):
            if isinstance(d, dict) and isinstance(d.get("decl_id"), str):
                where.setdefault(d["decl_id"], []).append(path + (i, "decl_id"))
    for decl_id, paths in where.items():
        for p in paths[1:]:
            out.add(
                Code.BAD_SHAPE,
                p,
                f"decl_id `{decl_id}` used twice (first at `{_dotted(paths[0])}`)",
                "Give every declaration of a scenario file, controls included, its own decl_id.",
            )


def _unknown_columns(data: dict, fields: dict[str, str], out: _Findings) -> None:
    """Declaration and goods-line keys that are neither columns nor fields of the profile: a declaration
    accepts extra columns (typed by the profile's `fields:`), so a misspelt key would otherwise be lost."""
    header = set(Declaration.model_fields) | set(fields)
    line = set(GoodsLine.model_fields) | set(fields)
    for path, decls in _declaration_lists(data):
        for i, d in enumerate(decls):
            if not isinstance(d, dict):
                continue
            for k in d:
                if k not in header:
                    out.add(
                        Code.UNKNOWN_FIELD,
                        path + (i, k),
                        f"unknown declaration column `{k}`",
                        suggest(str(k), sorted(Declaration.model_fields)),
                    )
            lines = d.get("lines")
            for n, ln in enumerate(lines if isinstance(lines, list) else []):
                for k in ln if isinstance(ln, dict) else ():
                    if k not in line:
                        out.add(
                            Code.UNKNOWN_FIELD,
                            path + (i, "lines", n, k),
                            f"unknown goods-line column `{k}`",
                            suggest(str(k), sorted(GoodsLine.model_fields)),
                        )


def _instruction_findings(
    root: Any,
    sc: Scenario | None,
    file: str,
    fields: dict[str, str],
    lists: dict[str, NamedList],
    rule_ids: Iterable[str],
) -> tuple[list[Finding], set[str]]:
    """The rule checks on `context.instructions` and every control's, as `Profile.with_context` runs them:
    penalties added to the `penalties` list, ids unique against the profile's rules (and, for a control,
    the scenario's instructions it is scored with). Returns the findings and the instruction ids."""

    def seq(node: Any, *keys: Any) -> Any:
        found, depth = walk(node, keys)
        return found if depth == len(keys) and isinstance(found, list) else None

    findings: list[Finding] = []
    ids: set[str] = set()
    profile_seen = {r: "profile" for r in rule_ids}
    pens = list(sc.context.penalties) if sc is not None else []
    scen_seen = dict(profile_seen)
    node = seq(root, "context", "instructions")
    if node is not None:
        col = Collector(file, node)
        rules_from_node(node, col, fields, with_penalties(lists, pens), scen_seen, None)
        findings += col.findings
    controls = seq(root, "controls") or []
    for j in range(len(controls)):
        cnode = seq(root, "controls", j, "context", "instructions")
        if cnode is None:
            continue
        cpens = pens + (list(sc.controls[j].context.penalties) if sc is not None and j < len(sc.controls) else [])
        seen = dict(scen_seen)
        col = Collector(file, cnode)
        rules_from_node(cnode, col, fields, with_penalties(lists, cpens), seen, None)
        findings += col.findings
        ids |= set(seen) - set(scen_seen)
    ids |= set(scen_seen) - set(profile_seen)
    return findings, ids


def check_scenario(
    root: Any,
    file: str,
    fields: dict[str, str] | None = None,
    lists: dict[str, NamedList] | None = None,
    rule_ids: Iterable[str] | None = None,
    references: bool = True,
) -> tuple[Scenario | None, list[Finding]]:
    """Validate a parsed scenario file (`read_yaml` output); every problem a located finding.

    With `fields` (a profile's field types) the targeting instructions are checked as rules against them
    and `lists`, and with `rule_ids` (the profile's rules) their ids must not repeat a rule's. With
    `references` too (lint), what scoring would silently accept: a declaration key that is no column or
    field of the profile, an `expect.rules` id that is no rule of the profile or the scenario. The
    scenario is returned when its shape is valid (even if an instruction is not)."""
    out = _Findings(file, root)
    if not isinstance(root, dict):
        out.add(
            Code.BAD_SHAPE,
            (),
            "a scenario file holds one mapping (id, title, source, narrative, outcome, context, "
            "declarations, expect, controls)",
        )
        return None, out.findings
    data = plain(root)
    sc: Scenario | None = None
    try:
        sc = Scenario.model_validate(data)
    except ValidationError as e:
        _shape_findings(e, data, out)
    if sc is not None:
        sc._path = Path(file)
    _duplicate_ids(data, out)
    instruction_findings: list[Finding] = []
    if fields is not None:
        if references:
            _unknown_columns(data, fields, out)
        instruction_findings, ins_ids = _instruction_findings(root, sc, file, fields, lists or {}, rule_ids or ())
        if sc is not None and rule_ids is not None and references:
            known = set(rule_ids) | ins_ids
            for i, rid in enumerate(sc.expect.rules):
                if rid not in known:
                    out.add(
                        Code.BAD_VALUE,
                        ("expect", "rules", i),
                        f"`expect.rules` names `{rid}`, "
                        "neither a rule of the profile nor an instruction of the scenario",
                        suggest(rid, sorted(known)),
                    )
    shape_at = {(f.code, f.line, f.column) for f in out.findings}
    findings = out.findings + [
        f
        for f in instruction_findings  # an instruction that is no mapping: said once
        if f.rule_id is not None or (f.code, f.line, f.column) not in shape_at
    ]
    return sc, sorted(findings, key=lambda f: (f.line or 0, f.column or 0))
