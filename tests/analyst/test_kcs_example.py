"""The KCS worked example on the real labelled sample (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app

from .conftest import KCS, ROOT, needs_kcs

pytestmark = [pytest.mark.needs_shared, needs_kcs]
runner = CliRunner()
EX = ROOT / "examples" / "kcs"
TRAIN, VALID = KCS / "df_syn_train_eng.csv", KCS / "df_syn_valid_eng.csv"


def test_example_lints_clean():
    r = runner.invoke(app, ["lint", str(EX), "--json"])
    assert r.exit_code == 0, r.output


def test_backtest_valid_meets_targets(tmp_path):
    r = runner.invoke(
        app,
        [
            "backtest",
            str(VALID),
            "--label",
            "fraud",
            "--also",
            "critical_fraud=2",
            "--profile",
            str(EX / "profile.yaml"),
            "--mapping",
            str(EX / "mapping.yaml"),
            "--history",
            str(TRAIN),
            "--json",
            "--report",
            str(tmp_path / "rep"),
        ],
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    p = {x["rate"]: x for x in out["rates"]}
    assert out["declarations"] == 8134
    assert p[0.01]["precision"] >= 0.98 and p[0.05]["precision"] >= 0.99 and p[0.1]["precision"] >= 0.96
    assert p[0.05]["recall[critical_fraud=2]"] > 0.15
    assert out["meta"]["timing"]["seconds"] < 30


def test_evaluation_command_on_unlabelled_input(tmp_path):
    """The exact evaluation command, with the valid split standing in for NEW.csv (labels removed)."""
    new = tmp_path / "NEW.csv"
    pl.read_csv(VALID, infer_schema=False).drop("Fraud", "Critical Fraud").write_csv(new)
    cmd = [
        sys.executable,
        "-m",
        "riskprofile.cli.main",
        "score",
        str(new),
        "--mapping",
        "examples/kcs/mapping.yaml",
        "--profile",
        "examples/kcs/profile.yaml",
        "--history",
        str(TRAIN),
        "--json",
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 8134 and set(rows[0]) == {"decl_id", "score", "lane", "rules", "forced_by", "random"}
    truth = dict(pl.read_csv(VALID).select(pl.col("Declaration ID").cast(pl.String), "Fraud").iter_rows())
    scores = np.array([r["score"] for r in rows])
    y = np.array([truth[r["decl_id"]] for r in rows])
    order = np.argsort(-scores, kind="stable")
    assert y[order[:81]].mean() >= 0.98 and y[order[:407]].mean() >= 0.99 and y[order[:813]].mean() >= 0.96
    red = np.array([r["lane"] == "red" for r in rows])
    assert 0.03 < red.mean() <= 0.05 and y[red].mean() >= 0.95


def readme_command(verb: str) -> list[str]:
    """The README's `riskprofile VERB ...` command (continuations joined, comment dropped, $K expanded)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").replace("\\\n", " ")
    line = next(x for x in text.splitlines() if x.startswith(f".venv/bin/riskprofile {verb} "))
    return [a.replace("$K", str(KCS)) for a in shlex.split(line.split("#")[0])[1:]]


def test_readme_tune_command_reproduces_the_shipped_tuning():
    """The README's tune command has the flags the example was tuned with: its dry run changes nothing."""
    args = readme_command("tune")
    record = json.loads((EX / "tuning.json").read_text(encoding="utf-8"))
    assert args[args.index("--burn-in-days") + 1] == str(record["parameters"]["burn_in_days"])
    r = runner.invoke(app, [*args, "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["dry_run"] is True
    assert out["changed_files"] == [] and out["diff"] == ""
    assert out["parameters"] == record["parameters"]
    assert out["weights"]["after"] == record["weights"]["after"]
