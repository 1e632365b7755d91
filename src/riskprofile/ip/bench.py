"""Lookup latency: cold (register built) and warm p50/p99 over queries drawn from the register."""

from __future__ import annotations

import random
import time

from ..engine.profile import Profile
from .lookup import Register, lookup


def _queries(reg: Register, n: int, seed: int) -> list[tuple[str, str | None, str | None]]:
    """(query, goods, trader): marks, aliases, look-alike spellings (one letter changed), unknown words."""
    rng = random.Random(seed)
    forms = [(a, it) for items in reg.items.values() for it in items for a in [it.mark, *it.aliases]]
    out = []
    for i in range(n):
        text, it = rng.choice(forms)
        goods = it.goods[0] if it.goods and rng.random() < 0.5 else None
        trader = rng.choice([None, "SOME-TRADER-01", *(it.licensee_ids[:1] or [None])])
        if i % 4 == 1 and len(text) > 3:
            j = rng.randrange(len(text))
            text = text[:j] + rng.choice("AEIOUXY") + text[j + 1 :]
        elif i % 4 == 3:
            text = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWZ") for _ in range(rng.randint(3, 10)))
        out.append((text, goods, trader))
    return out


def bench_lookup(profile: Profile, n: int = 5000, seed: int = 7) -> dict:
    """Milliseconds per `lookup` call: the first (building the register) and n warm ones (p50, p99, max)."""
    t0 = time.perf_counter()
    reg = Register.build(profile)
    lookup("三环", goods="8301", trader="SOME-TRADER-01", register=reg)
    cold = (time.perf_counter() - t0) * 1e3
    times = []
    for q, goods, trader in _queries(reg, n, seed):
        t = time.perf_counter()
        lookup(q, goods=goods, trader=trader, register=reg)
        times.append((time.perf_counter() - t) * 1e3)
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))]

    return {
        "queries": n,
        "marks": len(reg.items),
        "cold_ms": round(cold, 2),
        "p50_ms": round(pct(0.50), 3),
        "p99_ms": round(pct(0.99), 3),
        "max_ms": round(times[-1], 3),
    }
