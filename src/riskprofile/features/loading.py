"""Mixed loading: how many goods lines and distinct HS chapters a declaration carries."""

from __future__ import annotations

import polars as pl

from .registry import FeatureGroup, register


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    return lf.with_columns(
        pl.len().over("_decl").cast(pl.Int64).alias("n_lines"),
        # integer codes: distinct counts over integers are much cheaper than over strings
        pl.col("hs_chapter").cast(pl.Int32, strict=False).n_unique().over("_decl").cast(pl.Int64).alias("n_chapters"),
        pl.col("hs_heading").cast(pl.Int32, strict=False).n_unique().over("_decl").cast(pl.Int64).alias("n_headings"),
    )


register(
    FeatureGroup(
        name="loading",
        provides={
            "n_lines": ("int", "goods lines in the declaration"),
            "n_chapters": ("int", "distinct HS chapters in the declaration"),
            "n_headings": ("int", "distinct HS headings in the declaration"),
        },
        compute=_compute,
        requires=("hs_chapter",),
    )
)
