"""drill.report: the weakest-indicator lines fit the terminal with a hanging indent."""

import pytest
from rich.cells import cell_len

from riskprofile.drill.report import WEAKEST_HANG, build_report, weakest_lines

SCORE = {"lane_ok": True, "cost": 0, "lane_outcome": "stopped_infringing", "tp": 0, "fp": 0, "fn": 1, "points": 50}
NAME = "Zhang Xiaoming (Ningbo, class 3)"


def _record(trainee: str, expected: list[str]) -> dict:
    return {"trainee": trainee, "kind": "scenario", "score": SCORE, "expected": {"indicators": expected}, "answer": {}}


def _report(name: str):
    return build_report(
        [_record(name, ["prior_penalty", "sensitive_goods", "targeting_instruction"]), _record("li", ["port_switch"])]
    )


def _entries(text: str) -> list[str]:
    return [e.strip().rstrip(",") for e in text.split("), ")]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [80, 60, 40])
def test_weakest_lines_wrap_under_the_name_between_entries(lang, width):
    rep = _report(NAME)
    whole = weakest_lines(rep, lang)
    assert len(whole) == 2 and whole[0].startswith(f"  {NAME}: ")
    lines = weakest_lines(rep, lang, width)
    assert all(cell_len(x) <= width for x in lines), lines
    n = next(i for i, x in enumerate(lines) if x.startswith("  li:"))
    mine = lines[:n]
    assert mine[0].startswith(f"  {NAME}:") and len(mine) > 1  # the long name's entries did not fit
    assert all(x.startswith(" " * WEAKEST_HANG) and x[WEAKEST_HANG] != " " for x in mine[1:])
    wrapped = [mine[0].split(": ", 1)[1] if ": " in mine[0] else "", *mine[1:]]
    # every entry whole and in order: the wrapped lines joined give the unwrapped line's entries
    assert _entries(" ".join(w.strip() for w in wrapped)) == _entries(whole[0].split(": ", 1)[1])
    for x in mine[1:]:
        assert x.rstrip().endswith(")") or x.rstrip().endswith("),")  # no entry split across lines


def test_weakest_lines_show_control_characters_in_names():
    lines = weakest_lines(_report("evil\x1b[31mname"), "en", 80)
    assert "\x1b" not in "".join(lines) and "\\x1b" in lines[0]
