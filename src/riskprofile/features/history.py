"""Trader history, from earlier declarations (input and `--history` files) and the penalties list.

Everything here looks strictly backwards: a declaration's history is the declarations of the same
trader with `declared_at` strictly before its own. Counts come from an explicit sort by (trader, date)
and cumulative sums over it, never from order-dependent rolling windows on unsorted input.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from .keys import codes_of, collect, with_key_codes
from .registry import FeatureGroup, register

_T, _D, _O = "_trader", "declared_at", "_office"
#: Per-declaration header columns the history features read (the state a batch run carries).
HEADER = ("_decl", _T, _D, _O)
_NO_OFFICE = (1 << 32) - 1


def headers(lf: pl.LazyFrame) -> pl.LazyFrame:
    """One row per declaration: its code, trader, date and office (of its first line)."""
    return lf.group_by("_decl").agg(pl.col(_T).first(), pl.col(_D).first(), pl.col(_O).first())


def decl_history(hdr: pl.LazyFrame, ctx) -> pl.LazyFrame:
    """Per declaration (`_decl`): the trader-history features, from a header table of the input and
    its history (`headers`). A header row may stand for `_n` declarations of one trader at one office,
    the first of them on its date (the rows of a history summary, `summary_headers`); without `_n`,
    each row is one declaration."""
    hdr = hdr.filter(pl.col(_T).is_not_null() & pl.col(_D).is_not_null())
    # One sort by (trader, date); every count below is a scan over runs of that order, and same-day
    # declarations share the values of the first of their day (they are not each other's history).
    if "_n" in hdr.collect_schema().names():
        weight = pl.col("_n").fill_null(1).cast(pl.Int64)
        idx = weight.cum_sum() - weight  # declarations on the rows before this one
    else:
        idx = pl.int_range(pl.len(), dtype=pl.Int64)
    t_start = (pl.col(_T) != pl.col(_T).shift(1)).fill_null(True)
    d_start = t_start | (pl.col(_D) != pl.col(_D).shift(1)).fill_null(True)
    office_key = pl.col(_T).cast(pl.UInt64) * (1 << 32) + pl.col(_O).fill_null(_NO_OFFICE).cast(pl.UInt64)
    new_office = (office_key.is_first_distinct() & pl.col(_O).is_not_null()).cast(pl.Int64)
    cum = new_office.cum_sum() - new_office  # new offices on rows before this one (whole frame)
    before_trader = pl.when(t_start).then(cum).forward_fill()
    at_day_start = lambda e: pl.when(d_start).then(e).forward_fill()  # noqa: E731
    decl = hdr.sort(_T, _D).with_columns(
        (at_day_start(idx) - pl.when(t_start).then(idx).forward_fill()).alias("trader_prior_decls"),
        at_day_start(cum - before_trader).alias("trader_prior_offices"),
        pl.col(_D).min().over(office_key).alias("_office_first"),
        pl.when(t_start).then(pl.col(_D)).forward_fill().alias("_first_seen"),
    )

    pens = ctx.items("penalties")
    pen = pl.LazyFrame(
        {_T: codes_of("trader_id", [p.trader_id.upper() for p in pens]), "_pdate": [p.date for p in pens]},
        schema={_T: pl.UInt32, "_pdate": pl.Date},
    )
    counts = (
        decl.select("_decl", _T, _D)
        .filter(pl.col("_decl").is_not_null())
        .join(pen, on=_T, how="inner")
        .filter(pl.col("_pdate") < pl.col(_D))
        .group_by("_decl")
        .agg(
            pl.len().cast(pl.Int64).alias("trader_penalties"),
            (pl.col("_pdate") >= pl.col(_D) - dt.timedelta(days=730)).sum().cast(pl.Int64).alias("trader_penalties_2y"),
        )
    )
    return (
        decl.filter(pl.col("_decl").is_not_null())
        .join(counts, on="_decl", how="left")
        .select(
            "_decl",
            pl.col("trader_prior_decls").cast(pl.Int64),
            pl.col("trader_prior_offices").cast(pl.Int64),
            ((pl.col("trader_prior_decls") > 0) & (pl.col("_office_first") >= pl.col(_D))).alias("trader_new_office"),
            (pl.col(_D) - pl.col("_first_seen")).dt.total_days().cast(pl.Int64).alias("trader_days_known"),
            pl.col("trader_penalties").fill_null(0),
            pl.col("trader_penalties_2y").fill_null(0),
        )
    )


def history_table(lines: pl.DataFrame, ctx) -> pl.LazyFrame:
    """The plan of `decl_history` over goods lines (input and history, with `_decl` and `_trader`
    codes): one row per declaration, computed when collected (beside other plans)."""
    df = with_key_codes(lines.select("_decl", _T, _D, "customs_office"), _O)
    return decl_history(headers(df.lazy()), ctx)


def attach_history(lf: pl.LazyFrame, table: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Lines with the per-declaration history features of `table` (by `_decl`) and `declarant_is_trader`.
    A join of two plans: polars computes both sides at once. Input columns of the same names are replaced."""
    table = table.lazy()
    features = [c for c in table.collect_schema().names() if c != "_decl"]
    lf = lf.drop(features, strict=False)
    return lf.join(table, on="_decl", how="left", maintain_order="left").with_columns(
        pl.when(pl.col("declarant_id").is_not_null() & pl.col("trader_id").is_not_null())
        .then(pl.col("declarant_id") == pl.col("trader_id"))
        .alias("declarant_is_trader")
    )


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    df = with_key_codes(collect(lf), "_decl", "_trader")
    return attach_history(df.lazy(), history_table(df, ctx))


HISTORY = register(
    FeatureGroup(
        name="history",
        provides={
            "trader_prior_decls": ("int", "the trader's declarations strictly before declared_at"),
            "trader_prior_offices": ("int", "distinct offices the trader used strictly before declared_at"),
            "trader_new_office": ("bool", "the trader lodged before, but never at this office"),
            "trader_days_known": ("int", "days since the trader was first seen (0 when new)"),
            "trader_penalties": ("int", "the trader's IP penalties dated strictly before declared_at"),
            "trader_penalties_2y": ("int", "the trader's IP penalties within 730 days before declared_at"),
            "declarant_is_trader": ("bool", "the declarant is the trader itself, not an agent"),
        },
        compute=_compute,
        scope="history",
        reads=("penalties",),
    )
)
#: The history features that read the trader's earlier declarations (declarant_is_trader reads the line only).
PAST_FEATURES = frozenset(HISTORY.provides) - {"declarant_is_trader"}
