"""Property tests of the simulator: whatever the seed, size, weeks and lane mix,

- the same seed gives the same traffic and outcomes;
- no office examines more declarations in a day than its capacity;
- declared = inspected + released, seized <= inspected, and nothing infringing is seized unexamined.

Lanes come from a seeded stand-in (hash of decl_id), so these hold for any profile; the product scores
through Profile.score.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskprofile.simulate import load_params, run
from riskprofile.simulate.inspection import daily_capacity

PARAMS = load_params(Path(__file__).resolve().parents[2] / "scenarios" / "sim" / "2016.yaml")


class HashLanes:
    uses_history = False

    def __init__(self, red: float, yellow: float, random: float) -> None:
        self.red, self.yellow, self.random = red, yellow, random

    def __call__(self, lines, history, penalties):
        ids = lines["decl_id"].unique(maintain_order=True)
        h = (ids.hash(1).to_numpy() % 10_000) / 10_000.0
        r = (ids.hash(2).to_numpy() % 10_000) / 10_000.0
        lane = np.where(h < self.red, "red", np.where(h < self.red + self.yellow, "yellow", "green"))
        return pl.DataFrame(
            {"decl_id": ids, "score": np.round(100 * (1 - h), 2), "lane": lane, "random": r < self.random}
        )


runs = st.fixed_dictionaries(
    {
        "n": st.integers(50, 2_500),
        "seed": st.integers(0, 2**31 - 1),
        "weeks": st.integers(1, 4),
        "red": st.floats(0.0, 0.6),
        "yellow": st.floats(0.0, 0.4),
        "random": st.floats(0.0, 0.2),
    }
)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run(a):
    return run(PARAMS, HashLanes(a["red"], a["yellow"], a["random"]), a["n"], a["seed"], a["weeks"])


@FAST
@given(runs)
def test_same_seed_same_output(a):
    x, y = _run(a), _run(a)
    assert x.outcomes.equals(y.outcomes)
    assert x.lines.equals(y.lines)
    assert x.shares == y.shares


@FAST
@given(runs)
def test_capacity_never_exceeded(a):
    r = _run(a)
    cap = daily_capacity(PARAMS, a["n"] / (a["weeks"] * 7.0))
    used = r.outcomes.group_by("customs_office", "declared_at").agg(pl.col("inspected").sum().alias("k"))
    for office, k in used.select("customs_office", "k").iter_rows():
        assert k <= cap[office], (office, k, cap[office])


@FAST
@given(runs)
def test_counts_add_up(a):
    r = _run(a)
    o = r.outcomes
    c = r.counts
    assert c["declared"] == a["n"] == o.height
    assert c["declared"] == c["inspected"] + c["released"]
    assert c["seized"] <= c["inspected"]
    assert c["ex_officio"] + c["on_application"] == c["seized"]
    assert o.filter(pl.col("seized") & ~pl.col("inspected")).height == 0
    assert o.filter(pl.col("seized") & ~pl.col("infringing")).height == 0
    assert o.filter(pl.col("infringing") & pl.col("seized") & (pl.col("selected_by") == "none")).height == 0
    assert (o.filter(pl.col("overflow"))["inspected"] == False).all()  # noqa: E712
    assert c["items_seized"] <= c["infringing_items"]
    assert int(r.weekly["declarations"].sum()) == a["n"]
