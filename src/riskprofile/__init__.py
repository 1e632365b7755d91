"""riskprofile: rule-based customs risk profiling from China Customs' documented 2016 IP seizures.

    >>> from riskprofile import load_profile
    >>> profile = load_profile("rules/profile.yaml")
    >>> result = profile.score(frame)          # polars goods lines or Declaration models
    >>> result.declarations                     # decl_id, score, lane, rules, forced_by, random
"""

from .findings import Finding, LoadError
from .load import lint, load_profile
from .model.declaration import Declaration, GoodsLine
from .profile import Profile
from .score import ScoreResult

__all__ = ["Declaration", "Finding", "GoodsLine", "LoadError", "Profile", "ScoreResult", "lint", "load_profile"]
__version__ = "0.1.0"
