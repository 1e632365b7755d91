"""A loaded profile: rules, lists and configuration, with the one scoring path as methods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl

from ..features.context import FeatureContext
from ..features.registry import field_types
from ..findings import Collector, Finding, LoadError
from ..model.check import rules_from_node
from ..model.lists import NamedList, with_penalties
from ..model.operators import like_brand_column
from ..model.rules import ProfileConfig, Rule
from .compile import CompiledRules, compile_rules
from .history_summary import HistorySummary
from .prepare import Prepared, prepare
from .score import OUTPUT_COLUMNS, ScoreResult, aggregate, draw_random, fired_frame


class Profile:
    """Rules + lists + thresholds. `score` is the only way declarations are evaluated."""

    def __init__(
        self,
        config: ProfileConfig,
        rules: list[Rule],
        lists: dict[str, NamedList],
        path: Path | None = None,
        warnings: list[Finding] | None = None,
    ):
        self.config = config
        self.rules = list(rules)
        self.lists = dict(lists)
        self.path = path
        self.warnings = list(warnings or [])

    def __repr__(self) -> str:
        return f"Profile({self.config.name!r}, {len(self.rules)} rules, {len(self.lists)} lists)"

    @cached_property
    def fields(self) -> dict[str, str]:
        return field_types(self.config.fields, self.config.features)

    @cached_property
    def context(self) -> FeatureContext:
        return FeatureContext(self.lists, dict(self.config.features))

    def compiled(self, as_of: dt.date | None = None) -> CompiledRules:
        cache = self.__dict__.setdefault("_compiled", {})
        if as_of not in cache:
            cache[as_of] = compile_rules(self.rules, self.fields, self.lists, as_of)
        return cache[as_of]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    # -- derived profiles -------------------------------------------------------------------------
    def replace(
        self,
        rules: list[Rule] | None = None,
        lists: dict[str, NamedList] | None = None,
        config: ProfileConfig | None = None,
    ) -> Profile:
        return Profile(
            config or self.config,
            self.rules if rules is None else rules,
            self.lists if lists is None else lists,
            self.path,
            self.warnings,
        )

    def without(self, families: Iterable[str] = (), rule_ids: Iterable[str] = ()) -> Profile:
        """The profile without some rule families or rules (e.g. a 'static' profile)."""
        fam, ids = set(families), set(rule_ids)
        return self.replace(rules=[r for r in self.rules if r.family not in fam and r.id not in ids])

    def with_weights(self, weights: dict[str, float], lanes: dict[str, float] | None = None) -> Profile:
        rules = [r.model_copy(update={"weight": float(weights[r.id])}) if r.id in weights else r for r in self.rules]
        config = self.config
        if lanes:
            config = config.model_copy(update={"lanes": config.lanes.model_copy(update=lanes)})
        return self.replace(rules=rules, config=config)

    def with_context(
        self,
        penalties: list[dict] | None = None,
        instructions: list[dict | Rule] | None = None,
        source: str = "<context>",
    ) -> Profile:
        """Add knowledge of the time: penalties (appended to the `penalties` list) and targeting
        instructions (rules, usually with a forced lane). Raises LoadError on invalid instructions."""
        lists = with_penalties(self.lists, penalties or [])
        rules = list(self.rules)
        if instructions:
            dicts = [r.model_dump(mode="json") if isinstance(r, Rule) else r for r in instructions]
            col = Collector(source)
            seen = {r.id: "profile" for r in rules}
            added = rules_from_node({"rules": dicts}, col, self.fields, lists, seen, None)
            errors = [f for f in col.findings if f.severity == "error"]
            if errors:
                raise LoadError(errors)
            rules += added
        return self.replace(rules=rules, lists=lists)

    # -- the scoring path -------------------------------------------------------------------------
    def prepare(
        self,
        data: Any,
        history: Any = None,
        features: set[str] | None = None,
        as_of: dt.date | None = None,
        rules_only: bool = False,
        decl_history: pl.DataFrame | None = None,
        summary: HistorySummary | None = None,
    ) -> Prepared:
        """Normalised goods lines with the features the rules (and `features`) need; with `rules_only`,
        only the columns the rules read are kept, so nothing else is computed. `summary`: a trader-history
        summary (`engine.history_summary`) in place of `history`."""
        compiled = self.compiled(as_of)
        needed = set(compiled.features) | set(features or ())
        keep = None
        if rules_only:
            keep = (
                needed
                | {"declared_at", "direction", "transport_mode", "trade_mode"}
                | {like_brand_column(f, name) for f, name in compiled.like_brand}
            )
        return prepare(
            data,
            self.lists,
            self.context,
            needed,
            compiled.like_brand,
            history,
            self.config.fields,
            keep=keep,
            decl_history=decl_history,
            summary=summary,
        )

    def score(
        self,
        data: Any,
        history: Any = None,
        *,
        random: bool = True,
        as_of: dt.date | None = None,
        summary: HistorySummary | None = None,
    ) -> ScoreResult:
        """Score declarations (a polars frame of goods lines, or Declaration models/dicts).

        `history`: earlier declarations (frame(s) or models) used for history features only.
        `summary`: a trader-history summary (`HistorySummary.read(dir)`) instead of `history`: the same
        scores, or `SummaryError` when they would differ.
        `as_of`: evaluate rule validity windows on this date instead of each declaration's date.
        """
        prepared = self.prepare(data, history, as_of=as_of, rules_only=True, summary=summary)
        return self.score_prepared(prepared, random=random, as_of=as_of)

    def score_prepared(self, prepared: Prepared, *, random: bool = True, as_of: dt.date | None = None) -> ScoreResult:
        compiled = self.compiled(as_of)
        fired = fired_frame(prepared.lines, compiled)
        scored = aggregate(fired, compiled, self.config.lanes)
        scored = scored.with_columns(draw_random(scored, self.config.random, random))
        decls = scored.select(OUTPUT_COLUMNS)
        return ScoreResult(
            decls, fired, prepared.rejects, prepared.rows_in, prepared.rows_scored, [r.id for r in compiled.rules]
        )

    def explain(self, decl_id: str, data: Any, history: Any = None, as_of: dt.date | None = None):
        """Why a declaration got its score and lane: fired rules with values, arithmetic, near misses."""
        from .explain import explain

        return explain(self, decl_id, data, history, as_of)

    def frame(self, data: Any) -> pl.DataFrame:
        """Normalised goods lines of `data` without features (for display)."""
        return self.prepare(data, features=set()).lines
