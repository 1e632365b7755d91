"""riskprofile.testing.builders: declarations with every header column, lines prepared for features."""

from riskprofile import Declaration
from riskprofile.model.declaration import REQUIRED_COLUMNS
from riskprofile.testing.builders import declaration, prepared_lines


def test_a_declaration_has_every_required_column_and_validates():
    d = declaration(
        "K1",
        direction="import",
        origin="DE",
        lines=[("2710199100", "lubricating oil", "SHELL", 200, 900, 180), {"hs_code": "8301100000", "unit": "SET"}],
        container_no="MSKU1",
    )
    flat = {k for k in d if k != "lines"} | set(d["lines"][0])
    assert set(REQUIRED_COLUMNS) <= flat
    assert d["departure_country"] == "DE" and d["goods_source_region"] == d["trader_region"]
    assert d["lines"][0]["brand"] == "SHELL" and d["lines"][0]["unit"] == "PCS" and d["lines"][1]["unit"] == "SET"
    model = Declaration.model_validate(d)
    assert model.decl_id == "K1" and len(model.lines) == 2
    assert declaration("K2", lines=[("6404190000",)])["departure_country"] == "CN"  # an export leaves China


def test_prepared_lines_keep_the_rows_order_and_name_each_row():
    rows = prepared_lines(
        [{"customs_office": "CNSZX"}, {"customs_office": "Beilun", "decl_id": "B"}],
        {"port_switch"},
        declared_at="2016-03-10",
        direction="export",
        hs_code="8301400000",
        goods_source_region="CN-ZJ",
    )
    assert [(r["decl_id"], r["customs_office"], r["port_switch"]) for r in rows] == [
        ("0", "CNSZX", True),
        ("B", "CNNGB", False),
    ]
