"""The marking rule: lane values ordered by judgement, indicators marked fairly."""

import itertools

from riskprofile.drill.scoring import (
    LANE_COST,
    LANE_VALUE,
    MARKING_RULE,
    Summary,
    score_indicators,
    score_item,
    score_lane,
)


def test_lane_outcomes_and_costs():
    assert score_lane("red", "yellow", True).ok  # a higher lane is never wrong on an infringing shipment
    assert score_lane("yellow", "yellow", True).outcome == "caught"
    assert score_lane("yellow", "red", True).outcome == "under_inspected"
    assert score_lane("green", "yellow", True).outcome == "released_infringing"
    assert [score_lane(x, "green", False).outcome for x in ("green", "yellow", "red")] == [
        "cleared_clean",
        "checked_clean",
        "opened_clean",
    ]
    # releasing infringing goods costs most; a wrong red on a clean declaration costs more than a cautious yellow
    c = LANE_COST
    assert c["released_infringing"] > c["opened_clean"] > c["under_inspected"] > c["checked_clean"] > 0


def test_points_never_invert_judgement():
    """Whatever the indicators, a right lane beats a cautious yellow, which beats opening a clean
    shipment, which beats releasing an infringing one."""
    key, present = ["port_switch", "undervaluation"], ["port_switch", "undervaluation", "agent_declarant"]
    answers = [[], ["port_switch"], ["undervaluation"], key, present, ["no_brand"], ["no_brand", "port_switch"]]

    def pts(lane, expected, infringing, named):
        return score_item(lane, named, expected, infringing, key if infringing else [], present).points

    band = {
        "right": [pts("red", "red", True, a) for a in answers] + [pts("green", "green", False, a) for a in answers],
        "cautious": [pts("yellow", "red", True, a) for a in answers]
        + [pts("yellow", "green", False, a) for a in answers],
        "opened": [pts("red", "green", False, a) for a in answers],
        "released": [pts("green", "yellow", True, a) for a in answers],
    }
    order = ["right", "cautious", "opened", "released"]
    for better, worse in itertools.pairwise(order):
        assert min(band[better]) > max(band[worse]), (better, worse)
    # the example: a document check noting the real low value beats opening a clean container
    assert pts("yellow", "red", True, ["undervaluation"]) > pts("red", "green", False, [])


def test_present_indicators_never_count_against():
    r = score_indicators(
        ["port_switch", "agent_declarant", "no_brand"], ["port_switch", "prior_penalty"], ["agent_declarant"]
    )
    assert (r.hit, r.also, r.extra, r.missed) == (["port_switch"], ["agent_declarant"], ["no_brand"], ["prior_penalty"])
    assert r.precision == 2 / 3 and r.recall == 1 / 2
    # on a control, naming true indicators with the right lane is full marks
    control = score_item(
        "green", ["recorded_mark", "undervaluation"], "green", False, [], ["recorded_mark", "undervaluation"]
    )
    assert control.points == 100 and control.indicators.extra == []
    assert score_item("green", [], "green", False, [], ["recorded_mark"]).points == 100  # not required either


def test_exactly_present_and_right_lane_is_full_marks():
    present = ["a", "b", "c"]
    for key in ([], ["a"], ["a", "b", "c"]):
        assert score_item("red", present, "red", True, key, present).points == 100
        assert score_item("green", present, "green", False, key, present).points == 100


def test_summary_counts_present_as_precise():
    s = Summary()
    s.add(score_item("red", ["a", "x"], "yellow", True, ["a", "b"], ["a", "b", "x"]).to_json(), 2.0)
    s.add(score_item("green", [], "yellow", True, ["a"], ["a"]).to_json(), 1.0)
    assert s.items == 2 and s.lane_ok == 1 and s.released_infringing == 1 and s.cost == LANE_COST["released_infringing"]
    assert s.precision == 1.0 and s.recall == 1 / 3 and s.seconds == 3.0


def test_marking_rule_states_the_values():
    for lang in ("en", "zh"):
        for v in set(LANE_VALUE.values()):
            assert f"{v:g}" in MARKING_RULE[lang]
