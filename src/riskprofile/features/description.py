"""Description vs HS consistency: does the description name goods of another heading?

`hs_keywords` lists, per HS code prefix (chapter, heading or subheading), words that name its goods
in any language. `desc_heading` is the code of the first keyword found in the description;
`desc_hs_mismatch` is true when the description names goods of some code, none of the keywords found
belongs to the declared code, e.g. handbags declared under a heading for plastic articles. A `whole`
word names goods only as the whole description (包 alone is a bag, 面包 and 包装 are not): it counts
before the keywords found inside the description.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .keys import by_key, collect, pair_of, with_key_codes
from .registry import FeatureGroup, register
from .text import Alternation


@dataclass(frozen=True)
class _Keywords:
    """The keywords of every heading (`names`), keyword -> heading (`words`, `headings`) and whole
    description -> heading (`whole`, `whole_headings`)."""

    names: Alternation
    words: pl.Series
    headings: pl.Series
    whole: pl.Series
    whole_headings: pl.Series

    @classmethod
    def of(cls, items: list) -> _Keywords | None:
        names = Alternation.of([k for it in items for k in it.keywords])
        kw_to_code: dict[str, str] = {}
        whole_to_code: dict[str, str] = {}
        for it in items:
            for k in it.keywords:
                kw_to_code.setdefault(_kw(k), it.heading)
            for k in it.whole:
                whole_to_code.setdefault(_kw(k), it.heading)
        if names.pattern is None and not whole_to_code:
            return None
        return cls(
            names,
            pl.Series(list(kw_to_code), dtype=pl.String),
            pl.Series(list(kw_to_code.values()), dtype=pl.String),
            pl.Series(list(whole_to_code), dtype=pl.String),
            pl.Series(list(whole_to_code.values()), dtype=pl.String),
        )

    def whole_code(self) -> pl.Expr:
        """The heading a description names as a whole (list of none or one HS code)."""
        if self.whole.is_empty():
            return pl.concat_list(pl.lit(None, dtype=pl.String)).list.drop_nulls()
        whole = _normalised(pl.col("description")).str.strip_chars()
        code = whole.replace_strict(self.whole, self.whole_headings, default=None, return_dtype=pl.String)
        return pl.concat_list(code).list.drop_nulls()

    def codes(self, pattern: str) -> pl.Expr:
        """The headings whose keywords a description names (list of HS codes), found with `pattern`
        (`names`, maybe narrowed)."""
        found = pl.col("description").str.extract_all(pattern)
        return found.list.eval(
            _normalised(pl.element()).replace_strict(self.words, self.headings, default=None, return_dtype=pl.String)
        ).list.drop_nulls()


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    keywords = ctx.derived("description.keywords", lambda: _Keywords.of(ctx.items("hs_keywords")))
    if keywords is None:
        return lf.with_columns(
            pl.lit(None, dtype=pl.String).alias("desc_heading"),
            pl.lit(None, dtype=pl.Boolean).alias("desc_hs_mismatch"),
        )
    hs = pl.col("hs_code")
    own = pl.concat_list([hs.str.slice(0, n) for n in (2, 4, 6)])
    named = pl.col("_desc_codes").list.len() > 0
    names_own = pl.col("_desc_codes").list.set_intersection(own).list.len() > 0
    both = pl.col("description").is_not_null() & hs.is_not_null()
    df = collect(lf)
    pattern = keywords.names.narrowed(df["description"].unique().to_list())
    if pattern is None and keywords.whole.is_empty():  # no keyword can occur in these descriptions
        return df.lazy().with_columns(
            pl.lit(None, dtype=pl.String).alias("desc_heading"), pl.when(both).then(False).alias("desc_hs_mismatch")
        )
    # Descriptions and codes repeat: match each distinct (description, code) pair once, by code.
    df = with_key_codes(df, "_desc", "_hs")
    pairs = (
        df.select(pair_of("_desc", "_hs"), "description", "hs_code")
        .unique("_key")
        .with_columns(
            (
                keywords.whole_code().list.concat(keywords.codes(pattern))
                if pattern is not None
                else keywords.whole_code()
            ).alias("_desc_codes")
        )
        .with_columns(
            pl.col("_desc_codes").list.first().alias("desc_heading"),
            pl.when(both).then(named & ~names_own).alias("desc_hs_mismatch"),
        )
        .drop("_desc_codes")
    )
    return df.with_columns(by_key(df, pair_of("_desc", "_hs"), pairs, ["desc_heading", "desc_hs_mismatch"])).lazy()


def _kw(keyword: str) -> str:
    import re

    return re.sub(r"[\s\-._/&']+", " ", keyword.lower()).strip()


def _normalised(text: pl.Expr) -> pl.Expr:
    """Lower case, separators as one space: how `_kw` writes keywords."""
    return text.str.to_lowercase().str.replace_all(r"[\s\-._/&']+", " ")


register(
    FeatureGroup(
        name="description",
        provides={
            "desc_heading": ("str", "HS code prefix whose keywords the description names first"),
            "desc_hs_mismatch": ("bool", "description names goods of another HS code and none of the declared one's"),
        },
        compute=_compute,
        reads=("hs_keywords",),
    )
)
