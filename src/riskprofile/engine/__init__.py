"""The one scoring path: a `Profile` compiles its rules to polars expressions, prepares goods lines with
their features and scores them in one vectorised pass (`score`), or explains one declaration."""

from .profile import Profile
from .score import ScoreResult

__all__ = ["Profile", "ScoreResult"]
