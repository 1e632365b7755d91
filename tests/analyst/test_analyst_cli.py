import json

import polars as pl
from typer.testing import CliRunner

from riskprofile import load_profile
from riskprofile.analyst.backtest import score_labelled
from riskprofile.analyst.data import LabelSpec
from riskprofile.cli.main import app
from riskprofile.io.normalise import DECLARATION_HEADER

runner = CliRunner()


def _backtest(profile_dir, data_files, *extra):
    return runner.invoke(
        app,
        [
            "backtest",
            str(data_files["valid"]),
            "--label",
            "fraud",
            "--profile",
            str(profile_dir / "profile.yaml"),
            "--history",
            str(data_files["train"]),
            *extra,
        ],
    )


def test_backtest_json_and_report(profile_dir, data_files, tmp_path):
    rep = tmp_path / "rep"
    r = _backtest(profile_dir, data_files, "--json", "--report", str(rep))
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["declarations"] == 600 and [x["rate"] for x in out["rates"]] == [0.01, 0.02, 0.05, 0.1]
    assert out["rates"][2]["precision"] >= 0.7 > 2 * out["base_rate"]  # the goods record finds the fraud
    assert {x["rule"] for x in out["rules"]} >= {"GOODS-RATE", "NOISE"}
    assert out["meta"]["timing"]["declarations"] == 600
    for f in ("report.html", "report.md", "metrics.json", "thresholds.png", "capacity.png", "rule_precision.png"):
        assert (rep / f).stat().st_size > 0
    page = (rep / "report.html").read_text()
    assert "<pre>" not in page and "{" not in page.split("<body>")[1]  # no raw JSON dump
    for section in ("Glossary", "confusion matrix", "Cost and benefit", "Per rule", "95% interval"):
        assert section in page
    md = (rep / "report.md").read_text()
    assert "- **caught by it alone**:" in md and "- **lift**:" in md and "thresholds.png" in md


def test_report_confusion_matrix_and_cost_add_up(profile_dir, data_files, tmp_path):
    rep = tmp_path / "rep"
    r = _backtest(profile_dir, data_files, "--json", "--report", str(rep), "--inspection-cost", "10")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    flagged = out["lanes"][1]
    assert flagged["tp"] + flagged["fn"] == out["positives"]
    assert flagged["tp"] + flagged["fp"] + flagged["fn"] + flagged["tn"] == out["labelled"]
    md = (rep / "report.md").read_text()
    cost = md.split("## Cost and benefit")[1].split("\n## ")[0]
    row = next(x for x in cost.splitlines() if x.startswith("| yellow or red"))
    cells = [c.strip() for c in row.strip("|").split("|")]  # inspect, inspections, found, value, break-even, cost, net
    assert cells[1] == f"{flagged['n']:,}" and cells[2] == f"{flagged['caught']:,}"
    assert cells[5] == f"{flagged['n'] * 10:,.0f}"
    assert cells[6] == f"{flagged['value_caught'] - flagged['n'] * 10:,.0f}"
    assert "| inspect | inspections | positives found |" in md and "net benefit |" in md


def test_backtest_human(profile_dir, data_files):
    r = _backtest(profile_dir, data_files)
    assert r.exit_code == 0, r.output
    assert "At inspection capacities" in r.output and "Per rule" in r.output


def test_labels_of_scored_rows_are_hidden_unless_online(profile_dir, data_files):
    prof = load_profile(profile_dir / "profile.yaml")
    valid = pl.read_csv(data_files["valid"], infer_schema=False)
    # without history, hidden labels: the outcome rules can never fire
    s, _ = score_labelled(prof, [valid], [LabelSpec("fraud")])
    j = s.rule_ids.index("GOODS-RATE")
    assert not s.fired[:, j].any()
    # online: earlier days of the file teach the rate
    s, _ = score_labelled(prof, [valid], [LabelSpec("fraud")], online=True)
    assert s.fired[:, j].any()


def test_batches_equal_one_pass(profile_dir, data_files):
    prof = load_profile(profile_dir / "profile.yaml")
    valid = pl.read_csv(data_files["valid"], infer_schema=False)
    train = pl.read_csv(data_files["train"], infer_schema=False)
    a, ta = score_labelled(prof, [valid], [LabelSpec("fraud")], history=[train])
    b, tb = score_labelled(prof, [valid], [LabelSpec("fraud")], history=[train], batch_rows=100)
    assert tb.batches > 1 and ta.batches == 1
    assert (a.decl_id == b.decl_id).all() and (a.score == b.score).all() and (a.fired == b.fired).all()


def test_compare(profile_dir, data_files, tmp_path):
    other = tmp_path / "other"
    import shutil

    shutil.copytree(profile_dir, other)
    rules = other / "rules" / "rules.yaml"
    rules.write_text(rules.read_text().replace("weight: 10   # hand-set", "weight: 0   # hand-set"))
    r = runner.invoke(
        app,
        [
            "compare",
            str(profile_dir),
            str(other),
            str(data_files["valid"]),
            "--label",
            "fraud",
            "--history",
            str(data_files["train"]),
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert len(out["only_one"]) == 4
    changed = {x["rule"]: x for x in out["rules"] if x["status"] != "same"}
    assert changed["GOODS-RATE"]["weight_a"] == 10 and changed["GOODS-RATE"]["weight_b"] == 0


def test_compare_report_is_one_side_by_side_table_and_the_changed_rules(profile_dir, data_files, tmp_path):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(profile_dir, other)
    rules = other / "rules" / "rules.yaml"
    rules.write_text(rules.read_text().replace("weight: 10   # hand-set", "weight: 0   # hand-set"))
    rep = tmp_path / "rep"
    args = ["compare", str(profile_dir), str(other), str(data_files["valid"]), "--label", "fraud"]
    r = runner.invoke(app, [*args, "--history", str(data_files["train"]), "--report", str(rep)])
    assert r.exit_code == 0, r.output
    md = (rep / "report.md").read_text()
    assert md.count("| metric | A | B | B - A |") == 1
    changed = [x for x in md.splitlines() if x.startswith("| GOODS-RATE |")]
    assert len(changed) == 1 and "weight 10 -> 0" in changed[0]
    assert not any(x.startswith("| NOISE |") for x in md.splitlines())  # unchanged rules are left out
    assert "Rules that changed" in r.output and "Side by side" in r.output
    assert "weight" in next(x for x in r.output.splitlines() if "GOODS-RATE" in x)


def test_missing_label_is_bad_input(profile_dir, data_files):
    r = runner.invoke(
        app, ["backtest", str(data_files["valid"]), "--label", "nope", "--profile", str(profile_dir / "profile.yaml")]
    )
    assert r.exit_code == 2


def test_streaming_equals_in_memory_and_keeps_declarations_whole(profile_dir, data_files, tmp_path):
    from riskprofile.analyst.backtest import can_stream, score_files

    prof = load_profile(profile_dir / "profile.yaml")
    assert can_stream(prof, online=False) and not can_stream(prof, online=True)
    valid = pl.read_csv(data_files["valid"], infer_schema=False).head(160)  # 20+ batches of 7 rows are enough
    # two goods lines per declaration: a batch of 7 rows must not split one
    two = valid.with_columns((pl.col("decl_id").str.slice(1).cast(pl.Int64) // 2).cast(pl.String).alias("decl_id"))
    # the lines of one declaration share its header (lines that disagree would be rejected)
    two = two.with_columns(pl.col(c).first().over("decl_id") for c in DECLARATION_HEADER if c in two.columns)
    path = tmp_path / "two.csv"
    two.write_csv(path)
    train = pl.read_csv(data_files["train"], infer_schema=False)
    a, _ = score_labelled(prof, [two], [LabelSpec("fraud")], history=[train])
    b, tb = score_files(prof, [path], [LabelSpec("fraud")], history=[train], batch_rows=7)
    assert tb.batches > 10 and tb.mode == "streaming"
    assert b.n == a.n == two["decl_id"].n_unique()
    assert (
        (a.decl_id == b.decl_id).all() and (a.score == b.score).all() and (a.truth["fraud"] == b.truth["fraud"]).all()
    )
