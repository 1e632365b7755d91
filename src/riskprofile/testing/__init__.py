"""Public testing helpers: hypothesis strategies for declarations, goods lines, rules and profiles, and
the hypothesis settings profiles `dev` and `ci` (registered on import; `settings.load()` activates one)."""

from . import settings

settings.register()

__all__ = ["settings"]
