from riskprofile.testing.builders import prepared_lines


def _lines(rows, features):
    return prepared_lines(rows, features, declared_at="2016-06-16", direction="export")


def test_description_naming_another_headings_goods_is_a_mismatch():
    rows = _lines(
        [
            {"decl_id": "A", "hs_code": "3926909000", "description": "ladies handbags"},  # handbags under plastics
            {"decl_id": "B", "hs_code": "4202210000", "description": "Ladies Handbags"},  # right heading
            {"decl_id": "C", "hs_code": "6404190000", "description": "casual shoes"},  # chapter-level keyword
            {"decl_id": "D", "hs_code": "3926909000", "description": "plastic articles"},  # names nothing listed
        ],
        {"desc_hs_mismatch", "desc_heading"},
    )
    assert [(r["desc_heading"], r["desc_hs_mismatch"]) for r in rows] == [
        ("4202", True),
        ("4202", False),
        ("64", False),
        (None, False),
    ]


def test_mixed_loading_counts_lines_chapters_and_headings_per_declaration():
    rows = _lines(
        [
            {"decl_id": "M", "hs_code": "6404190000"},
            {"decl_id": "M", "hs_code": "6403990000"},
            {"decl_id": "M", "hs_code": "4202210000"},
            {"decl_id": "S", "hs_code": "8301400000"},
        ],
        {"n_lines", "n_chapters", "n_headings"},
    )
    assert [(r["decl_id"], r["n_lines"], r["n_chapters"], r["n_headings"]) for r in rows] == [
        ("M", 3, 2, 3),
        ("M", 3, 2, 3),
        ("M", 3, 2, 3),
        ("S", 1, 1, 1),
    ]


def test_a_whole_word_names_goods_only_as_the_whole_description():
    from riskprofile.model.lists import NamedList
    from riskprofile.testing.strategies import sample_lists

    keywords = NamedList.model_validate(
        {
            "name": "hs_keywords",
            "kind": "hs_keywords",
            "items": [
                {"heading": "4202", "keywords": ["handbags", "背包"], "whole": ["包", "包包"]},
                {"heading": "64", "keywords": ["shoes"]},
            ],
        }
    )
    rows = prepared_lines(
        [
            {"hs_code": "4819400000", "description": "包"},  # a bag under paper sacks
            {"hs_code": "4819400000", "description": " 包包 "},
            {"hs_code": "4202920000", "description": "包"},  # a bag where bags belong
            {"hs_code": "1905901000", "description": "面包"},  # bread
            {"hs_code": "4819100000", "description": "包装盒"},  # packing boxes
            {"hs_code": "6404190000", "description": "包"},  # the whole word first: 4202, not 64
            {"hs_code": "3926909000", "description": "双肩背包"},  # a keyword inside a description still counts
        ],
        {"desc_hs_mismatch", "desc_heading"},
        {**sample_lists(), "hs_keywords": keywords},
        declared_at="2016-06-16",
        direction="export",
    )
    assert [(r["desc_heading"], r["desc_hs_mismatch"]) for r in rows] == [
        ("4202", True),
        ("4202", True),
        ("4202", False),
        (None, False),
        (None, False),
        ("4202", True),
        ("4202", True),
    ]
