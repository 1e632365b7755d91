"""Scoring a trainee's answer: the lane (with asymmetric costs) and the indicators (precision, recall).

Lanes: green = release, yellow = document check, red = physical inspection.
- Infringing shipment (a documented pattern or its variant): the lane is correct when it reaches the
  expected lane (the scenario's `expect.lane_at_least`); a higher lane is never wrong.
  Releasing it (green) is the costly mistake: `COST_RELEASED_INFRINGING`. Reaching yellow when a
  physical inspection was needed costs `COST_UNDER_INSPECTED` (the papers rarely show what is inside).
- Clean shipment (a control or its variant): only green is correct; a document check costs
  `COST_CHECKED_CLEAN`, opening the container `COST_OPENED_CLEAN` (time, trader's delay).
Indicators: precision = named and expected / named; recall = named and expected / expected. Either
is undefined (None) when its denominator is 0; session and report figures are micro-averaged over
items, so an item with nothing to find and nothing named adds nothing to either.
Item points (0-100): 60 for the lane (less the cost share when wrong) + 40 x indicator F1 (40 when
nothing was expected and nothing named).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

LANE_RANK = {"green": 0, "yellow": 1, "red": 2}
COST_RELEASED_INFRINGING = 10.0
COST_UNDER_INSPECTED = 3.0
COST_CHECKED_CLEAN = 1.0
COST_OPENED_CLEAN = 2.0
MAX_COST = COST_RELEASED_INFRINGING


@dataclass
class LaneResult:
    ok: bool
    cost: float
    outcome: str  # caught | released_infringing | under_inspected | cleared_clean | checked_clean | opened_clean


def score_lane(answer: str, expected: str, infringing: bool) -> LaneResult:
    a, e = LANE_RANK[answer], LANE_RANK[expected]
    if infringing:
        if a >= e:
            return LaneResult(True, 0.0, "caught")
        if a == 0:
            return LaneResult(False, COST_RELEASED_INFRINGING, "released_infringing")
        return LaneResult(False, COST_UNDER_INSPECTED, "under_inspected")
    if a == 0:
        return LaneResult(True, 0.0, "cleared_clean")
    if a == 1:
        return LaneResult(False, COST_CHECKED_CLEAN, "checked_clean")
    return LaneResult(False, COST_OPENED_CLEAN, "opened_clean")


class _Counts:
    """Precision and recall from true positive, false positive and false negative counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class IndicatorResult(_Counts):
    tp: int
    fp: int
    fn: int
    hit: list[str]
    missed: list[str]
    extra: list[str]

    @property
    def f1(self) -> float:
        if self.tp + self.fp + self.fn == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def score_indicators(answer: Iterable[str], expected: Iterable[str]) -> IndicatorResult:
    a, e = list(dict.fromkeys(answer)), list(dict.fromkeys(expected))
    hit = [i for i in a if i in e]
    extra = [i for i in a if i not in e]
    missed = [i for i in e if i not in a]
    return IndicatorResult(len(hit), len(extra), len(missed), hit, missed, extra)


@dataclass
class ItemScore:
    lane: LaneResult
    indicators: IndicatorResult
    points: float

    def to_json(self) -> dict:
        ind = self.indicators
        return {
            "lane_ok": self.lane.ok,
            "lane_outcome": self.lane.outcome,
            "cost": self.lane.cost,
            "tp": ind.tp,
            "fp": ind.fp,
            "fn": ind.fn,
            "precision": ind.precision,
            "recall": ind.recall,
            "hit": ind.hit,
            "missed": ind.missed,
            "extra": ind.extra,
            "points": round(self.points, 1),
        }


def score_item(
    answer_lane: str,
    answer_indicators: Iterable[str],
    expected_lane: str,
    infringing: bool,
    expected_indicators: Iterable[str],
) -> ItemScore:
    lane = score_lane(answer_lane, expected_lane, infringing)
    ind = score_indicators(answer_indicators, expected_indicators)
    lane_pts = 60.0 if lane.ok else 60.0 * (1 - lane.cost / MAX_COST) * 0.5
    return ItemScore(lane, ind, lane_pts + 40.0 * ind.f1)


@dataclass
class Summary(_Counts):
    """Totals over scored items (records of a results file or of a session)."""

    items: int = 0
    lane_ok: int = 0
    cost: float = 0.0
    released_infringing: int = 0
    stopped_clean: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    points: float = 0.0
    seconds: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, score: dict, seconds: float | None = None) -> None:
        self.items += 1
        self.lane_ok += bool(score["lane_ok"])
        self.cost += float(score["cost"])
        o = score["lane_outcome"]
        self.outcomes[o] = self.outcomes.get(o, 0) + 1
        self.released_infringing += o == "released_infringing"
        self.stopped_clean += o in ("checked_clean", "opened_clean")
        self.tp += int(score["tp"])
        self.fp += int(score["fp"])
        self.fn += int(score["fn"])
        self.points += float(score["points"])
        self.seconds += float(seconds or 0.0)

    @property
    def lane_accuracy(self) -> float | None:
        return self.lane_ok / self.items if self.items else None

    @property
    def mean_points(self) -> float | None:
        return self.points / self.items if self.items else None

    def to_json(self) -> dict:
        d = asdict(self)
        d.update(
            lane_accuracy=self.lane_accuracy, precision=self.precision, recall=self.recall, mean_points=self.mean_points
        )
        return d
