"""The sensitive part of a load, aggregated over its lines, matches a brute-force sum per declaration
whatever the lines, their order and the other declarations in the batch: the share lies in [0, 1], the
price is declared value over value at the references of the priced infringement-prone lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.model.lists import NamedList
from riskprofile.testing.builders import prepared_lines
from riskprofile.testing.strategies import sample_lists

SENSITIVE = ("64", "4202")
#: HS code -> (reference USD, basis) or None when it has no reference
CODES = {
    "6404190000": (5.0, "unit"),
    "6403990000": None,
    "4202920000": (4.0, "unit"),
    "6907210000": (0.4, "kg"),
    "8301400000": (1.2, "unit"),
}


def _lists():
    lists = sample_lists()
    lists["ip_sensitive_goods"] = NamedList.model_validate(
        {"name": "ip_sensitive_goods", "kind": "prefix_set", "items": list(SENSITIVE)}
    )
    lists["reference_values"] = NamedList.model_validate(
        {
            "name": "reference_values",
            "kind": "reference_values",
            "items": [{"heading": c[:4], "usd": r[0], "per": r[1]} for c, r in CODES.items() if r],
        }
    )
    return lists


LISTS = _lists()

rows = st.lists(
    st.fixed_dictionaries(
        {
            "decl_id": st.sampled_from(["A", "B", "C"]),
            "hs_code": st.sampled_from(sorted(CODES)),
            "quantity": st.one_of(st.none(), st.sampled_from([0.0, 1.0, 40.0, 1000.0])),
            "value": st.one_of(st.none(), st.sampled_from([0.0, 3.0, 250.0, 9000.0])),
            "net_mass_kg": st.one_of(st.none(), st.sampled_from([0.0, 0.5, 120.0])),
        }
    ),
    min_size=1,
    max_size=12,
)


def _expected(lines: list[dict], decl: str) -> tuple[float | None, float | None]:
    mine = [r for r in lines if r["decl_id"] == decl]
    total = sensitive = declared = at_reference = 0.0
    for r in mine:
        v = r["value"]
        if v is None or v < 0:
            continue
        total += v
        if not r["hs_code"].startswith(SENSITIVE):
            continue
        sensitive += v
        ref = CODES[r["hs_code"]]
        basis = r["net_mass_kg"] if ref and ref[1] == "kg" else r["quantity"]
        if ref and basis and v > 0:  # a zero or missing basis or value has no ratio to the reference
            declared += v
            at_reference += ref[0] * basis
    return (sensitive / total if total > 0 else None, declared / at_reference if at_reference > 0 else None)


@given(rows)
def test_sensitive_value_features_match_a_brute_force_sum_per_declaration(rs):
    got = prepared_lines(
        rs, {"sensitive_value_share", "sensitive_ref_value_ratio"}, LISTS, declared_at="2016-08-05", direction="export"
    )
    for line in got:
        share, ratio = _expected(rs, line["decl_id"])
        assert line["sensitive_value_share"] == (pytest.approx(share) if share is not None else None)
        assert line["sensitive_ref_value_ratio"] == (pytest.approx(ratio) if ratio is not None else None)
        if share is not None:
            assert 0.0 <= line["sensitive_value_share"] <= 1.0 + 1e-9
