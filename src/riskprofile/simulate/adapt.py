"""Adaptive infringers: after each week, actors who saw seizures change method.

An actor adapts with probability ``1 - (1 - own)^[own seizure] * (1 - min(cap, peer * peer_seizures))``
where ``peer_seizures`` counts that week's seizures of the same scheme at the office the actor uses.
An adapting actor makes one shift, drawn with the ``shifts`` weights:

- ``port``: move to one of its source region's ``drift_offices`` handling its channel, lodging through
  an agent there (004 case 4: Jinyun sewing-machine heads moved from Ningbo to Shanghai through an agent;
  000 §三 口岸漂移);
- ``channel``: split loads into postal parcels (000 §二 'ant moving'): the actor lodges
  ``channel_split`` times as many declarations, with the items of the parcel scheme;
- ``description``: declare the goods as something else (004 case 5);
- ``value``: declare an abnormally low value (004 case 10).

Everything is vectorised over actors; the draw is seeded per week.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .params import CONCEALMENTS
from .traffic import TrafficModel

SHIFTS = ("port", "channel", "description", "value")


def adapt(model: TrafficModel, outcomes: pl.DataFrame, week: int) -> dict[str, int]:
    """Update ``model.actors`` from one week's outcomes; return counts of shifts made."""
    p = model.p.adaptation
    counts = {s: 0 for s in SHIFTS}
    if not bool(p.enabled.value):
        return counts
    a = model.actors
    A = len(a)
    inf = outcomes.filter(pl.col("infringing") & (pl.col("actor_id") >= 0))
    own = np.zeros(A, dtype=np.int64)
    seized = inf.filter(pl.col("seized"))
    if seized.height:
        ids = seized["actor_id"].to_numpy()
        own = np.bincount(ids, minlength=A)
    # peer seizures: same scheme, same office
    office_idx = pl.Series(model.office_codes)
    peer = np.zeros(A, dtype=np.int64)
    if seized.height:
        s_scheme = a.scheme[seized["actor_id"].to_numpy()]
        s_office = (
            seized["customs_office"]
            .replace_strict({c: i for i, c in enumerate(office_idx)}, return_dtype=pl.Int64)
            .to_numpy()
        )
        key = s_scheme * len(model.office_codes) + s_office
        tab = np.bincount(key, minlength=len(model.schemes) * len(model.office_codes))
        peer = tab[a.scheme * len(model.office_codes) + a.office] - own
    p_stay = np.where(own > 0, 1.0 - p.own_seizure.value, 1.0) * (
        1.0 - np.minimum(p.peer_cap.value, p.peer_seizure.value * np.maximum(peer, 0))
    )
    rng = np.random.default_rng([model.seed, week, 11])
    u = rng.random(A)
    moving = u >= p_stay
    if not moving.any():
        return counts
    w = np.array([float(p.shifts[s]) for s in SHIFTS])
    shift = rng.choice(len(SHIFTS), size=A, p=w / w.sum())
    postal = model.modes.index("postal")
    # a parcel actor cannot move to parcels: it changes its description instead
    shift = np.where((shift == 1) & (a.mode == postal), 2, shift)
    shift = np.where(moving, shift, -1)
    pick = rng.random(A)
    # port
    m = shift == 0
    if m.any():
        cand = model.drift[a.region[m], a.mode[m]]  # (k, 3), -1 padded
        ok = (cand >= 0) & (cand != a.office[m][:, None])
        n_ok = ok.sum(axis=1)
        j = (pick[m] * np.maximum(n_ok, 1)).astype(np.int64)
        order = np.argsort(~ok, axis=1, kind="stable")  # valid candidates first
        chosen = np.take_along_axis(cand, order, axis=1)[np.arange(m.sum()), np.minimum(j, 2)]
        new = np.where(n_ok > 0, chosen, a.office[m])
        idx = np.flatnonzero(m)
        a.office[idx] = new
        a.agent[idx] = rng.integers(0, 40, len(idx))
        counts["port"] = int((n_ok > 0).sum())
    # channel -> postal parcels
    m = shift == 1
    if m.any():
        idx = np.flatnonzero(m)
        reg = a.region[idx]
        usual = model.usual[reg, postal, 0]
        drift = model.drift[reg, postal, 0]
        a.mode[idx] = postal
        a.office[idx] = np.where(usual >= 0, usual, drift)
        a.split[idx] = a.split[idx] * float(p.channel_split.value)
        imp = model.scheme_import[a.scheme[idx]]
        a.items_scheme[idx] = np.where(imp, model.parcel_scheme[True], model.parcel_scheme[False])
        a.agent[idx] = -1
        counts["channel"] = len(idx)
    m = shift == 2
    if m.any():
        a.conceal_override[m] = CONCEALMENTS.index("misdescription")
        counts["description"] = int(m.sum())
    m = shift == 3
    if m.any():
        a.conceal_override[m] = CONCEALMENTS.index("undervaluation")
        counts["value"] = int(m.sum())
    a.shifts[shift >= 0] += 1
    return counts


def drift_share(model: TrafficModel) -> float:
    """Share of actors lodging away from their source region's usual offices."""
    a = model.actors
    return float((~model.usual_set[a.region, a.office]).mean()) if len(a) else 0.0


__all__ = ["adapt", "drift_share", "SHIFTS"]
