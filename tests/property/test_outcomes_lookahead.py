"""Outcome features never look ahead: a line's past rate depends only on labelled rows of strictly
earlier days, and matches a brute-force count."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.features.outcomes import OutcomeConfig, compute

D0 = dt.date(2021, 1, 1)
CONFIG = {
    "prior": {"mean": 0.25, "strength": 2},
    "min_support": 2,
    "rates": [
        {"name": "r_goods", "label": "fraud", "key": ["hs6", "origin_country"]},
        {"name": "r_all", "label": "fraud", "key": ["direction"]},
        {"name": "r_auto", "label": "fraud", "key": ["hs_heading"], "prior": {"mean": "auto", "strength": 1}},
        {
            "name": "r_near",
            "label": "fraud",
            "key": ["hs6", "origin_country"],
            "near": {"column": "value", "factor": 2},
        },
    ],
}

rows = st.lists(
    st.fixed_dictionaries(
        {
            "day": st.integers(0, 6),
            "hs": st.sampled_from(["610910", "610990", "620342", None]),
            "origin": st.sampled_from(["CN", "VN", None]),
            "fraud": st.sampled_from([0, 1, None]),
            "hist": st.booleans(),
            "value": st.sampled_from([None, 0.0, 1.0, 2.0, 3.0, 4.5, 10.0]),
        }
    ),
    min_size=1,
    max_size=40,
)


def frame(rs: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "decl_id": [f"d{i}" for i in range(len(rs))],
            "declared_at": [D0 + dt.timedelta(days=r["day"]) for r in rs],
            "direction": ["import"] * len(rs),
            "hs_code": [r["hs"] for r in rs],
            "origin_country": [r["origin"] for r in rs],
            "fraud": [r["fraud"] for r in rs],
            "value": [r.get("value") for r in rs],
            "_hist": [r["hist"] for r in rs],
        },
        schema={
            "decl_id": pl.String,
            "declared_at": pl.Date,
            "direction": pl.String,
            "hs_code": pl.String,
            "origin_country": pl.String,
            "fraud": pl.Int64,
            "value": pl.Float64,
            "_hist": pl.Boolean,
        },
    )


def run(rs: list[dict], labels_from: str) -> pl.DataFrame:
    cfg = OutcomeConfig.model_validate({**CONFIG, "labels_from": labels_from})
    return compute(frame(rs).lazy(), cfg).collect()


def brute(rs: list[dict], i: int, labels_from: str) -> tuple[int | None, int | None]:
    me = rs[i]
    if me["hs"] is None or me["origin"] is None:
        return None, None
    seen = [
        r
        for r in rs
        if r["day"] < me["day"]
        and r["hs"] == me["hs"]
        and r["origin"] == me["origin"]
        and r["fraud"] is not None
        and (labels_from == "all" or r["hist"])
    ]
    return len(seen), sum(r["fraud"] for r in seen)


@given(rows, st.sampled_from(["history", "all"]))
def test_matches_brute_force(rs, labels_from):
    out = run(rs, labels_from)
    for i in range(len(rs)):
        n, p = brute(rs, i, labels_from)
        assert out["r_goods_n"][i] == n and out["r_goods_pos"][i] == p
        if n is None or n < 2:
            assert out["r_goods"][i] is None
        else:
            assert abs(out["r_goods"][i] - (p + 2 * 0.25) / (n + 2)) < 1e-12
            assert out["r_goods_neg"][i] == n - p


@given(rows, st.sampled_from(["history", "all"]))
def test_near_rate_matches_brute_force(rs, labels_from):
    """`near`: only earlier labelled rows of the key whose value is within a factor 2 of the line's count."""
    out = run(rs, labels_from)
    for i, me in enumerate(rs):
        if me["hist"]:
            continue  # history rows are not scored
        n, p = out["r_near_n"][i], out["r_near_pos"][i]
        if me["hs"] is None or me["origin"] is None or me["value"] is None or me["value"] <= 0:
            assert n is None and out["r_near"][i] is None
            continue
        x = me["value"]
        seen = [
            r
            for r in rs
            if r["day"] < me["day"]
            and (r["hs"], r["origin"]) == (me["hs"], me["origin"])
            and r["fraud"] is not None
            and r["value"] is not None
            and x / 2 <= r["value"] <= x * 2
            and (labels_from == "all" or r["hist"])
        ]
        assert (n, p) == (len(seen), sum(r["fraud"] for r in seen))
        assert out["r_near"][i] == (None if n < 2 else (p + 0.5) / (n + 2))


@given(rows, st.integers(0, 6), st.data(), st.sampled_from(["history", "all"]))
def test_no_look_ahead(rs, cut, data, labels_from):
    """Changing anything on day >= cut (labels, keys, adding rows) leaves every feature of days < cut intact,
    and changing labels on day >= d leaves day d's features intact."""
    base = run(rs, labels_from)
    changed = []
    for r in rs:
        if r["day"] >= cut:
            r = {
                **r,
                "fraud": data.draw(st.sampled_from([0, 1, None])),
                "hs": data.draw(st.sampled_from(["610910", "620342"])),
                "value": data.draw(st.sampled_from([None, 1.0, 3.0])),
            }
        changed.append(r)
    extra = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "day": st.integers(cut, 6),
                    "hs": st.just("610910"),
                    "origin": st.just("CN"),
                    "fraud": st.just(1),
                    "hist": st.booleans(),
                    "value": st.just(2.0),
                }
            ),
            max_size=5,
        )
    )
    after = run(changed + extra, labels_from)
    cols = [c for c in base.columns if c.startswith("r_")]
    for i, r in enumerate(rs):
        if r["day"] < cut:
            assert base.select(cols).row(i) == after.select(cols).row(i)


@given(rows)
def test_input_labels_unused_by_default(rs):
    """labels_from: history -> labels of scored (non-history) rows never count."""
    hidden = [r if r["hist"] else {**r, "fraud": None} for r in rs]
    a, b = run(rs, "history"), run(hidden, "history")
    cols = [c for c in a.columns if c.startswith("r_")]
    assert a.select(cols).equals(b.select(cols))


# -- the same through the engine: input + --history files, labels of input rows hidden ----------------
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from riskprofile import load_profile  # noqa: E402

_PROFILE_DIR = Path(tempfile.mkdtemp(prefix="rp-outcomes-"))
(_PROFILE_DIR / "rules").mkdir()
(_PROFILE_DIR / "profile.yaml").write_text(
    "name: p\nrandom: {rate: 0}\nrules: ['rules/*.yaml']\nfields: {fraud: int}\n"
    "features:\n  outcomes:\n    prior: {mean: 0.25, strength: 2}\n    min_support: 2\n"
    "    rates:\n      - {name: r_goods, label: fraud, key: [hs6, origin_country]}\n"
)
(_PROFILE_DIR / "rules" / "r.yaml").write_text(
    "rules:\n  - {id: R, title: t, weight: 10, when: {r_goods: {ge: 0.5}}}\n"
)


def _decls(rs: list[dict], prefix: str) -> pl.DataFrame:
    f = frame(rs).drop("_hist")
    return f.with_columns(
        pl.format(prefix + "{}", pl.int_range(0, pl.len())).alias("decl_id"), pl.col("declared_at").cast(pl.String)
    )


@given(rows)
def test_engine_uses_history_labels_strictly_before(rs):
    prof = load_profile(_PROFILE_DIR / "profile.yaml")
    hist_rows = [r for r in rs if r["hist"]]
    new_rows = [r for r in rs if not r["hist"]] or [rs[0]]
    hist = _decls(hist_rows, "h") if hist_rows else None
    new = _decls(new_rows, "n")  # input rows keep their labels: they must not be used
    lines = prof.prepare(new, history=hist, features={"r_goods", "r_goods_n", "r_goods_pos"}).lines
    valid = [r for r in new_rows if r["hs"] is not None]  # a line without hs_code is rejected
    assert lines.height == len(valid)
    for row, r in zip(lines.iter_rows(named=True), valid, strict=False):
        if r["origin"] is None:
            assert row["r_goods_n"] is None
            continue
        seen = [
            h
            for h in hist_rows
            if h["day"] < r["day"] and h["hs"] == r["hs"] and h["origin"] == r["origin"] and h["fraud"] is not None
        ]
        assert row["r_goods_n"] == len(seen) and row["r_goods_pos"] == sum(h["fraud"] for h in seen)
