"""bench: the compiled path, the reference evaluator and the SQL baseline agree (figures are not asserted)."""

from pathlib import Path

import pytest

from riskprofile.bench import run_bench
from riskprofile.loader.profile import load_profile

PROFILE = Path(__file__).resolve().parents[1] / "rules" / "profile.yaml"


@pytest.mark.skipif(not PROFILE.exists(), reason="shipped rule pack not present")
def test_bench_paths_agree_on_synthetic_lines():
    pytest.importorskip("duckdb")
    res = run_bench(load_profile(PROFILE), 4000, 1500, seed=3, with_duckdb=True, progress=False)
    assert res["lines"] == 4000
    assert res["agree"] is True
    assert res["duckdb"]["agree"] is True
    assert res["compiled"]["lines_per_s"] > 0 and res["peak_rss_mb"] > 0


@pytest.mark.skipif(not PROFILE.exists(), reason="shipped rule pack not present")
def test_hand_written_plan_gives_the_scores_of_the_score_path(tmp_path):
    from riskprofile.bench.plan import compare, hand_plan
    from riskprofile.testing.synth import goods_lines

    profile = load_profile(PROFILE)
    data = tmp_path / "lines.parquet"
    goods_lines(3000, profile.lists, seed=5).write_parquet(data)
    res = compare(PROFILE, data, runs=1, workdir=tmp_path)
    assert res["agree"] is True and res["declarations"] > 1000
    assert res["plan"]["cpu_s"] > 0 and res["score"]["peak_rss_mb"] > 0
    # the plan is not vacuous: its rules fire, in every lane
    import polars as pl

    from riskprofile.bench.plan import bench_profile

    lanes = set(hand_plan(pl.read_parquet(data), bench_profile(profile))["lane"].to_list())
    assert lanes == {"green", "yellow", "red"}
