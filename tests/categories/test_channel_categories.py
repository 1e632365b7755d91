"""Channels that are not port switching (issue 16): a parcel is posted where its sender is, and a platform's
consolidated e-commerce load gathers clients' goods; neither is the platform or port-drift pattern. Drawn over
offices, goods, source regions and days of the CN-US joint operations, when exports to the US weigh more."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from riskprofile import load_profile
from riskprofile.testing.builders import declaration

PROFILE = Path(__file__).resolve().parents[2] / "rules" / "profile.yaml"
#: offices far from the goods' source regions below (Guangdong, Zhuhai, Shanghai, Beijing, Xiamen posts)
OFFICES = ["广州邮办海关", "CNZUH", "上海邮局海关", "Beijing Capital Airport", "CNXMN"]
SOURCES = ["CN-ZJ", "CN-JS", "CN-SC", "CN-HB", "CN-FJ"]
DAYS = ["2016-03-08", "2016-03-29", "2016-04-12", "2016-04-27"]
#: one person's things: a pair of shoes, a jacket, a bag, a few T-shirts (HS, description, qty, USD, kg, unit)
PERSONAL = [
    ("6404199000", "sports shoes", 1, 40, 0.9, "PAIR"),
    ("6201930000", "jacket", 1, 35, 1.1, "PCS"),
    ("4202220000", "handbag", 1, 30, 0.6, "PCS"),
    ("6109100021", "T-shirts", 3, 18, 0.6, "PCS"),
]
#: a platform's clients' goods in one consolidated e-commerce load, one line of genuinely cheap goods
CONSOLIDATED = [
    ("6404199000", "sports shoes", "NO BRAND", 300, 2400, 270, "PAIR"),
    ("8518300000", "earphones", "", 500, 500, 40, "PCS"),  # 1 USD a pair: cheap wired earphones
    ("6204430000", "dresses", "无品牌", 400, 2400, 120, "PCS"),
    ("4202920000", "backpacks", "N/M", 200, 1400, 120, "PCS"),
]


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


def test_personal_parcels_posted_away_from_the_goods_region_stay_green(profile):
    decls = [
        declaration(
            f"P{i:03d}",
            date=day,
            office=office,
            mode=mode,
            trader=f"PERSON-{i:03d}",
            ttype="individual",
            region=source,
            dest="US",
            lines=[(hs, desc, "", qty, usd, kg, unit)],
        )
        for i, (office, source, day, mode, (hs, desc, qty, usd, kg, unit)) in enumerate(
            itertools.product(OFFICES, SOURCES, DAYS, ["postal", "express"], PERSONAL)
        )
    ]
    res = profile.score(decls).declarations
    assert "ROUTE-001" not in set(res["rules"].explode().drop_nulls())
    assert res.filter(res["lane"] != "green").height == 0


def test_platform_consolidations_of_consumer_goods_stay_green_and_ordinary_platform_exports_are_read(profile):
    def load(i, trade, code, office, source, day):
        return declaration(
            f"C{i:03d}",
            date=day,
            office=office,
            mode="air",
            trade=trade,
            trader=f"PLATFORM-{i % 7}",
            ttype="trade_service_platform",
            region=source,
            dest="US",
            lines=CONSOLIDATED,
            trade_mode_code=code,
        )

    surfaces = list(itertools.product(["CNSZX", "CNHGH", "CNNGB", "CNCAN"], SOURCES, DAYS))
    consolidated = [load(i, "cross_border_ecommerce", "9610", *s) for i, s in enumerate(surfaces)]
    res = profile.score(consolidated).declarations
    assert res.filter(res["lane"] != "green").height == 0
    general = [load(i, "general", "0110", *s) for i, s in enumerate(surfaces)]
    fired = profile.score(general).declarations["rules"]
    assert all("TRADER-003" in r for r in fired.to_list())
