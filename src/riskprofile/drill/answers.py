"""Answers: what a trainee typed (or a script gave) turned into a lane and indicator ids.

Forgiving on purpose: lanes as g/y/r, green/yellow/red, 1/2/3 or 绿/黄/红; indicators as numbers
(into the numbered choices), taxonomy ids or aliases, separated by spaces or commas (ASCII or Chinese);
Enter, 0, -, none or 无 for none. Anything else raises `BadAnswer` with a hint saying what is expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import RiskProfileError
from . import taxonomy
from .view import text

LANE_INPUT = {
    **dict.fromkeys(("g", "green", "1", "绿", "绿色", "release"), "green"),
    **dict.fromkeys(("y", "yellow", "2", "黄", "黄色", "documents"), "yellow"),
    **dict.fromkeys(("r", "red", "3", "红", "红色", "inspect"), "red"),
}
NONE_INPUT = {"", "0", "-", "none", "no", "n", "无", "没有"}


class BadAnswer(RiskProfileError, ValueError):
    """An answer that cannot be understood; `hint` says what is expected."""

    def __init__(self, message: str, hint: str):
        super().__init__(message, hint=hint)
        self.hint: str = hint


class Stop(Exception):
    """The trainee asked to stop (q) or input ended."""


@dataclass
class Answer:
    lane: str  # green | yellow | red
    indicators: list[str]  # taxonomy ids
    note: str = ""

    def to_json(self) -> dict:
        return {"lane": self.lane, "indicators": self.indicators, "note": self.note}


def parse_lane(value: str, lang: str = "en") -> str:
    key = str(value).strip().lower()
    if key in LANE_INPUT:
        return LANE_INPUT[key]
    raise BadAnswer(text("bad_lane", lang, x=repr(value)), text("lane_hint", lang))


def parse_indicators(value: Any, choices: list[str], lang: str = "en") -> list[str]:
    """Numbers (1-based, into `choices`) or taxonomy ids/aliases, separated by spaces or commas."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        tokens = [str(v) for v in value]
    else:
        raw = str(value).strip()
        if raw.lower() in NONE_INPUT:
            return []
        tokens = [tok for tok in re.split(r"[\s,;，、；]+", raw) if tok]
    out: list[str] = []
    bad: list[str] = []
    for tok in tokens:
        if tok.lower() in NONE_INPUT and len(tokens) == 1:
            return []
        if tok.isdigit():
            k = int(tok)
            if not 1 <= k <= len(choices):
                bad.append(tok)
                continue
            ind = choices[k - 1]
        else:
            ind = taxonomy.canonical(tok)
            if ind not in choices:
                bad.append(tok)
                continue
        if ind not in out:
            out.append(ind)
    if bad:
        raise BadAnswer(
            text("bad_ind", lang, x=", ".join(bad)), text("ind_hint", lang, n=len(choices), bad=" ".join(bad))
        )
    return out


def parse_note(value: Any) -> str:
    return str(value or "").strip()[:500]


def parse_answer(entry: Any, choices: list[str], lang: str = "en") -> Answer:
    """One scripted answer: `{lane, indicators, note}` or the compact string `"r 3 8 16"`."""
    if isinstance(entry, str):
        lane, _, rest = entry.strip().partition(" ")
        entry = {"lane": lane, "indicators": rest}
    if not isinstance(entry, dict) or "lane" not in entry:
        raise BadAnswer("answer has no lane", "Each answer needs lane: g|y|r.")
    return Answer(
        parse_lane(str(entry["lane"]), lang),
        parse_indicators(entry.get("indicators"), choices, lang),
        parse_note(entry.get("note")),
    )
