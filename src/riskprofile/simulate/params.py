"""The simulator's parameter file (``scenarios/sim/2016.yaml``) as pydantic models.

Every block or item must say where its figures come from (``source``): a figure of the 2016 documents
(``000 ...``/``004 ...``/``Cnn``), ``assumption: ...`` or ``calibrated ...``. Loading rejects unknown keys,
probabilities outside [0, 1], weights that do not form a distribution, and references to offices,
goods or regions the file does not define.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import RiskProfileError
from ..model.vocab import CHANNELS, TRADE_MODES, TRADER_TYPES, Direction
from ..model.vocab import Channel as ChannelName

MODES = CHANNELS  # the simulator's channels
CONCEALMENTS = ("none", "undervaluation", "misdescription", "misclassification", "mixed", "door")
IP_KINDS = ("trademark", "patent", "copyright")

DEFAULT_PARAMS = Path("scenarios/sim/2016.yaml")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Sourced(_Model):
    """A scalar with its source."""

    value: Any
    source: str = Field(min_length=3)


class Prob(_Model):
    value: float = Field(ge=0.0, le=1.0)
    source: str = Field(min_length=3)


class Dist(_Model):
    """A discrete distribution ``{outcome: weight}`` (weights normalised on use) with its source."""

    weights: dict[str, float]
    source: str = Field(min_length=3)

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if isinstance(data, dict) and "weights" not in data:
            data = dict(data)
            src = data.pop("source", None)
            return {"weights": data, "source": src}
        return data

    @field_validator("weights")
    @classmethod
    def _positive(cls, v: dict[str, float]) -> dict[str, float]:
        if not v:
            raise ValueError("empty distribution")
        if any(w < 0 for w in v.values()) or sum(v.values()) <= 0:
            raise ValueError("weights must be >= 0 with a positive sum")
        return v

    def keys(self) -> list[str]:
        return list(self.weights)

    def probs(self) -> list[float]:
        tot = sum(self.weights.values())
        return [w / tot for w in self.weights.values()]


def _dist(v: dict[str, float]) -> tuple[list[str], list[float]]:
    tot = float(sum(v.values()))
    return list(v), [w / tot for w in v.values()]


class Target(_Model):
    key: str
    value: float = Field(ge=0.0, le=1.0)
    of: Literal["batches", "items"]
    source: str = Field(min_length=3)


class Region(_Model):
    code: str = Field(pattern=r"^CN-[A-Z]{2}$")
    weight: float = Field(gt=0)
    usual_offices: list[str] = Field(min_length=1)
    drift_offices: list[str] = Field(min_length=1)
    source: str = Field(min_length=3)


class Office(_Model):
    code: str = Field(pattern=r"^[A-Z]{5}$")
    name: str
    province: str
    modes: list[ChannelName]
    capacity: int = Field(ge=0, description="physical examinations a day at the reference volume")
    source: str = Field(min_length=3)


class Channel(_Model):
    share: float = Field(gt=0, le=1)
    import_share: float = Field(ge=0, le=1)
    lines: tuple[int, int]
    containers: tuple[int, int]
    agent_share: float = Field(ge=0, le=1)
    trade_modes: dict[str, float]
    source: str = Field(min_length=3)

    @field_validator("trade_modes")
    @classmethod
    def _tm(cls, v: dict[str, float]) -> dict[str, float]:
        bad = set(v) - set(TRADE_MODES)
        if bad:
            raise ValueError(f"unknown trade modes {sorted(bad)}")
        return v


class Traders(_Model):
    count: Sourced
    known_days: Sourced
    activity_sigma: Sourced
    types: dict[str, dict[str, float]]
    source: str
    remote_share: Prob


class Goods(_Model):
    key: str
    hs: str = Field(pattern=r"^\d{6,10}$")
    desc: list[str] = Field(min_length=1)
    unit: str
    usd: float = Field(gt=0)
    kg: float = Field(gt=0)
    weight: dict[str, float]
    source: str = Field(min_length=3)


class LegitBrands(_Model):
    values: list[str]
    weights: list[float]
    source: str


class LegitTrade(_Model):
    """Legitimate trade that shares surface features with the seizures (see the parameter file)."""

    mark_users: Prob  # share of legitimate traders (of goods with marks) that are authorised users of a mark
    parties: dict[str, list[str]]  # goods key -> ["MARK|party id", ...] from the recordation register
    parallel_imports: Prob  # share of legitimate import lines of marked goods declaring a genuine foreign mark
    parallel_goods: list[str] = Field(default_factory=list)  # goods keys imported as genuine branded goods
    mixed_loads: Prob  # share of legitimate sea/road/rail exports that are 1039 / 9710 mixed loads
    integrated_clearance: Prob  # share of legitimate exports leaving by another office than the lodging one
    # share of legitimate traders of marked goods, on no list, declaring a genuine recorded mark (contract
    # factories, unlisted plants of holders, resellers of genuine domestic brands)
    unlisted_mark_users: Prob | None = None
    unlisted_to_holder: Prob | None = None  # share of the unlisted mark users' exports shipped to the holder
    personal_marks: Prob | None = None  # share of individuals' parcel lines of marked goods with a genuine mark
    hs_digits: Dist | None = None  # how many digits of the HS code lines declare ({"10": w, "8": w, "6": w})
    source: str = Field(min_length=3)

    @field_validator("hs_digits")
    @classmethod
    def _digits(cls, v: Dist | None) -> Dist | None:
        if v is not None and not set(v.weights) <= {"6", "8", "10"}:
            raise ValueError(f"legit_trade.hs_digits: keys must be 6, 8 or 10, got {sorted(v.weights)}")
        return v

    @field_validator("parties")
    @classmethod
    def _pairs(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, pairs in v.items():
            bad = [x for x in pairs if x.count("|") != 1 or not all(x.split("|"))]
            if bad:
                raise ValueError(f"legit_trade.parties.{key}: write each entry as 'MARK|party id', got {bad}")
        return v


class Items(_Model):
    median: float = Field(ge=1)
    sigma: float = Field(ge=0)
    max: int = Field(ge=1)


class Detained(_Model):
    batches_per_10k: float = Field(gt=0)
    items_mean: float = Field(ge=1)


class Scheme(_Model):
    key: str
    detained: Detained
    weight: float = Field(gt=0)
    direction: Direction
    channels: dict[str, float]
    trader_types: dict[str, float]
    trade_modes: dict[str, float]
    goods: dict[str, float]
    destinations: dict[str, float] | None = None
    origins: dict[str, float] | None = None
    ip_kind: dict[str, float]
    items: Items
    concealment: dict[str, float]
    on_application: float = Field(ge=0, le=1)
    on_application_items_factor: float = Field(default=1.0, gt=0)
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _check(self) -> Scheme:
        for name, allowed, d in (
            ("channels", MODES, self.channels),
            ("trader_types", TRADER_TYPES, self.trader_types),
            ("trade_modes", TRADE_MODES, self.trade_modes),
            ("ip_kind", IP_KINDS, self.ip_kind),
            ("concealment", CONCEALMENTS, self.concealment),
        ):
            bad = set(d) - set(allowed)
            if bad:
                raise ValueError(f"scheme {self.key}: unknown {name} {sorted(bad)}")
        if self.direction == "export" and not self.destinations:
            raise ValueError(f"scheme {self.key}: an export scheme needs destinations")
        if self.direction == "import" and not self.origins:
            raise ValueError(f"scheme {self.key}: an import scheme needs origins")
        return self


class Infringement(_Model):
    rate: Prob
    known_days: Sourced
    actors_per_1000: Sourced
    lookalike_share: Prob
    undervalue: dict[str, Any]
    schemes: list[Scheme] = Field(min_length=1)


class Inspection(_Model):
    yellow_exam_rate: Prob
    detect: dict[str, Any]
    concealment_factor: dict[str, Any]
    control_detect: Prob
    on_application_detect: Prob
    priority: list[str]
    priority_source: str

    @field_validator("detect", "concealment_factor")
    @classmethod
    def _probs(cls, v: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(v.get("source"), str):
            raise ValueError("needs a source")
        for k, p in v.items():
            if k != "source" and not (0.0 <= float(p) <= 1.0):
                raise ValueError(f"{k}: probability {p} outside [0, 1]")
        return v

    def detect_prob(self, mode: str) -> float:
        return float(self.detect[mode])

    def factor(self, concealment: str) -> float:
        return float(self.concealment_factor[concealment])


class ControlGroup(_Model):
    """The random control group: confidence of its estimates and how they are computed."""

    confidence: Sourced
    method: Sourced


class Adaptation(_Model):
    enabled: Sourced
    own_seizure: Prob
    peer_seizure: Prob
    peer_cap: Prob
    shifts: dict[str, Any]
    channel_split: Sourced
    history_weeks: Sourced


class SimParams(_Model):
    name: str
    year: int
    start: dt.date
    source: str
    targets: list[Target]
    tolerance: Prob
    regions: list[Region]
    capacity_reference_per_day: Sourced
    offices: list[Office]
    channels: dict[str, Channel]
    legit_port_switch: Prob
    traders: Traders
    export_destinations: Dist
    import_origins: Dist
    road_destinations: Dist
    fx: dict[str, Any]
    cny_share: Prob
    goods: list[Goods]
    goods_source: str
    legit_brands: LegitBrands
    legit_trade: LegitTrade | None = None
    value_noise: Sourced
    infringement: Infringement
    marks: dict[str, Any]
    lookalikes: dict[str, Any]
    covers: dict[str, Any]
    misclassify_hs: Sourced
    inspection: Inspection
    control: ControlGroup
    adaptation: Adaptation

    @model_validator(mode="after")
    def _refs(self) -> SimParams:
        offices = {o.code for o in self.offices}
        goods = {g.key for g in self.goods}
        for r in self.regions:
            for c in r.usual_offices + r.drift_offices:
                if c not in offices:
                    raise ValueError(f"region {r.code}: unknown office {c}")
            if set(r.usual_offices) & set(r.drift_offices):
                raise ValueError(f"region {r.code}: a drift office cannot be a usual office")
        if set(self.channels) != set(MODES):
            raise ValueError(f"channels must be exactly {MODES}")
        for g in self.goods:
            bad = set(g.weight) - set(MODES)
            if bad:
                raise ValueError(f"goods {g.key}: unknown modes {sorted(bad)}")
        for s in self.infringement.schemes:
            bad = set(s.goods) - goods
            if bad:
                raise ValueError(f"scheme {s.key}: unknown goods {sorted(bad)}")
        if self.legit_trade is not None:
            bad = (set(self.legit_trade.parties) | set(self.legit_trade.parallel_goods)) - goods
            if bad:
                raise ValueError(f"legit_trade.parties: unknown goods {sorted(bad)}")
        used = {k for s in self.infringement.schemes for k in s.goods}
        for k in sorted(used):
            if k not in self.marks:
                raise ValueError(f"marks: no entry for goods {k}")
            if k not in self.covers:
                raise ValueError(f"covers: no entry for goods {k}")
            if self.covers[k] not in goods:
                raise ValueError(f"covers: {k} -> unknown goods {self.covers[k]}")
        for m in MODES:
            if m not in self.inspection.detect:
                raise ValueError(f"inspection.detect: no value for {m}")
            if not any(m in o.modes for o in self.offices):
                raise ValueError(f"no office handles {m}")
        for c in CONCEALMENTS:
            if c not in self.inspection.concealment_factor:
                raise ValueError(f"inspection.concealment_factor: no value for {c}")
        return self

    # helpers ---------------------------------------------------------------------------------
    def office(self, code: str) -> Office:
        for o in self.offices:
            if o.code == code:
                return o
        raise KeyError(code)

    def target(self, key: str) -> Target:
        for t in self.targets:
            if t.key == key:
                return t
        raise KeyError(key)

    def scheme(self, key: str) -> Scheme:
        for s in self.infringement.schemes:
            if s.key == key:
                return s
        raise KeyError(key)


class ParamsError(RiskProfileError, ValueError):
    """A simulator parameter file that cannot be read or does not validate."""


def load_params(path: str | Path = DEFAULT_PARAMS) -> SimParams:
    """Read and validate a parameter file. Raises `ParamsError` (a `ValueError`) with the file name on any problem."""
    from ruamel.yaml import YAML

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParamsError(f"{p}: cannot read parameter file: {exc}", file=p) from exc
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except Exception as exc:  # noqa: BLE001 - any YAML error is bad input
        raise ParamsError(f"{p}: not valid YAML: {exc}", file=p) from exc
    if not isinstance(data, dict):
        raise ParamsError(f"{p}: expected a mapping at the top level", file=p)
    try:
        return SimParams.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError
        raise ParamsError(f"{p}: {exc}", file=p) from exc
