"""JSON Schemas of the YAML files people edit (rules, profile, lists, mappings)."""

from __future__ import annotations

from ..features.registry import field_types
from ..io.mapping import ColumnMapping
from ..model.conditions import condition_json_schema
from ..model.lists import NamedList
from ..model.rules import ProfileConfig, RuleFile


def json_schema(kind: str = "rules", list_names: list[str] | None = None) -> dict:
    if kind == "rules":
        doc = _link_conditions(RuleFile.model_json_schema())
        doc.setdefault("$defs", {}).update(condition_json_schema(sorted(field_types()), list_names or []))
    elif kind == "profile":
        doc = ProfileConfig.model_json_schema()
    elif kind == "list":
        doc = NamedList.model_json_schema()
    elif kind == "mapping":
        doc = ColumnMapping.model_json_schema()
    else:
        raise ValueError(f"unknown schema kind {kind!r}: use rules, profile, list or mapping")
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc.setdefault("title", f"riskprofile {kind} file")
    return doc


def _link_conditions(node):
    """Point the `when` placeholders at the condition definition."""
    if isinstance(node, dict):
        if node.get("x-riskprofile") == "condition":
            return {"$ref": "#/$defs/Condition"}
        return {k: _link_conditions(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_link_conditions(v) for v in node]
    return node
