"""Random control-group draw: a uniform number per declaration from (seed, decl_id).

Stable across batches, processes and library versions: FNV-1a over the UTF-8 bytes of the id, mixed
with the seed and finalised with splitmix64, vectorised with numpy over the ids' bytes.
"""

from __future__ import annotations

import numpy as np
import polars as pl

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_MASK = (1 << 64) - 1
_FEW = 64  # fewer ids: a loop in Python costs less than a polars call per byte position


def _splitmix(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def uniform(ids: pl.Series, seed: int) -> np.ndarray:
    """A float in [0, 1) per id; the same id and seed always give the same number."""
    return (hash64(ids, seed) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def hash64(ids: pl.Series, seed: int) -> np.ndarray:
    """A `uint64` hash per id (null hashes as the empty string), stable across processes and versions.

    Many ids: one numpy pass per byte position over the ids long enough to have that byte, the bytes
    read by polars (no Arrow conversion, so no pyarrow import); a few: a loop per id."""
    strings = ids.cast(pl.String).fill_null("")
    n = len(strings)
    if n < _FEW:
        h = np.array([_fnv(s.encode()) for s in strings], dtype=np.uint64)
    else:
        h = _fnv_columns(strings.cast(pl.Binary))
    with np.errstate(over="ignore"):
        return _splitmix(h ^ _splitmix(np.full(n, np.uint64(seed & 0xFFFFFFFFFFFFFFFF), dtype=np.uint64)))


def _fnv(data: bytes) -> int:
    """FNV-1a (64 bits) of `data`."""
    h = int(_FNV_OFFSET)
    for b in data:
        h = ((h ^ b) * int(_FNV_PRIME)) & _MASK
    return h


def _fnv_columns(raw: pl.Series) -> np.ndarray:
    """FNV-1a of every value of a binary series, one numpy pass per byte position."""
    n = len(raw)
    lengths = raw.bin.size().to_numpy().astype(np.int64)
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    rows = np.arange(n)
    with np.errstate(over="ignore"):
        for j in range(int(lengths.max()) if n else 0):
            if rows.size and lengths[rows].min() <= j:  # the ids that ended drop out
                keep = lengths[rows] > j
                rows, raw = rows[keep], raw.filter(pl.Series(keep))
            byte = raw.bin.get(j).to_numpy().astype(np.uint64)
            if rows.size == n:
                h = (h ^ byte) * _FNV_PRIME
            else:
                h[rows] = (h[rows] ^ byte) * _FNV_PRIME
    return h
