"""Random control-group draw: a uniform number per declaration from (seed, decl_id).

Stable across batches, processes and library versions: FNV-1a over the UTF-8 bytes of the id, mixed
with the seed and finalised with splitmix64, vectorised with numpy over the Arrow string buffers.
"""

from __future__ import annotations

import numpy as np
import polars as pl

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)


def _splitmix(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def uniform(ids: pl.Series, seed: int) -> np.ndarray:
    """A float in [0, 1) per id; the same id and seed always give the same number."""
    return (hash64(ids, seed) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def hash64(ids: pl.Series, seed: int) -> np.ndarray:
    """A `uint64` hash per id (null hashes as the empty string), stable across processes and versions."""
    arr = ids.cast(pl.String).fill_null("").to_arrow()
    if hasattr(arr, "combine_chunks"):
        arr = arr.combine_chunks()
    import pyarrow as pa

    arr = arr.cast(pa.large_string())
    _, offsets_buf, data_buf = arr.buffers()
    n = len(arr)
    offsets = np.frombuffer(offsets_buf, dtype=np.int64, count=n + 1, offset=arr.offset * 8)
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    starts, lengths = offsets[:-1], np.diff(offsets)
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(int(lengths.max()) if n else 0):
            live = lengths > j
            idx = np.nonzero(live)[0]
            h[idx] = (h[idx] ^ data[starts[idx] + j].astype(np.uint64)) * _FNV_PRIME
        h = _splitmix(h ^ _splitmix(np.full(n, np.uint64(seed & 0xFFFFFFFFFFFFFFFF), dtype=np.uint64)))
    return h
