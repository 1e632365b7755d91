"""The vocabulary of declarations and rules, spelt once: directions, transport modes (channels), trade modes,
trader types and lanes, as typed literals and as tuples in their documented order (DESIGN.md)."""

from __future__ import annotations

from typing import Literal, get_args

Direction = Literal["import", "export"]
#: The transport modes goods actually travel by (the simulator's channels).
Channel = Literal["sea", "air", "road", "rail", "postal", "express"]
TransportMode = Literal[Channel, "other"]
TradeMode = Literal["general", "cross_border_ecommerce", "border_trade", "processing", "other"]
TraderType = Literal["manufacturer", "trading_company", "trade_service_platform", "individual", "other"]
Lane = Literal["green", "yellow", "red"]

DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
TRANSPORT_MODES: tuple[TransportMode, ...] = get_args(TransportMode)
CHANNELS: tuple[Channel, ...] = get_args(Channel)
TRADE_MODES: tuple[TradeMode, ...] = get_args(TradeMode)
TRADER_TYPES: tuple[TraderType, ...] = get_args(TraderType)
LANES: tuple[Lane, ...] = get_args(Lane)
#: Lane severity: green 0 < yellow 1 < red 2.
LANE_RANK: dict[str, int] = {lane: i for i, lane in enumerate(LANES)}

#: Declaration columns with a closed set of values.
ENUMS: dict[str, tuple[str, ...]] = {
    "direction": DIRECTIONS,
    "transport_mode": TRANSPORT_MODES,
    "trade_mode": TRADE_MODES,
    "trader_type": TRADER_TYPES,
}
