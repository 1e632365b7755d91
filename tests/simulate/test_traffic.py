"""Generated traffic: DESIGN columns, truth consistency, determinism, scheme behaviours."""

from __future__ import annotations

import polars as pl
import pytest

from riskprofile.simulate import DESIGN_COLUMNS, TRUTH_COLUMNS, TrafficModel, declarations, load_params

from .helpers import PARAMS

P = load_params(PARAMS)


@pytest.fixture(scope="module")
def week1() -> pl.DataFrame:
    return TrafficModel(P, 40_000, 4, seed=11).generate_week(1)


def test_columns_and_types(week1):
    assert week1.columns == DESIGN_COLUMNS + TRUTH_COLUMNS
    assert week1.schema["declared_at"] == pl.Date
    assert week1.schema["quantity"] == pl.Float64 and week1.schema["value"] == pl.Float64
    assert set(week1["direction"].unique()) <= {"import", "export"}
    assert set(week1["transport_mode"].unique()) <= {"sea", "air", "road", "rail", "postal", "express"}
    assert week1["hs_code"].str.contains(r"^\d{6,10}$").all()
    assert week1["customs_office"].str.contains(r"^CN[A-Z]{3}$").all()
    assert week1["trader_region"].str.contains(r"^CN-[A-Z]{2}$").all()
    assert (week1["quantity"] >= 1).all() and (week1["value"] > 0).all()


def test_declarations_are_consistent(week1):
    d = declarations(week1)
    assert d["decl_id"].n_unique() == d.height == 10_000
    # header fields are repeated identically on every line
    per = week1.group_by("decl_id").agg(
        pl.col(c).n_unique().alias(c) for c in ("customs_office", "trader_id", "infringing")
    )
    assert (per.drop("decl_id").max_horizontal() == 1).all()
    # items > 0 exactly for infringing declarations; truth columns null for legitimate ones
    assert ((d["items"] > 0) == d["infringing"]).all()
    legit = d.filter(~pl.col("infringing"))
    assert legit["concealment"].null_count() == legit.height and legit["scheme"].null_count() == legit.height
    assert (legit["actor_id"] == -1).all() and not legit["on_application"].any()


def test_infringing_lines(week1):
    inf = week1.filter(pl.col("infringing"))
    per = inf.group_by("decl_id").agg(pl.col("line_infringing").sum().alias("k"), pl.col("concealment").first())
    # one declared infringing line, except door concealment where the goods are hidden behind cover goods
    assert (per.filter(pl.col("concealment") == "door")["k"] == 0).all()
    assert (per.filter(pl.col("concealment") != "door")["k"] == 1).all()
    assert not week1.filter(~pl.col("infringing"))["line_infringing"].any()
    openly = inf.filter(
        pl.col("line_infringing") & (pl.col("concealment") == "none") & (pl.col("ip_kind") == "trademark")
    )
    assert (openly["brand"] != "NO BRAND").mean() > 0.8
    hidden = inf.filter(pl.col("line_infringing") & pl.col("concealment").is_in(["misdescription", "mixed"]))
    assert (hidden["brand"] == "NO BRAND").all()


def test_deterministic_per_seed():
    a = TrafficModel(P, 5_000, 2, seed=5).generate_week(2)
    b = TrafficModel(P, 5_000, 2, seed=5).generate_week(2)
    c = TrafficModel(P, 5_000, 2, seed=6).generate_week(2)
    assert a.equals(b)
    assert not a.equals(c)


def test_weeks_split_n_exactly():
    m = TrafficModel(P, 1_003, 7, seed=1)
    assert int(m.weekly_n.sum()) == 1_003
    total = sum(declarations(m.generate_week(w)).height for w in range(1, 8))
    assert total == 1_003


def test_bad_arguments():
    with pytest.raises(ValueError):
        TrafficModel(P, 0, 4, seed=1)
    with pytest.raises(ValueError):
        TrafficModel(P, 10, 0, seed=1)
    with pytest.raises(ValueError):
        TrafficModel(P, 10, 2, seed=1).generate_week(3)


def test_scores_through_the_shipped_profile_without_rejects(week1):
    """The real scoring path accepts every simulated row (fx rates, offices, regions all known)."""
    from .helpers import PROFILE

    assert PROFILE.exists(), "the shipped rules/profile.yaml is missing"
    from riskprofile import load_profile

    res = load_profile(PROFILE).score(week1.select(DESIGN_COLUMNS).head(6_000), random=True)
    assert res.rows_rejected == 0, res.rejects.head(5)


def test_legitimate_traffic_uses_recorded_marks_and_the_unusual_trade_forms(week1):
    """Authorised users declare their marks and are authorised under the shipped register; genuine
    parallel imports carry foreign marks; mixed loads (1039/9710) have many lines; some exports leave by
    another office than the lodging one."""
    from .helpers import PROFILE

    legit = week1.filter(~pl.col("infringing"))
    pairs = {x for v in P.legit_trade.parties.values() for x in v}
    parties = {x.split("|")[1] for x in pairs}
    users = legit.filter(pl.col("trader_id").is_in(list(parties)))
    marked = users.filter(pl.concat_str("brand", pl.lit("|"), "trader_id").is_in(list(pairs)))
    assert users["decl_id"].n_unique() > 50 and marked.height > 50
    mixed = declarations(legit).filter(pl.col("trade_mode_code").is_in(["1039", "9710"]))
    assert mixed.height > 50
    n_lines = legit.filter(pl.col("decl_id").is_in(mixed["decl_id"].implode())).group_by("decl_id").len()["len"]
    assert n_lines.min() >= 4
    exits = declarations(legit).filter(pl.col("exit_office").is_not_null())
    assert exits.height > 50 and (exits["exit_office"] != exits["customs_office"]).all()
    assert (exits["direction"] == "export").all()
    if PROFILE.exists():
        from riskprofile import load_profile

        lines = load_profile(PROFILE).prepare(marked.select(DESIGN_COLUMNS), features={"mark_authorised"}).lines
        assert lines["mark_authorised"].fill_null(False).all()


def test_legitimate_traffic_is_as_varied_as_real_trade(week1):
    """HS codes of 10, 8 and 6 digits; genuine marks declared by traders on no list, most of them shipping to
    the holder's sourcing office (named after the mark) and some under processing trade; genuine marks in
    people's parcels priced at retail; "no brand" in several forms; small trade across several land borders."""
    legit = week1.filter(~pl.col("infringing"))
    digits = legit["hs_code"].str.len_chars().value_counts()
    assert set(digits["hs_code"]) == {6, 8, 10} and (digits["count"] / legit.height).min() > 0.03
    parties = {x.split("|")[1] for v in P.legit_trade.parties.values() for x in v}
    marks = {m for v in P.marks.values() if isinstance(v, list) for m in v} - {"NO BRAND"}
    unlisted = legit.filter(pl.col("brand").is_in(list(marks)) & ~pl.col("trader_id").is_in(list(parties)))
    firms = unlisted.filter(~pl.col("transport_mode").is_in(["postal", "express"]))
    to_holder = firms.filter(pl.col("overseas_party").str.starts_with(pl.col("brand")))
    assert firms["decl_id"].n_unique() > 50 and to_holder.height > 0.3 * firms.height
    assert (to_holder["trade_mode"] == "processing").any()
    people = unlisted.filter(pl.col("trader_type") == "individual")
    assert people.height > 10 and people["overseas_party"].is_null().all()
    assert {"NO BRAND", "", "无品牌", "N/M", "无牌"} <= set(legit["brand"])
    road = declarations(legit).filter(pl.col("transport_mode") == "road")
    assert road["destination_country"].n_unique() >= 5
