"""Calibration helpers and report writing (no profile needed)."""

from __future__ import annotations

import shutil

import pytest

from riskprofile.simulate import load_params, run
from riskprofile.simulate.calibrate import cell_targets, solve_item_medians, write_back
from riskprofile.simulate.report import write_report

from .helpers import PARAMS, StandInScorer

P = load_params(PARAMS)


def test_cell_targets_form_a_distribution_matching_the_2016_shares():
    t = cell_targets(P)
    assert sum(t.values()) == pytest.approx(1.0)
    export = sum(v for (d, _, _), v in t.items() if d == "export")
    postal = sum(v for (_, m, _), v in t.items() if m == "postal")
    assert export == pytest.approx(P.target("export_batch_share").value, abs=0.01)
    assert postal == pytest.approx(P.target("postal_batch_share").value, abs=0.01)


def test_item_medians_reproduce_detained_means():
    med = solve_item_medians(P)
    for s in P.infringement.schemes:
        assert 0 < med[s.key] <= s.detained.items_mean


def test_write_back_keeps_comments(tmp_path):
    f = tmp_path / "p.yaml"
    shutil.copy(PARAMS, f)
    p = P.model_copy(deep=True)
    p.infringement.schemes[0].weight = 0.123
    write_back(f, p)
    text = f.read_text()
    assert "# Traffic model for `riskprofile simulate`" in text
    assert load_params(f).infringement.schemes[0].weight == pytest.approx(0.123)


def test_report_files(tmp_path):
    a = run(P, StandInScorer(), 3_000, seed=1, weeks=3, keep_lines=False)
    b = run(P, StandInScorer(red=0.2), 3_000, seed=1, weeks=3, keep_lines=False)
    files = {p.name for p in write_report(tmp_path, {"static": a, "routing+history": b})}
    assert {"weekly.png", "report.html", "report.md", "weekly.csv", "shares.csv", "summary.json"} <= files
    assert (tmp_path / "weekly.png").read_bytes()[:4] == b"\x89PNG"
    assert "routing+history" in (tmp_path / "side_by_side.csv").read_text()
