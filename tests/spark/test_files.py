"""`score --engine spark` through the CLI (in this process, on the shared session): the outputs of the
default engine, as directories; refusals exit 2 before Spark starts."""

import json
import os

import polars as pl
from typer.testing import CliRunner

from riskprofile.cli.main import app


def _score(workdir, *args):
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        return CliRunner().invoke(app, ["score", *args, "--profile", "profile.yaml"])
    finally:
        os.chdir(cwd)


def test_cli_spark_writes_what_the_default_engine_writes(spark, score_workdir):
    one = _score(score_workdir, "in.csv", "--out", "one.parquet", "--rejects", "one-rejects.parquet")
    assert one.exit_code == 1
    got = _score(score_workdir, "in.csv", "--engine", "spark", "--out", "out", "--rejects", "rejected", "--json")
    assert got.exit_code == 1, got.output  # a row was rejected: findings, results written
    counts = json.loads(got.stdout)
    assert counts["rows_in"] == 4 == counts["rows_scored"] + counts["rows_rejected"] and counts["rows_rejected"] == 1
    out = pl.read_parquet(score_workdir / "out" / "*.parquet")
    assert out.to_dicts() == pl.read_parquet(score_workdir / "one.parquet").to_dicts()
    rejects = pl.read_parquet(score_workdir / "rejected" / "*.parquet")
    assert rejects.to_dicts() == pl.read_parquet(score_workdir / "one-rejects.parquet").to_dicts()
    # run again: the directories are replaced, not added to
    assert _score(score_workdir, "in.csv", "--engine", "spark", "--out", "out").exit_code == 1
    assert pl.read_parquet(score_workdir / "out" / "*.parquet").height == out.height


def test_cli_spark_refuses_what_it_cannot_score(tmp_path, score_workdir):
    (score_workdir / "blocked").write_text("a file where the output directory goes")
    wrong = _score(score_workdir, "in.csv", "--engine", "spark", "--mapping", "m.yaml")
    assert wrong.exit_code == 2 and "--engine spark does not take --mapping" in " ".join(wrong.output.split())
    engine = _score(score_workdir, "in.csv", "--engine", "dask")
    assert engine.exit_code == 2 and "use polars or spark" in engine.output
