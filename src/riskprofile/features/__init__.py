"""Derived features: registered by name, computed once per batch, usable in rules and explain templates."""

from .registry import FeatureGroup, feature_docs, feature_types, field_types, plan, register

__all__ = ["FeatureGroup", "feature_docs", "feature_types", "field_types", "plan", "register"]
