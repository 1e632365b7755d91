"""Rule files: model -> YAML -> model round trip; fuzzed YAML only ever yields coded findings."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from riskprofile.findings import CODES
from riskprofile.loader.profile import load_rule_file
from riskprofile.model.conditions import to_mapping
from riskprofile.model.rules import Rule, RuleFile
from riskprofile.testing import strategies as rps
from riskprofile.yamlio import dump_yaml, parse_yaml, plain


def _fields():
    from riskprofile.features.registry import field_types

    return field_types()


@given(rps.rules())
def test_rule_round_trips_through_yaml(rule):
    text = dump_yaml({"rules": [rule.model_dump(mode="json", exclude_none=True)]})
    again = RuleFile.model_validate(plain(parse_yaml(text))).rules[0]
    assert again.model_dump(mode="json") == rule.model_dump(mode="json")
    assert to_mapping(again.when).keys() == to_mapping(rule.when).keys()


_yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-200, 200),
    st.floats(allow_nan=False, width=32),
    st.text(max_size=12),
    st.sampled_from(["eq", "in", "all", "any", "not", "weight", "lane", "red", "2016-13-45", "[", "{", ":", "- x"]),
)
_yaml_values = st.recursive(
    _yaml_scalars,
    lambda c: (
        st.lists(c, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "weight",
                    "when",
                    "all",
                    "any",
                    "not",
                    "hs_code",
                    "brand",
                    "eq",
                    "in",
                    "between",
                    "regex",
                    "lane",
                    "valid_from",
                    "valid_to",
                    "applies_to",
                    "zzz",
                    "in_list",
                    "like_brand",
                ]
            ),
            c,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(st.one_of(_yaml_values.map(lambda v: dump_yaml({"rules": [v]})), st.text(max_size=200)))
def test_fuzzed_rule_yaml_never_crashes_the_loader(tmp_path_factory, text):
    path = Path(tmp_path_factory.mktemp("fuzz")) / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    rules, findings = load_rule_file(path, _fields(), rps.sample_lists(), {}, None)
    for f in findings:
        assert f.code in CODES
        assert f.file == str(path)
    assert all(isinstance(r, Rule) for r in rules)
