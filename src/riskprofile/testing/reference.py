"""Reference evaluator: a deliberately simple per-row interpreter of the rule language.

Plain Python over one row dict at a time, written independently of the polars compiler. It is the
test oracle of the compiled path and the baseline of `riskprofile bench`. Features come from the same
feature pipeline (`Profile.prepare`); only rule evaluation and aggregation are re-done here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..features.brand import matcher
from ..features.context import FeatureContext
from ..model.conditions import Test, evaluate_tree
from ..model.lists import NamedList
from ..model.rules import LANE_RANK, LANES, Lanes, Rule


def _coerce(v: Any, ftype: str) -> Any:
    if ftype == "date" and isinstance(v, str):
        return dt.date.fromisoformat(v)
    return v


def _is_missing(v: Any) -> bool:
    return v is None or v == ""


def _in_list(v: Any, x: Any, ftype: str, lists: dict[str, NamedList], ctx: FeatureContext) -> bool:
    lst = lists[x]
    members = lst.members()
    return any(v.startswith(m) for m in members) if lst.prefix_match else v in members


def _many(x: Any) -> list[str]:
    return [x] if isinstance(x, str) else x


#: Operator -> (row value (not null), operand, field type, lists, feature context) -> bool. Its own table,
#: on purpose: the oracle shares no code with `model.operators`; a test checks both name the same operators.
REFERENCE_OPERATORS: dict[str, Callable[[Any, Any, str, dict[str, NamedList], FeatureContext], bool]] = {
    "eq": lambda v, x, t, ls, ctx: v == _coerce(x, t),
    "ne": lambda v, x, t, ls, ctx: v != _coerce(x, t),
    "in": lambda v, x, t, ls, ctx: v in [_coerce(i, t) for i in x],
    "prefix": lambda v, x, t, ls, ctx: any(v.startswith(p) for p in _many(x)),
    "contains": lambda v, x, t, ls, ctx: any(s.lower() in v.lower() for s in _many(x)),
    "regex": lambda v, x, t, ls, ctx: re.search(x, v) is not None,
    "lt": lambda v, x, t, ls, ctx: v < _coerce(x, t),
    "le": lambda v, x, t, ls, ctx: v <= _coerce(x, t),
    "gt": lambda v, x, t, ls, ctx: v > _coerce(x, t),
    "ge": lambda v, x, t, ls, ctx: v >= _coerce(x, t),
    "between": lambda v, x, t, ls, ctx: _coerce(x[0], t) <= v <= _coerce(x[1], t),
    "in_list": _in_list,
    "like_brand": lambda v, x, t, ls, ctx: matcher(ctx, x).match(v)[0] is not None,
    "missing": lambda v, x, t, ls, ctx: _is_missing(v) if x else not _is_missing(v),
}


def eval_test(test: Test, row: dict, ftype: str, lists: dict[str, NamedList], ctx: FeatureContext) -> bool:
    v = row.get(test.field)
    op, x = test.op, test.value
    if op == "missing":
        return _is_missing(v) if x else not _is_missing(v)
    if v is None:
        return False
    if op not in REFERENCE_OPERATORS:
        raise ValueError(f"unknown operator {op}")
    return REFERENCE_OPERATORS[op](v, x, ftype, lists, ctx)


def rule_applies(rule: Rule, row: dict, as_of: dt.date | None = None) -> bool:
    when = as_of or row.get("declared_at")
    if rule.valid_from and (when is None or when < rule.valid_from):
        return False
    if rule.valid_to and (when is None or when > rule.valid_to):
        return False
    a = rule.applies_to
    if a is not None:
        for col, allowed in (
            ("direction", a.direction),
            ("transport_mode", a.transport_mode),
            ("trade_mode", a.trade_mode),
        ):
            if allowed and row.get(col) not in allowed:
                return False
    return True


def rule_fires(
    rule: Rule,
    row: dict,
    fields: dict[str, str],
    lists: dict[str, NamedList],
    ctx: FeatureContext,
    as_of: dt.date | None = None,
) -> bool:
    if rule.status != "active" or not rule_applies(rule, row, as_of):
        return False
    return evaluate_tree(rule.when, lambda t: eval_test(t, row, fields[t.field], lists, ctx))


def reference_score(profile, rows: Iterable[dict], as_of: dt.date | None = None) -> list[dict]:
    """Per declaration (first-appearance order): decl_id, score, lane, rules, forced_by."""
    rules = sorted((r for r in profile.rules if r.status == "active"), key=lambda r: (-r.weight, r.id))
    lanes: Lanes = profile.config.lanes
    fired: dict[str, set[str]] = {}
    for row in rows:
        hits = fired.setdefault(row["decl_id"], set())
        for r in rules:
            if r.id not in hits and rule_fires(r, row, profile.fields, profile.lists, profile.context, as_of):
                hits.add(r.id)
    out = []
    for decl_id, hits in fired.items():
        chosen = [r for r in rules if r.id in hits]
        score = float(sum(r.weight for r in chosen))
        rank = 2 if score >= lanes.red else 1 if score >= lanes.yellow else 0
        forcing = sorted((r for r in chosen if r.lane), key=lambda r: (-LANE_RANK[r.lane], -r.weight, r.id))
        if forcing:
            rank = max(rank, LANE_RANK[forcing[0].lane])
        out.append(
            {
                "decl_id": decl_id,
                "score": score,
                "lane": LANES[rank],
                "rules": [r.id for r in chosen],
                "forced_by": forcing[0].id if forcing else None,
            }
        )
    return out
