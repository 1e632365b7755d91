import numpy as np

from riskprofile.analyst.metrics import Scored, at_lanes, at_rate, evaluate, per_rule


def scored(score, y, lane=None, fired=None, value=None):
    n = len(score)
    return Scored(
        decl_id=np.array([f"d{i}" for i in range(n)]),
        score=np.array(score, float),
        lane=np.array(lane or ["green"] * n),
        fired=np.array(fired if fired is not None else np.zeros((n, 0), bool)),
        rule_ids=[] if fired is None else [f"R{j}" for j in range(np.array(fired).shape[1])],
        truth={"y": np.array(y, np.int8)},
        value=np.array(value if value is not None else [1.0] * n),
    )


def test_precision_recall_lift_at_rate():
    s = scored([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [1, 1, 0, 1, 0, 0, 0, 0, 0, 1], value=[10, 1, 1, 1, 1, 1, 1, 1, 1, 30])
    r = at_rate(s, 0.2, "y")
    assert r["k"] == 2 and r["precision"] == 1.0 and r["recall"] == 0.5 and r["lift"] == 1.0 / 0.4
    assert r["value_recall"] == 11 / 42
    r = at_rate(s, 0.4, "y")
    assert r["precision"] == 0.75 and r["caught"] == 3


def test_ties_keep_input_order_and_worst_case():
    s = scored([5, 5, 5, 5, 1], [0, 1, 1, 0, 0])
    r = at_rate(s, 0.4, "y")  # top 2 of a 4-way tie: input order -> d0 (neg), d1 (pos)
    assert r["precision"] == 0.5 and r["tied_at_cut"] == 4
    assert r["precision_worst"] == 0.0  # two tied negatives could fill both places


def test_unlabelled_rows_do_not_count():
    s = scored([3, 2, 1], [1, -1, 0])
    r = at_rate(s, 2 / 3, "y")
    assert r["precision"] == 1.0 and r["recall"] == 1.0


def test_lanes_and_rules():
    fired = np.array([[1, 0], [1, 1], [0, 1], [0, 0]], bool)
    s = scored([50, 80, 30, 0], [1, 1, 0, 0], lane=["yellow", "red", "yellow", "green"], fired=fired)
    lanes = {r["lanes"]: r for r in at_lanes(s, "y")}
    assert lanes["red"]["n"] == 1 and lanes["red"]["hit_rate"] == 1.0
    assert lanes["yellow+red"]["n"] == 3 and abs(lanes["yellow+red"]["hit_rate"] - 2 / 3) < 1e-12
    rules = {r["rule"]: r for r in per_rule(s, "y")}
    assert rules["R0"]["support"] == 2 and rules["R0"]["precision"] == 1.0 and rules["R0"]["lift"] == 2.0
    assert rules["R1"]["precision"] == 0.5 and rules["R0"]["only_rule"] == 1
    ev = evaluate(s, "y")
    assert ev.positives == 2 and ev.base_rate == 0.5 and len(ev.rates) == 4


def test_confusion_matrix_at_the_lanes():
    s = scored([9, 8, 7, 1, 0], [1, 0, 1, 1, -1], lane=["red", "yellow", "green", "green", "red"])
    red, flagged = at_lanes(s, "y")
    assert (red["tp"], red["fp"], red["fn"], red["tn"]) == (1, 0, 2, 1)  # the unlabelled red one counts nowhere
    assert (flagged["tp"], flagged["fp"], flagged["fn"], flagged["tn"]) == (1, 1, 2, 0)


def test_wilson_interval_brackets_the_precision_and_narrows_with_support():
    from riskprofile.analyst.metrics import wilson

    lo, hi = wilson(0, 10)
    assert lo == 0.0 and 0.2 < hi < 0.35  # no firing is correct, yet 0 is not proven
    lo_small, hi_small = wilson(8, 10)
    lo_big, hi_big = wilson(800, 1000)
    assert lo_small < lo_big < 0.8 < hi_big < hi_small
    assert wilson(0, 0) == (None, None)


def test_precision_and_recall_by_score_threshold_count_ties_together():
    from riskprofile.analyst.metrics import by_threshold

    s = scored([9, 5, 5, 5, 1], [1, 1, 0, 0, 1])
    pts = by_threshold(s, "y")
    assert [p["score"] for p in pts] == [9, 5, 1]
    assert [p["n"] for p in pts] == [1, 4, 5]  # score >= 5 inspects all three tied declarations
    assert pts[1]["precision"] == 0.5 and pts[1]["recall"] == 2 / 3 and pts[2]["recall"] == 1.0
