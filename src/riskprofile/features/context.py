"""What features read besides the frame: the profile's lists and feature parameters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..model.lists import NamedList

T = TypeVar("T")


@dataclass
class FeatureContext:
    """Lists and parameters shared by all feature groups; derived lookups are built once and cached."""

    lists: dict[str, NamedList]
    params: dict[str, Any] = field(default_factory=dict)

    def items(self, name: str) -> list:
        lst = self.lists.get(name)
        return list(lst.items) if lst is not None else []

    def param(self, name: str, default: Any) -> Any:
        return self.params.get(name, default)

    _derived: dict = field(default_factory=dict, repr=False)

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """A value derived from the lists and parameters only (a pattern, an expression, a table), built
        once per profile, so that small batches (one declaration at the scoring API) do not pay for it."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]
