"""Scenario files for drills: the one model and loader (`model.scenario`, `loader.scenario`), then drill's tolerance.

A file that cannot be used is reported with its path and line instead of stopping the drill; indicator
ids are mapped to the drill taxonomy after loading (aliases accepted, unknown ids kept, normalised).
"""

from __future__ import annotations

from pathlib import Path

from ..loader.scenario import load_scenario, scenario_files
from ..model.scenario import Scenario, ScenarioFileError
from .taxonomy import canonical_all


def for_drill(sc: Scenario) -> Scenario:
    """The scenario with its and its controls' indicators mapped to taxonomy ids."""
    sc.indicators = canonical_all(sc.indicators)
    for c in sc.controls:
        c.indicators = canonical_all(c.indicators)
    return sc


def load_scenarios(folder: Path, ids: list[str] | None = None) -> tuple[list[Scenario], list[str]]:
    """All readable scenarios of a folder (sorted by id) and the problems of the others. With `ids`,
    files named after them (C04.yaml) are read first and the rest only if some id is not found."""
    paths = scenario_files(folder)
    if ids:
        want = {i.upper() for i in ids}
        named = [p for p in paths if p.stem.upper() in want]
        if len(named) == len(want):
            got, problems = load_scenarios_from(named)
            if {s.id.upper() for s in got} >= want:
                return got, problems
    return load_scenarios_from(paths)


def load_scenarios_from(paths: list[Path]) -> tuple[list[Scenario], list[str]]:
    out, problems = [], []
    for p in paths:
        try:
            out.append(for_drill(load_scenario(p)))
        except ScenarioFileError as e:
            problems.append(str(e))
    out.sort(key=lambda s: s.id)
    return out, problems


__all__ = ["Scenario", "for_drill", "load_scenarios", "load_scenarios_from"]
