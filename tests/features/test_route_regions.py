"""Where the trader is against where the goods come from (regions: neighbours, zone), and offices written
with or without 海关."""

from riskprofile.io.normalise import alias_table
from riskprofile.model.lists import NamedList
from riskprofile.testing.builders import prepared_lines
from riskprofile.testing.strategies import sample_lists


def _lists():
    lists = sample_lists()
    lists["regions"] = NamedList.model_validate(
        {
            "name": "regions",
            "kind": "regions",
            "items": [
                {"code": "CN-GD", "zone": "south", "neighbours": ["CN-HN"], "usual_offices": ["CNSZX"]},
                {"code": "CN-FJ", "zone": "south", "usual_offices": ["CNSHA"]},
                {"code": "CN-HN", "zone": "middle", "neighbours": ["CN-GD"], "usual_offices": ["CNSZX"]},
                {"code": "CN-CQ", "zone": "west", "usual_offices": ["CNSZX"]},
                {"code": "CN-ZJ", "usual_offices": ["CNNGB", "CNSHA"]},
            ],
        }
    )
    return lists


def test_trader_goods_apart_neither_same_nor_bordering_nor_one_zone():
    rows = prepared_lines(
        [
            {"trader_region": "CN-CQ"},  # another zone, not bordering: apart
            {"trader_region": "CN-HN"},  # another zone but bordering
            {"trader_region": "CN-FJ"},  # same zone
            {"trader_region": "CN-GD"},  # same province
            {"trader_region": "CN-ZJ"},  # no zone, not bordering: apart
            {"trader_region": "CN-XX"},  # unlisted: unknown
            {"trader_region": "CN-CQ", "goods_source_region": None},
        ],
        {"trader_goods_apart", "trader_goods_same_region"},
        _lists(),
        declared_at="2016-03-10",
        direction="export",
        customs_office="CNSZX",
        hs_code="6404190000",
        goods_source_region="CN-GD",
    )
    assert [r["trader_goods_apart"] for r in rows] == [True, False, False, False, True, None, None]
    assert [r["trader_goods_same_region"] for r in rows] == [False, False, False, True, False, False, None]


def test_an_office_resolves_with_or_without_customs_suffix():
    offices = NamedList.model_validate(
        {
            "name": "offices",
            "kind": "offices",
            "items": [
                {"code": "CNGYR", "aliases": ["普兰", "吉隆海关"], "province": "CN-XZ"},
                {"code": "CNSHA", "aliases": ["外高桥港区", "上海海关"], "province": "CN-SH"},
                {"code": "CNPEK", "aliases": ["北京"], "province": "CN-BJ"},
            ],
        }
    )
    table = alias_table(offices)
    assert table["普兰海关"] == table["吉隆"] == "CNGYR"
    assert table["外高桥港区海关"] == "CNSHA"
    # written aliases win over a derived one: 北京 is Beijing Capital Airport, not 上海 (上海海关 stripped)
    assert table["北京海关"] == "CNPEK" and table["上海"] == "CNSHA"
    assert "海关" not in table


def test_shipped_regions_border_each_other_both_ways():
    from pathlib import Path

    from riskprofile import load_profile

    profile = load_profile(Path(__file__).resolve().parents[2] / "rules" / "profile.yaml")
    regions = {r.code: r for r in profile.lists["regions"].items}
    for code, r in regions.items():
        assert r.zone, code
        for n in r.neighbours:
            assert code in regions[n].neighbours, (code, n)


def test_high_risk_goods_away_from_their_provinces_office():
    rows = prepared_lines(
        [
            {"customs_office": "CNSHA"},  # Zhejiang padlocks (Ningbo's goods) in Shanghai: away
            {"customs_office": "Beilun"},  # at Ningbo itself
            {"customs_office": "CNSHA", "hs_code": "6404190000"},  # not a listed goods
            {"customs_office": "CNSHA", "goods_source_region": "CN-GD"},  # Guangdong's padlocks: no office lists them
            {"customs_office": "UNKNOWN PORT"},  # an unrecognised office: unknown
            {"customs_office": "CNSHA", "goods_source_region": None},
        ],
        {"high_risk_goods_away"},
        declared_at="2016-03-10",
        direction="export",
        hs_code="8301100000",
        goods_source_region="CN-ZJ",
    )
    assert [r["high_risk_goods_away"] for r in rows] == [True, False, False, False, None, None]


def test_no_brand_written_in_both_scripts_or_as_a_no_name():
    brands = [
        "无品牌 NO BRAND",
        "NO BRAND/无品牌",
        "无品牌（NO BRAND）",
        "No Name",
        "没有品牌",
        "",
        "NANO",
        "NONA",
        "CONVERSE",
    ]
    rows = prepared_lines(
        [{"brand": b} for b in brands],
        {"no_brand"},
        declared_at="2016-03-10",
        direction="export",
        customs_office="CNSZX",
        hs_code="6404190000",
    )
    assert [r["no_brand"] for r in rows] == [True, True, True, True, True, True, False, False, False]
