"""HS structure: chapter, heading and subheading of the declared code."""

from __future__ import annotations

import polars as pl

from .registry import FeatureGroup, register


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    hs = pl.col("hs_code")
    return lf.with_columns(
        hs.str.slice(0, 2).alias("hs_chapter"), hs.str.slice(0, 4).alias("hs_heading"), hs.str.slice(0, 6).alias("hs6")
    )


register(
    FeatureGroup(
        name="hs",
        provides={
            "hs_chapter": ("str", "first 2 digits of hs_code"),
            "hs_heading": ("str", "first 4 digits of hs_code"),
            "hs6": ("str", "first 6 digits of hs_code"),
        },
        compute=_compute,
    )
)
