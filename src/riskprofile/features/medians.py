"""Key medians: a line's number (value, net mass, ...) against the median of earlier lines of its key.

Undervaluation and misdescription show as figures far from what the same tariff line usually
declares. A profile declares the medians it wants in its `features:` section; each adds three features:

```yaml
features:
  medians:
    rows_from: history            # history (default): only rows of --history files count
                                  # all: also earlier rows of the scored input
    min_support: 1
    stats:
      - name: mass_tariff_line
        column: net_mass_kg       # a numeric column or declared extra field
        key: [hs6, origin_country, departure_country, tax_rate, tax_type]
        min_support: 3            # optional, overrides the section's
```

For a goods line dated d with key value k, over rows with the same k, a non-null `column` and
`declared_at` strictly before d (a line never sees its own day, so never itself):

| feature | type | meaning |
|---|---|---|
| `<name>` | float | `column` / `<name>_median`; null below `min_support`, median <= 0 or figure null |
| `<name>_median` | float | median of `column` over those rows (null when there are none) |
| `<name>_n` | int | how many rows (null when a key column is null) |

Rows of --history files are not scored: their own features are not computed.

No label is read. When every counted row is dated before every scored line (scoring new declarations
against --history files, or a backtest with an earlier history split) the medians are one group-by;
otherwise each distinct (key, day) of the scored lines is paired with the earlier rows of its key, so
fine keys (a tariff line) stay cheap and coarse keys over long, interleaved histories cost more.
"""

from __future__ import annotations

from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .outcomes import DERIVED_KEYS, parse_section, unique_names
from .registry import FeatureGroup, register_parametric

_D = "declared_at"
SUFFIXES = ("", "_median", "_n")


class KeyMedian(BaseModel):
    """One declared median: the column, the key and the minimum support."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    column: str
    key: list[str] = Field(min_length=1)
    min_support: int | None = Field(default=None, ge=1)
    doc: str | None = None


class MedianConfig(BaseModel):
    """The `features.medians` section of a profile."""

    model_config = ConfigDict(extra="forbid")
    rows_from: Literal["history", "all"] = "history"
    min_support: int = Field(default=1, ge=1)
    stats: list[KeyMedian] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> MedianConfig:
        unique_names([s.name for s in self.stats], "median")
        return self

    def support(self, stat: KeyMedian) -> int:
        return self.min_support if stat.min_support is None else stat.min_support


def parse_config(section: Any) -> MedianConfig:
    """Validate `features.medians`; raises ValueError with a readable message."""
    return parse_section(MedianConfig, section, "medians")


def _as_of_medians(values: pl.DataFrame, queries: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """(keys, declared_at) of `queries` -> `_med` and `_n` over `values` rows of the key strictly earlier."""
    if values.is_empty() or queries.is_empty():
        return queries.with_columns(pl.lit(None, pl.Float64).alias("_med"), pl.lit(0, pl.Int64).alias("_n"))
    last, first = values.select(pl.col(_D).max()).item(), queries.select(pl.col(_D).min()).item()
    if last < first:  # every counted row precedes every scored day: one group-by
        stats = values.group_by(keys).agg(pl.col("_v").median().alias("_med"), pl.len().cast(pl.Int64).alias("_n"))
        return queries.join(stats, on=keys, how="left")
    pairs = (
        queries.lazy()
        .join(values.lazy().rename({_D: "_vd"}), on=keys, how="inner")
        .filter(pl.col("_vd") < pl.col(_D))
        .group_by(*keys, _D)
        .agg(pl.col("_v").median().alias("_med"), pl.len().cast(pl.Int64).alias("_n"))
    )
    return queries.lazy().join(pairs, on=[*keys, _D], how="left").collect()


def compute(lf: pl.LazyFrame, config: MedianConfig) -> pl.LazyFrame:
    """Add the declared key medians to a frame of input (+ history) goods lines."""
    schema = lf.collect_schema()
    names = set(schema.names())
    derived = {k: e.alias(f"_mk_{k}") for k, e in DERIVED_KEYS.items() if k not in names and "hs_code" in names}
    if derived:
        lf = lf.with_columns(derived.values())
    col_of = {k: f"_mk_{k}" if k in derived else k for s in config.stats for k in s.key}
    counted = pl.col("_hist") if config.rows_from == "history" and "_hist" in names else pl.lit(True)
    if config.rows_from == "history" and "_hist" not in names:
        counted = pl.lit(False)
    use = sorted({c for c in col_of.values() if c in names or c.startswith("_mk_")} | {_D})
    use += sorted({s.column for s in config.stats if s.column in names} - set(use))
    scored = ~pl.col("_hist") if "_hist" in names else pl.lit(True)  # history rows are not scored
    src = lf.select(*use, counted.alias("_src"), scored.alias("_out")).filter(pl.col(_D).is_not_null()).collect()
    tmp: list[str] = []
    for i, stat in enumerate(config.stats):
        keys = [col_of[k] for k in stat.key]
        med, n = f"_med{i}", f"_n{i}"
        have = stat.column in names and all(k in src.columns for k in keys)
        key_ok = pl.all_horizontal([pl.col(k).is_not_null() for k in keys]) if have else pl.lit(False)
        if have:
            keyed = src.filter(key_ok)
            values = keyed.filter(pl.col("_src") & pl.col(stat.column).is_not_null()).select(
                *keys, _D, pl.col(stat.column).cast(pl.Float64).alias("_v")
            )
            table = _as_of_medians(values, keyed.filter(pl.col("_out")).select(*keys, _D).unique(), keys)
            lf = lf.join(table.lazy().rename({"_med": med, "_n": n}), on=[*keys, _D], how="left", maintain_order="left")
        else:
            lf = lf.with_columns(pl.lit(None, pl.Float64).alias(med), pl.lit(None, pl.Int64).alias(n))
        tmp += [med, n]
        count = pl.when(key_ok).then(pl.col(n).fill_null(0))
        x, m = pl.col(stat.column).cast(pl.Float64) if stat.column in names else pl.lit(None, pl.Float64), pl.col(med)
        ok = (count >= config.support(stat)) & (m > 0)
        lf = lf.with_columns(
            pl.when(ok).then(x / m).otherwise(None).cast(pl.Float64).alias(stat.name),
            pl.when(key_ok).then(m).cast(pl.Float64).alias(f"{stat.name}_median"),
            count.cast(pl.Int64).alias(f"{stat.name}_n"),
        )
    return lf.drop(tmp + [f"_mk_{k}" for k in derived])


def build_group(section: Any) -> FeatureGroup | None:
    """The feature group of a profile's `features.medians` section (None when it declares none)."""
    config = parse_config(section)
    if not config.stats:
        return None
    provides: dict[str, tuple[str, str]] = {}
    for stat in config.stats:
        key = ", ".join(stat.key)
        provides[stat.name] = (
            "float",
            stat.doc or f"{stat.column} / median {stat.column} of earlier lines of the same ({key})",
        )
        provides[f"{stat.name}_median"] = ("float", f"median {stat.column} of earlier lines of the same ({key})")
        provides[f"{stat.name}_n"] = ("int", f"earlier lines of the same ({key}) with {stat.column}")
    return FeatureGroup(name="medians", provides=provides, compute=lambda lf, ctx: compute(lf, config), scope="history")


def streams(section: Any) -> bool:
    """True when the medians read only --history rows (a streamed backtest computes them batch by batch)."""
    return parse_config(section).rows_from == "history"


register_parametric("medians", build_group)
