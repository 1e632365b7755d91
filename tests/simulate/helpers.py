"""Test helpers for the simulator: a stand-in scorer used only where no profile is needed.

It assigns lanes from a hash of decl_id and the declared brand (not from the ground truth), so the
inspection and control machinery can be tested whatever the rule pack looks like. The product always
scores through ``Profile.score`` (``ProfileScorer``).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[2]
PARAMS = ROOT / "scenarios" / "sim" / "2016.yaml"

PROFILE = Path(os.environ.get("RISKPROFILE_TEST_PROFILE") or ROOT / "rules" / "profile.yaml")


class StandInScorer:
    uses_history = False

    def __init__(self, red: float = 0.05, yellow: float = 0.10, random: float = 0.02, seed: int = 0) -> None:
        self.red, self.yellow, self.random, self.seed = red, yellow, random, seed

    def __call__(self, lines: pl.DataFrame, history, penalties) -> pl.DataFrame:
        d = lines.group_by("decl_id", maintain_order=True).agg(
            branded=(
                ~pl.col("brand").is_in(["", "NO BRAND", "无品牌", "N/M", "OEM", "无牌", "NONE", "no brand", "N/A"])
            ).any()
        )
        h = (d["decl_id"].hash(self.seed).to_numpy() % 100_000) / 100_000.0
        r = (d["decl_id"].hash(self.seed + 1).to_numpy() % 100_000) / 100_000.0
        branded = d["branded"].to_numpy()
        lane = np.where(
            h < self.red + 0.2 * branded, "red", np.where(h < self.red + self.yellow + 0.2 * branded, "yellow", "green")
        )
        score = np.round(100 * (1 - h), 3)
        return pl.DataFrame({"decl_id": d["decl_id"], "score": score, "lane": lane, "random": r < self.random})
