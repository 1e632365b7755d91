"""Named lists (`rules/lists/*.yaml`): one item model per kind."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .vocab import Direction


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    source: str | None = None
    estimate: bool = False
    note: str | None = None


class ValueItem(_Item):
    value: str

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, v: Any) -> Any:
        return {"value": v} if isinstance(v, (str, int, float)) else v


class MarkItem(_Item):
    """One recordation (知识产权海关保护备案) of a mark, patent or copyright.

    The parties allowed to use it are the holder (`holder_id`, or the legacy `holder_ids`), its group
    companies (`group_ids`: plants, subsidiaries, joint ventures) and its licensees (`licensee_ids`:
    licensed and contract (OEM) factories); `group_names` and `licensee_names` name them (and overseas
    licensees and distributors of the holder) as a trader or an overseas party is written on a declaration.
    `aliases` are correct forms (other scripts, romanisations, sub-brands) matched like the mark;
    `abbreviations` (TI, VW, CK) count only as the whole declared brand and only on the mark's `goods`.
    Outside `valid_from`..`valid_to` the recordation is not in force.
    `regions`: the provinces (region codes) where the holder and its group companies make the goods.
    """

    mark: str
    recordation: str | None = None
    right: Literal["trademark", "patent", "copyright"] = "trademark"
    aliases: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    holder: str | None = None
    holder_id: str | None = None
    holder_ids: list[str] = Field(default_factory=list)
    group_ids: list[str] = Field(default_factory=list)
    licensee_ids: list[str] = Field(default_factory=list)
    group_names: list[str] = Field(default_factory=list)
    licensee_names: list[str] = Field(default_factory=list)
    origin: Literal["domestic", "foreign"] | None = None
    regions: list[str] = Field(default_factory=list)
    goods: list[str] = Field(default_factory=list)
    in_description: bool = True
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def holder_key(self) -> str | None:
        """The holder's own id: `holder_id`, else the first of `holder_ids`."""
        return self.holder_id or (self.holder_ids[0] if self.holder_ids else None)

    @property
    def parties(self) -> list[str]:
        """Every id allowed to use the mark: holder, group companies, licensees (upper-case, unique)."""
        ids = [self.holder_id or "", *self.holder_ids, *self.group_ids, *self.licensee_ids]
        return list(dict.fromkeys(i.strip().upper() for i in ids if i and i.strip()))

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


class PreconfirmationItem(_Item):
    """A pre-confirmation (知识产权状况预确认, 000 §五): customs confirmed the IP status of a trader's orders
    for a mark, so its declarations of that mark (of that order, when `order_ref` is given; on those
    `goods`, when given) are not infringement suspects within the validity."""

    trader_id: str
    mark: str
    order_ref: str | None = None
    goods: list[str] = Field(default_factory=list)
    office: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class OfficeItem(_Item):
    code: str
    name: str | None = None
    name_zh: str | None = None
    aliases: list[str] = Field(default_factory=list)
    province: str | None = None
    kind: str | None = None
    #: Countries a land-border office is the crossing to (ISO alpha-2): its natural destinations.
    borders: list[str] = Field(default_factory=list)


class RegionItem(_Item):
    code: str
    name: str | None = None
    name_zh: str | None = None
    aliases: list[str] = Field(default_factory=list)
    usual_offices: list[str] = Field(default_factory=list)
    #: Economic zone of the region: trading companies buy across the provinces of one zone as a matter of course.
    zone: str | None = None
    #: Provinces it borders (region codes): their trading companies buy there as a matter of course.
    neighbours: list[str] = Field(default_factory=list)
    #: One-character abbreviations (简称: 浙, 渝, 皖), matched only as the whole value.
    abbreviations: list[str] = Field(default_factory=list)
    #: Its cities and towns as declarations write them (丽水, Lishui, 晋江): each resolves to the province.
    cities: list[str] = Field(default_factory=list)


class OfficeGoodsItem(_Item):
    office: str
    hs_prefixes: list[str] = Field(min_length=1)


class CampaignItem(_Item):
    name: str
    #: What the operation is called, for people (drills show the operations in force at lodging).
    title: str | None = None
    title_zh: str | None = None
    valid_from: dt.date
    valid_to: dt.date
    direction: Direction | None = None
    destinations: list[str] | None = None
    origins: list[str] | None = None
    goods: list[str] | None = None
    transport_modes: list[Literal["sea", "air", "road", "rail", "postal", "express", "other"]] | None = None
    #: With `rule` and `weight` the campaign is also a standing rule of the `campaign` family (built by
    #: the loader): inside the window, on the campaign's direction, channels, destinations, origins and
    #: goods, when the optional extra condition `when` holds.
    rule: str | None = None
    rule_title: str | None = None
    rule_title_zh: str | None = None
    weight: float | None = None
    lane: Literal["green", "yellow", "red"] | None = None
    when: dict[str, Any] | None = None
    explain: str | None = None
    explain_zh: str | None = None
    rationale: str | None = None
    references: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _window(self) -> CampaignItem:
        if self.valid_to < self.valid_from:
            raise ValueError(f"campaign {self.name}: valid_to is before valid_from")
        if (self.rule is None) != (self.weight is None):
            raise ValueError(f"campaign {self.name}: `rule` and `weight` go together (a scoring campaign needs both)")
        return self


class ReferenceValueItem(_Item):
    """What goods of an HS prefix usually cost (`usd` per `per`) and weigh (`kg_per_unit`), or either.

    With `keywords` the reference describes the goods a description names (engine oil under 2710,
    slippers under 64, trousers under 62) and applies only to lines whose description names one of
    them; such a reference is preferred to one without keywords. Among references that apply, the
    longest prefix wins, then the first listed. Value and mass are looked up separately: the best
    reference that has a value gives the value, the best that has a mass range gives the mass range."""

    heading: str
    usd: float | None = Field(default=None, gt=0)
    per: Literal["kg", "unit"] = "kg"
    #: Usual net mass of one unit of these goods, [low, high] in kg (for `per: unit` goods).
    kg_per_unit: tuple[float, float] | None = None
    #: Words (any language) naming the goods this reference is for, matched like `hs_keywords`
    #: (Latin words whole, Chinese as written, case-insensitive).
    keywords: list[str] = Field(default_factory=list)
    #: Words naming other goods declared under the same code (base oil under the lubricating-oil line): a
    #: line whose description contains one is not compared with this reference (case-insensitive).
    excludes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _mass(self) -> ReferenceValueItem:
        if self.usd is None and self.kg_per_unit is None:
            raise ValueError(f"reference {self.heading}: give `usd`, `kg_per_unit` or both")
        if self.kg_per_unit is not None and not 0 < self.kg_per_unit[0] <= self.kg_per_unit[1]:
            raise ValueError(f"reference {self.heading}: kg_per_unit must be [low, high] with 0 < low <= high")
        return self


class KeywordsItem(_Item):
    """Words naming goods of an HS prefix. `whole`: words that name them only as the whole description
    (包 alone is a bag; inside 面包, 包装 or 红包 it is not)."""

    heading: str
    keywords: list[str] = Field(default_factory=list)
    whole: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _some(self) -> KeywordsItem:
        if not self.keywords and not self.whole:
            raise ValueError(f"hs_keywords {self.heading}: give `keywords`, `whole` or both")
        return self


class PenaltyItem(_Item):
    """A trader's IP infringement record: an administrative `penalty`, or a seizure the right holder
    `confirmed` as infringing (not a penalty). Both count in the trader's infringement history."""

    trader_id: str
    date: dt.date
    office: str | None = None
    goods: str | None = None
    kind: Literal["trademark", "patent", "copyright"] = "trademark"
    record: Literal["penalty", "confirmed"] = "penalty"


class FxItem(_Item):
    currency: str
    usd: float = Field(gt=0)


ITEM_MODELS: dict[str, type[BaseModel]] = {
    "set": ValueItem,
    "prefix_set": ValueItem,
    "marks": MarkItem,
    "offices": OfficeItem,
    "regions": RegionItem,
    "office_goods": OfficeGoodsItem,
    "campaigns": CampaignItem,
    "reference_values": ReferenceValueItem,
    "hs_keywords": KeywordsItem,
    "penalties": PenaltyItem,
    "fx_rates": FxItem,
    "preconfirmations": PreconfirmationItem,
}
#: What `in_list` compares with, per list kind.
MEMBER_KEY: dict[str, str] = {
    "set": "value",
    "prefix_set": "value",
    "marks": "mark",
    "offices": "code",
    "regions": "code",
}


class NamedList(BaseModel):
    """A named list file."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Literal[tuple(ITEM_MODELS)]  # type: ignore[valid-type]
    description: str | None = None
    source: str | None = None
    match: Literal["exact", "prefix"] | None = None
    items: list[Any] = Field(default_factory=list)
    items_from: list[str] = Field(default_factory=list)  # CSV files (relative to the list file) adding items

    @model_validator(mode="after")
    def _items(self) -> NamedList:
        model = ITEM_MODELS[self.kind]
        self.items = [it if isinstance(it, model) else model.model_validate(it) for it in self.items]
        return self

    def members(self) -> list[str]:
        """The values `in_list` compares with."""
        key = MEMBER_KEY.get(self.kind)
        return [] if key is None else [str(getattr(it, key)) for it in self.items]

    @property
    def prefix_match(self) -> bool:
        return self.match == "prefix" or (self.match is None and self.kind == "prefix_set")


def with_penalties(lists: dict[str, NamedList], penalties: list) -> dict[str, NamedList]:
    """The lists with `penalties` appended to the `penalties` list (created when absent)."""
    if not penalties:
        return lists
    base = lists.get("penalties")
    items = list(base.items) if base else []
    return {**lists, "penalties": NamedList(name="penalties", kind="penalties", items=items + list(penalties))}
