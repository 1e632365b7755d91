import json

import polars as pl
from typer.testing import CliRunner

from riskprofile import load_profile
from riskprofile.analyst.backtest import score_labelled
from riskprofile.analyst.data import LabelSpec
from riskprofile.cli.main import app

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
    for f in ("report.html", "metrics.json", "precision_recall.png", "rule_lift.png"):
        assert (rep / f).stat().st_size > 0
    assert "Per rule" in (rep / "report.html").read_text()


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


def test_missing_label_is_bad_input(profile_dir, data_files):
    r = runner.invoke(
        app, ["backtest", str(data_files["valid"]), "--label", "nope", "--profile", str(profile_dir / "profile.yaml")]
    )
    assert r.exit_code == 2


def test_streaming_equals_in_memory_and_keeps_declarations_whole(profile_dir, data_files, tmp_path):
    from riskprofile.analyst.backtest import can_stream, score_files

    prof = load_profile(profile_dir / "profile.yaml")
    assert can_stream(prof, online=False) and not can_stream(prof, online=True)
    valid = pl.read_csv(data_files["valid"], infer_schema=False)
    # two goods lines per declaration: a batch of 7 rows must not split one
    two = valid.with_columns((pl.col("decl_id").str.slice(1).cast(pl.Int64) // 2).cast(pl.String).alias("decl_id"))
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
