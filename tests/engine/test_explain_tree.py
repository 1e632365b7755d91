"""`explain` evaluates each rule's tree per line with every leaf in its place, whatever `all`/`any` skip."""

from riskprofile.engine.explain import explain
from riskprofile.engine.profile import Profile
from riskprofile.model.rules import ProfileConfig, Rule
from riskprofile.testing.builders import declaration
from riskprofile.testing.strategies import sample_lists


def _rule(when: dict) -> Rule:
    return Rule.model_validate(
        {"id": "R1", "title": "t", "family": "goods", "weight": 50, "when": when, "rationale": "r", "references": ["x"]}
    )


def _profile(when: dict) -> Profile:
    return Profile(
        config=ProfileConfig(name="p", lanes={"yellow": 40, "red": 70}), rules=[_rule(when)], lists=sample_lists()
    )


# An `all` that stops at its first leaf, followed by a leaf that holds: the line fires through the last branch.
SHORT_CIRCUIT = {
    "any": [
        {"all": [{"trader_type": {"eq": "manufacturer"}}, {"transport_mode": {"eq": "air"}}]},
        {"direction": {"eq": "export"}},
    ]
}


def test_a_rule_firing_after_a_skipped_branch_names_its_lines():
    decls = [declaration("D1", lines=[("6404190000", "casual shoes", "NO BRAND", 10, 50, 8)] * 2)]
    e = explain(_profile(SHORT_CIRCUIT), "D1", decls)
    (fired,) = e.fired
    assert fired.lines == [1, 2]
    assert fired.values["direction"] == "export"


def test_near_miss_names_the_leaf_after_a_skipped_branch():
    when = {
        "any": [
            {"all": [{"trader_type": {"eq": "manufacturer"}}, {"transport_mode": {"eq": "air"}}]},
            {"all": [{"direction": {"eq": "export"}}, {"transport_mode": {"eq": "rail"}}]},
        ]
    }
    decls = [declaration("D1", lines=[("6404190000", "casual shoes", "NO BRAND", 10, 50, 8)])]
    e = explain(_profile(when), "D1", decls)
    assert e.fired == []
    (miss,) = e.near_misses
    assert "rail" in miss.failed
