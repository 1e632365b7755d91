"""`instructions alerts|report|build` at 80 columns: instruction ids are never cut or wrapped (the tables
fold their other columns, `cli.tables.show`), and `--json` keeps every id as written."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
SEIZURES = ROOT / "examples" / "ip" / "seizures.jsonl"
HISTORY = ROOT / "examples" / "ip" / "history.csv"
PROFILE = ROOT / "rules" / "profile.yaml"
LONG = "ALERT-SIM2016000000917-CNCGO-FOLLOWUP-SECOND-WAVE"  # longer than any column rich would give it


def run(*args: str):
    res = CliRunner().invoke(app, [*args, "--profile", str(PROFILE)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.fixture(scope="module")
def leads(tmp_path_factory) -> Path:
    """The alerts proposed after the example seizures, the first renamed to a long id."""
    out = tmp_path_factory.mktemp("alerts") / "proposed.yaml"
    run("instructions", "alerts", str(SEIZURES), "--history", str(HISTORY), "--out", str(out))
    text = out.read_text(encoding="utf-8")
    first = text.split("- id: ", 1)[1].split("\n", 1)[0]
    out.write_text(text.replace(f"- id: {first}\n", f"- id: {LONG}\n", 1), encoding="utf-8")
    return out


def _ids_whole(text: str, ids: list[str], width: int) -> None:
    lines = text.splitlines()
    assert "…" not in text
    for i in ids:
        assert any(i in line.split() for line in lines), i
    assert all(len(line) <= width for line in lines), [x for x in lines if len(x) > width]


def test_report_keeps_long_instruction_ids_whole(leads):
    """At 80 columns (pytest-xdist workers run with COLUMNS=80, which the CLI's console keeps)."""
    rows = [
        json.loads(x)
        for x in run("instructions", "report", str(SEIZURES), "--leads", str(leads), "--json").splitlines()
    ]
    ids = [r["id"] for r in rows]
    assert LONG in ids  # --json has the id as written
    _ids_whole(run("instructions", "report", str(SEIZURES), "--leads", str(leads)), ids, 80)


def test_alerts_table_keeps_ids_whole_at_80_columns(leads):
    ids = [
        json.loads(x)["id"]
        for x in run("instructions", "alerts", str(SEIZURES), "--history", str(HISTORY), "--json").splitlines()
    ]
    assert ids
    _ids_whole(run("instructions", "alerts", str(SEIZURES), "--history", str(HISTORY)), ids, 80)


def test_build_lists_each_id_on_its_line_and_indents_the_details(leads):
    text = run("instructions", "build", str(leads))
    lines = text.splitlines()
    assert LONG in lines and all(len(x) <= 80 and x == x.rstrip() for x in lines)
    details = lines[lines.index(LONG) + 1 :]
    assert details[0].startswith("  ") and details[1].startswith("  ")  # continuation lines stay indented
