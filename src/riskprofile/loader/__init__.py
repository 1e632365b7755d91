"""Files -> objects and findings: profiles, scenarios, `lint`, the JSON Schema."""

from .lint import lint
from .profile import load_parts, load_profile, resolve_profile_path
from .scenario import load_scenario, read_scenario, scenario_files

__all__ = [
    "lint",
    "load_parts",
    "load_profile",
    "load_scenario",
    "read_scenario",
    "resolve_profile_path",
    "scenario_files",
]
