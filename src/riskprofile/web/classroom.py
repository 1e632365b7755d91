"""Drills for a class in the browser: a trainer starts a session, trainees join with a code, answer the
items and get the reveal; the trainer follows progress per trainee and per item. Marking, variants and
texts are the drill library's (`riskprofile.drill`); this module only keeps who answered what."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..drill import Answer, Drill, Marked, ResultsWriter, start
from ..drill.answers import parse_indicators, parse_lane, parse_note
from ..drill.report import build_report
from ..engine.profile import Profile
from ..errors import RiskProfileError

#: Join codes: six characters without look-alikes (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_TRAINEES = 200
MAX_NAME = 40


class ClassError(RiskProfileError):
    """A class action that cannot be done (unknown code, name taken, item out of order...)."""

    def __init__(self, message: str, status: int = 400, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.status = status


@dataclass
class Trainee:
    name: str
    token: str
    joined: float = field(default_factory=time.monotonic)
    answers: dict[int, Marked] = field(default_factory=dict)
    shown_at: dict[int, float] = field(default_factory=dict)

    @property
    def next_item(self) -> int:
        return len(self.answers) + 1

    def points(self) -> float:
        return sum(float(m.score.points) for m in self.answers.values())


@dataclass
class ClassSession:
    id: str
    code: str
    drill: Drill
    created: dt.datetime
    trainees: dict[str, Trainee] = field(default_factory=dict)  # by token
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def lang(self) -> str:
        return self.drill.lang

    def trainee(self, token: str) -> Trainee:
        t = self.trainees.get(token)
        if t is None:
            raise ClassError("unknown trainee link: join the class again with its code", 404)
        return t

    def records(self) -> list[dict]:
        """The results records of this session (the same objects as `riskprofile drill` writes)."""
        with self.lock:
            out = [m.record for t in self.trainees.values() for m in t.answers.values()]
        return sorted(out, key=lambda r: (r["at"], r["trainee"], r["n"]))

    def report(self) -> dict:
        """`drill report --json` of this session's records."""
        return build_report(self.records()).to_json()

    def progress(self) -> dict:
        """Per trainee and per item: answered, lane right, points; per item: how many answered."""
        n = len(self.drill)
        with self.lock:
            rows = []
            for t in sorted(self.trainees.values(), key=lambda t: t.name.lower()):
                cells = []
                for k in range(1, n + 1):
                    m = t.answers.get(k)
                    cells.append(
                        None
                        if m is None
                        else {"lane": m.answer.lane, "lane_ok": m.score.lane.ok, "points": round(m.score.points, 1)}
                    )
                rows.append(
                    {"name": t.name, "answered": len(t.answers), "points": round(t.points(), 1), "items": cells}
                )
            per_item = [sum(1 for t in self.trainees.values() if k in t.answers) for k in range(1, n + 1)]
        return {"items": n, "trainees": rows, "answered_per_item": per_item}


class Classroom:
    """The server's drill classes, in memory; every answer is also appended to the results file."""

    def __init__(self, profile: Profile, scenarios: Path, results: Path | None):
        self.profile = profile
        self.scenarios = scenarios
        self.writer = ResultsWriter(results) if results is not None else None
        self.sessions: dict[str, ClassSession] = {}
        self.by_code: dict[str, str] = {}
        self.lock = threading.Lock()

    def create(
        self, *, n: int = 5, seed: int | None = None, lang: str = "en", scenario_ids: list[str] | None = None
    ) -> ClassSession:
        drill = start(self.profile, self.scenarios, n=n, seed=seed, lang=lang, scenario_ids=scenario_ids or None)
        with self.lock:
            code = self._new_code()
            session = ClassSession(drill.session_id, code, drill, dt.datetime.now(dt.UTC))
            self.sessions[session.id] = session
            self.by_code[code] = session.id
        return session

    def _new_code(self) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            if code not in self.by_code:
                return code

    def session(self, session_id: str) -> ClassSession:
        s = self.sessions.get(session_id)
        if s is None:
            raise ClassError("no such class: it may have ended when the server restarted", 404)
        return s

    def join(self, code: str, name: str) -> tuple[ClassSession, Trainee]:
        code = code.strip().upper().replace(" ", "")
        name = " ".join(name.split())[:MAX_NAME]
        if not name:
            raise ClassError("enter your name to join")
        session_id = self.by_code.get(code)
        if session_id is None:
            raise ClassError(f"no class has the code {code!r}: check it with your trainer", 404)
        session = self.sessions[session_id]
        with session.lock:
            if any(t.name.lower() == name.lower() for t in session.trainees.values()):
                raise ClassError(f"the name {name!r} is taken in this class: add an initial", 409)
            if len(session.trainees) >= MAX_TRAINEES:
                raise ClassError("this class is full", 409)
            trainee = Trainee(name, secrets.token_urlsafe(12))
            session.trainees[trainee.token] = trainee
        return session, trainee

    def show(self, session: ClassSession, trainee: Trainee, number: int):
        """Item `number` as the trainee sees it (only the next unanswered item or one already answered)."""
        if not 1 <= number <= len(session.drill):
            raise ClassError(f"item {number} is not in this drill (1-{len(session.drill)})", 404)
        if number > trainee.next_item:
            raise ClassError(f"answer item {trainee.next_item} first", 409)
        with session.lock:
            trainee.shown_at.setdefault(number, time.monotonic())
        return session.drill.show(number)

    def answer(
        self, session: ClassSession, trainee: Trainee, number: int, lane: str, indicators: list[str], note: str = ""
    ) -> Marked:
        """Mark the trainee's answer (once per item), append its record to the results file."""
        drill = session.drill
        if number != trainee.next_item:
            if number in trainee.answers:
                raise ClassError(f"item {number} is already answered", 409)
            raise ClassError(f"answer item {trainee.next_item} first", 409)
        answer = Answer(
            parse_lane(lane, drill.lang), parse_indicators(indicators, drill.choices, drill.lang), parse_note(note)
        )
        started = trainee.shown_at.get(number)
        seconds = round(time.monotonic() - started, 1) if started is not None else None
        marked = drill.mark(number, answer, trainee=trainee.name, seconds=seconds)
        with session.lock:
            if number in trainee.answers:
                raise ClassError(f"item {number} is already answered", 409)
            trainee.answers[number] = marked
        if self.writer is not None:
            self.writer.write(marked.record)
        return marked
