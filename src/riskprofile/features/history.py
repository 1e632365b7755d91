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
    hdr = lf.group_by("_decl").agg(pl.col(_T).first(), pl.col(_D).first(), pl.col(_O).first(),
                                   pl.col("trader_id").first())
    hdr = hdr.filter(pl.col(_T).is_not_null() & pl.col(_D).is_not_null())

    per_day = (hdr.group_by(_T, _D).agg(pl.len().alias("_n"))
               .sort(_T, _D)
               .with_columns((pl.col("_n").cum_sum().over(_T) - pl.col("_n")).alias("trader_prior_decls")))
    first_at_office = hdr.group_by(_T, _O).agg(pl.col(_D).min().alias("_office_first"))
    # Queries (one per trader and day) sort before new-office events of the same day, so the running
    # count of offices seen at a query counts offices first used strictly earlier.
    events = pl.concat([
        per_day.select(_T, _D, pl.lit(0, dtype=pl.Int8).alias("_kind"), pl.lit(0, dtype=pl.Int64).alias("_new")),
        first_at_office.filter(pl.col(_O).is_not_null())
        .select(_T, pl.col("_office_first").alias(_D), pl.lit(1, dtype=pl.Int8).alias("_kind"), pl.lit(1, dtype=pl.Int64).alias("_new")),
    ])
    offices_before = (events.sort(_T, _D, "_kind")
                      .with_columns(pl.col("_new").cum_sum().over(_T).alias("trader_prior_offices"))
                      .filter(pl.col("_kind") == 0).select(_T, _D, "trader_prior_offices"))
    first_seen = hdr.group_by(_T).agg(pl.col(_D).min().alias("_first_seen"))

    decl = (hdr.join(per_day.select(_T, _D, "trader_prior_decls"), on=[_T, _D], how="left")
            .join(offices_before, on=[_T, _D], how="left")
            .join(first_at_office, on=[_T, _O], how="left")
            .join(first_seen, on=_T, how="left"))

    pens = ctx.items("penalties")
    pen = pl.LazyFrame({"trader_id": [p.trader_id.upper() for p in pens], "_pdate": [p.date for p in pens]},
                       schema={"trader_id": pl.String, "_pdate": pl.Date})
    counts = (decl.select("_decl", "trader_id", _D).join(pen, on="trader_id", how="inner")
              .filter(pl.col("_pdate") < pl.col(_D))
              .group_by("_decl")
              .agg(pl.len().cast(pl.Int64).alias("trader_penalties"),
                   (pl.col("_pdate") >= pl.col(_D) - dt.timedelta(days=730)).sum().cast(pl.Int64).alias("trader_penalties_2y")))
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
        .then(pl.col("declarant_id") == pl.col("trader_id")).alias("declarant_is_trader"))


register(FeatureGroup(
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
))
