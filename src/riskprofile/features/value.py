"""Declared value and mass: unit values in USD, their ratio to a reference for the described goods, and
whether the net mass per piece fits them.

References (`reference_values`) are keyed by an HS prefix (chapter to subheading) and, optionally, by
words of the description (`keywords`: engine oil under 2710, slippers under 64, trousers under 61/62).
A line takes, among the references that apply to it (its code starts with the prefix, its description
names one of the keywords if the reference has any, and none of its `excludes`), first those with
keywords, then the longest prefix, then the first listed. The value and the mass range are chosen
separately (a reference may give either), so a reference without a mass range leaves the mass to a
broader one: a missing subheading entry falls back to its heading or chapter, whose range is wider.
The choice is made once per distinct (description, code) pair and gathered onto the lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .keys import by_key, collect, on_rows, pair_of, with_key_codes
from .registry import FeatureGroup, register
from .text import alternation

#: Units of quantity that are masses: a unit value per piece means nothing there.
MASS_UNITS = ("KG", "KGM", "KGS", "千克", "公斤", "G", "GRM", "克", "T", "TNE", "吨")


def _safe_div(num: pl.Expr, den: pl.Expr) -> pl.Expr:
    return pl.when(den > 0).then(num / den)


@dataclass(frozen=True)
class References:
    """The reference list as columns by position, and the order in which references are tried."""

    headings: tuple[str, ...]
    labels: tuple[str, ...]  # the prefix, with the goods of a keyword reference: "2710 engine oil"
    usd: tuple[float | None, ...]
    per: tuple[str, ...]
    low: tuple[float | None, ...]
    high: tuple[float | None, ...]
    patterns: tuple[str | None, ...]  # keyword alternation (None: applies to every description)
    excludes: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, items: list) -> References:
        return cls(
            headings=tuple(r.heading for r in items),
            labels=tuple(f"{r.heading} {r.keywords[0]}" if r.keywords else r.heading for r in items),
            usd=tuple(r.usd for r in items),
            per=tuple(r.per for r in items),
            low=tuple(r.kg_per_unit[0] if r.kg_per_unit else None for r in items),
            high=tuple(r.kg_per_unit[1] if r.kg_per_unit else None for r in items),
            patterns=tuple(alternation(r.keywords) if r.keywords else None for r in items),
            excludes=tuple(tuple(w.lower() for w in r.excludes) for r in items),
        )

    def order(self) -> list[int]:
        """Positions in the order they are tried: keyword references first, then the longest prefix,
        then the first listed."""
        return sorted(range(len(self.headings)), key=lambda i: (self.patterns[i] is None, -len(self.headings[i]), i))

    @property
    def keyword_columns(self) -> dict[str, str]:
        """Column name -> keyword pattern, one per distinct pattern (chapters 61 and 62 share theirs)."""
        return {f"_kw{j}": p for j, p in enumerate(dict.fromkeys(p for p in self.patterns if p is not None))}

    def keyword_scope(self) -> pl.Expr:
        """Lines a keyword reference may apply to: a description, and a code under one of their prefixes."""
        prefixes = sorted({h for h, p in zip(self.headings, self.patterns, strict=True) if p is not None})
        under = pl.any_horizontal([pl.col("hs_code").str.starts_with(h) for h in prefixes])
        return (under & pl.col("description").is_not_null()).fill_null(False)

    def applies(self) -> list[pl.Expr]:
        """`_a{i}`: whether reference `i` applies to a line (false, never null), reading the keyword
        columns (`keyword_columns`, false where a line names none of a pattern's keywords)."""
        column = {p: c for c, p in self.keyword_columns.items()}
        out = []
        for i, heading in enumerate(self.headings):
            ok = pl.col("hs_code").str.starts_with(heading)
            pattern = self.patterns[i]
            if pattern is not None:
                ok = ok & pl.col(column[pattern])
            if self.excludes[i]:
                excluded = pl.col("description").str.contains_any(list(self.excludes[i]), ascii_case_insensitive=True)
                ok = ok & ~excluded.fill_null(False)
            out.append(ok.fill_null(False).alias(f"_a{i}"))
        return out

    def choice(self, has: tuple[object, ...]) -> pl.Expr:
        """Position of the first reference that applies (`_a{i}`) among those where `has` is set (null: none)."""
        order = [i for i in self.order() if has[i] is not None]
        if not order:
            return pl.lit(None, dtype=pl.UInt32)
        return pl.coalesce([pl.when(pl.col(f"_a{i}")).then(pl.lit(i, dtype=pl.UInt32)) for i in order])

    def column(self, values: tuple, ix: str, dtype: pl.DataType | type[pl.DataType]) -> pl.Expr:
        """`values[ix]` per line (null where `ix` is null)."""
        return pl.lit(pl.Series(values, dtype=dtype)).gather(pl.col(ix))


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    refs = ctx.derived("value.references", lambda: References.of(ctx.items("reference_values")))
    df = collect(lf)
    if refs.headings:
        # descriptions and codes repeat: choose the references once per distinct (description, code) pair
        df = with_key_codes(df, "_desc", "_hs")
        key = pair_of("_desc", "_hs")
        pairs = df.select(key, "description", "hs_code").unique("_key")
        keywords = refs.keyword_columns
        if keywords:  # keywords are looked for only where a keyword reference may apply
            scope = pairs.select(refs.keyword_scope()).to_series()
            found = pairs.filter(scope).select(
                pl.col("description").str.contains(p).alias(c) for c, p in keywords.items()
            )
            pairs = pairs.with_columns(c.fill_null(False) for c in on_rows(pairs, scope, found))
        pairs = (
            pairs.with_columns(refs.applies())
            .with_columns(refs.choice(refs.usd).alias("_ref_ix"), refs.choice(refs.low).alias("_mass_ix"))
            .select("_key", "_ref_ix", "_mass_ix")
        )
        df = df.with_columns(by_key(df, key, pairs, ["_ref_ix", "_mass_ix"]))
    else:
        df = df.with_columns(
            pl.lit(None, dtype=pl.UInt32).alias("_ref_ix"), pl.lit(None, dtype=pl.UInt32).alias("_mass_ix")
        )
    lf = df.lazy()
    for stage in ctx.derived("value.stages", lambda: _stages(refs)):
        lf = lf.with_columns(stage)
    return lf.drop("_ref_per", "_ref_ix", "_mass_ix", "_by_mass")


def _stages(refs: References) -> list[list[pl.Expr]]:
    """The value features as successive `with_columns` stages, built once per profile."""
    per = pl.col("_ref_per")
    declared = pl.when(per == "kg").then(pl.col("kg_value_usd")).otherwise(pl.col("unit_value_usd"))
    # a quantity given as a mass has no unit value or mass per piece to compare
    by_mass = pl.col("unit").is_in(MASS_UNITS).fill_null(False)
    comparable = (per == "kg") | ~pl.col("_by_mass")
    return [
        [
            _safe_div(pl.col("value_usd"), pl.col("quantity")).alias("unit_value_usd"),
            _safe_div(pl.col("value_usd"), pl.col("net_mass_kg")).alias("kg_value_usd"),
            _safe_div(pl.col("net_mass_kg"), pl.col("quantity")).alias("kg_per_unit"),
            refs.column(refs.usd, "_ref_ix", pl.Float64).alias("ref_value_usd"),
            refs.column(refs.per, "_ref_ix", pl.String).alias("_ref_per"),
            refs.column(refs.headings, "_ref_ix", pl.String).alias("ref_code"),
            refs.column(refs.labels, "_mass_ix", pl.String).alias("mass_ref"),
            refs.column(refs.low, "_mass_ix", pl.Float64).alias("kg_per_unit_low"),
            refs.column(refs.high, "_mass_ix", pl.Float64).alias("kg_per_unit_high"),
            by_mass.alias("_by_mass"),
            # to a millionth of a dollar: a float sum's last bit depends on how the lines lie in the input
            pl.col("value_usd").sum().over("_decl").round(6).alias("decl_value_usd"),
        ],
        [
            pl.when(comparable).then(_safe_div(declared, pl.col("ref_value_usd"))).alias("ref_value_ratio"),
            pl.when(per == "kg").then(pl.lit("kg")).when(per.is_not_null()).then(pl.lit("unit")).alias("ref_basis"),
            pl.when(~pl.col("_by_mass"))
            .then(pl.col("kg_per_unit").is_between(pl.col("kg_per_unit_low"), pl.col("kg_per_unit_high")))
            .alias("unit_mass_fits"),
        ],
        [pl.col("ref_value_ratio").median().over("_decl").alias("decl_ref_value_ratio")],
    ]


register(
    FeatureGroup(
        name="value",
        provides={
            "unit_value_usd": ("float", "declared USD value per unit of quantity"),
            "kg_value_usd": ("float", "declared USD value per kg of net mass"),
            "kg_per_unit": ("float", "net mass per unit of quantity (kg)"),
            "ref_value_usd": (
                "float",
                "reference value (USD per kg or per unit) of the described goods: a reference whose keywords"
                " the description names first, else the longest listed prefix of hs_code (none when the"
                " description names goods the reference excludes)",
            ),
            "ref_code": ("str", "the HS prefix whose reference value applies"),
            "ref_basis": ("str", "basis of the reference value: kg or unit"),
            "ref_value_ratio": (
                "float",
                "declared unit value on the reference's basis / reference value (null for a per-unit"
                " reference when the quantity is given as a mass)",
            ),
            "decl_value_usd": ("float", "total declared USD value of the declaration"),
            "decl_ref_value_ratio": (
                "float",
                "median ref_value_ratio of the declaration's lines that have a reference (null if none):"
                " how the load as a whole is priced",
            ),
            "mass_ref": ("str", "the reference whose mass range applies: HS prefix, and its goods' first keyword"),
            "kg_per_unit_low": ("float", "usual net mass of one unit of the described goods, low end (kg)"),
            "kg_per_unit_high": ("float", "usual net mass of one unit of the described goods, high end (kg)"),
            "unit_mass_fits": (
                "bool",
                "kg_per_unit lies in the usual net mass of one unit of the described goods (null if no"
                " reference gives one, or the quantity is a mass)",
            ),
        },
        compute=_compute,
        requires=("hs_heading",),
        reads=("reference_values",),
    )
)
