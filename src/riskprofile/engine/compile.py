"""Condition trees -> polars expressions (one operator registry), and rules -> a compiled rule set.

Semantics (shared with the reference evaluator): a test on a null value is false, except `missing`;
`not` negates the (null-free) result; `contains` is case-insensitive; `in_list` on a `prefix` list
matches code prefixes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ..features.brand import like_brand_column
from ..model.conditions import All, Condition, Not, Test, tests
from ..model.lists import NamedList
from ..model.rules import Rule


def _lit(value: Any, ftype: str) -> Any:
    if ftype == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _strings(v: Any) -> list[str]:
    return [v] if isinstance(v, str) else list(v)


def _prefix_any(col: pl.Expr, prefixes: list[str]) -> pl.Expr:
    """Starts with any of the prefixes: one hash lookup per distinct prefix length."""
    by_len: dict[int, list[str]] = {}
    for p in prefixes:
        by_len.setdefault(len(p), []).append(p)
    parts = [col.str.slice(0, n).is_in(ps) & (col.str.len_chars() >= n) for n, ps in sorted(by_len.items())]
    return pl.any_horizontal(parts) if parts else pl.lit(False)


@dataclass
class CompileContext:
    fields: dict[str, str]
    lists: dict[str, NamedList]


def _missing(col: pl.Expr, ftype: str) -> pl.Expr:
    return (col.is_null() | (col == "")) if ftype == "str" else col.is_null()


OPERATORS: dict[str, Callable[[pl.Expr, Any, str, CompileContext, Test], pl.Expr]] = {
    "eq": lambda c, v, t, ctx, test: c == _lit(v, t),
    "ne": lambda c, v, t, ctx, test: c != _lit(v, t),
    "in": lambda c, v, t, ctx, test: c.is_in([_lit(x, t) for x in v]),
    "prefix": lambda c, v, t, ctx, test: _prefix_any(c, _strings(v)),
    "contains": lambda c, v, t, ctx, test: pl.any_horizontal(
        c.str.to_lowercase().str.contains(s.lower(), literal=True) for s in _strings(v)
    ),
    "regex": lambda c, v, t, ctx, test: c.str.contains(v),
    "lt": lambda c, v, t, ctx, test: c < _lit(v, t),
    "le": lambda c, v, t, ctx, test: c <= _lit(v, t),
    "gt": lambda c, v, t, ctx, test: c > _lit(v, t),
    "ge": lambda c, v, t, ctx, test: c >= _lit(v, t),
    "between": lambda c, v, t, ctx, test: c.is_between(_lit(v[0], t), _lit(v[1], t), closed="both"),
    "in_list": lambda c, v, t, ctx, test: (
        _prefix_any(c, ctx.lists[v].members()) if ctx.lists[v].prefix_match else c.is_in(ctx.lists[v].members())
    ),
    "like_brand": lambda c, v, t, ctx, test: pl.col(like_brand_column(test.field, v)),
    "missing": lambda c, v, t, ctx, test: _missing(c, t) if v else ~_missing(c, t),
}


def compile_test(test: Test, ctx: CompileContext) -> pl.Expr:
    expr = OPERATORS[test.op](pl.col(test.field), test.value, ctx.fields[test.field], ctx, test)
    return expr.fill_null(False)


def compile_condition(cond: Condition, ctx: CompileContext) -> pl.Expr:
    if isinstance(cond, Test):
        return compile_test(cond, ctx)
    if isinstance(cond, Not):
        return ~compile_condition(cond.item, ctx)
    parts = [compile_condition(c, ctx) for c in cond.items]
    return pl.all_horizontal(parts) if isinstance(cond, All) else pl.any_horizontal(parts)


def rule_gate(rule: Rule, as_of: dt.date | None = None) -> pl.Expr | None:
    """Validity window and applies_to of a rule as one expression (None when unconditional)."""
    parts: list[pl.Expr] = []
    when = pl.lit(as_of) if as_of is not None else pl.col("declared_at")
    if rule.valid_from is not None:
        parts.append(when >= pl.lit(rule.valid_from))
    if rule.valid_to is not None:
        parts.append(when <= pl.lit(rule.valid_to))
    a = rule.applies_to
    if a is not None:
        for col, allowed in (
            ("direction", a.direction),
            ("transport_mode", a.transport_mode),
            ("trade_mode", a.trade_mode),
        ):
            if allowed:
                parts.append(pl.col(col).is_in(list(allowed)))
    if not parts:
        return None
    return pl.all_horizontal(parts).fill_null(False)


@dataclass
class CompiledRules:
    """Active rules in output order (highest weight first, then id) and their line-level expressions."""

    rules: list[Rule]
    exprs: list[pl.Expr]
    features: set[str] = field(default_factory=set)
    like_brand: set[tuple[str, str]] = field(default_factory=set)


def compile_rules(
    rules: list[Rule], fields: dict[str, str], lists: dict[str, NamedList], as_of: dt.date | None = None
) -> CompiledRules:
    ctx = CompileContext(fields, lists)
    active = sorted((r for r in rules if r.status == "active"), key=lambda r: (-r.weight, r.id))
    exprs, needed, like = [], set(), set()
    for r in active:
        e = compile_condition(r.when, ctx)
        gate = rule_gate(r, as_of)
        exprs.append(e if gate is None else (gate & e))
        for t in tests(r.when):
            needed.add(t.field)
            if t.op == "like_brand":
                like.add((t.field, t.value))
    return CompiledRules(active, exprs, needed, like)
