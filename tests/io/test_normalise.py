import polars as pl

from riskprofile.io.normalise import normalise
from riskprofile.testing.strategies import sample_lists


def _raw(**cols):
    n = len(next(iter(cols.values())))
    return pl.DataFrame(cols).with_columns(pl.lit("f.csv").alias("_file"), pl.int_range(1, n + 1).alias("_row"))


def test_rows_in_equals_kept_plus_rejected_with_reasons():
    raw = _raw(
        decl_id=["a", "b", "c", "d"],
        declared_at=["2016-03-01", "2016/03/02", "x", "20160304"],
        direction=["export", "E", "sideways", "进口"],
        hs_code=["8452.29.00", "30389", "12", "640399"],
        value=["10", "-1", "z", "5"],
        currency=["USD", "XXX", "USD", "CNY"],
        customs_office=["Beilun", "cnsha", "CNSZX", "ningbo"],
    )
    kept, rejects = normalise(raw, sample_lists())
    assert kept.height + rejects.height == raw.height
    assert kept["decl_id"].to_list() == ["a", "d"]
    assert kept["direction"].to_list() == ["export", "import"]
    assert kept["hs_code"].to_list() == ["84522900", "640399"]
    assert kept["customs_office"].to_list() == ["CNNGB", "CNNGB"]
    assert kept["value_usd"].to_list() == [10.0, 0.75]
    reasons = dict(zip(rejects["row"].to_list(), rejects["reason"].to_list(), strict=False))
    assert "negative" in reasons[2] and "unknown currency 'XXX'" in reasons[2]
    assert all(k in reasons[3] for k in ("direction 'sideways'", "declared_at 'x'", "hs_code '12'", "value 'z'"))


def test_odd_length_hs_code_gets_its_leading_zero_back():
    kept, _ = normalise(_raw(decl_id=["a"], declared_at=["2016-01-01"], direction=["import"], hs_code=["30389"]), {})
    assert kept["hs_code"].to_list() == ["030389"]


def test_office_and_region_names_resolve_through_aliases_and_their_longest_listed_prefix():
    raw = _raw(
        decl_id=["a", "b", "c"],
        declared_at=["2016-01-01"] * 3,
        direction=["export"] * 3,
        hs_code=["640419"] * 3,
        customs_office=["Beilun", "Shenzhen Yantian Terminal 2", "Nowhere Port"],
        goods_source_region=["Zhejiang Province", "CN-GD", "Atlantis"],
    )
    kept, _ = normalise(raw, sample_lists())
    assert kept["customs_office"].to_list() == ["CNNGB", "CNSZX", "NOWHERE PORT"]
    assert kept["goods_source_region"].to_list() == ["CN-ZJ", "CN-GD", "ATLANTIS"]


def test_shipped_offices_resolve_locodes_customs_codes_sub_offices_and_chinese_names():
    from pathlib import Path

    from riskprofile.loader.profile import load_list_file

    offices, _ = load_list_file(Path(__file__).resolve().parents[2] / "rules" / "lists" / "offices.yaml")
    written = [
        "CNSHA",
        "2248",
        "YANGSHAN",
        "洋山海关",
        "CNNGB",
        "3104",
        "BEILUN",
        "北仑海关",
        "SHEKOU",
        "5304",
        "蛇口海关",
        "CN-NGB",
        "2233",
        "CNYIW",
        "新港海关",
        "洋山港区(2248)",
        "(3104)北仑海关",
        "SHANGHAI, CHINA",
    ]
    expected = (
        ["CNSHA"] * 4 + ["CNNGB"] * 4 + ["CNSZX"] * 3 + ["CNNGB", "CNPVG", "CNHGH", "CNTSN", "CNSHA", "CNNGB", "CNSHA"]
    )
    n = len(written)
    raw = _raw(
        decl_id=[str(i) for i in range(n)],
        declared_at=["2016-03-01"] * n,
        direction=["export"] * n,
        hs_code=["640399"] * n,
        customs_office=written,
    )
    kept, _ = normalise(raw, {"offices": offices})
    assert kept["customs_office"].to_list() == expected


def _shipped_regions():
    from pathlib import Path

    from riskprofile.loader.profile import load_list_file

    regions, _ = load_list_file(Path(__file__).resolve().parents[2] / "rules" / "lists" / "regions.yaml")
    return regions


def test_shipped_regions_resolve_abbreviations_cities_and_division_codes():
    written = {
        "浙": "CN-ZJ",
        "渝": "CN-CQ",
        "皖": "CN-AH",
        "丽水": "CN-ZJ",
        "Lishui": "CN-ZJ",
        "浙江丽水": "CN-ZJ",
        "浙江省丽水市": "CN-ZJ",
        "蚌埠市": "CN-AH",
        "BENGBU CITY": "CN-AH",
        "晋江": "CN-FJ",
        "宁德": "CN-FJ",
        "宁夏回族自治区": "CN-NX",
        "330200": "CN-ZJ",
        "33079": "CN-ZJ",
        "4403": "CN-GD",
        "500000": "CN-CQ",
        "宁某县": "宁某县",
        "990000": "990000",
    }
    n = len(written)
    raw = _raw(
        decl_id=[str(i) for i in range(n)],
        declared_at=["2016-03-01"] * n,
        direction=["export"] * n,
        hs_code=["640399"] * n,
        trader_region=list(written),
    )
    kept, _ = normalise(raw, {"regions": _shipped_regions()})
    assert dict(zip(written, kept["trader_region"].to_list(), strict=True)) == written


def test_no_city_or_abbreviation_of_the_shipped_regions_names_two_provinces():
    seen: dict[str, str] = {}
    for item in _shipped_regions().items:
        for name in [item.code, item.name, item.name_zh, *item.aliases, *item.abbreviations, *item.cities]:
            key = " ".join(str(name).upper().split())
            assert seen.setdefault(key, item.code) == item.code, f"{name}: {seen[key]} and {item.code}"


def test_one_kept_line_of_a_declaration_with_a_rejected_line_is_rejected_too():
    from riskprofile.io.normalise import whole_declarations

    raw = _raw(
        decl_id=["a", "a"],
        declared_at=["2016-03-01", "2016-03-01"],
        direction=["export", "export"],
        hs_code=["8452290000", "12"],
    )
    kept, rejects = whole_declarations(*normalise(raw, sample_lists()))
    assert kept.height == 0 and rejects["row"].to_list() == [2, 1]
    assert "has a rejected line (f.csv:2)" in rejects["reason"][1]
    kept, rejects = whole_declarations(*normalise(raw.head(1), sample_lists()))
    assert kept["decl_id"].to_list() == ["a"] and rejects.height == 0
