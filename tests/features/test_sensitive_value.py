"""The infringement-prone part of a load as a whole: its share of the declared value and its price against
the reference values (declared value over value at the references), per declaration."""

from __future__ import annotations

import pytest

from riskprofile.model.lists import NamedList
from riskprofile.testing.builders import prepared_lines
from riskprofile.testing.strategies import sample_lists

FEATURES = {"sensitive_value_share", "sensitive_ref_value_ratio", "n_sensitive_chapters"}


def _lists(sensitive=("64", "4202", "6109")):
    lists = sample_lists()
    lists["ip_sensitive_goods"] = NamedList.model_validate(
        {"name": "ip_sensitive_goods", "kind": "prefix_set", "items": list(sensitive)}
    )
    lists["reference_values"] = NamedList.model_validate(
        {
            "name": "reference_values",
            "kind": "reference_values",
            "items": [
                {"heading": "6404", "usd": 5.0, "per": "unit"},
                {"heading": "4202", "usd": 4.0, "per": "unit"},
                {"heading": "6907", "usd": 0.4, "per": "kg"},
                {"heading": "6109", "usd": 2.0, "per": "kg"},
            ],
        }
    )
    return lists


def _lines(rows, lists=None):
    return prepared_lines(
        rows, FEATURES, lists if lists is not None else _lists(), declared_at="2016-08-05", direction="export"
    )


def _by_decl(rows):
    return {r["decl_id"]: (r["sensitive_value_share"], r["sensitive_ref_value_ratio"]) for r in rows}


def test_share_and_price_of_the_sensitive_part_as_a_whole():
    rows = _lines(
        [
            # shoes at 2.5 of 5.0 (1000 of 2000 at the reference), bags at 4.0 of 4.0 (400 of 400), tiles 600
            {"decl_id": "B", "hs_code": "6404190000", "quantity": 400, "value": 1000, "net_mass_kg": 300},
            {"decl_id": "B", "hs_code": "4202920000", "quantity": 100, "value": 400, "net_mass_kg": 70},
            {"decl_id": "B", "hs_code": "6907210000", "quantity": 1500, "value": 600, "net_mass_kg": 1500},
        ]
    )
    share, ratio = _by_decl(rows)["B"]
    assert share == pytest.approx(1400 / 2000)
    # value-weighted, not the median of the lines: 1400 declared over 2400 at the references
    assert ratio == pytest.approx(1400 / 2400)
    assert {r["n_sensitive_chapters"] for r in rows} == {2}


def test_reference_on_a_kg_basis_prices_the_line_by_its_mass():
    # T-shirts: 300 USD for 200 kg against 2.0 USD/kg -> worth 400 at the reference
    rows = _lines([{"decl_id": "T", "hs_code": "6109100000", "quantity": 1000, "value": 300, "net_mass_kg": 200}])
    assert _by_decl(rows)["T"] == (pytest.approx(1.0), pytest.approx(0.75))


def test_lines_without_a_reference_count_in_the_share_but_not_in_the_price():
    rows = _lines(
        [
            {"decl_id": "P", "hs_code": "6404190000", "quantity": 100, "value": 250, "net_mass_kg": 80},
            {"decl_id": "P", "hs_code": "6403990000", "quantity": 100, "value": 750, "net_mass_kg": 90},  # no 6403 ref
        ]
    )
    # 6403 has no reference: the price reads the 6404 line alone (250 of 500)
    assert _by_decl(rows)["P"] == (pytest.approx(1.0), pytest.approx(0.5))


def test_declarations_without_sensitive_or_priced_lines_have_no_ratio():
    rows = _lines(
        [
            {"decl_id": "N", "hs_code": "6907210000", "quantity": 100, "value": 40, "net_mass_kg": 100},
            {"decl_id": "Z", "hs_code": "6404190000", "quantity": 10, "value": 0, "net_mass_kg": 8},
            {"decl_id": "Z", "hs_code": "6907210000", "quantity": 10, "value": 0, "net_mass_kg": 10},
        ]
    )
    got = _by_decl(rows)
    assert got["N"] == (0.0, None)
    # nothing declared: no share and no price (a zero value has no ratio to its reference)
    assert got["Z"] == (None, None)


def test_each_declaration_is_its_own_load():
    rows = _lines(
        [
            {"decl_id": "A", "hs_code": "6404190000", "quantity": 100, "value": 100, "net_mass_kg": 80},
            {"decl_id": "B", "hs_code": "6404190000", "quantity": 100, "value": 500, "net_mass_kg": 80},
            {"decl_id": "B", "hs_code": "6907210000", "quantity": 1000, "value": 500, "net_mass_kg": 1000},
        ]
    )
    got = _by_decl(rows)
    assert got["A"] == (pytest.approx(1.0), pytest.approx(0.2))
    assert got["B"] == (pytest.approx(0.5), pytest.approx(1.0))


def test_without_the_sensitive_list_the_features_are_null():
    lists = _lists()
    del lists["ip_sensitive_goods"]
    rows = _lines([{"hs_code": "6404190000", "quantity": 100, "value": 100, "net_mass_kg": 80}], lists)
    assert _by_decl(rows)["0"] == (None, None)
