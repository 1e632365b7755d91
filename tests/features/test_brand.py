import polars as pl
import pytest

from riskprofile.features.brand import MarkMatcher
from riskprofile.features.text import norm_mark
from riskprofile.testing.strategies import sample_lists

MATCHER = MarkMatcher.from_items(sample_lists()["recorded_marks"].items)


@pytest.mark.parametrize(
    "declared,mark,exact",
    [
        ("TRI-CIRCLE", "TRI-CIRCLE", True),
        ("tri circle", "TRI-CIRCLE", True),
        ("三环", "TRI-CIRCLE", True),
        ("San Huan", "TRI-CIRCLE", True),
        ("TRI-CYIRCELE", "TRI-CIRCLE", False),
        ("Converse All Star", "CONVERSE", True),
        ("ALL-STAR", "CONVERSE", True),
        ("CONVERS", "CONVERSE", False),
        ("SHELL", "SHELL", True),
    ],
)
def test_look_alike_marks_match(declared, mark, exact):
    assert MATCHER.match(declared) == (mark, exact)


@pytest.mark.parametrize("declared", ["NO BRAND", "", None, "无品牌", "N/M", "ACME", "SHELLY FARMS CO", "TRIANGLE"])
def test_other_brands_do_not_match(declared):
    assert MATCHER.match(declared)[0] is None


def test_norm_mark():
    assert norm_mark(" Tri-Circle ") == "TRICIRCLE"
    assert norm_mark("Ｒａｙ．Ｂａｎ") == "RAYBAN"


def test_brand_features_and_authorisation():
    from riskprofile.engine.profile import Profile
    from riskprofile.model.rules import ProfileConfig

    prof = Profile(ProfileConfig(), [], sample_lists())
    rows = [
        dict(
            decl_id="A",
            declared_at="2016-02-01",
            direction="export",
            trader_id="T9",
            hs_code="8301400000",
            brand="TRI-CYIRCELE",
        ),
        dict(
            decl_id="B",
            declared_at="2016-02-01",
            direction="export",
            trader_id="T1",
            hs_code="8301400000",
            brand="三环",
        ),
        dict(
            decl_id="C",
            declared_at="2016-02-01",
            direction="import",
            trader_id="T9",
            hs_code="2710199100",
            brand="",
            description="Shell engine oil 4L",
        ),
        dict(
            decl_id="D",
            declared_at="2016-02-01",
            direction="export",
            trader_id="T9",
            hs_code="3926909000",
            brand="",
            description="phone shell cases",
        ),
    ]
    lines = prof.prepare(pl.DataFrame(rows), features={"mark_authorised", "no_brand"}).lines
    got = {r["decl_id"]: (r["any_mark"], r["mark_authorised"], r["no_brand"]) for r in lines.to_dicts()}
    assert got == {
        "A": ("TRI-CIRCLE", False, False),
        "B": ("TRI-CIRCLE", True, False),
        "C": ("SHELL", False, True),
        "D": (None, None, True),
    }


def _lines(rows, features, lists=None):
    from riskprofile.engine.profile import Profile
    from riskprofile.model.rules import ProfileConfig

    base = dict(declared_at="2016-02-01", direction="export", hs_code="6403990000")
    frame = pl.DataFrame([{**base, "decl_id": str(i), **r} for i, r in enumerate(rows)])
    return Profile(ProfileConfig(), [], lists or sample_lists()).prepare(frame, features=features).lines.to_dicts()


def test_chinese_alias_inside_a_brand_and_mixed_scripts():
    assert MATCHER.match("三环牌") == ("TRI-CIRCLE", True)
    assert MATCHER.match("CONVERSE匡威") == ("CONVERSE", True)


def test_short_mark_look_alike_counts_only_on_the_marks_goods():
    from riskprofile.model.lists import NamedList

    lists = sample_lists()
    marks = lists["recorded_marks"].model_dump()
    marks["items"].append({"mark": "NIKE", "goods": ["64"], "origin": "foreign"})
    lists["recorded_marks"] = NamedList.model_validate(marks)
    rows = _lines(
        [{"brand": "NIKEE", "hs_code": "6403990000"}, {"brand": "NIKEE", "hs_code": "9405100000"}],
        {"brand_mark", "mark_goods_match"},
        lists,
    )
    assert [(r["brand_mark"], r["mark_goods_match"]) for r in rows] == [("NIKE", True), (None, None)]


def test_an_identifier_carrying_the_mark_is_the_holders_own():
    rows = _lines(
        [
            {"brand": "三环", "hs_code": "8301400000", "trader_id": "SANHUAN-LOCK-CO"},
            {"brand": "三环", "hs_code": "8301400000", "trader_id": "FJ-LOCKS-9"},
        ],
        {"mark_authorised"},
    )
    assert [r["mark_authorised"] for r in rows] == [True, False]


def test_marks_named_in_descriptions_follow_a_changed_list():
    """The marks' alternation is built once per profile: a profile with another marks list (a derived
    profile, as tune and simulate make) finds its own marks, and the first profile keeps finding its own."""
    from riskprofile.engine.profile import Profile
    from riskprofile.model.lists import NamedList
    from riskprofile.model.rules import ProfileConfig

    lists = sample_lists()
    first = Profile(ProfileConfig(), [], lists)
    rows = [
        {"description": "Kronos gloves", "hs_code": "6116100000"},
        {"description": "KRONOS ZETA gloves", "hs_code": "6116100000"},
        {"description": "tri circle padlock", "hs_code": "8301100000"},
    ]
    frame = pl.DataFrame(
        [{"decl_id": str(i), "declared_at": "2016-02-01", "direction": "export", **r} for i, r in enumerate(rows)]
    )

    def found(profile):
        return profile.prepare(frame, features={"desc_mark"}).lines["desc_mark"].to_list()

    assert found(first) == [None, None, "TRI-CIRCLE"]
    marks = lists["recorded_marks"].model_dump()
    marks["items"] = [*marks["items"], {"mark": "ZETA KRONOS", "aliases": ["KRONOS ZETA"], "goods": ["6116"]}]
    second = first.replace(lists={**lists, "recorded_marks": NamedList.model_validate(marks)})
    assert found(second) == [None, "ZETA KRONOS", "TRI-CIRCLE"]
    assert found(first) == [None, None, "TRI-CIRCLE"]
