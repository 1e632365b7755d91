"""History features look strictly backwards, whatever the input order."""

import polars as pl

from riskprofile.engine.profile import Profile
from riskprofile.model.rules import ProfileConfig
from riskprofile.testing.strategies import sample_lists

ROWS = [
    ("H1", "2015-01-10", "CNNGB"),
    ("H2", "2015-03-01", "CNNGB"),
    ("H3", "2015-03-01", "CNSZX"),
    ("H4", "2015-07-10", "CNSHA"),
    ("H5", "2015-07-10", "CNSHA"),
]
FEATURES = {
    "trader_prior_decls",
    "trader_prior_offices",
    "trader_new_office",
    "trader_days_known",
    "trader_penalties_2y",
}


def _frame(rows, trader="T3"):
    return pl.DataFrame(
        [
            dict(
                decl_id=d,
                declared_at=t,
                direction="export",
                customs_office=o,
                trader_id=trader,
                hs_code="8452290000",
                goods_source_region="CN-ZJ",
            )
            for d, t, o in rows
        ]
    )


def _features(df):
    prof = Profile(ProfileConfig(), [], sample_lists())
    lines = prof.prepare(df, features=FEATURES).lines
    return {r["decl_id"]: tuple(r[f] for f in sorted(FEATURES)) for r in lines.to_dicts()}


def test_counts_are_strictly_before_and_order_independent():
    expected = _features(_frame(ROWS))
    # sorted(FEATURES): days_known, new_office, penalties_2y, prior_decls, prior_offices
    assert expected["H1"] == (0, False, 0, 0, 0)
    assert expected["H2"] == (50, False, 0, 1, 1)
    assert expected["H3"] == (50, True, 0, 1, 1)  # same day as H2: H2 is not history of H3
    assert expected["H4"] == (181, True, 1, 3, 2)  # the penalty of 2015-06-01 is earlier, within two years
    assert expected["H5"] == (181, True, 1, 3, 2)
    for seed in range(5):
        shuffled = _frame(ROWS).sample(fraction=1.0, shuffle=True, seed=seed)
        assert _features(shuffled) == expected


def test_history_files_count_but_are_not_scored():
    prof = Profile(ProfileConfig(), [], sample_lists())
    hist, new = _frame(ROWS[:3]), _frame(ROWS[3:])
    res = prof.prepare(new, history=hist, features=FEATURES)
    assert sorted(res.lines["decl_id"].to_list()) == ["H4", "H5"]
    assert res.lines["trader_prior_decls"].to_list() == [3, 3]
