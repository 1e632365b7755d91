"""Profile files -> a `Profile`: the config, its lists and its rule files, every problem a `Finding`.

The loader never stops at the first problem: `load_parts` returns every finding, `load_profile` raises
`LoadError` (carrying them all) when any is an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from ..engine.profile import Profile
from ..errors import RiskProfileError
from ..features.registry import field_types
from ..findings import Code, Collector, Finding, LoadError, findings_from_validation, read_yaml_file
from ..io.mapping import load_mapping
from ..model.check import rules_from_node
from ..model.lists import ITEM_MODELS, NamedList
from ..model.rules import ProfileConfig, Rule
from ..yamlio import WriteError, fast_reading, locate, plain, recover
from .campaigns import campaign_rules
from .listcsv import read_items_csv


def load_rule_file(
    path: Path, fields: dict[str, str], lists: dict[str, NamedList], seen: dict[str, str], as_of: dt.date | None
) -> tuple[list[Rule], list[Finding]]:
    """Rules of one file and its findings; `seen` maps rule id -> where first defined (duplicates)."""
    root, problems = read_yaml_file(path)
    if problems:
        return [], problems
    col = Collector(str(path), root)
    return rules_from_node(root, col, fields, lists, seen, as_of), col.findings


def load_list_file(path: Path) -> tuple[NamedList | None, list[Finding]]:
    root, problems = read_yaml_file(path)
    if problems:
        return None, problems
    col = Collector(str(path), root)
    data = plain(root)
    try:
        nl = NamedList.model_validate(data)
    except ValidationError as e:
        findings_from_validation(e, col, data=data, code=Code.BAD_LIST, label="list")
        return None, col.findings
    findings: list[Finding] = []
    for name in nl.items_from:
        items, fs = read_items_csv(path.parent / name, ITEM_MODELS[nl.kind])
        nl.items.extend(items)
        findings.extend(fs)
    return (None if findings else nl), findings


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


class _Positions:
    """Line and column of a key path in a profile file, parsed only when a finding needs one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._root: object = None
        self._read = False

    def __call__(self, keys: tuple) -> tuple[int | None, int | None]:
        if not self._read:
            self._root, self._read = read_yaml_file(self.path)[0], True
        return locate(self._root, keys) if self._root is not None else (None, None)


def _outside(where: Path, what: str, path: Path, at: tuple[int | None, int | None] = (None, None)) -> Finding:
    return Finding(
        Code.OUTSIDE_PROFILE, str(where), at[0], at[1], None, f"{what} `{path}` leads outside the profile folder"
    )


def rule_files(ppath: Path, patterns: list[str]) -> tuple[list[Path], list[Finding]]:
    """The rule files a profile's `rules:` patterns name, relative to its folder, and the findings (at
    the pattern's line): a pattern that matches nothing, or that leads outside the folder (`..`, an
    absolute path, a symlink)."""
    base = ppath.parent
    files: list[Path] = []
    findings: list[Finding] = []
    at = _Positions(ppath)
    for i, pattern in enumerate(patterns):
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            findings.append(_outside(ppath, "rule pattern", Path(pattern), at(("rules", i))))
            continue
        matched = sorted(p for p in base.glob(pattern) if p.resolve() != ppath.resolve() and p.is_file())
        if not matched:
            line, col = at(("rules", i))
            findings.append(
                Finding(Code.MISSING_FILE, str(ppath), line, col, None, f"rule pattern `{pattern}` matches no file")
            )
        for m in matched:
            if not _inside(m, base):
                findings.append(_outside(ppath, "rule file", m, at(("rules", i))))
            elif m not in files:
                files.append(m)
    return files, findings


def load_lists(folder: Path, profile: Path | None = None) -> tuple[dict[str, NamedList], list[Finding]]:
    """The lists of a folder; with `profile` (its file), the folder and its files must lie in its folder."""
    lists: dict[str, NamedList] = {}
    findings: list[Finding] = []
    root = profile.parent if profile is not None else None
    if profile is not None and root is not None and not _inside(folder, root):
        return lists, [_outside(profile, "lists folder", folder, _Positions(profile)(("lists",)))]
    if not folder.is_dir():
        return lists, findings
    for path in sorted(folder.glob("*.y*ml")):
        if root is not None and not _inside(path, root):
            findings.append(_outside(path, "list file", path))
            continue
        nl, fs = load_list_file(path)
        findings.extend(fs)
        if nl is not None:
            if nl.name in lists:
                findings.append(Finding(Code.BAD_LIST, str(path), 1, 1, None, f"list name `{nl.name}` is used twice"))
            lists[nl.name] = nl
    return lists, findings


def load_config(path: Path) -> tuple[ProfileConfig | None, list[Finding]]:
    root, problems = read_yaml_file(path)
    if problems:
        return None, problems
    col = Collector(str(path), root)
    data = plain(root) or {}
    rules = data.get("rules") if isinstance(data, dict) else None
    if isinstance(rules, list) and any(isinstance(r, dict) for r in rules):
        col.add(
            Code.BAD_SHAPE,
            ("rules",),
            f"{path} is a rule file, not a profile: a profile lists rule files under `rules:` "
            "(and sets lanes, lists, features)",
            hint="Pass the profile that includes it (e.g. --profile rules/profile.yaml or its folder); check the rule "
            f"file itself with `riskprofile lint {path}`.",
        )
        return None, col.findings
    try:
        return ProfileConfig.model_validate(data), []
    except ValidationError as e:
        findings_from_validation(e, col, data=data, known_keys=ProfileConfig.model_fields, label="profile")
        return None, col.findings


def resolve_profile_path(path: Path | str) -> Path:
    p = Path(path)
    return p / "profile.yaml" if p.is_dir() else p


def load_parts(path: Path | str, as_of: dt.date | None = None, extra_fields: Mapping[str, str] | None = None):
    """Profile config, lists, rules and every finding of a profile (no exception).

    `extra_fields`: typed columns a column mapping declares, usable by rules as if the profile did.

    The files are first read with the fast safe loader (no positions); when that finds anything at all,
    they are read again keeping positions, so every finding is located exactly as the careful read does."""
    ppath = resolve_profile_path(path)
    recovered = _recover(ppath)
    with fast_reading():
        config, lists, rules, findings = _load_parts(ppath, as_of, extra_fields)
    if config is None or findings:
        config, lists, rules, findings = _load_parts(ppath, as_of, extra_fields)
    return config, lists, rules, recovered + findings


def _load_parts(ppath: Path, as_of: dt.date | None, extra_fields: Mapping[str, str] | None):
    config, findings = load_config(ppath)
    if config is None:
        return None, {}, [], findings
    if extra_fields:
        config = config.model_copy(update={"fields": {**extra_fields, **config.fields}})
    base = ppath.parent
    lists, fs = load_lists(base / config.lists, ppath) if config.lists else ({}, [])
    findings += fs
    try:
        fields = field_types(config.fields, config.features)
    except ValueError as e:  # an invalid parametric `features:` section (e.g. outcomes)
        line, col = _Positions(ppath)(("features",))
        findings.append(Finding(Code.BAD_SHAPE, str(ppath), line, col, None, f"`features`: {e}"))
        fields = field_types(config.fields)
    files, fs = rule_files(ppath, config.rules)
    findings += fs
    seen: dict[str, str] = {}
    rules: list[Rule] = []
    for f in files:
        rs, fs = load_rule_file(f, fields, lists, seen, as_of)
        rules += rs
        findings += fs
    if config.lists:
        rs, fs = campaign_rules(base / config.lists, lists, fields, seen, as_of)
        rules += rs
        findings += fs
    return config, lists, rules, findings


def _recover(ppath: Path) -> list[Finding]:
    """Complete a multi-file write (tune) killed half-way in the profile's folder, and say so."""
    try:
        done = recover(ppath.parent)
    except (OSError, WriteError) as e:
        return [Finding(Code.INTERRUPTED_WRITE, str(ppath), None, None, None, f"cannot complete it: {e}")]
    if not done:
        return []
    names = ", ".join(str(p) for p in done)
    return [
        Finding(
            Code.INTERRUPTED_WRITE,
            str(ppath),
            None,
            None,
            None,
            f"an earlier write of {len(done)} files was killed half-way; completed now (all carry the new text): "
            f"{names}",
        )
    ]


def load_profile(
    path: Path | str = "rules/profile.yaml", as_of: dt.date | None = None, extra_fields: Mapping[str, str] | None = None
):
    """Load and validate a profile; raises LoadError carrying every finding if any is an error.

    `extra_fields`: typed columns declared by a column mapping (`ColumnMapping.fields`)."""
    config, lists, rules, findings = load_parts(path, as_of, extra_fields)
    if config is None or any(f.severity == "error" for f in findings):
        raise LoadError(findings)
    return Profile(config=config, rules=rules, lists=lists, path=resolve_profile_path(path), warnings=findings)


def load_with_mapping(path: Path | str, mapping: Path | str | None = None) -> Profile:
    """The profile at `path` with the typed fields a column mapping file declares. Raises a located
    `RiskProfileError` when the file is missing, `LoadError` when it does not load."""
    if not Path(path).exists():
        hint = "Run from the project root or pass --profile PATH/profile.yaml."
        raise RiskProfileError(f"profile {path} not found", file=path, hint=hint)
    extra = dict(load_mapping(mapping).fields) if mapping is not None else {}
    return load_profile(path, extra_fields=extra)
