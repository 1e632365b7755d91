"""Replay of the documented 2016 seizures: each scenario is a test case (lane expectation, rules that must
fire, standing rules alone, controls green); the clean baseline stays mostly green; the CLI keeps its
output contract and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riskprofile import load_profile
from riskprofile.cli.main import app
from riskprofile.model.rules import LANE_RANK
from riskprofile.replay import (
    MAX_BASELINE_RATE,
    MAX_RULE_RATE,
    ScenarioFileError,
    coverage,
    load_scenario,
    replay_scenario,
    scenario_paths,
    score_baseline,
)

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "rules" / "profile.yaml"
SCENARIOS = scenario_paths(None, ROOT / "scenarios")
BASELINE = ROOT / "examples" / "baseline.csv"


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


@pytest.fixture(scope="module")
def results(profile):
    return {p.stem: replay_scenario(profile, load_scenario(p)) for p in SCENARIOS}


def test_all_fourteen_scenarios_present():
    assert [p.stem for p in SCENARIOS] == [f"C{i:02d}" for i in range(1, 15)]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
class TestScenario:
    def test_every_declaration_reaches_the_expected_lane(self, results, path):
        r = results[path.stem]
        low = [(d.decl_id, d.lane, d.score, d.rules) for d in r.declarations
               if LANE_RANK[d.lane] < LANE_RANK[r.expect.lane_at_least]]
        assert not low, f"below {r.expect.lane_at_least}: {low}"

    def test_expected_rules_fire(self, results, path):
        r = results[path.stem]
        assert not r.missing_rules, f"did not fire: {r.missing_rules}; fired: {r.rules}"

    def test_standing_rules_alone(self, results, path):
        r = results[path.stem]
        if not r.expect.standing_only:
            pytest.skip("flagged through its own tip-off / targeting instruction only")
        assert r.standing_only_flagged, [(d.decl_id, d.lane, d.score, d.rules) for d in r.standing]

    def test_controls_keep_their_lane(self, results, path):
        r = results[path.stem]
        assert len(r.controls) >= 2
        bad = [(c.id, d.decl_id, d.lane, d.score, d.rules) for c in r.controls for d in c.declarations
               if LANE_RANK[d.lane] > LANE_RANK[c.expected]]
        assert not bad

    def test_scenario_ok(self, results, path):
        r = results[path.stem]
        assert r.ok, r.problems()


def test_targets_over_all_scenarios(results):
    rs = list(results.values())
    assert sum(r.flagged for r in rs) == 14
    assert sum(r.standing_only_flagged for r in rs) >= 12
    assert sum(len(r.controls) for r in rs) >= 28
    assert all(r.controls_ok for r in rs)


def test_baseline_mostly_green(profile):
    base = score_baseline(profile, BASELINE)
    assert base.declarations >= 1000
    assert base.rate <= MAX_BASELINE_RATE, base.to_json()
    assert not base.noisy_rules, {r: base.rule_rate(r) for r in base.noisy_rules}
    assert all(base.rule_rate(r) <= MAX_RULE_RATE for r in base.rule_hits)


def test_every_rule_fires_on_some_scenario_or_says_why(profile, results):
    for c in coverage(profile, list(results.values())):
        assert c.scenarios or c.rationale, f"{c.rule_id} fires nowhere and gives no rationale"


def test_rules_name_no_scenario_surface_values(profile):
    """Standing rules encode indicators: no rule names a scenario's trader, declarant or declaration id."""
    ids = set()
    for p in SCENARIOS:
        sc = load_scenario(p)
        for d in sc.declarations + [d for c in sc.controls for d in c.declarations] + sc.context.history:
            ids |= {d.decl_id.upper(), (d.trader_id or "").upper(), (d.declarant_id or "").upper()}
    ids.discard("")
    for rule in profile.rules:
        text = json.dumps(rule.model_dump(mode="json"), ensure_ascii=False).upper()
        assert not [i for i in ids if i in text], rule.id


# -- the command ------------------------------------------------------------------------------------------
runner = CliRunner()


def _invoke(*args: str):
    return runner.invoke(app, ["replay", "--profile", str(PROFILE), "--scenarios", str(ROOT / "scenarios"),
                               "--baseline", str(BASELINE), *args])


def test_cli_json_contract():
    res = _invoke("--json")
    assert res.exit_code == 0, res.output
    objs = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in objs] == [f"C{i:02d}" for i in range(1, 15)]
    for o in objs:
        assert set(o) == {"id", "flagged", "lane", "standing_only_flagged", "rules", "controls_ok", "ok"}
        assert o["ok"] and o["flagged"] and o["controls_ok"]


def test_cli_selection_and_coverage():
    res = _invoke("C04", "C07", "--coverage", "--json", "--no-baseline")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    by_rule = {r["rule"]: r for r in rows}
    assert "C07" in by_rule["BRAND-003"]["scenarios"]
    assert by_rule["TRADER-001"]["scenarios"] == ["C04"]


def test_cli_table_mentions_targets():
    res = _invoke("C01", "--no-baseline")
    assert res.exit_code == 0, res.output
    assert "flagged 1/1" in res.stdout


def _write_failing(tmp_path: Path) -> Path:
    src = (ROOT / "scenarios" / "C09.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "X09.yaml"
    bad.write_text(src.replace("lane_at_least: yellow", "lane_at_least: red").replace("id: C09\n", "id: X09\n", 1), encoding="utf-8")
    return bad


def test_cli_exit_1_when_an_expectation_fails(tmp_path):
    res = runner.invoke(app, ["replay", str(_write_failing(tmp_path)), "--profile", str(PROFILE), "--no-baseline"])
    assert res.exit_code == 1, res.output
    assert "expected at least red" in res.stdout


def test_cli_exit_2_on_a_bad_scenario(tmp_path):
    bad = tmp_path / "B01.yaml"
    bad.write_text("id: B01\ntitle: no declarations\nsource: x\nnarrative: x\noutcome: x\ndeclarations: []\n", encoding="utf-8")
    res = runner.invoke(app, ["replay", str(bad), "--profile", str(PROFILE), "--no-baseline"])
    assert res.exit_code == 2


def test_load_scenario_rejects_unknown_keys(tmp_path):
    src = (ROOT / "scenarios" / "C13.yaml").read_text(encoding="utf-8")
    p = tmp_path / "C13.yaml"
    p.write_text(src.replace("expect:\n  lane_at_least", "expect:\n  lane_atleast"), encoding="utf-8")
    with pytest.raises(ScenarioFileError, match="lane_atleast"):
        load_scenario(p)
