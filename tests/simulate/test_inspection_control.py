"""Inspection under capacity, detection and the control-group estimates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from riskprofile.simulate import load_params, run
from riskprofile.simulate.control import estimates
from riskprofile.simulate.inspection import daily_capacity, inspect

from .helpers import PARAMS, StandInScorer

P = load_params(PARAMS)


def _decls(
    n: int,
    lane: str = "red",
    infringing: float = 0.5,
    random: float = 0.0,
    seed: int = 0,
    office: str = "CNNGB",
    conceal: str = "none",
    mode: str = "sea",
) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    inf = rng.random(n) < infringing
    return pl.DataFrame(
        {
            "decl_id": [f"D{i}" for i in range(n)],
            "declared_at": [dt.date(2016, 1, 4)] * n,
            "customs_office": [office] * n,
            "transport_mode": [mode] * n,
            "lane": [lane] * n,
            "score": rng.random(n) * 100,
            "random": rng.random(n) < random,
            "infringing": inf,
            "concealment": pl.Series([conceal if x else None for x in inf], dtype=pl.String),
            "items": np.where(inf, 10, 0),
            "on_application": np.zeros(n, bool),
        }
    )


def test_capacity_is_never_exceeded_and_overflow_is_counted():
    d = _decls(500, "red")
    out = inspect(d, P, {"CNNGB": 40}, seed=1, week=1)
    assert out["inspected"].sum() == 40
    assert out["overflow"].sum() == 460
    assert (out["inspected"].sum() + out["released"].sum()) == 500
    # red examinations go to the highest scores first
    top = d.sort("score", descending=True).head(40)["decl_id"].to_list()
    assert set(out.filter(pl.col("inspected"))["decl_id"].to_list()) == set(top)


def test_control_picks_come_first():
    d = _decls(300, "red", random=0.1, seed=3)
    out = inspect(d, P, {"CNNGB": 20}, seed=1, week=1)
    picks = out.filter(pl.col("random"))
    assert picks["inspected"].sum() == min(20, picks.height)


def test_green_is_released_and_never_seized():
    out = inspect(_decls(200, "green", infringing=1.0), P, {"CNNGB": 1000}, seed=1, week=1)
    assert not out["inspected"].any() and not out["seized"].any()


def test_door_concealment_lowers_detection():
    a = inspect(_decls(4000, "red", infringing=1.0, conceal="none"), P, {"CNNGB": 10_000}, seed=2, week=1)
    b = inspect(_decls(4000, "red", infringing=1.0, conceal="door"), P, {"CNNGB": 10_000}, seed=2, week=1)
    ra, rb = a["seized"].mean(), b["seized"].mean()
    assert ra == pytest.approx(P.inspection.detect_prob("sea"), abs=0.03)
    assert rb == pytest.approx(P.inspection.detect_prob("sea") * P.inspection.factor("door"), abs=0.03)


def test_on_application_is_examined_first_and_not_ex_officio():
    d = _decls(100, "green", infringing=1.0).with_columns(on_application=pl.int_range(pl.len()) < 5)
    out = inspect(d, P, {"CNNGB": 5}, seed=1, week=1)
    s = out.filter(pl.col("seized"))
    assert s.height == 5 and s["on_application"].all() and not s["ex_officio"].any()


def test_daily_capacity_scales_with_volume():
    small, big = daily_capacity(P, 1000), daily_capacity(P, 20_000)
    assert big["CNSHA"] == P.office("CNSHA").capacity
    assert small["CNSHA"] <= big["CNSHA"]


def test_control_estimates_cover_truth_on_a_run():
    r = run(P, StandInScorer(random=0.05), 20_000, seed=4, weeks=4)
    e = r.estimates
    assert e["infringement_rate"].n > 500
    for k in ("infringement_rate", "recall"):
        assert e[k].low <= e[k].estimate <= e[k].high
    assert e["infringement_rate"].covered


def test_estimates_handle_no_picks():
    r = run(P, StandInScorer(random=0.0), 2_000, seed=4, weeks=1)
    e = estimates(r.outcomes)
    assert e["recall"].estimate is None and e["recall"].covered is None
