"""Parcels and land-border loads (issue 16): new look-alike instances of C03, C08, C10 and C14 must reach
yellow on what a declaration shows at lodging, and legitimate parcels and border trade sharing their surface
must stay green. Each category is written from its indicators and drawn over many surfaces (land crossings
and their names, destinations, goods of the category, quantities, prices relative to the references, dates,
sellers); prices are set against the profile's own reference values, so the categories do not depend on
one reference figure."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from riskprofile import load_profile
from riskprofile.testing.builders import declaration
from riskprofile.testing.lanes import flagged, lanes, missed

PROFILE = Path(__file__).resolve().parents[2] / "rules" / "profile.yaml"

# -- goods of the categories: (HS code, description, net kg per unit, unit) ------------------------------
#: shoes, clothes, bags, phone accessories, caps, watches, eyewear (004 cases 3, 8, 10; 000 §1)
PRONE = [
    ("6404199000", "sports shoes", 0.8, "PAIR"),
    ("6403990000", "leather shoes", 0.9, "PAIR"),
    ("6109100021", "T恤衫", 0.2, "PCS"),
    ("6203420090", "牛仔裤", 0.5, "PCS"),
    ("6201930000", "men's jackets", 1.0, "PCS"),
    ("4202920000", "backpacks", 0.6, "PCS"),
    ("4202220000", "手提包", 0.5, "PCS"),
    ("6505009900", "caps", 0.08, "PCS"),
    ("9102110000", "手表", 0.1, "PCS"),
    ("9004100000", "sunglasses", 0.05, "PCS"),
    ("8504401400", "phone chargers", 0.08, "PCS"),
    ("8518300000", "earphones", 0.05, "PCS"),
]
#: border small trade that is not the pattern: building materials, food, household goods
ORDINARY = [
    ("6907210000", "ceramic floor tiles", "KG"),
    ("3924100000", "plastic tableware", "KG"),
    ("0810909000", "fresh fruit", "KG"),
    ("6911101900", "瓷碗", "KG"),
    ("7323930000", "stainless steel pots", "KG"),
    ("8516310000", "hair dryers", "KG"),
]
NO_BRAND = ["NO BRAND", "无品牌", "无牌", "", "N/M"]


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


def _reference(profile, hs: str) -> tuple[float, str] | None:
    """The reference (USD, basis) of the longest listed prefix of `hs`, as the value features read it for a
    description that names none of the goods of keyword references (those of PRONE do not)."""
    refs = {
        str(r.heading): (r.usd, r.per)
        for r in profile.lists["reference_values"].items
        if r.usd is not None and not r.keywords
    }
    for n in range(len(hs), 3, -1):
        if hs[:n] in refs:
            return refs[hs[:n]]
    return None


def _priced(profile, hs, desc, kg_each, unit, qty, factor, brand=""):
    """A goods line priced at `factor` times its reference (per unit, or per kg on a kg basis)."""
    usd, per = _reference(profile, hs)
    mass = round(qty * kg_each, 2)
    value = round(factor * usd * (mass if per == "kg" else qty), 2)
    return (hs, desc, brand, qty, value, mass, unit)


def _priced_goods(profile):
    goods = [g for g in PRONE if _reference(profile, g[0])]
    assert len(goods) >= 6, "the categories need references for most infringement-prone goods"
    return goods


def _of_distinct_chapters(goods, start, n):
    """`n` goods of distinct HS chapters, from `goods` rotated by `start`: shoes, clothes, bags, accessories."""
    out, chapters = [], set()
    for g in goods[start % len(goods) :] + goods[: start % len(goods)]:
        if g[0][:2] not in chapters:
            out.append(g)
            chapters.add(g[0][:2])
    return out[:n]


def _ordinary(hs, desc, unit, kg, usd_per_kg, brand="NO BRAND"):
    return (hs, desc, brand, kg, round(kg * usd_per_kg, 2), kg, unit)


def _crossings(profile):
    """(name as written, destination, its province) for every land-border crossing, in several of its names."""
    out = []
    for o in profile.lists["offices"].items:
        if o.kind != "land" or not o.borders:
            continue
        for j, name in enumerate([o.code, *o.aliases[:3]]):
            out.append((name, o.borders[j % len(o.borders)], o.province))
    assert len(out) >= 20
    return out


def _date(k: int, start="2016-01-05", step=11) -> str:
    return (dt.date.fromisoformat(start) + dt.timedelta(days=(k * step) % 330)).isoformat()


def _border(i, *, office, dest, region, lines, mode="road", trade="border_trade", date=None, code="4019"):
    return declaration(
        f"PB{i:04d}",
        date=date or _date(i),
        office=office,
        mode=mode,
        trade=trade,
        trader=f"BORDER-TRADE-{i}",
        ttype="trading_company",
        region=region,
        source=["CN-GD", "CN-ZJ", "CN-FJ", region][i % 4],
        dest=dest,
        lines=lines,
        unit=None,
        trade_mode_code=code,
    )


# -- land-border loads --------------------------------------------------------------------------------------
def test_border_loads_of_infringement_prone_goods_priced_low_as_a_whole_are_flagged(profile):
    """C08: shoes, clothes, bags and phone accessories making up most of a land-border load, unbranded, each
    line a third to two thirds below its reference, sometimes with an ordinary line alongside, at every land
    crossing in several of its names, by border small trade or general trade, by road or rail."""
    goods = _priced_goods(profile)
    cases = []
    shapes = [
        ("road", "border_trade", "4019"),
        ("road", "general", "0110"),
        ("rail", "border_trade", "4019"),
        ("rail", "general", "0110"),  # general trade by rail, lodged at the crossing
    ]
    for i, ((office, dest, region), (mode, trade, code), factor) in enumerate(
        itertools.product(_crossings(profile), shapes, [0.4, 0.5, 0.6])
    ):
        if i % 2:
            continue
        lines = [
            _priced(profile, hs, desc, kg, unit, 2000 + 700 * ((i + j) % 5), factor, NO_BRAND[(i + j) % 5])
            for j, (hs, desc, kg, unit) in enumerate(_of_distinct_chapters(goods, i, 4 + i % 3))
        ]
        if i % 4 == 0:  # an ordinary line among them, a small part of the value
            lines.append(_ordinary(*ORDINARY[i % len(ORDINARY)], kg=3000, usd_per_kg=0.5))
        cases.append(
            _border(i, office=office, dest=dest, region=region, lines=lines, mode=mode, trade=trade, code=code)
        )
    assert len(cases) >= 40
    assert not missed(profile, cases)
    got = lanes(profile, cases)
    assert all("LOAD-005" in got[d["decl_id"]]["rules"] for d in cases)


def test_many_kinds_of_border_goods_with_infringement_prone_lines_priced_abnormally_low_are_flagged(profile):
    """C10: a land-border load of many kinds of household goods in which the handbags, socks, caps and
    watches are declared at a third of their references or less (申报价格畸低), however small their share."""
    goods = _priced_goods(profile)
    cases = []
    for i, ((office, dest, region), factor) in enumerate(itertools.product(_crossings(profile), [0.2, 0.3, 0.4])):
        lines = [_ordinary(*o, kg=800 + 150 * k, usd_per_kg=1.2) for k, o in enumerate(ORDINARY)]
        prone = _of_distinct_chapters(goods, i, 3 + i % 2)
        lines += [
            _priced(profile, hs, desc, kg, unit, 300 + 40 * j, factor) for j, (hs, desc, kg, unit) in enumerate(prone)
        ]
        cases.append(_border(500 + i, office=office, dest=dest, region=region, lines=lines))
    assert len(cases) >= 40
    assert not missed(profile, cases)


def test_border_loads_of_consumer_goods_at_ordinary_prices_stay_green(profile):
    """Border small trade of the same goods, unbranded, at 80% to 130% of their references, at every
    crossing: consumer goods are what the markets across the border buy."""
    goods = _priced_goods(profile)
    cases = []
    for i, ((office, dest, region), factor) in enumerate(itertools.product(_crossings(profile), [0.8, 1.0, 1.3])):
        lines = [
            _priced(profile, hs, desc, kg, unit, 1500 + 500 * j, factor, NO_BRAND[j % 5])
            for j, (hs, desc, kg, unit) in enumerate(_of_distinct_chapters(goods, i, 4 + i % 3))
        ]
        cases.append(
            _border(1000 + i, office=office, dest=dest, region=region, lines=lines, mode=["road", "rail"][i % 2])
        )
    assert len(cases) >= 40
    assert not flagged(profile, cases)


def test_border_loads_where_cheap_consumer_goods_are_a_minority_stay_green(profile):
    """Tiles, tableware, fruit and appliances with a few lines of cheap consumer goods (half to two thirds of
    their references) that are a minority of the value: the mix and a cheap price, but not the pattern."""
    goods = _priced_goods(profile)
    cases = []
    for i, ((office, dest, region), factor) in enumerate(itertools.product(_crossings(profile), [0.5, 0.55, 0.62])):
        lines = [_ordinary(*o, kg=6000 + 1000 * k, usd_per_kg=1.0) for k, o in enumerate(ORDINARY[: 3 + i % 3])]
        prone = _of_distinct_chapters(goods, i, 3)
        lines += [_priced(profile, hs, desc, kg, unit, 1000, factor) for hs, desc, kg, unit in prone]
        cases.append(_border(1500 + i, office=office, dest=dest, region=region, lines=lines))
    assert len(cases) >= 40
    assert not flagged(profile, cases)


def test_border_loads_of_ordinary_goods_with_one_or_two_consumer_lines_stay_green(profile):
    """Ordinary border small trade: building materials, food and household goods, with a line or two of
    T-shirts or shoes, even cheap ones."""
    goods = _priced_goods(profile)
    cases = []
    for i, ((office, dest, region), k) in enumerate(itertools.product(_crossings(profile), range(3))):
        lines = [_ordinary(*o, kg=5000, usd_per_kg=0.8) for o in ORDINARY[k : k + 3]]
        lines += [_priced(profile, *goods[(i + j) % len(goods)], 3000, 0.55) for j in range(1 + i % 2)]
        cases.append(_border(2000 + i, office=office, dest=dest, region=region, lines=lines))
    assert not flagged(profile, cases)


# -- postal and express parcels -----------------------------------------------------------------------------
#: post and express offices, each with the province of the senders who post there
PARCEL_OFFICES = [
    "Hangzhou Post",
    "杭州邮局海关",
    "CNHGH",
    "萧山机场海关",
    "SHANGHAI POST",
    "CNSHA",
    "CNCAN",
    "拱北海关",
]
SENDER_REGION = dict(zip(PARCEL_OFFICES, ["CN-ZJ"] * 4 + ["CN-SH"] * 2 + ["CN-GD"] * 2, strict=True))
#: goods of the CN-US operations' list that are infringement-prone: (HS code, description, USD, kg a piece)
US_OPERATION_GOODS = [
    ("6505009900", "caps", 2.0, 0.08),
    ("6110200000", "jerseys", 6.0, 0.3),
    ("6109100000", "T-shirts", 3.0, 0.2),
    ("6404199000", "sneakers", 12.0, 0.9),
    ("9004100000", "sunglasses", 3.5, 0.05),
]
#: families an online shop of marked goods sells side by side: (HS code, description, USD, kg a piece)
SHOP_FAMILIES = [
    ("9102110000", "手表", 15.0, 0.1),
    ("7117190000", "手链", 2.5, 0.03),
    ("4202210000", "女式手提包", 13.0, 0.6),
    ("9004100000", "太阳镜", 3.0, 0.05),
    ("8518300000", "无线耳机", 10.0, 0.05),
    ("6404199000", "运动鞋", 14.0, 0.9),
    ("6109100000", "T恤", 4.0, 0.2),
]
SELLERS = ["individual", "other"]
DESTS = ["US", "BR", "ES", "FR", "DE", "GB", "AU", "IL", "PL", "CA"]


def _parcel(i, *, date, office, mode, ttype, dest, lines, trade="cross_border_ecommerce", code="9610", trader=None):
    """A parcel posted at `office` by a sender of the office's province."""
    return declaration(
        f"PP{i:04d}",
        date=date,
        office=office,
        mode=mode,
        trade=trade,
        trader=trader or f"ESELLER-{i}",
        ttype=ttype,
        region=SENDER_REGION[office],
        dest=dest,
        lines=lines,
        unit="PCS",
        trade_mode_code=code,
        n_containers=0,
    )


def _line(goods, qty, brand="", price=1.0):
    """`qty` pieces of `goods` at `price` times their usual price, weighing what they weigh."""
    hs, desc, usd, kg = goods
    return (hs, desc, brand, qty, round(qty * usd * price, 2), round(qty * kg, 3))


def _window_date(k: int) -> str:
    """A day of the CN-US joint operations (March and April 2016)."""
    return (dt.date(2016, 3, 1) + dt.timedelta(days=(k * 7) % 61)).isoformat()


def _outside_window(k: int) -> str:
    return (dt.date(2016, 5, 2) + dt.timedelta(days=(k * 5) % 200)).isoformat()


def test_tens_of_one_item_posted_to_the_us_during_the_joint_operations_are_flagged(profile):
    """C03: an individual or small seller posts tens of the same cap, jersey, T-shirt, pair of sneakers or
    sunglasses, unbranded, to the USA in March or April 2016; a person also by the thousand (Nanjing's
    6,302 glasses went by post)."""
    cases = []
    for i, (goods, qty, ttype, office, brand) in enumerate(
        itertools.product(US_OPERATION_GOODS, [40, 60, 99, 150, 6302], SELLERS, PARCEL_OFFICES[::2], NO_BRAND[:3])
    ):
        if i % 3 or (ttype == "other" and qty * goods[2] > 900):  # a firm's parcel, not a consolidation
            continue
        cases.append(
            _parcel(
                i,
                date=_window_date(i),
                office=office,
                mode=["postal", "express"][i % 2],
                ttype=ttype,
                dest="US",
                lines=[_line(goods, qty, brand, price=0.6 + 0.1 * (i % 4))],
                trade=["cross_border_ecommerce", "general"][i % 2],
                code=["9610", ""][i % 2],
            )
        )
    assert len(cases) >= 30
    assert not missed(profile, cases)


#: medicines and auto parts, the goods the CN-US operations named: (HS code, description, USD, kg a piece)
DANGEROUS_GOODS = [
    ("3004909099", "tablets", 1.5, 0.02),
    ("3004390000", "capsules", 2.0, 0.02),
    ("3003900000", "中成药", 3.0, 0.1),
    ("8708301000", "brake pads", 3.0, 0.9),
    ("8708999990", "汽车配件", 8.0, 0.5),
]


def test_medicines_and_auto_parts_posted_to_the_us_during_the_joint_operations_are_flagged(profile):
    """C03: ten packs of medicines or auto parts or more by post or express to the USA during the operations,
    from a person, a small seller or a trading company, by the tens or by the thousand."""
    cases = []
    for i, (goods, qty, ttype, office) in enumerate(
        itertools.product(DANGEROUS_GOODS, [12, 42, 2000], ["individual", "other", "trading_company"], PARCEL_OFFICES)
    ):
        if i % 2:
            continue
        cases.append(
            _parcel(
                100 + i,
                date=_window_date(i),
                office=office,
                mode=["express", "postal"][i % 3 % 2],
                ttype=ttype,
                dest="US",
                lines=[_line(goods, qty)],
                trade="general",
                code="",
            )
        )
    assert len(cases) >= 100
    assert not missed(profile, cases)


def test_a_few_packs_of_medicine_or_parts_for_ones_own_car_stay_green(profile):
    """A few packs of medicine for a relative, a part or a set for one's own car, posted by a person to the
    USA during the operations; medicines and parts by the tens outside the operations and to other
    countries (the quantity alone)."""
    cases = []
    for i, (goods, qty, dest, office) in enumerate(
        itertools.product(DANGEROUS_GOODS, [1, 2, 4, 6, 50], DESTS, PARCEL_OFFICES[::2])
    ):
        if qty >= 10 and dest == "US":
            continue
        cases.append(
            _parcel(
                700 + i,
                date=_window_date(i) if dest == "US" else _outside_window(i),
                office=office,
                mode=["postal", "express"][i % 2],
                ttype=["individual", "trading_company"][i % 2],
                dest=dest,
                lines=[_line(goods, qty)],
                trade="other" if i % 2 == 0 else "general",
                code="",
                trader=f"SENDER-{i}",
            )
        )
    assert len(cases) >= 150
    assert not flagged(profile, cases)


def _run_of_parcels(i, seller, office, *, last: dt.date, n=24, goods=SHOP_FAMILIES[5]):
    """`n` earlier e-commerce parcels of one seller over the 60 days before `last` (the 'ant moving' run)."""
    return [
        _parcel(
            9000 + 100 * i + k,
            date=(last - dt.timedelta(days=60 - (60 * k) // n)).isoformat(),
            office=office,
            mode="postal",
            ttype="individual",
            dest=DESTS[k % len(DESTS)],
            lines=[_line(goods, 2)],
            trader=seller,
        )
        for k in range(n)
    ]


def test_shop_assortments_from_sellers_with_a_run_of_parcels_are_flagged(profile):
    """C14: an online shop's retail parcel of watches, bracelets, handbags, sunglasses, earphones, sneakers or
    T-shirts (three families or more, a few of each, unbranded), from a seller who posted tens of parcels in
    the weeks before: the assortment and the seller's run are two indicators."""
    cases, history = [], []
    combos = list(itertools.combinations(range(len(SHOP_FAMILIES)), 3))
    for i, (combo, dest, ttype) in enumerate(itertools.product(combos[::3], DESTS[1:6], SELLERS)):
        date = dt.date(2016, 6, 1) + dt.timedelta(days=(i * 5) % 180)
        seller, office = f"HZ-SHOP-{i}", PARCEL_OFFICES[i % 8]
        lines = [_line(SHOP_FAMILIES[c], 1 + (i + j) % 5, NO_BRAND[(i + j) % 5]) for j, c in enumerate(combo)]
        cases.append(
            _parcel(
                3000 + i,
                date=date.isoformat(),
                office=office,
                mode=["postal", "express"][i % 2],
                ttype=ttype,
                dest=dest,
                lines=lines,
                trader=seller,
                trade=["cross_border_ecommerce", "general"][i % 3 % 2],  # 9610 under either
            )
        )
        history += _run_of_parcels(i, seller, office, last=date)
    assert len(cases) >= 40
    assert not missed(profile, cases, history)


def test_trade_quantities_from_sellers_with_a_run_of_parcels_are_flagged(profile):
    """C14 and C03: a new seller who posted tens of parcels in the weeks before now posts tens of one
    infringement-prone item, or ten packs of medicine or more, in one parcel, to any destination, outside the
    joint operations: the run and the quantity are two indicators."""
    cases, history = [], []
    goods = [(g[0], g[1], g[2], g[3]) for g in US_OPERATION_GOODS] + DANGEROUS_GOODS[:3]
    for i, (g, dest, qty) in enumerate(itertools.product(goods, DESTS[1:], [40, 80])):
        if g[0].startswith("300") and qty == 80:
            qty = 12
        date = dt.date(2016, 6, 1) + dt.timedelta(days=(i * 3) % 180)
        seller, office = f"NEW-SELLER-{i}", PARCEL_OFFICES[i % 8]
        cases.append(
            _parcel(
                3700 + i,
                date=date.isoformat(),
                office=office,
                mode=["postal", "express"][i % 2],
                ttype="individual",
                dest=dest,
                lines=[_line(g, qty, NO_BRAND[i % 5])],
                trader=seller,
            )
        )
        history += _run_of_parcels(i + 500, seller, office, last=date)
    assert len(cases) >= 100
    assert not missed(profile, cases, history)


def test_shop_assortments_with_tens_of_one_item_are_flagged_without_history(profile):
    """C14 and C03: an online shop's assortment parcel in which one of the items comes by the tens."""
    cases = []
    for i, (combo, dest) in enumerate(itertools.product(list(itertools.combinations(range(5), 3)), DESTS[1:])):
        if i % 3:
            continue
        qty = [2, 3, 40 + 10 * (i % 6)]
        lines = [_line(SHOP_FAMILIES[c], q, price=0.25) for c, q in zip(combo, qty, strict=True)]
        cases.append(
            _parcel(
                3500 + i,
                date=_outside_window(i),
                office=PARCEL_OFFICES[i % 8],
                mode=["express", "postal"][i % 2],
                ttype=SELLERS[i % 2],
                dest=dest,
                lines=lines,
            )
        )
    assert len(cases) >= 25
    assert not missed(profile, cases)


def test_personal_parcels_and_gifts_stay_green(profile):
    """A pair of shoes, a few garments, a watch, a gift of several kinds of goods, medicines for a relative,
    posted by a person, to any destination, also to the USA during the joint operations."""
    contents = [
        [("6404199000", "running shoes", "", 1, 45.0, 0.9)],
        [("6204430000", "dresses", "", 3, 60.0, 0.6), ("6109100000", "T-shirts", "", 2, 16.0, 0.4)],
        [("9102110000", "wrist watch", "", 1, 80.0, 0.1)],
        [
            ("6109100000", "T-shirt", "", 2, 12.0, 0.3),
            ("9503008900", "toy car", "", 1, 8.0, 0.3),
            ("6404199000", "children's shoes", "", 1, 20.0, 0.4),
            ("4202920000", "school bag", "", 1, 15.0, 0.5),
        ],
        [("6505009900", "caps", "", 2, 10.0, 0.2), ("9004100000", "sunglasses", "", 1, 12.0, 0.05)],
        [("3004909099", "中成药", "", 4, 30.0, 0.3)],
    ]
    cases = []
    for i, (lines, dest, office) in enumerate(itertools.product(contents, DESTS, PARCEL_OFFICES)):
        cases.append(
            _parcel(
                4000 + i,
                date=_window_date(i) if dest == "US" else _outside_window(i),
                office=office,
                mode=["postal", "express"][i % 2],
                ttype="individual",
                dest=dest,
                lines=lines,
                trade="other",
                code="",
                trader=f"PERSON-{i}",
            )
        )
    assert len(cases) >= 400
    assert not flagged(profile, cases)


def test_company_samples_stay_green(profile):
    """A trading company or manufacturer sends a buyer one or two samples of several kinds of goods by
    express, also to the USA during the joint operations."""
    cases = []
    combos = list(itertools.combinations(range(len(SHOP_FAMILIES)), 4))[::4]
    for i, (combo, dest, ttype) in enumerate(itertools.product(combos, DESTS, ["trading_company", "manufacturer"])):
        cases.append(
            _parcel(
                4500 + i,
                date=_window_date(i) if dest == "US" else _outside_window(i),
                office=PARCEL_OFFICES[i % 8],
                mode="express",
                ttype=ttype,
                dest=dest,
                lines=[_line(SHOP_FAMILIES[c], 1 + j % 2, price=2.0) for j, c in enumerate(combo)],
                trade="general",
                code="0110",
                trader=f"SAMPLES-CO-{i}",
            )
        )
    assert len(cases) >= 40
    assert not flagged(profile, cases)


def test_retail_orders_and_single_goods_sellers_with_a_run_of_parcels_stay_green(profile):
    """An online shop of one kind of goods posting one to twelve pieces a parcel, tens of parcels a month, to
    many destinations, also to the USA during the joint operations (the run of parcels alone), and a shop's
    assortment parcel from a seller without such a run (the assortment alone)."""
    cases, history = [], []
    for i, (goods, dest, ttype) in enumerate(itertools.product(SHOP_FAMILIES, DESTS, SELLERS)):
        date = dt.date.fromisoformat(_window_date(i) if dest == "US" else _outside_window(i))
        seller, office = f"ONE-GOODS-SHOP-{i}", PARCEL_OFFICES[i % 8]
        cases.append(
            _parcel(
                5000 + i,
                date=date.isoformat(),
                office=office,
                mode=["postal", "express"][i % 2],
                ttype=ttype,
                dest=dest,
                lines=[_line(goods, 1 + i % 12)],
                trader=seller,
            )
        )
        history += _run_of_parcels(i, seller, office, last=date, goods=goods)
    combos = list(itertools.combinations(range(len(SHOP_FAMILIES)), 3))
    for i, (combo, dest) in enumerate(itertools.product(combos[::2], DESTS[1:])):
        lines = [_line(SHOP_FAMILIES[c], 1 + (i + j) % 3) for j, c in enumerate(combo)]
        cases.append(
            _parcel(
                5500 + i,
                date=_outside_window(i),
                office=PARCEL_OFFICES[i % 8],
                mode=["postal", "express"][i % 2],
                ttype=SELLERS[i % 2],
                dest=dest,
                lines=lines,
            )
        )
    assert len(cases) >= 200
    assert not flagged(profile, cases, history)


def test_consolidated_ecommerce_shipments_stay_green(profile):
    """Consolidated cross-border e-commerce shipments (9610, 9710, 9810) of many buyers' orders: several
    families of consumer goods by the hundred, thousands of USD, by post, express or air, also to the USA
    during the joint operations, lodged by trading companies and logistics firms (a platform lodging them
    in the window is TRADER-003's and CAMP-003's question, not the parcel rules')."""
    cases = []
    combos = list(itertools.combinations(range(len(SHOP_FAMILIES)), 4))[::5]
    for i, (combo, dest, code, ttype) in enumerate(
        itertools.product(combos, DESTS[:6], ["9610", "9710", "9810"], ["trading_company", "other"])
    ):
        if i % 2:
            continue
        cases.append(
            _parcel(
                6000 + i,
                date=_window_date(i) if dest == "US" else _outside_window(i),
                office=PARCEL_OFFICES[i % 8],
                mode=["postal", "express", "air"][i % 3],
                ttype=ttype,
                dest=dest,
                lines=[_line(SHOP_FAMILIES[c], 200 + 150 * j, price=0.7) for j, c in enumerate(combo)],
                code=code,
                trader=f"CONSOLIDATOR-{i}",
            )
        )
    assert len(cases) >= 40
    assert not flagged(profile, cases)
