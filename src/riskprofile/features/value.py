"""Declared value: unit values in USD and their ratio to a reference unit value per HS heading."""

from __future__ import annotations

import polars as pl

from ..io.lookup import lookup
from .registry import FeatureGroup, register


def _safe_div(num: pl.Expr, den: pl.Expr) -> pl.Expr:
    return pl.when(den > 0).then(num / den)


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    for stage in ctx.derived("value.stages", lambda: _stages(ctx.items("reference_values"))):
        lf = lf.with_columns(stage)
    return lf.drop("_ref_per", "_ref_key")


def _stages(refs: list) -> list[list[pl.Expr]]:
    """The value features as successive `with_columns` stages, built once per profile."""
    usd = {r.heading: r.usd for r in refs}
    per = {r.heading: r.per for r in refs}
    low = {r.heading: r.kg_per_unit[0] for r in refs if r.kg_per_unit}
    high = {r.heading: r.kg_per_unit[1] for r in refs if r.kg_per_unit}
    lengths = sorted({len(h) for h in usd}, reverse=True)
    # a reference does not apply to a line whose description names other goods of the code (`excludes`)
    excluded = [
        pl.col("hs_code").str.starts_with(r.heading)
        & pl.col("description").str.contains_any([w.lower() for w in r.excludes], ascii_case_insensitive=True)
        for r in refs
        if r.excludes
    ]
    applies = ~pl.any_horizontal(excluded).fill_null(False) if excluded else pl.lit(True)
    # the longest listed prefix of the code wins (a subheading's reference over its heading's)
    ref_key = (
        pl.coalesce(
            [
                pl.when(pl.col("hs_code").str.slice(0, n).is_in(list(usd)) & applies).then(
                    pl.col("hs_code").str.slice(0, n)
                )
                for n in lengths
            ]
        )
        if lengths
        else pl.lit(None, dtype=pl.String)
    )
    heading = pl.col("_ref_key")
    declared = pl.when(pl.col("_ref_per") == "kg").then(pl.col("kg_value_usd")).otherwise(pl.col("unit_value_usd"))
    return [
        [ref_key.alias("_ref_key")],
        [
            _safe_div(pl.col("value_usd"), pl.col("quantity")).alias("unit_value_usd"),
            _safe_div(pl.col("value_usd"), pl.col("net_mass_kg")).alias("kg_value_usd"),
            _safe_div(pl.col("net_mass_kg"), pl.col("quantity")).alias("kg_per_unit"),
            lookup(heading, usd, pl.Float64).alias("ref_value_usd"),
            lookup(heading, per, pl.String).alias("_ref_per"),
            # to a millionth of a dollar: a float sum's last bit depends on how the lines lie in the input
            pl.col("value_usd").sum().over("_decl").round(6).alias("decl_value_usd"),
        ],
        [
            _safe_div(declared, pl.col("ref_value_usd")).alias("ref_value_ratio"),
            pl.when(pl.col("_ref_per") == "kg")
            .then(pl.lit("kg"))
            .when(pl.col("_ref_per").is_not_null())
            .then(pl.lit("unit"))
            .alias("ref_basis"),
            heading.alias("ref_code"),
            pl.col("kg_per_unit")
            .is_between(lookup(heading, low, pl.Float64), lookup(heading, high, pl.Float64))
            .alias("unit_mass_fits"),
        ],
        [pl.col("ref_value_ratio").median().over("_decl").alias("decl_ref_value_ratio")],
    ]


register(
    FeatureGroup(
        name="value",
        provides={
            "unit_value_usd": ("float", "declared USD value per unit of quantity"),
            "kg_value_usd": ("float", "declared USD value per kg of net mass"),
            "kg_per_unit": ("float", "net mass per unit of quantity (kg)"),
            "ref_value_usd": (
                "float",
                "reference unit value (USD per kg or per unit) for the longest listed prefix of hs_code"
                " (none when the description names goods the reference excludes)",
            ),
            "ref_code": ("str", "the HS prefix whose reference value applies"),
            "ref_basis": ("str", "basis of the reference value: kg or unit"),
            "ref_value_ratio": ("float", "declared unit value on the reference's basis / reference value"),
            "decl_value_usd": ("float", "total declared USD value of the declaration"),
            "decl_ref_value_ratio": (
                "float",
                "median ref_value_ratio of the declaration's lines that have a reference (null if none):"
                " how the load as a whole is priced",
            ),
            "unit_mass_fits": (
                "bool",
                "kg_per_unit lies in the usual net mass of one unit of the goods (reference kg_per_unit; null if none)",
            ),
        },
        compute=_compute,
        requires=("hs_heading",),
        reads=("reference_values",),
    )
)
