import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.io.lookup import Lookup

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=5)


@given(st.dictionaries(_TEXT, st.integers(-5, 5), max_size=8), st.lists(st.one_of(st.none(), _TEXT), max_size=12))
def test_lookup_equals_replace_strict(table, values):
    col = pl.Series("v", values, dtype=pl.String)
    frame = pl.DataFrame({"v": col})
    got = frame.select(Lookup.of(table, pl.Int64)(pl.col("v")).alias("out"))["out"]
    want = frame.select(
        pl.col("v").replace_strict(list(table), list(table.values()), default=None, return_dtype=pl.Int64).alias("out")
    )["out"]
    assert got.to_list() == want.to_list()
    assert got.to_list() == [None if v is None else table.get(v) for v in values]


def test_lookup_keeps_the_values_type():
    import datetime as dt

    frame = pl.DataFrame({"m": ["A", "B", None, "C"]})
    day = dt.date(2016, 3, 1)
    got = frame.select(Lookup.of({"A": day, "C": None}, pl.Date)(pl.col("m")).alias("d"))["d"]
    assert got.dtype == pl.Date and got.to_list() == [day, None, None, None]
