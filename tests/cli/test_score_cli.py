"""`score` and `explain` end to end through the CLI, on a small profile written to disk: in-process
(typer's runner) and, for exit codes and the streams, in a real `python -m riskprofile.cli.main` process."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass

from typer.testing import CliRunner

from riskprofile.cli.main import app


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _args(args):
    return args if "--profile" in args else (*args, "--profile", "profile.yaml")


def run(score_workdir, *args, env=None) -> Ran:
    """The CLI in-process, from `score_workdir`."""
    before = os.getcwd()
    os.chdir(score_workdir)
    try:
        res = CliRunner().invoke(app, list(_args(args)), env=env, catch_exceptions=False)
    finally:
        os.chdir(before)
    return Ran(res.exit_code, res.stdout, res.stderr)


def run_process(score_workdir, *args) -> Ran:
    """The CLI as a real process, from `score_workdir`."""
    proc = subprocess.run(
        [sys.executable, "-m", "riskprofile.cli.main", *_args(args)], capture_output=True, text=True, cwd=score_workdir
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def test_score_json_contract_and_row_accounting(score_workdir):
    proc = run_process(score_workdir, "score", "in.csv", "--json", "--rejects", "rej.csv")
    assert proc.returncode == 1, proc.stderr  # a row was rejected: findings, results still written
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["decl_id"] for r in rows] == ["K1", "K2", "K3"]
    assert all(set(r) == {"decl_id", "score", "lane", "rules", "forced_by", "random"} for r in rows)
    k1, k2, k3 = rows
    assert k1["rules"] == ["BRAND-LOOKALIKE", "ROUTE-SWITCH"] and k1["lane"] == "red" and k1["score"] == 75
    assert k2["lane"] == "green" and k2["rules"] == []
    assert k3["forced_by"] == "INTEL-TIP" and k3["lane"] == "red"
    rejects = (score_workdir / "rej.csv").read_text().splitlines()
    assert len(rejects) == 2 and "K4" in rejects[1] and "value 'oops' is not a number" in rejects[1]


def test_score_human_summary_says_rows_add_up(score_workdir):
    proc = run(score_workdir, "score", "in.csv")
    assert proc.returncode == 1
    assert "4 rows in = 3 scored + 1 rejected" in " ".join(proc.stdout.split())


def test_score_writes_parquet(score_workdir):
    import polars as pl

    assert run(score_workdir, "score", "in.csv", "--out", "out.parquet").returncode == 1
    df = pl.read_parquet(score_workdir / "out.parquet")
    assert df.columns == ["decl_id", "score", "lane", "rules", "forced_by", "random"]


def test_bad_profile_and_missing_input_exit_2(score_workdir, score_rules):
    (score_workdir / "rules.yaml").write_text(score_rules.replace("like_brand", "like_brandz"))
    assert run(score_workdir, "score", "in.csv").returncode == 2
    assert run(score_workdir, "score", "missing.csv", "--profile", "nope.yaml").returncode == 2


def test_explain_shows_values_arithmetic_and_near_misses(score_workdir):
    proc = run(score_workdir, "explain", "K1", "--input", "in.csv", "--json")
    assert proc.returncode == 0, proc.stderr
    e = json.loads(proc.stdout)
    assert e["lane"] == "red" and e["arithmetic"] == "45 (BRAND-LOOKALIKE) + 30 (ROUTE-SWITCH) = 75"
    assert e["fired"][0]["reason"] == "declared brand TRI-CYIRCELE resembles the recorded mark TRI-CIRCLE"
    proc = run(score_workdir, "explain", "K2", "--input", "in.csv", "--json")
    misses = {m["id"]: m for m in json.loads(proc.stdout)["near_misses"]}
    assert misses["BRAND-LOOKALIKE"]["failed"] == "mark_authorised eq False"
    assert run(score_workdir, "explain", "NOPE", "--input", "in.csv").returncode == 2


def test_explain_of_an_unknown_or_rejected_declaration_exits_2_with_a_hint(score_workdir):
    rows = (score_workdir / "in.csv").read_text()
    (score_workdir / "hist.csv").write_text(rows.replace("K1,2016-03-18", "H1,2016-01-18"))
    lower = run(score_workdir, "explain", "k1", "--input", "in.csv")
    assert lower.returncode == 2
    assert "'k1' is not in the input in.csv" in lower.stderr and "Did you mean 'K1'?" in lower.stderr
    absent = run(score_workdir, "explain", "NOPE", "--input", "in.csv")
    assert absent.returncode == 2 and "ids such as 'K1', 'K2', 'K3'" in absent.stderr
    past = run(score_workdir, "explain", "H1", "--input", "in.csv", "--history", "hist.csv")
    assert past.returncode == 2 and "It is in a --history file" in past.stderr
    rejected = run(score_workdir, "explain", "K4", "--input", "in.csv")
    assert rejected.returncode == 2
    assert "'K4' was rejected" in rejected.stderr and "in.csv:4" in rejected.stderr and "value" in rejected.stderr


def test_errors_reach_the_one_cli_catch_with_message_and_location(score_workdir, score_rules):
    missing = run(score_workdir, "score", "missing.csv")
    assert missing.returncode == 2 and "missing.csv: no such file" in missing.stderr
    bad_out = run(score_workdir, "score", "in.csv", "--out", "x.txt")
    assert bad_out.returncode == 2 and "use .parquet, .csv or .jsonl" in bad_out.stderr
    (score_workdir / "rules.yaml").write_text(score_rules.replace("like_brand", "like_brandz"))
    broken = run_process(score_workdir, "score", "in.csv", "--json")
    assert broken.returncode == 2
    finding = json.loads(broken.stderr.splitlines()[0])
    assert finding["code"] == "RP004" and finding["file"].endswith("rules.yaml") and finding["line"]


EXTRA_RULES = """
  - id: SHELL-MARK
    title: Shell's recorded mark
    family: brand
    weight: 10
    when: {hs_code: {prefix: "64"}, brand_mark: {eq: SHELL}}
    rationale: a test on a value the declaration does not have
    references: [C01]
  - id: OWN-GOODS
    title: The trader lodges its own goods
    family: trader
    weight: -10
    when: {trader_id: {eq: T1}}
    rationale: mitigating
    references: [C04]
"""


def test_human_output_says_no_value_and_marks_mitigating_rules(score_workdir, score_rules):
    (score_workdir / "rules.yaml").write_text(score_rules + EXTRA_RULES)
    env_run = run(score_workdir, "explain", "K3", "--input", "in.csv", env={"COLUMNS": "200"})  # one line per miss
    assert env_run.returncode == 0, env_run.stderr
    misses = env_run.stdout[env_run.stdout.index("Near misses") :]
    assert "SHELL-MARK" in misses and "no value" in misses and "None" not in misses
    proc = run(score_workdir, "score", "in.csv")
    top = proc.stdout[proc.stdout.index("Top rules") :]
    assert top.index("OWN-GOODS") > top.index("BRAND-LOOKALIKE")  # risk rules first, mitigating ones after
    assert "-10" in top and "mitigating" in top[top.index("OWN-GOODS") :]


def test_a_rule_file_given_as_the_profile_gets_one_clear_finding(score_workdir):
    proc = run(score_workdir, "score", "in.csv", "--profile", "rules.yaml")
    assert proc.returncode == 2
    assert "rules.yaml is a rule file, not a profile" in proc.stderr and "riskprofile lint rules.yaml" in proc.stderr
    assert proc.stderr.count("RP002") == 1 and "Input should be" not in proc.stderr
