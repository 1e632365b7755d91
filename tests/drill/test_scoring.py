from riskprofile.drill.scoring import (
    COST_CHECKED_CLEAN,
    COST_OPENED_CLEAN,
    COST_RELEASED_INFRINGING,
    COST_UNDER_INSPECTED,
    Summary,
    score_indicators,
    score_item,
    score_lane,
)


def test_releasing_infringing_costs_more_than_stopping_clean():
    released = score_lane("green", "yellow", infringing=True)
    opened = score_lane("red", "green", infringing=False)
    checked = score_lane("yellow", "green", infringing=False)
    assert not released.ok and released.cost == COST_RELEASED_INFRINGING and released.outcome == "released_infringing"
    assert not opened.ok and opened.cost == COST_OPENED_CLEAN
    assert not checked.ok and checked.cost == COST_CHECKED_CLEAN
    assert released.cost > COST_UNDER_INSPECTED > opened.cost > checked.cost > 0


def test_infringing_lane_at_least_expected():
    assert score_lane("red", "yellow", True).ok  # a higher lane is never wrong on an infringing shipment
    assert score_lane("yellow", "yellow", True).ok
    under = score_lane("yellow", "red", True)
    assert not under.ok and under.cost == COST_UNDER_INSPECTED and under.outcome == "under_inspected"
    assert score_lane("green", "green", False).ok and score_lane("green", "green", False).cost == 0


def test_indicator_precision_recall():
    r = score_indicators(
        ["port_switch", "no_brand", "prior_penalty"], ["port_switch", "prior_penalty", "recorded_mark"]
    )
    assert (r.tp, r.fp, r.fn) == (2, 1, 1)
    assert r.precision == 2 / 3 and r.recall == 2 / 3
    assert r.missed == ["recorded_mark"] and r.extra == ["no_brand"]
    empty = score_indicators([], [])
    assert empty.precision is None and empty.recall is None and empty.f1 == 1.0
    none_named = score_indicators([], ["campaign"])
    assert none_named.precision is None and none_named.recall == 0.0


def test_item_points_and_summary():
    perfect = score_item("red", ["a", "b"], "yellow", True, ["a", "b"])
    assert perfect.points == 100
    worst = score_item("green", [], "yellow", True, ["a"])
    assert worst.points == 0
    clean_ok = score_item("green", [], "green", False, [])
    assert clean_ok.points == 100
    s = Summary()
    for sc in (perfect, worst, clean_ok):
        s.add(sc.to_json(), 2.0)
    assert s.items == 3 and s.lane_ok == 2 and s.released_infringing == 1 and s.cost == COST_RELEASED_INFRINGING
    assert s.precision == 1.0 and s.recall == 2 / 3 and s.seconds == 6.0
