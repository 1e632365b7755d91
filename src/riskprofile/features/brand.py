"""Brand marks: normalisation, look-alike matching against recorded marks, and authorisation.

A declared brand matches a recorded mark when, after normalisation (case, spacing, punctuation,
NFKC), it equals the mark or one of its aliases (other scripts, romanisations: 三环 = TRI-CIRCLE =
SAN HUAN), or a word or word pair of it does, or it lies within a small edit distance of one
(`brand_max_distance_ratio` of the alias length, for aliases of at least `brand_min_length_fuzzy`
characters): TRI-CIRCEL matches TRI-CIRCLE. A match counts only on the goods the mark is recorded for
(a mark outside its recorded goods is not the recordation). Distinct brands are few, so matching runs
once per distinct value and joins back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..io.lookup import Lookup, lookup
from ..model.operators import like_brand_column
from .context import FeatureContext
from .keys import by_key, collect, gather, on_rows, pair_of, with_key_codes
from .registry import FeatureGroup, register
from .text import Alternation, has_cjk, holder_core, norm_mark

NO_BRAND = frozenset(
    norm_mark(x)
    for x in (
        "NO BRAND",
        "NOBRAND",
        "NONE",
        "N/A",
        "N/M",
        "NM",
        "NA",
        "UNBRANDED",
        "GENERIC",
        "NO MARK",
        "WITHOUT BRAND",
        "无品牌",
        "无牌",
        "无",
        "无商标",
        "NO",
        "NIL",
        "NULL",
        "NO NAME",
        "NONAME",
        "没有品牌",
        "无牌子",
        "-",
    )
)
#: A brand written as several 'no brand' phrases, often in both scripts: 无品牌 NO BRAND, NO BRAND/无品牌.
#: Only the unambiguous phrases combine (NO + NA is not a 'no brand', NANO is a name).
NO_BRAND_PHRASES = re.compile(
    "^(?:"
    + "|".join(
        re.escape(norm_mark(x))
        for x in ("NO BRAND", "UNBRANDED", "WITHOUT BRAND", "NONE", "NO NAME", "无品牌", "没有品牌", "无商标", "无牌")
    )
    + "){2,}$"
)
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_SCRIPT_RUNS = re.compile(r"[A-Z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+")


@dataclass
class MarkMatcher:
    """Matches declared brands to the canonical marks of a `marks` list.

    `resolve` tells whether the match is on the *whole* brand (the brand is the mark, an alias, or a
    look-alike spelling of one) or on a *part* of it (a word or word pair, a Chinese alias inside it):
    features count whole matches anywhere and part matches only on the mark's own goods, so that an
    ordinary word shared with a mark ("RED HEAD" matches, "GOLDEN PEAK" tyres) is not the mark.
    """

    exact: dict[str, str]
    fuzzy_keys: list[str]
    max_distance_ratio: float
    min_length_fuzzy: int
    short_keys: list[str] = field(default_factory=list)
    cjk_keys: list[str] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_items(cls, items: list, max_distance_ratio: float = 0.25, min_length_fuzzy: int = 6) -> MarkMatcher:
        exact: dict[str, str] = {}
        abbreviations: dict[str, str] = {}
        spelled: set[str] = set()  # keys of trademarks: a look-alike spelling infringes a mark, not a patent
        for it in items:
            for alias in [it.mark, *it.aliases]:
                key = norm_mark(alias)
                if key:
                    exact.setdefault(key, it.mark)
                    if getattr(it, "right", "trademark") == "trademark":
                        spelled.add(key)
            for abbr in getattr(it, "abbreviations", []):
                key = norm_mark(abbr)
                if key:
                    abbreviations.setdefault(key, it.mark)
        fuzzy = [k for k in exact if len(k) >= min_length_fuzzy and k in spelled]
        short = [k for k in exact if 4 <= len(k) < min_length_fuzzy and not has_cjk(k) and k in spelled]
        cjk = [k for k in exact if has_cjk(k)]
        return cls(exact, fuzzy, max_distance_ratio, min_length_fuzzy, short, cjk, abbreviations)

    def candidates(self, brand: str) -> list[str]:
        """The whole normalised brand, its words and adjacent word pairs, and its runs of one script
        ('NIKE耐克' -> 'NIKE', '耐克')."""
        words = [norm_mark(w) for w in _WORDS.findall(brand.upper())]
        runs = [r for w in words for r in _SCRIPT_RUNS.findall(w)]
        whole = norm_mark(brand)
        pairs = [a + b for a, b in zip(words, words[1:], strict=False)]
        seen: dict[str, None] = dict.fromkeys([whole, *pairs, *words, *runs])
        return [c for c in seen if c]

    def short_match(self, brand: str | None) -> str | None:
        """A mark of 4-5 letters one edit away from the whole brand (NIKEE ~ NIKE). Too loose on its own
        (OPPLE ~ APPLE), so features keep it only on the mark's own goods; never on one word of a longer
        brand, where a short word is an ordinary word (MEAN WELL is not DELL)."""
        if not brand or norm_mark(brand) in NO_BRAND or not self.short_keys:
            return None
        c = self.candidates(brand)[0]
        if 4 <= len(c) <= self.min_length_fuzzy:
            hit = process.extractOne(c, self.short_keys, scorer=Levenshtein.distance, score_cutoff=1)
            if hit is not None:
                return self.exact[hit[0]]
        return None

    def abbreviation(self, brand: str | None) -> str | None:
        """The mark whose abbreviation the whole brand is (TI -> TEXAS INSTRUMENTS); own goods only."""
        return self.abbreviations.get(norm_mark(brand)) if brand else None

    def _fuzzy(self, c: str) -> tuple[int, str] | None:
        if len(c) < self.min_length_fuzzy - 1:
            return None
        limit = max(1, int(len(c) * self.max_distance_ratio))
        hit = process.extractOne(c, self.fuzzy_keys, scorer=Levenshtein.distance, score_cutoff=limit)
        if hit is None or hit[1] > int(len(hit[0]) * self.max_distance_ratio):
            return None
        return hit[1], self.exact[hit[0]]

    def resolve(self, brand: str | None) -> tuple[str | None, bool, bool]:
        """(canonical mark, exact?, whole?): whole when the whole brand is the mark or an alias, which counts
        anywhere; otherwise (a look-alike, a word of the brand, a Chinese alias inside it) it counts on the
        mark's own goods. (None, False, False) when nothing resembles it."""
        if not brand or norm_mark(brand) in NO_BRAND:
            return None, False, False
        cands = self.candidates(brand)
        whole = cands[0]
        if whole in self.exact:
            return self.exact[whole], True, True
        for c in cands[1:]:
            if c in self.exact:
                return self.exact[c], True, False
        for k in self.cjk_keys:
            if k in whole:
                return self.exact[k], True, False
        hit = self._fuzzy(whole)
        if hit is not None:  # a look-alike of the whole brand: counts like a part, on the mark's goods
            return hit[1], False, False
        # A word or word pair is a look-alike only when at least the fuzzy minimum long.
        long_parts = (c for c in cands[1:] if len(c) >= self.min_length_fuzzy)
        parts = [h for h in (self._fuzzy(c) for c in long_parts) if h is not None]
        return (min(parts)[1], False, False) if parts else (None, False, False)

    def match(self, brand: str | None) -> tuple[str | None, bool]:
        """(canonical mark, exact?) for a declared brand, wherever in it; (None, False) when nothing resembles it."""
        mark, exact, _ = self.resolve(brand)
        return mark, exact

    @staticmethod
    def key(brand: str) -> tuple[str, ...]:
        """What matching reads of a brand: its normalised whole and words ('Nike Air' and 'NIKE  AIR' are one)."""
        return (norm_mark(brand), *(norm_mark(w) for w in _WORDS.findall(brand.upper())))

    def _row(self, brand: str) -> tuple[str | None, bool, str | None, bool]:
        """(whole mark, whole exact, part mark, part exact) of one brand, as `table` lists them."""
        mark, exact, is_whole = self.resolve(brand)
        if is_whole:
            return mark, exact, None, False
        if mark is not None:
            return None, False, mark, exact
        if (abbr := self.abbreviation(brand)) is not None:
            return None, False, abbr, True
        return None, False, self.short_match(brand), False

    def table(self, brands: pl.Series) -> pl.DataFrame:
        """Per distinct brand: the whole brand equal to a mark (`brand_mark`, `brand_exact`) and the matches
        that count on the mark's goods only (`_part_mark`, `_part_exact`: a look-alike spelling, a word, a
        Chinese alias inside, an abbreviation, a near short mark). Matching runs once per distinct `key`."""
        values = brands.drop_nulls().unique().to_list()
        done: dict[tuple, tuple[str | None, bool, str | None, bool]] = {}
        rows = [done.get(k) or done.setdefault(k, self._row(b)) for b, k in ((b, self.key(b)) for b in values)]
        whole_mark, whole_exact, part_mark, part_exact = (
            (list(c) for c in zip(*rows, strict=True)) if rows else ([],) * 4
        )
        return pl.DataFrame(
            {
                "_brand": values,
                "brand_mark": whole_mark,
                "brand_exact": whole_exact,
                "_part_mark": part_mark,
                "_part_exact": part_exact,
            },
            schema={
                "_brand": pl.String,
                "brand_mark": pl.String,
                "brand_exact": pl.Boolean,
                "_part_mark": pl.String,
                "_part_exact": pl.Boolean,
            },
        )


def matcher(ctx: FeatureContext, list_name: str = "recorded_marks") -> MarkMatcher:
    """The look-alike mark matcher of a `marks` list, with the profile's brand parameters (built once)."""
    return ctx.derived(
        f"brand.matcher:{list_name}",
        lambda: MarkMatcher.from_items(
            ctx.items(list_name),
            max_distance_ratio=ctx.param("brand_max_distance_ratio", 0.25),
            min_length_fuzzy=ctx.param("brand_min_length_fuzzy", 6),
        ),
    )


def add_like_brand(lf: pl.LazyFrame, ctx, field: str, list_name: str) -> pl.LazyFrame:
    """Add a boolean column: does `field` resemble a mark of `list_name`?"""
    marks = matcher(ctx, list_name)
    values = collect(lf.select(pl.col(field).unique()))[field]
    table = marks.table(values)
    hits = table.filter(pl.col("brand_mark").is_not_null() | pl.col("_part_mark").is_not_null())["_brand"].to_list()
    return lf.with_columns(pl.col(field).is_in(hits).fill_null(False).alias(like_brand_column(field, list_name)))


def _on_own_goods(mark: pl.Expr, goods_keys: list[str] | pl.Series, code: str = "hs_code") -> pl.Expr:
    """The line's HS code (or the code in column `code`) starts with one of the goods prefixes listed for `mark`."""
    keys = goods_keys.implode() if isinstance(goods_keys, pl.Series) else goods_keys
    return pl.any_horizontal(
        pl.concat_str([mark, pl.lit("|"), pl.col(code).str.slice(0, n)]).is_in(keys) for n in (2, 4, 6, 8, 10)
    ).fill_null(False)


def _desc_mark(df: pl.DataFrame, items: list, ctx) -> pl.Expr | pl.Series:
    """`desc_mark` of every line: a recorded mark named as a word in the description, kept when the mark
    lists no goods or the code is among its goods; computed per distinct (description, hs_code) pair.
    The marks' alternation is narrowed to the marks whose words occur in these descriptions
    (`Alternation`): with none, nothing is matched at all."""
    spec = ctx.derived("brand.desc_marks", lambda: _DescMarks.of(items))
    pattern = spec.names.narrowed(df["description"].unique().to_list()) if spec is not None else None
    if spec is None or pattern is None:
        return pl.lit(None, dtype=pl.String).alias("desc_mark")
    df = with_key_codes(df, "_desc", "_hs")
    pairs = df.select(pair_of("_desc", "_hs"), "description", "hs_code").unique("_key")
    (desc_mark,) = by_key(df, pair_of("_desc", "_hs"), _desc_marks(pairs, spec, pattern), ["desc_mark"])
    return desc_mark


def _desc_marks(pairs: pl.DataFrame, spec: _DescMarks, pattern: str) -> pl.DataFrame:
    """`desc_mark` per distinct (description, hs_code) of `pairs`, found with `pattern` (the narrowed names)."""
    key = pl.col("description").str.extract(pattern, 1).str.to_uppercase().str.replace_all(r"[\W_]+", "")
    found = pairs.with_columns(spec.marks(key).alias("desc_mark"))
    if found["desc_mark"].null_count() == found.height:
        return found
    return found.with_columns(pl.when(spec.goods_ok).then(pl.col("desc_mark")).alias("desc_mark"))


@dataclass(frozen=True)
class _DescMarks:
    """The marks named in descriptions (`names`), normalised name -> mark (`marks`), and whether the
    line's code is among the goods of the mark found (`goods_ok`, over `desc_mark`)."""

    names: Alternation
    marks: Lookup
    goods_ok: pl.Expr

    @classmethod
    def of(cls, items: list) -> _DescMarks | None:
        in_desc = [it for it in items if it.in_description]
        names = Alternation.of([a for it in in_desc for a in [it.mark, *it.aliases]])
        if names.pattern is None:
            return None
        alias_to_mark = {norm_mark(a): it.mark for it in in_desc for a in [it.mark, *it.aliases]}
        goods_keys = [f"{it.mark}|{g}" for it in in_desc for g in it.goods]
        unrestricted = [it.mark for it in in_desc if not it.goods]
        m = pl.col("desc_mark")
        return cls(
            names,
            Lookup.of(alias_to_mark, pl.String),
            m.is_in(unrestricted) | _on_own_goods(m, pl.Series(goods_keys, dtype=pl.String)),
        )


def _in_force(mark: pl.Expr, items: list) -> pl.Expr:
    """The line's date lies within a validity of one of the mark's recordations (true when none is dated)."""
    windows: dict[str, list[tuple]] = {}
    for it in items:
        windows.setdefault(it.mark, []).append((it.valid_from, it.valid_to))
    dated = {m: w for m, w in windows.items() if all(f is not None or t is not None for f, t in w)}
    if not dated:
        return pl.lit(True)
    lo = {m: min((f for f, _ in w if f is not None), default=None) for m, w in dated.items()}
    hi = {m: max((t for _, t in w if t is not None), default=None) for m, w in dated.items()}
    day = pl.col("declared_at")
    start = lookup(mark, lo, pl.Date)
    stop = lookup(mark, hi, pl.Date)
    return (
        (start.is_null() | day.is_null() | (day >= start)) & (stop.is_null() | day.is_null() | (day <= stop))
    ).fill_null(True)


def _preconfirmed(lf: pl.LazyFrame, mark: pl.Expr, items: list) -> pl.Expr:
    """The trader holds a pre-confirmation in force for the mark (and the order, and the goods, when it names them)."""
    if not items:
        return pl.lit(False)
    has_order = "order_ref" in lf.collect_schema().names()
    day, trader = pl.col("declared_at"), pl.col("trader_id")
    tests = []
    for it in items:
        if it.order_ref and not has_order:
            continue
        t = (mark == it.mark) & (trader == it.trader_id.upper())
        if it.order_ref:
            t = t & (pl.col("order_ref").cast(pl.String).str.strip_chars().str.to_uppercase() == it.order_ref.upper())
        if it.goods:
            t = t & pl.any_horizontal(pl.col("hs_code").str.starts_with(g) for g in it.goods)
        if it.valid_from:
            t = t & (day >= it.valid_from)
        if it.valid_to:
            t = t & (day <= it.valid_to)
        tests.append(t)
    return pl.any_horizontal(tests).fill_null(False) if tests else pl.lit(False)


@dataclass(frozen=True)
class _MarkExprs:
    """What the brand features read from the register, as expressions built once per profile."""

    part_ok: pl.Expr
    whole_ok: pl.Expr
    in_force: tuple[pl.Expr, pl.Expr]
    authorised_by_id: pl.Expr
    goods_match: pl.Expr
    origin: pl.Expr


def _mark_exprs(items: list) -> _MarkExprs:
    goods_keys = pl.Series([f"{it.mark}|{g}" for it in items for g in it.goods], dtype=pl.String)
    auth = pl.Series([f"{it.mark}|{pid}" for it in items for pid in it.parties], dtype=pl.String)
    mark = pl.col("any_mark")
    by_id = pl.any_horizontal(
        pl.concat_str([mark, pl.lit("|"), pl.col(c)]).is_in(auth.implode()).fill_null(False)
        for c in ("trader_id", "declarant_id", "_producer")
    )
    origin = {it.mark: it.origin for it in items if it.origin}
    with_goods = pl.Series([it.mark for it in items if it.goods], dtype=pl.String)
    whole = pl.col("brand_mark")
    return _MarkExprs(
        part_ok=_on_own_goods(pl.col("_part_mark"), goods_keys),
        whole_ok=~whole.is_in(with_goods.implode())
        | _on_own_goods(whole, goods_keys)
        | _on_own_goods(whole, goods_keys, "desc_heading"),
        in_force=tuple(  # type: ignore[arg-type]
            pl.when(_in_force(pl.col(c), items)).then(pl.col(c)).alias(c) for c in ("brand_mark", "desc_mark")
        ),
        authorised_by_id=by_id,
        goods_match=pl.when(mark.is_in(with_goods.implode()))
        .then(_on_own_goods(mark, goods_keys))
        .alias("mark_goods_match"),
        origin=lookup(mark, origin, pl.String).alias("mark_origin"),
    )


def _compute(lf: pl.LazyFrame, ctx) -> pl.LazyFrame:
    """Per distinct brand (by code), per distinct (description, code) pair, then on the lines that carry
    a mark only; the results are added as columns, never joined onto the whole frame."""
    items = ctx.items("recorded_marks")
    exprs = ctx.derived("brand.mark_exprs", lambda: _mark_exprs(items))
    df = with_key_codes(collect(lf), "_brand")

    uniq = df.select("_brand", "brand").filter(pl.col("_brand").is_not_null()).unique("_brand")
    table = matcher(ctx, "recorded_marks").table(uniq["brand"])
    norm = [norm_mark(b) or None for b in table["_brand"].to_list()]
    table = uniq.join(table, left_on="brand", right_on="_brand").with_columns(
        pl.Series("brand_norm", norm, dtype=pl.String)
    )
    table = table.with_columns(
        (
            pl.col("brand_norm").is_null()
            | pl.col("brand_norm").is_in(list(NO_BRAND))
            | pl.col("brand_norm").str.contains(NO_BRAND_PHRASES.pattern)
        ).alias("no_brand")
    )
    df = df.with_columns(
        gather("_brand", table, "brand_norm"),
        gather("_brand", table, "brand_mark"),
        gather("_brand", table, "brand_exact"),
        gather("_brand", table, "no_brand").fill_null(True),
    )
    # The whole brand is the recordation only on the goods it is recorded for (ALLSTAR basketballs are not the
    # ALL STAR shoes): the declared code, or the goods the description names (handbags declared as paper bags).
    whole = df["brand_mark"].is_not_null()
    if whole.any():
        kept = df.filter(whole).select(pl.when(exprs.whole_ok).then(pl.col("brand_mark")).alias("brand_mark"))
        df = df.with_columns(on_rows(df, whole, kept))
    # A part match (a word, an abbreviation, a near short mark) counts on the mark's own goods only.
    part = df.select(gather("_brand", table, "_part_mark"), gather("_brand", table, "_part_exact"), "hs_code")
    has_part = part["_part_mark"].is_not_null()
    part_mark: pl.Expr | pl.Series = pl.lit(None)
    part_exact: pl.Expr | pl.Series = pl.lit(None)
    if has_part.any():
        part_ok = exprs.part_ok
        own = part.filter(has_part).select(
            pl.when(part_ok).then(pl.col("_part_mark")).alias("_part_mark"),
            (part_ok & pl.col("_part_exact")).alias("_part_exact"),
        )
        part_mark, part_exact = on_rows(df, has_part, own)
    df = df.with_columns(
        pl.coalesce("brand_mark", part_mark).alias("brand_mark"),
        pl.when(pl.col("brand_mark").is_not_null())
        .then(pl.col("brand_exact"))
        .otherwise(part_exact)
        .fill_null(False)
        .alias("brand_exact"),
    )

    df = df.with_columns(_desc_mark(df, items, ctx))
    named = (pl.col("brand_mark").is_not_null() | pl.col("desc_mark").is_not_null()).alias("_named")
    with_mark = df.select(named)["_named"]
    if with_mark.any():
        in_force = df.filter(with_mark).select(exprs.in_force)
        df = df.with_columns(on_rows(df, with_mark, in_force))
    df = df.with_columns(
        pl.col("brand_exact") & pl.col("brand_mark").is_not_null(),
        pl.coalesce("brand_mark", "desc_mark").alias("any_mark"),
    )

    marked = df["any_mark"].is_not_null()
    if not marked.any():  # no line carries a mark (most small batches): the mark features are null
        return (
            df.with_columns(
                pl.lit(None, dtype=pl.Boolean).alias(c)
                for c in ("mark_preconfirmed", "mark_authorised", "mark_goods_match")
            )
            .with_columns(pl.lit(None, dtype=pl.String).alias("mark_origin"))
            .lazy()
        )
    parties = ["any_mark", "trader_id", "declarant_id", "hs_code", "declared_at"]
    optional = [c for c in ("order_ref", "trader_name") if c in df.columns]
    producer = (
        pl.col("producer_id").cast(pl.String).str.strip_chars().str.to_uppercase()
        if "producer_id" in df.columns
        else pl.lit(None, dtype=pl.String)
    )
    sub = df.filter(marked).select(*parties, *optional, producer.alias("_producer"))
    mark = pl.col("any_mark")
    has_order = "order_ref" in sub.columns
    preconfirmed = ctx.derived(
        f"brand.preconfirmed:{has_order}", lambda: _preconfirmed(sub.lazy(), mark, ctx.items("preconfirmations"))
    )
    authorised = exprs.authorised_by_id | preconfirmed
    if ctx.param("brand_authorise_by_name", True):
        sub = sub.with_columns(_named_parties(sub, items, ctx))
        authorised = authorised | pl.col("_named")
    features = sub.select(
        preconfirmed.alias("mark_preconfirmed"),
        authorised.alias("mark_authorised"),
        exprs.goods_match,
        exprs.origin,
    )
    return df.with_columns(on_rows(df, marked, features)).lazy()


def _named_parties(sub: pl.DataFrame, items: list, ctx) -> pl.Series:
    """Per line with a mark: does a party of the declaration (trader, declarant, producer: their identifiers,
    and the trader's name when the input carries a `trader_name` column) carry the mark itself
    (SANHUAN-LOCK-CO, SINGER (CHINA) CO, 烟台三环锁业) or the name of one of the holder's group companies or
    licensees in the register? Such an entity is taken as the holder's own; `brand_authorise_by_name: false`
    turns this off where identifiers are opaque codes. Each distinct identifier is normalised once and
    searched for every mark's names at once."""
    names = ctx.derived("brand.party_names", lambda: _party_names(items))
    columns = ["trader_id", "declarant_id", "_producer", *(["trader_name"] if "trader_name" in sub.columns else [])]
    ids = pl.concat([sub[c].cast(pl.String) for c in columns]).drop_nulls().unique()
    normed = pl.Series([norm_mark(i) for i in ids.to_list()], dtype=pl.String)
    marks_present = set(sub["any_mark"].unique().to_list())
    carriers = []
    for mark, keys in names.items():
        if keys and mark in marks_present:
            hit = ids.filter(normed.str.contains_any(keys))
            carriers += [f"{mark}|{i}" for i in hit.to_list()]
    m = pl.col("any_mark")
    named = pl.any_horizontal(
        pl.concat_str([m, pl.lit("|"), pl.col(c).cast(pl.String)]).is_in(carriers).fill_null(False) for c in columns
    )
    return sub.select(named.alias("_named"))["_named"]


def _party_names(items: list) -> dict[str, list[str]]:
    """Per mark: the normalised names that identify its holder's own companies in a party's name or id: the
    mark and its aliases (4+ characters, or Chinese), the holder's name and its group companies' and
    licensees' names."""
    out: dict[str, set[str]] = {}
    for it in items:
        keys = out.setdefault(it.mark, set())
        keys |= {k for k in (norm_mark(a) for a in [it.mark, *it.aliases]) if len(k) >= 4 or has_cjk(k)}
        keys |= {k for k in (norm_mark(a) for a in [*it.group_names, *it.licensee_names]) if len(k) >= 4}
        keys |= {k for k in [holder_core(it.holder)] if k}
    return {m: sorted(k) for m, k in out.items()}


register(
    FeatureGroup(
        name="brand",
        provides={
            "brand_norm": ("str", "declared brand upper-cased, NFKC, without spaces or punctuation (null when empty)"),
            "no_brand": ("bool", "brand empty or a 'no brand' phrase (NO BRAND, N/M, 无品牌, ...)"),
            "brand_mark": (
                "str",
                "recorded mark in force the declared brand equals or resembles, on the mark's goods (by code, or"
                " by the goods the description names when the brand is the mark itself)",
            ),
            "brand_exact": ("bool", "the declared brand equals a recorded mark or alias after normalisation"),
            "desc_mark": ("str", "recorded mark named as a word in the description (for the mark's goods, if listed)"),
            "any_mark": ("str", "brand_mark, else desc_mark"),
            "mark_authorised": (
                "bool",
                "trader, declarant or producer is the holder, a group company or a licensee of any_mark (by id, or"
                " by the mark or such a company's name in its id or the trader's name), or the trader holds a"
                " pre-confirmation for it (null if no mark)",
            ),
            "mark_preconfirmed": ("bool", "customs pre-confirmed the trader's orders of any_mark (null if no mark)"),
            "mark_origin": ("str", "domestic or foreign right holder of any_mark"),
            "mark_goods_match": ("bool", "the HS code is among the goods listed for any_mark (null if none listed)"),
        },
        compute=_compute,
        requires=("desc_heading",),
        reads=("recorded_marks", "preconfirmations"),
    )
)
