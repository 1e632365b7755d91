"""engine.history_cache: the same history scored again is normalised once, with the same results."""

from pathlib import Path

import polars as pl

from riskprofile.engine import history_cache
from riskprofile.loader.profile import load_profile
from riskprofile.testing.synth import goods_lines

PROFILE = Path(__file__).resolve().parents[2] / "rules" / "profile.yaml"


def test_repeated_history_is_normalised_once():
    profile = load_profile(PROFILE)
    lines = goods_lines(3000, profile.lists, seed=9, traders=40)
    history, batches = lines.head(2000), lines.tail(1000)
    history = history.with_columns(
        pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("x")).otherwise("hs_code").alias("hs_code")
    )
    history_cache.clear()
    first = profile.prepare(batches.head(500), history=history)
    assert history_cache.STATS == {"hits": 0, "misses": 1}
    again = profile.prepare(batches.head(500), history=history.clone())  # equal content, another frame
    assert history_cache.STATS == {"hits": 1, "misses": 1}
    assert again.lines.equals(first.lines) and again.history_rejects.equals(first.history_rejects)
    assert first.history_rejects.height >= 1  # the bad row's declaration, reported both times
    # other content, or another profile's lists: normalised anew
    profile.prepare(batches.head(500), history=history.head(1999))
    profile.replace(lists=dict(profile.lists)).prepare(batches.head(500), history=history)
    assert history_cache.STATS == {"hits": 1, "misses": 3}
    uncached = profile.score(batches, history=history)
    history_cache.clear()
    assert profile.score(batches, history=history).declarations.equals(uncached.declarations)
