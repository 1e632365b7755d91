"""The clean baseline (`examples/baseline.csv`) is realistic legitimate trade: recorded marks used by their
holders, group companies and licensees, genuine parallel imports, market procurement, e-commerce mixed
loads, border small trade, integrated clearance, cheap goods and house brands close to famous marks.
The shares below are what the generator (`examples/make_baseline.py`, `examples/legit_trade.py`) puts in;
the false alarms the profile raises on it are reported by `riskprofile replay`."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from riskprofile import load_profile
from riskprofile.io.read import read_frame

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "examples" / "baseline.csv"


@pytest.fixture(scope="module")
def decls():
    prof = load_profile(ROOT / "rules" / "profile.yaml")
    lines = prof.prepare(read_frame(BASELINE), features={"any_mark", "mark_authorised", "brand_exact"}).lines
    return lines.group_by("decl_id", maintain_order=True).agg(
        pl.col("direction", "trade_mode_code", "exit_office", "customs_office", "overseas_party").first(),
        pl.col("any_mark").drop_nulls().first(),
        pl.col("mark_authorised").drop_nulls().first(),
        pl.col("brand_exact").any(),
        pl.len().alias("n_lines"),
    )


def share(frame: pl.DataFrame, n: int) -> float:
    return frame.height / n


def test_the_baseline_carries_each_form_of_unusual_legitimate_trade(decls):
    n = decls.height
    assert n >= 1000
    code = pl.col("trade_mode_code")
    market = decls.filter(code == "1039")
    assert share(market, n) > 0.02 and market["n_lines"].min() >= 3 and market["exit_office"].is_not_null().all()
    assert share(decls.filter(code == "4019"), n) > 0.02
    assert share(decls.filter(code.is_in(["9710", "9810"])), n) > 0.01
    away = decls.filter(pl.col("exit_office").is_not_null() & (pl.col("exit_office") != pl.col("customs_office")))
    assert share(away, n) > 0.03


def test_recorded_marks_are_mostly_used_by_those_allowed_to(decls):
    n = decls.height
    marked = decls.filter(pl.col("any_mark").is_not_null())
    authorised = marked.filter(pl.col("mark_authorised"))
    assert share(authorised, n) > 0.08
    to_holder = authorised.filter(pl.col("overseas_party").is_not_null() & (pl.col("direction") == "export"))
    assert to_holder.height > 20
    parallel = marked.filter(~pl.col("mark_authorised") & (pl.col("direction") == "import"))
    assert share(parallel, n) > 0.01
    lookalike = marked.filter(~pl.col("brand_exact") & (pl.col("direction") == "export"))
    assert lookalike.height > 5
