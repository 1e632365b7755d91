"""Why a declaration got its score and lane: fired rules with the values that made them fire,
the score arithmetic, and near misses (rules that one failed condition kept from firing)."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ..features.registry import feature_types, plan
from ..io.mapping import load_mapping, read_mapped
from ..io.narrow import UnknownDeclaration, read_related, related
from ..model.conditions import Test, describe, evaluate_tree, tests
from ..model.declaration import HEADER_SCHEMA
from ..model.rules import Rule
from .compile import CompileContext, compile_test, rule_gate
from .prepare import Normalised, _frames, normalise_all


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


def explain(
    profile, decl_id: str, data: Any, history: Any = None, as_of: dt.date | None = None, *, whole: bool = False
) -> Explanation:
    """Explain one declaration of `data` (scored with the profile's one scoring path).

    When the only history the profile reads is trader history (`trader_local`), only the declaration's
    lines and the declarations of its trader are normalised and prepared (`io.narrow.related`), line
    features for its lines only: the same explanation as scoring the whole input, which `whole` does
    (every line of the input prepared). Raises `UnknownDeclaration` (a KeyError) when the declaration
    is absent or rejected."""
    if not whole:
        data, history = _narrowed(profile, decl_id, data, history, as_of)
    prepared = profile.prepare(data, history or None, features=set(feature_types()), as_of=as_of)
    rejects = prepared.rejects
    prepared = prepared.only(decl_id)
    lines = prepared.lines
    if lines.height == 0:
        raise UnknownDeclaration(decl_id, reason=_reason(rejects, decl_id))
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


def trader_local(profile, as_of: dt.date | None = None) -> bool:
    """Whether trader history is the only history an explanation reads (no outcome rates, say): then a
    declaration needs only its own lines and its trader's declarations."""
    needed = set(profile.compiled(as_of).features) | set(feature_types())
    return all(g.name == "history" for g in plan(needed, profile.context.params) if g.scope == "history")


def _narrowed(profile, decl_id: str, data: Any, history: Any, as_of: dt.date | None) -> tuple[Any, Any]:
    """(the declaration's normalised lines, the history it needs), as `Normalised`, or the input as given
    when the explanation needs all of it. The input is normalised as `Profile.score` normalises it (every
    declaration whole; a history row of an input declaration is not history), then split."""
    if not trader_local(profile, as_of):
        return data, history
    frames, past = _frames(data), _frames(history)
    got = related(decl_id, [f.lazy() for f in frames], [f.lazy() for f in past])
    if got is None:  # no decl_id column: normalisation says so
        return data, history
    frames, past = got
    extra = profile.config.fields
    kept, rejects = normalise_all(frames, profile.lists, extra)
    if kept is None or not kept["decl_id"].eq(decl_id).any():
        raise UnknownDeclaration(decl_id, reason=_reason(rejects, decl_id))
    mine = pl.col("decl_id") == decl_id
    own, others = kept.filter(mine), kept.filter(~mine)
    hist, _ = normalise_all(past, profile.lists, extra)
    if hist is not None:
        hist = hist.filter(~pl.col("decl_id").is_in(kept["decl_id"].unique().implode()))
    before = pl.concat([others, *([hist] if hist is not None else [])], how="diagonal_relaxed")
    return Normalised(own, rejects.clear(), own.height), Normalised(before, rejects.clear(), before.height)


def _reason(rejects: pl.DataFrame, decl_id: str) -> str | None:
    """Why the rows of `decl_id` were rejected (the first reason, with where), if they were."""
    mine = rejects.filter(pl.col("decl_id") == decl_id)
    if mine.height == 0:
        return None
    r = mine.row(0, named=True)
    return f"{r['reason']} ({r['file']}:{r['row']})"


def explain_files(
    profile,
    decl_id: str,
    inputs: Sequence[Path],
    history: Sequence[Path] = (),
    mapping: Path | None = None,
    as_of: dt.date | None = None,
) -> Explanation:
    """`explain` for files: reads only the rows the explanation needs (`io.narrow.read_related`) when
    the profile's history is trader history, the whole files otherwise."""
    if trader_local(profile, as_of):
        data, past = read_related(decl_id, list(inputs), list(history), load_mapping(mapping) if mapping else None)
    else:
        data, past = read_mapped(inputs, mapping), read_mapped(history, mapping)
    return explain(profile, decl_id, data, past or None, as_of)


def _tree(rule: Rule, tv: dict, flip: int | None = None) -> bool:
    """The rule's tree on one line's leaf results (`tv`), leaf `flip` negated. Leaves are found by
    identity, not by visiting order: `all`/`any` stop early and skip the rest of their leaves."""
    index = {id(t): j for j, t in enumerate(tests(rule.when))}

    def leaf(t: Test) -> bool:
        j = index[id(t)]
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
