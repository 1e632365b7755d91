"""Readers: CSV, Parquet, JSON and JSON Lines goods lines (or nested declarations) -> a raw frame.

Raw frames keep every source column; `_file` and `_row` (1-based data row) say where each row came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from ..errors import RiskProfileError
from ..model.declaration import declarations_to_frame


class InputError(RiskProfileError):
    """Input that cannot be read at all (exit 2)."""


def _flatten(records: list[dict]) -> pl.DataFrame:
    if records and all(isinstance(r, dict) and "lines" in r for r in records):
        rows: list[dict] = []
        for rec in records:
            header = {k: v for k, v in rec.items() if k != "lines"}
            for i, line in enumerate(rec.get("lines") or [], start=1):
                rows.append({**header, "item_no": i, **line})
        records = rows
    keys: dict[str, None] = {}
    for r in records:
        if not isinstance(r, dict):
            raise InputError(f"expected JSON objects, got {type(r).__name__}")
        keys.update(dict.fromkeys(r))
    data = {k: [None if r.get(k) is None else str(r.get(k)) for r in records] for k in keys}
    return pl.DataFrame(data, schema={k: pl.String() for k in keys})


def read_frame(path: Path | str) -> pl.DataFrame:
    """Read one input file into a raw frame with `_file` and `_row` columns."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            df = pl.read_csv(
                path,
                infer_schema=False,
                separator="\t" if suffix == ".tsv" else ",",
                truncate_ragged_lines=False,
                encoding="utf8-lossy",
            )
        elif suffix in (".parquet", ".pq"):
            df = pl.read_parquet(path)
        elif suffix == ".jsonl" or suffix == ".ndjson":
            with path.open(encoding="utf-8") as f:
                records = [json.loads(line) for line in f if line.strip()]
            df = _flatten(records)
        elif suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            df = _flatten(data if isinstance(data, list) else data.get("declarations", [data]))
        else:
            raise InputError(f"{path}: unknown input format {suffix!r} (use .csv, .parquet, .json or .jsonl)")
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read: {str(e).splitlines()[0]}") from None
    return df.with_columns(
        pl.lit(str(path)).alias("_file"), pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("_row")
    )


def frame_from(obj) -> pl.DataFrame:
    """Accept a DataFrame, LazyFrame, list of Declaration models/dicts, or goods-line dicts."""
    if isinstance(obj, pl.LazyFrame):
        obj = obj.collect()
    if isinstance(obj, pl.DataFrame):
        df = obj
    elif isinstance(obj, (list, tuple)):
        items = list(obj)
        if items and all(isinstance(x, dict) and "lines" not in x for x in items):
            df = _flatten(items)
        else:
            df = declarations_to_frame(items)
    else:
        raise TypeError(f"cannot score a {type(obj).__name__}: pass a polars frame or declarations")
    if "_row" not in df.columns:
        df = df.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("_row"))
    if "_file" not in df.columns:
        df = df.with_columns(pl.lit("<memory>").alias("_file"))
    return df
