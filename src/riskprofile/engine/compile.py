"""Condition trees -> polars expressions (builders of the operator registry), and rules -> a compiled rule set.

Semantics (shared with the reference evaluator): a test on a null value is false, except `missing`;
`not` negates the (null-free) result; `contains` is case-insensitive; `in_list` on a `prefix` list
matches code prefixes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from ..model.conditions import Condition, Test, fold, tests
from ..model.lists import NamedList
from ..model.operators import OPERATORS
from ..model.rules import Rule


@dataclass
class CompileContext:
    fields: dict[str, str]
    lists: dict[str, NamedList]


def _test_expr(test: Test, ctx: CompileContext) -> pl.Expr:
    """One field test through its operator's builder (`model.operators`); null where the value is."""
    build = OPERATORS[test.op].build
    return build(pl.col(test.field), test.value, ctx.fields[test.field], ctx.lists, test.field)


def compile_test(test: Test, ctx: CompileContext) -> pl.Expr:
    """One field test; null -> false."""
    return _test_expr(test, ctx).fill_null(False)


def compile_condition(cond: Condition, ctx: CompileContext) -> pl.Expr:
    """The condition as one null-free expression. `all`/`any` follow Kleene logic and are monotone, so
    a null test inside them may stay null until the next `not` or the root, where it is taken as false:
    the same result as filling every test, with one fill per `not` and root instead of one per test."""
    return fold(
        cond,
        test=lambda t: _test_expr(t, ctx),
        all_=lambda _, parts: pl.all_horizontal(list(parts)),
        any_=lambda _, parts: pl.any_horizontal(list(parts)),
        not_=lambda _, part: ~part.fill_null(False),
    ).fill_null(False)


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
