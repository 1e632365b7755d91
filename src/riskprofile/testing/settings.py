"""Hypothesis settings profiles for property tests of riskprofile and of profiles built on it.

A generated profile is compiled and scores its batch in one example, which takes longer than
hypothesis' default 200 ms deadline on a first call: both profiles switch the deadline off.

- ``dev``: 30 examples, random, for the edit-test loop;
- ``ci``: 40 examples, derandomised (the same examples on every run), for CI.

Importing ``riskprofile.testing`` registers both; ``load()`` activates ``$HYPOTHESIS_PROFILE``
(default ``dev``)::

    from riskprofile.testing import settings as rps_settings
    rps_settings.load()
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck
from hypothesis import settings as _settings

DEV = _settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CI = _settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILES = {"dev": DEV, "ci": CI}


def register() -> None:
    """Register the profiles `dev` and `ci` with hypothesis (idempotent)."""
    for name, value in PROFILES.items():
        _settings.register_profile(name, value)


def load(name: str | None = None) -> str:
    """Register the profiles and load `name` (default: ``$HYPOTHESIS_PROFILE``, else ``dev``)."""
    register()
    chosen = name or os.environ.get("HYPOTHESIS_PROFILE") or "dev"
    if chosen not in PROFILES:
        raise ValueError(f"unknown hypothesis profile {chosen!r}: use one of {', '.join(PROFILES)}")
    _settings.load_profile(chosen)
    return chosen


__all__ = ["CI", "DEV", "PROFILES", "load", "register"]
