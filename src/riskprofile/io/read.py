"""Readers: CSV, Parquet, JSON and JSON Lines goods lines (or nested declarations) -> a raw frame.

Raw frames keep every source column; `_file` and `_row` (1-based data row) say where each row came from.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl

from ..errors import RiskProfileError
from ..model.declaration import declarations_to_frame


class InputError(RiskProfileError):
    """Input that cannot be read at all (exit 2)."""


_KINDS = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}


def _kind(v: object) -> str:
    return "null" if v is None else _KINDS.get(type(v), type(v).__name__)


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise InputError(f"key `{k}` appears twice in one object: rename one")
        out[k] = v
    return out


def _flatten(records: list, where: str = "") -> pl.DataFrame:
    """Goods-line objects, or declaration objects with `lines` (header fields once), -> a string frame."""
    rows: list[dict] = []
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            raise InputError(f"{where}item {n} is {_kind(rec)}: expected a goods-line or declaration object")
        if "lines" not in rec:
            rows.append(rec)
            continue
        lines = rec["lines"]
        if not isinstance(lines, list) or not all(isinstance(x, dict) for x in lines):
            raise InputError(
                f"{where}declaration {rec.get('decl_id', n)!r}: `lines` must be a list of goods-line objects, "
                f"got {_kind(lines)}"
            )
        header = {k: v for k, v in rec.items() if k != "lines"}
        for i, line in enumerate(lines, start=1):
            rows.append({**header, "item_no": i, **line})
    keys: dict[str, None] = {}
    for r in rows:
        keys.update(dict.fromkeys(r))
    data = {k: [None if r.get(k) is None else str(r.get(k)) for r in rows] for k in keys}
    return pl.DataFrame(data, schema={k: pl.String() for k in keys})


def _json_records(data: object, path: Path) -> list:
    """The records of a .json file: a list, `{"declarations": [...]}`, or one object."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if "declarations" in data:
            if not isinstance(data["declarations"], list):
                raise InputError(f"{path}: `declarations` must be a list, got {_kind(data['declarations'])}")
            return data["declarations"]
        return [data]
    raise InputError(f"{path}: expected a list of goods lines or declarations (JSON objects), got {_kind(data)}")


def _jsonl_records(path: Path) -> list:
    records = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                try:
                    records.append(json.loads(line, object_pairs_hook=_no_duplicate_keys))
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}:{n}: not JSON: {e.msg} (column {e.colno})") from None
    return records


def _csv_header(path: Path, sep: str) -> list[str]:
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        header = next(csv.reader(f, delimiter=sep), [])
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        if name in seen:
            raise InputError(
                f"{path}: column `{name}` appears twice (columns {seen[name]} and {i}): rename one", file=path
            )
        seen[name] = i
    return header


def _csv_ragged(path: Path, sep: str, header: list[str]) -> pl.DataFrame:
    """The rows of a CSV whose rows do not all have the header's field count: each ragged row is kept
    with `_read_error` saying so, to be rejected with its row number (the other rows are read as usual)."""
    width = len(header)
    cols: list[list[str | None]] = [[] for _ in header]
    errors: list[str | None] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=sep)
        next(reader, None)
        for row in reader:
            if not row:
                continue
            errors.append(None if len(row) == width else f"row has {len(row)} fields, the header has {width}")
            padded = (row + [None] * width)[:width]
            for c, v in zip(cols, padded, strict=True):
                c.append(v)
    return pl.DataFrame(
        {**dict(zip(header, cols, strict=True)), "_read_error": errors},
        schema={**{h: pl.String() for h in header}, "_read_error": pl.String()},
    )


def _short_rows(path: Path, sep: str, width: int, last: pl.Series) -> bool:
    """Whether a row has fewer fields than the header. polars pads such a row with nulls, as it reads an
    empty field, so the rows are counted again only when the last column has a null (a short row's last
    field is always missing)."""
    return bool(last.null_count()) and has_short_row(path, sep, width)


def has_short_row(path: Path, sep: str, width: int) -> bool:
    """Whether a data row of the CSV file has fewer fields than `width` (read row by row)."""
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=sep)
        next(reader, None)
        return any(row and len(row) < width for row in reader)


def read_frame(path: Path | str) -> pl.DataFrame:
    """Read one input file into a raw frame with `_file` and `_row` columns.

    Raises InputError (exit 2) for a file that cannot be read at all or is wrongly shaped (duplicate
    column names, JSON that is not goods lines or declarations); a ragged CSV row (more or fewer fields
    than the header) is kept with a `_read_error` and rejected by normalisation with its row number."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a folder: pass input files")
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            sep = "\t" if suffix == ".tsv" else ","
            header = _csv_header(path, sep)
            try:
                df = pl.read_csv(
                    path, infer_schema=False, separator=sep, truncate_ragged_lines=False, encoding="utf8-lossy"
                )
                if df.width == len(header) and df.height and _short_rows(path, sep, len(header), df[:, -1]):
                    df = _csv_ragged(path, sep, header)
            except pl.exceptions.ComputeError as e:
                if "more fields" not in str(e):
                    raise
                df = _csv_ragged(path, sep, header)
        elif suffix in (".parquet", ".pq"):
            df = pl.read_parquet(path)
        elif suffix == ".jsonl" or suffix == ".ndjson":
            df = _flatten(_jsonl_records(path), f"{path}: ")
        elif suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)
            df = _flatten(_json_records(data, path), f"{path}: ")
        else:
            raise InputError(f"{path}: unknown input format {suffix!r} (use .csv, .parquet, .json or .jsonl)")
    except InputError as e:
        if not str(e).startswith(str(path)):
            raise InputError(f"{path}: {e}", file=path) from None
        raise
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read: {str(e).splitlines()[0]}") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
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
    where = [
        *([] if "_row" in df.columns else [pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("_row")]),
        *([] if "_file" in df.columns else [pl.lit("<memory>").alias("_file")]),
    ]
    return df.with_columns(where) if where else df
