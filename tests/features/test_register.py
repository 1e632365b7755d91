"""The recordation register as the brand features read it: group companies and licensees, abbreviations,
part matches on the mark's own goods, validity, patents, pre-confirmations."""

from riskprofile.features.brand import MarkMatcher
from riskprofile.model.lists import NamedList
from riskprofile.testing.builders import prepared_lines

REGISTER = {
    "name": "recorded_marks",
    "kind": "marks",
    "items": [
        {
            "mark": "TEXAS INSTRUMENTS",
            "aliases": ["德州仪器"],
            "abbreviations": ["TI"],
            "goods": ["8542"],
            "holder_id": "TI-US",
            "group_ids": ["TI-SC-PLANT"],
            "licensee_ids": ["DIST-SZ-TI"],
            "valid_from": "2010-01-01",
            "valid_to": "2019-12-31",
        },
        {"mark": "HEAD", "goods": ["9506"], "in_description": False, "holder_id": "HEAD-AT"},
        {"mark": "PEAK", "aliases": ["匹克"], "goods": ["64"], "in_description": False, "holder_id": "FJ-PEAK-01"},
        {"mark": "INMOTION", "right": "patent", "goods": ["8711"], "holder_id": "GD-INMOTION-01"},
        {"mark": "OLDMARK", "goods": ["64"], "valid_from": "2004-01-01", "valid_to": "2013-12-31"},
        {"mark": "NIKE", "goods": ["64"], "holder_id": "NIKE-CN-01"},
        {"mark": "TRI-CIRCLE", "aliases": ["SANHUAN"], "goods": ["8301"], "holder_id": "SD-TRICIRCLE-01"},
    ],
}
PRECONFIRMED = {
    "name": "preconfirmations",
    "kind": "preconfirmations",
    "items": [
        {
            "trader_id": "OEM-7",
            "mark": "NIKE",
            "order_ref": "NK-1",
            "goods": ["64"],
            "valid_from": "2016-01-01",
            "valid_to": "2016-12-31",
        },
        {"trader_id": "OEM-8", "mark": "NIKE", "valid_from": "2016-01-01", "valid_to": "2016-06-30"},
    ],
}


def _lists(with_pre: bool = True) -> dict[str, NamedList]:
    out = {"recorded_marks": NamedList.model_validate(REGISTER)}
    if with_pre:
        out["preconfirmations"] = NamedList.model_validate(PRECONFIRMED)
    return out


def _lines(rows, lists=None):
    feats = {"any_mark", "brand_exact", "mark_authorised", "mark_preconfirmed"}
    base = dict(declared_at="2016-05-01", direction="export", trader_id="X-1", declarant_id="X-1", description="goods")
    return sorted(prepared_lines(rows, feats, lists or _lists(), **base), key=lambda r: r["decl_id"])


def test_an_abbreviation_is_the_mark_only_as_the_whole_brand_on_its_goods():
    rows = _lines(
        [
            {"brand": "TI", "hs_code": "8542330000"},
            {"brand": "TI", "hs_code": "6403990000"},
            {"brand": "TI POWER", "hs_code": "8542330000"},
        ]
    )
    assert [(r["any_mark"], r["brand_exact"]) for r in rows] == [
        ("TEXAS INSTRUMENTS", True),
        (None, False),
        (None, False),
    ]


def test_a_mark_a_word_of_the_brand_or_a_chinese_alias_inside_it_count_only_on_the_marks_goods():
    rows = _lines(
        [
            {"brand": "RED HEAD", "hs_code": "3605000000"},  # matches, not a racket
            {"brand": "HEAD PRO", "hs_code": "9506590000"},
            {"brand": "GOLDEN PEAK", "hs_code": "4011100000"},  # tyres
            {"brand": "匹克运动", "hs_code": "6404190000"},
            {"brand": "PEAK", "hs_code": "6404190000"},  # the whole brand on its goods
            {"brand": "PEAK", "hs_code": "4011100000"},  # the whole brand outside them is not the recordation
        ]
    )
    assert [r["any_mark"] for r in rows] == [None, "HEAD", None, "PEAK", "PEAK", None]


def test_holder_group_companies_and_licensees_are_authorised_others_are_not():
    rows = _lines(
        [
            {"brand": "TEXAS INSTRUMENTS", "hs_code": "8542330000", "trader_id": t, "declarant_id": t}
            for t in ["TI-US", "TI-SC-PLANT", "DIST-SZ-TI", "GD-SZ-TRADE-9"]
        ]
    )
    assert [r["mark_authorised"] for r in rows] == [True, True, True, False]


def test_a_recordation_out_of_force_matches_nothing():
    rows = _lines(
        [
            {"brand": "OLDMARK", "hs_code": "6403990000"},
            {"brand": "TI", "hs_code": "8542330000", "declared_at": "2021-03-01"},
            {"brand": "TI", "hs_code": "8542330000", "declared_at": "2016-03-01"},
        ]
    )
    assert [r["any_mark"] for r in rows] == [None, None, "TEXAS INSTRUMENTS"]


def test_a_look_alike_spelling_resembles_a_trademark_not_a_patent_holders_name():
    matcher = MarkMatcher.from_items(NamedList.model_validate(REGISTER).items)
    assert matcher.match("YKMOTION") == (None, False)
    assert matcher.match("INMOTION") == ("INMOTION", True)


def test_a_preconfirmed_order_is_authorised_for_that_mark_order_goods_and_window():
    shoes = {"brand": "NIKE", "hs_code": "6403990000"}
    rows = _lines(
        [
            {**shoes, "trader_id": "OEM-7", "declarant_id": "OEM-7", "order_ref": "NK-1"},
            {**shoes, "trader_id": "OEM-7", "declarant_id": "OEM-7", "order_ref": "NK-2"},
            {**shoes, "trader_id": "OEM-8", "declarant_id": "OEM-8", "order_ref": None},
            {**shoes, "trader_id": "OEM-8", "declarant_id": "OEM-8", "order_ref": None, "declared_at": "2016-09-01"},
        ]
    )
    assert [(r["mark_preconfirmed"], r["mark_authorised"]) for r in rows] == [
        (True, True),
        (False, False),
        (True, True),
        (False, False),
    ]
    without = _lines([{**shoes, "trader_id": "OEM-8", "declarant_id": "OEM-8"}], _lists(with_pre=False))
    assert without[0]["mark_authorised"] is False


def test_the_shipped_register_knows_scripts_abbreviations_and_hundreds_of_marks():
    from pathlib import Path

    from riskprofile.loader.profile import load_list_file

    root = Path(__file__).resolve().parents[2] / "rules" / "lists"
    nl, findings = load_list_file(root / "recorded_marks.yaml")
    assert findings == [] and nl is not None
    assert len({it.mark for it in nl.items}) >= 300
    assert all(it.recordation and it.valid_to and it.goods and it.parties for it in nl.items)
    matcher = MarkMatcher.from_items(nl.items)
    assert matcher.match("壳牌")[0] == "SHELL" and matcher.match("美孚")[0] == "MOBIL"
    assert matcher.match("耐克")[0] == "NIKE" and matcher.abbreviation("TI") == "TEXAS INSTRUMENTS"


def test_a_look_alike_spelling_counts_only_on_the_marks_goods():
    rows = _lines(
        [
            {"brand": "TRI-CYIRCELE", "hs_code": "8301100000"},
            {"brand": "SANHUA", "hs_code": "8481804090"},  # refrigeration valves of another maker
            {"brand": "SANHUA", "hs_code": "8301100000"},
        ]
    )
    assert [(r["any_mark"], r["brand_exact"]) for r in rows] == [
        ("TRI-CIRCLE", False),
        (None, False),
        ("TRI-CIRCLE", False),
    ]


def test_goods_of_a_province_where_the_holder_makes_them_are_at_home():
    register = {
        "name": "recorded_marks",
        "kind": "marks",
        "items": [
            {"mark": "TRI-CIRCLE", "goods": ["8301"], "holder_id": "SD-TRICIRCLE-01", "regions": ["CN-SD"]},
            {"mark": "NIKE", "goods": ["64"], "holder_id": "NIKE-CN-01"},
        ],
    }
    base = dict(declared_at="2016-05-01", direction="export", trader_id="X-1", declarant_id="X-1", description="goods")
    rows = [
        {"brand": "TRI-CIRCLE", "hs_code": "8301100000", "goods_source_region": "CN-SD", "trader_region": "CN-ZJ"},
        {"brand": "TRI-CIRCLE", "hs_code": "8301100000", "goods_source_region": "CN-ZJ", "trader_region": "CN-SD"},
        {"brand": "TRI-CIRCLE", "hs_code": "8301100000", "goods_source_region": None, "trader_region": "CN-SD"},
        {"brand": "TRI-CIRCLE", "hs_code": "8301100000", "goods_source_region": None, "trader_region": None},
        {"brand": "NIKE", "hs_code": "6404190000", "goods_source_region": "CN-FJ", "trader_region": "CN-FJ"},
        {"brand": "", "hs_code": "6404190000", "goods_source_region": "CN-SD", "trader_region": "CN-SD"},
    ]
    lists = {"recorded_marks": NamedList.model_validate(register)}
    got = sorted(prepared_lines(rows, {"mark_home_region"}, lists, **base), key=lambda r: r["decl_id"])
    assert [r["mark_home_region"] for r in got] == [True, False, True, None, None, None]


def test_the_whole_brand_counts_on_its_goods_by_code_or_by_the_goods_the_description_names():
    """ALLSTAR basketballs are not the ALL STAR shoes; PRADA handbags declared as paper bags still are."""
    register = {
        "name": "recorded_marks",
        "kind": "marks",
        "items": [
            {"mark": "ALL STAR", "aliases": ["ALLSTAR"], "goods": ["64"], "holder_id": "NIKE-CN-01"},
            {"mark": "PRADA", "goods": ["42"], "holder_id": "PRADA-CN-01"},
            {"mark": "ANYGOODS", "holder_id": "ANY-01"},
        ],
    }
    keywords = {"name": "hs_keywords", "kind": "hs_keywords", "items": [{"heading": "4202", "keywords": ["handbags"]}]}
    lists = {"recorded_marks": NamedList.model_validate(register), "hs_keywords": NamedList.model_validate(keywords)}
    rows = [
        {"brand": "ALLSTAR", "hs_code": "6404190000", "description": "canvas shoes"},
        {"brand": "ALLSTAR", "hs_code": "9506620000", "description": "basketballs"},
        {"brand": "PRADA", "hs_code": "4819400000", "description": "handbags"},
        {"brand": "PRADA", "hs_code": "4819400000", "description": "paper sacks"},
        {"brand": "ANYGOODS", "hs_code": "9506620000", "description": "basketballs"},
    ]
    base = dict(declared_at="2016-05-01", direction="export", trader_id="X-1", declarant_id="X-1")
    got = sorted(prepared_lines(rows, {"any_mark"}, lists, **base), key=lambda r: r["decl_id"])
    assert [r["any_mark"] for r in got] == ["ALL STAR", None, "PRADA", None, "ANYGOODS"]


def test_a_party_named_for_the_mark_or_the_holders_companies_is_the_holders_own():
    """By the trader's name (a `trader_name` column), the producer's id, or a group company's or licensee's name."""
    register = {
        "name": "recorded_marks",
        "kind": "marks",
        "items": [
            {
                "mark": "SINGER",
                "goods": ["8452"],
                "holder_id": "SINGER-CN-01",
                "group_ids": ["SINGER-ZJ-PLANT"],
                "group_names": ["SVP WORLDWIDE"],
            }
        ],
    }
    lists = {"recorded_marks": NamedList.model_validate(register)}
    base = dict(declared_at="2016-05-01", direction="export", brand="SINGER", hs_code="8452100000", description="x")
    rows = [
        {"trader_id": "3333943850", "declarant_id": "3333943850", "trader_name": "SINGER (CHINA) CO"},
        {"trader_id": "3333943851", "declarant_id": "3333943851", "trader_name": "SVP Worldwide (Suzhou) Ltd"},
        {"trader_id": "3333943852", "declarant_id": "3333943852", "trader_name": "宏丰有限公司"},
        {"trader_id": "3333943853", "declarant_id": "3333943853", "producer_id": "singer-zj-plant"},
        {"trader_id": "3333943854", "declarant_id": "3333943854", "producer_id": "ZJ-JINYUN-9"},
    ]
    got = sorted(prepared_lines(rows, {"mark_authorised"}, lists, **base), key=lambda r: r["decl_id"])
    assert [r["mark_authorised"] for r in got] == [True, True, False, True, False]


def test_a_licensee_or_group_company_as_consignee_is_the_holders_side():
    register = {
        "name": "recorded_marks",
        "kind": "marks",
        "items": [
            {
                "mark": "NBA",
                "goods": ["65"],
                "holder": "NBA Properties Inc.",
                "holder_id": "NBA-CN-01",
                "licensee_names": ["NEW ERA CAP"],
                "group_names": ["NBA CHINA"],
            }
        ],
    }
    lists = {"recorded_marks": NamedList.model_validate(register)}
    base = dict(declared_at="2016-05-01", direction="export", brand="NBA", hs_code="6505009900", description="caps")
    parties = ["New Era Cap Co., Inc.", "NBA China Ltd", "NBA Properties Inc.", "BEST CAPS LLC", None]
    rows = [{"trader_id": "F-1", "declarant_id": "F-1", "overseas_party": p} for p in parties]
    got = sorted(prepared_lines(rows, {"consignee_is_holder"}, lists, **base), key=lambda r: r["decl_id"])
    assert [r["consignee_is_holder"] for r in got] == [True, True, True, False, None]


def test_processing_trade_by_mode_or_by_code():
    base = dict(declared_at="2016-05-01", direction="export", brand="", hs_code="8452100000", description="x")
    rows = [
        {"trade_mode": "processing", "trade_mode_code": None},
        {"trade_mode": "general", "trade_mode_code": "0615"},
        {"trade_mode": "general", "trade_mode_code": "0214"},
        {"trade_mode": "general", "trade_mode_code": "0110"},
        {"trade_mode": "general", "trade_mode_code": None},
    ]
    got = sorted(prepared_lines(rows, {"processing_trade"}, _lists(), **base), key=lambda r: r["decl_id"])
    assert [r["processing_trade"] for r in got] == [True, True, True, False, False]


def test_a_holders_name_is_its_first_two_words_without_legal_forms():
    from riskprofile.features.text import holder_core

    assert holder_core("Robert Bosch GmbH") == "ROBERTBOSCH"
    assert holder_core("The Procter & Gamble Company") == "PROCTERGAMBLE"
    assert holder_core("Luxottica Group S.p.A.") == "LUXOTTICA"
    assert holder_core("Xiaomi Inc.") == "XIAOMI"
    # a common first word alone, a short name or a Chinese name is no key
    assert holder_core("Kia Motors Corporation") == "KIAMOTORS"
    assert holder_core("LG Corp.") == "" and holder_core(None) == ""
    assert holder_core("烟台三环锁业集团有限公司 (Yantai Tri-Circle Lock Group)") == ""


def test_a_consignee_sharing_only_a_common_word_with_the_holder_is_not_the_holder():
    register = {
        "name": "recorded_marks",
        "kind": "marks",
        "items": [
            {"mark": "KYB", "goods": ["8708"], "holder": "KYB Corporation", "holder_id": "KYB-CN-01"},
            {"mark": "CHANGHONG", "goods": ["8528"], "holder": "Sichuan Changhong Electric Co.", "holder_id": "SC-CH"},
        ],
    }
    lists = {"recorded_marks": NamedList.model_validate(register)}
    base = dict(declared_at="2016-05-01", direction="export", trader_id="F-1", declarant_id="F-1", description="x")
    rows = [
        {"brand": "KYB", "hs_code": "8708801000", "overseas_party": "ACME AUTO PARTS CORPORATION"},
        {"brand": "CHANGHONG", "hs_code": "8528721100", "overseas_party": "SICHUAN TRADING FZE"},
        {"brand": "CHANGHONG", "hs_code": "8528721100", "overseas_party": "Sichuan Changhong Electric (HK) Ltd"},
    ]
    got = sorted(prepared_lines(rows, {"consignee_is_holder"}, lists, **base), key=lambda r: r["decl_id"])
    assert [r["consignee_is_holder"] for r in got] == [False, False, True]


def test_made_for_holder_is_shipping_to_the_marks_side_or_processing_trade_by_a_maker_outside_parcels():
    register = {
        "name": "recorded_marks",
        "kind": "marks",
        "items": [{"mark": "NBA", "goods": ["65"], "holder_id": "NBA-CN-01", "licensee_names": ["NEW ERA CAP"]}],
    }
    lists = {"recorded_marks": NamedList.model_validate(register)}
    base = dict(declared_at="2016-05-01", direction="export", trader_id="F-1", declarant_id="F-1", hs_code="6505009900")
    rows = [
        {"brand": "NBA", "overseas_party": "NEW ERA CAP CO", "transport_mode": "sea", "trader_type": "trading_company"},
        {"brand": "NBA", "overseas_party": "NEW ERA CAP CO", "transport_mode": "postal", "trader_type": "manufacturer"},
        {"brand": "NBA", "trade_mode_code": "0615", "transport_mode": "sea", "trader_type": "manufacturer"},
        {"brand": "NBA", "trade_mode_code": "0615", "transport_mode": "sea", "trader_type": "trading_company"},
        {"brand": "NBA", "overseas_party": "BEST CAPS LLC", "transport_mode": "sea", "trader_type": "manufacturer"},
        {"brand": "", "overseas_party": "NEW ERA CAP CO", "transport_mode": "sea", "trader_type": "manufacturer"},
    ]
    got = sorted(prepared_lines(rows, {"made_for_holder"}, lists, **base), key=lambda r: r["decl_id"])
    assert [r["made_for_holder"] for r in got] == [True, False, True, False, False, None]
