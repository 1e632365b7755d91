"""`--help` reads as written: whole paragraphs, no `<bool>` after plain flags."""

import re

from typer.testing import CliRunner

from riskprofile.cli.helptext import paragraphs
from riskprofile.cli.main import app

runner = CliRunner()


def test_paragraphs_are_joined_and_b_blocks_kept():
    doc = "First line\n    continues here.\n\n  Indented example\n\n\b\nkeep\nthese lines"
    assert paragraphs(doc) == "First line continues here.\n\n  Indented example\n\n\b\nkeep\nthese lines"


def test_help_shows_no_bool_and_keeps_sentences_whole(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for verb in ("backtest", "score", "simulate", "replay", "lint", "tune", "compare", "explain"):
        r = runner.invoke(app, [verb, "--help"])
        assert r.exit_code == 0, r.output
        flags = [x for x in r.output.splitlines() if "Show this message" not in x]  # typer's own --help row
        assert not any("<bool>" in x for x in flags), verb
        assert "<list[" not in r.output.split("Options")[-1], verb  # repeatable options show <type>...
    text = runner.invoke(app, ["backtest", "--help"]).output
    prose = " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())
    assert "at inspection rates 1, 2, 5 and 10% (highest scores first) and at the profile's own lanes" in prose
    lines = [x.strip() for x in text.splitlines()]
    assert not any(x.endswith("(highest scores") for x in lines)  # no break where the docstring broke


def test_example_blocks_keep_one_command_a_line(monkeypatch):
    example = "Example: riskprofile replay   (all)\n         riskprofile replay C04 --json"
    assert paragraphs("Run it.\n\n" + example) == "Run it.\n\n\b\n" + example
    monkeypatch.setenv("COLUMNS", "200")
    lines = [x.strip() for x in runner.invoke(app, ["replay", "--help"]).output.splitlines()]
    assert "riskprofile replay C04 C07 --json" in lines and "riskprofile replay --coverage" in lines
