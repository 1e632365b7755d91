"""Normalised history, kept in the process so that repeated scoring against the same history files
(a backtest's batches, tune's before/after runs, the weeks of a simulation that share a history)
normalises them once.

The key is the content of the history frames (row count, schema and two 64-bit row-hash sums, about
0.15 s per million lines against ~2 s to normalise them), the profile's lists object (held by the entry,
so its identity cannot be reused while cached) and its extra fields. Least recently used entries go
first; the cache holds at most `MAX_ENTRIES` results and `MAX_BYTES` of frames, and a result larger
than that is not kept. For history read again in another process, build a summary instead
(`riskprofile history build`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

MAX_ENTRIES = 8
MAX_BYTES = 1 << 30


@dataclass
class _Entry:
    lists: Any
    kept: pl.DataFrame | None
    rejects: pl.DataFrame
    size: int


_CACHE: OrderedDict[tuple, _Entry] = OrderedDict()
STATS = {"hits": 0, "misses": 0}


def content_key(df: pl.DataFrame) -> tuple:
    """Row count, schema and two row-hash sums: equal for frames of equal content."""
    sums = tuple(int(df.hash_rows(seed=s).sum() or 0) for s in (0x5EED, 0xC0FFEE)) if df.height else (0, 0)
    return (df.height, tuple((n, str(t)) for n, t in df.schema.items()), sums)


def normalised(
    frames: Sequence[pl.DataFrame],
    lists: Mapping[str, Any],
    extra: Mapping[str, str],
    normalise_all: Callable[..., tuple[pl.DataFrame | None, pl.DataFrame]],
) -> tuple[pl.DataFrame | None, pl.DataFrame]:
    """`normalise_all(frames, lists, extra)`, from the cache when these frames were normalised before."""
    try:
        key = (id(lists), tuple(sorted(extra.items())), tuple(content_key(f) for f in frames))
    except pl.exceptions.PolarsError:  # a column type rows cannot be hashed by: not cached
        return normalise_all(list(frames), lists, extra)
    if not frames:
        return normalise_all(list(frames), lists, extra)
    entry = _CACHE.get(key)
    if entry is not None and entry.lists is lists:
        _CACHE.move_to_end(key)
        STATS["hits"] += 1
        return entry.kept, entry.rejects
    STATS["misses"] += 1
    kept, rejects = normalise_all(list(frames), lists, extra)
    size = int((kept.estimated_size() if kept is not None else 0) + rejects.estimated_size())
    if size <= MAX_BYTES:
        _CACHE[key] = _Entry(lists, kept, rejects, size)
        while len(_CACHE) > MAX_ENTRIES or sum(e.size for e in _CACHE.values()) > MAX_BYTES:
            _CACHE.popitem(last=False)
    return kept, rejects


def clear() -> None:
    """Forget every cached history (and the hit counts)."""
    _CACHE.clear()
    STATS.update(hits=0, misses=0)


__all__ = ["MAX_BYTES", "MAX_ENTRIES", "STATS", "clear", "content_key", "normalised"]
