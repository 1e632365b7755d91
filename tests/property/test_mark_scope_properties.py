"""Brand-feature properties over the shipped register: a recorded mark counts only on the goods it is
recorded for, whichever form it is written in; a party carrying the mark's name is the holder's own; and a
look-alike is found only on whole brands or on words at least the fuzzy minimum long."""

from functools import cache
from pathlib import Path

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile import load_profile
from riskprofile.features.brand import MarkMatcher
from riskprofile.features.text import norm_mark
from riskprofile.testing.builders import prepared_lines

ROOT = Path(__file__).resolve().parents[2]
CODES = [
    "6404190000",
    "9506620000",
    "8301100000",
    "8452100000",
    "8542390000",
    "2710199100",
    "4202210000",
    "6505009900",
    "9004100000",
    "8517120000",
    "3304990000",
    "8536500000",
    "9405409000",
    "7013490000",
]


@cache
def _profile():
    return load_profile(ROOT / "rules" / "profile.yaml")


@cache
def _forms() -> list[tuple[str, object]]:
    """(a written form: the mark or an alias, its item) for trademarks in force all through 2016."""
    out = []
    for it in _profile().lists["recorded_marks"].items:
        if it.right != "trademark" or not it.goods or not it.valid_to or it.valid_to.year < 2017:
            continue
        if it.valid_from and it.valid_from.year > 2015:
            continue
        out += [(a, it) for a in [it.mark, *it.aliases]]
    return out


def _owners(form: str) -> set:
    """Every item a form is written for (a form may be shared by two recordations)."""
    return {it.mark for a, it in _forms() if norm_mark(a) == norm_mark(form)}


def _goods(mark: str) -> list[str]:
    return [g for a, it in _forms() if it.mark == mark for g in it.goods]


@given(st.data())
def test_a_mark_counts_only_on_goods_it_is_recorded_for(data):
    form, it = data.draw(st.sampled_from(_forms()))
    code = data.draw(st.sampled_from([*CODES, it.goods[0].ljust(10, "0")]))
    base = dict(declared_at="2016-06-01", direction="export", trader_id="X-1", declarant_id="X-1")
    lists = dict(_profile().lists)
    (row,) = prepared_lines([{"brand": form, "hs_code": code, "description": "goods"}], {"any_mark"}, lists, **base)
    mark = row["any_mark"]
    if mark is not None:
        assert any(code.startswith(g) for g in _goods(mark)), (form, code, mark)
    owners = _owners(form)
    if all(any(code.startswith(g) for g in _goods(m)) for m in owners):
        assert mark in owners, (form, code, mark)


@given(st.data())
def test_a_trader_named_for_the_mark_is_authorised(data):
    form, it = data.draw(st.sampled_from([(a, it) for a, it in _forms() if len(norm_mark(a)) >= 4]))
    suffix = data.draw(st.sampled_from([" (CHINA) CO", " TRADING LTD", "有限公司", " INDUSTRIAL"]))
    base = dict(declared_at="2016-06-01", direction="export", trader_id="1234567890", declarant_id="1234567890")
    row = {"brand": form, "hs_code": it.goods[0].ljust(10, "0"), "description": "goods", "trader_name": form + suffix}
    (got,) = prepared_lines([row], {"any_mark", "mark_authorised"}, dict(_profile().lists), **base)
    if got["any_mark"] == it.mark:
        assert got["mark_authorised"] is True, (form, suffix)


@given(
    st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVWY", min_size=1, max_size=5), min_size=2, max_size=3),
    st.data(),
)
def test_short_words_of_a_longer_brand_are_never_look_alikes(words, data):
    """MEAN WELL is not DELL: a word shorter than the fuzzy minimum is a look-alike of nothing."""
    matcher = MarkMatcher.from_items(_profile().lists["recorded_marks"].items)
    brand = " ".join(words)
    mark, exact, whole = matcher.resolve(brand)
    if mark is not None and not exact and not whole:
        assert (
            len(norm_mark(brand)) >= matcher.min_length_fuzzy - 1
            or any(len(w) >= matcher.min_length_fuzzy for w in words)
            or any(len(a + b) >= matcher.min_length_fuzzy for a, b in zip(words, words[1:], strict=False))
        ), (brand, mark)


@given(st.data())
def test_matching_once_per_key_gives_every_spelling_its_own_answer(data):
    """`table` resolves each distinct key once: every raw brand gets what resolving it alone gives."""
    matcher = MarkMatcher.from_items(_profile().lists["recorded_marks"].items)
    forms = data.draw(
        st.lists(st.sampled_from([a for a, _ in _forms()] + ["MEAN WELL", "NO BRAND", "Acme"]), max_size=6)
    )
    noisy = [f.lower() if data.draw(st.booleans()) else f.replace(" ", "  ") for f in forms]
    table = matcher.table(pl.Series([*forms, *noisy], dtype=pl.String))
    for row in table.iter_rows(named=True):
        alone = matcher._row(row["_brand"])
        assert (row["brand_mark"], row["brand_exact"], row["_part_mark"], row["_part_exact"]) == alone
