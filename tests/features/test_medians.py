"""Key medians: a line's figure against the median of earlier lines of its key (`features.medians`)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from riskprofile.features.medians import MedianConfig, compute, parse_config, streams

D0 = dt.date(2021, 1, 1)


def frame(rows: list[tuple]) -> pl.DataFrame:
    """rows: (day, hs_code, origin, mass, hist)."""
    return pl.DataFrame(
        {
            "declared_at": [D0 + dt.timedelta(days=r[0]) for r in rows],
            "hs_code": [r[1] for r in rows],
            "origin_country": [r[2] for r in rows],
            "net_mass_kg": [r[3] for r in rows],
            "_hist": [r[4] for r in rows],
        },
        schema={
            "declared_at": pl.Date,
            "hs_code": pl.String,
            "origin_country": pl.String,
            "net_mass_kg": pl.Float64,
            "_hist": pl.Boolean,
        },
    )


def run(rows: list[tuple], **section) -> pl.DataFrame:
    cfg = MedianConfig.model_validate(
        {"stats": [{"name": "m", "column": "net_mass_kg", "key": ["hs6", "origin_country"]}], **section}
    )
    return compute(frame(rows).lazy(), cfg).collect()


def test_ratio_to_median_of_earlier_history_lines():
    out = run(
        [
            (0, "610910", "CN", 10.0, True),
            (1, "610910", "CN", 30.0, True),
            (2, "610910", "CN", 20.0, True),
            (2, "610910", "VN", 99.0, True),  # other key
            (5, "61091000", "CN", 40.0, False),  # hs6 derived from the 8-digit code
            (5, "610910", "CN", 5.0, False),
        ]
    )
    row = out.row(4, named=True)
    assert row["m_n"] == 3 and row["m_median"] == 20.0 and row["m"] == 2.0
    assert out.row(5, named=True)["m"] == 0.25
    assert out.columns[:5] == ["declared_at", "hs_code", "origin_country", "net_mass_kg", "_hist"]


def test_same_day_and_later_lines_do_not_count():
    out = run([(3, "610910", "CN", 10.0, True), (3, "610910", "CN", 50.0, False), (2, "610910", "CN", 20.0, True)])
    row = out.row(1, named=True)
    assert row["m_n"] == 1 and row["m_median"] == 20.0 and row["m"] == 2.5


def test_scored_rows_count_only_with_rows_from_all():
    rows = [(0, "610910", "CN", 10.0, False), (1, "610910", "CN", 30.0, False)]
    assert run(rows)["m_n"].to_list()[1] == 0 and run(rows)["m"].to_list()[1] is None
    allrows = run(rows, rows_from="all")
    assert allrows["m_n"].to_list() == [0, 1] and allrows["m"].to_list() == [None, 3.0]


def test_null_key_zero_median_and_min_support():
    out = run(
        [
            (0, "610910", None, 10.0, True),
            (0, "620342", "CN", 0.0, True),
            (1, "610910", None, 10.0, False),
            (1, "620342", "CN", 7.0, False),
            (1, "610910", "CN", None, False),
        ]
    )
    assert out.row(2, named=True)["m_n"] is None and out.row(2, named=True)["m"] is None
    assert out.row(3, named=True)["m_median"] == 0.0 and out.row(3, named=True)["m"] is None  # no ratio to 0
    hist = [(0, "610910", "CN", 10.0, True), (1, "610910", "CN", 12.0, False)]
    assert run(hist, min_support=2)["m"].to_list()[1] is None and run(hist)["m"].to_list()[1] == 1.2


def test_missing_column_gives_nulls():
    cfg = MedianConfig.model_validate({"stats": [{"name": "v", "column": "value", "key": ["hs6"]}]})
    out = compute(frame([(0, "610910", "CN", 1.0, True), (1, "610910", "CN", 1.0, False)]).lazy(), cfg).collect()
    assert out["v"].to_list() == [None, None] and out["v_n"].to_list() == [None, None]


def test_invalid_sections_are_readable_errors():
    with pytest.raises(ValueError, match=r"medians.stats.0.key"):
        parse_config({"stats": [{"name": "m", "column": "value", "key": []}]})
    with pytest.raises(ValueError, match="used twice"):
        parse_config({"stats": [{"name": "m", "column": "value", "key": ["hs6"]}] * 2})
    with pytest.raises(ValueError, match="rows_from"):
        parse_config({"rows_from": "future"})
    assert streams({"stats": []}) and not streams({"rows_from": "all"})
