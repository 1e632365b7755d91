"""The Spark engine in local[2], in one file so that one pytest-xdist worker (--dist loadfile) starts one JVM:
`score_dataframe` equals one pass of `Profile.score` exactly (1, 3 and 7 trader buckets, trader ids as typed,
rejected rows, a declaration whose lines name two traders, history sharing a decl_id), and `score --engine
spark` writes what the default engine writes; refusals exit 2 before Spark starts."""

import datetime as dt
import json
import os
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from riskprofile import load_profile
from riskprofile.cli.main import app
from riskprofile.engine.batches import BatchSummary
from riskprofile.testing.synth import goods_lines

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data():
    profile = load_profile(ROOT / "rules" / "profile.yaml")
    lines = goods_lines(20_000, profile.lists, seed=11)
    history = goods_lines(4_000, profile.lists, seed=12, start=dt.date(2015, 1, 1))
    history = history.with_columns(pl.concat_str(pl.lit("H"), "decl_id").alias("decl_id"))
    i = pl.int_range(pl.len())
    t = pl.col("trader_id")
    lines = lines.with_columns(
        # trader ids as typed: lower case, padded (normalised to one trader, so to one bucket)
        pl.when(i % 3 == 1)
        .then(t.str.to_lowercase())
        .when(i % 3 == 2)
        .then(pl.concat_str(pl.lit("  "), t, pl.lit(" ")))
        .otherwise(t)
        .alias("trader_id"),
        pl.when(i == 9).then(pl.lit("not-hs")).otherwise(pl.col("hs_code")).alias("hs_code"),
    )
    # a declaration whose lines name two traders (rejected whole), and a history declaration with an input's id
    two = lines.group_by("decl_id").len().filter(pl.col("len") > 1)["decl_id"].sort()[0]
    lines = lines.with_columns(
        pl.when((pl.col("decl_id") == two) & (pl.col("item_no") == 2))
        .then(pl.lit("T-OTHER"))
        .otherwise(t)
        .alias("trader_id")
    )
    history = history.with_columns(
        pl.when(pl.col("decl_id") == history["decl_id"][0])
        .then(pl.lit(two))
        .otherwise(pl.col("decl_id"))
        .alias("decl_id")
    )
    lines = lines.with_columns(pl.col("declared_at").cast(pl.String))  # as read from CSV
    whole = profile.score(lines, history=history)
    return profile, lines, history, whole


@pytest.mark.parametrize("buckets", [1, 3, 7])
def test_spark_equals_one_pass(spark, data, buckets):
    from riskprofile.spark import score_dataframe

    profile, lines, history, whole = data
    positioned = lines.with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_pos"),
        pl.lit("<memory>").alias("_file"),
        pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("_row"),
    )
    counts = BatchSummary()
    decls, rejects = score_dataframe(
        spark.createDataFrame(positioned.to_arrow()),
        profile,
        spark.createDataFrame(history.to_arrow()),
        buckets=buckets,
        counts=counts,
    )
    got = pl.from_arrow(decls.toArrow())
    assert got.to_dicts() == whole.declarations.to_dicts()
    rejected = pl.from_arrow(rejects.toArrow())
    assert rejected.to_dicts() == whole.rejects.sort("row", maintain_order=True).to_dicts()
    assert rejected["reason"].str.contains("disagree on trader_id").any()
    assert counts.rows_in == lines.height == counts.rows_scored + counts.rows_rejected
    assert counts.batches == buckets and counts.declarations == whole.declarations.height
    assert counts.lanes == whole.lanes()
    spark.catalog.clearCache()


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


def test_cli_spark_refuses_what_it_cannot_score(score_workdir):
    wrong = _score(score_workdir, "in.csv", "--engine", "spark", "--mapping", "m.yaml")
    assert wrong.exit_code == 2 and "--engine spark does not take --mapping" in " ".join(wrong.output.split())
    engine = _score(score_workdir, "in.csv", "--engine", "dask")
    assert engine.exit_code == 2 and "use polars or spark" in engine.output


def test_rejects_of_a_dataframe_without_rows_name_the_file_declaration_and_item_no(spark, data, tmp_path):
    """Lines read by Spark itself carry no `_file`/`_row`: a reject names the file Spark read and the
    declaration and item_no, not a Spark row id; lines made in memory are `<dataframe>`."""
    from riskprofile.spark import score_dataframe

    profile, lines, _, whole = data
    some = lines.head(400)
    bad = some.filter(pl.col("hs_code") == "not-hs").select("decl_id", "item_no").row(0)
    path = tmp_path / "lines.parquet"
    some.write_parquet(path)
    for df, where in (
        (spark.read.parquet(str(path)), str(path)),
        (spark.createDataFrame(some.to_arrow()), "<dataframe>"),
    ):
        _, rejects = score_dataframe(df, profile, buckets=2)
        got = pl.from_arrow(rejects.toArrow())
        assert got.height == some.filter(pl.col("decl_id") == bad[0]).height
        assert set(got["file"]) == {where} and got["row"].null_count() == got.height
        assert f"declaration {bad[0]} item_no {bad[1]}: hs_code 'not-hs' is not 6-10 digits" in got["reason"].to_list()
    spark.catalog.clearCache()
