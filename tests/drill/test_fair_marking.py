"""Fair marks on the shipped scenarios: what is really on a declaration never counts against a trainee,
full marks for naming exactly that with the right lane, cases spread, both languages."""

import json
import re

import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app
from riskprofile.drill import Answer, Drill
from riskprofile.drill.items import _bases, _finish, build_run, original, spread, variants_of
from riskprofile.drill.taxonomy import INDICATORS, short
from riskprofile.drill.variants import Surface

from .conftest import SHIPPED_PROFILE, SHIPPED_SCENARIOS


@pytest.fixture(scope="module")
def run30(shipped):
    assessor, scen = shipped
    return Drill(build_run(list(scen.values()), assessor, 16, seed=2016), assessor, seed=2016)


def test_scripted_drill_naming_what_is_present_scores_full_marks(tmp_path, run30):
    """Through the CLI: answers = the expected lane and exactly the indicators present, on every item (the
    CLI prepares the run of `run30` again from the same scenarios, size and seed)."""
    drill = run30
    kinds = {it.kind for it in drill.items}
    assert {"scenario", "control", "variant"} <= kinds
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps([drill.perfect_answer(k).__dict__ for k in range(1, len(drill) + 1)]), "utf-8")
    results = tmp_path / "r.jsonl"
    args = ["drill", "--profile", str(SHIPPED_PROFILE), "--scenarios", str(SHIPPED_SCENARIOS), "--n", str(len(drill))]
    res = CliRunner().invoke(
        app,
        [*args, "--seed", str(drill.seed), "--answers", str(answers), "--results", str(results)],
        env={"COLUMNS": "80"},
    )
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in results.read_text(encoding="utf-8").splitlines()]
    assert [r["item"] for r in recs] == [it.item_id for it in drill.items]
    assert all(r["score"]["points"] == 100 for r in recs), [(r["item"], r["score"]) for r in recs]
    assert "Marking: points = lane value" in res.output


def test_true_observations_are_never_wrong(run30, shipped):
    assessor, scen = shipped
    items = list(run30.items) + variants_of(scen["C04"], assessor, seed=11, n=2)
    for it in items:
        d = it.focus_decl
        if d.get("declarant_id") and d["declarant_id"] != d.get("trader_id"):
            assert "agent_declarant" in it.present, it.item_id
        v = it.verdict(assessor)
        for r in v.seen:
            if not r.mitigating:
                assert set(r.indicators) <= set(it.present), (it.item_id, r.id)
        assert set(it.indicators) <= set(it.present)


def test_c04_variants_keep_the_agent_and_the_port_switch(shipped):
    assessor, scen = shipped
    for it in variants_of(scen["C04"], assessor, seed=3, n=3):
        assert {"agent_declarant", "port_switch", "recorded_mark"} <= set(it.present), it.item_id
        drill = Drill([it], assessor, seed=3)
        m = drill.mark(1, Answer("red", ["agent_declarant", "port_switch"]))
        assert m.score.indicators.extra == []


def test_a_control_with_a_recorded_mark_and_the_right_lane(shipped):
    assessor, scen = shipped
    base = next(b for b in _bases(scen["C04"]) if b["base_id"] == "C04-K1")  # the BUTTERFLY holder itself
    k1 = _finish(original(base, 1, Surface(assessor.profile)), assessor)
    drill = Drill([k1], assessor, seed=1)
    m = drill.mark(1, Answer("green", ["recorded_mark", "sensitive_goods"]))
    assert m.score.points == 100 and m.score.indicators.extra == []


def test_short_drills_spread_cases(shipped):
    assessor, scen = shipped
    for seed in range(3):
        for n in (2, 4):
            items = build_run(list(scen.values()), assessor, n, seed=seed)
            ids = [it.scenario_id for it in items]
            assert len(set(ids)) == len(ids), (seed, n, ids)


def test_spread_avoids_neighbours_when_possible(fix_assessor, fix_scenarios):
    items = build_run([fix_scenarios["F04"], fix_scenarios["F07"]], fix_assessor, 6, seed=4)
    order = [it.scenario_id for it in spread(items)]
    assert all(a != b for a, b in zip(order, order[1:], strict=False)), order


def test_english_labels_have_no_snake_case_and_chinese_labels_are_chinese():
    for ind in INDICATORS:
        assert "_" not in short(ind.id, "en") and "_" not in ind.en
        assert re.search(r"[\u4e00-\u9fff]", short(ind.id, "zh")) and re.search(r"[\u4e00-\u9fff]", ind.zh)


def test_mitigating_rule_is_labelled_as_such(run30):
    found = False
    for k in range(1, len(run30) + 1):
        m = run30.mark(k, run30.perfect_answer(k))
        for r in run30.reveal(m).rules:
            if r.weight < 0:
                found = True
                assert r.mitigating and r.indicators == ["mitigating (lowers the score)"]
    assert found, "no item of the run fired a mitigating rule"


def test_sources_cited_by_title(run30):
    m = run30.mark(1, run30.perfect_answer(1))
    origin = run30.reveal(m).origin
    assert ".txt" not in origin and "2016" in origin


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_chinese_run_shows_chinese_texts(run30):
    drill = Drill(run30.items, run30.assessor, seed=run30.seed, lang="zh")
    for k in range(1, len(drill) + 1):
        v = drill.show(k)
        for row in [*v.instructions, *v.operations, v.title, *(label for label, _ in v.header)]:
            assert CJK.search(row), row
        r = drill.reveal(drill.mark(k, drill.perfect_answer(k)))
        for text in [r.profile, r.outcome, r.origin, r.expected, r.points, *(x.title for x in r.rules)]:
            assert CJK.search(text), (drill.item(k).item_id, text)
        for x in r.rules:
            assert CJK.search(x.reason), (x.id, x.reason)
        assert "_" not in r.origin.split("—")[0], r.origin


def test_english_run_shows_no_snake_case_ids(run30):
    snake = re.compile(r"\b[a-z]+_[a-z_]+\b")
    for k in range(1, len(run30) + 1):
        v = run30.show(k)
        shown = [*(c[1] for c in v.choices), *(c[2] for c in v.choices), *(x for row in v.header for x in row)]
        shown += [*v.operations, *v.instructions]
        r = run30.reveal(run30.mark(k, run30.perfect_answer(k)))
        shown += [r.origin, r.found, r.present, r.expected, *(i for x in r.rules for i in x.indicators)]
        bad = [s for s in shown if snake.search(s)]
        assert not bad, bad


def test_every_shipped_rule_and_scenario_carries_its_chinese_text(shipped):
    assessor, scen = shipped
    for rule in assessor.profile.rules:
        assert rule.title_zh and (rule.explain_zh or not rule.explain), rule.id
    for s in scen.values():
        assert s.title_zh and s.narrative_zh and s.outcome_zh, s.id
        for c in s.controls:
            assert c.title_zh and c.why_zh, c.id
    camps = assessor.profile.lists["campaigns"].items
    assert all(c.title and c.title_zh for c in camps)


def test_item_panels_at_80_columns_keep_ids_and_numbers_whole(run30):
    from rich.console import Console

    from riskprofile.drill.terminal import item_panel

    for k in range(1, len(run30) + 1):
        v = run30.show(k)
        console = Console(width=80, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
        console.print(item_panel(v, "en", 80))
        out = console.export_text()
        assert all(len(line) <= 80 for line in out.splitlines())
        whole = [b for a, b in v.header if " " not in b] + [c for row in v.lines[1] for c in row if c[:1].isdigit()]
        for value in whole:
            assert value in out, (run30.item(k).item_id, value)
