"""Table lookups on string columns: `replace_strict` semantics at a fraction of its cost per call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl


@dataclass(frozen=True)
class Lookup:
    """`table[value]` for a string expression, null for a value not in it (and for null), as
    `expr.replace_strict(table, default=None)` gives. The value's position in the table comes from a
    cast to an `Enum` of the keys and picks the result from a series: a fraction of replace_strict's cost
    per call (which joins), the same at 1M lines. Built once per table (per profile)."""

    keys: pl.Enum
    values: pl.Series

    @classmethod
    def of(cls, table: Mapping[str, Any], dtype: pl.DataType | type[pl.DataType]) -> Lookup:
        return cls(pl.Enum(list(table)), pl.Series(list(table.values()), dtype=dtype))

    def __call__(self, expr: pl.Expr) -> pl.Expr:
        return pl.lit(self.values).gather(expr.cast(self.keys, strict=False).to_physical())


def lookup(expr: pl.Expr, table: Mapping[str, Any], dtype: pl.DataType | type[pl.DataType]) -> pl.Expr:
    """`Lookup.of(table, dtype)(expr)`: for expressions built once per profile."""
    return Lookup.of(table, dtype)(expr)
