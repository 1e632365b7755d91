"""Reading scenario files (`scenarios/Cnn.yaml`, format in docs/rule-language.md) for drills.

Tolerant by design: unknown keys are kept, indicator ids are mapped to the taxonomy (aliases
accepted), and a file that cannot be read is reported with its path instead of stopping the drill.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.declaration import Declaration
from ..yamlio import YamlSyntaxError, read_yaml
from .taxonomy import canonical_all


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names the file."""


def plain(x: Any) -> Any:
    """ruamel CommentedMap/Seq -> dict/list (dates kept as dates)."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, dt.datetime):
        return x.date()
    return x


@dataclass
class Context:
    history: list[dict] = field(default_factory=list)
    penalties: list[dict] = field(default_factory=list)
    instructions: list[dict] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict | None) -> "Context":
        d = d or {}
        return cls(list(d.get("history") or []), list(d.get("penalties") or []), list(d.get("instructions") or []))


@dataclass
class Control:
    id: str
    title: str
    why: str
    context: Context
    declarations: list[dict]
    lane: str
    indicators: list[str]


@dataclass
class Scenario:
    id: str
    title: str
    narrative: str
    outcome: str
    source: dict
    indicators: list[str]
    context: Context
    declarations: list[dict]
    lane_at_least: str
    expect_rules: list[str]
    controls: list[Control]
    notes: list[str] = field(default_factory=list)
    path: Path | None = None

    def source_text(self) -> str:
        s = self.source or {}
        if isinstance(s, str):
            return s
        parts = [str(s.get("seed", "")), str(s.get("case", ""))]
        also = s.get("also") or []
        if also:
            parts.append("also " + ", ".join(map(str, also)))
        return " ".join(p for p in parts if p).strip()


def _validate_decls(decls: list, where: str) -> list[dict]:
    out = []
    for i, d in enumerate(decls):
        try:
            Declaration.model_validate(d)
        except Exception as e:  # pydantic ValidationError: first line is enough
            msg = str(e).splitlines()
            raise ScenarioError(f"{where}: declaration {i + 1} is invalid: {' '.join(msg[:3])}") from None
        out.append(d)
    return out


def scenario_from_dict(d: dict, path: Path | None = None) -> Scenario:
    where = str(path) if path else d.get("id", "<scenario>")
    if not isinstance(d, dict) or not d.get("id"):
        raise ScenarioError(f"{where}: not a scenario (no id)")
    decls = d.get("declarations") or []
    if not decls:
        raise ScenarioError(f"{where}: no declarations")
    expect = d.get("expect") or {}
    controls = []
    for j, c in enumerate(d.get("controls") or []):
        cid = c.get("id") or f"{d['id']}-K{j + 1}"
        cdecls = c.get("declarations") or []
        if not cdecls:
            continue
        cexp = c.get("expect") or {}
        controls.append(Control(cid, str(c.get("title") or cid), str(c.get("why") or ""), Context.from_dict(c.get("context")),
                                _validate_decls(cdecls, f"{where} control {cid}"), str(cexp.get("lane") or "green"),
                                canonical_all(c.get("indicators") or [])))
    return Scenario(
        id=str(d["id"]), title=str(d.get("title") or d["id"]), narrative=str(d.get("narrative") or "").strip(),
        outcome=str(d.get("outcome") or "").strip(), source=d.get("source") or {},
        indicators=canonical_all(d.get("indicators") or []), context=Context.from_dict(d.get("context")),
        declarations=_validate_decls(decls, where), lane_at_least=str(expect.get("lane_at_least") or "yellow"),
        expect_rules=[str(r) for r in expect.get("rules") or []], controls=controls,
        notes=[str(n) for n in d.get("notes") or []], path=path)


def _fast_yaml(text: str) -> Any:
    """Plain data with the C-accelerated safe loader (no positions: several times faster than round-trip)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)


def load_scenario(path: Path) -> Scenario:
    try:
        data = plain(_fast_yaml(Path(path).read_text(encoding="utf-8")))
    except OSError as e:
        raise ScenarioError(f"{path}: {e.strerror}") from None
    except Exception:  # a syntax error: read again for the located message
        try:
            data = plain(read_yaml(path))
        except YamlSyntaxError as e:
            raise ScenarioError(f"{path}:{e.line or '?'}: {e}") from None
    return scenario_from_dict(data, path)


def scenario_paths(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())


def load_scenarios(folder: Path, ids: list[str] | None = None) -> tuple[list[Scenario], list[str]]:
    """All readable scenarios of a folder (sorted by id) and the problems of the others. With `ids`,
    files named after them (C04.yaml) are read first and the rest only if some id is not found."""
    paths = scenario_paths(folder)
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
            out.append(load_scenario(p))
        except ScenarioError as e:
            problems.append(str(e))
    out.sort(key=lambda s: s.id)
    return out, problems
