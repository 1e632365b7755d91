"""Reading scenario files: `read_scenario` (every finding), `load_scenario` (raises), and where they live."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..engine.profile import Profile
from ..findings import Code, Collector, Finding, read_yaml_file, suggest
from ..model.lists import NamedList
from ..model.scenario import Scenario, ScenarioFileError, check_scenario
from ..yamlio import fast_reading
from .leads import instructions, lead_files, read_leads


def read_scenario(
    path: Path | str,
    fields: dict[str, str] | None = None,
    lists: dict[str, NamedList] | None = None,
    rule_ids: Iterable[str] | None = None,
    references: bool = True,
) -> tuple[Scenario | None, list[Finding]]:
    """Read and check one scenario file: the scenario (None when unusable) and every finding.

    A fast first read (plain data, see `yamlio.fast_reading`) is kept when it finds nothing; otherwise the
    file is read again keeping positions, so every finding is located as before."""
    rule_ids = None if rule_ids is None else list(rule_ids)
    with fast_reading():
        sc, findings = _read_scenario(Path(path), fields, lists, rule_ids, references)
    if sc is None or findings:
        sc, findings = _read_scenario(Path(path), fields, lists, rule_ids, references)
    return sc, findings


def _read_scenario(
    path: Path,
    fields: dict[str, str] | None,
    lists: dict[str, NamedList] | None,
    rule_ids: Iterable[str] | None,
    references: bool,
) -> tuple[Scenario | None, list[Finding]]:
    root, problems = read_yaml_file(path)
    if problems:
        return None, problems
    lead_findings = expand_leads(root, path, lists)
    sc, findings = check_scenario(root, str(path), fields, lists, rule_ids, references)
    return sc, sorted(lead_findings + findings, key=lambda f: (f.line or 0, f.column or 0))


def expand_leads(root: Any, path: Path | str, lists: dict[str, NamedList] | None = None) -> list[Finding]:
    """Add the instructions of the leads a scenario names (`context.leads`, also under controls) to its
    `context.instructions`, in place, from the `leads/` folder beside the scenario file: the scenario is
    then replayed through the leads workflow. An unknown lead id is an RP012 finding at its reference;
    the leads files themselves are checked by `read_leads` (lint)."""
    contexts: list[tuple[tuple, Any]] = []
    if isinstance(root, dict):
        contexts.append((("context",), root.get("context")))
        controls = root.get("controls")
        for j, c in enumerate(controls if isinstance(controls, list) else []):
            contexts.append((("controls", j, "context"), c.get("context") if isinstance(c, dict) else None))
    wanted = [(at, ctx) for at, ctx in contexts if isinstance(ctx, dict) and isinstance(ctx.get("leads"), list)]
    if not wanted:
        return []
    folder = Path(path).parent / "leads"
    known: dict[str, Any] = {}
    for f in lead_files([folder]) if folder.is_dir() else []:
        for lead in read_leads(f, lists)[0]:
            known.setdefault(lead.id, lead)
    col = Collector(str(path), root)
    for at, ctx in wanted:
        found = []
        for j, lid in enumerate(ctx["leads"]):
            if lid in known:
                found.append(known[lid])
            else:
                col.add(
                    Code.BAD_VALUE,
                    at + ("leads", j),
                    f"no lead `{lid}` in {folder}",
                    None,
                    suggest(str(lid), list(known)),
                )
        if found:
            rules = [i.rule for i in instructions(found, lists)]
            if isinstance(ctx.get("instructions"), list):
                ctx["instructions"].extend(rules)
            else:
                ctx["instructions"] = rules
    return col.findings


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
    """A mapping with `declarations:` at top level, or a file in a `scenarios/` folder (not `sim/`, `leads/`)."""
    if isinstance(root, dict) and "declarations" in root:
        return True
    return scenarios_area(path) == "scenario"


def scenarios_area(path: Path | str) -> str | None:
    """ "scenario" for a file in a `scenarios/` folder or one of its sub-folders, "sim" in `scenarios/sim/`
    (simulator parameters), "leads" in `scenarios/leads/`, None elsewhere (a `scenarios` folder higher up
    does not count)."""
    parts = Path(path).absolute().parts[:-1]
    if parts[-1:] == ("scenarios",):
        return "scenario"
    if parts[-2:-1] == ("scenarios",):
        return {"sim": "sim", "leads": "leads"}.get(parts[-1], "scenario")
    return None
