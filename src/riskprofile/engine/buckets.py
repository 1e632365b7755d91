"""Scoring by trader buckets: each bucket, the input lines of the traders whose normalised id hashes to
it with those traders' history, is scored by one `Profile.score` call (the engine of `riskprofile.spark`;
`score_in_buckets` is its single-process twin, which the property tests compare with one pass).

The results equal one `Profile.score` over everything: every feature is local to a declaration except
trader history, which is local to a trader; profiles with other history features (outcome rates) are
refused (`NotTraderLocal`). What keeps it exact at the edges:

- a declaration goes to one bucket whole, by the smallest trader hash of its lines, so lines that
  disagree on the trader are rejected together as in one pass (same for history declarations);
- a history declaration whose `decl_id` is also in the input is history only when that input
  declaration is rejected (as in one pass): the input declaration's lines travel to the history
  declaration's bucket as `_probe` lines, normalised there only to see whether they are kept;
- rows carry `_pos`, their position in the input: a bucket is scored in `_pos` order and results are
  put in `_pos` order (a declaration at its first line), which is the one-pass order; rejects come in
  row order, as batch runs give them.

Bucket sizes: `plan_buckets` sizes hash buckets by rows (about `TARGET_LINES` each) and gives each
trader with more than half that many lines a bucket of its own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import polars as pl

from ..errors import RiskProfileError
from ..features.registry import plan
from ..io.normalise import decl_key, id_key
from ..io.read import frame_from
from .batches import BatchSummary
from .history_summary import HistorySummary
from .prepare import normalise_all
from .random_draw import hash64
from .score import OUTPUT_SCHEMA

#: Lines per hash bucket when the number of buckets is not given.
TARGET_LINES = 250_000
#: Seed of the trader hash (any fixed value: buckets must not move between runs).
_SEED = 0x5EED_B0C4
#: Columns this module adds to raw lines; dropped before scoring.
INTERNAL = ("_pos", "_dkey", "_th", "_bucket", "_probe")
REJECT_SCHEMA = {"file": pl.String, "row": pl.Int64, "decl_id": pl.String, "reason": pl.String}


class NotTraderLocal(RiskProfileError):
    """The profile reads features that are not local to a trader: scoring by trader buckets would
    give other scores than one pass, so it is refused."""

    code = "not_trader_local"


def check_trader_local(profile, as_of: dt.date | None = None) -> None:
    """Raise `NotTraderLocal` when a rule reads a history feature other than trader history."""
    needed = set(profile.compiled(as_of).features)
    others = sorted({g.name for g in plan(needed, profile.context.params) if g.scope == "history"} - {"history"})
    if others:
        raise NotTraderLocal(
            f"the profile's {', '.join(others)} features are computed over all traders' history "
            "(e.g. outcome rates keyed by goods), so scoring by trader buckets would change the scores",
            hint="score this profile in one process: riskprofile score without --engine spark",
        )


def line_keys(raw: pl.DataFrame) -> pl.DataFrame:
    """Per raw line: `_dkey`, the normalised `decl_id`, and `_th`, an Int64 hash of the normalised trader
    id (null and empty ids share one hash), as normalisation computes them."""
    schema = raw.schema
    dkey = decl_key(schema["decl_id"]) if "decl_id" in schema else pl.lit(None, dtype=pl.String)
    tkey = id_key("trader_id", schema["trader_id"]) if "trader_id" in schema else pl.lit(None, dtype=pl.String)
    keys = raw.select(dkey.alias("_dkey"), tkey.alias("_tkey"))
    traders = keys.select(pl.col("_tkey").unique())
    hashes = pl.Series("_th", hash64(traders["_tkey"], _SEED).view(np.int64))
    table = traders.with_columns(hashes)
    joined = keys.join(table, on="_tkey", how="left", nulls_equal=True, maintain_order="left")
    return joined.select("_dkey", "_th")


def decl_table(keys: pl.DataFrame) -> pl.DataFrame:
    """Per declaration key: the trader hash it goes by (`_th`, the smallest of its lines), whether its
    lines disagree (`_split`) and its line count (`_n`). Spark computes the same with one aggregation."""
    return keys.group_by("_dkey").agg(
        pl.col("_th").min().alias("_th"),
        (pl.col("_th").min() != pl.col("_th").max()).alias("_split"),
        pl.len().cast(pl.Int64).alias("_n"),
    )


@dataclass(frozen=True)
class BucketPlan:
    """Where rows go: `n` hash buckets; traders (by hash) in buckets of their own (`own`: ids n, n+1,
    ...); declarations whose lines disagree on the trader (`split` in the input, `hist_split` in the
    history: the hash all their lines go by); input declarations also in the history (`probes`: the
    trader hashes of those history declarations)."""

    n: int
    own: Mapping[int, int] = field(default_factory=dict)
    split: Mapping[str, int] = field(default_factory=dict)
    hist_split: Mapping[str, int] = field(default_factory=dict)
    probes: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return self.n + len(self.own)

    def bucket_of(self, th: pl.Series) -> pl.Series:
        """The bucket id of each trader hash."""
        hashed = (th.cast(pl.UInt64, wrap_numerical=True) % self.n).cast(pl.Int32)
        if not self.own:
            return hashed.alias("_bucket")
        own = th.replace_strict(list(self.own), list(self.own.values()), default=None, return_dtype=pl.Int32)
        return own.fill_null(hashed).alias("_bucket")


def make_plan(
    *,
    buckets: int | None,
    target_lines: int = TARGET_LINES,
    total: int = 0,
    big: pl.DataFrame | None = None,
    split: pl.DataFrame | None = None,
    hist_split: pl.DataFrame | None = None,
    collisions: pl.DataFrame | None = None,
) -> BucketPlan:
    """The plan from small tables (what Spark collects to the driver): `total` rows of input and history
    and the traders (`_th`, `_n`) with more than half `target_lines` of them (`big`), used when `buckets`
    is None; the declarations whose lines disagree on the trader (`_dkey`, `_th`) in the input (`split`)
    and in the history (`hist_split`); input declarations also in the history under another trader hash
    (`collisions`: `_dkey`, `_h`)."""
    own: dict[int, int] = {}
    n = buckets or 1
    if buckets is None:
        big = big if big is not None else pl.DataFrame(schema={"_th": pl.Int64, "_n": pl.Int64})
        big = big.sort("_n", "_th", descending=True)
        n = max(1, math.ceil((total - int(big["_n"].sum())) / target_lines))
        own = {int(th): n + i for i, th in enumerate(big["_th"])}
    probes: dict[str, tuple[int, ...]] = {}
    if collisions is not None:
        for key, hs in collisions.group_by("_dkey").agg("_h").iter_rows():
            probes[key] = tuple(sorted(set(hs)))

    def keyed(t: pl.DataFrame | None) -> dict[str, int]:
        return {} if t is None else dict(t.select("_dkey", "_th").iter_rows())

    return BucketPlan(n, own, keyed(split), keyed(hist_split), probes)


def plan_buckets(
    lines: pl.DataFrame,
    history: pl.DataFrame | None = None,
    buckets: int | None = None,
    target_lines: int = TARGET_LINES,
) -> BucketPlan:
    """The plan from the per-declaration tables (`decl_table`) of the input and of the history.

    `buckets`: that many hash buckets; None: sized by rows, about `target_lines` each, every trader with
    more than half that many lines (input and history) in a bucket of its own."""
    tables = [lines] + ([history] if history is not None else [])
    per_trader = pl.concat([t.select("_th", "_n") for t in tables]).group_by("_th").agg(pl.col("_n").sum())
    collisions = None
    if history is not None:
        h = history.select("_dkey", pl.col("_th").alias("_h"))
        collisions = lines.select("_dkey", "_th").join(h, on="_dkey").filter(pl.col("_th") != pl.col("_h"))
    return make_plan(
        buckets=buckets,
        target_lines=target_lines,
        total=int(per_trader["_n"].sum()),
        big=per_trader.filter(pl.col("_n") > target_lines // 2),
        split=lines.filter(pl.col("_split")),
        hist_split=history.filter(pl.col("_split")) if history is not None else None,
        collisions=collisions,
    )


def with_buckets(raw: pl.DataFrame, plan_: BucketPlan, history: bool = False) -> pl.DataFrame:
    """`raw` with `_bucket` and `_probe`: each line in its declaration's bucket; for the input (not
    `history`), lines of declarations also in the history once more, as probes, in the buckets of those
    history declarations."""
    keys = line_keys(raw)
    th = keys["_th"]
    split = plan_.hist_split if history else plan_.split
    if split:
        th = keys["_dkey"].replace_strict(dict(split), default=th, return_dtype=pl.Int64)
    out = raw.with_columns(plan_.bucket_of(th), pl.lit(False).alias("_probe"))
    if history or not plan_.probes:
        return out
    hit = keys["_dkey"].is_in(list(plan_.probes)).fill_null(False)
    if not hit.any():
        return out
    pairs = pl.DataFrame(
        {"_dkey": list(plan_.probes), "_h": [list(v) for v in plan_.probes.values()]},
        schema={"_dkey": pl.String, "_h": pl.List(pl.Int64)},
    ).explode("_h")
    copies = out.filter(hit).with_columns(keys["_dkey"].filter(hit)).join(pairs, on="_dkey", maintain_order="left")
    copies = copies.with_columns(plan_.bucket_of(copies["_h"]), pl.lit(True).alias("_probe")).drop("_dkey", "_h")
    return pl.concat([out, copies])


@dataclass
class BucketResult:
    """One bucket's results: declarations (output columns and `_pos` of their first line), rejects
    (`file`, `row`, `decl_id`, `reason`, `_pos`), and its counts."""

    declarations: pl.DataFrame
    rejects: pl.DataFrame
    rows_in: int
    rows_scored: int


def _drop_internal(df: pl.DataFrame) -> pl.DataFrame:
    return df.drop([c for c in INTERNAL if c in df.columns])


def summary_for(summary: HistorySummary, lines: pl.DataFrame) -> HistorySummary:
    """The part of a trader-history summary about the traders of `lines` (raw lines of one bucket)."""
    ths = line_keys(lines)["_th"].unique().implode()

    def mine(df: pl.DataFrame) -> pl.DataFrame:
        return df.filter(pl.Series(hash64(df["trader_id"], _SEED).view(np.int64)).is_in(ths))

    return replace(summary, traders=mine(summary.traders), offices=mine(summary.offices))


def score_bucket(
    profile,
    lines: pl.DataFrame,
    history: pl.DataFrame | None = None,
    *,
    summary: HistorySummary | None = None,
    random: bool = True,
    as_of: dt.date | None = None,
) -> BucketResult:
    """Score one bucket's raw lines (with `_pos`, `_file`, `_row`, maybe `_probe`) with its history, or
    with the part of a trader-history `summary` about its traders."""
    if "_probe" in lines.columns:
        probe, lines = lines.filter(pl.col("_probe")), lines.filter(~pl.col("_probe"))
    else:
        probe = lines.clear()
    lines = lines.sort("_pos")
    unlocated = bool(lines["_row"].null_count())
    if unlocated:  # a DataFrame's lines without row numbers: a stand-in while scoring (see `_by_line`)
        lines = lines.with_columns(pl.coalesce("_row", -1 - pl.col("_pos")).alias("_row"))
    empty = BucketResult(
        pl.DataFrame(schema={**OUTPUT_SCHEMA, "_pos": pl.Int64}),
        pl.DataFrame(schema={**REJECT_SCHEMA, "_pos": pl.Int64}),
        0,
        0,
    )
    if lines.height == 0:
        return empty
    hist = None
    if history is not None and history.height:
        hist = history.sort("_pos") if "_pos" in history.columns else history
        if probe.height:  # history declarations also in the input: history only when that one is rejected
            kept, _ = normalise_all([_drop_internal(probe)], profile.lists, profile.config.fields)
            if kept is not None and kept.height:
                ids = kept["decl_id"].unique().implode()
                hist = hist.filter(~decl_key(hist.schema["decl_id"]).is_in(ids).fill_null(False))
        hist = _drop_internal(hist)
    part = summary_for(summary, lines) if summary is not None else None
    result = profile.score(_drop_internal(lines), history=hist, random=random, as_of=as_of, summary=part)
    keys = lines.select(decl_key(lines.schema["decl_id"]).alias("decl_id"), "_pos", "_file", "_row")
    first = keys.group_by("decl_id").agg(pl.col("_pos").min())
    decls = result.declarations.join(first, on="decl_id", how="left", maintain_order="left")
    where = keys.select(
        pl.col("_file").cast(pl.String).alias("file"), pl.col("_row").cast(pl.Int64).alias("row"), "_pos"
    ).unique(["file", "row"], keep="first", maintain_order=True)
    rejects = result.rejects.with_columns(pl.col("row").cast(pl.Int64)).join(
        where, on=["file", "row"], how="left", nulls_equal=True, maintain_order="left"
    )
    if unlocated:
        rejects = _by_line(rejects, lines)
    return BucketResult(decls, rejects.select(*REJECT_SCHEMA, "_pos"), result.rows_in, result.rows_scored)


def _by_line(rejects: pl.DataFrame, lines: pl.DataFrame) -> pl.DataFrame:
    """Rejects of lines that came without a row number: no row, and the line named by its declaration
    and item number instead (`declaration D item_no N: reason`), also where another reason points at it."""

    def typed(c: str) -> pl.Expr:
        return pl.col(c).cast(pl.String).fill_null("?") if c in lines.columns else pl.lit("?")

    label = pl.format("declaration {} item_no {}", typed("decl_id"), typed("item_no"))
    stand_in = lines.filter(pl.col("_row") < 0).select(
        pl.col("_file").cast(pl.String).alias("file"), pl.col("_row").cast(pl.Int64).alias("row"), label.alias("_line")
    )
    out = rejects.join(stand_in, on=["file", "row"], how="left", nulls_equal=True, maintain_order="left")
    refs = (
        out.drop_nulls("_line")
        .unique(["file", "row"])
        .select(pl.format("({}:{})", "file", "row").alias("ref"), pl.format("({})", "_line").alias("line"))
    )
    pointed = pl.col("reason")
    if refs.height:  # "has a rejected line (FILE:ROW)" of another line of the declaration
        pointed = pointed.str.replace_many(refs["ref"].to_list(), refs["line"].to_list())
    return out.with_columns(
        pl.when(pl.col("_line").is_not_null()).then(pl.lit(None, pl.Int64)).otherwise(pl.col("row")).alias("row"),
        pl.when(pl.col("_line").is_not_null())
        .then(pl.format("{}: {}", "_line", pointed))
        .otherwise(pointed)
        .alias("reason"),
    )


def with_positions(raw: pl.DataFrame, start: int = 0) -> pl.DataFrame:
    """A raw frame with `_file`, `_row` (as `read_frame`/`frame_from` give them) and `_pos` from `start`."""
    df = frame_from(raw)
    if "_pos" not in df.columns:
        df = df.with_columns(pl.int_range(start, start + pl.len(), dtype=pl.Int64).alias("_pos"))
    return df


def add(summary: BatchSummary, result: BucketResult) -> None:
    """Add one bucket's counts to `summary` (rows in = scored + rejected over all buckets)."""
    d = result.declarations
    summary.rows_in += result.rows_in
    summary.rows_scored += result.rows_scored
    summary.rows_rejected += result.rejects.height
    summary.declarations += d.height
    for lane, n in d.group_by("lane").len().iter_rows():
        summary.lanes[lane] += n
    summary.random += int(d["random"].sum()) if d.height else 0
    summary.batches += 1


def score_in_buckets(
    profile,
    lines: pl.DataFrame | Iterable[pl.DataFrame],
    history: pl.DataFrame | Iterable[pl.DataFrame] | None = None,
    *,
    summary: HistorySummary | None = None,
    buckets: int | None = None,
    random: bool = True,
    as_of: dt.date | None = None,
    target_lines: int = TARGET_LINES,
) -> tuple[pl.DataFrame, pl.DataFrame, BatchSummary]:
    """Score raw goods lines bucket by bucket in this process, as Spark does it across workers, with
    `history` or a trader-history `summary`: (declarations in input order, rejects in row order, the
    counts summed over buckets)."""
    check_trader_local(profile, as_of)
    frames = [lines] if isinstance(lines, pl.DataFrame) else list(lines)
    parts, start = [], 0
    for f in frames:
        parts.append(with_positions(f, start))
        start += f.height
    raw = pl.concat(parts, how="diagonal_relaxed")
    hist = None
    if history is not None:
        hframes = [history] if isinstance(history, pl.DataFrame) else list(history)
        hist = pl.concat([with_positions(f) for f in hframes], how="diagonal_relaxed") if hframes else None
    plan_ = plan_buckets(
        decl_table(line_keys(raw)),
        decl_table(line_keys(hist)) if hist is not None else None,
        buckets,
        target_lines,
    )
    raw = with_buckets(raw, plan_)
    hist = with_buckets(hist, plan_, history=True) if hist is not None else None
    counts = BatchSummary()
    decls, rejects = [], []
    for b in range(plan_.count):
        h = hist.filter(pl.col("_bucket") == b) if hist is not None else None
        part = raw.filter(pl.col("_bucket") == b)
        res = score_bucket(profile, part, h, summary=summary, random=random, as_of=as_of)
        add(counts, res)
        decls.append(res.declarations)
        rejects.append(res.rejects)
    declarations = pl.concat(decls).sort("_pos").drop("_pos")
    rejected = pl.concat(rejects).sort("_pos").drop("_pos")
    return declarations, rejected, counts


__all__ = [
    "TARGET_LINES",
    "BucketPlan",
    "BucketResult",
    "NotTraderLocal",
    "check_trader_local",
    "decl_table",
    "line_keys",
    "make_plan",
    "plan_buckets",
    "score_bucket",
    "score_in_buckets",
    "summary_for",
    "with_buckets",
]
