"""Reading scenario files: `read_scenario` (every finding), `load_scenario` (raises), and where they live."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..engine.profile import Profile
from ..findings import Finding, read_yaml_file
from ..model.lists import NamedList
from ..model.scenario import Scenario, ScenarioFileError, check_scenario


def read_scenario(
    path: Path | str,
    fields: dict[str, str] | None = None,
    lists: dict[str, NamedList] | None = None,
    rule_ids: Iterable[str] | None = None,
    references: bool = True,
) -> tuple[Scenario | None, list[Finding]]:
    """Read and check one scenario file: the scenario (None when unusable) and every finding."""
    path = Path(path)
    root, problems = read_yaml_file(path)
    if problems:
        return None, problems
    return check_scenario(root, str(path), fields, lists, rule_ids, references)


def load_scenario(path: Path | str, profile: Profile | None = None) -> Scenario:
    """Read and validate one scenario file; raises ScenarioFileError carrying every error as a finding.

    With `profile`, the targeting instructions are checked against its fields, lists and rule ids too, as
    `Profile.with_context` will (not the `references` lint adds: scoring accepts those)."""
    if profile is None:
        sc, findings = read_scenario(path)
    else:
        sc, findings = read_scenario(
            path, profile.fields, profile.lists, [r.id for r in profile.rules], references=False
        )
    if sc is None or any(f.severity == "error" for f in findings):
        raise ScenarioFileError(findings=findings)
    return sc


def scenario_files(folder: Path | str) -> list[Path]:
    """The scenario files of a folder: its `*.yaml` (not its sub-folders, e.g. `sim/`), sorted."""
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())


def is_scenario_file(path: Path | str, root: Any = None) -> bool:
    """A mapping with `declarations:` at top level, or a file in a `scenarios/` folder (not `scenarios/sim/`)."""
    if isinstance(root, dict) and "declarations" in root:
        return True
    return scenarios_area(path) == "scenario"


def scenarios_area(path: Path | str) -> str | None:
    """ "scenario" for a file in a `scenarios/` folder or one of its sub-folders, "sim" in `scenarios/sim/`
    (simulator parameters), None elsewhere (a `scenarios` folder higher up does not count)."""
    parts = Path(path).absolute().parts[:-1]
    if parts[-1:] == ("scenarios",):
        return "scenario"
    if parts[-2:-1] == ("scenarios",):
        return "sim" if parts[-1] == "sim" else "scenario"
    return None
