"""Traffic simulator: generated declarations, scored by the profile, inspected under capacity, with a
random control group and adaptive infringers, calibrated to China Customs' 2016 IP statistics.

    >>> from riskprofile import load_profile
    >>> from riskprofile.simulate import load_params, run, ProfileScorer
    >>> result = run(load_params(), ProfileScorer(load_profile("rules/profile.yaml")), n=100_000, seed=1)
    >>> result.shares["postal_batch_share"]

See ``scenarios/sim/2016.yaml`` for the parameters and their sources.
"""

from .engine import ProfileScorer, SimResult, run, shares
from .params import DEFAULT_PARAMS, SimParams, load_params
from .traffic import DESIGN_COLUMNS, TRUTH_COLUMNS, TrafficModel, declarations

__all__ = [
    "DEFAULT_PARAMS",
    "DESIGN_COLUMNS",
    "ProfileScorer",
    "SimParams",
    "SimResult",
    "TRUTH_COLUMNS",
    "TrafficModel",
    "declarations",
    "load_params",
    "run",
    "shares",
]
