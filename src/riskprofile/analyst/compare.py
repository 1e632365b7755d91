"""Compare two profiles on the same labelled data: metrics side by side, what only one catches, rule deltas."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine.profile import Profile
from .metrics import RATES, Evaluation, Scored, evaluate


def _top(s: Scored, rate: float) -> np.ndarray:
    k = int(min(s.n, round(rate * s.n)))
    mask = np.zeros(s.n, dtype=bool)
    mask[s.order()[:k]] = True
    return mask


def only_one(a: Scored, b: Scored, label: str, rates=RATES) -> list[dict[str, Any]]:
    """Per capacity: declarations inspected by only one of the profiles, and the positives among them."""
    if not np.array_equal(a.decl_id, b.decl_id):
        raise ValueError("the two scorings cover different declarations")
    y = a.truth[label]
    out = []
    for r in rates:
        ta, tb = _top(a, r), _top(b, r)
        oa, ob = ta & ~tb, tb & ~ta
        out.append(
            {
                "rate": r,
                "only_a": int(oa.sum()),
                "only_a_positive": int((y[oa] == 1).sum()),
                "only_b": int(ob.sum()),
                "only_b_positive": int((y[ob] == 1).sum()),
                "both_positive": int((y[ta & tb] == 1).sum()),
                "examples_only_a": [str(x) for x in a.decl_id[oa & (y == 1)][:5]],
                "examples_only_b": [str(x) for x in b.decl_id[ob & (y == 1)][:5]],
            }
        )
    return out


def rule_deltas(pa: Profile, pb: Profile, ea: Evaluation, eb: Evaluation) -> list[dict[str, Any]]:
    """Union of the rules: weight, support and precision in A and B."""
    ra = {r["rule"]: r for r in ea.rules}
    rb = {r["rule"]: r for r in eb.rules}
    wa = {r.id: r.weight for r in pa.rules}
    wb = {r.id: r.weight for r in pb.rules}
    ids = list(dict.fromkeys([*ra, *rb, *wa, *wb]))
    out = []
    for rid in ids:
        a, b = ra.get(rid, {}), rb.get(rid, {})
        row = {
            "rule": rid,
            "weight_a": wa.get(rid),
            "weight_b": wb.get(rid),
            "support_a": a.get("support"),
            "support_b": b.get("support"),
            "precision_a": a.get("precision"),
            "precision_b": b.get("precision"),
        }
        row["status"] = (
            "only in A"
            if rid not in wb
            else "only in B"
            if rid not in wa
            else "changed"
            if (wa[rid] != wb[rid] or row["support_a"] != row["support_b"])
            else "same"
        )
        out.append(row)
    return out


def compare(pa: Profile, sa: Scored, pb: Profile, sb: Scored, label: str, extra=()) -> dict[str, Any]:
    ea = evaluate(
        sa, label, list(extra), weights={r.id: r.weight for r in pa.rules}, families={r.id: r.family for r in pa.rules}
    )
    eb = evaluate(
        sb, label, list(extra), weights={r.id: r.weight for r in pb.rules}, families={r.id: r.family for r in pb.rules}
    )
    return {"a": ea, "b": eb, "only_one": only_one(sa, sb, label), "rules": rule_deltas(pa, pb, ea, eb)}
