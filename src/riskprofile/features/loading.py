"""Mixed loading: how many goods lines and distinct HS chapters a declaration carries, and how many
chapters of infringement-prone goods (the list named by the `sensitive_goods_list` parameter, by default
`ip_sensitive_goods`): shoes, clothes, bags and phone accessories in one load (004 case 8) are not ceramic
tiles, fruit and steel with one line of T-shirts."""

from __future__ import annotations

import polars as pl

from ..model.operators import prefix_any
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


def _sensitive(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    return lf.with_columns(ctx.derived("loading.sensitive", lambda: _sensitive_expr(ctx)))


def _sensitive_expr(ctx) -> pl.Expr:
    """`n_sensitive_chapters`, built once per profile."""
    prefixes = [str(it.value) for it in ctx.items(ctx.param("sensitive_goods_list", "ip_sensitive_goods"))]
    if not prefixes:
        return pl.lit(0, dtype=pl.Int64).alias("n_sensitive_chapters")
    chapter = pl.when(prefix_any(pl.col("hs_code"), prefixes).fill_null(False)).then(
        pl.col("hs_chapter").cast(pl.Int32, strict=False)
    )
    distinct = chapter.n_unique().over("_decl") - chapter.is_null().any().over("_decl").cast(pl.UInt32)
    return distinct.cast(pl.Int64).alias("n_sensitive_chapters")


register(
    FeatureGroup(
        name="sensitive_loading",
        provides={
            "n_sensitive_chapters": (
                "int",
                "distinct HS chapters of infringement-prone goods (sensitive_goods_list) in the declaration",
            )
        },
        compute=_sensitive,
        requires=("hs_chapter",),
    )
)
