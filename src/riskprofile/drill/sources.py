"""Where answers come from: a script (`ScriptedAnswers`, the whole file checked before the run) or a
person (`PromptAnswers`, asked again with a hint after a wrong entry). Neither knows the terminal: the
prompt source is given a `read(prompt)` and a `say(message, hint)` function."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from .answers import Answer, BadAnswer, Stop, parse_answer, parse_indicators, parse_lane, parse_note
from .items import DrillItem
from .view import text


class AnswerSource(Protocol):
    #: True when a person answers (the session then prepares the reveal while they think).
    interactive: bool

    def answer(self, item: DrillItem, number: int, choices: list[str], lang: str) -> Answer: ...

    def proceed(self, lang: str) -> None:
        """Wait before the next item; raise `Stop` to end the run."""


class PromptAnswers:
    """Asks a person; a wrong entry is reported through `say` and asked again."""

    interactive = True

    def __init__(self, read: Callable[[str], str], say: Callable[[str, str], None]):
        self.read = read
        self.say = say

    def ask(self, prompt: str, parse: Callable[[str], Any]) -> Any:
        while True:
            try:
                raw = self.read(prompt)
            except EOFError:
                raise Stop() from None
            try:
                return parse(raw)
            except BadAnswer as e:
                self.say(str(e), e.hint)

    def answer(self, item: DrillItem, number: int, choices: list[str], lang: str) -> Answer:
        lane = self.ask(text("lane_prompt", lang), lambda s: parse_lane(s, lang))
        inds = self.ask(text("ind_prompt", lang), lambda s: parse_indicators(s, choices, lang))
        note = self.ask(text("note_prompt", lang), parse_note)
        return Answer(lane, inds, note)

    def proceed(self, lang: str) -> None:
        def parse(s: str) -> bool:
            s = s.strip().lower()
            if s in ("", "n", "next"):
                return True
            if s in ("q", "quit", "stop", "exit", "退出"):
                raise Stop()
            raise BadAnswer(text("bad_next", lang, x=repr(s)), text("next_hint", lang))

        self.ask(text("next_prompt", lang), parse)

    def trainee(self, default: str, lang: str) -> str:
        def parse(s: str) -> str:
            s = s.strip() or default
            if not s or len(s) > 60 or any(ch in s for ch in "\n\r\t"):
                raise BadAnswer("name not accepted", text("trainee_hint", lang))
            return s

        return self.ask(f"{text('trainee_prompt', lang)} [{default}]", parse)


class ScriptedAnswers:
    """Answers read from a file: a list in item order, or a mapping keyed by item number or id.

    Each answer: {lane: g|y|r|green|..., indicators: [ids or numbers] or "3 8 16", note: str}, or the
    compact string "r 3 8 16". `check` reads every answer before the run starts, so a bad one stops
    the run before anything is written."""

    interactive = False

    def __init__(self, entries: list | dict, source: str = "<answers>"):
        self.entries = entries
        self.source = source

    @classmethod
    def from_file(cls, path: Path) -> ScriptedAnswers:
        from ..yamlio import YamlSyntaxError, plain, read_yaml

        path = Path(path)
        data: Any
        if path.suffix.lower() == ".jsonl":
            data = []
            for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    try:
                        data.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        raise BadAnswer(f"{path}:{k}: not JSON ({e.msg})", "One JSON object per line.") from None
        else:
            try:
                data = plain(read_yaml(path))  # YAML is a superset of JSON
            except YamlSyntaxError as e:
                raise BadAnswer(f"{path}:{e.line or '?'}: {e}", "Write a YAML/JSON list of answers.") from None
        if isinstance(data, dict) and "answers" in data:
            data = data["answers"]
        if not isinstance(data, (list, dict)):
            raise BadAnswer(f"{path}: expected a list of answers", "e.g. - {lane: red, indicators: [port_switch]}")
        return cls(data, str(path))

    def _entry(self, item: DrillItem, number: int) -> Any:
        if isinstance(self.entries, list):
            if number - 1 >= len(self.entries):
                raise BadAnswer(
                    f"{self.source}: no answer for item {number}",
                    f"The file has {len(self.entries)} answers; give one per item (--n).",
                )
            return self.entries[number - 1]
        for key in (str(number), number, item.item_id):
            if key in self.entries:
                return self.entries[key]
        raise BadAnswer(
            f"{self.source}: no answer for item {number} ({item.item_id})",
            "Key answers by item number (1, 2, ...) or item id.",
        )

    def answer(self, item: DrillItem, number: int, choices: list[str], lang: str) -> Answer:
        try:
            return parse_answer(self._entry(item, number), choices, lang)
        except BadAnswer as err:
            msg = str(err) if str(err).startswith(self.source) else f"{self.source}: answer {number}: {err}"
            raise BadAnswer(msg, err.hint) from None

    def check(self, items: list[DrillItem], choices: list[str], lang: str) -> None:
        for k, item in enumerate(items, start=1):
            self.answer(item, k, choices, lang)

    def proceed(self, lang: str) -> None:
        return None
