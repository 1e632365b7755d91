"""score --leads / --results / --actions: instructions and confirmed cases alongside the profile; the
`score --json` contract unchanged."""

import json

from typer.testing import CliRunner

from riskprofile.cli.main import app
from riskprofile.loader.scenario import load_scenario
from riskprofile.model.declaration import declarations_to_frame


def test_the_c06_tip_off_lead_forces_an_inspection_with_its_requirement(tmp_path):
    sc = load_scenario("scenarios/C06.yaml")
    decls = sc.declarations + sc.controls[0].declarations
    path = tmp_path / "lodged.csv"
    declarations_to_frame(decls).write_csv(path)
    runner = CliRunner()
    plain = runner.invoke(app, ["score", str(path), "--json", "--no-random"])
    led = runner.invoke(
        app,
        [
            "score",
            str(path),
            "--json",
            "--no-random",
            "--leads",
            "scenarios/leads",
            "--actions",
            str(tmp_path / "a.jsonl"),
        ],
    )
    assert plain.exit_code == 0 and led.exit_code == 0, led.output
    before = {d["decl_id"]: d for d in map(json.loads, plain.stdout.splitlines())}
    after = {d["decl_id"]: d for d in map(json.loads, led.stdout.splitlines())}
    assert set(after["C06-D1"]) == {"decl_id", "score", "lane", "rules", "forced_by", "random"}
    # standing rules see an unbranded-shoe export of a far trading company (TRADER-006); the lead forces red
    assert before["C06-D1"]["forced_by"] is None and after["C06-D1"]["forced_by"] == "INTEL-C06-TIP"
    assert after["C06-D1"]["lane"] == "red"
    assert after["C06-K1-D1"]["lane"] == "green"  # the local trader's shoes stay green
    actions = {a["decl_id"]: a for a in map(json.loads, (tmp_path / "a.jsonl").read_text().splitlines())}
    assert actions["C06-D1"]["action"] == "inspection"
    assert actions["C06-D1"]["instructions"] == ["INTEL-C06-TIP"]
    assert "door" in actions["C06-D1"]["inspection"][0]
    assert actions["C06-K1-D1"]["action"] == "release"


def test_confirmed_results_join_the_trader_history(tmp_path):
    sc = load_scenario("scenarios/C05.yaml")
    path = tmp_path / "lodged.csv"
    declarations_to_frame(sc.declarations[:1]).write_csv(path)
    d = sc.declarations[0]
    res = tmp_path / "r.jsonl"
    res.write_text(
        json.dumps(
            {
                "decl_id": "EARLIER-1",
                "declared_at": "2015-12-01",
                "trader_id": d.trader_id,
                "found": True,
                "inspected": True,
                "action": "inspection",
                "holder_confirmed": True,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = runner.invoke(app, ["score", str(path), "--json", "--no-random", "--results", str(res)])
    assert out.exit_code == 0, out.output
    assert "INTEL-001" in json.loads(out.stdout.splitlines()[0])["rules"]
    without = runner.invoke(app, ["score", str(path), "--json", "--no-random"])
    assert "INTEL-001" not in json.loads(without.stdout.splitlines()[0])["rules"]
