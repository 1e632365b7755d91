"""`lint`: every finding of profiles, rule files, list files and scenario files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..features.registry import field_types
from ..findings import Code, Finding, read_yaml_file
from ..model.lists import NamedList
from ..model.scenario import check_scenario
from ..yamlio import fast_reading
from .leads import read_leads
from .profile import load_list_file, load_parts, load_rule_file, resolve_profile_path
from .scenario import expand_leads, is_scenario_file, scenarios_area


def lint(paths: list[Path], profile: Path | None = None, as_of: dt.date | None = None) -> list[Finding]:
    """Findings for profiles, rule files, list files and scenario files; a directory holding profile.yaml
    is a profile.

    A scenario file (a mapping with `declarations:`, or any file under a `scenarios/` folder) is checked
    against the scenario format, and its targeting instructions as rules against `profile`'s fields, lists
    and rule ids. Simulator parameter files (`scenarios/sim/`) are none of these: they are skipped, also
    when named explicitly (`riskprofile simulate` reads them)."""
    findings: list[Finding] = []
    ctx_lists: dict[str, NamedList] = {}
    ctx_fields = field_types()
    ctx_rule_ids: list[str] | None = None
    if profile is not None and resolve_profile_path(profile).exists():
        config, ctx_lists, ctx_rules, ctx_findings = load_parts(profile, as_of)
        if config is not None:
            try:
                ctx_fields = field_types(config.fields, config.features)
            except ValueError:
                ctx_fields = field_types(config.fields)
            if not any(f.severity == "error" for f in ctx_findings):
                ctx_rule_ids = [r.id for r in ctx_rules]
    for p in paths:
        p = Path(p)
        if p.is_dir() and (p / "profile.yaml").exists() or p.name == "profile.yaml":
            findings += load_parts(p, as_of)[3]
        elif p.is_dir():
            for f in sorted([*p.rglob("*.y*ml"), *(p / "leads").glob("*.csv")]):
                findings += _lint_file(f, ctx_fields, ctx_lists, as_of, ctx_rule_ids)
        elif p.exists():
            findings += _lint_file(p, ctx_fields, ctx_lists, as_of, ctx_rule_ids)
        else:
            findings.append(Finding(Code.MISSING_FILE, str(p), None, None, None, "no such file or directory"))
    return findings


def _lint_file(
    path: Path,
    fields: dict[str, str],
    lists: dict[str, NamedList],
    as_of: dt.date | None,
    rule_ids: list[str] | None = None,
) -> list[Finding]:
    """A file's findings: a fast first read (plain data, see `yamlio.fast_reading`) when it finds nothing,
    else those of a read keeping positions, located as before."""
    with fast_reading():
        findings = _check_file(path, fields, lists, as_of, rule_ids)
    return _check_file(path, fields, lists, as_of, rule_ids) if findings else findings


def _check_file(
    path: Path,
    fields: dict[str, str],
    lists: dict[str, NamedList],
    as_of: dt.date | None,
    rule_ids: list[str] | None,
) -> list[Finding]:
    if scenarios_area(path) == "sim":
        return []
    if path.suffix.lower() == ".csv":  # a leads CSV (list CSVs are read through their list file)
        historical = scenarios_area(path) == "leads"
        return read_leads(path, lists, fields, rule_ids or (), None if historical else as_of)[1]
    root, problems = read_yaml_file(path)
    if problems:
        return problems
    if isinstance(root, dict) and "kind" in root and "items" in root:
        return load_list_file(path)[1]
    if scenarios_area(path) == "leads" or (isinstance(root, dict) and "leads" in root and "declarations" not in root):
        historical = scenarios_area(path) == "leads"  # replayed leads of 2016: their windows are over by design
        return read_leads(path, lists, fields, rule_ids or (), None if historical else as_of)[1]
    if is_scenario_file(path, root):
        lead_findings = expand_leads(root, path, lists)
        return lead_findings + check_scenario(root, str(path), fields, lists, rule_ids)[1]
    return load_rule_file(path, fields, lists, {}, as_of)[1]
