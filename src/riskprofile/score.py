"""One scoring pass: compiled rules on prepared lines -> per declaration score, lane, reasons, random draw.

Per declaration, a rule counts once if it fired on any line; score = sum of the weights of fired
rules; lane = the threshold lane, raised to the highest lane forced by a fired rule. The random
control-group draw is independent of the lane and reproducible per decl_id.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .compile import CompiledRules
from .model.rules import LANE_RANK, LANES, Lanes, RandomSelection
from .random_draw import uniform

OUTPUT_COLUMNS = ("decl_id", "score", "lane", "rules", "forced_by", "random")
OUTPUT_SCHEMA = {"decl_id": pl.String, "score": pl.Float64, "lane": pl.String, "rules": pl.List(pl.String),
                 "forced_by": pl.String, "random": pl.Boolean}


def fired_frame(lines: pl.DataFrame, compiled: CompiledRules) -> pl.DataFrame:
    """Per declaration (input order): one boolean column per active rule, `_r{i}`."""
    cols = [e.alias(f"_r{i}") for i, e in enumerate(compiled.exprs)]
    return (lines.lazy()
            .select("_decl", "decl_id", "_seq", *cols)
            .group_by("_decl")
            .agg(pl.col("decl_id").first(), pl.col("_seq").min(), *[pl.col(f"_r{i}").any() for i in range(len(cols))])
            .sort("_seq")
            .drop("_decl")
            .collect())


def aggregate(fired: pl.DataFrame, compiled: CompiledRules, lanes: Lanes) -> pl.DataFrame:
    """Score, lane, fired rule ids (highest weight first) and the forcing rule, from fired flags."""
    rules = compiled.rules
    r = [pl.col(f"_r{i}") for i in range(len(rules))]
    if rules:
        score = pl.sum_horizontal([pl.when(c).then(pl.lit(float(x.weight))).otherwise(0.0) for c, x in zip(r, rules)])
        ids = pl.concat_list([pl.when(c).then(pl.lit(x.id)) for c, x in zip(r, rules)]).list.drop_nulls()
        forcing = sorted(((i, x) for i, x in enumerate(rules) if x.lane), key=lambda p: (-LANE_RANK[p[1].lane], -p[1].weight, p[1].id))
        forced_by = pl.coalesce([pl.when(r[i]).then(pl.lit(x.id)) for i, x in forcing]) if forcing else pl.lit(None, dtype=pl.String)
        forced_rank = (pl.max_horizontal([pl.when(r[i]).then(pl.lit(LANE_RANK[x.lane])).otherwise(0) for i, x in forcing])
                       if forcing else pl.lit(0))
    else:
        score, ids = pl.lit(0.0), pl.lit([], dtype=pl.List(pl.String))
        forced_by, forced_rank = pl.lit(None, dtype=pl.String), pl.lit(0)
    out = fired.with_columns(score.cast(pl.Float64).alias("score"), ids.alias("rules"),
                             forced_by.cast(pl.String).alias("forced_by"), forced_rank.alias("_forced"))
    threshold_rank = (pl.when(pl.col("score") >= lanes.red).then(2).when(pl.col("score") >= lanes.yellow).then(1).otherwise(0))
    rank = pl.max_horizontal(threshold_rank, pl.col("_forced"))
    return out.with_columns(rank.replace_strict(list(range(3)), list(LANES), return_dtype=pl.String).alias("lane"))


def draw_random(decls: pl.DataFrame, selection: RandomSelection, enabled: bool = True) -> pl.Series:
    if not enabled or selection.rate <= 0 or decls.height == 0:
        return pl.Series("random", [False] * decls.height, dtype=pl.Boolean)
    return pl.Series("random", uniform(decls["decl_id"], selection.seed) < selection.rate)


@dataclass
class ScoreResult:
    """Scored declarations (DESIGN output columns, input order), the per-declaration rule flags,
    rejected rows, and the counts: rows in = rows scored + rows rejected."""

    declarations: pl.DataFrame
    fired: pl.DataFrame
    rejects: pl.DataFrame
    rows_in: int
    rows_scored: int
    rule_ids: list[str]

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
        return dict(zip(self.rule_ids, (int(s) for s in sums)))

    def summary(self) -> dict:
        d = self.declarations
        return {
            "rows_in": self.rows_in, "rows_scored": self.rows_scored, "rows_rejected": self.rows_rejected,
            "declarations": d.height, "lanes": self.lanes(), "random": int(d["random"].sum()) if d.height else 0,
        }
