"""Finding codes as an enum, and the one translation of pydantic errors into located findings."""

import json
import re

from pydantic import BaseModel, ConfigDict, ValidationError

from riskprofile.findings import CODES, Code, Collector, Finding, findings_from_validation, suggest
from riskprofile.model import conditions
from riskprofile.model.check import check_rule_node
from riskprofile.yamlio import parse_yaml


def test_codes_are_unique_stable_and_carry_severity_and_hint():
    assert len({c.value for c in Code}) == len(Code)
    for c in Code:
        assert re.fullmatch(r"RP\d{3}", c.value)
        assert c.severity == ("warning" if c.value >= "RP100" else "error")
        assert c.hint.endswith(".") and c.slug
        assert CODES[c.value] == (c.severity, c.slug, c.hint)


def test_a_finding_takes_its_code_as_text_and_prints_it_as_text():
    f = Finding("RP003", "r.yaml", 3, 5, "A-1", "unknown field `x`")
    assert f.code is Code.UNKNOWN_FIELD and f.severity == "error"
    out = json.loads(json.dumps(f.to_json()))
    assert out["code"] == "RP003" and out["hint"] == Code.UNKNOWN_FIELD.hint


class _Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    why: str


class _Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    inner: list[_Inner]


def test_findings_from_validation_locates_and_words_each_error():
    text = "name: x\nnmae: y\ninner:\n  - {colour: red}\n"
    root = parse_yaml(text)
    col = Collector("f.yaml", root)
    try:
        _Outer.model_validate(dict(root))
    except ValidationError as e:
        findings_from_validation(e, col, data=root, known_keys=["name", "inner", "why"])
    got = {(f.code, f.line, f.message, f.hint) for f in col.findings}
    assert (Code.BAD_SHAPE, 2, "unknown key `nmae`", "Did you mean `name`?") in got
    assert (Code.BAD_SHAPE, 4, "missing required key `why` in `inner.0`", None) in got
    assert any(m == "unknown key `colour` in `inner.0`" for _, _, m, _ in got)


def test_suggest_offers_the_closest_option_only_when_close():
    assert suggest("hs_cod", ["hs_code", "brand"]) == "Did you mean `hs_code`?"
    assert suggest("zzz", ["hs_code", "brand"]) is None


def test_a_rule_is_checked_around_its_parsed_condition():
    fields = {"hs_code": "str", "value_usd": "float", "decl_id": "str"}
    good = parse_yaml(
        "id: A-1\ntitle: t\nweight: 10\nwhen: {hs_code: {prefix: '8301'}}\nrationale: r\nreferences: [C04]\n"
    )
    col = Collector("r.yaml", good)
    rule = check_rule_node(good, col, fields, {}, (), None)
    assert col.findings == [] and rule is not None
    assert rule.when == conditions.Test("hs_code", "prefix", "8301", ("when", "hs_code", "prefix"))

    bad = parse_yaml("id: A-2\ntitle: t\nweight: 250\nwhen: {hs_cod: {eq: '1'}}\nrationale: r\nreferences: [C04]\n")
    col = Collector("r.yaml", bad)
    assert check_rule_node(bad, col, fields, {}, (), None) is None
    assert sorted((f.code.value, f.line) for f in col.findings) == [("RP003", 4), ("RP011", 3)]
