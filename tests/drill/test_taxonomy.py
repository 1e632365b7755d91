from riskprofile.drill import taxonomy


def test_aliases_and_unknown_ids():
    assert taxonomy.canonical("Port-Drift") == "port_switch"
    assert taxonomy.canonical("look-alike") == "lookalike_mark"
    assert taxonomy.canonical("tipoff") == "tip_off"
    assert taxonomy.canonical("something_new") == "something_new"  # kept, not dropped
    assert taxonomy.choices(["something_new"])[-1] == "something_new"
    for ind in taxonomy.INDICATORS:
        assert ind.en and ind.zh and ind.families and taxonomy.short(ind.id, "zh")


def test_rule_to_indicators():
    f = taxonomy.indicators_for_rule
    assert f("ROUTE-001", "routing", {"port_switch": True}) == ["port_switch"]
    # generic fields count only for indicators of the rule's own family
    assert f("CAMP-004", "campaign", {"campaign": "x", "hs_code": "8452"}) == ["campaign"]
    assert "postal_express" in f("R", "routing", {"transport_mode": "postal"})
    assert "postal_express" not in f("R", "routing", {"transport_mode": "sea"})
    assert f("INTEL-X", "intel", {"trader_id": "A"}, forced=True) == ["targeting_instruction"]
    assert f("INTEL-C06-TIP", "intel", {"trader_id": "A"}, forced=True, title="Rights-holder tip-off") == [
        "targeting_instruction",
        "tip_off",
    ]
    # membership of a named list is specific whatever the field or family
    assert f("BRAND-002", "brand", {"hs_code": "2710"}, list_tests=["health_safety_goods"]) == ["sensitive_goods"]
    assert f("B", "brand", {}, tags=["recorded-mark"]) == ["recorded_mark"]


def test_shipped_scenarios_use_taxonomy_ids():

    from riskprofile.drill.scenarios import load_scenarios

    from .conftest import SHIPPED_SCENARIOS

    scenarios, problems = load_scenarios(SHIPPED_SCENARIOS)
    assert scenarios, "the shipped scenarios must load"
    assert not problems
    unknown = {
        (s.id, i)
        for s in scenarios
        for i in [*s.indicators, *(j for c in s.controls for j in c.indicators)]
        if i not in taxonomy.BY_ID
    }
    assert not unknown
