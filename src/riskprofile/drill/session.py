"""The drill as a library: `start` a run, `show` an item as knowable at lodging, `mark` an answer,
`reveal`; and `run`, the one loop that takes a run from an answer source to a results file.

Nothing here prints or reads a terminal: front ends (the CLI's rich terminal, a browser) pass
callbacks that render the plain views (`view.ItemView`, `view.RevealView`). The loop: for each item,
show it; get an answer from the source; ask the profile (through `Assessor`) for its verdict; mark;
append the record to the results file; reveal. Ctrl-C (or end of input, `Stop`) ends the run: every
item already answered is in the results file, the one being answered is not.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.profile import Profile
from ..errors import RiskProfileError
from ..model.scenario import Scenario
from . import taxonomy
from .answers import Answer, Stop
from .engine import Assessor, Verdict
from .items import DrillItem, build_run, select
from .results import ResultsWriter
from .scenarios import load_scenarios
from .scoring import MARKING_RULE, ItemScore, Summary, score_item
from .sources import AnswerSource
from .taxonomy import FAMILIES
from .view import ItemView, Namer, RevealView, item_view, reveal_view

LANGS = ("en", "zh")
MAX_ITEMS = 500


class DrillError(RiskProfileError, ValueError):
    """A drill that cannot be prepared as asked (bad option, no usable scenario); `hint` says what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message, hint=hint)
        self.hint: str = hint


@dataclass
class Marked:
    """One answered item: the answer, its marks, the profile's verdict (or the error) and the record."""

    number: int
    answer: Answer
    score: ItemScore
    verdict: Verdict | None
    error: str | None
    record: dict


@dataclass
class SessionResult:
    answered: int
    total: int
    summary: Summary
    interrupted: bool = False
    records: list[dict] = field(default_factory=list)


def shown(item: DrillItem) -> dict:
    """The surface of the judged declaration as the trainee saw it (what variants change)."""
    d = item.focus_decl
    return {
        "declared_at": str(d.get("declared_at")),
        "customs_office": d.get("customs_office"),
        "trader_id": d.get("trader_id"),
        "declarant_id": d.get("declarant_id"),
        "brands": [ln.get("brand") for ln in d["lines"]],
        "quantity": sum(float(ln.get("quantity") or 0) for ln in d["lines"]),
        "value": round(sum(float(ln.get("value") or 0) for ln in d["lines"]), 2),
    }


class Drill:
    """A prepared run of items (numbered from 1) in one language."""

    def __init__(
        self,
        items: list[DrillItem],
        assessor: Assessor,
        *,
        seed: int,
        lang: str = "en",
        problems: list[str] | None = None,
        run_info: dict | None = None,
    ):
        self.items = items
        self.assessor = assessor
        self.seed = seed
        self.lang = lang
        self.problems = problems or []
        self.choices = taxonomy.choices(i for it in items for i in [*it.indicators, *it.present])
        self.namer = Namer(assessor.profile.lists)
        self.session_id = uuid.uuid4().hex[:12]
        self.run_info = run_info or {}

    def __len__(self) -> int:
        return len(self.items)

    def item(self, number: int) -> DrillItem:
        if not 1 <= number <= len(self.items):
            raise IndexError(f"item {number} is not in this run (1-{len(self.items)})")
        return self.items[number - 1]

    @property
    def marking_rule(self) -> str:
        """The marking rule as shown to trainees."""
        return MARKING_RULE[self.lang]

    def show(self, number: int) -> ItemView:
        """Item `number` as knowable at lodging (no outcome, no rule hit)."""
        return item_view(
            self.item(number), number, len(self.items), self.choices, self.lang, self.namer, self.assessor.profile.lists
        )

    def verdict(self, number: int) -> tuple[Verdict | None, str | None]:
        """The profile's verdict on item `number`, or (None, message) when the engine fails on it (an
        engine error on one item must not end a session)."""
        try:
            return self.item(number).verdict(self.assessor), None
        except KeyboardInterrupt:
            raise
        except Exception as e:
            return None, f"{type(e).__name__}: {e}"

    def mark(
        self,
        number: int,
        answer: Answer,
        *,
        trainee: str = "anonymous",
        seconds: float | None = None,
        at: dt.datetime | None = None,
        verdict: tuple[Verdict | None, str | None] | None = None,
    ) -> Marked:
        """Mark an answer to item `number` and build its results record."""
        item = self.item(number)
        v, error = verdict if verdict is not None else self.verdict(number)
        score = score_item(
            answer.lane, answer.indicators, item.expected_lane, item.infringing, item.indicators, item.present
        )
        record = {
            **self.run_info,
            "session": self.session_id,
            "trainee": trainee,
            "at": (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
            "seed": self.seed,
            "lang": self.lang,
            "n": number,
            "of": len(self.items),
            "item": item.item_id,
            "kind": item.kind,
            "scenario": item.scenario_id,
            "base": item.base_id,
            "variant_seed": item.variant_seed,
            "decl_id": item.decl_id,
            "shown": shown(item),
            "answer": answer.to_json(),
            "expected": {
                "lane": item.expected_lane,
                "infringing": item.infringing,
                "indicators": item.indicators,
                "present": item.present,
                "case_indicators": item.case_indicators,
            },
            "profile": (
                {
                    "lane": v.lane,
                    "score": v.score,
                    "rules": v.rules,
                    "forced_by": v.forced_by,
                    "indicators": v.indicators,
                }
                if v is not None
                else {"error": error}
            ),
            "score": score.to_json(),
            "seconds": seconds,
        }
        return Marked(number, answer, score, v, error, record)

    def reveal(self, marked: Marked) -> RevealView:
        """What the profile saw, what was found and the marks of an answered item."""
        return reveal_view(
            self.item(marked.number), marked.verdict, marked.answer, marked.score, self.lang, marked.error
        )

    def perfect_answer(self, number: int) -> Answer:
        """The answer that scores full marks: the expected lane and exactly the indicators present."""
        item = self.item(number)
        return Answer(item.expected_lane, list(item.present))


def start(
    profile: Profile,
    scenarios: Path | list[Scenario],
    *,
    n: int = 10,
    seed: int | None = None,
    lang: str = "en",
    scenario_ids: list[str] | None = None,
    family: str | None = None,
    profile_file: str | None = None,
) -> Drill:
    """Prepare a run of `n` items from a scenario folder (or loaded scenarios), reproducible from `seed`
    (a random seed when None: read it back from `Drill.seed`). Unusable scenario files and bases the
    profile cannot score are left out and listed in `Drill.problems`. Raises `DrillError` (with a hint)
    when the options cannot give a run."""
    if lang not in LANGS:
        raise DrillError(f"--lang {lang!r} is not supported", "Use --lang en or --lang zh.")
    if not 1 <= n <= MAX_ITEMS:
        raise DrillError(f"--n must be between 1 and {MAX_ITEMS} (got {n})")
    if family is not None and family not in FAMILIES:
        raise DrillError(f"--family {family!r} is not a rule family", f"Use one of: {', '.join(FAMILIES)}.")
    problems: list[str] = []
    if isinstance(scenarios, (str, Path)):
        folder = Path(scenarios)
        if not folder.is_dir():
            raise DrillError(
                f"scenario folder {folder} not found", "Run from the project root or pass --scenarios DIR."
            )
        loaded, problems = load_scenarios(folder, scenario_ids)
        if not loaded:
            raise DrillError(
                f"no usable scenario in {folder}", "Scenario files are described in docs/rule-language.md."
            )
    else:
        loaded = list(scenarios)
    chosen = select(loaded, scenario_ids, family, profile)
    if not chosen:
        what = f" --scenario {' '.join(scenario_ids)}" if scenario_ids else ""
        what += f" --family {family}" if family else ""
        raise DrillError(f"no scenario matches{what}", f"Known scenarios: {', '.join(s.id for s in loaded)}.")
    if seed is None:
        seed = random.SystemRandom().randrange(1, 10**6)
    assessor = Assessor(profile)
    items = build_run(chosen, assessor, n, seed, problems=problems)
    if not items:
        raise DrillError("no item could be prepared from the chosen scenarios", "Check them with riskprofile replay.")
    run_info = {
        "profile_file": profile_file or str(profile.path or ""),
        "run_scenarios": sorted({it.scenario_id for it in items}),
    }
    return Drill(items, assessor, seed=seed, lang=lang, problems=problems, run_info=run_info)


def run(
    drill: Drill,
    source: AnswerSource,
    writer: ResultsWriter,
    *,
    trainee: str = "anonymous",
    on_item: Callable[[ItemView], None] = lambda view: None,
    on_reveal: Callable[[RevealView], None] = lambda view: None,
) -> SessionResult:
    """Drive a run: show each item (`on_item`), get the answer from `source`, mark it, append the
    record to `writer`, reveal (`on_reveal`). Returns what was answered; never raises on Ctrl-C."""
    summary = Summary()
    result = SessionResult(0, len(drill), summary)
    # A person reads and answers while the profile is asked in the background, so the reveal is
    # immediate. Only the worker thread touches the assessor during the session.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drill-verdict") if source.interactive else None
    pending: dict[int, Future] = {}
    try:
        for number in range(1, len(drill) + 1):
            if not _one(drill, number, source, writer, trainee, on_item, on_reveal, result, pool, pending):
                break
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    return result


def _one(drill, number, source, writer, trainee, on_item, on_reveal, result, pool, pending) -> bool:
    """One item of `run`; False when the run stops here."""
    try:
        if pool is not None and number not in pending:
            pending[number] = pool.submit(drill.verdict, number)
        on_item(drill.show(number))
        started = dt.datetime.now(dt.UTC)
        t0 = time.monotonic()
        answer = source.answer(drill.item(number), number, drill.choices, drill.lang)
        seconds = round(time.monotonic() - t0, 2)
        verdict = pending[number].result() if number in pending else drill.verdict(number)
        marked = drill.mark(number, answer, trainee=trainee, seconds=seconds, at=started, verdict=verdict)
    except (KeyboardInterrupt, Stop):
        result.interrupted = True
        return False
    # Recorded before the reveal. Ctrl-C during the write is held until the line is complete and
    # surfaces here; the answer is kept either way.
    stop = False
    try:
        writer.write(marked.record)
    except KeyboardInterrupt:
        stop = True
    result.records.append(marked.record)
    result.answered += 1
    result.summary.add(marked.record["score"], marked.record["seconds"])
    try:
        if stop:
            raise KeyboardInterrupt
        on_reveal(drill.reveal(marked))
        if number < len(drill):
            source.proceed(drill.lang)
    except (KeyboardInterrupt, Stop):
        result.interrupted = number < len(drill)
        return False
    return True
