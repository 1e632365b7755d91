"""Writers: results and rejects to Parquet, CSV or JSON Lines, replacing files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import polars as pl

from ..errors import RiskProfileError


class OutputError(RiskProfileError, ValueError):
    """An output file riskprofile cannot write (unknown format)."""


def _atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_frame(df: pl.DataFrame, path: Path | str) -> None:
    """Write a frame by suffix (.parquet, .csv, .jsonl); list columns become ';'-joined text in CSV."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        _atomic(path, lambda p: df.write_parquet(p))
    elif suffix == ".csv":
        flat = df.with_columns(pl.col(c).list.join(";") for c, t in df.schema.items() if isinstance(t, pl.List))
        _atomic(path, lambda p: flat.write_csv(p))
    elif suffix in (".jsonl", ".ndjson"):

        def w(p: Path) -> None:
            with p.open("w", encoding="utf-8") as f:
                for row in df.iter_rows(named=True):
                    f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

        _atomic(path, w)
    else:
        raise OutputError(f"cannot write {path}: use .parquet, .csv or .jsonl", file=path)
