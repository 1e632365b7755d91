"""The random control-group draw's hash: FNV-1a over the id's UTF-8 bytes, finalised with splitmix64."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.engine.random_draw import _fnv, _fnv_columns, hash64, uniform


def test_fnv1a_of_known_strings():
    # published FNV-1a 64-bit values
    assert _fnv(b"") == 0xCBF29CE484222325
    assert _fnv(b"a") == 0xAF63DC4C8601EC8C
    assert _fnv(b"foobar") == 0x85944171F73967E8


@given(st.lists(st.text(max_size=12), max_size=40))
def test_column_passes_equal_the_per_id_loop(ids):
    raw = pl.Series(ids, dtype=pl.String).cast(pl.Binary)
    expected = np.array([_fnv(s.encode()) for s in ids], dtype=np.uint64)
    assert (_fnv_columns(raw) == expected).all()


def test_hash_does_not_depend_on_batch_size_or_nulls():
    ids = [f"D{i:07d}" for i in range(100)] + ["", "三环", "x" * 40]
    whole = hash64(pl.Series(ids + [None]), 7)  # vectorised (100+ ids)
    small = np.concatenate([hash64(pl.Series(ids[i : i + 10]), 7) for i in range(0, len(ids), 10)])  # per id
    assert (whole[:-1] == small).all()
    assert whole[-1] == hash64(pl.Series([""]), 7)[0]  # null hashes as the empty string
    assert not (hash64(pl.Series(ids), 8) == whole[:-1]).all()
    u = uniform(pl.Series(ids), 7)
    assert ((u >= 0) & (u < 1)).all()
