"""Static checks of rules: a parsed rule mapping -> a `Rule` model, or located findings.

Nothing here reads files: the caller passes the parsed YAML node (for line numbers), the field types of
the profile (declaration columns + registered features + mapping fields) and its lists. The loader
(`riskprofile.loader`) and `Profile.with_context` (scenario and drill instructions) both use it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import string
from typing import Any

import polars as pl
from pydantic import ValidationError

from ..findings import Finding
from ..yamlio import locate, plain
from .conditions import All, Condition, Not, Test, parse, tests
from .declaration import ENUMS
from .lists import NamedList
from .operators import NUMERIC, OPERATORS
from .rules import LANES, WEIGHT_MAX, WEIGHT_MIN, Rule

_TEMPLATE = string.Formatter()


class Collector:
    """Accumulates findings for one file."""

    def __init__(self, file: str, root: Any = None):
        self.file, self.root, self.findings = file, root, []

    def add(self, code: str, path: tuple, message: str, rule_id: str | None = None, hint: str | None = None) -> None:
        line, col = locate(self.root, path) if self.root is not None else (None, None)
        self.findings.append(Finding(code, self.file, line, col, rule_id, message, hint))


def suggest(name: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f"Did you mean `{close[0]}`?" if close else None


def _is_date(v: Any) -> bool:
    if isinstance(v, dt.date):
        return True
    if isinstance(v, str):
        try:
            dt.date.fromisoformat(v)
            return True
        except ValueError:
            return False
    return False


def _scalar_fits(v: Any, ftype: str) -> bool:
    if ftype == "str":
        return isinstance(v, str)
    if ftype in NUMERIC:
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if ftype == "date":
        return _is_date(v)
    if ftype == "bool":
        return isinstance(v, bool)
    return False


def _strings(v: Any) -> bool:
    return isinstance(v, str) or (isinstance(v, list) and bool(v) and all(isinstance(x, str) for x in v))


def _rust_regex_error(pattern: str) -> str | None:
    try:
        pl.select(pl.lit("").str.contains(pattern))
        return None
    except Exception as e:  # polars raises ComputeError for patterns its Rust engine rejects
        return str(e).splitlines()[0]


def check_test(t: Test, fields: dict[str, str], lists: dict[str, NamedList]) -> list[tuple[str, str, str | None]]:
    """Problems of one field test as (code, message, hint)."""
    out: list[tuple[str, str, str | None]] = []
    if t.field not in fields:
        out.append(("RP003", f"unknown field `{t.field}`", suggest(t.field, list(fields))))
        return out
    spec = OPERATORS.get(t.op)
    if spec is None:
        out.append(("RP004", f"unknown operator `{t.op}` on field `{t.field}`", suggest(t.op, list(OPERATORS))))
        return out
    ftype = fields[t.field]
    v = t.value
    if ftype not in spec.field_types:
        out.append(("RP006", f"operator `{t.op}` does not apply to `{t.field}` ({ftype})", None))
        return out
    shape = spec.operand
    if shape == "scalar" and not _scalar_fits(v, ftype):
        out.append(("RP006", f"`{t.field}: {{{t.op}: {v!r}}}` needs a {ftype} value", None))
    elif shape == "scalars":
        if not isinstance(v, list) or not v:
            out.append(("RP006", f"`{t.op}` on `{t.field}` needs a non-empty list of {ftype} values", None))
        elif not all(_scalar_fits(x, ftype) for x in v):
            out.append(("RP006", f"`{t.op}` on `{t.field}`: every value must be {ftype}, got {v!r}", None))
    elif shape == "strings" and not _strings(v):
        out.append(("RP006", f"`{t.op}` needs a string or a non-empty list of strings, got {v!r}", None))
    elif shape == "string":
        if not isinstance(v, str):
            out.append(("RP006", f"`{t.op}` needs a string pattern, got {v!r}", None))
        else:
            try:
                re.compile(v)
                err = _rust_regex_error(v)
            except re.error as e:
                err = str(e)
            if err:
                out.append(("RP008", f"invalid regex {v!r}: {err}", None))
    elif shape == "ordered" and not _scalar_fits(v, ftype):
        out.append(("RP006", f"`{t.op}` on `{t.field}` needs a {ftype} value, got {v!r}", None))
    elif shape == "range":
        if not (isinstance(v, list) and len(v) == 2 and all(_scalar_fits(x, ftype) for x in v)):
            out.append(("RP006", f"`between` on `{t.field}` needs [low, high] of {ftype}, got {v!r}", None))
    elif shape in ("list_name", "marks_name"):
        if not isinstance(v, str):
            out.append(("RP006", f"`{t.op}` takes the name of a list, got {v!r}", None))
        elif v not in lists:
            out.append(
                (
                    "RP005",
                    f"unknown list `{v}`",
                    suggest(v, list(lists)) or f"Lists loaded: {', '.join(sorted(lists)) or 'none'}.",
                )
            )
        elif shape == "marks_name" and lists[v].kind != "marks":
            out.append(("RP006", f"`like_brand` needs a list of kind `marks`; `{v}` is `{lists[v].kind}`", None))
        elif shape == "list_name" and not lists[v].members():
            out.append(("RP006", f"list `{v}` of kind `{lists[v].kind}` has no members to compare with", None))
    elif shape == "bool" and not isinstance(v, bool):
        out.append(("RP006", f"`missing` takes true or false, got {v!r}", None))
    return out


def _ordered(v: Any) -> Any:
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def unsatisfiable(cond: Condition, fields: dict[str, str]) -> list[tuple[Test, str]]:
    """Tests the loader can prove no declaration satisfies (warnings)."""
    out: list[tuple[Test, str]] = []

    def visit(c: Condition) -> None:
        if isinstance(c, Test):
            if c.op == "between" and isinstance(c.value, list) and len(c.value) == 2:
                lo, hi = (_ordered(x) for x in c.value)
                try:
                    if lo > hi:
                        out.append((c, f"`between` on `{c.field}` has low {c.value[0]} above high {c.value[1]}"))
                except TypeError:
                    pass
            allowed = ENUMS.get(c.field)
            if allowed and c.op in ("eq", "in"):
                vals = c.value if isinstance(c.value, list) else [c.value]
                bad = [x for x in vals if x not in allowed]
                if bad and len(bad) == len(vals):
                    out.append((c, f"`{c.field}` is never {', '.join(map(repr, bad))} (values: {'|'.join(allowed)})"))
            return
        if isinstance(c, Not):
            visit(c.item)
            return
        for sub in c.items:
            visit(sub)
        if isinstance(c, All):
            lows: dict[str, Any] = {}
            highs: dict[str, Any] = {}
            for sub in c.items:
                if (
                    isinstance(sub, Test)
                    and sub.op in ("gt", "ge")
                    and fields.get(sub.field) in ("int", "float", "date")
                ):
                    lows[sub.field] = max(lows.get(sub.field, _ordered(sub.value)), _ordered(sub.value))
                if (
                    isinstance(sub, Test)
                    and sub.op in ("lt", "le")
                    and fields.get(sub.field) in ("int", "float", "date")
                ):
                    highs[sub.field] = min(highs.get(sub.field, _ordered(sub.value)), _ordered(sub.value))
            for f in lows.keys() & highs.keys():
                try:
                    if lows[f] > highs[f]:
                        out.append((c, f"`{f}` must be at least {lows[f]} and at most {highs[f]}"))
                except TypeError:
                    pass

    visit(cond)
    return out


def _template_fields(template: str) -> list[str]:
    names = []
    for _, name, _, _ in _TEMPLATE.parse(template):
        if name is not None:
            names.append(name)
    return names


def check_rule_node(
    node: Any, col: Collector, fields: dict[str, str], lists: dict[str, NamedList], path: tuple, as_of: dt.date | None
) -> Rule | None:
    """Validate one rule mapping; record findings; return the model when it has no errors."""
    before = len([f for f in col.findings if f.severity == "error"])
    if not isinstance(node, dict):
        col.add("RP002", path, f"a rule must be a mapping, got {type(node).__name__}")
        return None
    data = plain(node)
    rid = data.get("id") if isinstance(data.get("id"), str) else None

    when = data.get("when")
    cond: Condition | None = None
    if when is None:
        col.add("RP002", path + ("when",), "rule has no `when` condition", rid)
    else:
        cond, problems = parse(when, path + ("when",))
        for p, code, msg in problems:
            col.add(code, p, msg, rid)
        if cond is not None:
            for t in tests(cond):
                for code, msg, hint in check_test(t, fields, lists):
                    col.add(code, t.path, msg, rid, hint)
            for t, msg in unsatisfiable(cond, fields):
                col.add("RP102", t.path, msg, rid)

    probe = dict(data)
    probe["when"] = {"decl_id": {"missing": False}}
    try:
        rule = Rule.model_validate(probe)
    except ValidationError as e:
        rule = None
        for err in e.errors():
            loc = tuple(err["loc"])
            msg = err["msg"]
            code = "RP002"
            if loc[:1] == ("weight",) and err["type"] in ("greater_than_equal", "less_than_equal"):
                code = "RP011"
                msg = f"weight {data.get('weight')!r} is out of range [{WEIGHT_MIN:g}, {WEIGHT_MAX:g}]"
            elif "valid_to" in msg and "before" in msg:
                code = "RP010"
                loc = ("valid_to",)
                msg = msg.removeprefix("Value error, ")
            elif err["type"] == "extra_forbidden":
                msg = f"unknown key `{loc[-1]}`"
                hint = suggest(str(loc[-1]), list(Rule.model_fields))
                col.add(code, path + loc, msg, rid, hint)
                continue
            elif loc[:1] == ("lane",):
                code = "RP012"
                msg = f"unknown lane {data.get('lane')!r} (lanes: {', '.join(LANES)})"
            elif err["type"] == "missing":
                msg = f"missing required key `{loc[-1]}`"
            else:
                msg = f"`{'.'.join(map(str, loc))}`: {msg}"
            col.add(code, path + loc, msg, rid)

    if rule is not None:
        if as_of is not None and rule.valid_to is not None and rule.valid_to < as_of and rule.status == "active":
            col.add("RP101", path + ("valid_to",), f"window ended {rule.valid_to} (before {as_of})", rid)
        if not rule.references or not rule.rationale:
            col.add(
                "RP103",
                path,
                "rule has no " + (" and ".join(k for k in ("rationale", "references") if not getattr(rule, k))),
                rid,
            )
        for key in ("explain", "explain_zh"):
            template = getattr(rule, key)
            if not template:
                continue
            try:
                names = _template_fields(template)
            except ValueError as e:
                col.add("RP013", path + (key,), f"bad {key} template: {e}", rid)
                names = []
            for n in names:
                base = re.split(r"[.\[]", n, maxsplit=1)[0]
                if base not in fields or base != n:
                    col.add(
                        "RP013",
                        path + (key,),
                        f"{key} template names unknown field `{{{n}}}`",
                        rid,
                        suggest(base, list(fields)),
                    )
    errors_now = len([f for f in col.findings if f.severity == "error"])
    if rule is None or cond is None or errors_now > before:
        return None
    return rule.model_copy(update={"when": cond})


def rules_from_node(
    root: Any,
    col: Collector,
    fields: dict[str, str],
    lists: dict[str, NamedList],
    seen: dict[str, str],
    as_of: dt.date | None,
    key: str = "rules",
) -> list[Rule]:
    if root is None:
        return []
    if isinstance(root, dict):
        extra = [k for k in root if k != key]
        for k in extra:
            col.add("RP002", (k,), f"unknown top-level key `{k}` in a rule file (expected `{key}:`)")
        items = root.get(key, [])
        base: tuple = (key,)
    else:
        items, base = root, ()
    if not isinstance(items, list):
        col.add("RP002", base, f"`{key}` must be a list of rules")
        return []
    rules = []
    for i, node in enumerate(items):
        rule = check_rule_node(node, col, fields, lists, base + (i,), as_of)
        rid = node.get("id") if isinstance(node, dict) else None
        if isinstance(rid, str):
            line, _ = locate(col.root, base + (i, "id"))
            where = f"{col.file}:{line}"
            if rid in seen:
                col.add("RP007", base + (i, "id"), f"duplicate rule id `{rid}` (first defined at {seen[rid]})", rid)
                rule = None
            else:
                seen[rid] = where
        if rule is not None:
            rules.append(rule)
    return rules
