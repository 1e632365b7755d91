"""The loader's fast first reads (`yamlio.fast_reading`) change nothing: lint findings, scenarios and
profiles are the same as when every file is read with the round-trip parser (positions kept)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskprofile import yamlio
from riskprofile.loader.lint import lint
from riskprofile.loader.profile import load_parts
from riskprofile.loader.scenario import read_scenario, scenario_files

ROOT = Path(__file__).resolve().parents[2]
LINTED = ["rules", "scenarios", "examples/broken_rules.yaml", "examples/kcs", "tests/drill/fixtures"]


@pytest.fixture
def careful_only(monkeypatch):
    """Every read takes the careful path: the fast loader refuses every file."""
    return lambda: monkeypatch.setattr(yamlio, "parse_yaml_fast", lambda data, limit=0: yamlio.REFUSED)


def test_the_fast_loader_reads_some_shipped_scenarios():
    """Else the comparisons below would compare the careful path with itself."""
    assert any(yamlio.parse_yaml_fast(p.read_bytes()) is not yamlio.REFUSED for p in scenario_files(ROOT / "scenarios"))


@pytest.mark.parametrize("path", LINTED)
def test_lint_finds_the_same_both_ways(path, careful_only, monkeypatch):
    monkeypatch.chdir(ROOT)
    fast = lint([Path(path)], profile=Path("rules/profile.yaml"))
    careful_only()
    assert fast == lint([Path(path)], profile=Path("rules/profile.yaml"))


def test_scenarios_read_the_same_both_ways(careful_only):
    profile = load_parts(ROOT / "rules")
    args = (profile[0].fields, profile[1], [r.id for r in profile[2]])
    files = scenario_files(ROOT / "scenarios")
    fast = [read_scenario(f, *args) for f in files]
    careful_only()
    slow = [read_scenario(f, *args) for f in files]
    assert [f for _, f in fast] == [f for _, f in slow]
    assert [s.model_dump() if s else None for s, _ in fast] == [s.model_dump() if s else None for s, _ in slow]
    assert all(s is not None for s, _ in fast) and len(files) >= 5


def test_a_scenario_with_a_mistake_is_located_as_before(tmp_path, careful_only):
    source = next(iter(scenario_files(ROOT / "scenarios")))
    bad = tmp_path / "scenarios" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text(source.read_text(encoding="utf-8").replace("declarations:", "declarationz:", 1), encoding="utf-8")
    fast = read_scenario(bad)
    careful_only()
    slow = read_scenario(bad)
    assert fast[1] == slow[1] and fast[1] and all(f.line is not None for f in fast[1])
