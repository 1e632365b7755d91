"""The one scenario model and loader (`riskprofile.model.scenario`, `riskprofile.loader.scenario`): a good file loads; a bad one gives located,
coded findings; targeting instructions go through the rule checks (file:line and rule id); `lint`
recognises scenario files and leaves simulator parameters (`scenarios/sim/`) alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riskprofile import load_profile
from riskprofile.cli.main import app
from riskprofile.findings import CODES
from riskprofile.loader.lint import lint
from riskprofile.loader.scenario import is_scenario_file, load_scenario, read_scenario, scenario_files, scenarios_area
from riskprofile.model.scenario import Scenario, ScenarioFileError, check_scenario
from riskprofile.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "rules" / "profile.yaml"
SHIPPED = ROOT / "scenarios"
FIX = ROOT / "tests" / "drill" / "fixtures"

GOOD = """\
id: T01
title: Sewing-machine heads switched ports
source: {seed: 004_fe4f29b565d1b23f.txt, case: "案例四", also: ["000 §3"]}
narrative: >
  A penalised manufacturer exported through an agent at another port.
notes: ["values are ours"]
indicators: [port_switch, prior_penalty]
outcome: Heads bearing a recorded mark (004 case 4).
context:
  history: []
  penalties:
    - {trader_id: ZJ-T-01, date: 2014-09-15, office: CNNGB, goods: sewing machine heads, kind: trademark}
  instructions:
    - id: INTEL-T01
      title: Tip-off on the trader
      family: intel
      weight: 10
      lane: red
      when: {all: [{trader_id: {eq: ZJ-T-01}}, {hs_code: {prefix: "8452"}}]}
      rationale: The holder reported the trader.
      references: [T01]
declarations:
  - decl_id: T01-D1
    declared_at: 2015-07-10
    direction: export
    customs_office: CNSHA
    trader_id: ZJ-T-01
    lines:
      - {item_no: 1, hs_code: "8452290000", description: sewing machine heads, brand: BUTTERFLY, quantity: 800, value: 13500}
expect: {lane_at_least: red, rules: [INTEL-T01], standing_only: false}
controls:
  - id: T01-K1
    title: The holder's own exports
    why: Same goods and brand, lodged by the holder at its usual port.
    context: {history: [], penalties: []}
    declarations:
      - decl_id: T01-K1-D1
        declared_at: 2015-07-12
        direction: export
        customs_office: CNNGB
        trader_id: SH-HOLDER-01
        lines: [{hs_code: "8452290000", brand: BUTTERFLY, quantity: 900, value: 15000}]
    expect: {lane: green}
"""


@pytest.fixture(scope="module")
def profile():
    return load_profile(PROFILE)


def _write(tmp_path: Path, text: str, name: str = "T01.yaml", folder: str = "scenarios") -> Path:
    d = tmp_path / folder
    d.mkdir(parents=True, exist_ok=True)
    p = d / name
    p.write_text(text, encoding="utf-8")
    return p


def _line(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [i for i, ln in enumerate(text.splitlines(), start=1) if needle in ln]
    return hits[nth - 1]


def _codes(findings) -> set[tuple[str, int | None]]:
    return {(f.code, f.line) for f in findings}


# -- a good file ------------------------------------------------------------------------------------------
def test_good_file_loads(tmp_path, profile):
    p = _write(tmp_path, GOOD)
    sc = load_scenario(p)
    assert isinstance(sc, Scenario) and sc.path == p
    assert sc.id == "T01" and sc.outcome.startswith("Heads") and sc.notes == ["values are ours"]
    assert sc.indicators == ["port_switch", "prior_penalty"]
    assert sc.source_text() == "004_fe4f29b565d1b23f.txt 案例四 also 000 §3"
    assert sc.narrative.strip().startswith("A penalised manufacturer")
    assert sc.expect.lane_at_least == "red" and sc.expect.rules == ["INTEL-T01"] and sc.expect.standing_only is False
    assert sc.context.penalties[0].trader_id == "ZJ-T-01" and str(sc.context.penalties[0].date) == "2014-09-15"
    assert sc.context.instructions[0]["id"] == "INTEL-T01"
    (c,) = sc.controls
    assert c.why.startswith("Same goods") and c.expect.lane == "green" and c.indicators == []
    assert c.declarations[0].lines[0].brand == "BUTTERFLY"
    # and it is clean against the shipped profile, instructions included
    assert load_scenario(p, profile).id == "T01"
    _, findings = read_scenario(p, profile.fields, profile.lists, [r.id for r in profile.rules])
    assert findings == []


def test_shipped_scenarios_load_and_lint_clean(profile):
    paths = scenario_files(SHIPPED)
    assert [p.stem for p in paths] == [f"C{i:02d}" for i in range(1, 15)]
    for p in paths:
        assert load_scenario(p, profile).id == p.stem
    findings = lint([SHIPPED], PROFILE)
    assert [f for f in findings if f.severity == "error"] == []


def test_the_scored_instruction_is_the_file_s(tmp_path, profile):
    """What replay scores: the instruction from the file goes through `with_context` unchanged."""
    sc = load_scenario(_write(tmp_path, GOOD), profile)
    prof = profile.with_context(penalties=sc.context.penalties, instructions=sc.context.instructions)
    res = prof.score(sc.declarations, random=False)
    row = res.declarations.row(0, named=True)
    assert row["lane"] == "red" and "INTEL-T01" in row["rules"]


# -- a bad file -------------------------------------------------------------------------------------------
BAD = (
    GOOD.replace("notes: [", "colour: blue\nnotes: [")  # unknown top-level key
    .replace("outcome: Heads bearing a recorded mark (004 case 4).\n", "")  # missing required key
    .replace('{item_no: 1, hs_code: "8452290000"', '{item_no: 1, hs_code: "84A"')  # bad hs_code
    .replace("    direction: export\n    customs_office: CNSHA", "    direction: sideways\n    customs_office: CNSHA")
    .replace("expect: {lane_at_least: red, rules", "expect: {lane_at_least: purple, rulez")
    .replace("decl_id: T01-K1-D1", "decl_id: T01-D1")  # duplicate decl_id
    .replace("    why: Same goods and brand, lodged by the holder at its usual port.\n", "")
)


def test_bad_file_gives_located_findings_with_the_right_codes(tmp_path):
    p = _write(tmp_path, BAD)
    sc, findings = read_scenario(p)
    assert sc is None
    got = _codes(findings)
    expected = {
        ("RP002", _line(BAD, "colour: blue")),
        ("RP002", 1),  # missing `outcome`: the mapping itself
        ("RP002", _line(BAD, 'hs_code: "84A"')),
        ("RP012", _line(BAD, "direction: sideways")),
        ("RP012", _line(BAD, "expect:")),  # unknown lane
        ("RP002", _line(BAD, "expect:")),  # unknown key `rulez`
        ("RP002", _line(BAD, "decl_id: T01-D1", 2)),  # the second use of the id
        ("RP002", _line(BAD, "- id: T01-K1")),  # control without `why`
    }
    assert expected <= got, sorted(got)
    assert all(f.file == str(p) and f.line and f.column for f in findings)
    by_msg = {f.message: f for f in findings}
    assert "unknown key `colour`" in by_msg
    assert "missing required key `outcome`" in by_msg
    assert "missing required key `why` in `controls.0`" in by_msg
    rulez = by_msg["unknown key `rulez` in `expect`"]
    assert rulez.to_json()["hint"] == "Did you mean `rules`?"
    lane = next(f for f in findings if f.code == "RP012" and "purple" in f.message)
    assert "green, yellow, red" in lane.message
    dup = next(f for f in findings if "used twice" in f.message)
    assert "T01-D1" in dup.message and "declarations.0.decl_id" in dup.message
    assert all(f.code in CODES for f in findings)


def test_load_scenario_raises_with_every_finding(tmp_path):
    p = _write(tmp_path, BAD)
    with pytest.raises(ScenarioFileError) as e:
        load_scenario(p)
    assert len(e.value.findings) >= 8
    first = e.value.findings[0]
    assert str(e.value).startswith(f"{p}:{first.line}:{first.column}: {first.code} ")


def test_yaml_syntax_error_is_rp001_with_its_line(tmp_path):
    text = GOOD.replace("expect: {lane_at_least: red,", "expect: {lane_at_least: red")
    text = text.replace("standing_only: false}", "standing_only: false")
    p = _write(tmp_path, text)
    sc, (f,) = read_scenario(p)
    assert sc is None and f.code == "RP001" and f.line is not None and f.line >= _line(text, "expect:")
    with pytest.raises(ScenarioFileError, match=r"RP001 YAML syntax error"):
        load_scenario(p)


def test_not_a_mapping_and_missing_file(tmp_path):
    p = _write(tmp_path, "- just\n- a list\n")
    _, (f,) = read_scenario(p)
    assert (f.code, f.line) == ("RP002", 1) and "one mapping" in f.message
    _, (g,) = read_scenario(tmp_path / "nope.yaml")
    assert g.code == "RP015"


def test_penalties_follow_the_penalties_list_format(tmp_path):
    text = GOOD.replace("kind: trademark}", "kind: trade-mark}").replace("date: 2014-09-15", "date: someday")
    _, findings = read_scenario(_write(tmp_path, text))
    at = _line(text, "- {trader_id: ZJ-T-01")
    assert ("RP002", at) in _codes(findings) and ("RP012", at) in _codes(findings)


# -- instructions are rules --------------------------------------------------------------------------------
def test_instruction_with_an_unknown_field_is_reported_with_its_rule_id(tmp_path, profile):
    text = GOOD.replace("{trader_id: {eq: ZJ-T-01}}", "{trader_idd: {eq: ZJ-T-01}}")
    p = _write(tmp_path, text)
    sc, findings = read_scenario(p, profile.fields, profile.lists, [r.id for r in profile.rules])
    assert sc is not None  # the shape is fine; the instruction is not
    (f,) = [f for f in findings if f.severity == "error"]
    assert (f.code, f.rule_id, f.file, f.line) == ("RP003", "INTEL-T01", str(p), _line(text, "trader_idd"))
    assert f.column is not None  # where the rule checks put it, as in a rule file
    assert "trader_id" in f.to_json()["hint"]
    # lint says the same, through the default dispatch (a file under scenarios/)
    assert [(g.code, g.rule_id, g.line) for g in lint([p], PROFILE) if g.severity == "error"] == [
        ("RP003", "INTEL-T01", f.line)
    ]
    # the replay loader refuses it with the location; without a profile the file loads (drill's use)
    with pytest.raises(
        ScenarioFileError, match=rf"T01.yaml:{f.line}:\d+: RP003 unknown field `trader_idd` \(rule INTEL-T01\)"
    ):
        load_scenario(p, profile)
    assert load_scenario(p).id == "T01"


def test_instruction_checks_operators_lists_lanes_and_ids(tmp_path, profile):
    standing = profile.rules[0].id
    text = (
        GOOD.replace('{hs_code: {prefix: "8452"}}', '{hs_code: {prefixx: "8452"}}, {brand: {in_list: no_such_list}}')
        .replace("      lane: red\n", "      lane: crimson\n")
        .replace(
            "    context: {history: [], penalties: []}",
            f"    context:\n      instructions:\n        - {{id: {standing}, title: t, weight: 1, "
            "when: {direction: {eq: export}}, rationale: r, references: [T01]}",
        )
    )
    p = _write(tmp_path, text)
    _, findings = read_scenario(p, profile.fields, profile.lists, [r.id for r in profile.rules])
    got = {(f.code, f.rule_id, f.line) for f in findings if f.severity == "error"}
    assert {
        ("RP004", "INTEL-T01", _line(text, "prefixx")),
        ("RP005", "INTEL-T01", _line(text, "no_such_list")),
        ("RP012", "INTEL-T01", _line(text, "lane: crimson")),
        ("RP007", standing, _line(text, f"- {{id: {standing}")),
    } <= got, sorted(got)


def test_an_instruction_that_is_no_mapping_is_reported_once(tmp_path, profile):
    text = GOOD.replace(
        "  instructions:\n    - id: INTEL-T01", "  instructions:\n    - not a rule\n    - id: INTEL-T01"
    )
    p = _write(tmp_path, text)
    _, findings = read_scenario(p, profile.fields, profile.lists, [r.id for r in profile.rules])
    assert [(f.code, f.line) for f in findings] == [("RP002", _line(text, "- not a rule"))]


def test_lint_only_references(tmp_path, profile):
    """What scoring silently accepts, lint reports: a misspelt declaration column, an expected rule that
    does not exist (the replay loader leaves both to scoring)."""
    text = GOOD.replace("    trader_id: ZJ-T-01\n", "    trader_idd: ZJ-T-01\n").replace(
        "rules: [INTEL-T01]", "rules: [INTEL-T01, TRADER-0001]"
    )
    p = _write(tmp_path, text)
    _, findings = read_scenario(p, profile.fields, profile.lists, [r.id for r in profile.rules])
    got = {(f.code, f.line) for f in findings}
    assert {("RP003", _line(text, "trader_idd")), ("RP012", _line(text, "expect:"))} <= got
    assert any("TRADER-0001" in f.message for f in findings)
    assert load_scenario(p, profile).id == "T01"


# -- lint dispatch ------------------------------------------------------------------------------------------
def test_recognising_scenario_files(tmp_path):
    assert is_scenario_file(tmp_path / "elsewhere" / "x.yaml", parse_yaml("declarations: []\n"))
    assert is_scenario_file(tmp_path / "scenarios" / "x.yaml", parse_yaml("rules: []\n"))
    assert is_scenario_file(tmp_path / "scenarios" / "more" / "x.yaml", None)
    assert not is_scenario_file(tmp_path / "scenarios" / "sim" / "2016.yaml", parse_yaml("seed: 1\n"))
    assert not is_scenario_file(tmp_path / "rules" / "x.yaml", parse_yaml("rules: []\n"))
    assert scenarios_area(tmp_path / "scenarios" / "sim" / "2016.yaml") == "sim"
    assert scenarios_area(tmp_path / "rules" / "x.yaml") is None
    assert scenarios_area(tmp_path / "scenarios" / "work" / "rules" / "x.yaml") is None  # too far down


def test_lint_reports_scenario_findings_not_rule_file_ones(tmp_path):
    good = _write(tmp_path, GOOD)
    bad = _write(tmp_path, BAD, "T02.yaml")
    assert [f for f in lint([good], PROFILE) if f.severity == "error"] == []
    findings = lint([bad], PROFILE)
    assert findings and not [f for f in findings if "rule file" in f.message]
    assert _codes(findings) >= {("RP002", _line(BAD, "colour: blue")), ("RP012", _line(BAD, "direction: sideways"))}
    # outside a scenarios/ folder, `declarations:` makes it a scenario file
    other = _write(tmp_path, BAD, "case.yaml", folder="cases")
    assert _codes(lint([other], PROFILE)) == _codes(findings)


def test_lint_skips_simulator_parameters(tmp_path):
    _write(tmp_path, GOOD)
    sim = _write(tmp_path, "seed: 1\nactors: {n: 3}\n", "2016.yaml", folder="scenarios/sim")
    assert lint([tmp_path / "scenarios"], PROFILE) == []
    assert lint([sim], PROFILE) == []  # named explicitly: still not a rule file


def test_lint_cli_on_shipped_scenarios():
    res = CliRunner().invoke(app, ["lint", str(SHIPPED), "--profile", str(PROFILE), "--json"])
    objs = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert not [o for o in objs if o["severity"] == "error"], objs
    assert not [o for o in objs if "/sim/" in o["file"]]
    assert res.exit_code in (0, 1)


def test_replay_cli_names_file_and_line_of_a_bad_instruction(tmp_path):
    text = GOOD.replace("{trader_id: {eq: ZJ-T-01}}", "{trader_idd: {eq: ZJ-T-01}}")
    p = _write(tmp_path, text)
    res = CliRunner().invoke(app, ["replay", str(p), "--profile", str(PROFILE), "--no-baseline"])
    assert res.exit_code == 2
    out = " ".join(res.output.split())
    assert f":{_line(text, 'trader_idd')}:" in out and "RP003" in out and "INTEL-T01" in out


# -- drill: the same loader, then its own tolerance ----------------------------------------------------------
def test_drill_maps_indicator_aliases_after_loading(tmp_path):
    from riskprofile.drill.scenarios import load_scenarios

    text = GOOD.replace(
        "indicators: [port_switch, prior_penalty]", "indicators: [Port-Switching, repeat_offender, my_own]"
    )
    _write(tmp_path, text)
    _write(tmp_path, BAD, "T02.yaml")
    (sc,), problems = load_scenarios(tmp_path / "scenarios")
    assert sc.indicators == ["port_switch", "prior_penalty", "my_own"]
    (msg,) = problems
    assert msg.startswith(f"{tmp_path / 'scenarios' / 'T02.yaml'}:")


def test_drill_fixtures_are_valid_scenarios():
    fprof = load_profile(FIX / "profile" / "profile.yaml")
    for p in scenario_files(FIX / "scenarios"):
        _, findings = read_scenario(p, fprof.fields, fprof.lists, [r.id for r in fprof.rules])
        assert not [f for f in findings if f.severity == "error"], findings


def test_check_scenario_on_a_parsed_node():
    sc, findings = check_scenario(parse_yaml(GOOD), "<memory>")
    assert sc is not None and findings == []
