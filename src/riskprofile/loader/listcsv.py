"""List items from CSV files (`items_from:` of a list file), so that a real register can replace ours.

One row per item, one column per item field (header names = field names). List fields hold their
values separated by `|` (`aliases: 耐克|NIKE AIR`), booleans are true/false (yes/no, 1/0), dates ISO,
and an empty cell leaves the field at its default. Every bad row is reported with its file and line.
"""

from __future__ import annotations

import csv
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..findings import Code, Collector, Finding, findings_from_validation

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def _is_list(annotation) -> bool:
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) is list or any(typing.get_origin(a) is list for a in args)


def _is_bool(annotation) -> bool:
    return annotation is bool


def read_items_csv(path: Path, model: type[BaseModel]) -> tuple[list[BaseModel], list[Finding]]:
    """Validated items of `model` from a CSV file, and a finding (RP014 or RP015) per problem."""
    if not path.is_file():
        return [], [
            Finding(
                Code.MISSING_FILE,
                str(path),
                None,
                None,
                None,
                f"items file {path} not found",
                "Give `items_from` paths relative to the list file.",
            )
        ]
    fields = model.model_fields
    findings: list[Finding] = []
    items: list[BaseModel] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = [h.strip() for h in reader.fieldnames or []]
        unknown = [h for h in header if h not in fields]
        if unknown:
            findings.append(
                Finding(
                    Code.BAD_LIST,
                    str(path),
                    1,
                    1,
                    None,
                    f"unknown column(s) {', '.join(unknown)}",
                    f"Columns of this list kind: {', '.join(fields)}.",
                )
            )
            return [], findings
        for row in reader:
            line = reader.line_num
            data: dict = {}
            for key, raw in row.items():
                if key is None or raw is None:
                    continue
                key, value = key.strip(), raw.strip()
                if value == "":
                    continue
                annotation = fields[key].annotation
                if _is_list(annotation):
                    data[key] = [v.strip() for v in value.split("|") if v.strip()]
                elif _is_bool(annotation) and value.lower() in _TRUE | _FALSE:
                    data[key] = value.lower() in _TRUE
                else:
                    data[key] = value
            try:
                items.append(model.model_validate(data))
            except ValidationError as e:
                col = Collector(str(path), at=(line, 1))
                findings_from_validation(e, col, data=data, code=Code.BAD_LIST, label="row")
                findings += col.findings
    return items, findings
