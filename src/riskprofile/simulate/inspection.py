"""Capacity-limited inspection: lane -> examination -> detection -> detention (seizure).

Per declaration (one row each, with the scorer's ``lane``/``score``/``random`` and the truth columns):

1. *Selection* (``selected_by``): ``control`` (the profile's random control-group draw), ``on_application``
   (a right holder applied to detain it), ``red`` (red lane), ``yellow`` (yellow lane escalated to a
   physical examination with probability ``yellow_exam_rate``), else ``none``.
2. *Capacity*: per office and day, examinations are granted in that priority order (control first, then
   applications, then red and yellow by descending score, ties broken by a seeded draw) until the office's
   daily capacity is used; the rest is released unexamined and counted as ``overflow``.
3. *Detection*: an examined infringing declaration is detained with probability
   ``detect[mode] * concealment_factor[concealment]`` (C06 door concealment lowers it), or
   ``control_detect`` for control picks (full examination), ``on_application_detect`` on application.
4. Detentions are ``ex_officio`` unless on application; ``items_seized`` are the declaration's items.

Invariants (property-tested): examined <= capacity for every office-day; declared = inspected + released;
seized <= inspected; nothing is seized unless examined and infringing.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

from ..model.vocab import CHANNELS
from .params import SimParams

SELECTED_BY = ("control", "on_application", "red", "yellow", "none")


def daily_capacity(params: SimParams, decls_per_day: float) -> dict[str, int]:
    """Examinations a day per office, scaled from the reference national volume to the simulated one."""
    ref = float(params.capacity_reference_per_day.value)
    scale = decls_per_day / ref
    return {o.code: (int(math.ceil(o.capacity * scale)) if o.capacity > 0 else 0) for o in params.offices}


def inspect(decls: pl.DataFrame, params: SimParams, capacity: dict[str, int], seed: int, week: int) -> pl.DataFrame:
    """Add ``selected_by``, ``inspected``, ``overflow``, ``released``, ``detect_p``, ``seized``,
    ``ex_officio``, ``items_seized`` to a per-declaration frame.

    ``decls`` needs: decl_id, declared_at, customs_office, transport_mode, lane, score, random,
    infringing, concealment, items, on_application.
    """
    insp = params.inspection
    n = decls.height
    rng = np.random.default_rng([int(seed), int(week), 7])
    u_yellow = rng.random(n)
    u_tie = rng.random(n)
    u_detect = rng.random(n)
    yellow_exam = insp.yellow_exam_rate.value
    cap = pl.DataFrame(
        {"customs_office": list(capacity), "_cap": list(capacity.values())},
        schema={"customs_office": pl.String, "_cap": pl.Int64},
    )
    lane = pl.col("lane")
    sel = (
        pl.when(pl.col("random"))
        .then(pl.lit(0))
        .when(pl.col("on_application"))
        .then(pl.lit(1))
        .when(lane == "red")
        .then(pl.lit(2))
        .when((lane == "yellow") & (pl.col("_uy") < yellow_exam))
        .then(pl.lit(3))
        .otherwise(pl.lit(4))
    )
    df = (
        decls.with_columns(
            _uy=pl.Series(u_yellow),
            _ut=pl.Series(u_tie),
            _ud=pl.Series(u_detect),
            _row=pl.int_range(pl.len(), dtype=pl.Int64),
        )
        .with_columns(_sel=sel)
        .join(cap, on="customs_office", how="left")
        .with_columns(pl.col("_cap").fill_null(0))
    )
    # rank within office-day among selected, by priority then score desc then the tie draw
    # control picks and applications are ordered by the draw only (a capacity cut keeps them random)
    ranked = (
        df.filter(pl.col("_sel") < 4)
        .with_columns(_key=pl.when(pl.col("_sel") >= 2).then(pl.col("score")).otherwise(0.0))
        .sort(["customs_office", "declared_at", "_sel", "_key", "_ut"], descending=[False, False, False, True, False])
        .with_columns(_rank=pl.int_range(pl.len(), dtype=pl.Int64).over(["customs_office", "declared_at"]))
        .select("_row", "_rank")
    )
    df = df.join(ranked, on="_row", how="left").sort("_row")
    detect = pl.col("transport_mode").replace_strict(
        {m: insp.detect_prob(m) for m in CHANNELS},
        default=0.0,
        return_dtype=pl.Float64,
    )
    factor = (
        pl.col("concealment")
        .replace_strict(
            {
                c: insp.factor(c)
                for c in ("none", "undervaluation", "misdescription", "misclassification", "mixed", "door")
            },
            default=1.0,
            return_dtype=pl.Float64,
        )
        .fill_null(1.0)
    )
    p = (
        pl.when(~pl.col("infringing"))
        .then(0.0)
        .when(pl.col("_sel") == 0)
        .then(pl.lit(insp.control_detect.value))
        .when(pl.col("on_application"))
        .then(pl.lit(insp.on_application_detect.value))
        .otherwise(detect * factor)
    )
    selected = pl.col("_sel") < 4
    inspected = selected & (pl.col("_rank") < pl.col("_cap"))
    df = (
        df.with_columns(
            selected_by=pl.col("_sel").replace_strict(list(range(5)), list(SELECTED_BY), return_dtype=pl.String),
            inspected=inspected.fill_null(False),
            overflow=(selected & ~inspected.fill_null(False)),
            detect_p=p,
        )
        .with_columns(
            released=~pl.col("inspected"),
            seized=pl.col("inspected") & pl.col("infringing") & (pl.col("_ud") < pl.col("detect_p")),
        )
        .with_columns(
            ex_officio=pl.col("seized") & ~pl.col("on_application"),
            items_seized=pl.when(pl.col("seized")).then(pl.col("items")).otherwise(0),
        )
    )
    return df.drop("_uy", "_ut", "_ud", "_row", "_sel", "_rank", "_cap")


def capacity_use(outcomes: pl.DataFrame) -> pl.DataFrame:
    """Examinations and overflow per office and day."""
    return outcomes.group_by("customs_office", "declared_at").agg(
        examined=pl.col("inspected").sum(), overflow=pl.col("overflow").sum(), declared=pl.len()
    )


__all__ = ["inspect", "daily_capacity", "capacity_use", "SELECTED_BY"]
