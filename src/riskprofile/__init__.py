"""riskprofile: rule-based customs risk profiling from China Customs' documented 2016 IP seizures.

>>> from riskprofile import load_profile
>>> profile = load_profile("rules/profile.yaml")
>>> result = profile.score(frame)          # polars goods lines or Declaration models
>>> result.declarations                     # decl_id, score, lane, rules, forced_by, random
>>> profile.score(frame, summary=HistorySummary.read("hist2015/"))  # history summarised (`history build`)
"""

from .engine.history_summary import HistorySummary
from .engine.profile import Profile
from .engine.score import ScoreResult
from .errors import RiskProfileError
from .findings import Finding, LoadError
from .loader.lint import lint
from .loader.profile import load_profile
from .model.declaration import Declaration, GoodsLine

__all__ = [
    "Declaration",
    "Finding",
    "GoodsLine",
    "HistorySummary",
    "LoadError",
    "Profile",
    "RiskProfileError",
    "ScoreResult",
    "lint",
    "load_profile",
]
__version__ = "0.1.0"
