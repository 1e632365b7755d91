"""The simulation study and the bench figures as library calls (no typer, no rich)."""

from __future__ import annotations

import polars as pl

from riskprofile.loader.profile import load_profile
from riskprofile.simulate import load_params
from riskprofile.simulate.measure import markdown, measure
from riskprofile.simulate.study import OUTCOME_COLUMNS, simulate_study

from .helpers import PARAMS, PROFILE


def test_a_study_runs_both_profiles_for_a_report_and_writes_what_it_says(tmp_path):
    seen: dict[str, int] = {}
    study = simulate_study(
        load_params(PARAMS),
        load_profile(PROFILE),
        n=1500,
        seed=3,
        weeks=3,
        out=tmp_path / "lines.parquet",
        report=tmp_path / "report",
        progress=lambda name, week, total: seen.__setitem__(name, week),
    )
    assert set(study.runs) == {"static", "routing+history"} and study.runs["routing+history"] is study.result
    assert seen == {"simulate": 3, "static profile": 3}
    assert set(study.payload["comparison"]) == {"static", "routing+history"}
    assert study.payload["written"] == [str(p) for p in study.written] and all(p.exists() for p in study.written)
    lines = pl.read_parquet(tmp_path / "lines.parquet")
    assert set(OUTCOME_COLUMNS) <= set(lines.columns) and lines["decl_id"].n_unique() == 1500
    assert study.missed == [t for t in study.payload["targets"] if t["ok"] is False]


def test_bench_figures_are_reported_for_every_target():
    figures = measure(load_params(PARAMS), load_profile(PROFILE), n=1200, seed=5, weeks=2)
    text = markdown(figures)
    assert figures["n"] == 1200 and figures["seconds"] > 0 and figures["peak_memory_mb"] > 0
    for t in figures["targets"]:
        assert f"| {t['key']} |" in text
