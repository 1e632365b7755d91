"""`score_dataframe`: Spark DataFrames of goods lines -> scored declarations and rejected rows.

The job, in Spark terms:
1. keys: `decl_id` and `trader_id` of every line through `engine.buckets.line_keys` (`mapInArrow`),
   aggregated per declaration (its trader hash, whether its lines disagree, its line count);
2. the bucket plan from small collected tables (traders above half a bucket, declarations whose lines
   disagree, input declarations also in the history): `engine.buckets.make_plan`;
3. every line gets its bucket (`engine.buckets.with_buckets`, `mapInArrow`); lines and history are
   cogrouped by bucket and each group scored by `engine.buckets.score_bucket` (`applyInArrow`), with
   the profile unpickled once per Python worker;
4. one persisted result holds declarations, rejects and per-bucket counts; the two frames returned
   are views of it in input order (rows carry `_pos`; `_file`/`_row` locate rejects when given).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections.abc import Iterator
from functools import partial
from typing import Any

import polars as pl
import pyarrow as pa

from ..engine.batches import BatchSummary
from ..engine.buckets import (
    REJECT_SCHEMA,
    TARGET_LINES,
    BucketPlan,
    check_trader_local,
    line_keys,
    make_plan,
    score_bucket,
    with_buckets,
)
from ..engine.history_summary import ONE_OR_OTHER, HistorySummary, SummaryError
from ..engine.score import OUTPUT_COLUMNS
from ..io.read import InputError
from ..model.declaration import REQUIRED_COLUMNS

#: The one frame every bucket returns: declarations, rejects and a count row, told apart by `kind`.
RESULT_DDL = (
    "kind string, decl_id string, score double, lane string, rules array<string>, forced_by string, "
    "random boolean, file string, row long, reason string, _pos long, rows_in long, rows_scored long"
)
_RESULT_ARROW = pa.schema(
    [
        ("kind", pa.string()),
        ("decl_id", pa.string()),
        ("score", pa.float64()),
        ("lane", pa.string()),
        ("rules", pa.list_(pa.string())),
        ("forced_by", pa.string()),
        ("random", pa.bool_()),
        ("file", pa.string()),
        ("row", pa.int64()),
        ("reason", pa.string()),
        ("_pos", pa.int64()),
        ("rows_in", pa.int64()),
        ("rows_scored", pa.int64()),
    ]
)
_KEYS_ARROW = pa.schema([("_dkey", pa.string()), ("_th", pa.int64())])

#: Profiles (and history summaries) unpickled in this (worker) process, by digest: once per worker.
_LOADED: dict[str, Any] = {}


def _profile(token: str, payload: bytes) -> Any:
    if token not in _LOADED:
        _LOADED[token] = pickle.loads(payload)  # noqa: S301 - our own pickle of a Profile, made by the driver
    return _LOADED[token]


def _key_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        keys = line_keys(pl.from_arrow(batch))  # type: ignore[arg-type]
        yield from keys.to_arrow().cast(_KEYS_ARROW).to_batches()


def _bucket_batches(
    plan: BucketPlan, history: bool, schema: pa.Schema, batches: Iterator[pa.RecordBatch]
) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        out = with_buckets(pl.from_arrow(batch), plan, history=history)  # type: ignore[arg-type]
        yield from out.to_arrow().cast(schema).to_batches()


def _result_table(frames: list[pl.DataFrame]) -> pa.Table:
    df = pl.concat(frames, how="diagonal_relaxed")
    df = df.select(pl.col(n) if n in df.columns else pl.lit(None).alias(n) for n in _RESULT_ARROW.names)
    return df.to_arrow().cast(_RESULT_ARROW)


#: What every bucket's call needs: digest and pickle of (profile, history summary), random draw on, as-of date.
Job = tuple[str, bytes, bool, "dt.date | None"]


def _score_group(job: Job, lines: pa.Table, history: pa.Table | None) -> pa.Table:
    token, payload, random, as_of = job
    profile, summary = _profile(token, payload)
    hist = pl.from_arrow(history) if history is not None and history.num_rows else None
    raw = pl.from_arrow(lines)
    res = score_bucket(profile, raw, hist, summary=summary, random=random, as_of=as_of)  # type: ignore[arg-type]
    counts = pl.DataFrame({"kind": ["count"], "rows_in": [res.rows_in], "rows_scored": [res.rows_scored]})
    return _result_table(
        [
            res.declarations.with_columns(pl.lit("decl").alias("kind")),
            res.rejects.with_columns(pl.lit("reject").alias("kind")),
            counts,
        ]
    )


def _scorer(job: Job, cogrouped: bool) -> Any:
    """The function `applyInArrow` calls: plain positional arguments without type hints, so that PySpark
    passes the group's table(s) alone (one table, or input and history when cogrouped)."""
    if cogrouped:

        def score_cogroup(lines, history):
            return _score_group(job, lines, history)

        return score_cogroup

    def score_group(lines):
        return _score_group(job, lines, None)

    return score_group


def _positioned(df: Any) -> Any:
    """The frame with `_pos` (its rows' order), `_file` and `_row` (where rejects say they came from):
    kept when given; else `_pos` a row id (`monotonically_increasing_id`), `_file` the file the row was
    read from (or `<dataframe>`), and no `_row`: its rejects name the declaration and item_no instead."""
    from pyspark.sql import functions as F

    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(
            f"the lines lack required column(s) {', '.join(missing)}; columns found: {', '.join(df.columns)}",
            hint="rename them (DataFrame.withColumnRenamed) to the public declaration columns",
        )
    if "_pos" not in df.columns:
        df = df.withColumn("_pos", F.monotonically_increasing_id())
    if "_file" not in df.columns:
        read_from = F.regexp_replace(F.input_file_name(), "^file://", "")  # a local path as people write it
        df = df.withColumn("_file", F.when(read_from != "", read_from).otherwise(F.lit("<dataframe>")))
    if "_row" not in df.columns:  # a Spark row id is no place a person can find: declaration and item_no
        df = df.withColumn("_row", F.lit(None).cast("long"))
    return df


def _decl_table(df: Any) -> Any:
    from pyspark.sql import functions as F

    keys = df.select("decl_id", "trader_id").mapInArrow(_key_batches, "_dkey string, _th long")
    return keys.groupBy("_dkey").agg(
        F.min("_th").alias("_th"),
        (F.min("_th") != F.max("_th")).alias("_split"),
        F.count(F.lit(1)).alias("_n"),
    )


def _plan(lines: Any, history: Any, buckets: int | None, target_lines: int) -> BucketPlan:
    """The bucket plan from Spark aggregations: the small tables it needs reach the driver in one job."""
    from pyspark.sql import functions as F

    def part(tag: str, df: Any, key: Any, th: Any, n: Any) -> Any:
        return df.select(
            F.lit(tag).alias("tag"), key.cast("string").alias("_dkey"), th.alias("_th"), n.cast("long").alias("_n")
        )

    none, zero = F.lit(None), F.lit(0)
    parts = [part("split", lines.filter("_split"), F.col("_dkey"), F.col("_th"), zero)]
    if history is not None:
        parts.append(part("hist_split", history.filter("_split"), F.col("_dkey"), F.col("_th"), zero))
        h = history.select("_dkey", F.col("_th").alias("_h"))
        both = lines.select("_dkey", "_th").join(h, "_dkey").filter(F.col("_th") != F.col("_h"))
        parts.append(part("collisions", both, F.col("_dkey"), F.col("_h"), zero))
    if buckets is None:
        per = lines.select("_th", "_n")
        if history is not None:
            per = per.unionByName(history.select("_th", "_n"))
        per = per.groupBy("_th").agg(F.sum("_n").alias("_n"))
        parts.append(part("big", per.filter(F.col("_n") > target_lines // 2), none, F.col("_th"), F.col("_n")))
        parts.append(part("total", per.agg(F.sum("_n").alias("_n")), none, none.cast("long"), F.col("_n")))
    small = parts[0]
    for p in parts[1:]:
        small = small.unionByName(p)
    rows = pl.DataFrame(
        [tuple(r) for r in small.collect()],
        schema={"tag": pl.String, "_dkey": pl.String, "_th": pl.Int64, "_n": pl.Int64},
        orient="row",
    )

    def tagged(tag: str) -> pl.DataFrame:
        return rows.filter(pl.col("tag") == tag).drop("tag")

    return make_plan(
        buckets=buckets,
        target_lines=target_lines,
        total=int(tagged("total")["_n"].sum() or 0),
        big=tagged("big").select("_th", "_n"),
        split=tagged("split"),
        hist_split=tagged("hist_split") if history is not None else None,
        collisions=tagged("collisions").select("_dkey", pl.col("_th").alias("_h")) if history is not None else None,
    )


def _bucketed(df: Any, plan: BucketPlan, history: bool) -> Any:
    from pyspark.sql.pandas.types import to_arrow_schema
    from pyspark.sql.types import BooleanType, IntegerType, StructField, StructType

    schema = StructType(
        [*df.schema.fields, StructField("_bucket", IntegerType(), False), StructField("_probe", BooleanType(), False)]
    )
    return df.mapInArrow(partial(_bucket_batches, plan, history, to_arrow_schema(schema)), schema)


def score_dataframe(
    lines_df: Any,
    profile: Any,
    history: Any = None,
    *,
    summary: HistorySummary | None = None,
    buckets: int | None = None,
    counts: BatchSummary | None = None,
    random: bool = True,
    as_of: dt.date | None = None,
    target_lines: int = TARGET_LINES,
) -> tuple[Any, Any]:
    """Score a Spark DataFrame of goods lines (the public declaration columns, raw as read) by `profile`,
    with `history` (earlier declarations, for history features only): (declarations, rejects).

    `declarations`: DESIGN's output columns (decl_id, score, lane, rules, forced_by, random) in input
    order; `rejects`: file, row, decl_id, reason in row order. Give the lines `_pos` (input order),
    `_file` and `_row` (where each row came from) to have them; otherwise the order is Spark's row id,
    the file the one Spark read the row from, and a reject's row is null and its reason starts with
    `declaration D item_no N:`.
    `summary`: a trader-history summary (`HistorySummary.read(dir)`) instead of `history`, each bucket
    given the part about its traders. `buckets`: that many trader-hash buckets (default: sized to about
    `target_lines` lines each, the biggest traders in buckets of their own). `counts`: filled with the
    counts summed over buckets (rows in = scored + rejected, lanes, random picks, buckets); this runs the
    job.
    Raises `NotTraderLocal` for a profile whose features need every trader's history.

    The scoring runs once: its results are persisted and both frames read them (call `.unpersist()` on
    `declarations.sparkSession`'s cache when done, or let the session end)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    check_trader_local(profile, as_of)
    lines = _positioned(lines_df)
    hist = _positioned(history) if history is not None else None
    plan = _plan(_decl_table(lines), _decl_table(hist) if hist is not None else None, buckets, target_lines)
    if summary is not None and hist is not None:
        raise SummaryError("HS006", "raw history and a history summary were both given", ONE_OR_OTHER)
    if summary is not None:
        summary.check_profile(profile)
    payload = pickle.dumps((profile.replace(), summary))
    job: Job = (hashlib.sha256(payload).hexdigest(), payload, random, as_of)
    grouped = _bucketed(lines, plan, history=False).groupBy("_bucket")
    if hist is None:
        result = grouped.applyInArrow(_scorer(job, cogrouped=False), RESULT_DDL)
    else:
        other = _bucketed(hist, plan, history=True).groupBy("_bucket")
        result = grouped.cogroup(other).applyInArrow(_scorer(job, cogrouped=True), RESULT_DDL)
    result = result.persist(StorageLevel.MEMORY_AND_DISK)
    declarations = result.filter(F.col("kind") == "decl").orderBy("_pos").select(*OUTPUT_COLUMNS)
    rejects = result.filter(F.col("kind") == "reject").orderBy("_pos").select(*REJECT_SCHEMA)
    if counts is not None:
        fill_counts(counts, result)
    return declarations, rejects


def fill_counts(summary: BatchSummary, result: Any) -> None:
    """Counts of a bucket result frame, summed over buckets, added to `summary`."""
    from pyspark.sql import functions as F

    kind, lane = F.col("kind"), F.col("lane")

    def n(cond: Any) -> Any:
        return F.sum(F.when(cond, 1).otherwise(0))

    row = result.agg(
        F.sum("rows_in"),
        F.sum("rows_scored"),
        n(kind == "reject"),
        n(kind == "decl"),
        n(lane == "green"),
        n(lane == "yellow"),
        n(lane == "red"),
        n((kind == "decl") & F.col("random")),
        n(kind == "count"),
    ).collect()[0]
    v = [int(x or 0) for x in row]
    summary.rows_in += v[0]
    summary.rows_scored += v[1]
    summary.rows_rejected += v[2]
    summary.declarations += v[3]
    for i, name in enumerate(("green", "yellow", "red")):
        summary.lanes[name] += v[4 + i]
    summary.random += v[7]
    summary.batches += v[8]
