"""The drill's only door to rule evaluation: the profile's own `with_context` / `score` / `explain`.

A `Case` is what was lodged plus what was known at the time (history, penalties, targeting
instructions). `Assessor` scores cases through the profile (caching the context profiles, whose
compilation is the expensive part) and never evaluates a rule itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..engine.explain import render
from ..engine.profile import Profile
from ..errors import RiskProfileError
from ..findings import LoadError
from .taxonomy import fact_rules, indicators_for_rule
from .view import ENUM_ZH


@dataclass
class Case:
    declarations: list[dict]
    history: list[dict] = field(default_factory=list)
    penalties: list[dict] = field(default_factory=list)
    instructions: list[dict] = field(default_factory=list)

    def decl(self, decl_id: str) -> dict:
        for d in self.declarations:
            if d["decl_id"] == decl_id:
                return d
        raise KeyError(decl_id)


@dataclass
class SeenRule:
    """A rule that fired on the judged declaration, with its texts in both languages."""

    id: str
    title: str
    weight: float
    lane: str | None
    reason: str
    family: str
    indicators: list[str]  # empty for a mitigating rule
    title_zh: str | None = None
    reason_zh: str | None = None

    @property
    def mitigating(self) -> bool:
        """A negative weight: the rule lowers the score (it names no risk indicator)."""
        return self.weight < 0

    def text(self, lang: str) -> tuple[str, str]:
        """(title, reason) in `lang` (English when the rule has no Chinese text)."""
        if lang == "zh":
            return self.title_zh or self.title, self.reason_zh or self.reason
        return self.title, self.reason


@dataclass
class Verdict:
    """What the profile said about a case: every declaration's lane, and the focus declaration explained."""

    decl_id: str
    lane: str
    score: float
    rules: list[str]
    forced_by: str | None
    seen: list[SeenRule]
    lanes: dict[str, str]
    arithmetic: str
    near_misses: list[dict]

    @property
    def indicators(self) -> list[str]:
        """The risk indicators of the rules that fired (mitigating rules name none)."""
        out: list[str] = []
        for r in self.seen:
            for i in r.indicators:
                if i not in out:
                    out.append(i)
        return out


def rule_indicators(rule, values: dict, destination_campaign: bool = False) -> list[str]:
    """The taxonomy indicators a fired rule expresses (`values`: its tested fields on the line that fired;
    `destination_campaign`: the line falls in a campaign aimed at destinations)."""
    inds = indicators_for_rule(
        rule.id,
        rule.family,
        values,
        list(rule.tags),
        forced=rule.lane is not None,
        list_tests=_required_lists(rule.when),
        title=rule.title,
    )
    if "campaign" in inds and destination_campaign and "risk_destination" not in inds:
        inds.append("risk_destination")
    return inds


def _for_people(row: dict, campaigns: dict, lang: str) -> dict:
    """A line's values for a reason shown to trainees: campaigns by title, coded values in words."""
    out = dict(row)
    for key in ("campaign",):
        c = campaigns.get(out.get(key))
        if c is not None:
            out[key] = (c.title_zh if lang == "zh" else c.title) or c.title or c.name
    for key in ("direction", "transport_mode", "trade_mode", "trader_type"):
        v = out.get(key)
        if isinstance(v, str) and v in ENUM_ZH:
            out[key] = ENUM_ZH[v] if lang == "zh" else v.replace("_", " ")
    return out


def _required_lists(cond) -> list[str]:
    """Names of lists whose membership the rule tests outside any `not` (what the rule requires)."""
    from ..model.conditions import Not, Test

    out: list[str] = []

    def walk(c):
        if isinstance(c, Test):
            if c.op == "in_list" and isinstance(c.value, str):
                out.append(c.value)
        elif isinstance(c, Not):
            return
        else:
            for x in c.items:
                walk(x)

    walk(cond)
    return out


class ContextError(RiskProfileError, ValueError):
    """A drill case whose context (penalties, instructions) the profile does not accept."""


def _key(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, default=str, ensure_ascii=False)


class Assessor:
    """Scores drill cases with a loaded profile (one scoring path; context profiles cached)."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self._ctx: dict[str, Profile] = {}
        self._facts: dict[int, Profile] = {}
        self._sig: dict[str, Any] = {}
        self.calls = 0

    def context(self, case: Case) -> Profile:
        key = _key([case.penalties, case.instructions])
        if key not in self._ctx:
            try:
                self._ctx[key] = self.profile.with_context(
                    penalties=case.penalties or None, instructions=case.instructions or None, source="<drill>"
                )
            except LoadError as e:
                raise ContextError("; ".join(f.message for f in e.findings[:3])) from None
        return self._ctx[key]

    def score(self, case: Case):
        """Per-declaration results (decl_id, score, lane, rules, forced_by) of the case, in order (cached)."""
        key = _key([case.declarations, case.history, case.penalties, case.instructions])
        if key not in self._sig:
            prof = self.context(case)
            self.calls += 1
            res = prof.score(case.declarations, history=case.history or None, random=False)
            if len(self._sig) > 512:
                self._sig.clear()
            self._sig[key] = res.declarations
        return self._sig[key]

    def signature(self, case: Case) -> tuple:
        """Per declaration (in order): its lane and the rules that fired on it - what a variant must keep."""
        decls = self.score(case)
        return tuple(
            (lane, tuple(sorted(rules)))
            for lane, rules in zip(decls["lane"].to_list(), decls["rules"].to_list(), strict=True)
        )

    def facts(self, case: Case) -> dict[str, set[str]]:
        """Per declaration, the indicators that are facts of it (`taxonomy.FACTS`), scored by the profile's
        own path: the fact tests are compiled as zero-weight rules over the same prepared lines."""
        prof = self.context(case)
        fprof = self._facts.get(id(prof))
        if fprof is None:
            from ..model.check import Collector, rules_from_node

            col = Collector("<drill facts>")
            rules = rules_from_node({"rules": fact_rules(prof.lists)}, col, prof.fields, prof.lists, {}, None)
            fprof = self._facts[id(prof)] = prof.replace(rules=rules)
        names = {r.id: r.title for r in fprof.rules}
        res = fprof.score(case.declarations, history=case.history or None, random=False).declarations
        return {
            d: {names[r] for r in rules if r in names}
            for d, rules in zip(res["decl_id"].to_list(), res["rules"].to_list(), strict=True)
        }

    def indicators_by_declaration(self, case: Case) -> dict[str, set[str]]:
        """Per declaration, the indicators of the rules that fired on it (from the cached scores; the
        tested fields take the declaration's own values, header and first line)."""
        from ..model.conditions import tests

        prof = self.context(case)
        campaigns = [c for c in (prof.lists["campaigns"].items if "campaigns" in prof.lists else []) if c.destinations]
        decls = self.score(case)
        out: dict[str, set[str]] = {}
        for d, rules in zip(case.declarations, decls["rules"].to_list(), strict=False):
            row = {**{k: v for k, v in d.items() if k != "lines"}, **(d["lines"][0] if d.get("lines") else {})}
            dest = any(row.get("destination_country") in (c.destinations or []) for c in campaigns)
            found: set[str] = set()
            for rid in rules:
                try:
                    rule = prof.rule(rid)
                except KeyError:
                    continue
                if rule.weight < 0:
                    continue
                values = {t.field: row.get(t.field, True) for t in tests(rule.when)}
                found.update(rule_indicators(rule, values, dest))
            out[d["decl_id"]] = found
        return out

    def verdict(self, case: Case, decl_id: str) -> Verdict:
        prof = self.context(case)
        decls = self.score(case)
        lanes = dict(zip(decls["decl_id"].to_list(), decls["lane"].to_list(), strict=False))
        ex = prof.explain(decl_id, case.declarations, case.history or None)
        campaigns = {c.name: c for c in (prof.lists["campaigns"].items if "campaigns" in prof.lists else [])}
        targeted = any(getattr(campaigns.get(r.get("campaign")), "destinations", None) for r in ex.lines)
        seen = []
        for f in ex.fired:
            title_zh = reason_zh = None
            reason = f.reason
            try:
                rule = prof.rule(f.id)
                family = rule.family
                inds = rule_indicators(rule, f.values, targeted) if f.weight >= 0 else []
                title_zh = rule.title_zh
                row = next((r for r in ex.lines if r.get("item_no") in f.lines), ex.lines[0])
                if rule.explain:
                    reason = render(rule.explain, _for_people(row, campaigns, "en"))
                if rule.explain_zh:
                    reason_zh = render(rule.explain_zh, _for_people(row, campaigns, "zh"))
            except KeyError:
                family, inds = "other", indicators_for_rule(f.id, "other", f.values, forced=f.lane is not None)
            seen.append(SeenRule(f.id, f.title, f.weight, f.lane, reason, family, inds, title_zh, reason_zh))
        misses = [{"id": m.id, "title": m.title, "weight": m.weight, "failed": m.failed} for m in ex.near_misses[:3]]
        row = decls.filter(decls["decl_id"] == decl_id).row(0, named=True)
        return Verdict(
            decl_id,
            row["lane"],
            float(row["score"]),
            list(row["rules"]),
            row["forced_by"],
            seen,
            lanes,
            ex.arithmetic,
            misses,
        )
