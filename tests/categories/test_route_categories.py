"""Route and region categories of issue 16 (helper `route`): look-alike instances of the documented patterns
must reach yellow, legitimate trade sharing their surface must stay green. Drawn from the shipped lists
(offices as written, regions, their neighbours and zones, 'no brand' spellings), never from one declaration;
every declaration is scored by the shipped standing profile."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from riskprofile import load_profile
from riskprofile.testing.builders import declaration
from riskprofile.testing.lanes import flagged, lanes, missed

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "rules" / "profile.yaml"

NO_BRAND = [
    "NO BRAND",
    "无品牌",
    "无牌",
    "NONE",
    "",
    "N/M",
    "no brand",
    "UNBRANDED",
    "无品牌 NO BRAND",
    "NO BRAND/无品牌",
]
APPAREL = [
    ("6404199000", "casual shoes", "PAIR", 0.7, 8.0),
    ("6402999000", "sports shoes", "PAIR", 0.6, 7.0),
    ("6403990000", "men's leather shoes", "PAIR", 0.9, 15.0),
    ("6109100000", "cotton T-shirts", "PCS", 0.25, 3.0),
    ("6203420000", "cotton trousers", "PCS", 0.5, 8.0),
    ("4202920000", "backpacks", "PCS", 0.7, 6.0),
    ("6505009900", "caps", "PCS", 0.1, 2.0),
]


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


def decl(i, *, office, trader_region, source, ttype="trading_company", brand, goods, dest="SG", **extra):
    hs, desc, unit, kg, usd = goods
    qty = 12000
    return declaration(
        f"R{i:04d}",
        date="2016-05-10",
        office=office,
        trader=f"TR-{trader_region}-{i}",
        ttype=ttype,
        region=trader_region,
        source=source,
        dest=dest,
        declarant=f"AGENT-{i % 5}",
        unit=None,
        lines=[(hs, desc, brand, qty, round(qty * usd, 2), round(qty * kg, 1), unit)],
        **extra,
    )


def _regions(profile):
    return {r.code: r for r in profile.lists["regions"].items}


def _office_names(profile, province, n=4):
    """Offices of a province in several written forms (code, English, Chinese, sub-office aliases)."""
    out = []
    for o in profile.lists["offices"].items:
        if o.province == province and o.kind in ("sea", "air", "inland"):
            out += [o.code, *(a for a in o.aliases[:: max(1, len(o.aliases) // n)])][:n]
    return out


def _remote(profile, source):
    """Trader regions neither the source, nor bordering it, nor of its economic zone."""
    regions = _regions(profile)
    src = regions[source]
    return [
        c for c, r in regions.items() if c != source and c not in src.neighbours and not (r.zone and r.zone == src.zone)
    ]


def _near(profile, source):
    """Trader regions bordering the source or of its economic zone (not the source itself)."""
    regions = _regions(profile)
    src = regions[source]
    return [c for c, r in regions.items() if c != source and (c in src.neighbours or (r.zone and r.zone == src.zone))]


# -- C06: unbranded footwear, clothing, bags of a remote trading company ------------------------------------
SOURCES = ["CN-GD", "CN-FJ", "CN-ZJ", "CN-JS"]


def _uses(profile, region, office_name):
    """The trader's region usually lodges at the office written `office_name` (regions.yaml)."""
    from riskprofile.io.normalise import alias_table

    key = " ".join(re.sub(r"[_\-,.;:/()（）\[\]【】，。]", " ", office_name.upper()).split())
    code = alias_table(profile.lists["offices"]).get(key, office_name.upper())
    return code in _regions(profile)[region].usual_offices


FOOTWEAR = [g for g in APPAREL if g[0].startswith("64")]
OTHER_APPAREL = [g for g in APPAREL if not g[0].startswith("64")]


def test_unbranded_footwear_of_a_remote_trading_company_is_flagged(profile):
    """C06: the goods' province's offices, however written; a trading company of a province far from the goods
    (not bordering, another economic zone), whatever offices its region uses; 'no brand' however written."""
    cases = []
    for source in SOURCES:
        remote = _remote(profile, source)
        for office in _office_names(profile, source):
            k = len(cases)
            cases.append(
                decl(
                    k,
                    office=office,
                    trader_region=remote[(k * 7) % len(remote)],
                    source=source,
                    brand=NO_BRAND[k % len(NO_BRAND)],
                    goods=FOOTWEAR[k % len(FOOTWEAR)],
                    dest=["SG", "PA", "AE", "NG", "RU"][k % 5],
                )
            )
    assert len(cases) >= 30
    assert not missed(profile, cases)


def test_unbranded_clothing_and_bags_of_a_remote_trading_company_at_an_office_it_does_not_use_are_flagged(profile):
    """The same for clothing, bags and caps when the trader's region does not use the office either."""
    cases = []
    for source in SOURCES:
        remote = _remote(profile, source)
        for office in _office_names(profile, source):
            for region in [r for r in remote if not _uses(profile, r, office)][:3]:
                k = len(cases)
                cases.append(
                    decl(
                        50 + k,
                        office=office,
                        trader_region=region,
                        source=source,
                        brand=NO_BRAND[k % len(NO_BRAND)],
                        goods=OTHER_APPAREL[k % len(OTHER_APPAREL)],
                    )
                )
    assert len(cases) >= 30
    assert not missed(profile, cases)


def test_inland_traders_unbranded_clothing_at_offices_their_region_uses_stays_green(profile):
    """Inland trading companies buy clothing and bags across the country and ship them through the coastal
    offices their region uses every day (Sichuan, Chongqing, Hubei, Henan companies through Shanghai or
    Shenzhen): ordinary trade."""
    cases = []
    for source in SOURCES:
        for office in _office_names(profile, source):
            for region in [r for r in _remote(profile, source) if _uses(profile, r, office)][:3]:
                k = len(cases)
                cases.append(
                    decl(
                        600 + k,
                        office=office,
                        trader_region=region,
                        source=source,
                        brand=NO_BRAND[k % len(NO_BRAND)],
                        goods=OTHER_APPAREL[k % len(OTHER_APPAREL)],
                    )
                )
    assert len(cases) >= 10
    assert not flagged(profile, cases)


def test_unbranded_apparel_of_neighbouring_or_same_zone_traders_stays_green(profile):
    """The same goods and offices shipped by trading companies of a bordering province or of the goods'
    economic zone (a Shanghai exporter of Zhejiang garments, a Hunan company buying shoes in Guangdong)."""
    cases = []
    for source in SOURCES:
        near = _near(profile, source)
        for office, trader_region in itertools.islice(
            itertools.product(_office_names(profile, source), near), 0, None, 3
        ):
            k = len(cases)
            cases.append(
                decl(
                    100 + k,
                    office=office,
                    trader_region=trader_region,
                    source=source,
                    brand=NO_BRAND[k % len(NO_BRAND)],
                    goods=APPAREL[k % len(APPAREL)],
                )
            )
    assert len(cases) >= 20
    assert not flagged(profile, cases)


def test_inland_traders_shipping_their_own_provinces_unbranded_apparel_stay_green(profile):
    """An inland trading company exporting its own province's unbranded shoes or garments through a coastal
    port far from home: the port switch is one weak indicator (ROUTE-001), not counted twice."""
    inland = ["CN-SN", "CN-AH", "CN-HB", "CN-CQ", "CN-SC", "CN-HA", "CN-GS", "CN-YN"]
    coast = ["CN-GD", "CN-ZJ", "CN-SH", "CN-FJ"]
    cases = []
    for k, (region, province) in enumerate(itertools.product(inland, coast)):
        names = _office_names(profile, province)
        cases.append(
            decl(
                200 + k,
                office=names[k % len(names)],
                trader_region=region,
                source=region,
                brand=NO_BRAND[k % len(NO_BRAND)],
                goods=APPAREL[k % len(APPAREL)],
            )
        )
    assert not flagged(profile, cases)


def test_manufacturers_and_branded_goods_of_remote_regions_stay_green(profile):
    """A remote manufacturer's own-brand or unbranded goods, and a remote trading company's goods under an
    ordinary house brand, are not the pattern."""
    cases = []
    for source in SOURCES:
        remote = _remote(profile, source)
        for office in _office_names(profile, source)[:3]:
            k = len(cases)
            cases.append(
                decl(
                    300 + k,
                    office=office,
                    trader_region=remote[k % len(remote)],
                    source=source,
                    ttype="manufacturer",
                    brand=NO_BRAND[k % len(NO_BRAND)],
                    goods=APPAREL[k % len(APPAREL)],
                )
            )
            cases.append(
                decl(
                    400 + k,
                    office=office,
                    trader_region=remote[(k + 3) % len(remote)],
                    source=source,
                    brand=["HONGXING", "JIAHE", "宏达", "SUNWAY"][k % 4],
                    goods=APPAREL[(k + 2) % len(APPAREL)],
                )
            )
    assert not flagged(profile, cases)


# -- C04 / C07: an office's high-risk goods and the route they take -----------------------------------------
OFFICE_GOODS = {
    "8452": [
        ("8452290000", "industrial sewing machine heads", "SET", 22.0, 25.0),
        ("8452100000", "sewing machine heads", "SET", 18.0, 20.0),
    ],
    "8301": [("8301100000", "padlocks", "PCS", 0.25, 1.4), ("8301400000", "door locks", "PCS", 0.6, 3.5)],
}


def _home_goods(profile):
    """(office, province, goods) for each high-risk goods an office lists."""
    offices = {o.code: o for o in profile.lists["offices"].items}
    out = []
    for g in profile.lists["office_goods"].items:
        for p in g.hs_prefixes:
            for goods in OFFICE_GOODS.get(p, []):
                out.append((g.office, offices[g.office].province, goods))
    assert out
    return out


def _switch_offices(profile, region):
    """Offices in other provinces that are not usual offices of `region` (sea/air, not land crossings)."""
    reg = _regions(profile)[region]
    return [
        o
        for o in profile.lists["offices"].items
        if o.province and o.province != region and o.code not in reg.usual_offices and o.kind in ("sea", "air")
    ]


def _line_decl(i, *, office, region, source, goods, brand, ttype="trading_company", dest="NG", qty=900, **extra):
    hs, desc, unit, kg, usd = goods
    return declaration(
        f"R{i:04d}",
        date="2016-07-14",
        office=office,
        trader=f"TR-{region}-{i}",
        ttype=ttype,
        region=region,
        source=source,
        dest=dest,
        declarant=f"AGENT-{i % 7}",
        unit=None,
        lines=[(hs, desc, brand, qty, round(qty * usd, 2), round(qty * kg, 1), unit)],
        **extra,
    )


def test_an_offices_high_risk_goods_drifting_to_another_provinces_port_are_flagged(profile):
    """C04 across ports: goods an office of their province knows as infringement targets (Ningbo's sewing
    machines and padlocks from Zhejiang), lodged far from that province's usual offices, however the office
    is written and 'no brand' is spelt, by a trading company or through an agent."""
    cases = []
    for _office, province, goods in _home_goods(profile):
        for o in _switch_offices(profile, province)[::3]:
            for name in [o.code, *o.aliases[:2]]:
                k = len(cases)
                cases.append(
                    _line_decl(
                        500 + k,
                        office=name,
                        region=province,
                        source=province,
                        goods=goods,
                        brand=NO_BRAND[k % len(NO_BRAND)],
                        dest=["NG", "BR", "IR", "BD", "EG"][k % 5],
                    )
                )
    assert len(cases) >= 30
    assert not missed(profile, cases)


def test_an_offices_high_risk_goods_at_their_usual_ports_stay_green(profile):
    """The same goods at their own office, or at a usual office of their province in another province
    (Zhejiang goods through Shanghai every day), unbranded, by makers and trading companies."""
    cases = []
    for _office, province, goods in _home_goods(profile):
        reg = _regions(profile)[province]
        for usual in reg.usual_offices:
            o = next(o for o in profile.lists["offices"].items if o.code == usual)
            for name in [o.code, *o.aliases[:3]]:
                k = len(cases)
                cases.append(
                    _line_decl(
                        700 + k,
                        office=name,
                        region=province,
                        source=province,
                        goods=goods,
                        brand=NO_BRAND[k % len(NO_BRAND)],
                        ttype=["trading_company", "manufacturer"][k % 2],
                        dest=["NG", "US", "DE", "BR"][k % 4],
                    )
                )
    assert len(cases) >= 30
    assert not flagged(profile, cases)


def test_an_offices_high_risk_goods_brought_from_regions_that_do_not_lodge_there_are_flagged(profile):
    """C07: the Fujian company's padlocks at Ningbo. The office's high-risk goods from a region whose goods do
    not usually leave there, whatever sub-office name is used, declared without a brand."""
    cases = []
    regions = _regions(profile)
    offices = {o.code: o for o in profile.lists["offices"].items}
    for office_code, province, goods in _home_goods(profile):
        o = offices[office_code]
        outsiders = [c for c, r in regions.items() if c != province and office_code not in r.usual_offices]
        for j, name in enumerate([o.code, *o.aliases[::6]]):
            k = len(cases)
            region = outsiders[(k * 5) % len(outsiders)]
            cases.append(
                _line_decl(
                    900 + k,
                    office=name,
                    region=region,
                    source=region,
                    goods=goods,
                    brand=NO_BRAND[k % len(NO_BRAND)],
                    ttype=["manufacturer", "trading_company"][j % 2],
                    qty=60000,
                )
            )
    assert len(cases) >= 20
    assert not missed(profile, cases)


def test_an_offices_high_risk_goods_in_loads_mixed_by_design_stay_green(profile):
    """Padlocks or sewing machines as one line of a market-procurement (1039) or border small trade
    assortment at ordinary prices: the office's goods list is a general-trade indicator."""
    cases = []
    for office_code, province, goods in _home_goods(profile):
        for code in ["1039", "4019", "9610"]:
            k = len(cases)
            d = _line_decl(
                1100 + k,
                office=office_code,
                region=province,
                source=province,
                goods=goods,
                brand=NO_BRAND[k % len(NO_BRAND)],
                ttype="trading_company",
                trade_mode_code=code,
                qty=300,
            )
            d["trade_mode"] = (
                "other" if code == "1039" else ("border_trade" if code == "4019" else "cross_border_ecommerce")
            )
            d["lines"] += [
                {
                    "hs_code": "9503008900",
                    "description": "plastic toys",
                    "brand": "",
                    "quantity": 500,
                    "value": 1500,
                    "net_mass_kg": 150,
                    "currency": "USD",
                },
                {
                    "hs_code": "6302210000",
                    "description": "cotton bed sheets",
                    "brand": "",
                    "quantity": 300,
                    "value": 1800,
                    "net_mass_kg": 240,
                    "currency": "USD",
                },
            ]
            cases.append(d)
    assert not flagged(profile, cases)


# -- Qingfeng: the operation's destination and a signal of its own -----------------------------------------
LATAM = ["MX", "AR", "BR", "CL", "PE", "CO", "EC"]
PRICED = [
    ("6404199000", "canvas shoes", "PAIR", 0.6),
    ("6402999000", "sports shoes", "PAIR", 0.6),
    ("4202220000", "handbags", "PCS", 0.6),
    ("9004100000", "sunglasses", "PCS", 0.05),
    ("9503008900", "plastic toys", "PCS", 0.2),
    ("6109100000", "cotton T-shirts", "PCS", 0.25),
    ("9102110000", "wrist watches", "PCS", 0.1),
]


def _references(profile):
    """(goods, reference USD a unit) for the goods of PRICED that have a unit reference in the shipped lists."""
    from riskprofile.testing.builders import prepared_lines

    rows = [
        {"hs_code": hs, "description": d, "quantity": 100, "value": 100, "net_mass_kg": 100 * kg}
        for hs, d, _, kg in PRICED
    ]
    lines = prepared_lines(
        rows,
        {"ref_value_usd", "ref_basis"},
        profile.lists,
        declared_at="2016-06-01",
        direction="export",
        currency="USD",
    )
    out = [
        (g, r["ref_value_usd"])
        for g, r in zip(PRICED, lines, strict=True)
        if r["ref_value_usd"] and r["ref_basis"] == "unit"
    ]
    assert len(out) >= 4
    return out


def _latam(i, goods, ref, ratio, *, office, region, ttype, dest, **extra):
    hs, desc, unit, kg = goods
    qty = 8000
    return declaration(
        f"R{i:04d}",
        date=["2016-03-14", "2016-06-20", "2016-09-02", "2016-11-28"][i % 4],
        office=office,
        trader=f"TR-LA-{i}",
        ttype=ttype,
        region=region,
        dest=dest,
        unit=None,
        lines=[(hs, desc, "", qty, round(qty * ref * ratio, 2), round(qty * kg, 1), unit)],
        **extra,
    )


OFFICES_LA = [("CNSHA", "CN-SH"), ("Yangshan", "CN-ZJ"), ("Beilun", "CN-ZJ"), ("宁波海关", "CN-ZJ"), ("CNSZX", "CN-GD")]


def test_exports_to_latin_america_in_qingfeng_priced_well_below_the_usual_are_flagged(profile):
    """C11/C12: the operation's destination with a price at 40-60% of the usual is two indicators."""
    cases = []
    for k, ((goods, ref), (office, region), dest) in enumerate(
        itertools.product(_references(profile), OFFICES_LA, LATAM[:3])
    ):
        cases.append(
            _latam(
                1300 + k,
                goods,
                ref,
                [0.45, 0.5, 0.55][k % 3],
                office=office,
                region=region,
                ttype="trading_company",
                dest=dest,
            )
        )
    assert len(cases) >= 40
    assert not missed(profile, cases)


def test_exports_to_latin_america_at_ordinary_prices_stay_green(profile):
    """The same goods, offices and destinations at the usual price, by makers and trading companies, and
    market-procurement loads whose one cheap line is ordinary for an assortment."""
    refs = _references(profile)
    cases = []
    for k, ((goods, ref), (office, region), dest) in enumerate(itertools.product(refs, OFFICES_LA, LATAM[3:])):
        cases.append(
            _latam(
                1500 + k,
                goods,
                ref,
                [0.9, 1.0, 1.3][k % 3],
                office=office,
                region=region,
                ttype=["trading_company", "manufacturer"][k % 2],
                dest=dest,
            )
        )
    for k, dest in enumerate(LATAM):
        (goods, ref), (goods2, ref2) = refs[k % len(refs)], refs[(k + 1) % len(refs)]
        d = _latam(
            1700 + k,
            goods,
            ref,
            1.1,
            office="Yiwu",
            region="CN-ZJ",
            ttype="trading_company",
            dest=dest,
            trade_mode_code="1039",
        )
        d["trade_mode"] = "other"
        d["lines"] += [
            {
                "hs_code": goods2[0],
                "description": goods2[1],
                "brand": "",
                "quantity": 500,
                "value": round(500 * ref2 * 0.5, 2),
                "net_mass_kg": 500 * goods2[3],
                "currency": "USD",
            },
            {
                "hs_code": "9615110000",
                "description": "plastic combs",
                "brand": "",
                "quantity": 20000,
                "value": 2400,
                "net_mass_kg": 400,
                "currency": "USD",
            },
        ]
        cases.append(d)
    assert not flagged(profile, cases)


def test_ordinary_container_exports_to_the_us_during_the_joint_operations_stay_green(profile):
    """OEM footwear, clothing, eyewear and electronics for US buyers by sea in March and April 2016, at their
    usual price and without a recorded mark: the joint operations' targets were parcels, auto parts and
    medicines, and marked or very cheap goods (CAMP-003 does not fire)."""
    cases = []
    for k, ((goods, ref), (office, region)) in enumerate(itertools.product(_references(profile), OFFICES_LA)):
        d = _latam(
            1900 + k,
            goods,
            ref,
            [0.9, 1.0, 1.2][k % 3],
            office=office,
            region=region,
            ttype=["manufacturer", "trading_company"][k % 2],
            dest="US",
        )
        d["declared_at"] = ["2016-03-09", "2016-04-21"][k % 2]
        cases.append(d)
    got = lanes(profile, cases)
    assert not [d["decl_id"] for d in cases if "CAMP-003" in got[d["decl_id"]]["rules"]]
    assert not flagged(profile, cases)
