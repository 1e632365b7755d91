"""Who trades with whom, and from where: the trader's distance from the office, the overseas party of a
marked line, and trade modes whose declarations carry mixed goods by design.

- `trader_far`: the domestic trader lodges at an office that is neither in its own region nor among the
  usual offices of its region (`regions`), e.g. a Chongqing trading company at Huangpu (004 case 6). Null
  when the trader's region or the office is not listed.
- `consignee_is_holder`: the overseas party of a line bearing a recorded mark is that mark's holder, one
  of its group companies or a licensee (their ids or names in the register, or the mark itself in the
  party's name): goods made for the holder or its licensee, as contract manufacturers and processing
  plants do. Null without an `overseas_party` column or a mark.
- `mark_exact`: the line's mark is the recorded mark itself (declared exactly, or named in the
  description), not a look-alike spelling.
- `mark_home_region`: the goods of a marked line come from (else the trader is in) a province where the
  mark's holder or its group companies make them (`regions` of the recordation). Null without a mark, without
  the mark's regions or without a region on the declaration.
- `made_for_holder`: a marked line shipped to the mark's holder, group or licensee, or exported by a
  manufacturer under processing trade, not in a parcel: contract (OEM) manufacturing for the mark's side.
- `processing_trade`: processing trade, by trade mode or by its trade-mode code (0615 进料对口 ...).
- `mixed_by_design`: market procurement (trade-mode code 1039), consolidated cross-border e-commerce
  (9610, 1210, 9710, 9810, or trade mode `cross_border_ecommerce`) and border small trade (4019, trade mode
  `border_trade`: assortments for the markets across the border), where one declaration carries many
  kinds of goods as a matter of course.
"""

from __future__ import annotations

import polars as pl

from .keys import ENGINE
from .registry import FeatureGroup, register
from .text import has_cjk, holder_core, norm_mark

#: Trade-mode codes whose declarations carry many kinds of goods by design.
MIXED_TRADE_MODE_CODES = ("1039", "9610", "1210", "9710", "9810", "4019")
#: Trade-mode codes of processing trade: processing of supplied materials (来料加工 0214, 深加工结转 0255) and
#: of imported materials (进料对口 0615, 进料深加工 0654, 进料非对口 0715).
PROCESSING_TRADE_MODE_CODES = ("0214", "0255", "0615", "0654", "0715")


def _optional(lf: pl.LazyFrame, name: str) -> pl.Expr:
    """An optional DESIGN column as a trimmed string, or null when the input lacks it."""
    if name in lf.collect_schema().names():
        return pl.col(name).cast(pl.String).str.strip_chars()
    return pl.lit(None, dtype=pl.String)


def _far(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    regions = [r for r in ctx.items("regions") if r.usual_offices]
    listed_regions = [r.code.upper() for r in regions]
    usual = [f"{r.code.upper()}|{o.upper()}" for r in regions for o in r.usual_offices]
    offices = [o.code.upper() for o in ctx.items("offices")]
    region, office = pl.col("trader_region"), pl.col("customs_office")
    known = region.is_in(listed_regions) & office.is_in(offices) & pl.col("office_province").is_not_null()
    far = ~pl.concat_str([region, pl.lit("|"), office]).is_in(usual) & (region != pl.col("office_province"))
    return lf.with_columns(pl.when(known).then(far).alias("trader_far"))


register(
    FeatureGroup(
        name="trader_far",
        provides={
            "trader_far": (
                "bool",
                "the trader's region is not the office's and does not usually lodge there (null if either is unlisted)",
            )
        },
        compute=_far,
        requires=("office_province",),
        reads=("regions", "offices"),
    )
)


def _holder_keys(items: list) -> dict[str, list[str]]:
    """Per mark: normalised names that identify its holder, its group or its licensees in a party name (ids
    and names of the holder's group companies and licensees, the holder's name (`holder_core`), the mark
    and its aliases of 4+ characters or in Chinese)."""
    out: dict[str, set[str]] = {}
    for it in items:
        keys = {norm_mark(a) for a in [it.mark, *it.aliases, *it.group_names, *it.licensee_names]}
        keys |= {norm_mark(i) for i in [*it.parties]} | {holder_core(it.holder)}
        out.setdefault(it.mark, set()).update(k for k in keys if len(k) >= 4 or (k and has_cjk(k)))
    return {m: sorted(k) for m, k in out.items()}


def _consignee(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    party = _optional(lf, "overseas_party")
    lf = lf.with_columns(party.alias("_party"))
    keys = ctx.derived("parties.holder_keys", lambda: _holder_keys(ctx.items("recorded_marks")))
    pairs = (
        lf.select("any_mark", "_party")
        .filter(pl.col("any_mark").is_not_null() & pl.col("_party").is_not_null())
        .unique()
        .collect(engine=ENGINE)
    )
    flags = [any(k in norm_mark(p) for k in keys.get(m, [])) for m, p in pairs.iter_rows()]
    table = pairs.with_columns(pl.Series("consignee_is_holder", flags, dtype=pl.Boolean)).lazy()
    return lf.join(table, on=["any_mark", "_party"], how="left", maintain_order="left").drop("_party")


register(
    FeatureGroup(
        name="consignee",
        provides={
            "consignee_is_holder": (
                "bool",
                "the overseas party of a marked line is the mark's holder, its group or a licensee"
                " (null without overseas_party or mark)",
            )
        },
        compute=_consignee,
        requires=("any_mark",),
        reads=("recorded_marks",),
    )
)


def _home(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    items = ctx.items("recorded_marks")
    keys = ctx.derived("parties.home_keys", lambda: [f"{it.mark}|{r.upper()}" for it in items for r in it.regions])
    with_regions = ctx.derived("parties.home_marks", lambda: sorted({it.mark for it in items if it.regions}))
    region = pl.coalesce(pl.col("goods_source_region"), pl.col("trader_region"))
    mark = pl.col("any_mark")
    known = mark.is_in(with_regions) & region.is_not_null()
    home = pl.concat_str([mark, pl.lit("|"), region]).is_in(keys)
    return lf.with_columns(pl.when(known).then(home).alias("mark_home_region"))


register(
    FeatureGroup(
        name="mark_home_region",
        provides={
            "mark_home_region": (
                "bool",
                "the goods (else the trader) are of a province where the mark's holder or its group make them"
                " (null without a mark, its regions or a region)",
            )
        },
        compute=_home,
        requires=("any_mark",),
        reads=("recorded_marks",),
    )
)


def _mixed(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    code = _optional(lf, "trade_mode_code")
    by_code = code.is_in(list(MIXED_TRADE_MODE_CODES)).fill_null(False)
    by_mode = pl.col("trade_mode").is_in(["cross_border_ecommerce", "border_trade"]).fill_null(False)
    return lf.with_columns((by_code | by_mode).alias("mixed_by_design"))


register(
    FeatureGroup(
        name="mixed_by_design",
        provides={
            "mixed_by_design": (
                "bool",
                "market procurement (1039), consolidated cross-border e-commerce (9610, 1210, 9710, 9810)"
                " or border small trade (4019): mixed goods by design",
            )
        },
        compute=_mixed,
    )
)


def _processing(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    code = _optional(lf, "trade_mode_code").is_in(list(PROCESSING_TRADE_MODE_CODES)).fill_null(False)
    return lf.with_columns(((pl.col("trade_mode") == "processing").fill_null(False) | code).alias("processing_trade"))


register(
    FeatureGroup(
        name="processing_trade",
        provides={
            "processing_trade": (
                "bool",
                "processing trade: trade mode `processing` or a processing trade-mode code (0214, 0255, 0615,"
                " 0654, 0715)",
            )
        },
        compute=_processing,
    )
)


def _for_holder(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    maker = pl.col("processing_trade") & (pl.col("trader_type") == "manufacturer").fill_null(False)
    parcel = pl.col("transport_mode").is_in(["postal", "express"]).fill_null(False)
    made = (pl.col("consignee_is_holder").fill_null(False) | maker) & ~parcel
    return lf.with_columns(pl.when(pl.col("any_mark").is_not_null()).then(made).alias("made_for_holder"))


register(
    FeatureGroup(
        name="made_for_holder",
        provides={
            "made_for_holder": (
                "bool",
                "a marked line made for the mark's side: shipped to its holder, group or a licensee"
                " (consignee_is_holder), or exported by a manufacturer under processing trade; not in a parcel"
                " (null without a mark)",
            )
        },
        compute=_for_holder,
        requires=("any_mark", "consignee_is_holder", "processing_trade"),
    )
)


def _exact(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    named = pl.col("brand_mark").is_null() & pl.col("desc_mark").is_not_null()
    exact = pl.when(pl.col("any_mark").is_not_null()).then(pl.col("brand_exact").fill_null(False) | named)
    return lf.with_columns(exact.alias("mark_exact"))


register(
    FeatureGroup(
        name="mark_exact",
        provides={
            "mark_exact": (
                "bool",
                "any_mark is the recorded mark itself (exact brand or named in the description), not a look-alike",
            )
        },
        compute=_exact,
        requires=("any_mark",),
    )
)
