"""Registry of derived features: name -> type, documentation and the group that computes it.

A feature group adds one or more columns to the goods-line frame. Groups with scope `history` run on
input + history rows together (and must only look strictly backwards in time); `batch` groups run on
the scored rows only. Rules and explain templates may name any registered feature.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from ..model.declaration import DECLARATION_SCHEMA, OPTIONAL_SCHEMA
from .context import FeatureContext

_PL_TO_TYPE = {pl.String: "str", pl.Int64: "int", pl.Float64: "float", pl.Date: "date", pl.Boolean: "bool"}

#: Declaration columns and their rule-language types.
COLUMN_TYPES: dict[str, str] = {k: _PL_TO_TYPE[type(v)] for k, v in {**DECLARATION_SCHEMA, **OPTIONAL_SCHEMA}.items()}
#: Columns added by normalisation.
NORMALISED_TYPES: dict[str, str] = {"value_usd": "float"}


@dataclass(frozen=True)
class FeatureGroup:
    """Computes a set of related features in one step."""

    name: str
    provides: dict[str, tuple[str, str]]  # feature -> (type, doc)
    compute: Callable[[pl.LazyFrame, FeatureContext], pl.LazyFrame]
    requires: tuple[str, ...] = ()
    scope: Literal["batch", "history"] = "batch"
    reads: tuple[str, ...] = field(default=())  # list names it reads (for docs)


_GROUPS: dict[str, FeatureGroup] = {}
_BY_FEATURE: dict[str, FeatureGroup] = {}


def register(group: FeatureGroup) -> FeatureGroup:
    """Register a feature group (its features become usable in rules)."""
    for name in group.provides:
        other = _BY_FEATURE.get(name)
        if other is not None and other.name != group.name:
            raise ValueError(f"feature {name!r} is already provided by group {other.name!r}")
    _GROUPS[group.name] = group
    for name in group.provides:
        _BY_FEATURE[name] = group
    return group


def feature_types() -> dict[str, str]:
    """Every registered feature and its type."""
    _ensure_loaded()
    return {name: g.provides[name][0] for name, g in _BY_FEATURE.items()}


def feature_docs() -> dict[str, str]:
    _ensure_loaded()
    return {name: g.provides[name][1] for name, g in _BY_FEATURE.items()}


def field_types(extra: Mapping[str, str] | None = None, params: dict[str, Any] | None = None) -> dict[str, str]:
    """All names a rule may test: columns, normalised columns, features (including those a profile
    declares in its `features:` section, `params`) and declared extra fields."""
    declared = {n: t for g in configured_groups(params) for n, (t, _) in g.provides.items()}
    return {**COLUMN_TYPES, **NORMALISED_TYPES, **feature_types(), **declared, **(extra or {})}


# -- groups a profile declares: built from a section of its `features:` parameters -----------------
_PARAMETRIC: dict[str, Callable[[Any], FeatureGroup | None]] = {}


def register_parametric(section: str, build: Callable[[Any], FeatureGroup | None]) -> None:
    """Register a builder for `features: {section: ...}`: it returns the group whose feature names the
    profile declares (e.g. outcome rates), or None; it raises ValueError on an invalid section."""
    _PARAMETRIC[section] = build


def configured_groups(params: dict[str, Any] | None) -> list[FeatureGroup]:
    """The parametric groups a profile's `features:` parameters declare."""
    _ensure_loaded()
    out = []
    for section, build in _PARAMETRIC.items():
        if params and section in params:
            group = build(params[section])
            if group is not None:
                out.append(group)
    return out


def plan(needed: set[str], params: dict[str, Any] | None = None) -> list[FeatureGroup]:
    """Groups needed to compute `needed`, dependencies first (`params`: the profile's `features:`)."""
    _ensure_loaded()
    order: list[FeatureGroup] = []
    seen: set[str] = set()
    declared = {n: g for g in configured_groups(params) for n in g.provides}

    def visit(name: str) -> None:
        group = _BY_FEATURE.get(name) or declared.get(name)
        if group is None or group.name in seen:
            return
        seen.add(group.name)
        for dep in group.requires:
            visit(dep)
        order.append(group)

    for name in sorted(needed):
        visit(name)
    return order


def _ensure_loaded() -> None:
    import importlib

    for module in _MODULES:
        importlib.import_module(f"{__package__}.{module}")


#: Feature modules, each registering its groups on import.
_MODULES = (
    "goods",
    "value",
    "loading",
    "description",
    "brand",
    "routing",
    "parties",
    "campaign",
    "history",
    "outcomes",
    "medians",
)
