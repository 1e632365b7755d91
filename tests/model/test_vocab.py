"""The vocabulary is spelt once: models, simulator and generator take it from `model.vocab`."""

import math

from riskprofile.fmt import NO_VALUE, num, pct
from riskprofile.model.declaration import DECLARATION_SCHEMA, OPTIONAL_SCHEMA, Declaration
from riskprofile.model.rules import AppliesTo
from riskprofile.model.vocab import CHANNELS, ENUMS, LANE_RANK, LANES, TRANSPORT_MODES
from riskprofile.simulate.params import MODES
from riskprofile.simulate.traffic import DESIGN_COLUMNS


def test_simulator_columns_are_the_declaration_columns():
    assert [c for c in DESIGN_COLUMNS if c in DECLARATION_SCHEMA] == list(DECLARATION_SCHEMA)
    assert len(DECLARATION_SCHEMA) == 24
    assert set(DESIGN_COLUMNS) <= set(DECLARATION_SCHEMA) | set(OPTIONAL_SCHEMA)  # optional ones only else


def test_models_take_their_closed_values_from_the_vocabulary():
    schema = Declaration.model_json_schema()["properties"]
    for column, values in ENUMS.items():
        spec = schema[column]
        enum = spec["enum"] if "enum" in spec else next(a["enum"] for a in spec["anyOf"] if "enum" in a)
        assert tuple(enum) == values
    assert AppliesTo(transport_mode=list(TRANSPORT_MODES)).transport_mode == list(TRANSPORT_MODES)


def test_channels_are_the_modes_goods_travel_by():
    assert MODES == CHANNELS == tuple(m for m in TRANSPORT_MODES if m != "other")
    assert [LANE_RANK[lane] for lane in LANES] == [0, 1, 2]


def test_one_rendering_of_no_value():
    assert pct(0.1234) == "12.3%" and pct(0.5, 0) == "50%" and pct(0.00123, 2) == "0.12%"
    assert pct(None) == pct(math.nan) == num(None) == NO_VALUE
    assert num(3.14159, ".2f") == "3.14"
