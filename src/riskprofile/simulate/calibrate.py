"""Calibration of the latent infringing mix against what was detained in 2016.

The documents give only what customs *detained* (000 §一); the parameter file turns those figures into
a detained composition per scheme (``detained.batches_per_10k``, ``detained.items_mean``). Two latent
parameters are then solved for, with the shipped profile in the loop:

1. ``items.median`` of each scheme, so that the mean items of a detained batch equals
   ``detained.items_mean`` (a numeric solve over the clipped, rounded lognormal, including the
   on-application uplift; detection does not depend on the item count);
2. ``weight`` of each scheme (its share of infringing declarations), by damped fixed-point iteration on
   the detained composition by (direction, channel, patent) cell: ``weight <- weight * (target /
   detained) ** 0.7`` from seeded runs, so that detentions under the profile, capacity, detection and
   adaptation model reproduce the composition; and the schemes' ``on_application`` probabilities, scaled
   so that ~50 of 17,400 detained batches are on application.

Usage (writes the values back into the parameter file, keeping its comments)::

    python -m riskprofile.simulate.calibrate --profile rules/profile.yaml --n 1000000 --seeds 1,2 --iterations 2 --write

Calibration is an explicit, recorded step: a run never adjusts its own parameters.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import polars as pl

from ..yamlio import WriteError, atomic_write_text
from .engine import ProfileScorer, run
from .params import DEFAULT_PARAMS, SimParams, load_params

ON_APPLICATION_BATCH_SHARE = 50 / 17_400  # 000 §一: 依申请扣留 50 批次 of 1.74万余批


def _mean_items(median: float, sigma: float, hi: int, onapp: float, factor: float, rng: np.random.Generator) -> float:
    z = rng.standard_normal(200_000)
    x = np.clip(np.rint(np.exp(np.log(median) + sigma * z)), 1, hi)
    up = np.clip(np.rint(x * factor), 1, None)
    return float((1 - onapp) * x.mean() + onapp * up.mean())


def solve_item_medians(params: SimParams, onapp_share: dict[str, float] | None = None) -> dict[str, float]:
    """Median per scheme such that detained batches average ``detained.items_mean`` items."""
    out = {}
    for s in params.infringement.schemes:
        q = (onapp_share or {}).get(s.key, 0.0)
        lo, hi = 0.05, float(s.detained.items_mean) * 4
        for _ in range(40):
            mid = (lo * hi) ** 0.5
            m = _mean_items(mid, s.items.sigma, s.items.max, q, s.on_application_items_factor, np.random.default_rng(0))
            lo, hi = (mid, hi) if m < s.detained.items_mean else (lo, mid)
        out[s.key] = round((lo * hi) ** 0.5, 3 if lo < 10 else 0)
    return out


def detained_by_scheme(outcomes: pl.DataFrame) -> pl.DataFrame:
    return (
        outcomes.filter(pl.col("seized"))
        .group_by("scheme")
        .agg(batches=pl.len(), items=pl.col("items_seized").sum(), on_app=pl.col("on_application").sum())
    )


def _cell_of_scheme(s) -> tuple[str, str, bool]:
    mode = max(s.channels, key=s.channels.get)
    patent = s.ip_kind.get("patent", 0.0) > 0.5
    return (s.direction, mode, patent)


def cell_targets(params: SimParams) -> dict[tuple[str, str, bool], float]:
    """Target share of detained batches per (direction, channel, patent) cell, from ``detained``."""
    out: dict[tuple[str, str, bool], float] = {}
    tot = sum(s.detained.batches_per_10k for s in params.infringement.schemes)
    for s in params.infringement.schemes:
        patent = s.ip_kind.get("patent", 0.0) > 0.5
        csum = sum(s.channels.values())
        for mode, w in s.channels.items():
            key = (s.direction, mode, patent)
            out[key] = out.get(key, 0.0) + s.detained.batches_per_10k * w / csum / tot
    return out


def detained_cells(outcomes: pl.DataFrame) -> dict[tuple[str, str, bool], int]:
    s = outcomes.filter(pl.col("seized"))
    g = s.group_by("direction", "transport_mode", (pl.col("ip_kind") == "patent").alias("patent")).len()
    return {(d, m, bool(p)): int(n) for d, m, p, n in g.iter_rows()}


def calibrate(
    params: SimParams,
    scorer,
    n: int,
    seed: int | list[int],
    weeks: int,
    iterations: int = 3,
    log=print,
    damping: float = 0.7,
) -> SimParams:
    """Fixed-point iteration on the detained composition by (direction, channel, patent) cell: every
    scheme whose main channel falls in a cell is scaled by (target / observed) ** damping. Cells are
    what the 2016 shares are made of, and they count seizures by the channel actually used (actors who
    moved to parcels count as postal), so matching them matches the shares. Observations are pooled over
    the given seeds to damp run-to-run noise. Item medians are solved last, from the on-application share
    of each scheme's detentions in the last iteration."""
    p = params.model_copy(deep=True)
    seeds = [seed] if isinstance(seed, int) else list(seed)
    target = cell_targets(p)
    q: dict[str, float] = {}
    for it in range(iterations):
        got: dict[tuple[str, str, bool], int] = {}
        onapp = 0
        by_scheme = []
        for sd in seeds:
            r = run(p, scorer, n, sd, weeks, keep_lines=False)
            for k, v in detained_cells(r.outcomes).items():
                got[k] = got.get(k, 0) + v
            onapp += int(r.outcomes.filter(pl.col("seized") & pl.col("on_application")).height)
            by_scheme.append(detained_by_scheme(r.outcomes))
            log(
                f"iteration {it + 1}, seed {sd}: shares "
                + ", ".join(f"{k}={v:.4f}" for k, v in r.shares.items() if v is not None)
            )
        total = sum(got.values())
        if not total:
            break
        d = pl.concat(by_scheme).group_by("scheme").agg(pl.col("batches").sum(), pl.col("on_app").sum())
        q = {row["scheme"]: row["on_app"] / row["batches"] for row in d.iter_rows(named=True) if row["batches"]}
        for s in p.infringement.schemes:
            cell = _cell_of_scheme(s)
            obs = got.get(cell, 0) / total
            ratio = target.get(cell, 0.0) / max(obs, 0.5 / total)
            s.weight = float(s.weight * min(max(ratio, 0.5), 2.0) ** damping)
        wsum = sum(s.weight for s in p.infringement.schemes)
        for s in p.infringement.schemes:
            s.weight = round(s.weight / wsum, 5)
        k = ON_APPLICATION_BATCH_SHARE / max(onapp / total, 0.25 / total)
        for s in p.infringement.schemes:
            if s.on_application > 0:
                s.on_application = round(min(0.5, s.on_application * min(max(k, 0.5), 2.0) ** damping), 4)
    med = solve_item_medians(p, q)
    for s in p.infringement.schemes:
        s.items.median = med[s.key]
    return p


def write_back(path: Path, p: SimParams) -> None:
    """Replace scheme weights, item medians and on-application rates in the file, keeping its comments.
    The file is replaced atomically: a failed write leaves the old file whole."""
    text = path.read_text(encoding="utf-8")
    for s in p.infringement.schemes:
        start = text.index(f"    - key: {s.key}\n")
        nxt = text.find("    - key: ", start + 10)
        end = nxt if nxt >= 0 else len(text)
        block = text[start:end]
        block = re.sub(r"(\n      weight: )[0-9.eE-]+", rf"\g<1>{s.weight}", block, count=1)
        block = re.sub(r"(items: \{median: )[0-9.eE-]+", rf"\g<1>{s.items.median:g}", block, count=1)
        block = re.sub(r"(\n      on_application: )[0-9.eE-]+", rf"\g<1>{s.on_application}", block, count=1)
        text = text[:start] + block + text[end:]
    atomic_write_text(path, text)


def main(argv: list[str] | None = None) -> None:
    from ..loader.profile import load_profile

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--params", type=Path, default=DEFAULT_PARAMS)
    ap.add_argument("--profile", type=Path, default=Path("rules/profile.yaml"))
    ap.add_argument("--n", type=int, default=400_000)
    ap.add_argument("--seeds", type=str, default="1,2", help="calibration seeds, pooled (verify on others, e.g. 2016)")
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--iterations", type=int, default=3)
    ap.add_argument("--damping", type=float, default=0.7, help="exponent of the multiplicative update")
    ap.add_argument("--write", action="store_true", help="write the calibrated values into --params")
    a = ap.parse_args(argv)
    params = load_params(a.params)
    scorer = ProfileScorer(load_profile(a.profile))
    p = calibrate(params, scorer, a.n, [int(x) for x in a.seeds.split(",")], a.weeks, a.iterations, damping=a.damping)
    for s in p.infringement.schemes:
        print(f"{s.key}: weight {s.weight}, items.median {s.items.median:g}, on_application {s.on_application}")
    if a.write:
        try:
            write_back(a.params, p)
        except WriteError as e:
            print(f"error: {e}; {a.params} was left as it was. {e.hint}", file=sys.stderr)
            raise SystemExit(2) from None
        print(f"wrote {a.params}")


if __name__ == "__main__":
    main()
