"""Scoring in declaration-complete batches, streamed from files to an output file: bounded memory.

Three passes over the input, each holding one batch of goods lines at a time:

1. keys: the (cleaned) `decl_id` column alone, to cut the rows into batches that never split a
   declaration. When each declaration's lines are contiguous (the usual layout) a batch is a slice of
   rows; otherwise a batch is the set of declarations first seen in a range of the input, read with a
   filter.
2. normalise each batch once (rejects kept), keep its normalised lines in a temporary Parquet file, and
   keep the per-declaration header (trader, date, office) as the state trader history needs.
3. trader history over the headers of every batch and of the `--history` rows (`decl_history`, one
   row per declaration) or of a history summary (one row per trader x office), then each batch is
   prepared with it, scored by the one scoring path and written to the output.

The results equal the one-shot `Profile.score` (same declarations, order, scores, lanes, rules, random
draw and rejects): every feature but trader history is local to a declaration, and trader history is
computed over all rows at once. Profiles with other history-scope features (outcome rates) need the
whole input and are refused (`BatchError`). Peak memory is that of one batch plus the header table.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from ..features.history import decl_history, headers
from ..features.keys import collect, with_key_codes
from ..features.registry import plan
from ..io.read import read_frame
from ..io.write import check_output
from .history_summary import ONE_OR_OTHER, HistorySummary, SummaryError
from .prepare import Normalised, normalise_all
from .score import OUTPUT_SCHEMA, ScoreResult


class BatchError(ValueError):
    """The profile cannot be scored in batches (it needs the whole input at once)."""


@dataclass
class BatchSummary:
    """Counts over all batches: rows in = rows scored + rows rejected."""

    rows_in: int = 0
    rows_scored: int = 0
    rows_rejected: int = 0
    declarations: int = 0
    batches: int = 0
    lanes: dict[str, int] = field(default_factory=lambda: {"green": 0, "yellow": 0, "red": 0})
    random: int = 0
    rule_hits: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "rows_in": self.rows_in,
            "rows_scored": self.rows_scored,
            "rows_rejected": self.rows_rejected,
            "declarations": self.declarations,
            "lanes": self.lanes,
            "random": self.random,
            "batches": self.batches,
        }


def _scan(path: Path) -> pl.LazyFrame:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return pl.scan_parquet(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return pl.scan_csv(path, infer_schema=False, separator="\t" if suffix == ".tsv" else ",", encoding="utf8-lossy")
    raise BatchError(f"{path}: batch scoring reads .parquet or .csv files")


def _decl_key(lf: pl.LazyFrame) -> pl.Expr:
    """The declaration key normalisation gives (`decl_id` stripped; empty is missing)."""
    key = pl.col("decl_id").cast(pl.String).str.strip_chars()
    return pl.when(key.str.len_chars() > 0).then(key)


def _batches(path: Path, batch_lines: int) -> Iterator[tuple[pl.DataFrame, bool]]:
    """Raw frames of `path` (with `_file`, `_row`), declaration-complete, about `batch_lines` rows each,
    and whether they are slices of the file in order (else the output is put in input order at the end)."""
    lf = _scan(path)
    if "decl_id" not in lf.collect_schema().names():
        yield read_frame(path), True  # normalisation reports the missing column
        return
    keys = collect(lf.select(_decl_key(lf).alias("k")))["k"]
    n = keys.len()
    tagged = lf.with_row_index("_idx").with_columns(
        pl.lit(str(path)).alias("_file"), (pl.col("_idx").cast(pl.Int64) + 1).alias("_row")
    )

    def rows(a: int, b: int) -> pl.DataFrame:
        # slice first, number after: a row index before the slice stops polars from pushing the slice
        # into the reader, which then reads the whole file for every batch (10M lines: 3.5 GiB)
        first = pl.int_range(pl.len(), dtype=pl.Int64) + (a + 1)
        return collect(lf.slice(a, b - a).with_columns(pl.lit(str(path)).alias("_file"), first.alias("_row")))

    starts = np.flatnonzero(keys.ne_missing(keys.shift(1)).fill_null(True).to_numpy())
    if n and not keys.null_count() and len(starts) == keys.n_unique():  # each declaration's lines together
        cuts = [0]
        while cuts[-1] < n:
            at = int(np.searchsorted(starts, cuts[-1] + batch_lines))
            cuts.append(int(starts[at]) if at < len(starts) else n)
        for a, b in zip(cuts, cuts[1:], strict=False):
            yield rows(a, b), True
        del keys
        return
    # Declarations scattered over the file: a batch is the declarations first seen in a range of rows.
    first = keys.drop_nulls().unique(maintain_order=True)
    per_decl = max(1.0, n / max(1, first.len()))
    step = max(1, int(batch_lines / per_decl))
    for i in range(0, max(first.len(), 1), step):
        ids = first.slice(i, step)
        cond = _decl_key(lf).is_in(ids.implode())
        if i == 0:
            cond = cond | _decl_key(lf).is_null()  # rows without a declaration id: rejected in the first batch
        # a filter reads the whole file: the streaming engine keeps that read bounded
        yield tagged.filter(cond).drop("_idx").collect(engine="streaming"), False


def supported(profile) -> None:
    """Raise `BatchError` when a profile needs history-scope features other than trader history."""
    needed = set(profile.compiled().features)
    others = [g.name for g in plan(needed, profile.context.params) if g.scope == "history" and g.name != "history"]
    if others:
        raise BatchError(
            f"the profile's {', '.join(others)} features need the whole input at once; score without --batch-lines"
        )


def score_batches(
    profile,
    inputs: list[Path],
    out: Path | None,
    *,
    history: list[Path] | None = None,
    batch_lines: int = 500_000,
    random: bool = True,
    as_of: dt.date | None = None,
    rejects_out: Path | None = None,
    workdir: Path | None = None,
    history_summary: HistorySummary | None = None,
) -> BatchSummary:
    """Score `inputs` in declaration-complete batches of about `batch_lines` lines and write the
    declarations to `out` (.parquet, .csv or .jsonl) in input order; rejected rows to `rejects_out`.
    `history_summary`: a trader-history summary in place of `history` (checked against every batch)."""
    supported(profile)
    if history_summary is not None:
        if history:
            raise SummaryError("HS006", "history files and a history summary given together", ONE_OR_OTHER)
        history_summary.check_profile(profile)
    extra = profile.config.fields
    summary = BatchSummary()
    with tempfile.TemporaryDirectory(dir=workdir, prefix="riskprofile-batches-") as tmp:
        parts: list[tuple[Path, int]] = []
        header_parts, reject_parts = [], []
        in_order = True
        for path in inputs:
            for raw, sliced in _batches(Path(path), batch_lines):
                in_order = in_order and sliced
                kept, rejects = normalise_all([raw], profile.lists, extra)
                summary.rows_in += raw.height
                del raw
                reject_parts.append(rejects)
                if kept is not None and kept.height:
                    if history_summary is not None:
                        history_summary.check_profile(profile, kept)
                    part = Path(tmp) / f"batch-{len(parts):05d}.parquet"
                    kept.write_parquet(part)
                    parts.append((part, 0))
                    header_parts.append(_headers(kept))
                del kept
        hist_rows = 0
        for path in history or []:
            hist_raw = read_frame(path)
            hist_rows += hist_raw.height
            hist_kept, _ = normalise_all([hist_raw], profile.lists, extra)
            if hist_kept is not None:
                header_parts.append(_headers(hist_kept, history=True))
        if history_summary is not None:
            header_parts.append(history_summary.headers().with_columns(pl.lit(True).alias("_hist")))
        summary.rows_rejected = sum(r.height for r in reject_parts)
        table = _decl_history(profile, header_parts)
        del header_parts
        writer = _Writer(out, Path(tmp), in_order)
        file_index = {str(p): i for i, p in enumerate(inputs)}
        compiled = profile.compiled(as_of)
        rule_ids = [r.id for r in compiled.rules]
        summary.rule_hits = dict.fromkeys(rule_ids, 0)
        for part, _ in parts:
            kept = pl.read_parquet(part)
            empty = reject_parts[0].clear()  # a batch was read, so its rejects (maybe none) are there
            prepared = profile.prepare(
                Normalised(kept, empty, kept.height), as_of=as_of, rules_only=True, decl_history=table
            )
            result = profile.score_prepared(prepared, random=random, as_of=as_of)
            _add(summary, result)
            decls = result.declarations
            if not in_order:  # where each declaration's first scored line is: the one-shot output order
                at = result.masks["_seq"]
                files = prepared.lines["_file"].gather(at).replace_strict(file_index, return_dtype=pl.Int64)
                decls = decls.with_columns(files.alias("_fi"), prepared.lines["_row"].gather(at).alias("_first"))
            writer.write(decls)
            summary.batches += 1
            part.unlink()
        writer.close()
        if rejects_out is not None:
            from ..io.write import write_frame

            write_frame(_in_row_order(reject_parts, inputs), rejects_out)
    return summary


def _in_row_order(parts: list[pl.DataFrame], inputs: list[Path]) -> pl.DataFrame:
    """Rejected rows in file order, then row order (as the one-shot path reports them)."""
    rejects = pl.concat(parts, how="diagonal_relaxed")
    order = {str(p): i for i, p in enumerate(inputs)}
    rank = pl.col("file").replace_strict(list(order), list(order.values()), default=len(order), return_dtype=pl.Int64)
    return rejects.sort(rank, "row", maintain_order=True)


def _headers(kept: pl.DataFrame, history: bool = False) -> pl.DataFrame:
    """Per declaration of a batch: decl_id, trader, date, office codes (the state history needs)."""
    df = with_key_codes(kept.select("decl_id", "trader_id", "declared_at", "customs_office"))
    hdr = collect(headers(df.lazy()))
    return hdr.with_columns(pl.lit(history).alias("_hist"))


def _decl_history(profile, parts: list[pl.DataFrame]) -> pl.DataFrame | None:
    needed = set(profile.compiled().features)
    if not any(g.name == "history" for g in plan(needed, profile.context.params)):
        return None
    hdr = pl.concat(parts, how="diagonal") if parts else None
    if hdr is None:
        return None
    # A history row of a declaration that is also in the input is not history (as in Profile.score);
    # the rows of a history summary (no `_decl`) are.
    scored = hdr.filter(~pl.col("_hist"))
    past = pl.col("_decl").is_null() | ~pl.col("_decl").is_in(scored["_decl"].implode())
    hdr = pl.concat([scored, hdr.filter(pl.col("_hist") & past)])
    table = collect(decl_history(hdr.drop("_hist").lazy(), profile.context))
    return table.filter(pl.col("_decl").is_in(scored["_decl"].implode()))


def _add(summary: BatchSummary, result: ScoreResult) -> None:
    d = result.declarations
    summary.rows_scored += result.rows_scored
    summary.declarations += d.height
    for lane, n in result.lanes().items():
        summary.lanes[lane] += n
    summary.random += int(d["random"].sum()) if d.height else 0
    for rid, n in result.rule_hits().items():
        summary.rule_hits[rid] = summary.rule_hits.get(rid, 0) + n


class _Writer:
    """Appends scored batches: Parquet parts concatenated at the end, CSV and JSONL appended, then the
    file is moved into place (atomically)."""

    def __init__(self, out: Path | None, tmp: Path, in_order: bool):
        self.out, self.tmp, self.in_order = out, tmp, in_order
        self.suffix = check_output(out) if out is not None else ""
        self.parts: list[Path] = []

    def write(self, decls: pl.DataFrame) -> None:
        if self.out is None:
            return
        part = self.tmp / f"out-{len(self.parts):05d}.parquet"
        decls.write_parquet(part)
        self.parts.append(part)

    def close(self) -> None:
        if self.out is None:
            return
        from ..io.write import flat_csv
        from ..yamlio import atomic_write

        suffix = self.suffix
        if not self.in_order and self.parts:
            # declarations scattered over the input: put them in input order (memory: the output's size)
            ordered = self.tmp / "out-ordered.parquet"
            pl.scan_parquet(self.parts).sort("_fi", "_first").drop("_fi", "_first").sink_parquet(ordered)
            self.parts = [ordered]
        frames = lambda: (pl.read_parquet(p) for p in self.parts)  # noqa: E731

        def write(target: Path) -> None:
            if suffix in (".parquet", ".pq"):
                lf = pl.scan_parquet(self.parts) if self.parts else pl.LazyFrame(schema=OUTPUT_SCHEMA)
                lf.sink_parquet(target)
            elif suffix == ".csv":
                with target.open("wb") as f:
                    for i, df in enumerate(frames()):
                        flat_csv(df).write_csv(f, include_header=i == 0)
            else:
                with target.open("w", encoding="utf-8") as f:
                    for df in frames():
                        for row in df.iter_rows(named=True):
                            f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

        atomic_write(self.out, write)


__all__ = ["BatchError", "BatchSummary", "score_batches", "supported"]
