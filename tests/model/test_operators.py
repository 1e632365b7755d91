"""One operator registry: every operator table agrees, and each builder agrees with the reference oracle."""

import datetime as dt

import polars as pl
import pytest

from riskprofile.bench import SQL_OPERATORS
from riskprofile.engine.compile import CompileContext, compile_test
from riskprofile.features.context import FeatureContext
from riskprofile.loader.schema import json_schema
from riskprofile.model.conditions import Test
from riskprofile.model.lists import NamedList
from riskprofile.model.operators import OPERATORS, operators_hint
from riskprofile.testing.reference import REFERENCE_OPERATORS, eval_test


def test_every_operator_table_names_the_same_operators():
    names = list(OPERATORS)
    assert set(REFERENCE_OPERATORS) == set(names)
    assert set(SQL_OPERATORS) == set(names)
    field_test = json_schema("rules")["$defs"]["FieldTest"]["properties"]
    assert list(field_test) == names
    assert operators_hint() == "Operators: " + " ".join(names) + "."


def test_the_schema_takes_list_names_for_in_list():
    schema = json_schema("rules", ["hs_high_risk"])["$defs"]["FieldTest"]["properties"]
    assert schema["in_list"] == {"enum": ["hs_high_risk"]}
    assert schema["between"] == {"type": "array", "minItems": 2, "maxItems": 2}
    assert schema["missing"] == {"type": "boolean"}


LISTS = {
    "heads": NamedList.model_validate({"name": "heads", "kind": "prefix_set", "items": ["8301", "64"]}),
    "offices": NamedList.model_validate({"name": "offices", "kind": "set", "items": ["CNNGB", "CNSZX"]}),
}
FIELDS = {"s": "str", "x": "float", "d": "date"}
ROWS = [
    {"s": "830140", "x": 1.5, "d": dt.date(2016, 3, 1)},
    {"s": "CNNGB", "x": 10.0, "d": dt.date(2016, 5, 1)},
    {"s": "", "x": None, "d": None},
    {"s": None, "x": -3.0, "d": dt.date(2015, 12, 31)},
    {"s": "Padlock 64", "x": 0.0, "d": dt.date(2016, 1, 1)},
]
CASES = [
    ("s", "eq", "CNNGB"),
    ("s", "ne", "CNNGB"),
    ("s", "in", ["CNNGB", "830140"]),
    ("s", "prefix", ["83", "Pad"]),
    ("s", "contains", "PADLOCK"),
    ("s", "regex", "^[0-9]+$"),
    ("x", "lt", 1.5),
    ("x", "le", 1.5),
    ("x", "gt", 0),
    ("x", "ge", 0),
    ("d", "between", ["2016-01-01", "2016-03-31"]),
    ("s", "in_list", "heads"),
    ("s", "in_list", "offices"),
    ("s", "missing", True),
    ("x", "missing", False),
]


@pytest.mark.parametrize(("field", "op", "value"), CASES, ids=[f"{f}-{o}-{v}" for f, o, v in CASES])
def test_each_builder_agrees_with_the_reference_evaluator(field, op, value):
    frame = pl.DataFrame(ROWS, schema={"s": pl.String, "x": pl.Float64, "d": pl.Date})
    test = Test(field, op, value)
    compiled = frame.select(compile_test(test, CompileContext(FIELDS, LISTS)).alias("hit"))["hit"].to_list()
    ctx = FeatureContext.__new__(FeatureContext)
    expected = [eval_test(test, row, FIELDS[field], LISTS, ctx) for row in ROWS]
    assert compiled == expected
    assert any(expected) and not all(expected)  # each case separates the rows


def test_operators_cover_every_case_above():
    assert {op for _, op, _ in CASES} == set(OPERATORS) - {"like_brand"}
