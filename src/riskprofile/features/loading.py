"""Mixed loading: how many goods lines and distinct HS chapters a declaration carries, and how many
chapters of infringement-prone goods (the list named by the `sensitive_goods_list` parameter, by default
`ip_sensitive_goods`): shoes, clothes, bags and phone accessories in one load (004 case 8) are not ceramic
tiles, fruit and steel with one line of T-shirts.

What the infringement-prone part of a load weighs and how it is priced, as a whole: `sensitive_value_share`
(their share of the declared value) and `sensitive_ref_value_ratio` (their declared value over what they
would cost at their reference values: one figure for the load, where one cheap line among many is not)."""

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


def _is_sensitive(ctx) -> pl.Expr | None:
    """Whether a line's HS code is infringement-prone (`sensitive_goods_list`); None without the list."""
    prefixes = [str(it.value) for it in ctx.items(ctx.param("sensitive_goods_list", "ip_sensitive_goods"))]
    return prefix_any(pl.col("hs_code"), prefixes).fill_null(False) if prefixes else None


def _sensitive_expr(ctx) -> pl.Expr:
    """`n_sensitive_chapters`, built once per profile."""
    sensitive = _is_sensitive(ctx)
    if sensitive is None:
        return pl.lit(0, dtype=pl.Int64).alias("n_sensitive_chapters")
    chapter = pl.when(sensitive).then(pl.col("hs_chapter").cast(pl.Int32, strict=False))
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


def _sensitive_value(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    return lf.with_columns(ctx.derived("loading.sensitive_value", lambda: _sensitive_value_exprs(ctx)))


def _sensitive_value_exprs(ctx) -> list[pl.Expr]:
    """`sensitive_value_share` and `sensitive_ref_value_ratio`, built once per profile."""
    sensitive = _is_sensitive(ctx)
    if sensitive is None:
        none = pl.lit(None, dtype=pl.Float64)
        return [none.alias("sensitive_value_share"), none.alias("sensitive_ref_value_ratio")]
    value, ratio = pl.col("value_usd"), pl.col("ref_value_ratio")
    total = value.filter(value >= 0).sum().over("_decl")
    share = value.filter(sensitive & (value >= 0)).sum().over("_decl")
    priced = sensitive & (ratio > 0) & (value >= 0)
    # a line's value at its reference: its declared value over its ratio to the reference
    declared = value.filter(priced).sum().over("_decl")
    at_reference = (value / ratio).filter(priced).sum().over("_decl")
    return [
        pl.when(total > 0).then(share / total).alias("sensitive_value_share"),
        pl.when(at_reference > 0).then(declared / at_reference).alias("sensitive_ref_value_ratio"),
    ]


register(
    FeatureGroup(
        name="sensitive_value",
        provides={
            "sensitive_value_share": (
                "float",
                "share of the declaration's declared USD value in infringement-prone lines (sensitive_goods_list);"
                " null when the declaration has no value",
            ),
            "sensitive_ref_value_ratio": (
                "float",
                "declared value of the declaration's infringement-prone lines that have a reference, over their"
                " value at the reference (null if none): how that part of the load is priced as a whole",
            ),
        },
        compute=_sensitive_value,
        requires=("ref_value_ratio",),
    )
)
