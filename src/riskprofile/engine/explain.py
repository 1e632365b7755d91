"""Why a declaration got its score and lane: fired rules with the values that made them fire,
the score arithmetic, and near misses (rules that one failed condition kept from firing)."""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ..features.registry import feature_types
from ..model.conditions import Test, describe, evaluate_tree, tests
from ..model.declaration import HEADER_SCHEMA
from ..model.rules import Rule
from .compile import CompileContext, compile_test, rule_gate
from .prepare import _frames


class _SafeFormatter(string.Formatter):
    """`{field}` / `{field:spec}` only: no attribute or index access, missing values shown as n/a."""

    def get_field(self, field_name, args, kwargs):
        if not field_name.isidentifier():
            raise KeyError(field_name)
        return kwargs.get(field_name), field_name

    def format_field(self, value, format_spec):
        if value is None:
            return "n/a"
        try:
            return format(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_FMT = _SafeFormatter()


def render(template: str, row: dict) -> str:
    try:
        return _FMT.vformat(template, (), row)
    except (KeyError, ValueError, IndexError):
        return template


@dataclass
class FiredRule:
    id: str
    title: str
    weight: float
    lane: str | None
    reason: str
    lines: list[int]
    values: dict[str, Any]
    references: list[str]


@dataclass
class NearMiss:
    id: str
    title: str
    weight: float
    failed: str
    actual: Any
    line: int | None


@dataclass
class Explanation:
    decl_id: str
    score: float
    lane: str
    forced_by: str | None
    random: bool
    thresholds: dict[str, float]
    fired: list[FiredRule] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)

    @property
    def arithmetic(self) -> str:
        if not self.fired:
            return "no rule fired: score 0"
        parts = " + ".join(f"{r.weight:g} ({r.id})" for r in self.fired)
        return f"{parts} = {self.score:g}"

    @property
    def action(self) -> str:
        """What the officer does: release, documents (IP-status declaration request) or inspection."""
        from .actions import action_for

        return action_for(self.lane, self.random)

    def to_json(self) -> dict:
        from dataclasses import asdict

        d = asdict(self)
        d["arithmetic"] = self.arithmetic
        d["action"] = self.action
        return _jsonable(d)


def _jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_jsonable(v) for v in x]
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    return x


def explain(profile, decl_id: str, data: Any, history: Any = None, as_of: dt.date | None = None) -> Explanation:
    """Explain one declaration of `data` (scored with the profile's one scoring path).

    Line features are computed for that declaration's lines only: the other rows of `data` join
    `history`, which gives the same features when every history-scope feature is trader history
    (declarations are each other's history either way); otherwise the whole input is prepared."""
    split = _split(profile, decl_id, data)
    if split is not None:
        own, others = split
        history = [*others, *_frames(history)]
        data = own
    prepared = profile.prepare(data, history or None, features=set(feature_types()), as_of=as_of).only(decl_id)
    lines = prepared.lines
    if lines.height == 0:
        raise KeyError(decl_id)
    result = profile.score_prepared(prepared, as_of=as_of)
    row = result.declarations.row(0, named=True)
    compiled = profile.compiled(as_of)
    ctx = CompileContext(profile.fields, profile.lists)

    leaf_cols: dict[tuple[str, int], pl.Expr] = {}
    gates: dict[str, pl.Expr] = {}
    for r in compiled.rules:
        for j, t in enumerate(tests(r.when)):
            leaf_cols[(r.id, j)] = compile_test(t, ctx).alias(f"{r.id}#{j}")
        g = rule_gate(r, as_of)
        gates[r.id] = (g if g is not None else pl.lit(True)).alias(f"{r.id}#gate")
    truth = lines.select(*leaf_cols.values(), *gates.values()).to_dicts()
    rows = lines.to_dicts()
    fired_ids = list(row["rules"])
    by_id = {r.id: r for r in compiled.rules}

    fired: list[FiredRule] = []
    for rid in fired_ids:
        r = by_id[rid]
        hit_lines = [i for i, tv in enumerate(truth) if tv[f"{rid}#gate"] and _tree(r, tv)]
        first = rows[hit_lines[0]] if hit_lines else rows[0]
        values = {t.field: first.get(t.field) for t in tests(r.when)}
        reason = render(r.explain, first) if r.explain else "; ".join(f"{k} = {v!r}" for k, v in values.items())
        fired.append(
            FiredRule(
                r.id,
                r.title,
                r.weight,
                r.lane,
                reason,
                [rows[i].get("item_no") or i + 1 for i in hit_lines],
                values,
                list(r.references),
            )
        )

    misses: list[NearMiss] = []
    for r in compiled.rules:
        if r.id in fired_ids or r.weight <= 0:
            continue
        miss = _near_miss(r, truth, rows)
        if miss is not None:
            misses.append(miss)
    misses.sort(key=lambda m: -m.weight)

    header_cols = [c for c in lines.columns if c in HEADER_SCHEMA]
    return Explanation(
        decl_id,
        row["score"],
        row["lane"],
        row["forced_by"],
        row["random"],
        {"yellow": profile.config.lanes.yellow, "red": profile.config.lanes.red},
        fired,
        misses,
        {c: rows[0].get(c) for c in header_cols},
        [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
    )


def _split(profile, decl_id: str, data: Any) -> tuple[list[pl.DataFrame], list[pl.DataFrame]] | None:
    """(the declaration's raw rows, the other rows) of frame input, when that gives the same features."""
    from .batches import BatchError, supported

    if not (
        isinstance(data, pl.DataFrame) or (isinstance(data, list) and all(isinstance(d, pl.DataFrame) for d in data))
    ):
        return None
    try:
        supported(profile)
    except BatchError:
        return None
    frames = _frames(data)
    if any("decl_id" not in f.columns for f in frames):
        return None
    key = pl.col("decl_id").cast(pl.String).str.strip_chars()
    own = [f.filter(key == decl_id) for f in frames]
    if not any(f.height for f in own):
        raise KeyError(decl_id)
    return [f for f in own if f.height], [f.filter((key != decl_id).fill_null(True)) for f in frames]


def _tree(rule: Rule, tv: dict, flip: int | None = None) -> bool:
    counter = iter(range(10**9))

    def leaf(t: Test) -> bool:
        j = next(counter)
        v = bool(tv[f"{rule.id}#{j}"])
        return (not v) if j == flip else v

    return evaluate_tree(rule.when, leaf)


def _near_miss(rule: Rule, truth: list[dict], rows: list[dict]) -> NearMiss | None:
    """The one condition whose change would have made the rule fire on some line (or its window)."""
    leaves = list(tests(rule.when))
    if len(leaves) < 2:
        return None
    for i, tv in enumerate(truth):
        if not any(tv[f"{rule.id}#{j}"] for j in range(len(leaves))):
            continue
        if not tv[f"{rule.id}#gate"]:
            if _tree(rule, tv):
                return NearMiss(
                    rule.id,
                    rule.title,
                    rule.weight,
                    "outside the rule's window or applies_to",
                    rows[i].get("declared_at"),
                    rows[i].get("item_no") or i + 1,
                )
            continue
        for j, t in enumerate(leaves):
            if not tv[f"{rule.id}#{j}"] and _tree(rule, tv, flip=j):
                return NearMiss(
                    rule.id, rule.title, rule.weight, describe(t), rows[i].get(t.field), rows[i].get("item_no") or i + 1
                )
    return None
