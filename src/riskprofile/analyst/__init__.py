"""Analyst workflow on labelled declarations: backtest, tune (weights and lane thresholds written back
to the YAML), compare. Consumers of `Profile.score` only: no rule is evaluated here."""

from .backtest import score_labelled
from .data import LabelSpec
from .metrics import RATES, Evaluation, Scored, evaluate

__all__ = ["RATES", "Evaluation", "LabelSpec", "Scored", "evaluate", "score_labelled"]
