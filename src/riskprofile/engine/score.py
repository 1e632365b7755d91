"""One scoring pass: compiled rules on prepared lines -> per declaration score, lane, reasons, random draw.

Per declaration, a rule counts once if it fired on any line; score = sum of the weights of fired
rules; lane = the threshold lane, raised to the highest lane forced by a fired rule. The random
control-group draw is independent of the lane and reproducible per decl_id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from ..features.keys import ENGINE, flag_sorted
from ..model.rules import LANE_RANK, LANES, Lanes, RandomSelection
from .compile import CompiledRules
from .random_draw import uniform

OUTPUT_COLUMNS = ("decl_id", "score", "lane", "rules", "forced_by", "random")
OUTPUT_SCHEMA: dict[str, Any] = {
    "decl_id": pl.String,
    "score": pl.Float64,
    "lane": pl.String,
    "rules": pl.List(pl.String),
    "forced_by": pl.String,
    "random": pl.Boolean,
}


WORD_BITS = 63
_ZERO = pl.lit(0, dtype=pl.UInt64)


def _words(n_rules: int) -> list[range]:
    return [range(k, min(k + WORD_BITS, n_rules)) for k in range(0, n_rules, WORD_BITS)] or [range(0)]


def _mask_words(compiled: CompiledRules) -> list[pl.Expr]:
    """The bitmask word expressions of `compiled`, built once per compiled rule set."""
    cached = compiled.__dict__.get("_mask_words")
    if cached is None:
        cached = []
        for k, idx in enumerate(_words(len(compiled.rules))):
            bits = [
                pl.when(compiled.exprs[i]).then(pl.lit(1 << (i - idx.start), dtype=pl.UInt64)).otherwise(_ZERO)
                for i in idx
            ]
            word = pl.sum_horizontal(bits) if bits else pl.lit(0, dtype=pl.UInt64)
            cached.append(word.cast(pl.UInt64).alias(f"_m{k}"))
        compiled.__dict__["_mask_words"] = cached
    return cached


def fired_frame(lines: pl.DataFrame, compiled: CompiledRules) -> pl.DataFrame:
    """Per declaration (input order): the fired rules as bitmask words `_m{k}` (bit i of word k is rule
    63k + i, in `compiled.rules` order), OR-ed over the declaration's lines."""
    words = _mask_words(compiled)
    names = [f"_m{k}" for k in range(len(words))]
    if not lines["_seq"].is_sorted():
        lines = lines.sort("_seq")
    lines = flag_sorted(lines, "_decl")
    # Lines are in input order, so groups in order of first appearance are in input order already.
    return (
        lines.lazy()
        .select("_decl", "decl_id", "_seq", *words)
        .group_by("_decl", maintain_order=True)
        .agg(pl.col("decl_id").first(), pl.col("_seq").min(), *[pl.col(n).bitwise_or() for n in names])
        .drop("_decl")
        .collect(engine=ENGINE)
    )


def mask_columns(fired: pl.DataFrame) -> list[str]:
    return [c for c in fired.columns if c.startswith("_m")]


def rule_flags(fired: pl.DataFrame, n_rules: int) -> pl.DataFrame:
    """One boolean column `_r{i}` per rule, from the bitmask words."""
    cols = []
    for k, idx in enumerate(_words(n_rules)):
        for i in idx:
            bit = pl.lit(1 << (i - idx.start), dtype=pl.UInt64)
            cols.append((pl.col(f"_m{k}").and_(bit) != 0).alias(f"_r{i}"))
    return fired.select("decl_id", *cols)


def aggregate(fired: pl.DataFrame, compiled: CompiledRules, lanes: Lanes) -> pl.DataFrame:
    """Score, lane, fired rule ids (highest weight first) and the forcing rule, from the bitmasks.

    Declarations share few distinct combinations of fired rules, so the per-combination outcome is
    computed once per distinct mask and joined back."""
    rules = compiled.rules
    names = mask_columns(fired)
    spans = _words(len(rules))
    combos = fired.select(names).unique()
    rows: dict[str, list] = {n: [] for n in names} | {"score": [], "rules": [], "forced_by": [], "lane": []}
    for combo in combos.iter_rows():
        chosen = [rules[i] for k, idx in enumerate(spans) for i in idx if (combo[k] >> (i - idx.start)) & 1]
        score = float(sum(r.weight for r in chosen))
        forcing = sorted((r for r in chosen if r.lane), key=lambda r: (-LANE_RANK[r.lane or "green"], -r.weight, r.id))
        rank = 2 if score >= lanes.red else 1 if score >= lanes.yellow else 0
        if forcing:
            rank = max(rank, LANE_RANK[forcing[0].lane or "green"])
        for n, v in zip(names, combo, strict=False):
            rows[n].append(v)
        rows["score"].append(score)
        rows["rules"].append([r.id for r in chosen])
        rows["forced_by"].append(forcing[0].id if forcing else None)
        rows["lane"].append(LANES[rank])
    table = pl.DataFrame(
        rows,
        schema={
            **{n: pl.UInt64 for n in names},
            "score": pl.Float64,
            "rules": pl.List(pl.String),
            "forced_by": pl.String,
            "lane": pl.String,
        },
    )
    return fired.join(table, on=names, how="left", maintain_order="left")


def draw_random(decls: pl.DataFrame, selection: RandomSelection, enabled: bool = True) -> pl.Series:
    if not enabled or selection.rate <= 0 or decls.height == 0:
        return pl.Series("random", [False] * decls.height, dtype=pl.Boolean)
    return pl.Series("random", uniform(decls["decl_id"], selection.seed) < selection.rate)


@dataclass
class ScoreResult:
    """Scored declarations (DESIGN output columns, input order), the per-declaration rule flags,
    rejected rows, and the counts: rows in = rows scored + rows rejected."""

    declarations: pl.DataFrame
    masks: pl.DataFrame
    rejects: pl.DataFrame
    rows_in: int
    rows_scored: int
    rule_ids: list[str]

    @property
    def fired(self) -> pl.DataFrame:
        """Per declaration: decl_id and one boolean column `_r{i}` per rule of `rule_ids`."""
        return rule_flags(self.masks, len(self.rule_ids))

    @property
    def rows_rejected(self) -> int:
        return self.rejects.height

    def lanes(self) -> dict[str, int]:
        counts = dict(self.declarations.group_by("lane").len().iter_rows())
        return {lane: int(counts.get(lane, 0)) for lane in LANES}

    def rule_hits(self) -> dict[str, int]:
        """Declarations each rule fired on."""
        if not self.rule_ids:
            return {}
        sums = self.fired.select(pl.col(f"_r{i}").sum() for i in range(len(self.rule_ids))).row(0)
        return dict(zip(self.rule_ids, (int(s) for s in sums), strict=False))

    def summary(self) -> dict:
        d = self.declarations
        return {
            "rows_in": self.rows_in,
            "rows_scored": self.rows_scored,
            "rows_rejected": self.rows_rejected,
            "declarations_rejected": self.rejects["decl_id"].drop_nulls().n_unique(),
            "declarations": d.height,
            "lanes": self.lanes(),
            "random": int(d["random"].sum()) if d.height else 0,
        }
