"""The operator vocabulary of conditions: which operand each takes and which field types it applies to."""

from __future__ import annotations

from dataclasses import dataclass

FIELD_TYPES = ("str", "int", "float", "date", "bool")
NUMERIC = ("int", "float")
ORDERED = ("int", "float", "date")


@dataclass(frozen=True)
class OperatorSpec:
    """What an operator accepts: the field types it applies to and the shape of its operand."""

    name: str
    field_types: tuple[str, ...]
    operand: str  # scalar | scalars | strings | string | ordered | range | list_name | marks_name | bool
    doc: str


OPERATORS: dict[str, OperatorSpec] = {
    s.name: s
    for s in (
        OperatorSpec("eq", FIELD_TYPES, "scalar", "equal"),
        OperatorSpec("ne", FIELD_TYPES, "scalar", "not equal"),
        OperatorSpec("in", FIELD_TYPES, "scalars", "one of a list of values"),
        OperatorSpec("prefix", ("str",), "strings", "starts with (any of)"),
        OperatorSpec("contains", ("str",), "strings", "case-insensitive substring (any of)"),
        OperatorSpec("regex", ("str",), "string", "regular expression search"),
        OperatorSpec("lt", ORDERED, "ordered", "less than"),
        OperatorSpec("le", ORDERED, "ordered", "less than or equal"),
        OperatorSpec("gt", ORDERED, "ordered", "greater than"),
        OperatorSpec("ge", ORDERED, "ordered", "greater than or equal"),
        OperatorSpec("between", ORDERED, "range", "inclusive range [low, high]"),
        OperatorSpec("in_list", ("str",), "list_name", "value in a named list"),
        OperatorSpec("like_brand", ("str",), "marks_name", "resembles a recorded mark of a marks list"),
        OperatorSpec("missing", FIELD_TYPES, "bool", "value is null or empty"),
    )
}
