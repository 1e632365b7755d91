"""Replay the documented 2016 seizures (`scenarios/Cnn.yaml`) through the profile.

For each scenario the declarations, as lodged, are scored twice through the one scoring path
(`Profile.score`): with the context known at the time (history, penalties, the scenario's own targeting
instructions) and with the standing profile alone (history and penalties kept, instructions removed).
The scenario is flagged when every declaration reaches `expect.lane_at_least`; its expectations hold
when it is flagged, the rules of `expect.rules` fired on at least one declaration, the standing profile
alone flags it too if `expect.standing_only` says so, and every control keeps its expected lane.
Controls are scored with the scenario's penalties and instructions plus their own context: a
legitimate look-alike lodged at the same time must not be caught by the scenario's tip-off either.

The clean baseline (`examples/baseline.csv`) is scored by the standing profile; its inspection rate
(yellow + red) and each rule's hits on it show a rule that fires on ordinary trade.

Nothing here evaluates a rule: every lane and fired rule comes from `Profile.score`. The scenario model
and loader are `riskprofile.model.scenario` and `riskprofile.loader.scenario` (re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .engine.profile import Profile
from .loader.scenario import load_scenario, scenario_files
from .model.declaration import Declaration
from .model.rules import LANE_RANK
from .model.scenario import Context, Expect, LookAlike, LookAlikeExpect, Scenario, ScenarioFileError

DEFAULT_SCENARIOS = Path("scenarios")
DEFAULT_BASELINE = Path("examples/baseline.csv")
#: Baseline targets (issue 16): share of declarations inspected (yellow + red), share any one risk rule fires
#: on, and share any one rule sends to inspection (its false alarms).
MAX_BASELINE_RATE = 0.02
MAX_RULE_RATE = 0.02
MAX_RULE_ALARM_RATE = 0.01


def scenario_paths(selection: list[str] | None = None, folder: Path = DEFAULT_SCENARIOS) -> list[Path]:
    """Files for scenario ids (C04) or paths; all `*.yaml` of the folder when nothing is selected."""
    if not selection:
        return scenario_files(folder)
    out = []
    for s in selection:
        p = Path(s)
        if p.suffix in (".yaml", ".yml") or p.exists():
            out.append(p)
        else:
            out.append(Path(folder) / f"{s}.yaml")
    return out


# -- results --------------------------------------------------------------------------------------------
@dataclass
class ReplayedDeclaration:
    """One declaration's outcome."""

    decl_id: str
    lane: str
    score: float
    rules: list[str]
    forced_by: str | None


@dataclass
class LookAlikeResult:
    id: str
    title: str
    expected: str
    declarations: list[ReplayedDeclaration]

    @property
    def ok(self) -> bool:
        return all(LANE_RANK[d.lane] <= LANE_RANK[self.expected] for d in self.declarations)

    @property
    def rules(self) -> list[str]:
        return _union(d.rules for d in self.declarations)


@dataclass
class ScenarioResult:
    id: str
    title: str
    expect: Expect
    declarations: list[ReplayedDeclaration]
    standing: list[ReplayedDeclaration]
    controls: list[LookAlikeResult]
    #: The declarations scored (with the context) on their documented inputs alone: assumed inputs set neutral.
    documented: list[ReplayedDeclaration] = field(default_factory=list)
    #: The inputs assumed beyond the documents (`Scenario.assumed`).
    assumed: list[str] = field(default_factory=list)

    @staticmethod
    def _reaches(decls: list[ReplayedDeclaration], lane: str) -> bool:
        return all(LANE_RANK[d.lane] >= LANE_RANK[lane] for d in decls)

    @property
    def flagged(self) -> bool:
        return self._reaches(self.declarations, self.expect.lane_at_least)

    @property
    def standing_only_flagged(self) -> bool:
        return self._reaches(self.standing, self.expect.lane_at_least)

    @property
    def flagged_as_documented(self) -> bool:
        """Flagged on the documented inputs alone (the same as `flagged` when nothing is assumed)."""
        return self._reaches(self.documented or self.declarations, self.expect.lane_at_least)

    @property
    def documented_lane(self) -> str:
        return min((d.lane for d in self.documented or self.declarations), key=LANE_RANK.__getitem__)

    @property
    def documented_rules(self) -> list[str]:
        return _union(d.rules for d in self.documented or self.declarations)

    @property
    def lane(self) -> str:
        """The weakest lane among the declarations (what every one of them reached)."""
        return min((d.lane for d in self.declarations), key=LANE_RANK.__getitem__)

    @property
    def standing_lane(self) -> str:
        return min((d.lane for d in self.standing), key=LANE_RANK.__getitem__)

    @property
    def score_range(self) -> tuple[float, float]:
        scores = [d.score for d in self.declarations]
        return min(scores), max(scores)

    @property
    def rules(self) -> list[str]:
        return _union(d.rules for d in self.declarations)

    @property
    def standing_rules(self) -> list[str]:
        return _union(d.rules for d in self.standing)

    @property
    def missing_rules(self) -> list[str]:
        fired = set(self.rules)
        return [r for r in self.expect.rules if r not in fired]

    @property
    def controls_ok(self) -> bool:
        return all(c.ok for c in self.controls)

    @property
    def ok(self) -> bool:
        return (
            self.flagged
            and not self.missing_rules
            and self.controls_ok
            and (self.standing_only_flagged or not self.expect.standing_only)
        )

    def problems(self) -> list[str]:
        out = []
        for d in self.declarations:
            if LANE_RANK[d.lane] < LANE_RANK[self.expect.lane_at_least]:
                out.append(
                    f"{d.decl_id} is {d.lane} (score {d.score:g}), expected at least {self.expect.lane_at_least}"
                )
        if self.missing_rules:
            out.append(f"expected rule(s) did not fire: {', '.join(self.missing_rules)}")
        if self.expect.standing_only and not self.standing_only_flagged:
            weak = [
                f"{d.decl_id} {d.lane} ({d.score:g})"
                for d in self.standing
                if LANE_RANK[d.lane] < LANE_RANK[self.expect.lane_at_least]
            ]
            out.append(f"standing rules alone do not flag: {', '.join(weak)}")
        for c in self.controls:
            for d in c.declarations:
                if LANE_RANK[d.lane] > LANE_RANK[c.expected]:
                    out.append(
                        f"control {c.id}: {d.decl_id} is {d.lane} (score {d.score:g}, {', '.join(d.rules)}), "
                        f"expected {c.expected}"
                    )
        return out

    def to_json(self) -> dict:
        """The stable replay object (DESIGN)."""
        return {
            "id": self.id,
            "flagged": self.flagged,
            "lane": self.lane,
            "standing_only_flagged": self.standing_only_flagged,
            "flagged_as_documented": self.flagged_as_documented,
            "assumed": self.assumed,
            "rules": self.rules,
            "controls_ok": self.controls_ok,
            "ok": self.ok,
        }


def _union(lists) -> list[str]:
    seen: dict[str, None] = {}
    for rules in lists:
        seen.update(dict.fromkeys(rules))
    return list(seen)


# -- scoring --------------------------------------------------------------------------------------------
def _score(profile: Profile, decls: list[Declaration], history: list[Declaration]) -> list[ReplayedDeclaration]:
    res = profile.score(decls, history=history or None, random=False)
    if res.rejects.height:
        reasons = "; ".join(f"{r['decl_id']}: {r['reason']}" for r in res.rejects.iter_rows(named=True))
        raise ScenarioFileError(f"declarations rejected by normalisation: {reasons}")
    by_id = {r["decl_id"]: r for r in res.declarations.iter_rows(named=True)}
    return [
        ReplayedDeclaration(
            d.decl_id,
            by_id[d.decl_id]["lane"],
            float(by_id[d.decl_id]["score"]),
            list(by_id[d.decl_id]["rules"]),
            by_id[d.decl_id]["forced_by"],
        )
        for d in decls
    ]


def replay_scenario(profile: Profile, sc: Scenario) -> ScenarioResult:
    """Score a scenario with its context, with standing rules alone, and its controls.

    Raises ScenarioFileError when the scenario's instructions are not valid rules or its declarations
    are rejected (`LoadError` findings are folded into the message)."""
    from .findings import LoadError

    source = str(sc.path or sc.id)
    ctx = sc.context
    try:
        full = profile.with_context(penalties=ctx.penalties, instructions=ctx.instructions, source=source)
        standing = profile.with_context(penalties=ctx.penalties, source=source)
        decls = _score(full, sc.declarations, ctx.history)
        alone = _score(standing, sc.declarations, ctx.history)
        documented: list[ReplayedDeclaration] = []
        if any(a.neutralised for a in sc.assumed):
            doc_decls, doc_history = sc.as_documented()
            documented = _score(full, doc_decls, doc_history)
        controls = []
        for c in sc.controls:
            cprof = profile.with_context(
                penalties=ctx.penalties + c.context.penalties,
                instructions=ctx.instructions + c.context.instructions,
                source=f"{source} {c.id}",
            )
            controls.append(
                LookAlikeResult(c.id, c.title, c.expect.lane, _score(cprof, c.declarations, c.context.history))
            )
    except LoadError as e:
        msgs = "; ".join(f"{f.rule_id or ''} {f.message}".strip() for f in e.findings)
        raise ScenarioFileError(f"{source}: invalid context instructions: {msgs}") from None
    except ScenarioFileError as e:
        raise ScenarioFileError(f"{source}: {e}") from None
    assumed = [a.input for a in sc.assumed]
    return ScenarioResult(sc.id, sc.title, sc.expect, decls, alone, controls, documented, assumed)


def replay(profile: Profile, scenarios: list[Scenario]) -> list[ScenarioResult]:
    return [replay_scenario(profile, sc) for sc in scenarios]


# -- baseline -------------------------------------------------------------------------------------------
@dataclass
class BaselineResult:
    path: str
    declarations: int
    lanes: dict[str, int]
    rule_hits: dict[str, int]
    max_rate: float = MAX_BASELINE_RATE
    max_rule_rate: float = MAX_RULE_RATE
    mitigating: frozenset[str] = frozenset()
    rule_alarms: dict[str, int] = field(default_factory=dict)  # rule -> inspected (yellow/red) declarations it fired on

    @property
    def inspected(self) -> int:
        return self.lanes.get("yellow", 0) + self.lanes.get("red", 0)

    @property
    def rate(self) -> float:
        return self.inspected / self.declarations if self.declarations else 0.0

    def rule_rate(self, rule_id: str) -> float:
        return self.rule_hits.get(rule_id, 0) / self.declarations if self.declarations else 0.0

    def rule_alarm_rate(self, rule_id: str) -> float:
        """Share of the (legitimate) baseline the rule fired on *and* that went to inspection: its false alarms."""
        return self.rule_alarms.get(rule_id, 0) / self.declarations if self.declarations else 0.0

    @property
    def noisy_rules(self) -> list[str]:
        """Risk rules (positive weight) firing on more of the baseline than allowed; mitigating rules
        (weight <= 0) are meant to fire on ordinary trade."""
        return [r for r in self.rule_hits if r not in self.mitigating and self.rule_rate(r) > self.max_rule_rate]

    @property
    def alarming_rules(self) -> list[str]:
        """Rules that send more of the (legitimate) baseline to inspection than MAX_RULE_ALARM_RATE."""
        return [r for r in self.rule_alarms if self.rule_alarm_rate(r) > MAX_RULE_ALARM_RATE]

    @property
    def ok(self) -> bool:
        return self.rate <= self.max_rate and not self.noisy_rules and not self.alarming_rules

    def to_json(self) -> dict:
        return {
            "baseline": self.path,
            "declarations": self.declarations,
            "lanes": self.lanes,
            "inspection_rate": round(self.rate, 4),
            "false_alarm_rate": round(self.rate, 4),
            "rule_rates": {r: round(self.rule_rate(r), 4) for r, n in self.rule_hits.items() if n},
            "rule_false_alarm_rates": {r: round(self.rule_alarm_rate(r), 4) for r, n in self.rule_alarms.items() if n},
            "max_rate": self.max_rate,
            "max_rule_rate": self.max_rule_rate,
            "rule_hits": {r: n for r, n in self.rule_hits.items() if n},
            "noisy_rules": self.noisy_rules,
            "max_rule_false_alarm_rate": MAX_RULE_ALARM_RATE,
            "alarming_rules": self.alarming_rules,
            "ok": self.ok,
        }


def score_baseline(
    profile: Profile,
    path: Path | str = DEFAULT_BASELINE,
    max_rate: float = MAX_BASELINE_RATE,
    max_rule_rate: float = MAX_RULE_RATE,
) -> BaselineResult:
    """Score the clean baseline with the standing profile (no random draw)."""
    from .io.read import read_frame

    res = profile.score(read_frame(Path(path)), random=False)
    mitigating = frozenset(r.id for r in profile.rules if r.weight <= 0)
    inspected = res.declarations.filter(pl.col("lane") != "green").explode("rules")["rules"].drop_nulls()
    counts = {str(k): int(v) for k, v in inspected.value_counts().iter_rows()}
    hits = res.rule_hits()
    alarms = {r: counts[r] for r in hits if r in counts}  # in rule order, as rule_hits (value_counts has none)
    return BaselineResult(
        str(path), res.declarations.height, res.lanes(), hits, max_rate, max_rule_rate, mitigating, alarms
    )


# -- coverage -------------------------------------------------------------------------------------------
@dataclass
class RuleCoverage:
    rule_id: str
    title: str
    family: str
    weight: float
    rationale: str
    scenarios: list[str]
    controls: list[str]
    baseline_hits: int | None

    @property
    def fires_nowhere(self) -> bool:
        return not self.scenarios and not self.controls

    def to_json(self) -> dict:
        return {
            "rule": self.rule_id,
            "title": self.title,
            "family": self.family,
            "weight": self.weight,
            "scenarios": self.scenarios,
            "controls": self.controls,
            "baseline_hits": self.baseline_hits,
            "fires_nowhere": self.fires_nowhere,
            "why": self.rationale,
        }


def coverage(
    profile: Profile, results: list[ScenarioResult], baseline: BaselineResult | None = None
) -> list[RuleCoverage]:
    """For each standing rule: the scenarios (with context) and controls it fires on, and its baseline hits."""
    out = []
    for rule in profile.rules:
        if rule.status != "active":
            continue
        scen = [r.id for r in results if rule.id in r.rules]
        ctrl = [c.id for r in results for c in r.controls if rule.id in c.rules]
        hits = baseline.rule_hits.get(rule.id, 0) if baseline is not None else None
        out.append(RuleCoverage(rule.id, rule.title, rule.family, rule.weight, rule.rationale or "", scen, ctrl, hits))
    return out


def summary(results: list[ScenarioResult]) -> dict:
    n = len(results)
    return {
        "scenarios": n,
        "flagged": sum(r.flagged for r in results),
        "standing_only_flagged": sum(r.standing_only_flagged for r in results),
        "flagged_as_documented": sum(r.flagged_as_documented for r in results),
        "resting_on_assumptions": sum(r.flagged and not r.flagged_as_documented for r in results),
        "controls": sum(len(r.controls) for r in results),
        "controls_green": sum(c.ok for r in results for c in r.controls),
        "ok": sum(r.ok for r in results),
    }


__all__ = [
    "BaselineResult",
    "Context",
    "LookAlike",
    "LookAlikeExpect",
    "LookAlikeResult",
    "Expect",
    "RuleCoverage",
    "Scenario",
    "ScenarioFileError",
    "ScenarioResult",
    "ReplayedDeclaration",
    "coverage",
    "load_scenario",
    "replay",
    "replay_scenario",
    "scenario_paths",
    "score_baseline",
    "summary",
]
