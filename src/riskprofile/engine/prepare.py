"""Input -> normalised goods lines with the derived features the rules need (history included)."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

import polars as pl
import polars.selectors as cs

from ..features.brand import add_like_brand
from ..features.context import FeatureContext
from ..features.history import attach_history, history_table
from ..features.keys import KEY_COLUMNS, collect, flag_sorted, with_key_codes
from ..features.registry import plan
from ..io.normalise import normalise, whole_declarations
from ..io.read import frame_from
from ..model.declaration import OPTIONAL_SCHEMA
from ..model.lists import NamedList
from . import history_cache
from .history_summary import ONE_OR_OTHER, HistorySummary, SummaryError, summary_history


@dataclass
class Prepared:
    """Scored rows with features (`lines`), rejected rows, and the row counts that must add up."""

    lines: pl.DataFrame
    rejects: pl.DataFrame
    rows_in: int
    history_rows: int
    history_rejects: pl.DataFrame

    @property
    def rows_scored(self) -> int:
        return self.lines.height

    def only(self, decl_id: str) -> Prepared:
        """The prepared lines of one declaration (its features already computed against the whole input)."""
        lines = self.lines.filter(pl.col("decl_id") == decl_id)
        return Prepared(lines, self.rejects.clear(), lines.height, self.history_rows, self.history_rejects)


@dataclass
class Normalised:
    """Input already normalised (kept lines, rejected rows, rows read): `prepare` takes it as is, so a
    batch run normalises each row once."""

    kept: pl.DataFrame | None
    rejects: pl.DataFrame
    rows_in: int


_KEYS = ("decl_id", "_decl", "_seq", "_file", "_row", "item_no")


def _in_input_order(df: pl.DataFrame) -> pl.DataFrame:
    """Rows in input order: feature joins keep the left order, so sorting (every column) is rarely needed."""
    return df if df["_seq"].is_sorted() else df.sort("_seq")


def _frames(data) -> list[pl.DataFrame]:
    if data is None:
        return []
    if isinstance(data, (list, tuple)) and data and all(isinstance(d, (pl.DataFrame, pl.LazyFrame)) for d in data):
        return [frame_from(d) for d in data]
    return [frame_from(data)]


def normalise_all(frames: list[pl.DataFrame], lists: dict[str, NamedList], extra: Mapping[str, str]):
    kept, rejects = [], []
    for f in frames:
        k, r = normalise(f, lists, extra)
        kept.append(k)
        rejects.append(r)
    empty_rejects = pl.DataFrame(schema={"file": pl.String, "row": pl.Int64, "decl_id": pl.String, "reason": pl.String})
    kept_df = pl.concat(kept, how="diagonal_relaxed") if kept else None
    rej_df = pl.concat([empty_rejects, *rejects], how="diagonal_relaxed")
    if kept_df is not None:
        kept_df, rej_df = whole_declarations(kept_df, rej_df)
    return kept_df, rej_df


def prepare(
    data,
    lists: dict[str, NamedList],
    ctx: FeatureContext,
    needed: set[str],
    like_brand: Set[tuple[str, str]] = frozenset(),
    history=None,
    extra_fields: Mapping[str, str] | None = None,
    keep: set[str] | None = None,
    decl_history: pl.DataFrame | None = None,
    summary: HistorySummary | None = None,
) -> Prepared:
    """Normalise input and history (unless given as `Normalised`), compute the features in `needed`
    (and their dependencies).

    `keep`: only these columns (plus the keys) in the result, so the plan computes nothing else.
    `decl_history`: the trader-history features per declaration (`_decl` code + features, from
    `features.history.decl_history` over the whole input and history), used instead of computing them
    from the rows given here. `summary`: a trader-history summary standing in for `history`."""
    if isinstance(data, Normalised):
        kept, rejects, rows_in = data.kept, data.rejects, data.rows_in
    else:
        frames = _frames(data)
        rows_in = sum(f.height for f in frames)
        kept, rejects = normalise_all(frames, lists, extra_fields or {})
    if isinstance(history, Normalised):
        hist, hist_rejects, hist_rows = history.kept, history.rejects, history.rows_in
    else:
        hist_frames = _frames(history)
        hist_rows = sum(f.height for f in hist_frames)
        hist, hist_rejects = history_cache.normalised(hist_frames, lists, extra_fields or {}, normalise_all)
    if kept is None:
        from ..io.read import InputError

        raise InputError("no input rows")
    kept = kept.with_columns(pl.int_range(0, pl.len(), dtype=pl.Int64).alias("_seq"), pl.lit(False).alias("_hist"))
    absent = [c for c in OPTIONAL_SCHEMA if c in needed and c not in kept.columns]  # a rule tests an absent column
    kept = kept.with_columns(pl.lit(None, dtype=OPTIONAL_SCHEMA[c]).alias(c) for c in absent)
    groups = plan(needed, ctx.params)
    with_past = any(g.name == "history" for g in groups)
    if summary is not None:
        if hist is not None:
            raise SummaryError("HS006", "history rows and a history summary given together", ONE_OR_OTHER)
        summary.check(lists, groups, kept)
        if decl_history is None and with_past:
            decl_history = summary_history(summary, kept, ctx)
    # Trader history is one row per declaration (`history_table`), joined onto the lines; the other
    # history-scope groups (outcome rates) run on input + history lines.
    hist_groups = [g for g in groups if g.scope == "history" and g.name != "history"]
    union = kept
    if hist is not None and (hist_groups or (with_past and decl_history is None)):
        hist = hist.filter(~pl.col("decl_id").is_in(kept["decl_id"].unique().implode()))
        union = pl.concat(
            [kept, hist.with_columns(pl.lit(None, dtype=pl.Int64).alias("_seq"), pl.lit(True).alias("_hist"))],
            how="diagonal_relaxed",
        )
    # Integer keys for the grouping columns (exact: one code per distinct string), shared by input and history.
    # Codes are computed here (an input column of the same name is not one); the other codes by the
    # groups that read them.
    union = flag_sorted(with_key_codes(union.drop(*KEY_COLUMNS, strict=False), "_decl", "_trader"), "_decl")
    table = None
    if with_past:
        table = decl_history.lazy() if decl_history is not None else history_table(union, ctx)
    if hist_groups:
        lf = union.lazy()
        if table is not None:  # on history lines too, as the groups after it may read it
            lf, table = attach_history(lf, table), None
        for g in hist_groups:
            lf = g.compute(lf, ctx)
        # Materialise once: groups that look at distinct values (marks) then read a frame, not a plan.
        lines = _in_input_order(collect(lf.filter(~pl.col("_hist"))))
    else:
        lines = union.slice(0, kept.height)  # the input lines come first
    lf = lines.lazy()
    for fld, list_name in sorted(like_brand):
        lf = add_like_brand(lf, ctx, fld, list_name)
    for g in groups:
        if g.scope != "history":
            lf = g.compute(lf, ctx)
    if table is not None:  # the line features and the per-declaration history computed side by side
        lf = attach_history(lf, table)
    if keep is not None:
        lf = lf.select(cs.all() & cs.by_name(sorted(keep.union(_KEYS)), require_all=False))  # no schema resolved here
    lines = _in_input_order(collect(lf))
    return Prepared(lines, rejects, rows_in, hist_rows, hist_rejects)
