"""Random control group: unbiased estimates from the random picks, next to the simulator's truth.

The profile's random draw (``random`` = true, rate from ``rules/profile.yaml``) is independent of the
lane and of the goods, so the picks are a simple random sample of the traffic. Every pick gets a full
examination (``inspection.control_detect``). From them:

- **infringement rate**: picks found infringing / picks (exact Clopper-Pearson interval);
- **recall** of the profile: among picks found infringing, the share the profile flagged (lane yellow
  or red, the lane being computed without the random draw) -- exact interval;
- **leakage**: share of infringing declarations released without detention, ``1 - S / (N * rate)``
  where ``S`` is all detentions and ``N`` all declarations; the interval maps the rate's interval
  through that monotone function.

True values: ``recall = flagged infringing / infringing`` and ``leakage = infringing not seized /
infringing``, computed from the ground truth the simulator knows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import polars as pl


@dataclass
class Estimate:
    name: str
    estimate: float | None
    low: float | None
    high: float | None
    true: float
    n: int  # sample size behind the estimate
    covered: bool | None  # the true value lies within [low, high]

    def as_dict(self) -> dict:
        return asdict(self)


def _cp(k: int, n: int, conf: float) -> tuple[float | None, float | None, float | None]:
    if n <= 0:
        return None, None, None
    from scipy.stats import binomtest  # scipy.stats takes ~0.5 s to import: only when a simulation reports

    ci = binomtest(k, n).proportion_ci(confidence_level=conf, method="exact")
    return k / n, float(ci.low), float(ci.high)


def _mk(name: str, est: tuple, true: float, n: int) -> Estimate:
    e, lo, hi = est
    cov = None if lo is None else bool(lo - 1e-12 <= true <= hi + 1e-12)
    return Estimate(name, e, lo, hi, float(true), int(n), cov)


def estimates(outcomes: pl.DataFrame, confidence: float = 0.95) -> dict[str, Estimate]:
    """Control-group estimates vs truth from per-declaration outcomes (all weeks)."""
    o = outcomes
    N = o.height
    flagged = pl.col("lane").is_in(["yellow", "red"])
    inf = o.filter(pl.col("infringing"))
    n_inf = inf.height
    true_rate = n_inf / N if N else 0.0
    true_recall = inf.select(flagged.mean()).item() if n_inf else 0.0
    seized_total = int(o["seized"].sum())
    true_leak = 1.0 - seized_total / n_inf if n_inf else 0.0
    picks = o.filter(pl.col("random") & pl.col("inspected"))
    n_pick = picks.height
    found = picks.filter(pl.col("seized"))
    k = found.height
    rate = _cp(k, n_pick, confidence)
    k_flag = int(found.select(flagged.sum()).item()) if k else 0
    recall = _cp(k_flag, k, confidence)
    if rate[0] is None or rate[0] == 0:
        leak = (None, None, None)
    else:
        f = lambda p: min(1.0, max(0.0, 1.0 - seized_total / (N * p))) if p > 0 else 0.0  # noqa: E731
        leak = (f(rate[0]), f(rate[1]), f(rate[2]))
    return {
        "infringement_rate": _mk("infringement_rate", rate, true_rate, n_pick),
        "recall": _mk("recall", recall, true_recall, k),
        "leakage": _mk("leakage", leak, true_leak, n_pick),
    }


__all__ = ["Estimate", "estimates"]
