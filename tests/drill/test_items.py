from riskprofile.drill.items import select


def test_select_by_scenario_and_family(fix_scenarios, fix_profile):
    scen = list(fix_scenarios.values())
    assert [s.id for s in select(scen, ["f07"])] == ["F07"]
    assert {s.id for s in select(scen, family="routing", profile=fix_profile)} == {"F04"}
    assert {s.id for s in select(scen, family="intel", profile=fix_profile)} == {"F06"}
    assert select(scen, ["F04"], family="intel", profile=fix_profile) == []
