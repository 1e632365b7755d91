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


def test_report_is_written_for_people(tmp_path):
    """Labels instead of keys and booleans, the funnel, a conclusion, the weekly table folded away."""
    import re

    from riskprofile.simulate.report import SHARE_LABELS, funnel

    a = run(P, StandInScorer(), 3_000, seed=1, weeks=6, keep_lines=False)
    b = run(P, StandInScorer(red=0.2), 3_000, seed=1, weeks=6, keep_lines=False)
    write_report(tmp_path, {"static": a, "routing+history": b})
    page = (tmp_path / "report.html").read_text()
    text = re.sub(r"<[^>]+>", " ", page.split("<body>")[1])
    for key in SHARE_LABELS:
        assert key not in text
    assert not re.search(r"\b(True|False)\b", text)
    assert not re.search(r"\d\.\d{5,}", text)  # no raw floats
    assert "000 §" not in text and "China Customs IP Protection in 2016" in text
    assert "From declaration to seizure" in text and "<details>" in page
    f = funnel(b)
    assert f["declared"] == 3_000 and f["seized"] <= f["inspected"] <= f["selected"] <= f["declared"]
    assert f["infringing_seized"] <= f["infringing_inspected"] <= f["infringing"]
    assert f"{f['seized']:,} batches seized" in text  # the conclusion states the funnel's outcome
    md = (tmp_path / "report.md").read_text()
    assert "| declarations lodged |" in md and "Four-week periods" in md


def test_share_check_allows_the_runs_sampling_error_and_it_shrinks_with_size():
    import polars as pl

    from riskprofile.simulate.engine import MIN_SIDE_BATCHES, sampling_errors

    def outcomes(items, ex_officio):
        n = len(items)
        return pl.DataFrame(
            {
                "seized": [True] * n,
                "items_seized": items,
                "transport_mode": ["sea"] * n,
                "direction": ["export"] * n,
                "ip_kind": ["trademark"] * n,
                "ex_officio": ex_officio,
            }
        )

    targets = {"ex_officio_batch_share": 0.95, "ex_officio_item_share": 0.95}
    flags = [True] * 95 + [False] * 5
    even = sampling_errors(outcomes([10] * 100, flags), targets)
    assert even["ex_officio_batch_share"] == (pytest.approx((0.95 * 0.05 / 100) ** 0.5), 5)
    assert even["ex_officio_item_share"][1] == 5
    # the same five batches outside the share, but twenty times bigger: the item share moves far more
    big = sampling_errors(outcomes([10] * 95 + [200] * 5, flags), targets)
    assert big["ex_officio_item_share"][0] > 3 * even["ex_officio_item_share"][0]
    assert big["ex_officio_batch_share"] == even["ex_officio_batch_share"]  # batches do not see sizes
    small = run(P, StandInScorer(), 2_000, seed=3, weeks=2, keep_lines=False).target_check()
    large = run(P, StandInScorer(), 20_000, seed=3, weeks=2, keep_lines=False).target_check()
    tol = 100 * P.tolerance.value
    for s, g in zip(small, large, strict=True):
        assert g["tolerance_pp"] >= tol and s["tolerance_pp"] >= tol
        if s["sampling_se_pp"] and g["sampling_se_pp"] and s["of"] == "batches":
            assert g["sampling_se_pp"] < s["sampling_se_pp"]  # ten times the batches: a third of the error
        if s["ok"] is not None and abs(abs(s["diff_pp"]) - s["tolerance_pp"]) > 0.02:  # (both rounded)
            assert s["ok"] == (abs(s["diff_pp"]) < s["tolerance_pp"])
        for t in (s, g):  # a share of items resting on a handful of batches on one side is shown, not judged
            if t["of"] == "items" and t["simulated"] is not None:
                assert t["judged"] == (t["smaller_side_batches"] >= MIN_SIDE_BATCHES)
                assert (t["ok"] is None) == (not t["judged"])


def test_write_back_failing_mid_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    """A write that dies half-way (disk full) must not leave a truncated parameter file."""
    import errno
    from pathlib import Path

    from riskprofile.yamlio import WriteError

    f = tmp_path / "p.yaml"
    shutil.copy(PARAMS, f)
    before = f.read_bytes()
    p = P.model_copy(deep=True)
    p.infringement.schemes[0].weight = 0.123

    def half_then_full(self, data):
        with open(self, "wb") as out:
            out.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    with pytest.raises(WriteError, match="disk is full"):
        write_back(f, p)
    monkeypatch.undo()
    assert f.read_bytes() == before
    assert [x.name for x in tmp_path.iterdir()] == ["p.yaml"]  # no temp file left behind
