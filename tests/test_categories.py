"""The misses and false alarms of issue 16, by category: new look-alike instances of the documented patterns
must reach yellow, and legitimate trade sharing their surface must stay green. Each category is written from
its indicators and drawn over many surfaces (offices as written, brands, regions, goods, dates, marks of the
register), not tuned one declaration at a time; every declaration is scored by the shipped standing profile."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from riskprofile import load_profile
from riskprofile.features.brand import MarkMatcher
from riskprofile.features.text import has_cjk
from riskprofile.testing.builders import declaration
from riskprofile.testing.lanes import flagged, lanes, missed

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "rules" / "profile.yaml"


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


def decl(
    i,
    *,
    date,
    direction="export",
    office,
    mode="sea",
    trade="general",
    trader,
    ttype,
    region,
    source=None,
    origin="CN",
    dest,
    lines,
    declarant=None,
    **extra,
):
    """Declaration K{i:04d}; a line is a tuple in `LINE_KEYS` order, left without unit unless it gives one."""
    return declaration(
        f"K{i:04d}",
        date=date,
        direction=direction,
        office=office,
        mode=mode,
        trade=trade,
        trader=trader,
        ttype=ttype,
        region=region,
        source=source,
        origin=origin,
        dest=dest,
        lines=lines,
        declarant=declarant,
        unit=None,
        **extra,
    )


def _marks(profile, goods_list):
    """(mark, a CJK alias or None, an HS code of its own goods in `goods_list`) for recorded marks."""
    prefixes = [str(it.value) for it in profile.lists[goods_list].items]
    out = []
    for it in profile.lists["recorded_marks"].items:
        if it.right != "trademark" or not it.goods:
            continue
        if (it.valid_from and it.valid_from > dt.date(2015, 1, 1)) or (
            it.valid_to and it.valid_to < dt.date(2017, 12, 31)
        ):
            continue  # recorded for only part of the years the cases use
        own = [g for g in it.goods if any(g.startswith(p) or p.startswith(g) for p in prefixes)]
        if not own:
            continue
        code = max([p for p in prefixes if any(p.startswith(g) for g in own)] or own, key=len)
        cjk = next((a for a in it.aliases if has_cjk(a)), None)
        out.append((it, cjk, code.ljust(10, "0")))
    return out


NO_BRAND = ["NO BRAND", "无品牌", "无牌", "NONE", "", "N/M"]
FAR_REGIONS = ["CN-CQ", "CN-SC", "CN-HB", "CN-SN", "CN-YN"]
HUANGPU = ["黄埔老港", "Huangpu Old Port", "CNHUA", "Huangpu", "黄埔海关"]
FOOTWEAR = [
    ("6404199000", "casual shoes", 0.7),
    ("6402999000", "sports shoes", 0.6),
    ("6403990000", "leather shoes", 0.9),
    ("6109100000", "cotton T-shirts", 0.25),
    ("4202920000", "backpacks", 0.7),
]


# -- misses: new instances of the patterns ------------------------------------------------------------------
def test_unbranded_goods_of_a_far_trading_company_are_flagged(profile):
    """C06: footwear, clothes or bags declared without a brand by a trading company of a region that does not
    lodge at the office, whatever the office is called and however 'no brand' is written."""
    cases = []
    for i, (brand, region, office, (hs, desc, kg)) in enumerate(
        itertools.islice(itertools.product(NO_BRAND, FAR_REGIONS, HUANGPU, FOOTWEAR), 0, None, 7)
    ):
        cases.append(
            decl(
                i,
                date="2016-05-10",
                office=office,
                trader=f"FAR-TRADE-{i}",
                ttype="trading_company",
                region=region,
                source="CN-GD",
                dest="SG",
                lines=[(hs, desc, brand, 20000, 20000 * 5.0, 20000 * kg, "PAIR")],
                declarant=f"AGENT-GD-{i}",
            )
        )
    assert len(cases) >= 20
    assert not missed(profile, cases)


def test_local_and_usual_traders_of_unbranded_goods_stay_green(profile):
    """The same goods and offices declared by a local trading company, by a trader whose region lodges there,
    or by a manufacturer, stay green."""
    cases = []
    for i, (brand, (region, ttype), office, (hs, desc, kg)) in enumerate(
        itertools.product(
            NO_BRAND[:3],
            [
                ("CN-GD", "trading_company"),
                ("CN-HN", "trading_company"),
                ("CN-CQ", "manufacturer"),
                ("CN-JX", "trading_company"),
            ],
            HUANGPU[:3],
            FOOTWEAR[:3],
        )
    ):
        cases.append(
            decl(
                100 + i,
                date="2016-05-10",
                office=office,
                trader=f"LOCAL-{i}",
                ttype=ttype,
                region=region,
                source="CN-GD",
                dest="SG",
                lines=[(hs, desc, brand, 20000, 20000 * 5.0, 20000 * kg, "PAIR")],
            )
        )
    assert not flagged(profile, cases)


def test_recorded_marks_in_other_scripts_are_flagged_at_export(profile):
    """A foreign recorded mark written in its Chinese name on its own goods, exported by a trading company."""
    cases = []
    for i, (it, cjk, hs) in enumerate(_marks(profile, "ip_sensitive_goods") + _marks(profile, "health_safety_goods")):
        if cjk is None or it.origin == "domestic":
            continue
        cases.append(
            decl(
                200 + i,
                date="2016-06-15",
                office="CNNGB",
                trader=f"ZJ-TRADE-{i}",
                ttype="trading_company",
                region="CN-ZJ",
                dest="AE",
                lines=[(hs, "goods", cjk, 1000, 5000, None, "PCS")],
            )
        )
    assert len(cases) >= 10
    assert not missed(profile, cases)


def test_cheap_exports_during_qingfeng_are_flagged(profile):
    """Campaign-window exports whose only other signal is price: about 1 RMB (0.15 USD) or 6 RMB (0.9 USD) an
    item to Latin America in 2016, on goods with and without a reference value."""
    goods = [
        ("6404190000", "sports shoes", 0.8),
        ("4202920000", "backpacks", 0.7),
        ("9102110000", "quartz watches", 0.08),
        ("9503008900", "plastic toys", 0.05),
        ("8301100000", "padlocks", 0.16),
        ("9004100000", "sunglasses", 0.03),
        ("8518300000", "earphones", 0.05),
        ("6505009900", "caps", 0.1),
    ]
    cases = []
    for i, ((hs, desc, kg), dest, (price, date)) in enumerate(
        itertools.product(goods, ["MX", "AR", "BR", "CL", "CO", "PE"], [(0.15, "2016-03-03"), (0.9, "2016-10-20")])
    ):
        if price == 0.9 and hs.startswith(("9503", "8301", "9004", "6505")):
            continue  # 0.9 USD is an ordinary price for a toy, a padlock, cheap sunglasses or a cap
        cases.append(
            decl(
                300 + i,
                date=date,
                office=["CNNGB", "CNSHA", "宁波海关", "Yangshan"][i % 4],
                trader=f"LATAM-{i}",
                ttype="trading_company",
                region="CN-ZJ",
                dest=dest,
                lines=[(hs, desc, "NO BRAND", 50000, 50000 * price, 50000 * kg, "PCS")],
            )
        )
    assert not missed(profile, cases)


def test_patent_goods_drifting_away_are_flagged_outside_the_window(profile):
    """Balance scooters of Zhejiang/Jiangsu lodged at northern ports, unbranded, in and outside the operation."""
    cases = []
    for i, (office, region, date, brand) in enumerate(
        itertools.product(
            ["Tianjin Xingang", "CNTAO", "青岛海关", "Dalian", "CNTSN"],
            ["CN-ZJ", "CN-JS"],
            ["2016-10-03", "2016-12-02", "2017-02-14"],
            ["", "无品牌", "NO BRAND"],
        )
    ):
        cases.append(
            decl(
                400 + i,
                date=date,
                office=office,
                trader=f"SC-TRADE-{i}",
                ttype="trading_company",
                region=region,
                dest="DE",
                declarant="AGENT-N",
                lines=[("8711900090", "electric self-balancing scooter", brand, 500, 65000, 5500, "PCS")],
            )
        )
    assert not missed(profile, cases)


def test_goods_weighing_like_other_goods_are_flagged_from_a_platform(profile):
    """C05: 'jackets' at three or more times the weight of a jacket, lodged by a trade-service platform."""
    cases = []
    for i, (hs, desc, kg) in enumerate(
        [
            ("6201931000", "men's cold-weather jackets", 3.5),
            ("6202931000", "padded coats", 4.0),
            ("6109100000", "T-shirts", 1.2),
            ("6110200000", "pullovers", 2.6),
        ]
    ):
        for j, office in enumerate(["CNXMN", "厦门海沧", "Fuzhou"]):
            cases.append(
                decl(
                    500 + 10 * i + j,
                    date="2016-02-10",
                    office=office,
                    trader=f"FJ-PLATFORM-{i}{j}",
                    ttype="trade_service_platform",
                    region="CN-FJ",
                    dest="RU",
                    lines=[(hs, desc, "NO BRAND", 4000, 4000 * 12.0, 4000 * kg, "PCS")],
                )
            )
    assert not missed(profile, cases)


def test_imports_of_marked_goods_with_a_second_indicator_are_flagged(profile):
    """C01: lubricants bearing a recorded mark, imported by a non-holder far below genuine prices, or sold on
    through cross-border e-commerce."""
    marks = [it for it, _, _ in _marks(profile, "lubricants") if any("2710".startswith(g[:4]) for g in it.goods)]
    assert marks
    cases = []
    for i, (it, origin, (price, trade)) in enumerate(
        itertools.product(
            marks, ["MY", "AE", "DE", "SG"], [(0.9, "general"), (1.4, "general"), (2.8, "cross_border_ecommerce")]
        )
    ):
        names = [it.mark, *(a for a in it.aliases if has_cjk(a))]
        cases.append(
            decl(
                600 + i,
                date="2016-07-01",
                direction="import",
                office=["Huangpu Xingang", "天津新港"][i % 2],
                trade=trade,
                trader=f"IMP-LUB-{i}",
                ttype="trading_company",
                region="CN-GD",
                origin=origin,
                dest="CN",
                lines=[("2710199100", "engine oil", names[i % len(names)], 8000, 8000 * price, 8000, "KG")],
            )
        )
    assert not missed(profile, cases)


# -- false alarms: legitimate trade sharing the surface -----------------------------------------------------
def test_holders_and_licensees_exporting_their_marks_stay_green(profile):
    """The holder's own companies (ids in the register) and its licensees, at normal prices."""
    cases = []
    for i, (it, _, hs) in enumerate(_marks(profile, "ip_sensitive_goods") + _marks(profile, "health_safety_goods")):
        for j, party in enumerate([*it.holder_ids[:1], *it.licensee_ids[:1]]):
            ref = 20.0
            cases.append(
                decl(
                    700 + 3 * i + j,
                    date="2016-03-15",
                    office="CNSHA",
                    trader=party,
                    ttype="manufacturer",
                    region="CN-SH",
                    dest="US",
                    lines=[(hs, "goods", it.mark, 1000, 1000 * ref, None, "PCS")],
                )
            )
    assert len(cases) >= 10
    assert not flagged(profile, cases)


def test_contract_manufacturers_shipping_to_the_holder_stay_green(profile):
    """OEM factories not on any licensee list, shipping the holder's goods to the holder (named as the overseas
    party) or under processing trade, at normal prices, during campaign windows too."""
    cases = []
    for i, ((it, _, hs), (trade, party), date) in enumerate(
        itertools.product(
            _marks(profile, "ip_sensitive_goods")[:12],
            [("general", "holder"), ("processing", None), ("processing", "holder")],
            ["2016-03-20", "2016-08-02"],
        )
    ):
        holder = (it.holder or it.mark) if party == "holder" else None
        extra = {"overseas_party": holder} if holder else {}
        cases.append(
            decl(
                800 + i,
                date=date,
                office=["CNXMN", "Yantian", "CNNGB"][i % 3],
                trade=trade,
                trader=f"OEM-FACTORY-{i}",
                ttype="manufacturer",
                region=["CN-FJ", "CN-GD", "CN-ZJ"][i % 3],
                dest="US",
                lines=[(hs, "goods made to order", it.mark, 5000, 5000 * 25.0, None, "PCS")],
                **extra,
            )
        )
    assert not flagged(profile, cases)


def test_manufacturers_exporting_during_campaign_windows_stay_green(profile):
    """Own-brand or unbranded goods of manufacturers at ordinary prices to the operations' destinations and in
    their windows (balance scooters with the maker's brand, auto parts to the USA, shoes to Mexico)."""
    specs = [
        ("8711900090", "self-balancing scooters", "YKMOTION", 150.0, 11.0, "US", "2016-12-05", "CN-ZJ", "CNNGB"),
        ("8708301000", "brake pads", "HNFRICTION", 5.0, 0.9, "US", "2016-03-22", "CN-HA", "CNCGO"),
        ("6404190000", "sports shoes", "NO BRAND", 5.5, 0.8, "MX", "2016-06-10", "CN-FJ", "CNXMN"),
        ("9503008900", "plastic toys", "NO BRAND", 1.1, 0.1, "AR", "2016-09-01", "CN-GD", "CNSZX"),
        ("4202920000", "backpacks", "", 5.0, 0.7, "BR", "2016-11-11", "CN-FJ", "Xiamen Haicang"),
        ("8301100000", "padlocks", "NO BRAND", 1.6, 0.2, "NG", "2015-06-01", "CN-ZJ", "Beilun"),
    ]
    cases = [
        decl(
            900 + i,
            date=date,
            office=office,
            trader=f"MAKER-{i}",
            ttype="manufacturer",
            region=region,
            dest=dest,
            lines=[(hs, desc, brand, 3000, 3000 * price, 3000 * kg, "PCS")],
        )
        for i, (hs, desc, brand, price, kg, dest, date, region, office) in enumerate(specs)
    ]
    assert not flagged(profile, cases)


def test_ordinary_land_border_mixed_loads_stay_green(profile):
    """Border small trade by road with many kinds of goods at ordinary prices, few of them infringement-prone."""
    others = [
        ("6907210000", "ceramic tiles", "", 20000, 8000, 20000, "KG"),
        ("3924100000", "plastic tableware", "", 3000, 6600, 3000, "KG"),
        ("0810909000", "fresh fruit", "", 10000, 9000, 10000, "KG"),
        ("7318159000", "steel screws", "", 5000, 9000, 5000, "KG"),
        ("9403609990", "wooden furniture", "", 200, 14000, 4600, "PCS"),
    ]
    sensitive = [
        ("6109100000", "cotton T-shirts", "", 5000, 10500, 1250, "PCS"),
        ("6404190000", "sports shoes", "", 3000, 15000, 2400, "PAIR"),
    ]
    cases = []
    for i, (office, dest, k) in enumerate(
        itertools.product(["Pingxiang", "凭祥", "Dongxing", "Youyiguan"], ["VN"], range(3))
    ):
        lines = others[k : k + 3] + sensitive[: 1 + k % 2]
        cases.append(
            decl(
                1000 + i,
                date="2016-08-05",
                office=office,
                mode="road",
                trade="border_trade",
                trader=f"GX-BORDER-{i}",
                ttype="trading_company",
                region="CN-GX",
                dest=dest,
                lines=lines,
            )
        )
    assert not flagged(profile, cases)


def test_market_procurement_and_consolidated_ecommerce_loads_stay_green(profile):
    """Yiwu market procurement (1039) and consolidated e-commerce (9610) declarations carry many kinds of goods."""
    lines = [
        ("9503008900", "plastic toys", "", 20000, 22000, 2000, "PCS"),
        ("6109100000", "T-shirts", "", 5000, 10000, 1250, "PCS"),
        ("4202920000", "backpacks", "", 2000, 10000, 1400, "PCS"),
        ("9405409000", "LED lamps", "", 3000, 18000, 2400, "PCS"),
        ("3924100000", "plastic tableware", "", 2000, 4400, 2000, "KG"),
        ("9615190000", "hair clips", "", 50000, 6500, 500, "PCS"),
    ]
    cases = []
    for i, (code, office, dest) in enumerate(
        itertools.product(["1039", "9610"], ["Yiwu", "义乌", "CNNGB", "Ningbo"], ["AE", "NG", "RU", "UA"])
    ):
        cases.append(
            decl(
                1100 + i,
                date="2016-06-20",
                office=office,
                mode="rail" if i % 2 else "sea",
                trader=f"YW-MARKET-{i}",
                ttype="trading_company",
                region="CN-ZJ",
                dest=dest,
                lines=lines,
                trade_mode_code=code,
            )
        )
    assert not flagged(profile, cases)


def test_campaign_destinations_need_a_mixed_load_priced_low_as_a_whole(profile):
    """Market procurement (1039) and consolidated e-commerce (9610) to Latin America during Qingfeng 2016: one
    cheap line among many kinds of goods is not the campaign's low-price signal (CAMP-004); the same load priced
    low as a whole is."""
    lines = [
        ("9503008900", "plastic toys", "", 30000, 33000, 3000, "PCS"),
        ("4202920000", "school backpacks", "", 1500, 7500, 1050, "PCS"),
        ("9405409000", "LED lamps", "", 2000, 12000, 1600, "PCS"),
        ("3924100000", "plastic tableware", "", 3000, 6600, 3000, "KG"),
        ("9615190000", "hair clips", "", 40000, 5200, 400, "PCS"),
    ]
    one_cheap, all_cheap = [], []
    for i, (code, dest, k) in enumerate(itertools.product(["1039", "9610"], ["CL", "PE", "MX", "BR"], [0, 2])):
        common = {
            "date": "2016-07-12",
            "office": ["Yiwu", "CNNGB"][i % 2],
            "trader": f"YW-LATAM-{i}",
            "ttype": "trading_company",
            "region": "CN-ZJ",
            "dest": dest,
            "trade_mode_code": code,
        }
        cheap = [(*ln[:4], ln[4] * 0.45, *ln[5:]) for ln in lines]
        one_cheap.append(decl(4400 + i, lines=[cheap[j] if j == k else ln for j, ln in enumerate(lines)], **common))
        all_cheap.append(decl(4500 + i, lines=cheap, **common))
    got = lanes(profile, one_cheap + all_cheap)
    assert not [d["decl_id"] for d in one_cheap if "CAMP-004" in got[d["decl_id"]]["rules"]]
    assert not [d["decl_id"] for d in all_cheap if "CAMP-004" not in got[d["decl_id"]]["rules"]]


def test_house_brands_close_to_famous_marks_stay_green(profile):
    """A maker's own label one letter off a recorded mark (CONVERGE ~ CONVERSE), declared by the maker at a
    normal price."""
    labels = [
        ("CONVERGE", "6404190000", "canvas shoes"),
        ("ADIDOS", "6404190000", "sports shoes"),
        ("PUMAX", "6404190000", "sports shoes"),
        ("OAKLEAF", "9004100000", "sunglasses"),
        ("REEBOOK", "6110300000", "sports jerseys"),
        ("CONVERSA", "6402999000", "sandals"),
    ]
    cases = []
    for i, ((brand, hs, desc), (office, region)) in enumerate(
        itertools.product(labels, [("CNXMN", "CN-FJ"), ("Jinjiang", "CN-FJ"), ("CNNGB", "CN-ZJ"), ("Yantian", "CN-GD")])
    ):
        cases.append(
            decl(
                1200 + i,
                date="2016-07-07",
                office=office,
                trader=f"HOUSE-{i}",
                ttype="manufacturer",
                region=region,
                dest=["US", "DE", "AE"][i % 3],
                lines=[(hs, desc, brand, 6000, 6000 * 8.0, 6000 * 0.6, "PAIR")],
            )
        )
    assert not flagged(profile, cases)


def test_ordinary_words_of_multi_word_brands_are_not_look_alikes_of_short_marks(profile):
    """A multi-word label one of whose short words is one letter off a short recorded mark (POWER CELL ~ DELL,
    ROSE GARDEN ~ BOSE), on that mark's own goods at a normal price, in border trade or from its maker: a
    short word is an ordinary word, not a look-alike; look-alikes of long marks inside a brand still match."""
    labels = [
        ("8504401400", "switching power supplies", "POWER CELL", 500, 6000, 400, "PCS"),
        ("8518220000", "loudspeakers", "ROSE GARDEN", 800, 9600, 900, "PCS"),
        ("6404190000", "canvas shoes", "GOLDEN PEAR", 3000, 21000, 1800, "PAIR"),
        ("8518300000", "headphones", "TONY BEAR", 2000, 12000, 400, "PCS"),
    ]
    cases = []
    for i, (line, office) in enumerate(itertools.product(labels, ["Pingxiang", "Dongxing", "CNSZX"])):
        border = office != "CNSZX"
        cases.append(
            decl(
                1250 + i,
                date="2016-09-14",
                office=office,
                mode="road" if border else "sea",
                trade="border_trade" if border else "general",
                trader=f"LABEL-{i}",
                ttype="trading_company" if border else "manufacturer",
                region="CN-GX" if border else "CN-GD",
                dest="VN",
                lines=[line, ("3924100000", "plastic tableware", "", 3000, 6600, 3000, "KG")],
            )
        )
    assert not flagged(profile, cases)
    matcher = MarkMatcher.from_items(profile.lists["recorded_marks"].items)
    assert [matcher.resolve(b)[0] for b in ("GREAT HUAWEL", "SPORT ADIDOS", "SAMSUNC ELECTRONICS")] == [
        "HUAWEI",
        "ADIDAS",
        "SAMSUNG",
    ]


def test_goods_of_shandong_shipped_via_shanghai_stay_green(profile):
    """Weihai fishing rods and other Shandong goods through Shanghai by sea, a gateway of the region."""
    cases = []
    for i, (office, (hs, desc, brand, price)) in enumerate(
        itertools.product(
            ["Shanghai", "CNSHA", "Yangshan", "洋山港", "Waigaoqiao"],
            [
                ("9507100000", "fibreglass fishing rods", "NO BRAND", 8.0),
                ("9507100000", "carbon fishing rods", "WEIHAI", 12.0),
                ("4011100000", "car tyres", "SDROAD", 35.0),
            ],
        )
    ):
        cases.append(
            decl(
                1300 + i,
                date="2016-08-20",
                office=office,
                trader=f"SD-WH-{i}",
                ttype="trading_company",
                region="CN-SD",
                dest="JP",
                declarant="AGENT-SH-1",
                lines=[(hs, desc, brand, 2000, 2000 * price, 2000 * 0.5, "PCS")],
            )
        )
    assert not flagged(profile, cases)


def test_genuine_parallel_imports_stay_green(profile):
    """Genuine branded oil, auto parts and consumer goods imported by distributors that are not licensees, at
    genuine prices, by general trade."""
    cases = []
    specs = [
        ("2710199100", 3.2, 1.0, "KG"),
        ("8708301000", 9.0, 1.0, "SET"),
        ("6404190000", 40.0, 0.8, "PAIR"),
        ("9004100000", 60.0, 0.03, "PCS"),
        ("3304990000", 25.0, 0.05, "PCS"),
    ]
    own = {
        hs: [
            it
            for it, _, c in _marks(profile, "ip_sensitive_goods") + _marks(profile, "health_safety_goods")
            if c.startswith(hs[:4])
        ]
        for hs, *_ in specs
    }
    for i, ((hs, price, kg, unit), origin) in enumerate(itertools.product(specs, ["DE", "GB", "US", "JP", "SG"])):
        for j, it in enumerate(own[hs][:2]):
            cases.append(
                decl(
                    1400 + 10 * i + j,
                    date="2016-09-09",
                    direction="import",
                    office=["CNSHA", "天津新港", "CNHUA"][j],
                    trader=f"DIST-{i}-{j}",
                    ttype="trading_company",
                    region="CN-SH",
                    origin=origin,
                    dest="CN",
                    lines=[(hs, "genuine goods", it.mark, 2000, 2000 * price, 2000 * kg, unit)],
                )
            )
    assert len(cases) >= 20
    assert not flagged(profile, cases)


# -- more surfaces: the register's other marks, abbreviations, offices as written, routes ---------------------
def _office(profile, code):
    return next(o for o in profile.lists["offices"].items if o.code == code)


def _far_regions(profile, office_code):
    """Regions that neither are the office's province nor usually lodge there (regions.yaml)."""
    province = _office(profile, office_code).province
    return [
        r.code
        for r in profile.lists["regions"].items
        if r.usual_offices and r.code != province and office_code not in r.usual_offices
    ]


def _sensitive_code(profile, it):
    """An HS code (10 digits) of the mark's own goods inside the infringement-prone or health-and-safety lists."""
    prefixes = [
        str(x.value) for name in ("ip_sensitive_goods", "health_safety_goods") for x in profile.lists[name].items
    ]
    for g in it.goods:
        inside = [p for p in prefixes if p.startswith(g) or g.startswith(p)]
        if inside:
            return max([g, *inside], key=len).ljust(10, "0")
    return None


def test_every_recorded_mark_of_counterfeit_prone_goods_is_flagged_at_export(profile):
    """Any foreign mark of the register (not only those the documents name) on its own counterfeit-prone goods,
    exported by a trading company that is neither holder nor licensee, at an ordinary price."""
    cases = []
    marks = _marks(profile, "ip_sensitive_goods") + _marks(profile, "health_safety_goods")
    for i, (it, _, hs) in enumerate(m for m in marks if m[0].origin != "domestic"):
        cases.append(
            decl(
                2000 + i,
                date="2016-06-20",
                office=["CNSZX", "Yantian", "5301", "CNNGB", "北仑海关", "CNSHA", "洋山海关"][i % 7],
                trader=f"GEN-TRADE-{i}",
                ttype="trading_company",
                region=["CN-GD", "CN-GD", "CN-GD", "CN-ZJ", "CN-ZJ", "CN-SH", "CN-SH"][i % 7],
                dest=["AE", "US", "NG", "RU", "BR"][i % 5],
                lines=[(hs, "goods", it.mark, 1000, 5000, None, "PCS")],
            )
        )
    assert len(cases) >= 100
    assert not missed(profile, cases)


def test_abbreviations_of_recorded_marks_are_flagged_on_their_goods(profile):
    """A foreign mark written as its common abbreviation (TI, NB, LV, MK ...) as the whole declared brand, on the
    mark's own counterfeit-prone goods, by a non-holder."""
    cases = []
    for it in profile.lists["recorded_marks"].items:
        hs = _sensitive_code(profile, it)
        if hs is None or not it.abbreviations or it.right != "trademark" or it.origin == "domestic":
            continue
        if (it.valid_from and it.valid_from > dt.date(2016, 1, 1)) or (
            it.valid_to and it.valid_to < dt.date(2016, 12, 31)
        ):
            continue
        for abbr in it.abbreviations:
            cases.append(
                decl(
                    2800 + len(cases),
                    date="2016-06-07",
                    office=["新乡海关", "CNCGO", "Shenzhen", "CNSHA"][len(cases) % 4],
                    trader=f"ABBR-TRADE-{len(cases)}",
                    ttype="trading_company",
                    region=["CN-HA", "CN-HA", "CN-GD", "CN-SH"][len(cases) % 4],
                    dest="US",
                    lines=[(hs, "goods", abbr, 1000, 5000, None, "PCS")],
                )
            )
    assert len(cases) >= 15
    assert not missed(profile, cases)


def test_padlock_marks_are_flagged_at_ningbo_however_the_office_is_written(profile):
    """The C07 goods at Ningbo written as any of its names (codes, LOCODEs, sub-offices, Chinese), bearing a
    recorded padlock mark, a Chinese name or a look-alike spelling, declared by a trading company."""
    brands = ["三环", "TRI-CIRCLE", "TRI-CIRCEL", "SANHUAN", "MASTER LOCK", "MASTERL0CK", "ABUS"]
    aliases = [a for a in _office(profile, "CNNGB").aliases if not a.lower().endswith(("post", "邮局"))]
    cases = [
        decl(
            3000 + i,
            date="2016-05-03",
            office=office,
            trader=f"LOCK-TRADE-{i}",
            ttype="trading_company",
            region=["CN-ZJ", "CN-FJ"][i % 2],
            source="CN-ZJ",
            dest=["SA", "AE", "EG", "NG"][i % 4],
            lines=[("8301100000", "padlocks", brands[i % len(brands)], 50000, 60000, 10000, "PCS")],
        )
        for i, office in enumerate(["CNNGB", *aliases])
    ]
    assert len(cases) >= 40
    assert not missed(profile, cases)


def test_unbranded_footwear_of_far_trading_companies_is_flagged_at_other_ports(profile):
    """C06 at Shenzhen, Ningbo, Shanghai and Xiamen written in their several forms, by trading companies of
    regions that do not lodge there."""
    offices = {
        "CNSZX": ["Yantian", "盐田", "Shekou", "CNSZX", "5301"],
        "CNNGB": ["Beilun", "3104", "宁波海关"],
        "CNSHA": ["Yangshan", "洋山港区", "2248"],
        "CNXMN": ["Xiamen", "厦门海关", "CNXMN"],
    }
    cases = []
    for code, names in offices.items():
        far = _far_regions(profile, code)
        for j, name in enumerate(names):
            hs, desc, kg = FOOTWEAR[j % len(FOOTWEAR)]
            cases.append(
                decl(
                    3200 + len(cases),
                    date="2016-03-10",
                    office=name,
                    trader=f"FAR-{len(cases)}",
                    ttype="trading_company",
                    region=far[(len(cases) * 7) % len(far)],
                    source="CN-GD",
                    dest="SG",
                    declarant=f"AGENT-{code}",
                    lines=[(hs, desc, NO_BRAND[len(cases) % len(NO_BRAND)], 20000, 20000 * 5.0, 20000 * kg, "PAIR")],
                )
            )
    assert len(cases) >= 12
    assert not missed(profile, cases)


def test_border_trade_at_every_land_crossing_stays_green(profile):
    """Assortments of coastal consumer goods at ordinary prices, across each land crossing to the country it
    faces, by border small trade or general trade, by road or rail, the crossing written in any of its names."""
    goods = [
        ("6404190000", "sports shoes", "", 3000, 15000, 2400, "PAIR"),
        ("6109100000", "cotton T-shirts", "NO BRAND", 5000, 10500, 1250, "PCS"),
        ("4202920000", "backpacks", "", 2000, 10000, 1400, "PCS"),
        ("8504401400", "phone chargers", "", 4000, 10400, 360, "PCS"),
        ("6907210000", "ceramic tiles", "", 20000, 8000, 20000, "KG"),
        ("9405409000", "LED lamps", "", 2000, 12000, 1600, "PCS"),
        ("9613100000", "lighters", "", 50000, 6000, 1000, "PCS"),
    ]
    cases = []
    for o in profile.lists["offices"].items:
        if o.kind != "land" or not o.borders:
            continue
        region = o.province
        for j, name in enumerate([o.code, *o.aliases[:4]]):
            k = len(cases)
            cases.append(
                decl(
                    3400 + k,
                    date="2016-08-05",
                    office=name,
                    mode="rail" if j % 3 == 2 else "road",
                    trade="border_trade" if j % 2 == 0 else "general",
                    trader=f"BORDER-{k}",
                    ttype="trading_company",
                    region=region,
                    source=["CN-GD", "CN-ZJ", "CN-FJ", region][k % 4],
                    dest=o.borders[k % len(o.borders)],
                    lines=goods[k % 3 : k % 3 + 4],
                )
            )
    assert len(cases) >= 30
    assert not flagged(profile, cases)


def test_integrated_clearance_away_from_the_exit_port_stays_green(profile):
    """Inland makers and traders lodging at their home office for goods leaving by a coastal port (通关一体化)."""
    specs = [
        ("CN-HA", "CNCGO", "CNTAO"),
        ("CN-SC", "CNCTU", "CNSHA"),
        ("CN-CQ", "CNCKG", "CNSZX"),
        ("CN-HB", "CNWUH", "CNSHA"),
        ("CN-AH", "CNHFE", "CNNGB"),
        ("CN-JX", "CNKHN", "CNXMN"),
        ("CN-ZJ", "义乌海关", "CNNGB"),
    ]
    goods = [
        ("9403609990", "wooden furniture", "NO BRAND", 300, 21000, 7000, "PCS"),
        ("6404190000", "sports shoes", "无品牌", 8000, 44000, 6400, "PAIR"),
        ("8516109000", "electric kettles", "HUALI", 3000, 24000, 3600, "PCS"),
    ]
    cases = []
    for i, ((region, home, exit_), line, ttype) in enumerate(
        itertools.product(specs, goods, ["manufacturer", "trading_company"])
    ):
        cases.append(
            decl(
                3600 + i,
                date="2016-09-12",
                office=home,
                trader=f"{region[3:]}-HOME-{i}",
                ttype=ttype,
                region=region,
                dest=["US", "DE", "AE"][i % 3],
                lines=[line],
                exit_office=exit_,
                trade_mode_code="0110",
            )
        )
    assert not flagged(profile, cases)


def test_preconfirmed_factories_stay_green(profile):
    """Factories whose orders for a mark customs pre-confirmed (预确认) export that mark's goods in the window."""
    cases = []
    for i, p in enumerate(profile.lists["preconfirmations"].items):
        date = max(p.valid_from or dt.date(2016, 1, 1), dt.date(2016, 1, 4)) + dt.timedelta(days=10)
        hs = ((p.goods or ["6404"])[0]).ljust(10, "0")
        cases.append(
            decl(
                3800 + i,
                date=date.isoformat(),
                office=p.office or "CNSHA",
                trade="processing",
                trader=p.trader_id,
                ttype="manufacturer",
                region="CN-GD",
                dest="US",
                lines=[(hs, "goods made to order", p.mark, 5000, 5000 * 20.0, None, "PCS")],
                order_ref=p.order_ref,
            )
        )
    assert len(cases) >= 3
    assert not flagged(profile, cases)


def test_patent_goods_of_a_far_region_are_flagged_however_the_office_is_written(profile):
    """C13 and C02 outside the operation: unbranded fishing rods or balance scooters of Shandong, Zhejiang or
    Jiangsu lodged at Beijing, Tianjin or Dalian under any of the offices' names, by air or sea."""
    cases = []
    for code, mode in [("CNPEK", "air"), ("CNTSN", "sea"), ("CNDLC", "sea")]:
        names = [code, *(a for a in _office(profile, code).aliases if not a.lower().endswith(("post", "邮局")))]
        for j, name in enumerate(names):
            k = len(cases)
            rods = k % 2 == 0
            cases.append(
                decl(
                    3900 + k,
                    date=["2016-08-10", "2017-03-02", "2016-05-20"][k % 3],
                    office=name,
                    mode=mode,
                    trader=f"DRIFT-{k}",
                    ttype="trading_company",
                    region="CN-SD" if rods else ["CN-ZJ", "CN-JS"][k % 4 // 2],
                    dest=["JP", "US", "DE", "KR"][k % 4],
                    declarant=f"AGENT-{code}",
                    lines=[
                        ("9507100000", "fibreglass fishing rods", NO_BRAND[j % 3], 250, 2500, 150, "PCS")
                        if rods
                        else ("8711900090", "self-balancing scooters", NO_BRAND[j % 3], 300, 45000, 3300, "PCS")
                    ],
                )
            )
    assert len(cases) >= 40
    assert not missed(profile, cases)


def test_goods_of_the_patent_industries_drifting_away_are_flagged(profile):
    """C13 and C02 by industry, not by the documented product: unbranded fishing reels, hooks, lures or
    ride-on twist cars of Shandong or Zhejiang lodged far away at Beijing or Tianjin; the same goods exported
    by their makers from home ports under their own labels stay green."""
    goods = [
        ("CN-SD", "9507300000", "spinning fishing reels", 400, 3600, 240, "PCS"),
        ("CN-SD", "9507200000", "fish hooks", 900, 1800, 90, "KG"),
        ("CN-SD", "9507900000", "fishing lures", 2000, 2400, 160, "PCS"),
        ("CN-ZJ", "9503001000", "children's twist cars", 600, 7200, 2400, "PCS"),
    ]
    drift, home = [], []
    for i, ((region, *line), (office, mode), blank) in enumerate(
        itertools.product(goods, [("CNPEK", "air"), ("Tianjin Xingang", "sea")], NO_BRAND[:3])
    ):
        common = {"date": ["2016-06-08", "2017-04-11"][i % 2], "region": region, "dest": ["US", "JP", "DE"][i % 3]}
        drift.append(
            decl(
                4200 + i,
                office=office,
                mode=mode,
                trader=f"TACKLE-DRIFT-{i}",
                ttype="trading_company",
                lines=[(line[0], line[1], blank, *line[2:])],
                **common,
            )
        )
        home.append(
            decl(
                4300 + i,
                office={"CN-SD": ["CNTAO", "Weihai"][i % 2], "CN-ZJ": ["CNNGB", "Ningbo"][i % 2]}[region],
                trader=f"TACKLE-MAKER-{i}",
                ttype="manufacturer",
                lines=[(line[0], line[1], ["SEAHAWK", "BLUE RIVER", "LITTLE RIDER"][i % 3], *line[2:])],
                **common,
            )
        )
    assert not missed(profile, drift)
    assert not flagged(profile, home)


def test_group_companies_of_holders_exporting_the_mark_stay_green(profile):
    """The holder's plants, subsidiaries and joint ventures in China (group_ids of the register) exporting the
    mark's own goods at normal prices, by sea or air, to any destination."""
    cases = []
    for it in profile.lists["recorded_marks"].items:
        hs = _sensitive_code(profile, it)
        if hs is None or not it.group_ids:
            continue
        if (it.valid_from and it.valid_from > dt.date(2016, 1, 1)) or (
            it.valid_to and it.valid_to < dt.date(2016, 12, 31)
        ):
            continue
        for gid in it.group_ids[:2]:
            k = len(cases)
            cases.append(
                decl(
                    4100 + k,
                    date="2016-04-12",
                    office=["CNSHA", "CNSZX", "CNTSN", "CNXMN"][k % 4],
                    mode=["sea", "air"][k % 2],
                    trader=gid,
                    ttype="manufacturer",
                    region=["CN-SH", "CN-GD", "CN-TJ", "CN-FJ"][k % 4],
                    dest=["US", "DE", "JP", "AE", "MX"][k % 5],
                    lines=[(hs, "goods", it.mark, 1000, 1000 * 30.0, None, "PCS")],
                )
            )
    assert len(cases) >= 20
    assert not flagged(profile, cases)


def _domestic_marks(profile):
    """(mark item, HS code of its own counterfeit-prone goods) for the register's domestic trademarks."""
    return [(it, hs) for it, _, hs in _marks(profile, "ip_sensitive_goods") if it.origin == "domestic"]


def test_domestic_marks_on_ordinary_goods_resold_by_trading_companies_stay_green(profile):
    """Genuine goods of Chinese holders outside the families that dominate the seizures (appliances, tyres,
    machinery) are bought on the home market and exported by trading companies anywhere, also from provinces
    where the holder has no plant: the domestic mark alone (BRAND-009) does not send them to inspection."""
    risky = [
        str(it.value) for name in ("ip_sensitive_goods", "health_safety_goods") for it in profile.lists[name].items
    ]
    offices = {"CN-GD": "CNSZX", "CN-SH": "CNSHA", "CN-JS": "Nanjing", "CN-FJ": "Xiamen"}
    cases = []
    for it in profile.lists["recorded_marks"].items:
        if it.origin != "domestic" or it.right != "trademark" or not it.goods:
            continue
        if (it.valid_from and it.valid_from > dt.date(2016, 1, 1)) or (
            it.valid_to and it.valid_to < dt.date(2016, 12, 31)
        ):
            continue
        goods = [g for g in it.goods if not any(g.startswith(r) or r.startswith(g) for r in risky)]
        if not goods:
            continue
        region = list(offices)[len(cases) % 4]
        cases.append(
            decl(
                4000 + len(cases),
                date="2016-07-12",
                office=offices[region],
                trader=f"DOM-DIST-{len(cases)}",
                ttype="trading_company",
                region=region,
                dest=["AE", "RU", "IN", "NG"][len(cases) % 4],
                lines=[(goods[0].ljust(10, "0"), "goods", it.mark, 1000, 1000 * 300.0, None, "PCS")],
            )
        )
    assert len(cases) >= 10
    assert not flagged(profile, cases)


def _away(it, regions=("CN-ZJ", "CN-FJ", "CN-GD", "CN-JS")):
    """A province where the mark's holder does not make the goods (its copies come from there)."""
    return next(r for r in regions if r not in it.regions)


def test_domestic_marks_with_a_second_indicator_are_flagged(profile):
    """A domestic mark on goods from a province where its holder does not make them (the 三环 padlocks of a
    Shandong holder from Zhejiang and Fujian, 004 case 7) reaches inspection with another sign: the office's
    high-risk goods (padlocks and sewing machines at Ningbo) or a price far below the usual."""
    cases = []
    for i, (it, hs) in enumerate(_domestic_marks(profile)):
        if not hs.startswith(("8301", "8452")):
            continue
        region = _away(it, ("CN-ZJ", "CN-FJ"))
        cases.append(
            decl(
                4200 + i,
                date="2016-04-18",
                office=["CNNGB", "北仑海关", "3104"][i % 3],
                trader=f"DOM-COPY-{i}",
                ttype="trading_company",
                region=region,
                dest="EG",
                lines=[
                    (hs, "goods", it.mark, 10000, 10000 * 1.2 if hs.startswith("8301") else 10000 * 20, None, "PCS")
                ],
            )
        )
    for j, (it, hs) in enumerate(_domestic_marks(profile)[:12]):
        region = _away(it)
        cases.append(  # far below the reference price of the goods, or about 1 RMB an item
            decl(
                4400 + j,
                date="2016-08-02",
                office={"CN-ZJ": "CNNGB", "CN-FJ": "CNXMN", "CN-GD": "CNSZX", "CN-JS": "CNSHA"}[region],
                trader=f"DOM-CHEAP-{j}",
                ttype="trading_company",
                region=region,
                dest="NG",
                lines=[(hs, "goods", it.mark, 10000, 10000 * 0.1, None, "PCS")],  # about 1 RMB an item
            )
        )
    assert len(cases) >= 6
    assert not missed(profile, cases)


def test_domestic_marks_on_goods_of_the_holders_province_stay_green(profile):
    """Goods of a province where the holder's group makes them, bearing its mark, exported by a trading company
    of that province at an ordinary price, at its usual port, even where the office lists the goods as
    high-risk (JACK sewing machines of Zhejiang at Ningbo) or health-and-safety goods (tyres, batteries, auto
    parts): the holder's own goods resold."""
    office = {"CN-ZJ": "CNNGB", "CN-FJ": "CNXMN", "CN-GD": "CNSZX", "CN-SH": "CNSHA", "CN-SD": "CNTAO"}
    cases = []
    safety = [(it, hs) for it, _, hs in _marks(profile, "health_safety_goods") if it.origin == "domestic"]
    for i, (it, hs) in enumerate(_domestic_marks(profile) + safety):
        home = next((r for r in it.regions if r in office), None)
        if home is None:
            continue
        cases.append(
            decl(
                4500 + i,
                date="2016-09-14",
                office=office[home],
                trader=f"DOM-RESELL-{i}",
                ttype="trading_company",
                region=home,
                dest=["AE", "IN", "RU"][i % 3],
                lines=[(hs, "goods", it.mark, 1000, 1000 * 200.0, None, "PCS")],
            )
        )
    assert len(cases) >= 20
    assert not flagged(profile, cases)


def test_recorded_marks_in_traditional_script_are_flagged(profile):
    """Chinese names of recorded marks written in traditional characters (三環, 殼牌, 勝家, 德州儀器) on their goods."""
    rows = [
        ("三環", "8301100000", "padlocks", "CNNGB", 50000, 60000),
        ("三環牌", "8301100000", "挂锁", "3104", 80000, 96000),
        ("勝家", "8452290000", "sewing machine heads", "Ningbo", 800, 13000),
        ("德州儀器", "8542339000", "integrated circuits", "新乡海关", 20000, 800000),
    ]
    cases = [
        decl(
            4600 + i,
            date="2016-05-20",
            office=office,
            trader=f"TRAD-{i}",
            ttype="trading_company",
            region="CN-ZJ" if office != "新乡海关" else "CN-HA",
            dest="NG",
            lines=[(hs, desc, brand, q, v, None, "PCS")],
        )
        for i, (brand, hs, desc, office, q, v) in enumerate(rows)
    ]
    cases.append(
        decl(
            4610,
            date="2016-06-01",
            direction="import",
            office="CNTXG",
            trader="TJ-OIL-IMP",
            ttype="trading_company",
            region="CN-TJ",
            origin="MY",
            dest="CN",
            lines=[("2710199100", "engine oil", "殼牌", 5000, 5000, 4400, "L")],
        )
    )
    assert not missed(profile, cases)


def test_customs_codes_of_sub_offices_resolve_to_their_district(profile):
    """An unlisted four-digit customs code (关区代码) is read as its district (first two digits): Huangpu 52xx,
    Xiamen 37xx, Beijing 01xx, Qingdao 42xx ... so the office's province and the usual-port checks apply."""
    frame = profile.frame(
        [
            decl(
                4700 + i,
                date="2016-03-10",
                office=code,
                trader=f"CODE-{i}",
                ttype="trading_company",
                region="CN-GD",
                dest="SG",
                lines=[("6404199000", "shoes", "NO BRAND", 100, 500, 70, "PAIR")],
            )
            for i, code in enumerate(["5201", "3701", "0101", "4218", "5299"])
        ]
    )
    got = dict(zip(frame["decl_id"], frame["customs_office"], strict=True))
    want = {"5201": "5200", "3701": "3700", "0101": "0100", "4218": "4200", "5299": "5200"}
    offices = {a: it.code for it in profile.lists["offices"].items for a in it.aliases}
    for i, (code, district) in enumerate(want.items()):
        assert got[f"K{4700 + i:04d}"] == offices[district], code


def test_pocket_articles_are_not_priced_or_weighed_as_handbags(profile):
    """Phone cases, wallets and card holders (4202.31-39) weigh grams and cost cents to a dollar: in ordinary
    e-commerce and small-commodity exports they are neither 'too light' (LOAD-004) nor 'too cheap' (VALUE-001)."""
    cases = [
        decl(
            4800 + i,
            date="2016-09-05",
            office="CNSZX",
            mode="express",
            trade="cross_border_ecommerce",
            trader=f"CASES-{i}",
            ttype="trading_company",
            region="CN-GD",
            dest=["US", "GB", "DE"][i % 3],
            lines=[(hs, desc, "", q, q * p, q * kg, "PCS")],
        )
        for i, (hs, desc, q, p, kg) in enumerate(
            [
                ("4202320000", "phone cases", 400, 0.8, 0.03),
                ("4202310000", "leather card holders", 200, 2.5, 0.04),
                ("4202390000", "silicone key cases", 1000, 0.35, 0.015),
                ("4202320000", "手机壳", 3000, 0.6, 0.025),
            ]
        )
    ]
    assert not flagged(profile, cases)


def test_platforms_exporting_garments_at_a_low_price_are_flagged(profile):
    """A foreign-trade service platform (C05) exporting apparel or footwear priced far below the usual, or
    weighing like other goods, is inspected; the same platform at ordinary prices stays green."""
    bad, good = [], []
    for i, (hs, desc, unit_usd, kg) in enumerate(
        [
            ("6201930000", "men's cold-weather jackets", 3.5, 0.9),
            ("6202930000", "防寒服", 4.0, 1.0),
            ("6404199000", "casual shoes", 1.5, 0.7),
            ("6110200000", "sweaters", 1.2, 0.4),
        ]
    ):
        for price, out in ((unit_usd, bad), (unit_usd * 6, good)):
            out.append(
                decl(
                    4900 + len(bad) + len(good),
                    date="2016-02-20",
                    office=["CNXMN", "3701", "CNFOC", "CNSZX"][i],
                    trader=f"PLATFORM-{i}",
                    ttype="trade_service_platform",
                    region=["CN-FJ", "CN-FJ", "CN-FJ", "CN-GD"][i],
                    dest=["RU", "UA", "KZ", "PL"][i],
                    lines=[(hs, desc, "", 8000, 8000 * price, 8000 * kg, "PCS")],
                )
            )
    assert not missed(profile, bad)
    assert not flagged(profile, good)


def test_platforms_and_consolidations_lodging_for_clients_elsewhere_stay_green(profile):
    """A foreign-trade service platform lodges its clients' ordinary goods wherever they leave, and
    e-commerce consolidations resell domestic brands (power banks, cables) gathered from many provinces at
    their hubs: neither a port switch (ROUTE-001) nor a domestic mark away from its holder (BRAND-009)."""
    cases = []
    for i, (office, region) in enumerate(
        [("CNNGB", "CN-FJ"), ("CNSHA", "CN-GD"), ("Xiamen", "CN-ZJ"), ("CNSZX", "CN-ZJ")]
    ):
        cases.append(
            decl(
                5000 + i,
                date="2016-07-01",
                office=office,
                trader=f"PLATFORM-ORD-{i}",
                ttype="trade_service_platform",
                region=region,
                dest=["US", "DE", "RU", "BR"][i],
                lines=[("6204620000", "women's cotton trousers", "", 4000, 4000 * 6.0, 4000 * 0.4, "PCS")],
            )
        )
    for i, (it, hs) in enumerate(_domestic_marks(profile)[:12]):
        cases.append(
            decl(
                5100 + i,
                date="2016-10-11",
                office=["Zhengzhou Airport", "Hangzhou Airport", "CNCAN"][i % 3],
                mode="express",
                trade="cross_border_ecommerce",
                trade_mode_code="9710",
                trader=f"CONSOL-{i}",
                ttype="trading_company",
                region=["CN-HA", "CN-ZJ", "CN-FJ"][i % 3],
                dest=["US", "GB", "PL"][i % 3],
                lines=[
                    (hs, "goods", it.mark, 300, 300 * 200.0, None, "PCS"),
                    ("6204440000", "dresses", "", 200, 200 * 7.0, 200 * 0.3, "PCS"),
                ],
            )
        )
    assert not flagged(profile, cases)


def test_goods_costing_fractions_of_a_cent_are_not_about_one_rmb(profile):
    """Cable ties, buttons, eyelets and skewers cost fractions of a cent: exported in millions to Latin
    America they are not the ~1 RMB-an-item pattern (VALUE-003, Qingfeng's price branch)."""
    cases = [
        decl(
            5200 + i,
            date="2016-06-06",
            office="CNNGB",
            trader=f"TINY-{i}",
            ttype="trading_company",
            region="CN-ZJ",
            dest=["MX", "AR", "BR", "CO"][i % 4],
            lines=[(hs, desc, "", 2_000_000, 2_000_000 * p, 2_000_000 * p / 4, "PCS")],
        )
        for i, (hs, desc, p) in enumerate(
            [
                ("3926909090", "plastic cable ties", 0.003),
                ("3926909090", "plastic clips", 0.01),
                ("9606220000", "metal buttons", 0.01),
                ("8308100000", "eyelets", 0.002),
            ]
        )
    ]
    assert not flagged(profile, cases)
