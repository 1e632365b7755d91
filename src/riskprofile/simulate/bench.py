"""Bench figure for the simulator (not a timed test): a seeded run of N declarations against the shipped
profile, each 2016 share vs its target, wall-clock seconds and peak memory (``resource.getrusage``).

    python -m riskprofile.simulate.bench --n 1000000 --seed 2016

Prints one Markdown table and a JSON line; exit status 0 whatever the figures (it is a measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from ..fmt import pct
from .engine import ProfileScorer, run
from .params import DEFAULT_PARAMS, load_params


def main(argv: list[str] | None = None) -> None:
    from ..loader.profile import load_profile

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=2016)
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--params", type=Path, default=DEFAULT_PARAMS)
    ap.add_argument("--profile", type=Path, default=Path("rules/profile.yaml"))
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    params = load_params(a.params)
    profile = load_profile(a.profile)
    r = run(params, ProfileScorer(profile), a.n, a.seed, a.weeks, keep_lines=False)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"simulate bench: n={a.n:,} seed={a.seed} weeks={a.weeks} cores={os.cpu_count()} load={os.getloadavg()[0]:.1f}"
    )
    print("| share | 2016 | simulated | diff (pp) | within 3 pp |")
    print("|---|---|---|---|---|")
    for t in r.target_check():
        sim = pct(t["simulated"], 2)
        print(f"| {t['key']} | {100 * t['target']:.2f}% | {sim} | {t['diff_pp']:+.2f} | {t['ok']} |")
    e = r.estimates["recall"]
    print(
        f"recall: control estimate {e.estimate:.3f} [{e.low:.3f}, {e.high:.3f}] (n={e.n}) vs true {e.true:.3f} "
        f"-> {'inside' if e.covered else 'outside'} the 95% interval"
    )
    print(
        f"wall {secs:.1f} s (cpu user {cpu.ru_utime:.1f} s, sys {cpu.ru_stime:.1f} s); stages "
        + ", ".join(f"{k} {v:.1f}" for k, v in r.timings.items())
        + f"; peak memory {peak:.0f} MB"
    )
    print(
        json.dumps(
            {
                "n": a.n,
                "seed": a.seed,
                "seconds": round(secs, 2),
                "peak_memory_mb": round(peak, 1),
                "shares": r.shares,
                "counts": r.counts,
                "recall": e.as_dict(),
                "timings": r.timings,
            },
            default=str,
        )
    )


if __name__ == "__main__":
    main()
