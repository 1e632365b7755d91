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
