"""What a profile catches on labelled data: at inspection capacities, at its lanes, and per rule.

Ranking: declarations by score, highest first; equal scores keep input order (a queue). At an
inspection rate r the top k = round(r x N) declarations are inspected. Because a rule-weight score
has few distinct values, `tied_at_cut` says how many declarations share the score at the cut and
`precision_worst` gives the precision if the tie were broken against the profile.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

RATES = (0.01, 0.02, 0.05, 0.10)
CONFIDENCE = 0.95
CURVE_RATES = tuple(
    round(x, 4)
    for x in (
        0.0025,
        0.005,
        0.0075,
        0.01,
        0.015,
        0.02,
        0.03,
        0.04,
        0.05,
        0.06,
        0.07,
        0.08,
        0.09,
        0.10,
        0.12,
        0.15,
        0.20,
        0.25,
        0.30,
    )
)


@dataclass
class Scored:
    """Compact per-declaration arrays (input order): all the metrics need."""

    decl_id: np.ndarray  # str
    score: np.ndarray  # float64
    lane: np.ndarray  # str: green | yellow | red
    fired: np.ndarray  # bool (n, rules)
    rule_ids: list[str]
    truth: dict[str, np.ndarray]  # label name -> int8 0/1 (-1 unlabelled)
    value: np.ndarray  # float64 (NaN unknown)

    @property
    def n(self) -> int:
        return int(self.score.shape[0])

    def order(self) -> np.ndarray:
        """Indices by score descending, input order within ties."""
        return np.lexsort((np.arange(self.n), -self.score))


def _safe(num: float, den: float) -> float | None:
    return float(num) / float(den) if den else None


def _k(rate: float, n: int) -> int:
    return int(min(n, max(0, round(rate * n))))


def at_rate(
    s: Scored, rate: float, label: str, order: np.ndarray | None = None, extra: list[str] = ()
) -> dict[str, Any]:
    """Precision, recall, lift and value-weighted recall of the top round(rate x N) declarations."""
    order = s.order() if order is None else order
    y = s.truth[label]
    known = y >= 0
    pos_total = int((y == 1).sum())
    base = _safe(pos_total, int(known.sum()))
    k = _k(rate, s.n)
    top = order[:k]
    tp = int((y[top] == 1).sum())
    labelled_top = int((y[top] >= 0).sum())
    precision = _safe(tp, labelled_top)
    val = np.nan_to_num(s.value, nan=0.0)
    pos_value = float(val[y == 1].sum())
    out: dict[str, Any] = {
        "rate": rate,
        "k": k,
        "min_score": float(s.score[top[-1]]) if k else None,
        "precision": precision,
        "recall": _safe(tp, pos_total),
        "lift": (precision / base) if (precision is not None and base) else None,
        "value_recall": _safe(float(val[top][y[top] == 1].sum()), pos_value),
        "caught": tp,
        "value_caught": float(val[top][y[top] == 1].sum()),
    }
    if k:
        cut = s.score[top[-1]]
        tied = s.score == cut
        inside = int(tied[top].sum())
        out["tied_at_cut"] = int(tied.sum())
        # worst case: the tied places inside the top go to the tied negatives first
        tied_neg = int((y[tied] == 0).sum())
        tp_above = tp - int((y[top][tied[top]] == 1).sum())
        out["precision_worst"] = _safe(tp_above + max(0, inside - tied_neg), labelled_top)
    for name in extra:
        ye = s.truth[name]
        out[f"recall[{name}]"] = _safe(int((ye[top] == 1).sum()), int((ye == 1).sum()))
    return out


def at_lanes(s: Scored, label: str, extra: list[str] = ()) -> list[dict[str, Any]]:
    """The profile's own lanes: red, and yellow-or-red (flagged)."""
    y = s.truth[label]
    known = y >= 0
    pos_total = int((y == 1).sum())
    base = _safe(pos_total, int(known.sum()))
    val = np.nan_to_num(s.value, nan=0.0)
    pos_value = float(val[y == 1].sum())
    out = []
    for name, mask in (("red", s.lane == "red"), ("yellow+red", np.isin(s.lane, ["yellow", "red"]))):
        n = int(mask.sum())
        tp = int((y[mask] == 1).sum())
        precision = _safe(tp, int((y[mask] >= 0).sum()))
        row = {
            "lanes": name,
            "n": n,
            "share": _safe(n, s.n),
            "hit_rate": precision,
            "recall": _safe(tp, pos_total),
            "lift": (precision / base) if (precision is not None and base) else None,
            "value_recall": _safe(float(val[mask & (y == 1)].sum()), pos_value),
            "caught": tp,
            "value_caught": float(val[mask & (y == 1)].sum()),
            # the confusion matrix when the lanes are the ones inspected (labelled declarations only)
            "tp": tp,
            "fp": int((y[mask] == 0).sum()),
            "fn": int((y[~mask] == 1).sum()),
            "tn": int((y[~mask] == 0).sum()),
        }
        for e in extra:
            ye = s.truth[e]
            row[f"recall[{e}]"] = _safe(int((ye[mask] == 1).sum()), int((ye == 1).sum()))
        out.append(row)
    return out


def wilson(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float | None, float | None]:
    """Wilson score interval of a proportion k/n (sound for small n and for k = 0 or k = n)."""
    if not n:
        return None, None
    from scipy.stats import binomtest

    ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


def per_rule(
    s: Scored,
    label: str,
    weights: dict[str, float] | None = None,
    families: dict[str, str] | None = None,
    confidence: float = CONFIDENCE,
) -> list[dict[str, Any]]:
    """Support, precision (with its Wilson interval), lift, recall of each rule (declarations it fired on),
    and how many of the positives only it caught among the flagged (lane yellow or red)."""
    y = s.truth[label]
    pos_total = int((y == 1).sum())
    base = _safe(pos_total, int((y >= 0).sum()))
    flagged = np.isin(s.lane, ["yellow", "red"])
    n_fired = s.fired.sum(axis=1)
    out = []
    for j, rid in enumerate(s.rule_ids):
        f = s.fired[:, j]
        sup = int(f.sum())
        tp = int((y[f] == 1).sum())
        labelled = int((y[f] >= 0).sum())
        precision = _safe(tp, labelled)
        low, high = wilson(tp, labelled, confidence)
        out.append(
            {
                "rule": rid,
                "family": (families or {}).get(rid),
                "weight": (weights or {}).get(rid),
                "support": sup,
                "share": _safe(sup, s.n),
                "precision": precision,
                "precision_low": low,
                "precision_high": high,
                "lift": (precision / base) if (precision is not None and base) else None,
                "recall": _safe(tp, pos_total),
                "only_rule": int(((n_fired == 1) & f & (y == 1)).sum()),
                "flagged_positives": int((f & flagged & (y == 1)).sum()),
            }
        )
    return out


def by_threshold(s: Scored, label: str, max_points: int = 200) -> list[dict[str, Any]]:
    """Precision and recall of inspecting every declaration scoring at least t, for each distinct score t
    (highest first; at most `max_points` of them, evenly spread over the ranks)."""
    y = s.truth[label]
    if not s.n:
        return []
    order = s.order()
    sc, yy = s.score[order], y[order]
    tp = np.cumsum(yy == 1)
    labelled = np.cumsum(yy >= 0)
    pos_total = int((y == 1).sum())
    last = np.flatnonzero(np.r_[sc[1:] != sc[:-1], True])  # last rank of each distinct score
    if len(last) > max_points:
        last = last[np.unique(np.linspace(0, len(last) - 1, max_points).round().astype(int))]
    return [
        {
            "score": float(sc[i]),
            "n": int(i + 1),
            "share": (i + 1) / s.n,
            "precision": _safe(int(tp[i]), int(labelled[i])),
            "recall": _safe(int(tp[i]), pos_total),
        }
        for i in last
    ]


def curve(s: Scored, label: str, rates=CURVE_RATES) -> list[dict[str, Any]]:
    order = s.order()
    return [
        {k: v for k, v in at_rate(s, r, label, order).items() if k in ("rate", "precision", "recall", "value_recall")}
        for r in rates
    ]


@dataclass
class Evaluation:
    """Everything `backtest` prints and writes."""

    label: str
    declarations: int
    labelled: int
    positives: int
    base_rate: float | None
    rates: list[dict[str, Any]]
    lanes: list[dict[str, Any]]
    rules: list[dict[str, Any]]
    curve: list[dict[str, Any]]
    extra_labels: list[str] = field(default_factory=list)
    thresholds: list[dict[str, Any]] = field(default_factory=list)
    extra_positives: dict[str, int] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def evaluate(
    s: Scored,
    label: str,
    extra: list[str] = (),
    rates=RATES,
    weights: dict[str, float] | None = None,
    families: dict[str, str] | None = None,
    meta: dict[str, Any] | None = None,
) -> Evaluation:
    y = s.truth[label]
    order = s.order()
    labelled = int((y >= 0).sum())
    positives = int((y == 1).sum())
    return Evaluation(
        label=label,
        declarations=s.n,
        labelled=labelled,
        positives=positives,
        base_rate=_safe(positives, labelled),
        rates=[at_rate(s, r, label, order, list(extra)) for r in rates],
        lanes=at_lanes(s, label, list(extra)),
        rules=per_rule(s, label, weights, families),
        curve=curve(s, label),
        thresholds=by_threshold(s, label),
        extra_labels=list(extra),
        extra_positives={e: int((s.truth[e] == 1).sum()) for e in extra},
        meta=dict(meta or {}),
    )
