"""The one operator registry of conditions: name, field types, operand shape, polars builder, schema, doc.

Everything that needs to know an operator reads it here: the static checks (`model.check`), the compiler
(`engine.compile`), the JSON Schema (`model.conditions.condition_json_schema`) and the RP004 hint. The
reference evaluator (`testing.reference`) and bench's SQL keep their own tables on purpose (independent
oracles); a test checks that every table names the same operators.

Semantics of the builders: a test on a null value is false (the compiler fills nulls), except `missing`;
`contains` is case-insensitive; `in_list` on a `prefix` list matches code prefixes; `like_brand` reads the
column the brand feature computes for (field, marks list).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from .lists import NamedList

FieldType = Literal["str", "int", "float", "date", "bool"]
FIELD_TYPES: tuple[FieldType, ...] = ("str", "int", "float", "date", "bool")
NUMERIC: tuple[FieldType, ...] = ("int", "float")
ORDERED: tuple[FieldType, ...] = ("int", "float", "date")

#: Operand shapes: what the value of `field: {op: value}` must be.
Operand = Literal["scalar", "scalars", "strings", "string", "ordered", "range", "list_name", "marks_name", "bool"]

#: (column, operand, field type, lists, field name) -> boolean expression (nulls allowed; filled by the caller).
Builder = Callable[[pl.Expr, Any, str, dict[str, NamedList], str], pl.Expr]


def like_brand_column(field: str, list_name: str) -> str:
    """Name of the helper column holding `like_brand` results of `field` against a marks list."""
    return f"__like_brand__{field}__{list_name}"


def operand_value(value: Any, ftype: str) -> Any:
    """An operand as the column holds it (ISO dates -> `date`)."""
    if ftype == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def strings(value: Any) -> list[str]:
    """A `strings` operand as a list (one string or several)."""
    return [value] if isinstance(value, str) else list(value)


def prefix_any(col: pl.Expr, prefixes: Iterable[str]) -> pl.Expr:
    """Starts with any of the prefixes: one hash lookup per distinct prefix length (a value shorter than
    `n` characters is its own slice, never equal to a prefix of `n`)."""
    by_len: dict[int, list[str]] = {}
    for p in prefixes:
        by_len.setdefault(len(p), []).append(p)
    parts = [col.str.slice(0, n).is_in(ps) for n, ps in sorted(by_len.items())]
    return pl.any_horizontal(parts) if parts else pl.lit(False)


def _missing(col: pl.Expr, ftype: str) -> pl.Expr:
    return (col.is_null() | (col == "")) if ftype == "str" else col.is_null()


def _in_list(c: pl.Expr, v: Any, t: str, lists: dict[str, NamedList], f: str) -> pl.Expr:
    members = lists[v].members()
    return prefix_any(c, members) if lists[v].prefix_match else c.is_in(members)


def _contains(c: pl.Expr, v: Any, t: str, lists: dict[str, NamedList], f: str) -> pl.Expr:
    return pl.any_horizontal(c.str.to_lowercase().str.contains(s.lower(), literal=True) for s in strings(v))


@dataclass(frozen=True)
class Operator:
    """One operator: the field types it applies to, its operand shape, how it compiles, and its doc."""

    name: str
    field_types: tuple[FieldType, ...]
    operand: Operand
    doc: str
    build: Builder

    def operand_schema(self, list_names: list[str]) -> dict:
        """JSON Schema of the operand (editor validation; the static checks are stricter)."""
        if self.operand == "list_name":
            return {"enum": list_names} if list_names else {"type": "string"}
        return dict(_OPERAND_SCHEMA.get(self.operand, {}))


_OPERAND_SCHEMA: dict[str, dict] = {
    "scalars": {"type": "array", "minItems": 1},
    "string": {"type": "string"},
    "range": {"type": "array", "minItems": 2, "maxItems": 2},
    "marks_name": {"type": "string"},
    "bool": {"type": "boolean"},
}

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("eq", FIELD_TYPES, "scalar", "equal", lambda c, v, t, ls, f: c == operand_value(v, t)),
        Operator("ne", FIELD_TYPES, "scalar", "not equal", lambda c, v, t, ls, f: c != operand_value(v, t)),
        Operator(
            "in",
            FIELD_TYPES,
            "scalars",
            "one of a list of values",
            lambda c, v, t, ls, f: c.is_in([operand_value(x, t) for x in v]),
        ),
        Operator(
            "prefix", ("str",), "strings", "starts with (any of)", lambda c, v, t, ls, f: prefix_any(c, strings(v))
        ),
        Operator("contains", ("str",), "strings", "case-insensitive substring (any of)", _contains),
        Operator("regex", ("str",), "string", "regular expression search", lambda c, v, t, ls, f: c.str.contains(v)),
        Operator("lt", ORDERED, "ordered", "less than", lambda c, v, t, ls, f: c < operand_value(v, t)),
        Operator("le", ORDERED, "ordered", "less than or equal", lambda c, v, t, ls, f: c <= operand_value(v, t)),
        Operator("gt", ORDERED, "ordered", "greater than", lambda c, v, t, ls, f: c > operand_value(v, t)),
        Operator("ge", ORDERED, "ordered", "greater than or equal", lambda c, v, t, ls, f: c >= operand_value(v, t)),
        Operator(
            "between",
            ORDERED,
            "range",
            "inclusive range [low, high]",
            lambda c, v, t, ls, f: c.is_between(operand_value(v[0], t), operand_value(v[1], t), closed="both"),
        ),
        Operator("in_list", ("str",), "list_name", "value in a named list", _in_list),
        Operator(
            "like_brand",
            ("str",),
            "marks_name",
            "resembles a recorded mark of a marks list",
            lambda c, v, t, ls, f: pl.col(like_brand_column(f, v)),
        ),
        Operator(
            "missing",
            FIELD_TYPES,
            "bool",
            "value is null or empty",
            lambda c, v, t, ls, f: _missing(c, t) if v else ~_missing(c, t),
        ),
    )
}


def operators_hint() -> str:
    """The RP004 hint: every operator name."""
    return f"Operators: {' '.join(OPERATORS)}."
