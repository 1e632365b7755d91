"""Trader history, from earlier declarations (input and `--history` files) and the penalties list.

Everything here looks strictly backwards: a declaration's history is the declarations of the same
trader with `declared_at` strictly before its own. Counts come from an explicit sort by (trader, date)
and cumulative sums over it, never from order-dependent rolling windows on unsorted input.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from .registry import FeatureGroup, register

_T, _D, _O = "_trader", "declared_at", "customs_office"


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    hdr = lf.group_by("_decl").agg(
        pl.col(_T).first(), pl.col(_D).first(), pl.col(_O).first(), pl.col("trader_id").first()
    )
    hdr = hdr.filter(pl.col(_T).is_not_null() & pl.col(_D).is_not_null())

    # One sort by (trader, date); every count below is a window over that order, and same-day
    # declarations share the values of the first of their day (they are not each other's history).
    pos = pl.int_range(pl.len(), dtype=pl.Int64).over(_T)
    new_office = pl.struct(_T, _O).is_first_distinct() & pl.col(_O).is_not_null()
    offices_to_here = new_office.cast(pl.Int64).cum_sum().over(_T) - new_office.cast(pl.Int64)
    decl = (
        hdr.sort(_T, _D)
        .with_columns(pos.alias("_pos"), offices_to_here.alias("_offices"))
        .with_columns(
            pl.col("_pos").min().over(_T, _D).alias("trader_prior_decls"),
            pl.col("_offices").min().over(_T, _D).alias("trader_prior_offices"),
            pl.col(_D).min().over(_T, _O).alias("_office_first"),
            pl.col(_D).min().over(_T).alias("_first_seen"),
        )
    )

    pens = ctx.items("penalties")
    pen = pl.LazyFrame(
        {"trader_id": [p.trader_id.upper() for p in pens], "_pdate": [p.date for p in pens]},
        schema={"trader_id": pl.String, "_pdate": pl.Date},
    )
    counts = (
        decl.select("_decl", "trader_id", _D)
        .join(pen, on="trader_id", how="inner")
        .filter(pl.col("_pdate") < pl.col(_D))
        .group_by("_decl")
        .agg(
            pl.len().cast(pl.Int64).alias("trader_penalties"),
            (pl.col("_pdate") >= pl.col(_D) - dt.timedelta(days=730)).sum().cast(pl.Int64).alias("trader_penalties_2y"),
        )
    )
    decl = decl.join(counts, on="_decl", how="left").select(
        "_decl",
        pl.col("trader_prior_decls").cast(pl.Int64),
        pl.col("trader_prior_offices").cast(pl.Int64),
        ((pl.col("trader_prior_decls") > 0) & (pl.col("_office_first") >= pl.col(_D))).alias("trader_new_office"),
        (pl.col(_D) - pl.col("_first_seen")).dt.total_days().cast(pl.Int64).alias("trader_days_known"),
        pl.col("trader_penalties").fill_null(0),
        pl.col("trader_penalties_2y").fill_null(0),
    )
    return lf.join(decl, on="_decl", how="left", maintain_order="left").with_columns(
        pl.when(pl.col("declarant_id").is_not_null() & pl.col("trader_id").is_not_null())
        .then(pl.col("declarant_id") == pl.col("trader_id"))
        .alias("declarant_is_trader")
    )


register(
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
