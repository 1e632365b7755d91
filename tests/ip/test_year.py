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
