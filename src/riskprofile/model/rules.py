"""Rule, rule file and profile configuration models (unknown keys forbidden)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema, field_validator, model_validator

from .conditions import All, AnyOf, Condition, Not, Test, parse, to_mapping
from .vocab import LANE_RANK as LANE_RANK  # re-exported
from .vocab import LANES as LANES  # re-exported
from .vocab import Direction, Lane, TradeMode, TransportMode

WEIGHT_MIN, WEIGHT_MAX = -100.0, 100.0
RULE_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"
FAMILIES = (
    "goods",
    "origin",
    "routing",
    "value",
    "loading",
    "brand",
    "trader",
    "campaign",
    "intel",
    "outcome",
    "other",
)


def _parse_condition(value: Any) -> Condition:
    if isinstance(value, (Test, All, AnyOf, Not)):
        return value
    cond, problems = parse(value)
    if problems or cond is None:
        raise ValueError("; ".join(msg for _, _, msg in problems) or "empty condition")
    return cond


#: Placeholder replaced by a reference to the condition definition in `riskprofile.schema`.
CONDITION_JSON_SCHEMA: dict = {"type": "object", "x-riskprofile": "condition"}

ConditionField = Annotated[
    Any,
    PlainSerializer(to_mapping, return_type=dict),
    WithJsonSchema(CONDITION_JSON_SCHEMA),
]


class AppliesTo(BaseModel):
    """Pre-filter: the rule only applies to these directions / transport modes / trade modes."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    direction: list[Direction] | None = None
    transport_mode: list[TransportMode] | None = None
    trade_mode: list[TradeMode] | None = None


class RuleHead(BaseModel):
    """Everything of a rule but its condition: what the static checks validate around a parsed `when`."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, allow_inf_nan=False)

    id: str = Field(pattern=RULE_ID_PATTERN)
    title: str
    #: Chinese title (drills and reports in `--lang zh`); the English `title` is used when absent.
    title_zh: str | None = None
    family: str = "other"
    weight: float = Field(ge=WEIGHT_MIN, le=WEIGHT_MAX)
    lane: Lane | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    applies_to: AppliesTo | None = None
    explain: str | None = None
    #: Chinese `explain` template (same fields); the English one is used when absent.
    explain_zh: str | None = None
    rationale: str | None = None
    references: list[str] = Field(default_factory=list)
    status: Literal["active", "draft", "retired"] = "active"
    tags: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self


class Rule(RuleHead):
    """A risk rule: a condition tree with a weight, an optional forced lane and provenance."""

    when: ConditionField

    @field_validator("when", mode="before")
    @classmethod
    def _when(cls, v: Any) -> Condition:
        return _parse_condition(v)

    @classmethod
    def around(cls, head: RuleHead, when: Condition) -> Rule:
        """The rule of a validated head and a parsed, checked condition."""
        return cls.model_validate({**dict(head), "when": when})


class RuleFile(BaseModel):
    """A rule file: `rules: [...]`."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    rules: list[Rule] = Field(default_factory=list)


class Lanes(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    yellow: float = 40
    red: float = 70

    @model_validator(mode="after")
    def _order(self) -> Lanes:
        if self.red < self.yellow:
            raise ValueError(f"red threshold {self.red} is below yellow threshold {self.yellow}")
        return self


class RandomSelection(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    rate: float = Field(default=0.01, ge=0, le=1)
    seed: int = 2016


class ProfileConfig(BaseModel):
    """`rules/profile.yaml`: thresholds, random selection, which files to load, feature parameters."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: str = "profile"
    description: str | None = None
    lanes: Lanes = Field(default_factory=Lanes)
    random: RandomSelection = Field(default_factory=RandomSelection)
    rules: list[str] = Field(default_factory=lambda: ["*.yaml"])
    lists: str | None = "lists"
    fields: dict[str, Literal["str", "int", "float", "date", "bool"]] = Field(default_factory=dict)
    features: dict[str, Any] = Field(default_factory=dict)
