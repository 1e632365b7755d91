"""Drill test fixtures: a small self-contained profile and scenarios (tests/drill/fixtures), plus the
shipped rules/ and scenarios/ when present; a missing or broken pack fails them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIX = Path(__file__).resolve().parent / "fixtures"
FIX_PROFILE = FIX / "profile" / "profile.yaml"
FIX_SCENARIOS = FIX / "scenarios"
SHIPPED_PROFILE = ROOT / "rules" / "profile.yaml"
SHIPPED_SCENARIOS = ROOT / "scenarios"
CLI = ROOT / ".venv" / "bin" / "riskprofile"


@pytest.fixture(scope="session")
def fix_profile():
    from riskprofile import load_profile

    return load_profile(FIX_PROFILE)


@pytest.fixture(scope="session")
def fix_scenarios():
    from riskprofile.drill.scenarios import load_scenarios

    scen, problems = load_scenarios(FIX_SCENARIOS)
    assert not problems
    return {s.id: s for s in scen}


@pytest.fixture(scope="session")
def fix_assessor(fix_profile):
    from riskprofile.drill.engine import Assessor

    return Assessor(fix_profile)


@pytest.fixture(scope="session")
def shipped():
    """(assessor, scenarios by id) for the shipped rule pack; fails when it is missing or does not load."""
    # the pack is shipped: a missing or broken pack fails these tests, it never skips them
    assert SHIPPED_PROFILE.exists() and list(SHIPPED_SCENARIOS.glob("C*.yaml")), "shipped rules/ or scenarios/ missing"
    from riskprofile import LoadError, load_profile
    from riskprofile.drill.engine import Assessor
    from riskprofile.drill.scenarios import load_scenarios

    try:
        prof = load_profile(SHIPPED_PROFILE)
    except LoadError as e:
        pytest.fail(f"the shipped profile does not load: {e}")
    scen, _ = load_scenarios(SHIPPED_SCENARIOS)
    return Assessor(prof), {s.id: s for s in scen}
