"""Profile API: windows, applies_to, as-of scoring, derived profiles, context."""

import pytest

from riskprofile.engine.profile import Profile
from riskprofile.findings import LoadError
from riskprofile.model.rules import ProfileConfig, Rule
from riskprofile.testing.strategies import sample_lists

DECL = {
    "decl_id": "W1",
    "declared_at": "2016-12-05",
    "direction": "export",
    "trader_id": "T9",
    "lines": [{"hs_code": "8711600000", "description": "balance scooters"}],
}


def _profile(**rule):
    base = {
        "id": "CAMP-X",
        "title": "t",
        "weight": 50,
        "when": {"hs_code": {"prefix": "8711"}},
        "valid_from": "2016-11-15",
        "valid_to": "2016-12-31",
        "rationale": "r",
        "references": ["C02"],
    }
    return Profile(ProfileConfig(), [Rule.model_validate({**base, **rule})], sample_lists())


def test_window_is_checked_against_declared_at_or_as_of():
    import datetime as dt

    p = _profile()
    assert p.score([DECL], random=False).declarations["lane"].to_list() == ["yellow"]
    assert p.score([{**DECL, "declared_at": "2017-01-02"}], random=False).declarations["score"].to_list() == [0.0]
    assert p.score([DECL], random=False, as_of=dt.date(2017, 3, 1)).declarations["score"].to_list() == [0.0]


def test_applies_to_filters_direction():
    p = _profile(applies_to={"direction": ["import"]})
    assert p.score([DECL], random=False).declarations["score"].to_list() == [0.0]


def test_with_context_adds_penalties_and_instructions_and_without_removes():
    p = _profile()
    tip = {
        "id": "TIP-1",
        "title": "tip-off",
        "weight": 0,
        "lane": "red",
        "when": {"trader_id": {"eq": "T9"}},
        "rationale": "r",
        "references": ["C06"],
    }
    ctx = p.with_context(penalties=[{"trader_id": "T9", "date": "2016-01-01"}], instructions=[tip])
    row = ctx.score([DECL], random=False).declarations.row(0, named=True)
    assert row["lane"] == "red" and row["forced_by"] == "TIP-1"
    assert ctx.prepare([DECL], features={"trader_penalties"}).lines["trader_penalties"].to_list() == [1]
    assert ctx.without(rule_ids=["TIP-1"]).score([DECL], random=False).declarations["lane"].to_list() == ["yellow"]
    with pytest.raises(LoadError):
        p.with_context(instructions=[{**tip, "when": {"trader_idd": {"eq": "T9"}}}])
