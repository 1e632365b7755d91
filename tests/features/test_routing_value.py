from riskprofile.testing.builders import prepared_lines


def _lines(rows, features):
    return prepared_lines(
        rows, features, declared_at="2016-03-10", direction="export", hs_code="8301400000", goods_source_region="CN-ZJ"
    )


def test_port_switch_needs_a_known_region_and_a_listed_office():
    rows = _lines(
        [
            {"customs_office": "Beilun"},
            {"customs_office": "CNSZX"},
            {"customs_office": "UNKNOWN PORT"},
            {"customs_office": "CNSZX", "goods_source_region": "CN-XX"},
        ],
        {"port_switch", "office_high_risk_goods"},
    )
    assert [r["port_switch"] for r in rows] == [False, True, None, None]
    assert [r["office_high_risk_goods"] for r in rows] == [True, False, False, False]


def test_reference_value_ratio_on_the_references_basis():
    rows = _lines(
        [
            {"hs_code": "2710199100", "value": "500", "currency": "CNY", "net_mass_kg": "100", "quantity": "4"},
            {"hs_code": "8301400000", "value": "60", "currency": "USD", "quantity": "100", "net_mass_kg": "20"},
        ],
        {"ref_value_ratio", "kg_per_unit"},
    )
    # 500 CNY = 75 USD over 100 kg = 0.75 USD/kg against 2.5 USD/kg; 60 USD over 100 units against 1.2 USD/unit
    assert [round(r["ref_value_ratio"], 4) for r in rows] == [0.3, 0.5]
    assert [r["ref_basis"] for r in rows] == ["kg", "unit"]
    assert [r["kg_per_unit"] for r in rows] == [25.0, 0.2]


def test_campaign_window_and_destination():
    rows = _lines(
        [
            {"destination_country": "US"},
            {"destination_country": "US", "declared_at": "2016-05-02"},
            {"destination_country": "MX"},
        ],
        {"campaign", "campaigns"},
    )
    assert [r["campaign"] for r in rows] == ["us-joint", None, None]
    assert [r["campaigns"] for r in rows] == ["us-joint", None, None]


def test_declaration_value_does_not_depend_on_how_its_lines_lie_in_the_input():
    """A float sum's last bit follows how polars adds the terms up, which follows the layout of the input:
    a declaration's lines alone, or with another declaration's line between them."""
    lines = [("3078", "CNY"), ("51", "USD"), ("63", "CNY")]
    own = [{"decl_id": "D", "value": v, "currency": c, "quantity": "1"} for v, c in lines]
    other = {"decl_id": "E", "value": "7", "currency": "USD", "quantity": "1"}
    totals = set()
    for rows in (own, [other, *own], [own[0], other, *own[1:]], [*own[:2], other, own[2]]):
        totals |= {r["decl_value_usd"] for r in _lines(rows, {"decl_value_usd"}) if r["decl_id"] == "D"}
    assert len(totals) == 1
