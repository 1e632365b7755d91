"""Labelled data for the analyst verbs: read through a mapping, declaration-level labels, label hiding.

Scoring never sees the labels of the declarations it scores (they are unknown when a declaration is
lodged): `split_labels` takes them out of the input before `profile.score`. Outcome features read
labels from `--history` files only, unless a backtest runs *online* (`labels_from: all`), where the
label of every earlier declaration of the scored file is known too (as of each declaration's date).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ..engine.profile import Profile
from ..features.outcomes import parse_config


@dataclass(frozen=True)
class LabelSpec:
    """A label column and the values that count as positive (default: > 0, true, yes)."""

    column: str
    positive: tuple[str, ...] | None = None

    @classmethod
    def parse(cls, text: str) -> LabelSpec:
        """`fraud` or `critical_fraud=2` or `grade=A,B`."""
        if "=" in text:
            col, vals = text.split("=", 1)
            return cls(col.strip(), tuple(v.strip() for v in vals.split(",") if v.strip()))
        return cls(text.strip())

    @property
    def name(self) -> str:
        return self.column if self.positive is None else f"{self.column}={','.join(self.positive)}"

    def expr(self, dtype: pl.DataType) -> pl.Expr:
        """1 / 0 per line, null when unlabelled."""
        c = pl.col(self.column)
        s = c.cast(pl.String).str.strip_chars()
        if self.positive is not None:
            hit = s.is_in(list(self.positive))
            nums = [float(v) for v in self.positive if _num(v) is not None]
            if nums:
                hit = hit | s.cast(pl.Float64, strict=False).is_in(nums)
        elif dtype == pl.Boolean:
            hit = c
        elif dtype.is_numeric():
            hit = c > 0
        else:
            low = s.str.to_lowercase()
            hit = low.is_in(["true", "yes", "y"]) | (low.cast(pl.Float64, strict=False) > 0)
        present = c.is_not_null() & (s.str.len_chars() > 0)
        return pl.when(present).then(hit.fill_null(False).cast(pl.Int8))


def _num(v: str) -> float | None:
    try:
        return float(v)
    except ValueError:
        return None


def read_files(paths: Iterable[Path], mapping: Path | None) -> list[pl.DataFrame]:
    """Raw frames (through the mapping). Raises InputError / LoadError."""
    from ..io.mapping import read_mapped

    return read_mapped(paths, mapping)


def outcome_labels(profile: Profile) -> set[str]:
    """Label columns the profile's outcome features read."""
    section = profile.config.features.get("outcomes")
    if not section:
        return set()
    return {r.label for r in parse_config(section).rates}


def online(profile: Profile, on: bool = True) -> Profile:
    """The profile with outcome features reading the labels of earlier scored rows too (`labels_from: all`),
    and key medians reading their figures (`rows_from: all`)."""
    features = dict(profile.config.features)
    changed = False
    for section, option in (("outcomes", "labels_from"), ("medians", "rows_from")):
        if section in features:
            features[section] = {**(features[section] or {}), option: "all" if on else "history"}
            changed = True
    if not changed:
        return profile
    return profile.replace(config=profile.config.model_copy(update={"features": features}))


@dataclass
class Labelled:
    """Declaration-level truth for a scored file: decl_id, first date, value, one 0/1 column per label."""

    frame: pl.DataFrame  # decl_id, declared_at, value, <label names>...
    labels: list[LabelSpec]
    hidden: list[str] = field(default_factory=list)

    @property
    def primary(self) -> str:
        return self.labels[0].name


def declaration_truth(frames: list[pl.DataFrame], labels: list[LabelSpec], value_col: str = "value") -> pl.DataFrame:
    """Per declaration: first date, total value, and each label (positive if any line is positive)."""
    rows = pl.concat(frames, how="diagonal_relaxed")
    for lab in labels:
        if lab.column not in rows.columns:
            raise KeyError(
                f"label column `{lab.column}` not in the data (columns: "
                f"{', '.join(c for c in rows.columns if not c.startswith('_'))})"
            )
    schema = rows.schema
    val = (
        pl.col(value_col).cast(pl.String).str.replace_all(",", "").cast(pl.Float64, strict=False)
        if value_col in rows.columns
        else pl.lit(None, dtype=pl.Float64)
    )
    rows = rows.with_columns(
        pl.col("decl_id").cast(pl.String).str.strip_chars(),
        val.alias("_value"),
        *[lab.expr(schema[lab.column]).alias(f"_lab{i}") for i, lab in enumerate(labels)],
    )
    return rows.group_by("decl_id", maintain_order=True).agg(
        pl.col("_value").sum().alias("value"),
        *[pl.col(f"_lab{i}").max().alias(lab.name) for i, lab in enumerate(labels)],
    )


def split_labels(frames: list[pl.DataFrame], columns: Iterable[str]) -> list[pl.DataFrame]:
    """The frames without the label columns (what scoring may see of new declarations)."""
    cols = set(columns)
    return [f.drop([c for c in f.columns if c in cols]) for f in frames]


def fingerprint(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """sha256 and size of each file (what a tuning record cites)."""
    out = []
    for p in paths:
        h = hashlib.sha256()
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        out.append({"path": str(p), "sha256": h.hexdigest(), "bytes": Path(p).stat().st_size})
    return out
