"""Declaration models (header + goods lines) and the matching polars schema."""

from __future__ import annotations

import datetime as dt

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from .vocab import ENUMS as ENUMS  # re-exported: the closed-value columns
from .vocab import Direction, TradeMode, TraderType, TransportMode

HEADER_SCHEMA: dict[str, pl.DataType] = {
    "decl_id": pl.String(),
    "declared_at": pl.Date(),
    "direction": pl.String(),
    "customs_office": pl.String(),
    "transport_mode": pl.String(),
    "trade_mode": pl.String(),
    "declarant_id": pl.String(),
    "trader_id": pl.String(),
    "trader_type": pl.String(),
    "trader_region": pl.String(),
    "goods_source_region": pl.String(),
    "origin_country": pl.String(),
    "destination_country": pl.String(),
    "departure_country": pl.String(),
    "n_containers": pl.Int64(),
}
LINE_SCHEMA: dict[str, pl.DataType] = {
    "item_no": pl.Int64(),
    "hs_code": pl.String(),
    "description": pl.String(),
    "brand": pl.String(),
    "quantity": pl.Float64(),
    "unit": pl.String(),
    "value": pl.Float64(),
    "currency": pl.String(),
    "net_mass_kg": pl.Float64(),
}
#: The public goods-line frame: one row per goods line, header fields repeated.
DECLARATION_SCHEMA: dict[str, pl.DataType] = {**HEADER_SCHEMA, **LINE_SCHEMA}
#: Optional header columns (DESIGN): used by rules when present, null when absent.
OPTIONAL_SCHEMA: dict[str, pl.DataType] = {
    "overseas_party": pl.String(),  # overseas consignee of an export, consignor of an import
    "producer_id": pl.String(),  # domestic producer or seller behind the trader
    "exit_office": pl.String(),  # port of exit/entry when it differs from customs_office
    "trade_mode_code": pl.String(),  # China trade-mode code: 0110 general, 1039 market procurement, 9610 ...
    "container_no": pl.String(),
    "transport_id": pl.String(),  # vessel/voyage, flight, vehicle
    "order_ref": pl.String(),  # contract or order number, matched against pre-confirmations
}
REQUIRED_COLUMNS: tuple[str, ...] = ("decl_id", "declared_at", "direction", "hs_code")


class GoodsLine(BaseModel):
    """One goods line of a declaration."""

    model_config = ConfigDict(extra="allow")

    item_no: int | None = None
    hs_code: str = Field(pattern=r"^\d{4,10}$")
    description: str | None = None
    brand: str | None = None
    quantity: float | None = Field(default=None, ge=0)
    unit: str | None = None
    value: float | None = Field(default=None, ge=0)
    currency: str | None = None
    net_mass_kg: float | None = Field(default=None, ge=0)


class Declaration(BaseModel):
    """A declaration as lodged: header fields and its goods lines."""

    model_config = ConfigDict(extra="allow")

    decl_id: str
    declared_at: dt.date
    direction: Direction
    customs_office: str | None = None
    transport_mode: TransportMode | None = None
    trade_mode: TradeMode | None = None
    declarant_id: str | None = None
    trader_id: str | None = None
    trader_type: TraderType | None = None
    trader_region: str | None = None
    goods_source_region: str | None = None
    origin_country: str | None = None
    destination_country: str | None = None
    departure_country: str | None = None
    n_containers: int | None = Field(default=None, ge=0)
    overseas_party: str | None = None
    producer_id: str | None = None
    exit_office: str | None = None
    trade_mode_code: str | None = None
    container_no: str | None = None
    transport_id: str | None = None
    order_ref: str | None = None
    lines: list[GoodsLine] = Field(min_length=1)

    def rows(self) -> list[dict]:
        """The declaration as goods-line rows (header repeated)."""
        header = self.model_dump(exclude={"lines"})
        header = {k: v for k, v in header.items() if k not in OPTIONAL_SCHEMA or v is not None}
        out = []
        for i, line in enumerate(self.lines, start=1):
            row = {**header, **line.model_dump()}
            if row.get("item_no") is None:
                row["item_no"] = i
            out.append(row)
        return out


def declarations_to_frame(declarations: list[Declaration | dict]) -> pl.DataFrame:
    """Goods-line frame (DESIGN columns, raw strings kept for normalisation) from declarations."""
    rows: list[dict] = []
    for d in declarations:
        decl = d if isinstance(d, Declaration) else Declaration.model_validate(d)
        rows.extend(decl.rows())
    if not rows:
        return pl.DataFrame(schema={k: pl.String() for k in DECLARATION_SCHEMA})
    keys: dict[str, None] = {}
    for r in rows:
        keys.update(dict.fromkeys(r))
    data = {k: [None if r.get(k) is None else str(r.get(k)) for r in rows] for k in keys}
    return pl.DataFrame(data, schema={k: pl.String() for k in keys})
