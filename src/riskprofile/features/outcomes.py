"""Outcome-driven features: the smoothed past rate of a label (e.g. fraud found on inspection) for a key.

Real profiles are refreshed from past inspection results. A profile declares the rates it wants in
its `features:` section; each becomes four features rules may test:

```yaml
features:
  outcomes:
    labels_from: history          # history (default): only rows of --history files carry usable labels
                                  # all: also earlier rows of the scored input (online / as-of backtests)
    prior: {mean: 0.2, strength: 1}
    min_support: 1
    rates:
      - name: fraud_tariff_line
        label: fraud              # a label column (declare it in `fields:`), positive when > 0 / true
        positive: [1, 2]          # optional: the values that count as positive
        key: [hs6, origin_country, departure_country, tax_rate, tax_type]
        prior: {mean: 0.2, strength: 1}   # optional, overrides the section's prior
        min_support: 1                    # optional
      - name: fraud_line_near_value
        label: fraud
        key: [hs6, origin_country, departure_country, tax_rate, tax_type]
        near: {column: value, factor: 1.25}  # optional: only earlier rows declared within a factor
                                             # 1.25 of this line's value (0.8x - 1.25x)
```

For a goods line with date d and key value k, over labelled rows with the same k and `declared_at`
strictly before d (a row never sees its own day, so never itself):

| feature | type | meaning |
|---|---|---|
| `<name>` | float | (positives + strength x mean) / (n + strength); null when n < min_support |
| `<name>_n` | int | labelled rows (the support); null when a key column is null |
| `<name>_pos` | int | positive rows among them |
| `<name>_neg` | int | negative rows among them (`_neg: {eq: 0}` with `_n: {ge: 3}` = "always positive, 3+ times") |

With `near`, only those earlier rows whose `column` lies within [x / factor, x x factor] of the line's
own figure x count (similar lines of the key: the same goods declared alike); the features are null when
x is null or not positive. These rates pair each scored line with the earlier labelled rows of its key
(rows of --history files are not scored: their own counts are not computed): fine keys stay cheap.

`prior.mean: auto` uses the label's positive share over all labelled rows strictly before d.
Labels are read only where present: a scored file without label columns (new declarations) simply
contributes none. Keys may name any column of the goods-line frame (declaration columns, declared
extra fields) and `hs_chapter`, `hs_heading`, `hs6` (derived from `hs_code`). A null key component
never pools: the features are null for that line.

Everything is one sort by date and cumulative sums per key (no row-order dependence).
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .registry import FeatureGroup, register_parametric

_Section = TypeVar("_Section", bound=BaseModel)

_D = "declared_at"
#: Key names derived from `hs_code` here (history groups run before the batch `hs` group).
DERIVED_KEYS: dict[str, pl.Expr] = {
    "hs_chapter": pl.col("hs_code").str.slice(0, 2),
    "hs_heading": pl.col("hs_code").str.slice(0, 4),
    "hs6": pl.col("hs_code").str.slice(0, 6),
}
SUFFIXES = ("", "_n", "_pos", "_neg")


class Prior(BaseModel):
    """Beta prior: `strength` pseudo-observations at rate `mean` (or the as-of overall rate: `auto`)."""

    model_config = ConfigDict(extra="forbid")
    mean: float | Literal["auto"] = Field(default="auto")
    strength: float = Field(default=1.0, ge=0)

    @field_validator("mean")
    @classmethod
    def _mean(cls, v: Any) -> Any:
        if isinstance(v, float) and not 0 <= v <= 1:
            raise ValueError("prior mean must be within [0, 1] or `auto`")
        return v


class Near(BaseModel):
    """Count only earlier rows whose `column` is within a `factor` of the line's own figure."""

    model_config = ConfigDict(extra="forbid")
    column: str
    factor: float = Field(gt=1)


class OutcomeRate(BaseModel):
    """One declared rate: label, key, prior and minimum support."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    key: list[str] = Field(min_length=1)
    positive: list[Any] | None = None
    prior: Prior | None = None
    min_support: int | None = Field(default=None, ge=0)
    near: Near | None = None
    doc: str | None = None


class OutcomeConfig(BaseModel):
    """The `features.outcomes` section of a profile."""

    model_config = ConfigDict(extra="forbid")
    labels_from: Literal["history", "all"] = "history"
    prior: Prior = Field(default_factory=Prior)
    min_support: int = Field(default=1, ge=0)
    rates: list[OutcomeRate] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> OutcomeConfig:
        unique_names([r.name for r in self.rates], "rate")
        return self

    def resolved(self) -> list[tuple[OutcomeRate, Prior, int]]:
        return [
            (r, r.prior or self.prior, self.min_support if r.min_support is None else r.min_support) for r in self.rates
        ]

    def feature_names(self) -> list[str]:
        return [r.name + s for r in self.rates for s in SUFFIXES]


def unique_names(names: list[str], what: str) -> None:
    """Refuse a section that names two of its features alike (ValueError naming them)."""
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"{what} name(s) used twice: {', '.join(dup)}")


def parse_section(model: type[_Section], section: Any, where: str) -> _Section:
    """Validate the `features.<where>` section as `model`; raises ValueError with a readable message."""
    try:
        return model.model_validate(section or {})
    except ValidationError as e:
        msgs = [f"{where}.{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()]
        raise ValueError("; ".join(msgs)) from None


def parse_config(section: Any) -> OutcomeConfig:
    """Validate `features.outcomes`; raises ValueError with a readable message."""
    return parse_section(OutcomeConfig, section, "outcomes")


def _positive(col: str, dtype: pl.DataType, positive: list[Any] | None) -> pl.Expr:
    """1 when the label is positive, 0 when negative, null when unlabelled."""
    c = pl.col(col)
    if positive is not None:
        hit = c.cast(pl.String).str.strip_chars().is_in([str(v) for v in positive])
        if dtype.is_numeric():  # 1 and 1.0 are the same label
            hit = hit | c.cast(pl.Float64).is_in([float(v) for v in positive if _is_number(v)])
    elif dtype == pl.Boolean:
        hit = c
    elif dtype.is_numeric():
        hit = c > 0
    else:
        s = c.cast(pl.String).str.strip_chars().str.to_lowercase()
        hit = s.is_in(["true", "yes", "y"]) | (s.cast(pl.Float64, strict=False) > 0)
        c = pl.when(s.str.len_chars() > 0).then(s)
    return pl.when(c.is_not_null()).then(hit.cast(pl.Int64))


def _is_number(v: Any) -> bool:
    try:
        float(v)
        return not isinstance(v, bool)
    except (TypeError, ValueError):
        return False


def _as_of_counts(src: pl.DataFrame, keys: list[str], labelled: pl.Expr) -> pl.DataFrame:
    """(keys, declared_at) -> `_n` labelled rows and `_p` positives (`_lab` = 1) strictly earlier.

    One row per distinct (keys, date) of `src`: cumulative sums over a date sort, minus the day itself.
    """
    lf = src.lazy()
    events = (
        lf.filter(labelled)
        .group_by(*keys, _D)
        .agg(pl.len().cast(pl.Int64).alias("_dn"), pl.col("_lab").sum().cast(pl.Int64).alias("_dp"))
    )
    table = (
        lf.select(*keys, _D)
        .unique()
        .join(events, on=[*keys, _D], how="left")
        .with_columns(pl.col("_dn").fill_null(0), pl.col("_dp").fill_null(0))
        .sort(_D)
    )
    cum_n, cum_p = pl.col("_dn").cum_sum(), pl.col("_dp").cum_sum()
    if keys:
        cum_n, cum_p = cum_n.over(keys), cum_p.over(keys)
    return table.select(*keys, _D, (cum_n - pl.col("_dn")).alias("_n"), (cum_p - pl.col("_dp")).alias("_p")).collect()


def _near_counts(lab: pl.DataFrame, queries: pl.DataFrame, keys: list[str], near: Near) -> pl.DataFrame:
    """(keys, declared_at, `_x`) of `queries` -> `_n`, `_p` over labelled rows (`_lab` not null) of the key
    strictly earlier whose figure `_x` lies within a factor `near.factor` of the query's."""
    rows = lab.lazy().filter(pl.col("_lab").is_not_null()).select(*keys, pl.col(_D).alias("_vd"), "_x", "_lab")
    f = near.factor
    pairs = (
        queries.lazy()
        .join(rows.rename({"_x": "_vx"}), on=keys, how="inner")
        .filter(
            (pl.col("_vd") < pl.col(_D)) & (pl.col("_vx") >= pl.col("_x") / f) & (pl.col("_vx") <= pl.col("_x") * f)
        )
        .group_by(*keys, _D, "_x")
        .agg(pl.len().cast(pl.Int64).alias("_n"), pl.col("_lab").sum().cast(pl.Int64).alias("_p"))
    )
    return queries.lazy().join(pairs, on=[*keys, _D, "_x"], how="left").collect()


def compute(lf: pl.LazyFrame, config: OutcomeConfig) -> pl.LazyFrame:
    """Add the declared outcome features to a frame of input (+ history) goods lines.

    The columns the rates read are materialised once; each rate's as-of table is small (one row per
    distinct key and day) and joined back, so the plan stays linear in the number of rates.
    """
    schema = lf.collect_schema()
    names = set(schema.names())
    derived = {k: e.alias(f"_ok_{k}") for k, e in DERIVED_KEYS.items() if k not in names and "hs_code" in names}
    if derived:
        lf = lf.with_columns(derived.values())
    cols = {f"_ok_{k}" if k in derived else k for r in config.rates for k in r.key}
    labels = {r.label for r in config.rates if r.label in names}
    figures = {r.near.column for r in config.rates if r.near is not None}
    use = [c for c in sorted(cols | labels | figures | {_D, "_hist"}) if c in names or c.startswith("_ok_")]
    src = lf.select(use).filter(pl.col(_D).is_not_null()).collect()
    if config.labels_from == "history":
        source = pl.col("_hist") if "_hist" in names else pl.lit(False)
    else:
        source = pl.lit(True)
    overall: dict[tuple, pl.DataFrame] = {}
    added: list[str] = []
    for i, (rate, prior, min_support) in enumerate(config.resolved()):
        keys = [f"_ok_{k}" if k in derived else k for k in rate.key]
        n_col, p_col, m_col = f"_n{i}", f"_p{i}", f"_m{i}"
        have_keys = all(k in src.columns for k in keys) and (rate.near is None or rate.near.column in names)
        key_ok = pl.all_horizontal([pl.col(k).is_not_null() for k in keys]) if have_keys else pl.lit(False)
        if have_keys and rate.near is not None:
            x = pl.col(rate.near.column).cast(pl.Float64)
            key_ok = key_ok & (x > 0).fill_null(False)
        if not have_keys or rate.label not in names:
            lf = lf.with_columns(
                pl.when(key_ok).then(pl.lit(0, dtype=pl.Int64)).alias(n_col),
                pl.when(key_ok).then(pl.lit(0, dtype=pl.Int64)).alias(p_col),
            )
        elif rate.near is not None:
            x = pl.col(rate.near.column).cast(pl.Float64)
            lab = src.filter(key_ok).select(
                *keys,
                _D,
                x.alias("_x"),
                pl.when(source).then(_positive(rate.label, schema[rate.label], rate.positive)).alias("_lab"),
                (~pl.col("_hist") if "_hist" in src.columns else pl.lit(True)).alias("_out"),
            )
            queries = lab.filter(pl.col("_out")).select(*keys, _D, "_x").unique()
            table = _near_counts(lab, queries, keys, rate.near)
            lf = lf.with_columns(x.alias("_nx")).join(
                table.lazy().rename({"_n": n_col, "_p": p_col, "_x": "_nx"}),
                on=[*keys, _D, "_nx"],
                how="left",
                maintain_order="left",
            )
            lf = lf.drop("_nx").with_columns(
                pl.when(key_ok).then(pl.col(n_col).fill_null(0)).alias(n_col),
                pl.when(key_ok).then(pl.col(p_col).fill_null(0)).alias(p_col),
            )
        else:
            lab = src.select(
                *keys, _D, source.alias("_src"), _positive(rate.label, schema[rate.label], rate.positive).alias("_lab")
            )
            table = _as_of_counts(lab.filter(key_ok), keys, pl.col("_lab").is_not_null() & pl.col("_src"))
            lf = lf.join(
                table.lazy().rename({"_n": n_col, "_p": p_col}), on=[*keys, _D], how="left", maintain_order="left"
            )
            lf = lf.with_columns(
                pl.when(key_ok).then(pl.col(n_col).fill_null(0)).alias(n_col),
                pl.when(key_ok).then(pl.col(p_col).fill_null(0)).alias(p_col),
            )
        added += [n_col, p_col]
        if prior.mean == "auto":
            if rate.label in names:
                tag = (rate.label, tuple(map(str, rate.positive or ())))
                if tag not in overall:
                    lab = src.select(
                        _D, source.alias("_src"), _positive(rate.label, schema[rate.label], rate.positive).alias("_lab")
                    )
                    t = _as_of_counts(lab, [], pl.col("_lab").is_not_null() & pl.col("_src"))
                    overall[tag] = t.select(_D, (pl.col("_p") / pl.col("_n")).fill_nan(None).alias("_m"))
                lf = lf.join(overall[tag].lazy().rename({"_m": m_col}), on=_D, how="left", maintain_order="left")
                lf = lf.with_columns(pl.col(m_col).fill_null(0.0))
            else:
                lf = lf.with_columns(pl.lit(0.0).alias(m_col))
            added.append(m_col)
            mean = pl.col(m_col)
        else:
            mean = pl.lit(float(prior.mean))
        n, p = pl.col(n_col), pl.col(p_col)
        smoothed = (p + prior.strength * mean) / (n + prior.strength)
        floor = max(min_support, 1 if prior.strength == 0 else 0)
        lf = lf.with_columns(
            pl.when(n >= floor).then(smoothed).otherwise(None).cast(pl.Float64).alias(rate.name),
            n.alias(f"{rate.name}_n"),
            p.alias(f"{rate.name}_pos"),
            (n - p).alias(f"{rate.name}_neg"),
        )
    return lf.drop(added + [f"_ok_{k}" for k in derived])


def build_group(section: Any) -> FeatureGroup | None:
    """The feature group of a profile's `features.outcomes` section (None when it declares none)."""
    config = parse_config(section)
    if not config.rates:
        return None
    provides: dict[str, tuple[str, str]] = {}
    for rate, prior, min_support in config.resolved():
        what = f"{rate.label} for ({', '.join(rate.key)})"
        if rate.near is not None:
            what += f" among rows with {rate.near.column} within x{rate.near.factor:g}"
        m = prior.mean if prior.mean == "auto" else f"{prior.mean:g}"
        provides[rate.name] = (
            "float",
            rate.doc
            or f"smoothed past rate of {what}, prior {m} x {prior.strength:g}, null below {min_support} labelled rows",
        )
        provides[f"{rate.name}_n"] = ("int", f"labelled earlier rows of the same ({', '.join(rate.key)})")
        provides[f"{rate.name}_pos"] = ("int", f"positive {rate.label} among them")
        provides[f"{rate.name}_neg"] = ("int", f"negative {rate.label} among them")
    return FeatureGroup(
        name="outcomes", provides=provides, compute=lambda lf, ctx: compute(lf, config), scope="history"
    )


register_parametric("outcomes", build_group)
