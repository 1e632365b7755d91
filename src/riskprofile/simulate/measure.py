"""The simulator's bench figures (a measurement, not a timed test): a seeded run of `n` declarations,
each 2016 share against its target, wall-clock and CPU seconds, stage timings and peak memory.
Shown by `riskprofile simulate --bench` as a Markdown table and a JSON line."""

from __future__ import annotations

import os
import resource
import time
from typing import Any

from ..fmt import num, pct
from .engine import ProfileScorer, run
from .params import SimParams
from .study import peak_memory_mb


def measure(params: SimParams, profile: Any, n: int, seed: int, weeks: int = 52) -> dict[str, Any]:
    """Run the simulator once without keeping lines and return the figures (see `markdown`)."""
    t0 = time.perf_counter()
    r = run(params, ProfileScorer(profile), n, seed, weeks, keep_lines=False)
    secs = time.perf_counter() - t0
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "n": n,
        "seed": seed,
        "weeks": weeks,
        "cores": os.cpu_count(),
        "load": round(os.getloadavg()[0], 1),
        "seconds": round(secs, 2),
        "cpu_user_s": round(cpu.ru_utime, 1),
        "cpu_sys_s": round(cpu.ru_stime, 1),
        "peak_memory_mb": round(peak_memory_mb(), 1),
        "targets": r.target_check(),
        "shares": r.shares,
        "counts": r.counts,
        "recall": r.estimates["recall"].as_dict(),
        "timings": r.timings,
    }


def markdown(m: dict[str, Any]) -> str:
    """The figures as people read them: a header line, the shares table, recall and timings."""
    e = m["recall"]
    lines = [
        f"simulate bench: n={m['n']:,} seed={m['seed']} weeks={m['weeks']} cores={m['cores']} load={m['load']:.1f}",
        "| share | 2016 | simulated | diff (pp) | within 3 pp |",
        "|---|---|---|---|---|",
    ]
    for t in m["targets"]:
        met = "not judged" if t["simulated"] is not None and not t["judged"] else str(t["ok"])
        cells = [t["key"], pct(t["target"], 2), pct(t["simulated"], 2), num(t["diff_pp"], "+.2f"), met]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(
        f"recall: control estimate {num(e['estimate'], '.3f')} [{num(e['low'], '.3f')}, {num(e['high'], '.3f')}] "
        f"(n={e['n']}) vs true {num(e['true'], '.3f')} -> {'inside' if e['covered'] else 'outside'} the 95% interval"
    )
    lines.append(
        f"wall {m['seconds']:.1f} s (cpu user {m['cpu_user_s']:.1f} s, sys {m['cpu_sys_s']:.1f} s); stages "
        + ", ".join(f"{k} {v:.1f}" for k, v in m["timings"].items())
        + f"; peak memory {m['peak_memory_mb']:.0f} MB"
    )
    return "\n".join(lines)
