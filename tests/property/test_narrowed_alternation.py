"""`Alternation.narrowed` finds in a few texts exactly what the whole alternation finds there, whatever
the spelling: case, look-alike letters that fold to ASCII (K, ſ), separators, accents, other scripts."""

from pathlib import Path

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.features.text import NARROW_TEXTS, Alternation
from riskprofile.loader.profile import load_profile

ROOT = Path(__file__).resolve().parents[2]
_LISTS = load_profile(ROOT / "rules" / "profile.yaml").lists
MARKS = [a for it in _LISTS["recorded_marks"].items if it.in_description for a in [it.mark, *it.aliases]]
KEYWORDS = [k for it in _LISTS["hs_keywords"].items for k in it.keywords]
ALTERNATIONS = {"marks": Alternation.of(MARKS), "keywords": Alternation.of(KEYWORDS)}

_LOOK_ALIKE = {"K": "\u212a", "k": "\u212a", "s": "\u017f", "A": "Ａ", "e": "é", "E": "É", "O": "0", "I": "l"}


@st.composite
def spelled(draw, phrases: list[str]) -> str:
    """A phrase of the list as a declarant might type it."""
    text = draw(st.sampled_from(phrases))
    out = []
    for ch in text:
        how = draw(st.integers(0, 9))
        if how == 0:
            ch = ch.swapcase()
        elif how == 1:
            ch = ch.lower()
        elif how == 2 and ch in _LOOK_ALIKE:
            ch = _LOOK_ALIKE[ch]
        elif how == 3 and ch in " -.":
            ch = draw(st.sampled_from(["", " ", "-", "_", "/", "·"]))
        out.append(ch)
    return "".join(out)


@st.composite
def texts(draw, phrases: list[str]) -> list[str | None]:
    filler = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
    n = draw(st.integers(1, NARROW_TEXTS))
    out: list[str | None] = []
    for _ in range(n):
        if draw(st.integers(0, 9)) == 0:
            out.append(None)
            continue
        pieces = draw(st.lists(st.one_of(spelled(phrases), filler), min_size=1, max_size=4))
        out.append(draw(st.sampled_from([" ", "", ", ", "-"])).join(pieces))
    return out


@given(st.data())
def test_narrowed_pattern_finds_what_the_whole_one_finds(data):
    name = data.draw(st.sampled_from(sorted(ALTERNATIONS)))
    alt = ALTERNATIONS[name]
    got = data.draw(texts(MARKS if name == "marks" else KEYWORDS))
    col = pl.Series("t", got, dtype=pl.String)
    whole = pl.DataFrame({"t": col}).select(
        pl.col("t").str.extract(alt.pattern, 1).alias("first"), pl.col("t").str.extract_all(alt.pattern).alias("all")
    )
    narrowed = alt.narrowed(got)
    if narrowed is None:
        assert whole["first"].null_count() == len(got)
        assert whole["all"].list.len().fill_null(0).sum() == 0
    else:
        assert len(narrowed) <= len(alt.pattern)
        part = pl.DataFrame({"t": col}).select(
            pl.col("t").str.extract(narrowed, 1).alias("first"), pl.col("t").str.extract_all(narrowed).alias("all")
        )
        assert part.to_dicts() == whole.to_dicts()


def test_more_texts_than_the_limit_get_the_whole_pattern():
    alt = ALTERNATIONS["marks"]
    assert alt.narrowed(["TRI-CIRCLE locks"] * (NARROW_TEXTS + 1)) == alt.pattern
    assert alt.narrowed(["plain steel screws"]) is None
