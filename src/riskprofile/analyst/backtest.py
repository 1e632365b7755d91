"""Backtest: score labelled declarations as of each one's date, through the one scoring path.

The scored file is processed in date-ordered batches (cut at day boundaries); each batch is scored
with `profile.score(batch, history=history files + the earlier batches)`, so the result equals
scoring everything at once (features look strictly backwards) while only one batch's features are
in memory. What is kept per declaration is compact (score, lane, fired flags, truth, value).

Labels: the labels of the scored declarations are hidden from scoring (they are unknown when a
declaration is lodged), so outcome features learn only from labelled `--history` files. `online=True`
lets them also learn from the labels of the scored file's earlier days (an as-of, rolling backtest).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import polars as pl

from ..profile import Profile
from .data import LabelSpec, declaration_truth, online as online_profile, outcome_labels, split_labels
from .metrics import Scored


@dataclass
class Timing:
    seconds: float
    declarations: int
    lines: int
    batches: int

    def to_dict(self) -> dict:
        return {"seconds": round(self.seconds, 3), "declarations": self.declarations, "lines": self.lines,
                "batches": self.batches,
                "declarations_per_second": round(self.declarations / self.seconds) if self.seconds else None}


def _batches(frame: pl.DataFrame, batch_rows: int) -> list[pl.DataFrame]:
    """Date-ordered batches of about `batch_rows` lines, never splitting a day (nor a declaration)."""
    if frame.height <= batch_rows:
        return [frame]
    day = pl.col("declared_at").cast(pl.String).str.strip_chars().str.slice(0, 10)
    f = frame.with_columns(day.alias("_day"))
    days = f.group_by("_day").len().sort("_day", nulls_last=True)
    cuts, acc, cur = [], 0, []
    for d, n in days.iter_rows():
        cur.append(d)
        acc += n
        if acc >= batch_rows:
            cuts.append(cur)
            cur, acc = [], 0
    if cur:
        cuts.append(cur)
    out = []
    for group in cuts:
        has_null = any(d is None for d in group)
        sel = pl.col("_day").is_in([d for d in group if d is not None])
        if has_null:
            sel = sel | pl.col("_day").is_null()
        out.append(f.filter(sel).drop("_day"))
    return out


def score_labelled(profile: Profile, data: list[pl.DataFrame], labels: list[LabelSpec],
                   history: list[pl.DataFrame] | None = None, *, online: bool = False,
                   batch_rows: int = 250_000, progress: Callable[[int, int], None] | None = None,
                   ) -> tuple[Scored, Timing]:
    """Score labelled goods lines; returns compact per-declaration arrays and timings."""
    t0 = time.perf_counter()
    truth = declaration_truth(data, labels)
    hide = outcome_labels(profile) | {lab.column for lab in labels}
    prof = online_profile(profile, True) if online else profile
    frame = pl.concat(data, how="diagonal_relaxed") if len(data) > 1 else data[0]
    if not online:
        frame = split_labels([frame], hide)[0]
    batches = _batches(frame, batch_rows)
    hist = list(history or [])
    parts, fired_parts = [], []
    rule_ids: list[str] = []
    lines = 0
    for i, batch in enumerate(batches):
        res = prof.score(batch, history=hist or None, random=False)
        parts.append(res.declarations.select("decl_id", "score", "lane"))
        fired_parts.append(res.fired)
        rule_ids = res.rule_ids
        lines += res.rows_scored
        if len(batches) > 1:
            hist = hist + [batch]
        if progress:
            progress(i + 1, len(batches))
    decls = pl.concat(parts)
    fired = pl.concat(fired_parts)
    joined = decls.join(truth, on="decl_id", how="left", maintain_order="left")
    names = [lab.name for lab in labels]
    scored = Scored(
        decl_id=joined["decl_id"].to_numpy(),
        score=joined["score"].to_numpy().astype(np.float64),
        lane=joined["lane"].to_numpy(),
        fired=(fired.select([f"_r{i}" for i in range(len(rule_ids))]).to_numpy().astype(bool)
               if rule_ids else np.zeros((decls.height, 0), dtype=bool)),
        rule_ids=list(rule_ids),
        truth={n: joined[n].fill_null(-1).cast(pl.Int8).to_numpy() for n in names},
        value=joined["value"].cast(pl.Float64).to_numpy(),
    )
    return scored, Timing(time.perf_counter() - t0, decls.height, lines, len(batches))
