"""Campaigns: time-bounded special operations (window, direction, destinations, goods, channels)."""

from __future__ import annotations

import polars as pl

from .registry import FeatureGroup, register


def _matches(c) -> pl.Expr:
    cond = pl.col("declared_at").is_between(pl.lit(c.valid_from), pl.lit(c.valid_to))
    if c.direction:
        cond &= pl.col("direction") == c.direction
    if c.destinations:
        cond &= pl.col("destination_country").is_in([d.upper() for d in c.destinations])
    if c.origins:
        cond &= pl.col("origin_country").is_in([d.upper() for d in c.origins])
    if c.transport_modes:
        cond &= pl.col("transport_mode").is_in(c.transport_modes)
    if c.goods:
        cond &= pl.any_horizontal(pl.col("hs_code").str.starts_with(g) for g in c.goods)
    return cond.fill_null(False)


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    campaigns = ctx.items("campaigns")
    if not campaigns:
        name = names = pl.lit(None, dtype=pl.String)
    else:
        hits = [pl.when(_matches(c)).then(pl.lit(c.name)) for c in campaigns]
        name = pl.coalesce(hits)
        names = pl.concat_str(hits, separator="; ", ignore_nulls=True)
        names = pl.when(names != "").then(names)
    return lf.with_columns(name.alias("campaign"), names.alias("campaigns")).with_columns(
        pl.col("campaign").is_not_null().alias("in_campaign")
    )


register(
    FeatureGroup(
        name="campaign",
        provides={
            "campaign": (
                "str",
                "name of the first campaign whose window, direction, destination, goods and mode match",
            ),
            "campaigns": ("str", "names of every matching campaign, '; '-separated (test with `contains`)"),
            "in_campaign": ("bool", "a campaign matches the line"),
        },
        compute=_compute,
        reads=("campaigns",),
    )
)
