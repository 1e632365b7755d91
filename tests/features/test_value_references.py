"""Reference values and masses of the described goods: prefix, description keywords, excludes, units."""

import pytest
from pydantic import ValidationError

from riskprofile.model.lists import NamedList, ReferenceValueItem
from riskprofile.testing.builders import prepared_lines
from riskprofile.testing.strategies import sample_lists

FEATURES = {"ref_value_usd", "ref_code", "ref_value_ratio", "unit_mass_fits", "kg_per_unit_low", "mass_ref"}


def _refs(*items):
    return {
        **sample_lists(),
        "reference_values": NamedList.model_validate(
            {"name": "reference_values", "kind": "reference_values", "items": list(items)}
        ),
    }


def _lines(rows, lists, **base):
    return prepared_lines(rows, FEATURES, lists, declared_at="2016-03-10", direction="export", currency="USD", **base)


OILS = _refs(
    {"heading": "27101991", "usd": 3.0, "per": "kg", "excludes": ["base oil"]},
    {"heading": "27101993", "usd": 0.8, "per": "kg"},
    {
        "heading": "2710",
        "usd": 2.0,
        "per": "kg",
        "keywords": ["engine oil", "润滑油"],
        "excludes": ["base oil", "基础油", "fuel oil"],
    },
)


def test_a_short_code_finds_the_reference_of_the_goods_its_description_names():
    rows = _lines(
        [
            {"hs_code": "271019", "description": "ENGINE OIL 5W-30"},
            {"hs_code": "271019", "description": "汽车发动机润滑油 4L"},
            {"hs_code": "271019", "description": "fuel oil 180cst"},
            {"hs_code": "271019", "description": "润滑油基础油 SN150"},
            {"hs_code": "271019", "description": "machine oil"},
        ],
        OILS,
    )
    assert [r["ref_value_usd"] for r in rows] == [2.0, 2.0, None, None, None]
    assert [r["ref_code"] for r in rows] == ["2710", "2710", None, None, None]


def test_keyword_references_come_before_longer_prefixes_and_excludes_apply_per_reference():
    rows = _lines(
        [
            {"hs_code": "2710199100", "description": "engine oil"},  # the keyword reference
            {"hs_code": "2710199100", "description": "lubricants"},  # no keyword: the subheading
            {"hs_code": "2710199100", "description": "base oil"},  # excluded by both
            {"hs_code": "2710199300", "description": "base oil"},  # the base-oil subheading excludes nothing
            {"hs_code": "2710199100", "description": None},  # no description: only references without keywords
        ],
        OILS,
    )
    assert [r["ref_value_usd"] for r in rows] == [2.0, 3.0, None, 0.8, 3.0]


def test_the_first_listed_wins_among_references_of_one_prefix_length():
    lists = _refs(
        {"heading": "64", "usd": 0.7, "per": "unit", "keywords": ["slippers"]},
        {"heading": "64", "usd": 9.0, "per": "unit", "keywords": ["shoes", "slippers"]},
        {"heading": "6402", "usd": 3.0, "per": "unit"},
    )
    rows = _lines(
        [{"hs_code": "6402999000", "description": d} for d in ("EVA slippers", "slippers shoes", "shoes", "sandals")],
        lists,
    )
    assert [r["ref_value_usd"] for r in rows] == [0.7, 0.7, 9.0, 3.0]


def test_value_and_mass_are_chosen_separately_and_a_missing_mass_falls_back_to_a_wider_prefix():
    lists = _refs(
        {"heading": "62", "kg_per_unit": [0.1, 1.6], "keywords": ["jacket", "棉服"]},
        {"heading": "6201", "usd": 12.0, "per": "unit", "kg_per_unit": [0.4, 2.5]},
        {"heading": "620130", "usd": 10.0, "per": "unit"},
        {"heading": "62", "kg_per_unit": [0.005, 2.5]},
    )
    rows = _lines(
        [
            {"hs_code": "6201301000", "description": "男式棉服", "quantity": 100, "net_mass_kg": 185, "value": 950},
            {"hs_code": "6201301000", "description": "overcoat", "quantity": 100, "net_mass_kg": 185, "value": 950},
            {
                "hs_code": "6203420000",
                "description": "men's trousers",
                "quantity": 100,
                "net_mass_kg": 185,
                "value": 950,
            },
        ],
        lists,
    )
    assert [r["ref_value_usd"] for r in rows] == [10.0, 10.0, None]
    assert [r["mass_ref"] for r in rows] == ["62 jacket", "6201", "62"]
    # 1.85 kg a piece: too heavy for a jacket, usual for a coat of 6201 and for chapter 62
    assert [r["unit_mass_fits"] for r in rows] == [False, True, True]


def test_a_quantity_given_as_a_mass_has_no_unit_value_or_mass_per_piece_to_compare():
    lists = _refs(
        {"heading": "6109", "usd": 2.0, "per": "unit", "kg_per_unit": [0.08, 0.5]},
        {"heading": "2710", "usd": 2.0, "per": "kg"},
    )
    rows = _lines(
        [
            {"hs_code": "6109100000", "quantity": 500, "unit": "KG", "net_mass_kg": 500, "value": 400},
            {"hs_code": "6109100000", "quantity": 500, "unit": "千克", "net_mass_kg": 500, "value": 400},
            {"hs_code": "6109100000", "quantity": 500, "unit": "PCS", "net_mass_kg": 500, "value": 400},
            {"hs_code": "2710199100", "quantity": 500, "unit": "KGM", "net_mass_kg": 500, "value": 400},
        ],
        lists,
    )
    assert [r["ref_value_ratio"] for r in rows] == [None, None, 0.4, 0.4]
    assert [r["unit_mass_fits"] for r in rows] == [None, None, False, None]


def test_a_reference_gives_a_value_or_a_mass_range():
    with pytest.raises(ValidationError, match="usd"):
        ReferenceValueItem.model_validate({"heading": "62", "keywords": ["jacket"]})
    assert ReferenceValueItem.model_validate({"heading": "62", "kg_per_unit": [0.1, 1.6]}).usd is None
