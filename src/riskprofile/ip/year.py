"""A simulated year with the feedback loop closed: scoring with the instructions in force, results
recorded, alerts and follow-ups proposed after every seizure and accepted, the report at the end.

`FeedbackScorer` is a simulator scorer (`simulate.engine.run`): each week it scores through
`Profile.with_context(penalties=..., instructions=...)` (the one scoring path; the simulator's own
seizures are the trader-history penalties), and `observe` turns the week's outcomes into
`InspectionResult`s and accepted leads (`ip.alerts`). Holders are taken to confirm every simulated hit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ..engine.actions import action_expr
from ..engine.profile import Profile
from ..loader.leads import instructions as to_instructions
from ..model.leads import Instruction, Lead
from ..simulate.engine import HISTORY_FEATURES, SimResult, run
from ..simulate.params import SimParams
from ..simulate.traffic import DESIGN_COLUMNS
from .alerts import accept, propose
from .feedback import InspectionResult

#: What alerts read of the traffic seen so far: where the goods of a region were lodged (`ip.alerts`).
SEEN_COLUMNS = ["decl_id", "customs_office", "goods_source_region", "hs_code", "trader_id"]


@dataclass
class FeedbackScorer:
    profile: Profile
    leads: list[Lead] = field(default_factory=list)
    #: At most this many seizures a week raise alerts (an analyst's capacity), highest items first.
    alerts_per_week: int = 3
    results: list[InspectionResult] = field(default_factory=list)
    instructions: list[Instruction] = field(default_factory=list)
    _hs: dict[str, str] = field(default_factory=dict)
    _live: dict = field(default_factory=dict)
    _seen: list[pl.DataFrame] = field(
        default_factory=list
    )  # first lines of the declarations scored so far  # (kind, office, goods, region) -> last accepted valid_to

    def __post_init__(self) -> None:
        feats = set(self.profile.compiled().features)
        self.uses_history = bool(feats & HISTORY_FEATURES)
        self.uses_penalties = bool(feats & {"trader_penalties", "trader_penalties_2y"})
        self.instructions = to_instructions(self.leads, self.profile.lists)

    def __call__(self, lines: pl.DataFrame, history: pl.DataFrame | None, penalties: list[dict]) -> pl.DataFrame:
        first_day, last_day = lines["declared_at"].min(), lines["declared_at"].max()
        active = [
            i.rule
            for i in self.instructions
            if i.status == "active" and i.valid_from <= last_day and i.valid_to >= first_day  # in force this week
        ]
        prof = self.profile.with_context(
            penalties=penalties if self.uses_penalties else None, instructions=active, source="<year>"
        )
        res = prof.score(lines.select(DESIGN_COLUMNS), history=history if self.uses_history else None)
        first = lines.filter(pl.col("item_no") == 1)
        self._hs = dict(zip(first["decl_id"].to_list(), first["hs_code"].to_list(), strict=True))
        self._seen.append(first.select(SEEN_COLUMNS))
        return res.declarations.select("decl_id", "score", "lane", "random", "rules")

    def observe(self, week: int, out: pl.DataFrame) -> None:
        o = out.with_columns(action_expr())
        week_results = [
            InspectionResult(
                decl_id=r["decl_id"],
                declared_at=r["declared_at"],
                customs_office=r["customs_office"],
                trader_id=r["trader_id"],
                direction=r["direction"],
                transport_mode=r["transport_mode"],
                goods_source_region=r["goods_source_region"],
                destination_country=r["destination_country"],
                hs_code=self._hs.get(r["decl_id"]),
                lane=r["lane"],
                rules=list(r["rules"] or []),
                action=r["action"],
                inspected=bool(r["inspected"]),
                found=bool(r["seized"]),
                items=int(r["items_seized"] or 0),
                holder_confirmed=True if r["seized"] else None,
            )
            for r in o.filter(pl.col("lane").is_in(["yellow", "red"]) | pl.col("inspected")).iter_rows(named=True)
        ]
        self.results += week_results
        hits = sorted((r for r in week_results if r.found), key=lambda r: -r.items)
        proposed = []
        seen = pl.concat(self._seen) if hits and self._seen else None
        for r in hits[: self.alerts_per_week]:
            for lead in propose(r, self.profile, seen):
                key = (lead.kind, lead.issued_by, tuple(lead.names.goods), tuple(lead.names.source_region))
                if key in self._live and self._live[key] >= lead.valid_from:
                    continue  # the same alert is already in force
                self._live[key] = lead.valid_to
                proposed.append(lead)
        if proposed:
            accepted = accept(proposed)
            self.leads += accepted
            self.instructions += to_instructions(accepted, self.profile.lists)


def run_year(
    params: SimParams, profile: Profile, n: int, seed: int, leads: list[Lead] = (), weeks: int = 52
) -> tuple[SimResult, FeedbackScorer]:
    """The simulated year (the simulator's traffic, inspection and adaptation) with the feedback loop."""
    scorer = FeedbackScorer(profile, list(leads))
    result = run(params, scorer, n, seed, weeks, keep_lines=False, profile_name="profile + instructions")
    return result, scorer
