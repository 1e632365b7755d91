"""Variants keep the pattern (the profile scores them as it scores the original; same indicators) and
change the surface (marks, offices, dates, quantities, ids), reproducibly per seed."""

import datetime as dt
import os

import pytest

from riskprofile.drill.items import build_run, scenario_case, variants_of
from riskprofile.drill.variants import Surface, make_variant

_CACHE: dict = {}


def variant(assessor, scenario, seed):
    """One variant per (profile, scenario, seed), shared by the tests (the profile is the slow part)."""
    key = (id(assessor), scenario.id, seed)
    if key not in _CACHE:
        _CACHE[key] = variants_of(scenario, assessor, seed, n=1)[0]
    return _CACHE[key]


def _surface(case):
    focus = case.declarations[0]
    return {
        "brands": tuple(ln.get("brand") for d in case.declarations for ln in d["lines"]),
        "office": tuple(d.get("customs_office") for d in case.declarations),
        "dates": tuple(str(d["declared_at"]) for d in case.declarations),
        "qty": tuple(ln.get("quantity") for d in case.declarations for ln in d["lines"]),
        "trader": focus.get("trader_id"),
        "decl_ids": tuple(d["decl_id"] for d in case.declarations),
    }


@pytest.mark.parametrize("sid", ["F04", "F06", "F07"])
def test_variant_keeps_verdict_and_changes_surface(fix_assessor, fix_scenarios, sid):
    s = fix_scenarios[sid]
    case = scenario_case(s)
    target = fix_assessor.signature(case)
    assert target and all(lane != "green" for lane, _ in target)  # the original is flagged
    seen = []
    for seed in (1, 2):
        v = variant(fix_assessor, s, seed)
        assert fix_assessor.signature(v.case) == target  # flagged as the original: same lanes, same rules
        assert v.indicators == v.case_indicators == s.indicators  # same indicators
        assert v.kind == "variant" and v.infringing
        surf = _surface(v.case)
        orig = _surface(case)
        assert surf["decl_ids"] != orig["decl_ids"] and surf["trader"] != orig["trader"]
        assert surf["dates"] != orig["dates"] and surf["qty"] != orig["qty"]
        seen.append(surf)
    assert seen[0] != seen[1]  # two seeds, two surfaces


def test_variant_is_reproducible(fix_assessor, fix_scenarios):
    s = fix_scenarios["F04"]
    a = variant(fix_assessor, s, 1)
    b = variants_of(s, fix_assessor, 1)[0]
    assert a.case == b.case and a.changes == b.changes


def test_marks_change_within_goods_family_and_lookalikes_stay_lookalikes(fix_assessor, fix_scenarios, fix_profile):
    surface = Surface(fix_profile)
    f04 = variant(fix_assessor, fix_scenarios["F04"], 1)
    for d in f04.case.declarations:
        for ln in d["lines"]:
            mark, exact = surface.matcher.match(ln["brand"])
            assert exact and "8452" in surface.by_mark[mark].goods
    assert {c.old for c in f04.changes if c.what == "brand"} == {"BUTTERFLY", "SINGER"}
    f07 = variant(fix_assessor, fix_scenarios["F07"], 1)
    brand = f07.case.declarations[0]["lines"][0]["brand"]
    mark, exact = surface.matcher.match(brand)
    assert mark in ("GOLDEN LION", "BLUEBIRD") and not exact and brand != "TRI-CYIRCELE"


def test_intervals_kept_when_dates_move(fix_assessor, fix_scenarios):
    case = scenario_case(fix_scenarios["F04"])
    v, changes = make_variant(case, fix_assessor, 3, kinds=("date", "ids"))
    d0, d1 = (dt.date.fromisoformat(str(c.declarations[0]["declared_at"])) for c in (case, v))
    p0, p1 = (dt.date.fromisoformat(str(c.penalties[0]["date"])) for c in (case, v))
    h0, h1 = (dt.date.fromisoformat(str(c.history[-1]["declared_at"])) for c in (case, v))
    assert d1 != d0 and (d1 - p1) == (d0 - p0) and (d1 - h1) == (d0 - h0)
    # the renamed trader carries its penalty and history
    assert (
        v.penalties[0]["trader_id"] == v.declarations[0]["trader_id"] == v.history[0]["trader_id"] != "ZJ-JINYUN-SEW-01"
    )


def test_holder_keeps_its_mark(fix_assessor, fix_scenarios):
    control = fix_scenarios["F04"].controls[0]
    from riskprofile.drill.items import control_case

    case = control_case(control)
    assert (case.history, case.penalties, case.instructions) == ([], [], [])
    v, changes = make_variant(case, fix_assessor, 1)
    assert v.declarations[0]["lines"][0]["brand"] == "BUTTERFLY"  # the holder is authorised for its own mark
    assert v.declarations[0]["trader_id"] == "SH-BUTTERFLY-01"
    assert fix_assessor.signature(v) == (("green", ()),)


def test_expected_indicators_follow_the_judged_declaration(shipped):
    """C07: the first batch bears the exact mark 三环 and predates the Ningbo instruction; the look-alike
    TRI-CYIRCELE and the instruction belong to the later batches, so they are not expected on the first."""
    from riskprofile.drill.items import _bases, _finish, original

    assessor, scenarios = shipped
    assert "C07" in scenarios, "C07 is shipped and must load"
    s = scenarios["C07"]
    first = _finish(original(_bases(s)[0], 1, Surface(assessor.profile)), assessor)
    assert first.case_indicators == s.indicators
    assert "lookalike_mark" not in first.indicators and "recorded_mark" in first.indicators


def test_run_mixes_kinds_reproducibly(fix_assessor, fix_scenarios):
    scen = list(fix_scenarios.values())
    run1 = build_run(scen, fix_assessor, 5, seed=5)
    run2 = build_run(scen, fix_assessor, 5, seed=5)
    assert [i.item_id for i in run1] == [i.item_id for i in run2]
    assert [i.case for i in run1] == [i.case for i in run2]
    kinds = {i.kind for i in run1}
    assert "scenario" in kinds and "control" in kinds and any(k.endswith("variant") for k in kinds)
    # no documented declaration number leaks into what the trainee sees
    assert not any(i.decl_id.startswith(("F0", "C0", "C1")) for i in run1)
    for item in run1:
        if item.kind == "control-variant":
            assert [lane for lane, _ in fix_assessor.signature(item.case)] == ["green"]


#: C04 always; every shipped scenario with RISKPROFILE_DRILL_ALL=1 (about a second each).
SHIPPED_IDS = [f"C{i:02d}" for i in range(1, 15)] if os.environ.get("RISKPROFILE_DRILL_ALL") else ["C04"]


@pytest.mark.parametrize("sid", SHIPPED_IDS)
def test_shipped_variants_flagged_as_original(shipped, sid):
    assessor, scenarios = shipped
    assert sid in scenarios, f"{sid} is shipped and must load"
    s = scenarios[sid]
    target = assessor.signature(scenario_case(s))
    a, b = (variant(assessor, s, seed) for seed in (1, 2))
    assert assessor.signature(a.case) == assessor.signature(b.case) == target
    assert a.case_indicators == b.case_indicators == s.indicators  # the pattern's indicators, kept
    # what is expected on the judged declaration is the scenario's list less what the profile sees only elsewhere
    for v in (a, b):
        assert set(v.indicators) <= set(s.indicators)
    assert _surface(a.case) != _surface(b.case)
