"""Builders for tests: a declaration with every header column from a few arguments, and goods lines
prepared for features without rules (what a feature computes, line by line)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import polars as pl

from ..engine.profile import Profile
from ..model.lists import NamedList
from ..model.rules import ProfileConfig

#: The order of a goods line given as a tuple: `("6404190000", "casual shoes", "NO BRAND", 3000, 6000, 1200)`.
LINE_KEYS = ("hs_code", "description", "brand", "quantity", "value", "net_mass_kg", "unit")


def declaration(
    decl_id: str,
    *,
    lines: Iterable[Sequence[Any] | Mapping[str, Any]],
    date: str = "2016-03-10",
    direction: str = "export",
    office: str = "CNSHA",
    mode: str = "sea",
    trade: str = "general",
    trader: str = "T-1",
    ttype: str = "trading_company",
    region: str = "CN-ZJ",
    source: str | None = None,
    origin: str = "CN",
    dest: str = "US",
    declarant: str | None = None,
    unit: str | None = "PCS",
    **extra: Any,
) -> dict[str, Any]:
    """A declaration as nested data (`Profile.score` takes a list of them; `Declaration.model_validate`
    one): every DESIGN header column, `source` defaulting to the trader's `region`, the departure country
    the origin for an import and CN for an export. A line is a mapping or a tuple in `LINE_KEYS` order;
    a line without currency is in USD, one without unit in `unit` (None: left without). `extra`: optional
    or extra header columns."""
    return {
        "decl_id": decl_id,
        "declared_at": date,
        "direction": direction,
        "customs_office": office,
        "transport_mode": mode,
        "trade_mode": trade,
        "declarant_id": declarant or trader,
        "trader_id": trader,
        "trader_type": ttype,
        "trader_region": region,
        "goods_source_region": source or region,
        "origin_country": origin,
        "destination_country": dest,
        "departure_country": origin if direction == "import" else "CN",
        "n_containers": 1,
        **extra,
        "lines": [{**({"unit": unit} if unit else {}), "currency": "USD", **_line(ln)} for ln in lines],
    }


def _line(ln: Sequence[Any] | Mapping[str, Any]) -> dict[str, Any]:
    return dict(ln) if isinstance(ln, Mapping) else dict(zip(LINE_KEYS, ln, strict=False))


def prepared_lines(
    rows: Iterable[Mapping[str, Any]],
    features: set[str],
    lists: dict[str, NamedList] | None = None,
    **base: Any,
) -> list[dict[str, Any]]:
    """`rows` (goods-line fields over `base`; a row without `decl_id` is a declaration of its own, named by
    its index) prepared by a profile without rules over `lists` (default: `strategies.sample_lists()`):
    the lines with the derived `features`, in input order."""
    from .strategies import sample_lists

    frame = pl.DataFrame([{**base, "decl_id": str(i), **r} for i, r in enumerate(rows)])
    profile = Profile(ProfileConfig(), [], lists if lists is not None else sample_lists())
    return profile.prepare(frame, features=features).lines.to_dicts()


__all__ = ["LINE_KEYS", "declaration", "prepared_lines"]
