"""Scoring by trader buckets (`engine.buckets`, the semantics `riskprofile.spark` runs across workers)
gives one pass's results exactly: any number of buckets, any input order, trader ids as typed (case,
spaces), declarations whose lines disagree on the trader, history declarations sharing an input decl_id,
rejected rows."""

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.engine.buckets import NotTraderLocal, check_trader_local, score_in_buckets
from riskprofile.engine.profile import Profile
from riskprofile.errors import RiskProfileError
from riskprofile.findings import Collector
from riskprofile.model.check import rules_from_node
from riskprofile.model.rules import ProfileConfig
from riskprofile.testing import strategies as rps
from riskprofile.testing.strategies import sample_lists


def _raw(profile, decls) -> pl.DataFrame:
    frame = profile.frame(decls)
    return frame.drop([c for c in frame.columns if c.startswith("_")] + ["value_usd"]).with_columns(
        pl.col("declared_at").cast(pl.String)
    )


def _typed(frame: pl.DataFrame, styles: list[int]) -> pl.DataFrame:
    """Trader ids as people type them: lower case, padded, or as normalised."""
    style = pl.Series(styles[: frame.height] + [0] * max(0, frame.height - len(styles)))
    t = pl.col("trader_id")
    return frame.with_columns(
        pl.when(style == 1)
        .then(t.str.to_lowercase())
        .when(style == 2)
        .then(pl.concat_str(pl.lit(" "), t, pl.lit("  ")))
        .otherwise(t)
        .alias("trader_id")
    )


@given(rps.profiles(), rps.declaration_batches(min_size=2), st.sampled_from([1, 2, 3, 7, None]), st.data())
def test_buckets_equal_one_pass(profile, decls, buckets, data):
    try:
        check_trader_local(profile)
    except NotTraderLocal:
        return
    cut = data.draw(st.integers(0, len(decls) - 1), label="history cut")
    frame = _raw(profile, decls[cut:])
    history = _raw(profile, decls[:cut]) if cut else None
    frame = frame[list(data.draw(st.permutations(range(frame.height)), label="order"))]
    frame = _typed(frame, data.draw(st.lists(st.integers(0, 2), max_size=frame.height), label="trader ids"))
    bad = data.draw(st.sets(st.integers(0, frame.height - 1), max_size=2), label="bad rows")
    other = data.draw(st.sets(st.integers(0, frame.height - 1), max_size=1), label="line of another trader")
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()).is_in(list(bad)))
        .then(pl.lit("x"))
        .otherwise(pl.col("hs_code"))
        .alias("hs_code"),
        pl.when(pl.int_range(pl.len()).is_in(list(other)))
        .then(pl.lit("T-OTHER"))
        .otherwise(pl.col("trader_id"))
        .alias("trader_id"),
    )
    if history is not None and data.draw(st.booleans(), label="history shares a decl_id"):
        # a history declaration carrying the id of an input declaration (another trader's, maybe rejected)
        history = history.with_columns(
            pl.when(pl.col("decl_id") == history["decl_id"][0])
            .then(pl.lit(frame["decl_id"][0]))
            .otherwise(pl.col("decl_id"))
            .alias("decl_id")
        )
    whole = profile.score(frame, history=history)
    decls_out, rejects, summary = score_in_buckets(profile, frame, history, buckets=buckets)
    assert decls_out.to_dicts() == whole.declarations.to_dicts()
    expected = whole.rejects.sort("row", maintain_order=True).select("row", "reason").to_dicts()
    assert rejects.select("row", "reason").to_dicts() == expected
    assert summary.rows_in == frame.height == summary.rows_scored + summary.rows_rejected
    assert summary.declarations == whole.declarations.height


def test_profiles_with_outcome_rates_are_refused():
    config = ProfileConfig.model_validate(
        {
            "name": "o",
            "fields": {"fraud": "int"},
            "features": {"outcomes": {"rates": [{"name": "fraud_goods", "label": "fraud", "key": ["hs6"]}]}},
        }
    )
    prof = Profile(config, [], sample_lists())
    rule = {
        "id": "R1",
        "title": "goods often found fraudulent",
        "family": "goods",
        "weight": 10,
        "when": {"fraud_goods": {"gt": 0.5}},
        "rationale": "outcome rate",
        "references": ["C01"],
    }
    col = Collector("<test>")
    rules = rules_from_node({"rules": [rule]}, col, prof.fields, prof.lists, {}, None)
    assert rules, col.findings
    check_trader_local(prof)  # no rule reads the rate: nothing to refuse
    with pytest.raises(NotTraderLocal) as e:
        check_trader_local(prof.replace(rules=rules))
    assert isinstance(e.value, RiskProfileError) and e.value.code == "not_trader_local"
    assert "outcomes" in str(e.value) and e.value.hint
