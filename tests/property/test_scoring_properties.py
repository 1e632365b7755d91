"""Invariants of the one scoring path, on generated rules, profiles and declarations."""

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.model.rules import LANE_RANK
from riskprofile.testing import strategies as rps
from riskprofile.testing.reference import reference_score


def _by_id(result):
    return {r["decl_id"]: r for r in result.declarations.iter_rows(named=True)}


@given(rps.profiles(), rps.declaration_batches())
def test_compiled_equals_reference_evaluator(profile, decls):
    prepared = profile.prepare(decls)
    fast = profile.score_prepared(prepared, random=False).declarations.to_dicts()
    slow = reference_score(profile, prepared.lines.to_dicts())
    assert [d["decl_id"] for d in fast] == [d["decl_id"] for d in slow]
    for f, s in zip(fast, slow, strict=False):
        assert f["rules"] == s["rules"], f["decl_id"]
        assert abs(f["score"] - s["score"]) < 1e-9
        assert f["lane"] == s["lane"]
        assert f["forced_by"] == s["forced_by"]


@given(rps.profiles(), rps.declaration_batches(min_size=2), st.randoms(use_true_random=False))
def test_invariant_to_row_order(profile, decls, rnd):
    frame = profile.frame(decls).drop("_seq", "_hist", "_file", "_row", "value_usd")
    shuffled = frame.sample(fraction=1.0, shuffle=True, seed=rnd.randint(0, 10**6))
    a, b = _by_id(profile.score(frame)), _by_id(profile.score(shuffled))
    assert a == b


@given(rps.profiles(), rps.declaration_batches(min_size=2), st.data())
def test_invariant_to_batch_split(profile, decls, data):
    """Scoring each batch with the other batches as history gives the scores of one big batch."""
    cut = data.draw(st.integers(1, len(decls) - 1))
    first, second = decls[:cut], decls[cut:]
    whole = _by_id(profile.score(decls))
    part = {**_by_id(profile.score(first, history=second)), **_by_id(profile.score(second, history=first))}
    assert part == whole


@given(rps.profiles(), rps.declaration_batches(), rps.rules(rule_id="EXTRA", weight=st.integers(0, 100).map(float)))
def test_adding_a_non_negative_rule_never_lowers_a_score(profile, decls, extra):
    before = _by_id(profile.score(decls, random=False))
    after = _by_id(profile.replace(rules=profile.rules + [extra]).score(decls, random=False))
    for decl_id, b in before.items():
        assert after[decl_id]["score"] >= b["score"]
        assert LANE_RANK[after[decl_id]["lane"]] >= LANE_RANK[b["lane"]]


@given(rps.profiles(), rps.declaration_batches())
def test_forced_lane_dominates_and_lane_is_monotone_in_score(profile, decls):
    res = profile.score(decls, random=False).declarations.to_dicts()
    forced = {r.id: r.lane for r in profile.rules if r.lane}
    lanes = profile.config.lanes
    for d in res:
        if d["forced_by"]:
            assert LANE_RANK[d["lane"]] >= LANE_RANK[forced[d["forced_by"]]]
            assert all(LANE_RANK[forced[r]] <= LANE_RANK[forced[d["forced_by"]]] for r in d["rules"] if r in forced)
        threshold = 2 if d["score"] >= lanes.red else 1 if d["score"] >= lanes.yellow else 0
        assert LANE_RANK[d["lane"]] >= threshold
        if not d["forced_by"]:
            assert LANE_RANK[d["lane"]] == threshold
    unforced = sorted((d for d in res if not d["forced_by"]), key=lambda d: d["score"])
    ranks = [LANE_RANK[d["lane"]] for d in unforced]
    assert ranks == sorted(ranks)


@given(rps.profiles(), rps.declaration_batches(min_size=2), st.data())
def test_appending_later_declarations_never_changes_earlier_scores(profile, decls, data):
    decls = sorted(decls, key=lambda d: d.declared_at)
    cut = data.draw(st.integers(1, len(decls) - 1))
    early, late = decls[:cut], decls[cut:]
    last_early = early[-1].declared_at
    late = [d for d in late if d.declared_at > last_early]
    alone = _by_id(profile.score(early))
    together = _by_id(profile.score(early + late))
    assert {k: together[k] for k in alone} == alone


@given(rps.profiles(), rps.declaration_batches(min_size=2), st.data())
def test_random_draw_is_per_declaration(profile, decls, data):
    cut = data.draw(st.integers(1, len(decls) - 1))
    whole = profile.score(decls).declarations.select("decl_id", "random")
    parts = pl.concat([profile.score(decls[:cut]).declarations, profile.score(decls[cut:]).declarations]).select(
        "decl_id", "random"
    )
    assert whole.sort("decl_id").equals(parts.sort("decl_id"))
