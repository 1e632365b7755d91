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
    MAX_RULE_ALARM_RATE,
    MAX_RULE_RATE,
    ScenarioFileError,
    coverage,
    load_scenario,
    replay_scenario,
    scenario_paths,
    score_baseline,
)
from riskprofile.testing.builders import declaration

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
        low = [
            (d.decl_id, d.lane, d.score, d.rules)
            for d in r.declarations
            if LANE_RANK[d.lane] < LANE_RANK[r.expect.lane_at_least]
        ]
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
        bad = [
            (c.id, d.decl_id, d.lane, d.score, d.rules)
            for c in r.controls
            for d in c.declarations
            if LANE_RANK[d.lane] > LANE_RANK[c.expected]
        ]
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


def test_baseline_report_counts_false_alarms_per_rule(profile):
    """The baseline is legitimate trade as varied as the real one (tests/test_baseline.py), so its false
    alarms are the profile's real ones and move as rules change: replay must count them right and judge
    them against the issue-16 targets (<= 2% inspected, no rule alone above 1%), and the profile must
    leave legitimate trade mostly green."""
    base = score_baseline(profile, BASELINE)
    n = base.declarations
    assert n >= 1000 and sum(base.lanes.values()) == n
    assert base.inspected == base.lanes["yellow"] + base.lanes["red"]
    assert base.rate <= 0.10, base.to_json()  # a profile inspecting a tenth of legitimate trade is broken
    for r, alarms in base.rule_alarms.items():
        assert 0 < alarms <= min(base.rule_hits[r], base.inspected), r
    assert set(base.alarming_rules) == {r for r in base.rule_alarms if base.rule_alarm_rate(r) > MAX_RULE_ALARM_RATE}
    assert set(base.noisy_rules) == {
        r for r in base.rule_hits if r not in base.mitigating and base.rule_rate(r) > MAX_RULE_RATE
    }
    assert base.ok == (base.rate <= MAX_BASELINE_RATE and not base.noisy_rules and not base.alarming_rules)


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
    return runner.invoke(
        app,
        [
            "replay",
            "--profile",
            str(PROFILE),
            "--scenarios",
            str(ROOT / "scenarios"),
            "--baseline",
            str(BASELINE),
            *args,
        ],
    )


def test_cli_json_contract(profile):
    res = _invoke("--json")
    # exit 1 is a finding: a scenario missed or the baseline above its targets (false alarms move with rules)
    assert res.exit_code == (0 if score_baseline(profile, BASELINE).ok else 1), res.output
    objs = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in objs] == [f"C{i:02d}" for i in range(1, 15)]
    for o in objs:
        assert set(o) == {
            "id",
            "flagged",
            "lane",
            "standing_only_flagged",
            "flagged_as_documented",
            "assumed",
            "rules",
            "controls_ok",
            "ok",
        }
        assert o["ok"] and o["flagged"] and o["controls_ok"]
        assert o["assumed"] and all(isinstance(a, str) for a in o["assumed"])  # every scenario says what it assumes


def test_as_documented_sets_assumed_inputs_neutral():
    """C01: the marks were found at inspection and the values are ours; on its documented inputs the brand
    is 无品牌, values come from the case's own totals and the trade mode of the Dongjiang batch is general."""
    sc = load_scenario(ROOT / "scenarios" / "C01.yaml")
    decls, history = sc.as_documented()
    assert [d.decl_id for d in decls] == [d.decl_id for d in sc.declarations]
    lines = [ln for d in decls for ln in d.lines]
    assert {ln.brand for ln in lines} == {"无品牌"}
    assert all(ln.currency == "CNY" and ln.value == round(ln.net_mass_kg * 118.75, 2) for ln in lines)
    assert {d.decl_id: d.trade_mode for d in decls}["C01-D3"] == "general"
    assert sc.declarations[0].lines[0].brand == "SHELL HELIX"  # the scenario itself is unchanged
    c14 = load_scenario(ROOT / "scenarios" / "C14.yaml")
    decls, history = c14.as_documented()
    assert c14.context.history and history == []
    assert "NIKE" not in decls[0].lines[0].description


def test_flagged_as_documented_is_reported_honestly(results):
    """Hits that rest on assumed inputs are reported as such: with the C01 marks and values neutral, nothing
    but the watched origin is left, and the profile does not flag it."""
    c01 = results["C01"]
    assert c01.flagged and not c01.flagged_as_documented
    assert "BRAND-006" not in c01.documented_rules
    c09 = results["C09"]  # the mark and the unit price are documented (规格型号为 Texas Instruments…单价 53.975 美元)
    assert c09.flagged_as_documented


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
    bad.write_text(
        src.replace("lane_at_least: yellow", "lane_at_least: red").replace("id: C09\n", "id: X09\n", 1),
        encoding="utf-8",
    )
    return bad


def test_cli_exit_1_when_an_expectation_fails(tmp_path):
    res = runner.invoke(app, ["replay", str(_write_failing(tmp_path)), "--profile", str(PROFILE), "--no-baseline"])
    assert res.exit_code == 1, res.output
    assert "expected at least red" in res.stdout


def test_cli_exit_2_on_a_bad_scenario(tmp_path):
    bad = tmp_path / "B01.yaml"
    bad.write_text(
        "id: B01\ntitle: no declarations\nsource: x\nnarrative: x\noutcome: x\ndeclarations: []\n", encoding="utf-8"
    )
    res = runner.invoke(app, ["replay", str(bad), "--profile", str(PROFILE), "--no-baseline"])
    assert res.exit_code == 2


def test_load_scenario_rejects_unknown_keys(tmp_path):
    src = (ROOT / "scenarios" / "C13.yaml").read_text(encoding="utf-8")
    p = tmp_path / "C13.yaml"
    p.write_text(src.replace("expect:\n  lane_at_least", "expect:\n  lane_atleast"), encoding="utf-8")
    with pytest.raises(ScenarioFileError, match="lane_atleast"):
        load_scenario(p)


# -- beyond the scenarios: new instances of the documented patterns, and ordinary trade -------------------
def _decl(decl_id, date, direction, office, mode, trade, trader, ttype, region, origin, dest, lines, declarant=None):
    return declaration(
        decl_id,
        date=date,
        direction=direction,
        office=office,
        mode=mode,
        trade=trade,
        trader=trader,
        ttype=ttype,
        region=region,
        origin=origin,
        dest=dest,
        lines=lines,
        declarant=declarant,
    )


NEW_INSTANCES = [  # other brands of the documents, other ports, misspelt marks, other dates in the windows
    (
        "PRADA bags by a trader (C10 brand, export)",
        _decl(
            "N01",
            "2016-07-02",
            "export",
            "Yantian",
            "sea",
            "general",
            "GD-T-1",
            "trading_company",
            "CN-GD",
            "CN",
            "AE",
            [("4202210000", "ladies handbags", "PRADA", 500, 2500, 400)],
        ),
    ),
    (
        "misspelt MICHEAL KORS",
        _decl(
            "N02",
            "2016-05-02",
            "export",
            "CNCAN",
            "sea",
            "general",
            "GD-T-2",
            "trading_company",
            "CN-GD",
            "CN",
            "NG",
            [("4202220000", "handbags", "MICHEAL KORS", 800, 4000, 600)],
        ),
    ),
    (
        "DISNEY socks at Ningbo",
        _decl(
            "N03",
            "2016-09-12",
            "export",
            "Ningbo",
            "sea",
            "general",
            "ZJ-T-3",
            "trading_company",
            "CN-ZJ",
            "CN",
            "RU",
            [("6115950000", "socks", "DISNEY", 10000, 5000, 500)],
        ),
    ),
    (
        "PUMA shoes at Xiamen",
        _decl(
            "N04",
            "2016-10-12",
            "export",
            "CNXMN",
            "sea",
            "general",
            "FJ-T-4",
            "trading_company",
            "CN-FJ",
            "CN",
            "SA",
            [("6404190000", "sports shoes", "PUMA", 3000, 15000, 2400)],
        ),
    ),
    (
        "APPLE chargers by air",
        _decl(
            "N05",
            "2016-06-16",
            "export",
            "Shenzhen",
            "air",
            "general",
            "GD-T-5",
            "trading_company",
            "CN-GD",
            "CN",
            "AE",
            [("8504401400", "chargers", "APPLE", 5000, 12000, 400)],
        ),
    ),
    (
        "INTEL processors by a trader",
        _decl(
            "N06",
            "2016-08-17",
            "export",
            "CNSHA",
            "air",
            "general",
            "SH-T-6",
            "trading_company",
            "CN-SH",
            "CN",
            "HK",
            [("8542319000", "processors", "INTEL", 1000, 90000, 10)],
        ),
    ),
    (
        "misspelt OAKLY by post in April",
        _decl(
            "N08",
            "2016-04-25",
            "export",
            "Shanghai Post",
            "postal",
            "cross_border_ecommerce",
            "SH-E-8",
            "individual",
            "CN-SH",
            "CN",
            "US",
            [("9004100000", "sunglasses", "OAKLY", 100, 150, 4)],
        ),
    ),
    (
        "Mobil named in the description, Tianjin",
        _decl(
            "N09",
            "2016-09-03",
            "import",
            "Tianjin",
            "sea",
            "general",
            "TJ-I-9",
            "trading_company",
            "CN-TJ",
            "SG",
            "CN",
            [("2710199100", "Mobil 1 synthetic motor oil", "", 10000, 9000, 10000)],
        ),
    ),
    (
        "TRI-CIRCEL padlocks",
        _decl(
            "N10",
            "2016-06-04",
            "export",
            "Beilun",
            "sea",
            "general",
            "ZJ-T-10",
            "trading_company",
            "CN-ZJ",
            "CN",
            "EG",
            [("8301100000", "padlocks", "TRI-CIRCEL", 50000, 60000, 10000)],
        ),
    ),
    (
        "Jiangsu scooters at Dalian in December",
        _decl(
            "N11",
            "2016-12-20",
            "export",
            "CNDLC",
            "sea",
            "general",
            "JS-T-11",
            "trading_company",
            "CN-JS",
            "CN",
            "RU",
            [("8711600090", "balance scooters", "", 400, 60000, 4400)],
        ),
    ),
    (
        "Shandong fishing rods flown from Pudong",
        _decl(
            "N12",
            "2016-09-20",
            "export",
            "CNPVG",
            "air",
            "general",
            "SD-T-12",
            "trading_company",
            "CN-SD",
            "CN",
            "US",
            [("9507100000", "fishing rods", "", 300, 2700, 150)],
        ),
    ),
    (
        "cheap pens to Mexico",
        _decl(
            "N13",
            "2016-02-20",
            "export",
            "CNNGB",
            "sea",
            "general",
            "ZJ-T-13",
            "trading_company",
            "CN-ZJ",
            "CN",
            "MX",
            [("9608100000", "ball pens", "", 1000000, 15000, 8000)],
        ),
    ),
    (
        "mixed consumer goods to Vietnam at Dongxing, APPLE chargers declared by the border trader",
        _decl(
            "N14",
            "2016-10-05",
            "export",
            "Dongxing",
            "road",
            "border_trade",
            "GX-T-14",
            "trading_company",
            "CN-GX",
            "CN",
            "VN",
            [
                ("6404190000", "shoes", "", 1000, 5000, 800),
                ("6109100000", "t-shirts", "", 2000, 4000, 500),
                ("4202920000", "backpacks", "", 1000, 5000, 700),
                ("8504401400", "phone chargers", "APPLE", 2000, 6000, 100),
            ],
        ),
    ),
    (
        "ADDIDAS shoes",
        _decl(
            "N15",
            "2016-08-08",
            "export",
            "CNXMN",
            "sea",
            "general",
            "FJ-T-15",
            "trading_company",
            "CN-FJ",
            "CN",
            "NG",
            [("6404190000", "sports shoes", "ADDIDAS", 3000, 15000, 2400)],
        ),
    ),
    (
        "RAYBAN sunglasses by post to the USA in April",
        _decl(
            "N17",
            "2016-04-12",
            "export",
            "CNSHA",
            "postal",
            "cross_border_ecommerce",
            "SH-E-17",
            "individual",
            "CN-SH",
            "CN",
            "US",
            [("9004100000", "sunglasses", "RAYBAN", 40, 120, 4)],
        ),
    ),
    (
        "NIKEE shoes by a trader (short mark misspelt)",
        _decl(
            "N18",
            "2016-09-09",
            "export",
            "CNXMN",
            "sea",
            "general",
            "FJ-T-18",
            "trading_company",
            "CN-FJ",
            "CN",
            "NG",
            [("6404190000", "sports shoes", "NIKEE", 3000, 9000, 2400)],
        ),
    ),
    (
        "VIAGRA by express",
        _decl(
            "N16",
            "2016-08-06",
            "export",
            "Gongbei",
            "express",
            "general",
            "GD-T-16",
            "trading_company",
            "CN-GD",
            "CN",
            "AU",
            [("3004909099", "tablets", "VIAGRA", 1000, 800, 20)],
        ),
    ),
]
ORDINARY = [  # legitimate trade that shares an indicator with a seizure
    (
        "mixed consumer goods to Vietnam at Dongxing at ordinary prices, no report (C08 had its tip-off)",
        _decl(
            "O14B",
            "2016-10-05",
            "export",
            "Dongxing",
            "road",
            "border_trade",
            "GX-T-14",
            "trading_company",
            "CN-GX",
            "CN",
            "VN",
            [
                ("6404190000", "shoes", "", 1000, 5000, 800),
                ("6109100000", "t-shirts", "", 2000, 4000, 500),
                ("4202920000", "backpacks", "", 1000, 5000, 700),
                ("8518300000", "earphones", "", 2000, 6000, 100),
            ],
        ),
    ),
    (
        "Zhejiang furniture through Shanghai",
        _decl(
            "O01",
            "2016-07-02",
            "export",
            "CNSHA",
            "sea",
            "general",
            "ZJ-M-1",
            "manufacturer",
            "CN-ZJ",
            "CN",
            "US",
            [("9403609990", "wooden furniture", "", 300, 21000, 7000)],
        ),
    ),
    (
        "NIKE licensee's shoes",
        _decl(
            "O02",
            "2016-07-04",
            "export",
            "CNXMN",
            "sea",
            "general",
            "OEM-FJ-JJ-SHOES-01",
            "manufacturer",
            "CN-FJ",
            "CN",
            "US",
            [("6404190000", "sports shoes", "NIKE", 10000, 110000, 8000)],
        ),
    ),
    (
        "Shell's own lubricant import",
        _decl(
            "O03",
            "2016-07-05",
            "import",
            "Huangpu",
            "sea",
            "general",
            "SHELL-CN-LUB-01",
            "manufacturer",
            "CN-GD",
            "SG",
            "CN",
            [("2710199100", "lubricating oil", "SHELL", 20000, 56000, 20000)],
        ),
    ),
    (
        "unbranded padlocks at Ningbo",
        _decl(
            "O04",
            "2016-07-06",
            "export",
            "CNNGB",
            "sea",
            "general",
            "ZJ-M-4",
            "manufacturer",
            "CN-ZJ",
            "CN",
            "US",
            [("8301100000", "padlocks", "NO BRAND", 50000, 75000, 10000)],
        ),
    ),
    (
        "SANHUA valves (one letter from SANHUAN)",
        _decl(
            "O05",
            "2016-07-11",
            "export",
            "CNNGB",
            "sea",
            "general",
            "ZJ-M-5",
            "manufacturer",
            "CN-ZJ",
            "CN",
            "US",
            [("8481809000", "expansion valves", "SANHUA", 10000, 80000, 3000)],
        ),
    ),
    (
        "OPPLE lamps",
        _decl(
            "O06",
            "2016-07-12",
            "export",
            "CNSHA",
            "sea",
            "general",
            "SH-M-6",
            "manufacturer",
            "CN-SH",
            "CN",
            "DE",
            [("9405409000", "LED lamps", "OPPLE", 10000, 60000, 8000)],
        ),
    ),
    (
        "phone cases for iPhone",
        _decl(
            "O07",
            "2016-07-19",
            "export",
            "CNSZX",
            "sea",
            "general",
            "GD-M-7",
            "manufacturer",
            "CN-GD",
            "CN",
            "US",
            [("3926909090", "phone cases for iPhone 6", "", 20000, 16000, 800)],
        ),
    ),
    (
        "brake pads for Toyota",
        _decl(
            "O08",
            "2016-07-20",
            "export",
            "CNNGB",
            "sea",
            "general",
            "ZJ-M-8",
            "manufacturer",
            "CN-ZJ",
            "CN",
            "US",
            [("8708301000", "brake pads for Toyota Camry", "", 10000, 50000, 9000)],
        ),
    ),
    (
        "unbranded shoes to the USA in March",
        _decl(
            "O09",
            "2016-03-14",
            "export",
            "CNXMN",
            "sea",
            "general",
            "FJ-M-9",
            "manufacturer",
            "CN-FJ",
            "CN",
            "US",
            [("6404190000", "sports shoes", "", 10000, 50000, 8000)],
        ),
    ),
    (
        "scooter patent holder at Tianjin in December",
        _decl(
            "O10",
            "2016-12-14",
            "export",
            "CNTSN",
            "sea",
            "general",
            "NINEBOT-BJ-01",
            "manufacturer",
            "CN-BJ",
            "CN",
            "US",
            [("8711900090", "self-balancing scooters", "NINEBOT", 500, 150000, 6000)],
        ),
    ),
    (
        "toys to Mexico at an ordinary price",
        _decl(
            "O11",
            "2016-07-08",
            "export",
            "CNSZX",
            "sea",
            "general",
            "GD-M-11",
            "manufacturer",
            "CN-GD",
            "CN",
            "MX",
            [("9503008900", "plastic toys", "", 20000, 22000, 2400)],
        ),
    ),
    (
        "three kinds of goods to Nigeria",
        _decl(
            "O12",
            "2016-07-21",
            "export",
            "CNNGB",
            "sea",
            "general",
            "ZJ-M-12",
            "trading_company",
            "CN-ZJ",
            "CN",
            "NG",
            [
                ("6404190000", "sports shoes", "", 3000, 15000, 2400),
                ("6109100000", "t-shirts", "", 5000, 10000, 1250),
                ("4202920000", "backpacks", "", 2000, 10000, 1400),
            ],
        ),
    ),
    (
        "office written in an unlisted way",
        _decl(
            "O13",
            "2016-07-25",
            "export",
            "Ningbo Port Group Terminal 3",
            "sea",
            "general",
            "ZJ-M-13",
            "manufacturer",
            "CN-ZJ",
            "CN",
            "US",
            [("9403609990", "furniture", "", 300, 21000, 7000)],
        ),
    ),
    (
        "unlisted OEM maker's NIKE shoes at its usual port",
        _decl(
            "O15",
            "2016-05-10",
            "export",
            "CNXMN",
            "sea",
            "general",
            "FJ-SHOE-15",
            "manufacturer",
            "CN-FJ",
            "CN",
            "US",
            [("6404110000", "sports shoes", "NIKE", 12000, 216000, 9000)],
        ),
    ),
    (
        "genuine Castrol imported from Germany by a distributor",
        _decl(
            "O16",
            "2016-08-10",
            "import",
            "CNSHA",
            "sea",
            "general",
            "SH-AUTO-16",
            "trading_company",
            "CN-SH",
            "DE",
            "CN",
            [("2710199100", "lubricating oil", "CASTROL", 18000, 54000, 18000)],
        ),
    ),
    (
        "Toyota parts imported by a distributor",
        _decl(
            "O17",
            "2016-07-20",
            "import",
            "CNTSN",
            "sea",
            "general",
            "TJ-AP-17",
            "trading_company",
            "CN-TJ",
            "JP",
            "CN",
            [("8708999990", "auto parts", "TOYOTA", 2000, 80000, 6000)],
        ),
    ),
    (
        "a holder-named company's 三环 padlocks at Ningbo",
        _decl(
            "O18",
            "2016-09-12",
            "export",
            "CNNGB",
            "sea",
            "general",
            "ZJ-SANHUAN-LOCK",
            "manufacturer",
            "CN-ZJ",
            "CN",
            "NG",
            [("8301100000", "padlocks", "三环", 60000, 90000, 12000)],
        ),
    ),
    (
        "a maker's own BUTERFLY label at a normal price (indistinguishable from a house brand at lodging)",
        _decl(
            "N07",
            "2016-03-18",
            "export",
            "CNSHA",
            "sea",
            "general",
            "ZJ-T-7",
            "manufacturer",
            "CN-ZJ",
            "CN",
            "KE",
            [("8452100000", "sewing machines", "BUTERFLY", 1000, 30000, 12000)],
        ),
    ),
    (
        "dragon fruit imported at Pingxiang",
        _decl(
            "O14",
            "2016-07-10",
            "import",
            "CNPXG",
            "road",
            "border_trade",
            "GX-M-14",
            "trading_company",
            "CN-GX",
            "VN",
            "CN",
            [("0810909000", "dragon fruit", "", 20000, 16000, 20000)],
        ),
    ),
]


def _lanes(profile, cases):
    res = profile.score([d for _, d in cases], random=False)
    assert res.rejects.height == 0, res.rejects
    return {r["decl_id"]: r for r in res.declarations.iter_rows(named=True)}


def test_new_instances_of_the_patterns_are_flagged(profile):
    lanes = _lanes(profile, NEW_INSTANCES)
    missed = [
        (name, lanes[d["decl_id"]]["score"], lanes[d["decl_id"]]["rules"])
        for name, d in NEW_INSTANCES
        if lanes[d["decl_id"]]["lane"] == "green"
    ]
    assert not missed


def test_ordinary_trade_sharing_an_indicator_stays_green(profile):
    lanes = _lanes(profile, ORDINARY)
    flagged = [
        (name, lanes[d["decl_id"]]["score"], lanes[d["decl_id"]]["rules"])
        for name, d in ORDINARY
        if lanes[d["decl_id"]]["lane"] != "green"
    ]
    assert not flagged


def test_cli_says_which_rule_forced_a_lane_the_score_would_not_reach(monkeypatch, tmp_path):
    """C07's Ningbo instruction made to force red: the padlocks score yellow, the table says what forced red."""
    monkeypatch.setenv("COLUMNS", "320")  # one line per scenario
    text = (ROOT / "scenarios" / "C07.yaml").read_text(encoding="utf-8")
    start = text.index("id: INTEL-C07-NB")
    forced = text[:start] + text[start:].replace("lane: yellow", "lane: red", 1).replace("2016-02-05", "2016-01-01", 1)
    (tmp_path / "C07.yaml").write_text(forced, encoding="utf-8")
    (tmp_path / "C01.yaml").write_text((ROOT / "scenarios" / "C01.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    res = runner.invoke(app, ["replay", "--profile", str(PROFILE), "--scenarios", str(tmp_path), "--no-baseline"])
    text = "".join(res.stdout.split())  # any terminal width: wrapping must not matter
    assert "forcedbyINTEL-C07-NB" in text  # yellow by score, red by the instruction
    assert "forcedbyINTEL-C01" not in text  # C01 scores red on its own
