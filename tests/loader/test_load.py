"""Loader: every mistake in examples/broken_rules.yaml is found, located and coded."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from riskprofile.features.registry import field_types
from riskprofile.findings import LoadError
from riskprofile.loader.lint import lint
from riskprofile.loader.profile import load_profile, load_rule_file
from riskprofile.testing.strategies import sample_lists

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "examples" / "broken_rules.yaml"


def _findings():
    return load_rule_file(BROKEN, field_types(), sample_lists(), {}, None)[1]


def test_broken_rules_reports_every_mistake_with_line_and_rule():
    found = {(f.code, f.rule_id) for f in _findings()}
    expected = {
        ("RP003", "BRK-001"),
        ("RP004", "BRK-002"),
        ("RP005", "BRK-003"),
        ("RP006", "BRK-004"),
        ("RP007", "BRK-004"),
        ("RP008", "BRK-006"),
        ("RP009", "BRK-007"),
        ("RP010", "BRK-008"),
        ("RP011", "BRK-009"),
        ("RP012", "BRK-010"),
        ("RP002", "BRK-010"),
        ("RP102", "BRK-011"),
        ("RP013", "BRK-012"),
    }
    assert expected <= found
    lines = BROKEN.read_text().splitlines()
    for f in _findings():
        assert f.line is not None and f.column is not None
        # the reported line lies inside the offending rule's block
        block_start = max(i for i, ln in enumerate(lines[: f.line], start=1) if ln.strip().startswith("- id:"))
        assert f.rule_id in lines[block_start - 1]


def test_unknown_field_hint_suggests_the_close_name():
    f = next(f for f in _findings() if f.code == "RP003")
    assert "hs_code" in f.to_json()["hint"]


def test_yaml_syntax_error_is_located(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text("rules:\n  - id: X-1\n    when: {direction: {eq: export}\n    weight: 1\n")
    (f,) = load_rule_file(p, field_types(), {}, {}, None)[1]
    assert f.code == "RP001" and f.line == 4


def test_window_passed_is_a_warning(tmp_path):
    import datetime as dt

    p = tmp_path / "r.yaml"
    p.write_text(
        "rules:\n  - id: OLD-1\n    title: t\n    weight: 5\n    valid_to: 2016-12-31\n"
        "    when: {direction: {eq: export}}\n    rationale: r\n    references: [C02]\n"
    )
    findings = load_rule_file(p, field_types(), {}, {}, dt.date(2026, 1, 1))[1]
    assert [(f.code, f.severity) for f in findings] == [("RP101", "warning")]


def test_load_profile_raises_with_all_findings(tmp_path):
    (tmp_path / "profile.yaml").write_text("name: t\nrules: ['r.yaml']\n")
    (tmp_path / "r.yaml").write_text(BROKEN.read_text())
    with pytest.raises(LoadError) as e:
        load_profile(tmp_path / "profile.yaml")
    assert len([f for f in e.value.findings if f.severity == "error"]) >= 12


def test_lint_cli_json_contract_and_exit_code():
    proc = subprocess.run(
        [sys.executable, "-m", "riskprofile.cli.main", "lint", str(BROKEN), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and all(
        set(r) == {"code", "severity", "file", "line", "column", "rule_id", "message", "hint"} for r in rows
    )
    assert {r["severity"] for r in rows} == {"error", "warning"}


def test_lint_of_a_clean_file_exits_zero(tmp_path):
    p = tmp_path / "ok.yaml"
    p.write_text(
        "rules:\n  - id: OK-1\n    title: t\n    weight: 5\n    when: {direction: {eq: export}}\n"
        "    rationale: r\n    references: [C02]\n"
    )
    assert lint([p]) == []


def test_chinese_texts_are_checked_like_the_english_ones(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text(
        "rules:\n  - id: ZH-1\n    title: t\n    title_zh: 标题\n    weight: 5\n"
        "    when: {direction: {eq: export}}\n    explain: '{trader_id} exports'\n"
        "    explain_zh: '{trader_idd} 出口'\n    rationale: r\n    references: [C02]\n"
    )
    rules, findings = load_rule_file(p, field_types(), {}, {}, None)
    (f,) = findings
    assert (f.code, f.rule_id, f.line) == ("RP013", "ZH-1", 8) and "explain_zh" in f.message
    assert "trader_id" in f.to_json()["hint"]


def _careful_parts(path):
    from riskprofile.loader.profile import _load_parts, resolve_profile_path

    return _load_parts(resolve_profile_path(path), None, None)


@pytest.mark.parametrize(
    "profile", ["rules", "examples/kcs", "tests/drill/fixtures/profile"], ids=["shipped", "kcs", "drill"]
)
def test_fast_and_careful_loads_give_the_same_profile(profile):
    from riskprofile.loader.profile import load_parts

    fast, slow = load_parts(ROOT / profile), _careful_parts(ROOT / profile)
    assert fast[0] == slow[0] and fast[1] == slow[1] and fast[3] == slow[3]
    assert [r.model_dump() for r in fast[2]] == [r.model_dump() for r in slow[2]]


def test_a_profile_with_a_broken_rule_file_reports_the_careful_findings(tmp_path):
    from riskprofile.loader.profile import load_parts

    (tmp_path / "profile.yaml").write_text("name: t\nrules: ['r.yaml']\n")
    (tmp_path / "r.yaml").write_text(BROKEN.read_text())
    findings = load_parts(tmp_path)[3]
    assert findings == _careful_parts(tmp_path)[3]
    assert findings and all(f.line is not None for f in findings if f.file.endswith("r.yaml"))
