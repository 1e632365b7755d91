"""Key medians never look ahead: a line's median reads only rows of strictly earlier days (never its
own day, so never itself), matches a brute-force median, and reads no label."""

from __future__ import annotations

import datetime as dt
import statistics

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.features.medians import MedianConfig, compute

D0 = dt.date(2021, 1, 1)
CONFIG = {
    "min_support": 2,
    "stats": [{"name": "m_goods", "column": "net_mass_kg", "key": ["hs6", "origin_country"]}],
}

rows = st.lists(
    st.fixed_dictionaries(
        {
            "day": st.integers(0, 6),
            "hs": st.sampled_from(["610910", "610990", None]),
            "origin": st.sampled_from(["CN", "VN", None]),
            "mass": st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.5, 4.0, 10.0, 1000.0])),
            "fraud": st.sampled_from([0, 1, None]),
            "hist": st.booleans(),
        }
    ),
    min_size=1,
    max_size=40,
)


def frame(rs: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "declared_at": [D0 + dt.timedelta(days=r["day"]) for r in rs],
            "hs_code": [r["hs"] for r in rs],
            "origin_country": [r["origin"] for r in rs],
            "net_mass_kg": [r["mass"] for r in rs],
            "fraud": [r["fraud"] for r in rs],
            "_hist": [r["hist"] for r in rs],
        },
        schema={
            "declared_at": pl.Date,
            "hs_code": pl.String,
            "origin_country": pl.String,
            "net_mass_kg": pl.Float64,
            "fraud": pl.Int64,
            "_hist": pl.Boolean,
        },
    )


def run(rs: list[dict], rows_from: str) -> pl.DataFrame:
    cfg = MedianConfig.model_validate({**CONFIG, "rows_from": rows_from})
    return compute(frame(rs).lazy(), cfg).collect()


@given(rows, st.sampled_from(["history", "all"]))
def test_matches_brute_force(rs, rows_from):
    out = run(rs, rows_from)
    for i, me in enumerate(rs):
        if me["hist"]:
            continue  # history rows are not scored
        got = out.row(i, named=True)
        if me["hs"] is None or me["origin"] is None:
            assert got["m_goods_n"] is None and got["m_goods"] is None
            continue
        seen = [
            r["mass"]
            for r in rs
            if r["day"] < me["day"]
            and (r["hs"], r["origin"]) == (me["hs"], me["origin"])
            and r["mass"] is not None
            and (rows_from == "all" or r["hist"])
        ]
        assert got["m_goods_n"] == len(seen)
        med = statistics.median(seen) if seen else None
        assert got["m_goods_median"] == med
        if len(seen) < 2 or med is None or med <= 0 or me["mass"] is None:
            assert got["m_goods"] is None
        else:
            assert abs(got["m_goods"] - me["mass"] / med) < 1e-12


@given(rows, st.integers(0, 6), st.data(), st.sampled_from(["history", "all"]))
def test_no_look_ahead(rs, cut, data, rows_from):
    """Changing anything on day >= cut (figures, keys, labels, adding rows) leaves every feature of the
    lines of days < cut intact; labels are never read."""
    base = run(rs, rows_from)
    changed = [
        {
            **r,
            "mass": data.draw(st.sampled_from([None, 3.0, 7.0])),
            "hs": data.draw(st.sampled_from(["610910", "610990"])),
            "fraud": data.draw(st.sampled_from([0, 1])),
        }
        if r["day"] >= cut
        else {**r, "fraud": 1 - (r["fraud"] or 0)}
        for r in rs
    ]
    extra = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "day": st.integers(cut, 6),
                    "hs": st.just("610910"),
                    "origin": st.just("CN"),
                    "mass": st.just(5.0),
                    "fraud": st.just(1),
                    "hist": st.booleans(),
                }
            ),
            max_size=5,
        )
    )
    after = run(changed + extra, rows_from)
    cols = [c for c in base.columns if c.startswith("m_goods")]
    for i, r in enumerate(rs):
        if r["day"] < cut:
            assert base.select(cols).row(i) == after.select(cols).row(i)
