"""Leads and the targeting instructions made from them (000 §3, §5, §6; 004 cases 1, 3, 6, 8, 9, 10).

A *lead* is information received: a right holder's tip-off (case 6), a platform's report (000 §5), the
police (case 1), a foreign customs service (000 §6), or another office (000 §3, Qingdao -> Beijing). It
names what it knows (shipper, consignee, goods, container, transport, offices, date window) and how far
it is trusted. An analyst turns it into an *instruction*: a rule scoped to what the lead names, with
an issuer, a kind and an expiry, plus what the inspecting officer must do:

- `risk_parameter` (风险参数): a standing parameter in the clearance system that adds weight;
- `preset` (预定式布控指令): a pre-set targeting instruction that forces a physical inspection (red);
- `reviewer` (审单布控): a document reviewer targets lodged declarations (yellow: documents first).

Nothing here reads files or evaluates rules: `lead_rule` builds the rule mapping, which the rule checks
(`model.check`) validate and `Profile.with_context(instructions=...)` scores through the one path.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .rules import RULE_ID_PATTERN
from .vocab import Direction, Lane, TransportMode

SOURCES = ("holder", "platform", "police", "foreign_customs", "office")
KINDS = ("risk_parameter", "preset", "reviewer")
RELIABILITY = ("confirmed", "high", "medium", "low")
Source = Literal["holder", "platform", "police", "foreign_customs", "office"]
Kind = Literal["risk_parameter", "preset", "reviewer"]
Reliability = Literal["confirmed", "high", "medium", "low"]
LeadStatus = Literal["proposed", "active", "retired"]

#: Default lane per kind (a preset instruction forces an inspection, a reviewer asks for documents first).
KIND_LANE: dict[str, Lane | None] = {"risk_parameter": None, "preset": "red", "reviewer": "yellow"}
#: Default weight per reliability (what a risk parameter adds to the score).
RELIABILITY_WEIGHT: dict[str, float] = {"confirmed": 40.0, "high": 30.0, "medium": 20.0, "low": 10.0}
#: Party columns a named shipper or consignee is looked for in (ids are upper-cased by normalisation).
PARTY_COLUMNS = ("trader_id", "producer_id", "overseas_party", "declarant_id")
_HS = re.compile(r"^\d{2,10}$")


def _listed(v: object) -> object:
    """A single value where a list is expected becomes a one-item list; numbers (HS codes, trade-mode
    codes written unquoted) become text."""
    items = [v] if isinstance(v, (str, int)) else v
    if isinstance(items, list):
        return [str(x) if isinstance(x, int) and not isinstance(x, bool) else x for x in items]
    return items


class Names(BaseModel):
    """What a lead names; every key optional, lists mean 'any of'."""

    model_config = ConfigDict(extra="forbid")

    direction: Direction | None = None
    shipper: list[str] = Field(default_factory=list)
    consignee: list[str] = Field(default_factory=list)
    goods: list[str] = Field(default_factory=list)  # HS prefixes or words of the description
    marks: list[str] = Field(default_factory=list)  # recorded marks (any script, alias or look-alike)
    container: list[str] = Field(default_factory=list)
    transport: list[str] = Field(default_factory=list)
    offices: list[str] = Field(default_factory=list)  # where it will be lodged (or leave: exit_office)
    source_region: list[str] = Field(default_factory=list)
    destination: list[str] = Field(default_factory=list)
    transport_modes: list[TransportMode] = Field(default_factory=list)
    trade_mode_code: list[str] = Field(default_factory=list)

    @field_validator("*", mode="before")
    @classmethod
    def _lists(cls, v: object, info: ValidationInfo) -> object:
        field = cls.model_fields[info.field_name or ""]
        return _listed(v) if get_origin(field.annotation) is list else v

    def is_empty(self) -> bool:
        return not any(v for k, v in self.model_dump().items() if k != "direction")


class Window(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: dt.date = Field(alias="from")
    to: dt.date

    @model_validator(mode="after")
    def _order(self) -> Window:
        if self.to < self.from_:
            raise ValueError(f"window ends ({self.to}) before it starts ({self.from_})")
        return self


class Lead(BaseModel):
    """One lead, and how it is turned into an instruction."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=RULE_ID_PATTERN)  # also the instruction's rule id
    title: str
    title_zh: str | None = None
    source: Source
    informant: str | None = None  # who gave it (a holder, a platform, a police unit, an office)
    received: dt.date
    reliability: Reliability = "medium"
    kind: Kind = "preset"
    issued_by: str  # the office (or risk unit) issuing the instruction
    names: Names
    window: Window
    also: dict | None = None  # the analyst's narrowing: a condition tree (rule language)
    inspection: str | None = None  # what the inspecting officer must do
    explain: str | None = None  # reason template shown with the instruction (default: kind, source, id)
    explain_zh: str | None = None  # its Chinese template (drills in --lang zh)
    lane: Lane | None = None  # default: by kind
    weight: float | None = Field(default=None, ge=-100, le=100)  # default: by reliability
    status: LeadStatus = "active"
    rationale: str | None = None
    references: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _scoped(self) -> Lead:
        if self.names.is_empty() and not self.also:
            raise ValueError("a lead must name something to target (names: goods, shipper, offices, ...)")
        return self

    @property
    def valid_from(self) -> dt.date:
        return self.window.from_

    @property
    def valid_to(self) -> dt.date:
        return self.window.to

    def to_document(self) -> dict:
        """The lead as written in a leads file (no empty or unset keys)."""
        doc = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        doc["names"] = {k: v for k, v in doc["names"].items() if v not in ([], None)}
        return doc

    def instruction_lane(self) -> Lane | None:
        return self.lane if self.lane is not None else KIND_LANE[self.kind]

    def instruction_weight(self) -> float:
        return self.weight if self.weight is not None else RELIABILITY_WEIGHT[self.reliability]


class LeadFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    leads: list[Lead] = Field(default_factory=list)


def _words_pattern(words: list[str]) -> str:
    return "(?i)(" + "|".join(re.escape(w) for w in words) + ")"


def lead_conditions(
    lead: Lead,
    offices: dict[str, str] | None = None,
    marks: dict[str, str] | None = None,
    regions: dict[str, str] | None = None,
) -> list:
    """The condition tree's `all` list for what the lead names.

    `offices`, `regions`: name or alias -> code (what normalisation applies to `customs_office` and
    `goods_source_region`); `marks`: mark as written -> canonical recorded mark (the register's matcher).
    Unresolved values are kept as written, upper-cased (codes)."""
    n = lead.names
    out: list = []

    def code(v: str, table: dict[str, str] | None) -> str:
        return (table or {}).get(v) or v.strip().upper()

    if n.direction:
        out.append({"direction": {"eq": n.direction}})
    parties = [p.strip().upper() for p in n.shipper + n.consignee]
    if parties:
        out.append({"any": [{c: {"in": parties}} for c in PARTY_COLUMNS]})
    hs = [g for g in n.goods if _HS.match(g.strip())]
    words = [g for g in n.goods if not _HS.match(g.strip())]
    goods: list[dict[str, Any]] = []
    if hs:
        goods.append({"hs_code": {"prefix": [g.strip() for g in hs]}})
    if words:
        goods.append({"description": {"regex": _words_pattern(words)}})
    if goods:
        out.append(goods[0] if len(goods) == 1 else {"any": goods})
    if n.marks:
        canon = sorted({(marks or {}).get(m) or m for m in n.marks})
        out.append({"any_mark": {"in": canon}})
    if n.container:
        out.append({"container_no": {"in": [c.strip().upper() for c in n.container]}})
    if n.transport:
        out.append({"transport_id": {"in": [t.strip().upper() for t in n.transport]}})
    if n.offices:
        codes = sorted({code(o, offices) for o in n.offices})
        out.append({"any": [{"customs_office": {"in": codes}}, {"exit_office": {"in": codes}}]})
    if n.source_region:
        out.append({"goods_source_region": {"in": sorted({code(r, regions) for r in n.source_region})}})
    if n.destination:
        out.append({"destination_country": {"in": [d.strip().upper() for d in n.destination]}})
    if n.transport_modes:
        out.append({"transport_mode": {"in": list(n.transport_modes)}})
    if n.trade_mode_code:
        out.append({"trade_mode_code": {"in": [str(c).strip() for c in n.trade_mode_code]}})
    if lead.also:
        out.append(lead.also)
    return out


def lead_rule(
    lead: Lead,
    offices: dict[str, str] | None = None,
    marks: dict[str, str] | None = None,
    regions: dict[str, str] | None = None,
) -> dict:
    """The instruction of a lead as a rule mapping (family `intel`; tags say kind, source, reliability)."""
    rule: dict = {
        "id": lead.id,
        "title": lead.title,
        **({"title_zh": lead.title_zh} if lead.title_zh else {}),
        "family": "intel",
        "weight": lead.instruction_weight(),
        "when": {"all": lead_conditions(lead, offices, marks, regions)},
        "valid_from": lead.valid_from.isoformat(),
        "valid_to": lead.valid_to.isoformat(),
        "explain": lead.explain
        or f"{lead.kind.replace('_', ' ')} from a {lead.source.replace('_', ' ')} lead ({lead.id}): "
        "{description} of {trader_id} at {customs_office}",
        **({"explain_zh": lead.explain_zh} if lead.explain_zh else {}),
        "rationale": lead.rationale or f"Lead from {lead.informant or lead.source}, received {lead.received}.",
        "references": list(lead.references) or [f"lead {lead.id}"],
        "status": "retired" if lead.status == "retired" else "active",
        "tags": ["lead", lead.kind, lead.source, lead.reliability],
    }
    lane = lead.instruction_lane()
    if lane is not None:
        rule["lane"] = lane
    return rule


class Instruction(BaseModel):
    """A targeting instruction: the rule it scores through, and what the report and officers need."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: Kind
    source: Source | None
    issued_by: str
    valid_from: dt.date
    valid_to: dt.date
    inspection: str | None = None
    status: LeadStatus = "active"
    rule: dict

    @classmethod
    def from_lead(
        cls,
        lead: Lead,
        offices: dict[str, str] | None = None,
        marks: dict[str, str] | None = None,
        regions: dict[str, str] | None = None,
    ) -> Instruction:
        return cls(
            id=lead.id,
            kind=lead.kind,
            source=lead.source,
            issued_by=lead.issued_by,
            valid_from=lead.valid_from,
            valid_to=lead.valid_to,
            inspection=lead.inspection,
            status=lead.status,
            rule=lead_rule(lead, offices, marks, regions),
        )

    def in_force(self, on: dt.date) -> bool:
        return self.status == "active" and self.valid_from <= on <= self.valid_to
