"""A short simulated stretch with the feedback loop: results recorded, alerts accepted, counts consistent."""

import pytest

from riskprofile import load_profile
from riskprofile.ip.feedback import report
from riskprofile.ip.year import run_year
from riskprofile.simulate.params import load_params


@pytest.fixture(scope="module")
def year():
    profile = load_profile("rules/profile.yaml")
    sim, scorer = run_year(load_params(), profile, n=4000, seed=11, weeks=8)
    return profile, sim, scorer


def test_results_cover_every_flagged_or_inspected_declaration(year):
    _, sim, scorer = year
    o = sim.outcomes
    acted = o.filter(o["lane"].is_in(["yellow", "red"]) | o["inspected"]).height
    assert len(scorer.results) == acted
    assert sum(r.found for r in scorer.results) == sim.counts["seized"]
    assert sim.counts["documents_requests"] == o.filter((o["lane"] == "yellow") & ~o["random"]).height
    assert sim.counts["holder_notices"] == sim.counts["ex_officio"]


def test_seizures_raise_accepted_alerts_that_score_and_are_reported(year):
    profile, sim, scorer = year
    assert sim.counts["seized"] > 0
    assert scorer.leads and all(lead.status == "active" for lead in scorer.leads)
    assert {i.id for i in scorer.instructions} == {lead.id for lead in scorer.leads}
    rows = {r.id: r for r in report(scorer.results, profile, scorer.instructions)}
    fired = {rid for r in scorer.results for rid in r.rules}
    assert any(i.id in fired for i in scorer.instructions)  # some alert or follow-up matched later traffic
    for i in scorer.instructions:
        row = rows[i.id]
        assert row.kind in ("risk_parameter", "preset") and row.seized <= row.inspected <= row.matched


def test_alerts_go_only_where_the_seized_goods_were_seen_lodged(year):
    """An alert reaches an office where goods of that heading from that region were lodged, at most three
    offices a seizure: not every usual port of the province (most of those alerts never matched)."""
    import polars as pl

    _, _, scorer = year
    seen = pl.concat(scorer._seen)
    alerts = [lead for lead in scorer.leads if lead.kind == "risk_parameter"]
    assert alerts
    for a in alerts:
        (region,), (heading,) = a.names.source_region, a.names.goods
        there = seen.filter(
            (pl.col("goods_source_region") == region)
            & pl.col("hs_code").str.starts_with(heading)
            & (pl.col("customs_office") == a.issued_by)
        )
        assert there.height, a.id
    per_seizure: dict[str, int] = {}
    for a in alerts:
        per_seizure[a.informant] = per_seizure.get(a.informant, 0) + 1
    assert max(per_seizure.values()) <= 3
