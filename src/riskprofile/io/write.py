"""Writers: results and rejects to Parquet, CSV or JSON Lines, replacing files atomically.

Every file is written to a temp file beside the target and renamed into place (`yamlio.atomic_write`):
a full disk, a read-only folder or a folder in the way raises `WriteError` with a message and leaves
the target as it was; new files get the umask's mode. CSV cells that a spreadsheet would evaluate as
a formula (starting with = + - @, a tab or a carriage return) get a leading apostrophe
(`safetext.csv_safe`); Parquet and JSON Lines keep values exactly.
"""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import polars as pl

from ..errors import RiskProfileError
from ..safetext import csv_safe
from ..yamlio import WriteError, atomic_write

__all__ = ["OutputError", "WriteError", "write_frame"]


class OutputError(RiskProfileError, ValueError):
    """An output file riskprofile cannot write (unknown format)."""


def _parquet(df: pl.DataFrame, p: Path) -> None:
    try:
        df.write_parquet(p)
    except pl.exceptions.ComputeError as e:  # polars reports I/O failures of the parquet writer this way
        m = re.search(r"os error (\d+)", str(e))
        raise OSError(int(m.group(1)) if m else errno.EIO, str(e).splitlines()[0]) from None


def flat_csv(df: pl.DataFrame) -> pl.DataFrame:
    """The frame as CSV writes it: list columns ';'-joined, formula-like cells made inert."""
    return csv_safe(df.with_columns(pl.col(c).list.join(";") for c, t in df.schema.items() if isinstance(t, pl.List)))


OUTPUT_SUFFIXES = (".parquet", ".pq", ".csv", ".jsonl", ".ndjson")


def check_output(path: Path) -> str:
    """The output format of `path` (its lower-case suffix), or an OutputError saying what to give instead."""
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name ending in .parquet, .csv or .jsonl")
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise OutputError(f"cannot write {path}: use .parquet, .csv or .jsonl", file=path)
    return suffix


def write_frame(df: pl.DataFrame, path: Path | str) -> None:
    """Write a frame by suffix (.parquet, .csv, .jsonl); list columns become ';'-joined text in CSV."""
    path = Path(path)
    suffix = check_output(path)
    if suffix in (".parquet", ".pq"):
        atomic_write(path, lambda p: _parquet(df, p))
    elif suffix == ".csv":
        atomic_write(path, lambda p: flat_csv(df).write_csv(p))
    else:

        def w(p: Path) -> None:
            with p.open("w", encoding="utf-8") as f:
                for row in df.iter_rows(named=True):
                    f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

        atomic_write(path, w)
