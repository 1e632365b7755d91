"""Static checks of rules: a parsed rule mapping -> a `Rule` model, or located findings.

Nothing here reads files: the caller passes the parsed YAML node (for line numbers), the field types of
the profile (declaration columns + registered features + mapping fields) and its lists. The loader
(`riskprofile.loader`) and `Profile.with_context` (scenario and drill instructions) both use it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from collections.abc import Iterator
from typing import Any

import polars as pl
from pydantic import ValidationError

from ..findings import Code, Collector, findings_from_validation, suggest
from ..yamlio import locate, plain
from .conditions import All, Condition, Test, fold, parse, tests
from .lists import NamedList
from .operators import NUMERIC, OPERATORS, ORDERED, operators_hint
from .rules import WEIGHT_MAX, WEIGHT_MIN, Rule, RuleHead
from .vocab import ENUMS, LANES

_TEMPLATE = string.Formatter()


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
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    if ftype == "date":
        return _is_date(v)
    if ftype == "bool":
        return isinstance(v, bool)
    return False


def _what(ftype: str) -> str:
    return f"{ftype} value" + (" (a finite number)" if ftype in NUMERIC else "")


def _strings(v: Any) -> bool:
    return isinstance(v, str) or (isinstance(v, list) and bool(v) and all(isinstance(x, str) for x in v))


def _rust_regex_error(pattern: str) -> str | None:
    try:
        pl.select(pl.lit("").str.contains(pattern))
        return None
    except Exception as e:  # polars raises ComputeError for patterns its Rust engine rejects
        return str(e).splitlines()[0]


def check_test(t: Test, fields: dict[str, str], lists: dict[str, NamedList]) -> list[tuple[Code, str, str | None]]:
    """Problems of one field test as (code, message, hint)."""
    out: list[tuple[Code, str, str | None]] = []
    if t.field not in fields:
        out.append((Code.UNKNOWN_FIELD, f"unknown field `{t.field}`", suggest(t.field, list(fields))))
        return out
    spec = OPERATORS.get(t.op)
    if spec is None:
        out.append(
            (
                Code.UNKNOWN_OPERATOR,
                f"unknown operator `{t.op}` on field `{t.field}`",
                suggest(t.op, list(OPERATORS)) or operators_hint(),
            )
        )
        return out
    ftype = fields[t.field]
    v = t.value
    if ftype not in spec.field_types:
        out.append((Code.WRONG_OPERAND, f"operator `{t.op}` does not apply to `{t.field}` ({ftype})", None))
        return out
    shape = spec.operand
    if shape == "scalar" and not _scalar_fits(v, ftype):
        out.append((Code.WRONG_OPERAND, f"`{t.field}: {{{t.op}: {v!r}}}` needs a {_what(ftype)}", None))
    elif shape == "scalars":
        if not isinstance(v, list) or not v:
            out.append((Code.WRONG_OPERAND, f"`{t.op}` on `{t.field}` needs a non-empty list of {ftype} values", None))
        elif not all(_scalar_fits(x, ftype) for x in v):
            out.append((Code.WRONG_OPERAND, f"`{t.op}` on `{t.field}`: every value must be {ftype}, got {v!r}", None))
    elif shape == "strings" and not _strings(v):
        out.append((Code.WRONG_OPERAND, f"`{t.op}` needs a string or a non-empty list of strings, got {v!r}", None))
    elif shape == "string":
        if not isinstance(v, str):
            out.append((Code.WRONG_OPERAND, f"`{t.op}` needs a string pattern, got {v!r}", None))
        else:
            try:
                re.compile(v)
                err = _rust_regex_error(v)
            except re.error as e:
                err = str(e)
            if err:
                out.append((Code.INVALID_REGEX, f"invalid regex {v!r}: {err}", None))
    elif shape == "ordered" and not _scalar_fits(v, ftype):
        out.append((Code.WRONG_OPERAND, f"`{t.op}` on `{t.field}` needs a {_what(ftype)}, got {v!r}", None))
    elif shape == "range":
        if not (isinstance(v, list) and len(v) == 2 and all(_scalar_fits(x, ftype) for x in v)):
            out.append((Code.WRONG_OPERAND, f"`between` on `{t.field}` needs [low, high] of {ftype}, got {v!r}", None))
    elif shape in ("list_name", "marks_name"):
        if not isinstance(v, str):
            out.append((Code.WRONG_OPERAND, f"`{t.op}` takes the name of a list, got {v!r}", None))
        elif v not in lists:
            out.append(
                (
                    Code.UNKNOWN_LIST,
                    f"unknown list `{v}`",
                    suggest(v, list(lists)) or f"Lists loaded: {', '.join(sorted(lists)) or 'none'}.",
                )
            )
        elif shape == "marks_name" and lists[v].kind != "marks":
            out.append(
                (Code.WRONG_OPERAND, f"`like_brand` needs a list of kind `marks`; `{v}` is `{lists[v].kind}`", None)
            )
        elif shape == "list_name" and not lists[v].members():
            out.append(
                (Code.WRONG_OPERAND, f"list `{v}` of kind `{lists[v].kind}` has no members to compare with", None)
            )
    elif shape == "bool" and not isinstance(v, bool):
        out.append((Code.WRONG_OPERAND, f"`missing` takes true or false, got {v!r}", None))
    return out


def _ordered(v: Any) -> Any:
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def unsatisfiable(cond: Condition, fields: dict[str, str]) -> list[tuple[Condition, str]]:
    """Tests the loader can prove no declaration satisfies (warnings)."""
    out: list[tuple[Condition, str]] = []

    def leaf(c: Test) -> None:
        if (
            c.op == "between"
            and isinstance(c.value, list)
            and len(c.value) == 2
            and all(_scalar_fits(x, fields.get(c.field, "")) for x in c.value)
        ):
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

    def bounds(c: All, parts: Iterator[None]) -> None:
        """Lower and upper bounds on one field, among the direct tests of an `all`, that cross."""
        for _ in parts:
            pass
        lows: dict[str, Any] = {}
        highs: dict[str, Any] = {}
        for sub in c.items:
            # only bounds of the field's type: a wrong one (`gt: "a lot"`) is check_test's RP006
            if (
                not isinstance(sub, Test)
                or fields.get(sub.field) not in ORDERED
                or not _scalar_fits(sub.value, fields[sub.field])
            ):
                continue
            v = _ordered(sub.value)
            if sub.op in ("gt", "ge"):
                lows[sub.field] = max(lows.get(sub.field, v), v)
            if sub.op in ("lt", "le"):
                highs[sub.field] = min(highs.get(sub.field, v), v)
        for f in sorted(lows.keys() & highs.keys()):
            try:
                if lows[f] > highs[f]:
                    out.append((c, f"`{f}` must be at least {lows[f]} and at most {highs[f]}"))
            except TypeError:
                pass

    def each(_: Any, parts: Iterator[None]) -> None:
        for _ in parts:
            pass

    fold(cond, test=leaf, all_=bounds, any_=each, not_=lambda _, part: None)
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
    before = col.errors()
    if not isinstance(node, dict):
        col.add(Code.BAD_SHAPE, path, f"a rule must be a mapping, got {type(node).__name__}")
        return None
    data = plain(node)
    rid = data.get("id") if isinstance(data.get("id"), str) else None

    when = data.get("when")
    cond: Condition | None = None
    if when is None:
        col.add(Code.BAD_SHAPE, path + ("when",), "rule has no `when` condition", rid)
    else:
        cond, problems = parse(when, path + ("when",))
        for p, code, msg in problems:
            col.add(code, p, msg, rid)
        if cond is not None:
            for t in tests(cond):
                for code, msg, hint in check_test(t, fields, lists):
                    col.add(code, t.path, msg, rid, hint)
            for node, msg in unsatisfiable(cond, fields):
                col.add(Code.UNSATISFIABLE, node.path, msg, rid)

    def refine(err: dict, at: tuple) -> tuple[Code, tuple, str] | None:
        if at[:1] == ("weight",) and err["type"] in ("greater_than_equal", "less_than_equal"):
            return (
                Code.WEIGHT_OUT_OF_RANGE,
                at,
                (f"weight {data.get('weight')!r} is out of range [{WEIGHT_MIN:g}, {WEIGHT_MAX:g}]"),
            )
        if "valid_to" in err["msg"] and "before" in err["msg"]:
            return Code.WINDOW_REVERSED, ("valid_to",), err["msg"].removeprefix("Value error, ")
        if at[:1] == ("lane",) and err["type"] != "extra_forbidden":
            return Code.BAD_VALUE, at, f"unknown lane {data.get('lane')!r} (lanes: {', '.join(LANES)})"
        return None

    # The condition was parsed and checked above: the rest of the rule is validated apart.
    head: RuleHead | None = None
    try:
        head = RuleHead.model_validate({k: v for k, v in data.items() if k != "when"})
    except ValidationError as e:
        findings_from_validation(e, col, data=data, path=path, rule_id=rid, known_keys=Rule.model_fields, refine=refine)

    if head is not None:
        if as_of is not None and head.valid_to is not None and head.valid_to < as_of and head.status == "active":
            col.add(Code.WINDOW_PASSED, path + ("valid_to",), f"window ended {head.valid_to} (before {as_of})", rid)
        if not head.references or not head.rationale:
            col.add(
                Code.NO_PROVENANCE,
                path,
                "rule has no " + (" and ".join(k for k in ("rationale", "references") if not getattr(head, k))),
                rid,
            )
        for key in ("explain", "explain_zh"):
            template = getattr(head, key)
            if not template:
                continue
            try:
                names = _template_fields(template)
            except ValueError as e:
                col.add(Code.UNKNOWN_TEMPLATE_FIELD, path + (key,), f"bad {key} template: {e}", rid)
                names = []
            for n in names:
                base = re.split(r"[.\[]", n, maxsplit=1)[0]
                if base not in fields or base != n:
                    col.add(
                        Code.UNKNOWN_TEMPLATE_FIELD,
                        path + (key,),
                        f"{key} template names unknown field `{{{n}}}`",
                        rid,
                        suggest(base, list(fields)),
                    )
    if head is None or cond is None or col.errors() > before:
        return None
    return Rule.around(head, cond)


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
            col.add(Code.BAD_SHAPE, (k,), f"unknown top-level key `{k}` in a rule file (expected `{key}:`)")
        items = root.get(key, [])
        base: tuple = (key,)
    else:
        items, base = root, ()
    if not isinstance(items, list):
        col.add(Code.BAD_SHAPE, base, f"`{key}` must be a list of rules")
        return []
    rules = []
    for i, node in enumerate(items):
        rule = check_rule_node(node, col, fields, lists, base + (i,), as_of)
        rid = node.get("id") if isinstance(node, dict) else None
        if isinstance(rid, str):
            line, _ = locate(col.root, base + (i, "id"))
            where = f"{col.file}:{line}"
            if rid in seen:
                col.add(
                    Code.DUPLICATE_RULE_ID,
                    base + (i, "id"),
                    f"duplicate rule id `{rid}` (first defined at {seen[rid]})",
                    rid,
                )
                rule = None
            else:
                seen[rid] = where
        if rule is not None:
            rules.append(rule)
    return rules
