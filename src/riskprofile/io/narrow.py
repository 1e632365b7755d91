"""Reading only the rows one declaration needs: its own lines and every declaration of the same trader.

A declaration's explanation reads its own lines and, for trader history, the other declarations of its
trader (input and history). `related` finds them in two cheap passes: the normalised declaration and
trader keys of every row (two columns), then the rows of the declarations whose lines carry one of the
declaration's normalised trader ids (`io.normalise.id_key`: `abc1 ` and `ABC1` are one trader), each
declaration whole. The filter is a lazy expression, pushed into the Parquet or CSV reader, so the other
rows are never materialised. `scan_file` is the lazy twin of `read.read_frame` for Parquet and CSV.
"""

from __future__ import annotations

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


def scan_file(path: Path | str) -> pl.LazyFrame | None:
    """The raw rows of a Parquet or CSV file as a lazy frame with `_file` and `_row`, the same rows and
    values as `read_frame`; None when only `read_frame` reads it the same way (another format, a CSV with
    ragged rows, a file it cannot read: its error is then `read_frame`'s)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file() or (suffix not in _CSV and suffix not in (".parquet", ".pq")):
        return None
    try:
        if suffix in _CSV:
            sep = _CSV[suffix]
            header = _csv_header(path, sep)
            lf = pl.scan_csv(path, infer_schema=False, separator=sep, encoding="utf8-lossy", row_index_name="_row")
            names = lf.collect_schema().names()
            if len(names) != len(header) + 1:
                return None
            # read_frame reads a file with a short row (polars pads it) row by row: so must we
            if lf.select(pl.col(header[-1]).null_count()).collect().item() and has_short_row(path, sep, len(header)):
                return None
        else:
            lf = pl.scan_parquet(path, row_index_name="_row")
            names = lf.collect_schema().names()
    except (InputError, pl.exceptions.PolarsError, OSError):
        return None
    cols = [c for c in names if c not in ("_row", "_file")]
    return lf.select(*cols, pl.lit(str(path)).alias("_file"), (pl.col("_row").cast(pl.Int64) + 1).alias("_row"))


_RAW = "_raw_decl_id"


def _keys(lf: pl.LazyFrame, src: str, mapping: ColumnMapping | None) -> pl.LazyFrame:
    """Per row: the raw `decl_id` (`src`, before the mapping), the normalised `decl_id` (k) and trader (t)."""
    mapped = lf.with_columns(pl.col(src).alias(_RAW))
    mapped = mapping.apply(mapped) if mapping is not None else mapped
    schema = mapped.collect_schema()
    trader = id_key("trader_id", schema["trader_id"]) if "trader_id" in schema else pl.lit(None, dtype=pl.String)
    return mapped.select(_RAW, decl_key(schema["decl_id"]).alias("k"), trader.alias("t"))


def related(
    decl_id: str,
    inputs: list[pl.LazyFrame],
    history: list[pl.LazyFrame],
    mapping: ColumnMapping | None = None,
    *,
    same_trader: bool = True,
) -> tuple[list[pl.DataFrame], list[pl.DataFrame]] | None:
    """The rows of raw `inputs` and `history` (through `mapping`) of the declaration `decl_id` and (with
    `same_trader`) of every declaration that has a line of its trader, all lines of each; None when a
    frame has no `decl_id`. The rows are read with a filter on the raw id column: every column is read
    (a CSV row with too many fields raises, as `read_frame` does), only for the rows kept.

    Raises `UnknownDeclaration` when no input row carries `decl_id`."""
    frames = [*inputs, *history]
    sources = []
    for lf in frames:
        names = lf.collect_schema().names()
        src = mapping.source_of("decl_id", names) if mapping is not None else "decl_id" if "decl_id" in names else None
        if src is None:
            return None
        sources.append(src)
    keys = [_keys(lf, src, mapping).collect(engine="streaming") for lf, src in zip(frames, sources, strict=True)]
    own = pl.concat([k.filter(pl.col("k") == decl_id) for k in keys[: len(inputs)]])
    if own.height == 0:
        raise _unknown(decl_id, keys[: len(inputs)], keys[len(inputs) :])
    wanted = pl.Series([decl_id], dtype=pl.String)
    traders = own["t"].drop_nulls().unique()
    if same_trader and traders.len():
        of_trader = [k.filter(pl.col("t").is_in(traders.implode()))["k"] for k in keys]
        wanted = pl.concat([wanted, *of_trader]).drop_nulls().unique()
    picked = []
    for lf, src, k in zip(frames, sources, keys, strict=True):
        raw = k.filter(pl.col("k").is_in(wanted.implode()))[_RAW].unique()
        df = lf.filter(pl.col(src).is_in(raw.implode())).collect(engine="streaming")
        picked.append(mapping.apply(df) if mapping is not None else df)
    return picked[: len(inputs)], picked[len(inputs) :]


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
    lazies = [lf if lf is not None else read_frame(p).lazy() for lf, p in zip(scans, paths, strict=True)]
    try:
        got = related(decl_id, lazies[: len(inputs)], lazies[len(inputs) :], mapping)
    except pl.exceptions.ComputeError:  # a CSV row with too many fields: read_frame reads it row by row
        lazies = [read_frame(p).lazy() for p in paths]
        got = related(decl_id, lazies[: len(inputs)], lazies[len(inputs) :], mapping)
    if got is None:  # no decl_id: normalisation says so
        frames = [lf.collect() for lf in lazies]
        frames = [mapping.apply(df) for df in frames] if mapping is not None else frames
        return frames[: len(inputs)], frames[len(inputs) :]
    return got
