"""The marking rule: a trainee's answer (lane, indicators) against an item, and totals over items.

Lanes: green = release, yellow = document check, red = physical inspection.

- The lane. An infringing shipment (a documented pattern or its variant) is caught when the lane
  reaches the expected one (the scenario's `expect.lane_at_least`; a higher lane is never wrong); a
  clean shipment (a control or its variant) is cleared only by green. Each outcome has a value out of
  100 (`LANE_VALUE`): a cautious yellow is always worth more than a wrong red on a clean declaration,
  and releasing an infringing shipment is worth nothing. `LANE_COST` is the operational cost of the
  outcome in the same order (summaries add it up).
- The indicators. `key`: what the item asks the trainee to find (the scenario's indicators that hold
  on the judged declaration); `present`: everything really on it as the screen shows it (`key`, the
  facts the profile establishes, the indicators of the rules that fired). Recall = key named / key;
  precision = named and present / named. Naming something present never counts against the trainee;
  a present indicator outside `key` is not required. Indicator score = F1 of the two (a recall or
  precision with nothing to count is 1).
- Points (0-100) = lane value x (60% + 40% x indicator score): naming exactly what is present with
  the right lane scores 100; the lane orders the marks (right > cautious yellow > opened clean >
  released infringing, whatever the indicators).

`MARKING_RULE` states this for trainees (screen and handout) in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

LANE_RANK = {"green": 0, "yellow": 1, "red": 2}

#: Lane outcome -> value (out of 100) and operational cost.
LANE_VALUE = {
    "caught": 100.0,
    "cleared_clean": 100.0,
    "checked_clean": 50.0,
    "under_inspected": 40.0,
    "opened_clean": 20.0,
    "released_infringing": 0.0,
}
LANE_COST = {
    "caught": 0.0,
    "cleared_clean": 0.0,
    "checked_clean": 1.0,
    "under_inspected": 3.0,
    "opened_clean": 4.0,
    "released_infringing": 10.0,
}
LANE_SHARE, INDICATOR_SHARE = 0.6, 0.4

MARKING_RULE = {
    "en": (
        "Marking: points = lane value x (60% + 40% x indicator score).\n"
        "Lane value: right lane 100 (an infringing shipment may go to a higher lane); a clean shipment "
        "held for documents (yellow) 50; an infringing one checked on papers where it needed inspection "
        "(yellow) 40; a clean shipment opened (red) 20; an infringing shipment released (green) 0.\n"
        "Indicator score: the key indicators you named (recall) and the share of yours that are really "
        "on the declaration (precision), combined. Naming something that is really there never counts "
        "against you; nothing the screen did not show is marked."
    ),
    "zh": (
        "评分规则：得分 = 通道分 ×（60% + 40% × 指标分）。\n"
        "通道分：通道正确 100（侵权货物选更高通道也算正确）；合法货物审单（黄色）50；"
        "应查验的侵权货物仅审单（黄色）40；查验合法货物（红色）20；放行侵权货物（绿色）0。\n"
        "指标分：选中的关键指标占比（查全率）与所选指标中确实存在于报关单的占比（查准率）的综合。"
        "选出报关单上确实存在的指标绝不扣分；屏幕上未显示的信息不计分。"
    ),
}


@dataclass
class LaneResult:
    ok: bool
    cost: float
    outcome: str  # caught | released_infringing | under_inspected | cleared_clean | checked_clean | opened_clean

    @property
    def value(self) -> float:
        return LANE_VALUE[self.outcome]


def score_lane(answer: str, expected: str, infringing: bool) -> LaneResult:
    a, e = LANE_RANK[answer], LANE_RANK[expected]
    if infringing:
        outcome = "caught" if a >= e else "released_infringing" if a == 0 else "under_inspected"
    else:
        outcome = ("cleared_clean", "checked_clean", "opened_clean")[a]
    return LaneResult(outcome in ("caught", "cleared_clean"), LANE_COST[outcome], outcome)


@dataclass
class IndicatorResult:
    """Named indicators against an item: `hit` (key, named), `also` (present, not key, named: fine),
    `extra` (named, not on the declaration), `missed` (key, not named)."""

    hit: list[str]
    also: list[str]
    extra: list[str]
    missed: list[str]

    @property
    def tp(self) -> int:
        return len(self.hit)

    @property
    def fp(self) -> int:
        return len(self.extra)

    @property
    def fn(self) -> int:
        return len(self.missed)

    @property
    def precision(self) -> float | None:
        named = len(self.hit) + len(self.also) + len(self.extra)
        return (len(self.hit) + len(self.also)) / named if named else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p = 1.0 if self.precision is None else self.precision
        r = 1.0 if self.recall is None else self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_indicators(answer: Iterable[str], key: Iterable[str], present: Iterable[str] = ()) -> IndicatorResult:
    a, k = list(dict.fromkeys(answer)), list(dict.fromkeys(key))
    there = set(k) | set(present)
    return IndicatorResult(
        hit=[i for i in a if i in k],
        also=[i for i in a if i in there and i not in k],
        extra=[i for i in a if i not in there],
        missed=[i for i in k if i not in a],
    )


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
            "lane_value": self.lane.value,
            "cost": self.lane.cost,
            "tp": ind.tp,
            "fp": ind.fp,
            "fn": ind.fn,
            "also": len(ind.also),
            "precision": ind.precision,
            "recall": ind.recall,
            "hit": ind.hit,
            "missed": ind.missed,
            "extra": ind.extra,
            "also_present": ind.also,
            "points": round(self.points, 1),
        }


def score_item(
    answer_lane: str,
    answer_indicators: Iterable[str],
    expected_lane: str,
    infringing: bool,
    key: Iterable[str],
    present: Iterable[str] = (),
) -> ItemScore:
    """The marks of one answer (see the module docstring for the rule)."""
    lane = score_lane(answer_lane, expected_lane, infringing)
    ind = score_indicators(answer_indicators, key, present)
    return ItemScore(lane, ind, lane.value * (LANE_SHARE + INDICATOR_SHARE * ind.f1))


@dataclass
class Summary:
    """Totals over scored items (records of a results file or of a session)."""

    items: int = 0
    lane_ok: int = 0
    cost: float = 0.0
    released_infringing: int = 0
    stopped_clean: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    also: int = 0
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
        self.also += int(score.get("also") or 0)
        self.points += float(score["points"])
        self.seconds += float(seconds or 0.0)

    @property
    def precision(self) -> float | None:
        """Named indicators really on the declarations / named (micro-averaged)."""
        named = self.tp + self.also + self.fp
        return (self.tp + self.also) / named if named else None

    @property
    def recall(self) -> float | None:
        """Key indicators named / key indicators (micro-averaged)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

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
