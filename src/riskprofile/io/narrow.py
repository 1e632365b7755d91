"""Reading only the rows one declaration needs: its own lines and every declaration of the same trader.

A declaration's explanation reads its own lines and, for trader history, the other declarations of its
trader (input and history). `related` finds them in two cheap passes: the normalised declaration and
trader keys of every row (two columns), then the rows of the declarations whose lines carry one of the
declaration's normalised trader ids (`io.normalise.id_key`: `abc1 ` and `ABC1` are one trader), each
declaration whole. The filter is a lazy expression, pushed into the Parquet or CSV reader, so the other
rows are never materialised. `scan_file` is the lazy twin of `read.read_frame` for Parquet and CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import polars as pl

from .mapping import ColumnMapping
from .normalise import decl_key, id_key
from .read import InputError, _csv_header, has_short_row, read_frame


class UnknownDeclaration(KeyError):
    """The declaration is not among the input's scored rows: absent (then `similar`: input ids equal to
    it but for case and spaces, `examples`: a few input ids, `in_history`: a history file has it), or
    rejected (`reason`)."""

    def __init__(
        self,
        decl_id: str,
        *,
        reason: str | None = None,
        similar: tuple[str, ...] = (),
        examples: tuple[str, ...] = (),
        in_history: bool = False,
    ):
        super().__init__(decl_id)
        self.decl_id, self.reason, self.in_history = decl_id, reason, in_history
        self.similar, self.examples = tuple(similar), tuple(examples)

    def __str__(self) -> str:
        if self.reason:
            return f"declaration {self.decl_id!r} was rejected: {self.reason}"
        return f"declaration {self.decl_id!r} is not in the input"

    @property
    def hint(self) -> str:
        if self.reason:
            return "Fix the row (see `riskprofile score FILE --rejects rejects.csv`) and explain it again."
        if self.similar:
            return f"Did you mean {', '.join(map(repr, self.similar))}?"
        if self.in_history:
            return "It is in a --history file: explain reads the declaration from --input."
        seen = f" (ids such as {', '.join(map(repr, self.examples))})" if self.examples else ""
        return f"List the input's declarations with `riskprofile score FILE --json`{seen}."


_CSV = {".csv": ",", ".txt": ",", ".tsv": "\t"}


@dataclass(frozen=True)
class Scan:
    """A file's raw rows, lazily (`frame`, with `_file` and `_row`). For a CSV, `short` makes the check
    `read_frame` makes before reading a file as polars does: whether a row has fewer fields than the
    header (polars pads it), asked only when `last`, the last column, has a null."""

    frame: pl.LazyFrame
    last: str | None = None
    short: Callable[[], bool] | None = None


def scan_file(path: Path | str) -> Scan | None:
    """The raw rows of a Parquet or CSV file, lazily: the same rows and values as `read_frame`, unless a
    CSV row is ragged (`Scan.short`; too many fields: collecting every column raises, as `read_frame`
    does before reading row by row). None for other files and files it cannot scan (`read_frame`
    reads them, or says what is wrong)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file() or (suffix not in _CSV and suffix not in (".parquet", ".pq")):
        return None
    last, short = None, None
    try:
        if suffix in _CSV:
            sep = _CSV[suffix]
            header = _csv_header(path, sep)
            lf = pl.scan_csv(path, infer_schema=False, separator=sep, encoding="utf8-lossy", row_index_name="_row")
            names = lf.collect_schema().names()
            if not header or len(names) != len(header) + 1:
                return None
            last, short = header[-1], partial(has_short_row, path, sep, len(header))
        else:
            lf = pl.scan_parquet(path, row_index_name="_row")
            names = lf.collect_schema().names()
    except (InputError, pl.exceptions.PolarsError, OSError):
        return None
    cols = [c for c in names if c not in ("_row", "_file")]
    frame = lf.select(*cols, pl.lit(str(path)).alias("_file"), (pl.col("_row").cast(pl.Int64) + 1).alias("_row"))
    return Scan(frame, last, short)


_RAW, _NULL_LAST = "_raw_decl_id", "_null_last"


def _keys(scan: Scan, src: str, mapping: ColumnMapping | None) -> pl.LazyFrame:
    """Per row: the raw `decl_id` (`src`, before the mapping), the normalised `decl_id` (k) and trader
    (t), and whether the last column is null (a CSV's rows may be short then)."""
    mapped = scan.frame.with_columns(pl.col(src).alias(_RAW))
    if scan.last is not None:
        mapped = mapped.with_columns(pl.col(scan.last).is_null().alias(_NULL_LAST))
    mapped = mapping.apply(mapped) if mapping is not None else mapped
    schema = mapped.collect_schema()
    trader = id_key("trader_id", schema["trader_id"]) if "trader_id" in schema else pl.lit(None, dtype=pl.String)
    extra = [_NULL_LAST] if scan.last is not None else []
    return mapped.select(_RAW, decl_key(schema["decl_id"]).alias("k"), trader.alias("t"), *extra)


def related(
    decl_id: str,
    inputs: Sequence[pl.LazyFrame | Scan],
    history: Sequence[pl.LazyFrame | Scan],
    mapping: ColumnMapping | None = None,
    *,
    same_trader: bool = True,
) -> tuple[list[pl.DataFrame], list[pl.DataFrame]] | None:
    """The rows of raw `inputs` and `history` (through `mapping`) of the declaration `decl_id` and (with
    `same_trader`) of every declaration that has a line of its trader, all lines of each. The rows are
    read with a filter on the raw id column: every column is read, only for the rows kept. None when a
    frame has no `decl_id`, or a scanned CSV has a short row (`read_frame` reads those).

    Raises `UnknownDeclaration` when no input row carries `decl_id`."""
    scans = [f if isinstance(f, Scan) else Scan(f) for f in [*inputs, *history]]
    sources = []
    for scan in scans:
        names = scan.frame.collect_schema().names()
        src = mapping.source_of("decl_id", names) if mapping is not None else "decl_id" if "decl_id" in names else None
        if src is None:
            return None
        sources.append(src)
    keys = [_keys(scan, src, mapping).collect(engine="streaming") for scan, src in zip(scans, sources, strict=True)]
    for scan, k in zip(scans, keys, strict=True):
        if scan.short is not None and k[_NULL_LAST].any() and scan.short():
            return None
    n = len(inputs)
    own = pl.concat([k.filter(pl.col("k") == decl_id).select("t") for k in keys[:n]])
    if own.height == 0:
        raise _unknown(decl_id, keys[:n], keys[n:])
    wanted = pl.Series([decl_id], dtype=pl.String)
    traders = own["t"].drop_nulls().unique()
    if same_trader and traders.len():
        of_trader = [k.filter(pl.col("t").is_in(traders.implode()))["k"] for k in keys]
        wanted = pl.concat([wanted, *of_trader]).drop_nulls().unique()
    picked = []
    for scan, src, k in zip(scans, sources, keys, strict=True):
        raw = k.filter(pl.col("k").is_in(wanted.implode()))[_RAW].unique()
        df = scan.frame.filter(pl.col(src).is_in(raw.implode())).collect(engine="streaming")
        picked.append(mapping.apply(df) if mapping is not None else df)
    return picked[:n], picked[n:]


def _unknown(decl_id: str, inputs: list[pl.DataFrame], history: list[pl.DataFrame]) -> UnknownDeclaration:
    """`decl_id` is not in the input: ids that differ only by case or spaces, a few ids, and whether the
    history has it."""
    want = decl_id.strip().upper()
    similar: list[str] = []
    examples: list[str] = []
    for k in inputs:
        ids = k["k"].drop_nulls()
        similar += ids.filter(ids.str.to_uppercase() == want).unique(maintain_order=True).head(5).to_list()
        examples += ids.unique(maintain_order=True).head(3).to_list()
    return UnknownDeclaration(
        decl_id,
        similar=tuple(similar[:5]),
        examples=tuple(examples[:3]),
        in_history=any(k["k"].eq(decl_id).any() for k in history),
    )


def read_related(
    decl_id: str, inputs: list[Path], history: list[Path], mapping: ColumnMapping | None = None
) -> tuple[list[pl.DataFrame], list[pl.DataFrame]]:
    """`related` over files (through a column mapping): Parquet and CSV files are scanned with the
    filter, other files (and CSV files with ragged rows) read whole first. Raises `UnknownDeclaration`,
    or `InputError` as `read_frame` does."""
    paths = [*inputs, *history]
    scans = [scan_file(p) for p in paths]
    lazies = [scan if scan is not None else read_frame(p).lazy() for scan, p in zip(scans, paths, strict=True)]
    n = len(inputs)
    try:
        got = related(decl_id, lazies[:n], lazies[n:], mapping)
    except pl.exceptions.ComputeError:  # a CSV row with too many fields
        got = None
    if got is None and any(scan is not None for scan in scans):  # ragged CSV rows: read_frame reads them
        lazies = [read_frame(p).lazy() for p in paths]
        got = related(decl_id, lazies[:n], lazies[n:], mapping)
    if got is None:  # no decl_id: normalisation says so
        frames = [lf.collect() for lf in lazies]  # type: ignore[union-attr]
        frames = [mapping.apply(df) for df in frames] if mapping is not None else frames
        return frames[:n], frames[n:]
    return got
