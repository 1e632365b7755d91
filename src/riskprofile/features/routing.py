"""Routing: the office's province, whether it is a usual port of the goods' source region, and the
office's high-risk goods.

`usual_port` is null when the source region, its usual offices or the office itself are not listed
(nothing to compare with); `port_switch` is its negation, so an unknown region or an unrecognised
office name never counts as a switch. Route and destination are read together (004 case 7: 航线、最终目的国):
`border_gateway` is true when the office is a land-border crossing to the declaration's foreign country
(the destination of an export, the origin or departure of an import), where goods from anywhere in
China cross as a matter of course. `trader_goods_apart`: the trader's province is neither the goods'
source province, nor one bordering it, nor one of its economic zone (`regions`: neighbours, zone), the
remote shipper of 004 case 6 (a Chongqing company, a Guangdong-Anhui gang's shoes, Huangpu).
`high_risk_goods_away`: goods an office of their own province lists as high-risk (`office_goods`), lodged
in another province: the office that knows them is avoided (004 case 4: Jinyun sewing machines, usually
exported and seized at Ningbo, lodged at Shanghai).
"""

from __future__ import annotations

import polars as pl

from ..io.lookup import lookup
from .registry import FeatureGroup, register


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    first, second = ctx.derived("routing.stages", lambda: _stages(ctx))
    return lf.with_columns(first).with_columns(second)


def _stages(ctx) -> tuple[list[pl.Expr], list[pl.Expr]]:
    """The routing features as two `with_columns` stages, built once per profile."""
    offices = {o.code.upper(): (o.province or "").upper() for o in ctx.items("offices") if o.province}
    kinds = {o.code.upper(): o.kind for o in ctx.items("offices") if o.kind}
    gateways = [f"{o.code.upper()}|{c.upper()}" for o in ctx.items("offices") for c in o.borders]
    listed = [o.code.upper() for o in ctx.items("offices")]
    regions = [r for r in ctx.items("regions") if r.usual_offices]
    known = [r.code.upper() for r in regions]
    usual = [f"{r.code.upper()}|{o.upper()}" for r in regions for o in r.usual_offices]
    risky = [f"{g.office.upper()}|{p}" for g in ctx.items("office_goods") for p in g.hs_prefixes]
    home_risky = sorted(
        {
            f"{offices[g.office.upper()]}|{p}"
            for g in ctx.items("office_goods")
            if g.office.upper() in offices
            for p in g.hs_prefixes
        }
    )
    near = [f"{r.code.upper()}|{n.upper()}" for r in ctx.items("regions") for n in r.neighbours]
    zoned = [r for r in ctx.items("regions") if r.zone]
    near += [f"{a.code.upper()}|{b.code.upper()}" for a in zoned for b in zoned if a.zone == b.zone]
    office, region, hs = pl.col("customs_office"), pl.col("goods_source_region"), pl.col("hs_code")
    is_usual = pl.concat_str([region, pl.lit("|"), office]).is_in(usual)
    foreign = (
        pl.when(pl.col("direction") == "import").then(pl.col("origin_country")).otherwise(pl.col("destination_country"))
    )
    gateway = pl.concat_str([office, pl.lit("|"), foreign]).is_in(gateways) | (
        (pl.col("direction") == "import")
        & pl.concat_str([office, pl.lit("|"), pl.col("departure_country")]).is_in(gateways)
    )
    first = [
        lookup(office, offices, pl.String).alias("office_province"),
        lookup(office, kinds, pl.String).alias("office_kind"),
        pl.when(office.is_not_null()).then(gateway.fill_null(False)).alias("border_gateway"),
        pl.when(region.is_in(known) & office.is_in(listed)).then(is_usual).alias("usual_port"),
        pl.when(office.is_not_null() & hs.is_not_null())
        .then(
            pl.any_horizontal(
                pl.concat_str([office, pl.lit("|"), hs.str.slice(0, n)]).is_in(risky) for n in (2, 4, 6, 8, 10)
            )
        )
        .alias("office_high_risk_goods"),
        pl.when(pl.col("trader_region").is_in(known) & region.is_in(known))
        .then(
            ~pl.concat_str([pl.col("trader_region"), pl.lit("|"), region]).is_in(near)
            & (pl.col("trader_region") != region)
        )
        .alias("trader_goods_apart"),
        (pl.col("trader_region") == region).alias("trader_goods_same_region"),
    ]
    province = pl.col("office_province")
    second = [
        (~pl.col("usual_port")).alias("port_switch"),
        pl.when(region.is_not_null() & hs.is_not_null() & province.is_not_null())
        .then(
            pl.any_horizontal(
                pl.concat_str([region, pl.lit("|"), hs.str.slice(0, n)]).is_in(home_risky) for n in (2, 4, 6, 8, 10)
            )
            & (province != region)
        )
        .alias("high_risk_goods_away"),
        pl.when(pl.col("trader_region").is_not_null() & pl.col("office_province").is_not_null())
        .then(pl.col("trader_region") != pl.col("office_province"))
        .alias("trader_remote"),
    ]
    return first, second


register(
    FeatureGroup(
        name="routing",
        provides={
            "office_province": ("str", "province (region code) of the customs office"),
            "office_kind": ("str", "kind of the customs office (sea, air, land, inland, rail; null if unlisted)"),
            "border_gateway": (
                "bool",
                "the office is a land-border crossing to the destination (export) or origin/departure (import)",
            ),
            "usual_port": (
                "bool",
                "the office is a usual office of goods_source_region (null if region or office unlisted)",
            ),
            "port_switch": ("bool", "the office is not a usual office of goods_source_region"),
            "trader_remote": ("bool", "the trader's region differs from the office's province"),
            "office_high_risk_goods": ("bool", "the HS code is a listed high-risk goods of this office"),
            "high_risk_goods_away": (
                "bool",
                "the goods are a listed high-risk goods of an office of their source province, lodged in another"
                " province (null without region, code or a listed office)",
            ),
            "trader_goods_same_region": (
                "bool",
                "the trader is of the goods' source region (null without either)",
            ),
            "trader_goods_apart": (
                "bool",
                "the trader's region is neither the goods' source region, nor borders it, nor shares its economic zone"
                " (null if either is unlisted)",
            ),
        },
        compute=_compute,
        reads=("offices", "regions", "office_goods"),
    )
)


def _departure(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    o, d = pl.col("origin_country"), pl.col("departure_country")
    return lf.with_columns(pl.when(o.is_not_null() & d.is_not_null()).then(o == d).alias("departure_is_origin"))


register(
    FeatureGroup(
        name="departure",
        provides={
            "departure_is_origin": (
                "bool",
                "goods leave from their country of origin (false: shipped via a third country)",
            )
        },
        compute=_departure,
    )
)
