"""Drill items: documented scenarios, their legitimate controls, and generated variants of both.

A run of N items is reproducible from its seed: which bases are drawn, which variants are made (each
variant's own seed derives from the run seed, its base and its number) and the order. Declaration
numbers are always replaced by neutral 18-digit numbers, so an id such as "C04-D1" never gives the
answer away; variants also change marks, offices, dates, quantities and trader ids.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field

from ..engine.profile import Profile
from ..model.scenario import Context, LookAlike, Scenario
from .engine import Assessor, Case, Verdict
from .taxonomy import FACTS, FAMILIES, families_of
from .variants import Change, Surface, change_ids, make_variant, sub_seed

LANES = ("green", "yellow", "red")
LANE_RANK = {lane: i for i, lane in enumerate(LANES)}


@dataclass
class DrillItem:
    item_id: str  # C04 | C04-K1 | C04~v2 | C04-K1~v1
    kind: str  # scenario | control | variant | control-variant
    scenario_id: str
    base_id: str  # the scenario or control this item is (a variant of)
    title: str
    narrative: str
    outcome: str
    source: dict | str  # the scenario's `source` (documents by seed file, case, also)
    why: str
    case: Case
    focus: int  # index of the declaration the trainee judges
    infringing: bool
    expected_lane: str  # infringing: at least this lane; clean: exactly green
    indicators: list[str]
    changes: list[Change] = field(default_factory=list)
    variant_seed: int | None = None
    recorded_penalties: list[dict] = field(default_factory=list)  # the profile's, for display only
    case_indicators: list[str] = field(default_factory=list)  # the scenario's list, for the whole case
    #: Every indicator really on the judged declaration (`indicators`, the facts the profile establishes,
    #: the indicators of the rules that fired): naming one of these is never wrong.
    present: list[str] = field(default_factory=list)
    #: Chinese texts (title, narrative, outcome, why) where the scenario has them.
    zh: dict[str, str] = field(default_factory=dict)
    _verdict: Verdict | None = field(default=None, repr=False)

    def text(self, key: str, lang: str = "en") -> str:
        """`title`, `narrative`, `outcome` or `why` in `lang` (English when there is no Chinese text)."""
        return (self.zh.get(key) if lang == "zh" else None) or getattr(self, key)

    @property
    def focus_decl(self) -> dict:
        return self.case.declarations[self.focus]

    @property
    def decl_id(self) -> str:
        return self.focus_decl["decl_id"]

    @property
    def is_variant(self) -> bool:
        return self.kind.endswith("variant")

    def earlier(self) -> list[dict]:
        """Declarations of the same case lodged before the focus one (known at the time)."""
        at = str(self.focus_decl["declared_at"])
        return [d for i, d in enumerate(self.case.declarations) if i != self.focus and str(d["declared_at"]) < at]

    def verdict(self, assessor: Assessor) -> Verdict:
        if self._verdict is None:
            self._verdict = assessor.verdict(self.case, self.decl_id)
        return self._verdict


def _dicts(models) -> list[dict]:
    """Plain data (as in the file: keys given, dates as ISO text) that variants can rewrite."""
    return [m.model_dump(mode="json", exclude_unset=True) for m in models]


def _case(declarations, context: Context) -> Case:
    return Case(
        _dicts(declarations), _dicts(context.history), _dicts(context.penalties), copy.deepcopy(context.instructions)
    )


def scenario_case(s: Scenario) -> Case:
    return _case(s.declarations, s.context)


def control_case(c: LookAlike) -> Case:
    return _case(c.declarations, c.context)


def _bases(s: Scenario) -> list[dict]:
    lane = s.expect.lane_at_least
    out = [
        dict(
            base_id=s.id,
            kind="scenario",
            scenario_id=s.id,
            title=s.title,
            narrative=s.narrative.strip(),
            outcome=s.outcome.strip(),
            source=s.source,
            why="",
            case=scenario_case(s),
            infringing=True,
            expected_lane=lane if lane in LANES[1:] else "yellow",
            indicators=list(s.indicators),
            zh=_zh(title=s.title_zh, narrative=s.narrative_zh, outcome=s.outcome_zh),
        )
    ]
    for c in s.controls:
        out.append(
            dict(
                base_id=c.id,
                kind="control",
                scenario_id=s.id,
                title=c.title,
                narrative=c.why,
                outcome=f"Legitimate look-alike of {s.id}: {c.why}".strip(),
                source=s.source,
                why=c.why,
                case=control_case(c),
                infringing=False,
                expected_lane="green",
                indicators=list(c.indicators),
                zh=_zh(title=c.title_zh, narrative=c.why_zh, why=c.why_zh),
            )
        )
    return out


def _zh(**texts: str | None) -> dict[str, str]:
    return {k: v.strip() for k, v in texts.items() if v}


def scenario_families(s: Scenario, profile: Profile | None = None) -> set[str]:
    fams = {f for i in s.indicators for f in families_of(i)}
    if profile is not None:
        for rid in s.expect.rules:
            try:
                fams.add(profile.rule(rid).family)
            except KeyError:
                pass
        for ins in s.context.instructions:
            fams.add(str(ins.get("family") or "intel"))
    return fams


def select(
    scenarios: list[Scenario],
    scenario_ids: list[str] | None = None,
    family: str | None = None,
    profile: Profile | None = None,
) -> list[Scenario]:
    out = scenarios
    if scenario_ids:
        want = {i.upper() for i in scenario_ids}
        out = [s for s in out if s.id.upper() in want]
    if family:
        out = [s for s in out if family in scenario_families(s, profile)]
    return out


def _item(
    base: dict,
    item_id: str,
    case: Case,
    focus: int,
    changes: list[Change],
    surface: Surface,
    kind: str | None = None,
    seed: int | None = None,
) -> DrillItem:
    b = {k: v for k, v in base.items() if k not in ("case", "kind")}
    decl = case.declarations[focus]
    in_case = {(p.get("trader_id"), str(p.get("date"))) for p in case.penalties}
    recorded = [
        p
        for p in surface.penalties_for([decl.get("trader_id"), decl.get("declarant_id")])
        if (p.get("trader_id"), str(p.get("date"))) not in in_case
    ]
    return DrillItem(
        item_id=item_id,
        kind=kind or base["kind"],
        case=case,
        focus=focus,
        changes=changes,
        variant_seed=seed,
        recorded_penalties=recorded,
        **b,
    )


def original(base: dict, seed: int, surface: Surface) -> DrillItem:
    """A documented scenario or control as lodged, with neutral declaration numbers."""
    changes: list[Change] = []
    case = change_ids(
        base["case"], random.Random(sub_seed(seed, base["base_id"], "ids")), surface, changes, decl_ids_only=True
    )
    return _item(base, base["base_id"], case, 0, changes, surface)


def variant(base: dict, k: int, seed: int, assessor: Assessor, surface: Surface) -> DrillItem:
    vseed = sub_seed(seed, base["base_id"], k)
    case, changes = make_variant(base["case"], assessor, vseed, surface)
    focus = random.Random(vseed).randrange(len(case.declarations))
    kind = "variant" if base["kind"] == "scenario" else "control-variant"
    return _item(base, f"{base['base_id']}~v{k}", case, focus, changes, surface, kind, vseed)


def usable(base: dict, assessor: Assessor) -> str | None:
    """None when the profile scores the base case, else why not (e.g. instructions that do not load)."""
    try:
        assessor.signature(base["case"])
    except KeyboardInterrupt:
        raise
    except Exception as e:
        return f"{base['base_id']}: {type(e).__name__}: {e}"
    return None


def indicator_sets(item: DrillItem, assessor: Assessor) -> tuple[list[str], list[str]]:
    """(key, present) for the judged declaration.

    `key`: the scenario's indicators (`case_indicators`) except those shown absent from this
    declaration: an indicator with a fact test (`taxonomy.FACTS`) that holds on another declaration of
    the case but not here, or one without a fact test that a rule saw on another declaration only
    (an instruction issued after this declaration). `present`: `key`, the facts of this declaration and
    the indicators of the rules that fired on it (mitigating rules name none)."""
    listed = item.case_indicators
    facts = assessor.facts(item.case)
    seen = assessor.indicators_by_declaration(item.case)
    f_here, s_here = facts.get(item.decl_id, set()), seen.get(item.decl_id, set())
    f_any = set().union(*facts.values()) if facts else set()
    s_any = set().union(*seen.values()) if seen else set()

    def absent(i: str) -> bool:
        if i in f_here or i in s_here:
            return False
        return i in f_any if i in FACTS else i in s_any

    key = [i for i in listed if not absent(i)]
    present = key + sorted((f_here | s_here) - set(key))
    return key, present


def _finish(item: DrillItem, assessor: Assessor) -> DrillItem:
    item.case_indicators = list(item.indicators)
    item.indicators, item.present = indicator_sets(item, assessor)
    return item


def spread(items: list[DrillItem]) -> list[DrillItem]:
    """The items reordered so that no two neighbours come from the same scenario when that can be
    avoided: at each step the scenario with the most items left (other than the previous one) goes
    next; ties keep the given order."""
    left = list(items)
    out: list[DrillItem] = []
    while left:
        counts: dict[str, int] = {}
        for it in left:
            counts[it.scenario_id] = counts.get(it.scenario_id, 0) + 1
        prev = out[-1].scenario_id if out else None
        ok = [it for it in left if it.scenario_id != prev] or left
        best = max(ok, key=lambda it: counts[it.scenario_id])
        out.append(best)
        left.remove(best)
    return out


def build_run(
    scenarios: list[Scenario],
    assessor: Assessor,
    n: int,
    seed: int,
    variant_share: float = 0.4,
    control_share: float = 0.3,
    problems: list[str] | None = None,
) -> list[DrillItem]:
    """N items mixing documented scenarios, controls and variants (at least one variant when n >= 2,
    one control when there is one and n >= 3), spread over as many scenarios as possible and ordered so
    that a case does not follow itself (`spread`); the same inputs give the same run. Bases the profile
    cannot score are left out (and reported in `problems`)."""
    if not scenarios:
        return []
    problems = problems if problems is not None else []
    rng = random.Random(sub_seed(seed, "run"))
    surface = Surface(assessor.profile)
    patterns = [b for s in scenarios for b in _bases(s)[:1]]
    controls = [b for s in scenarios for b in _bases(s)[1:]]
    rng.shuffle(patterns)
    rng.shuffle(controls)
    checked: dict[str, str | None] = {}

    def ok(b: dict) -> bool:
        if b["base_id"] not in checked:
            checked[b["base_id"]] = usable(b, assessor)
            if checked[b["base_id"]]:
                problems.append(str(checked[b["base_id"]]))
        return not checked[b["base_id"]]

    used: dict[str, int] = {}

    def least_used(bases: list[dict]) -> list[dict]:
        """The bases, those of the least used scenarios first (stable in the shuffled order)."""
        return sorted(bases, key=lambda b: used.get(b["scenario_id"], 0))

    def take(pool: list[dict], k: int) -> list[dict]:
        """Up to k usable bases, from the least used scenarios first (stable in the shuffled order)."""
        out: list[dict] = []
        for _ in range(k):
            order = least_used([b for b in pool if b not in out])
            best = next((b for b in order if ok(b)), None)  # usability is checked lazily (it scores the base)
            if best is None:
                break
            out.append(best)
            used[best["scenario_id"]] = used.get(best["scenario_id"], 0) + 1
        return out

    n_var = max(1 if n >= 2 else 0, round(n * variant_share))
    ctrl = take(controls, min(len(controls), max(1 if n >= 3 else 0, round(n * control_share))))
    orig = take(patterns, max(0, n - n_var - len(ctrl)))
    if not orig and not ctrl and not any(ok(b) for b in patterns):
        return []
    n_var = n - len(ctrl) - len(orig)
    items = [_finish(original(b, seed, surface), assessor) for b in (*orig, *ctrl)]
    counter: dict[str, int] = {}
    for _ in range(n_var):
        want_control = rng.random() < control_share
        base = next((b for b in least_used(controls if want_control else patterns) if ok(b)), None)
        base = base or next(b for b in least_used([*patterns, *controls]) if ok(b))
        used[base["scenario_id"]] = used.get(base["scenario_id"], 0) + 1
        counter[base["base_id"]] = counter.get(base["base_id"], 0) + 1
        items.append(_finish(variant(base, counter[base["base_id"]], seed, assessor, surface), assessor))
    rng.shuffle(items)
    return spread(items)


def variants_of(scenario: Scenario, assessor: Assessor, seed: int, n: int = 1) -> list[DrillItem]:
    """`n` variants of a scenario's pattern (for tests and demonstrations)."""
    surface = Surface(assessor.profile)
    base = _bases(scenario)[0]
    return [_finish(variant(base, k, seed, assessor, surface), assessor) for k in range(1, n + 1)]


__all__ = [
    "DrillItem",
    "FAMILIES",
    "LANES",
    "LANE_RANK",
    "build_run",
    "indicator_sets",
    "select",
    "spread",
    "variants_of",
]
