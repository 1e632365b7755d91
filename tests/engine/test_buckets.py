"""Trader buckets: sizes by rows, the biggest traders alone, declarations whole, history summaries."""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from riskprofile import load_profile
from riskprofile.engine.buckets import decl_table, line_keys, plan_buckets, score_in_buckets, with_buckets
from riskprofile.engine.history_summary import build_summary
from riskprofile.testing.synth import goods_lines

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def profile():
    return load_profile(ROOT / "rules" / "profile.yaml")


def test_buckets_are_sized_by_rows_and_the_biggest_trader_has_its_own(profile):
    lines = goods_lines(6_000, profile.lists, seed=5)
    lines = lines.with_columns(
        pl.when(pl.col("trader_id") == "T0").then(pl.lit("T1")).otherwise("trader_id").alias("trader_id")
    )
    heavy = goods_lines(3_000, profile.lists, seed=6).with_columns(
        pl.lit(" big-co ").alias("trader_id"), pl.concat_str(pl.lit("X"), "decl_id").alias("decl_id")
    )
    raw = pl.concat([lines, heavy.select(lines.columns)])
    plan = plan_buckets(decl_table(line_keys(raw)), buckets=None, target_lines=2_000)
    assert plan.n == 3 and len(plan.own) == 1  # 6,000 lines in 3 hash buckets, BIG-CO's 3,000 alone
    sized = with_buckets(raw, plan)
    counts = sized.group_by("_bucket").len()
    assert counts.height == 4
    alone = sized.filter(pl.col("trader_id") == " big-co ")["_bucket"].unique()
    assert alone.to_list() == [3] and counts.filter(pl.col("_bucket") == 3)["len"].item() == 3_000
    # a declaration is in one bucket, whatever its lines say
    assert sized.group_by("decl_id").agg(pl.col("_bucket").n_unique())["_bucket"].max() == 1


def test_buckets_with_a_history_summary_equal_one_pass(profile):
    history = goods_lines(4_000, profile.lists, seed=8, start=dt.date(2015, 1, 1), days=300)
    history = history.with_columns(pl.concat_str(pl.lit("H"), "decl_id").alias("decl_id"))
    lines = goods_lines(6_000, profile.lists, seed=9, start=dt.date(2016, 1, 1))
    lines = lines.with_columns(pl.col("trader_id").str.to_lowercase())  # as typed: normalised to the summary's ids
    summary = build_summary(profile, [history], as_of=dt.date(2016, 1, 1))
    whole = profile.score(lines, summary=summary)
    assert not whole.declarations.equals(profile.score(lines).declarations)  # the summary's history counts
    decls, rejects, counts = score_in_buckets(profile, lines, summary=summary, buckets=5)
    assert decls.to_dicts() == whole.declarations.to_dicts()
    assert rejects.height == whole.rejects.height == 0 and counts.rows_in == lines.height == counts.rows_scored


def test_lines_without_row_numbers_are_rejected_by_declaration_and_item_no(profile):
    """A Spark DataFrame's lines carry no row number: a reject names the declaration and item_no (a row id
    would be nowhere a person can look), also where another line's reason points at it."""
    from riskprofile.engine.buckets import score_bucket

    lines = goods_lines(200, profile.lists, seed=3)
    bad = lines.filter(pl.col("item_no") == 2)["decl_id"][0]  # a declaration with 2+ lines
    lines = lines.with_columns(
        pl.when((pl.col("decl_id") == bad) & (pl.col("item_no") == 2))
        .then(pl.lit("not-hs"))
        .otherwise(pl.col("hs_code"))
        .alias("hs_code")
    )
    whole = profile.score(lines)
    raw = lines.with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("_pos"),
        pl.lit("<dataframe>").alias("_file"),
        pl.lit(None, pl.Int64).alias("_row"),
    )
    got = score_bucket(profile, raw)
    assert got.declarations.drop("_pos").to_dicts() == whole.declarations.to_dicts()
    rejects = got.rejects
    assert rejects.height == whole.rejects.height == lines.filter(pl.col("decl_id") == bad).height
    assert rejects["row"].null_count() == rejects.height and set(rejects["file"]) == {"<dataframe>"}
    (own,) = rejects.filter(pl.col("reason").str.contains("not-hs"))["reason"]
    assert own == f"declaration {bad} item_no 2: hs_code 'not-hs' is not 6-10 digits"
    others = rejects.filter(~pl.col("reason").str.contains("not-hs"))
    assert others.height and all(
        r.startswith(f"declaration {bad} item_no ") and f"has a rejected line (declaration {bad} item_no 2)" in r
        for r in others["reason"]
    )
    # each reject keeps its line's position (Spark orders the rejects by it)
    at = raw.filter(pl.col("decl_id") == bad).select(
        "_pos", pl.format("declaration {} item_no {}", "decl_id", "item_no")
    )
    assert sorted(zip(rejects["_pos"], [r.split(":")[0] for r in rejects["reason"]], strict=True)) == sorted(at.rows())
