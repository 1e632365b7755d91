"""Score files with Spark: the library behind `riskprofile score --engine spark`.

Inputs (.parquet or .csv) are staged to Parquet with `_file`, `_row` and `_pos` (a streaming polars
pass, so rejects say where each row came from and results keep the input order), read by a Spark
session, scored by `score_dataframe` and written as directories of Parquet part files in input order
(`OUT/part-*.parquet`: `polars.read_parquet("OUT/*.parquet")` reads them back in order). A directory
is written beside the target and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from ..engine.batches import BatchSummary
from ..engine.buckets import check_trader_local
from ..engine.history_summary import HistorySummary
from ..io.read import InputError
from ..io.write import OutputError
from .frame import score_dataframe
from .session import check_available, local_session

#: `_pos` of row r of input file i: i << 40 | r (input order without counting rows first).
_FILE_SHIFT = 40


def _scan(path: Path) -> pl.LazyFrame:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"{path}: no such file", file=path)
    if suffix in (".parquet", ".pq"):
        return pl.scan_parquet(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return pl.scan_csv(path, infer_schema=False, separator="\t" if suffix == ".tsv" else ",", encoding="utf8-lossy")
    raise InputError(f"{path}: the Spark engine reads .parquet or .csv files", file=path)


def stage(paths: Sequence[Path], into: Path, first: int = 0) -> list[Path]:
    """Each input as Parquet with `_file`, `_row` (1-based) and `_pos`; a column typed differently in
    two inputs is read as text in all (normalisation parses it either way)."""
    frames = [_scan(Path(p)) for p in paths]
    schemas = [f.collect_schema() for f in frames]
    types: dict[str, set] = {}
    for s in schemas:
        for name, dtype in s.items():
            types.setdefault(name, set()).add(dtype)
    mixed = {name for name, ts in types.items() if len(ts) > 1}
    out = []
    for i, (path, lf, schema) in enumerate(zip(paths, frames, schemas, strict=True)):
        target = into / f"{i + first:05d}.parquet"
        idx = pl.int_range(pl.len(), dtype=pl.Int64)
        tagged = lf.with_columns(pl.col(c).cast(pl.String) for c in mixed & set(schema.names())).with_columns(
            pl.lit(str(path)).alias("_file"),
            (idx + 1).alias("_row"),
            (idx + ((i + first) << _FILE_SHIFT)).alias("_pos"),
        )
        try:
            tagged.sink_parquet(target)
        except pl.exceptions.PolarsError as e:
            raise InputError(f"{path}: cannot read it: {str(e).splitlines()[0]}", file=path) from None
        out.append(target)
    return out


def _replace_dir(tmp: Path, target: Path) -> None:
    """Move the written directory `tmp` to `target`, replacing an earlier output directory."""
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot write {target}: a file is in the way (the Spark engine writes a directory)")
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _write(df: Any, target: Path) -> None:
    target = Path(target).absolute()  # Spark resolves relative paths against its JVM's working directory
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        df.write.mode("overwrite").parquet(str(tmp))
        _replace_dir(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def score_files_spark(
    profile: Any,
    inputs: Sequence[Path | str],
    out: Path | str | None = None,
    *,
    rejects: Path | str | None = None,
    history: Sequence[Path | str] = (),
    summary: HistorySummary | None = None,
    master: str = "local[*]",
    buckets: int | None = None,
    random: bool = True,
    as_of: dt.date | None = None,
    workdir: Path | str | None = None,
) -> BatchSummary:
    """Score `inputs` (with `history`, or a trader-history `summary`) by `profile` on Spark at `master`;
    write the declarations to the directory `out` and the rejected rows to the directory `rejects`
    (Parquet parts, input order).
    Returns the counts summed over buckets (rows in = scored + rejected)."""
    check_trader_local(profile, as_of)
    check_available()
    from pyspark.sql import SparkSession

    counts = BatchSummary()
    running = SparkSession.getActiveSession()  # a session of the caller's is used and left running
    spark = running or local_session(master)
    try:
        with tempfile.TemporaryDirectory(dir=workdir, prefix="riskprofile-spark-") as tmp:
            tmp = os.path.abspath(tmp)
            staged = stage([Path(p) for p in inputs], Path(tmp))
            lines = spark.read.option("mergeSchema", "true").parquet(*map(str, staged))
            hist = None
            if history:
                hist_paths = stage([Path(p) for p in history], Path(tmp), first=len(staged))
                hist = spark.read.option("mergeSchema", "true").parquet(*map(str, hist_paths))
            declarations, rejected = score_dataframe(
                lines, profile, hist, summary=summary, counts=counts, buckets=buckets, random=random, as_of=as_of
            )
            if out is not None:
                _write(declarations, Path(out))
            if rejects is not None:
                _write(rejected, Path(rejects))
    finally:
        spark.catalog.clearCache()
        if running is None:
            spark.stop()
    return counts
