"""Route and region categories of issue 16 (helper `route`): look-alike instances of the documented patterns
must reach yellow, legitimate trade sharing their surface must stay green. Drawn from the shipped lists
(offices as written, regions, their neighbours and zones, 'no brand' spellings), never from one declaration;
every declaration is scored by the shipped standing profile."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from riskprofile import load_profile
from riskprofile.testing.builders import declaration

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "rules" / "profile.yaml"

NO_BRAND = ["NO BRAND", "无品牌", "无牌", "NONE", "", "N/M", "no brand", "UNBRANDED"]
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


def _scored(profile, decls):
    res = profile.score(decls, random=False)
    assert res.rejects.height == 0, res.rejects
    got = {r["decl_id"]: r for r in res.declarations.iter_rows(named=True)}
    return [(d["decl_id"], got[d["decl_id"]]["score"], got[d["decl_id"]]["rules"]) for d in decls], got


def flagged(profile, decls):
    rows, got = _scored(profile, decls)
    return [r for r in rows if got[r[0]]["lane"] != "green"]


def missed(profile, decls):
    rows, got = _scored(profile, decls)
    return [r for r in rows if got[r[0]]["lane"] == "green"]


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


def test_unbranded_apparel_of_a_remote_trading_company_is_flagged(profile):
    """The goods' province's offices, however written; a trading company of a province far from the goods
    (not bordering, another economic zone); 'no brand' however written; every goods family of the pattern."""
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
                    goods=APPAREL[k % len(APPAREL)],
                    dest=["SG", "PA", "AE", "NG", "RU"][k % 5],
                )
            )
    assert len(cases) >= 30
    assert not missed(profile, cases)


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
