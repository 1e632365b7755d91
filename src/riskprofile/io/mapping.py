"""Column mapping files: adapt a foreign layout (e.g. the KCS sample) to the public columns."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TypeVar

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..findings import Collector, LoadError, findings_from_validation, read_yaml_file
from ..yamlio import plain
from .read import read_frame

Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


class ColumnMapping(BaseModel):
    """`columns` renames source -> public column; `values` maps values per public column;
    `constants` sets columns absent from the source; `fields` declares typed extra columns rules may use;
    `drop` lists source columns to ignore (e.g. labels)."""

    model_config = ConfigDict(extra="forbid")
    description: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, Any]] = Field(default_factory=dict)
    constants: dict[str, Any] = Field(default_factory=dict)
    fields: dict[str, Literal["str", "int", "float", "date", "bool"]] = Field(default_factory=dict)
    drop: list[str] = Field(default_factory=list)

    def source_of(self, column: str, names: list[str]) -> str | None:
        """The source column of `names` that `apply` turns into `column` (None: absent or a constant)."""
        kept = [c for c in names if c not in self.drop]
        renamed = [src for src, dst in self.columns.items() if dst == column and src in kept]
        if renamed:
            return renamed[0]
        return column if column in kept and column not in self.columns else None

    def apply(self, df: Frame) -> Frame:
        """Rename, drop, map values and add constants (values stay strings until normalisation), on a
        frame or lazily."""
        names = df.collect_schema().names()
        df = df.drop([c for c in self.drop if c in names])
        names = [c for c in names if c not in self.drop]
        rename = {src: dst for src, dst in self.columns.items() if src in names}
        clash = [dst for dst in rename.values() if dst in names and dst not in rename]
        if clash:
            df = df.drop(clash)
        df = df.rename(rename)
        names = df.collect_schema().names()
        for col, mapping in self.values.items():
            if col in names:
                keys = {str(k): (None if v is None else str(v)) for k, v in mapping.items()}
                df = df.with_columns(pl.col(col).cast(pl.String).replace(list(keys), list(keys.values())).alias(col))
        for col, value in self.constants.items():
            if col not in names:
                df = df.with_columns(pl.lit(None if value is None else str(value), dtype=pl.String).alias(col))
        return df


def load_mapping(path: Path | str) -> ColumnMapping:
    """Load a mapping file; raises LoadError with located findings."""
    path = Path(path)
    root, problems = read_yaml_file(path)
    if problems:
        raise LoadError(problems)
    data = plain(root) or {}
    try:
        return ColumnMapping.model_validate(data)
    except ValidationError as e:
        col = Collector(str(path), root)
        findings_from_validation(e, col, data=data, known_keys=ColumnMapping.model_fields, label="mapping")
        raise LoadError(col.findings) from None


def read_mapped(paths: Iterable[Path | str], mapping: Path | str | None = None) -> list[pl.DataFrame]:
    """Raw frames of input files, through a column mapping file when given. Raises InputError / LoadError."""
    m = load_mapping(mapping) if mapping is not None else None
    frames = [read_frame(p) for p in paths]
    return [m.apply(df) for df in frames] if m is not None else frames
