"""Synthetic goods lines for benchmarks and tests: vectorised, seeded, drawn from the profile's lists."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from ..model.lists import NamedList
from ..model.vocab import CHANNELS, TRADER_TYPES

_MODES = np.array(CHANNELS)
_MODE_P = np.array([0.45, 0.12, 0.05, 0.02, 0.26, 0.10])
_COUNTRIES = np.array(["US", "DE", "GB", "JP", "KR", "MX", "AR", "BR", "VN", "NP", "SG", "NG", "RU", "AU", "FR", "IT"])
_TYPES = np.array([t for t in TRADER_TYPES if t != "other"])
_PLAIN_BRANDS = np.array(
    [
        "NO BRAND",
        "",
        "ACME",
        "HUALI",
        "SUNRISE",
        "GOLDEN BEE",
        "DAFENG",
        "OCEANSTAR",
        "LUCKY",
        "N/M",
        "EVERBRIGHT",
        "MINGYANG",
    ]
)


def _codes(lists: dict[str, NamedList], name: str, attr: str, fallback: list[str]) -> np.ndarray:
    lst = lists.get(name)
    vals = [str(getattr(it, attr)) for it in lst.items] if lst else []
    return np.array(vals or fallback)


def goods_lines(
    n_lines: int,
    lists: dict[str, NamedList],
    seed: int = 7,
    start: dt.date = dt.date(2016, 1, 1),
    days: int = 366,
    traders: int | None = None,
) -> pl.DataFrame:
    """About `n_lines` goods lines (whole declarations) in the public columns."""
    rng = np.random.default_rng(seed)
    per_decl = 1 + rng.geometric(0.6, size=max(1, int(n_lines / 1.6))) - 1
    per_decl = np.clip(per_decl, 1, 12)
    cum = np.cumsum(per_decl)
    per_decl = per_decl[: int(np.searchsorted(cum, n_lines)) + 1]
    per_decl[-1] -= max(0, int(per_decl.sum()) - n_lines)
    per_decl = per_decl[per_decl > 0]
    n_decl = len(per_decl)
    decl_idx = np.repeat(np.arange(n_decl), per_decl)
    n = len(decl_idx)

    offices = _codes(lists, "offices", "code", ["CNSHA", "CNNGB", "CNSZX", "CNHUA", "CNTSN"])
    regions = _codes(lists, "regions", "code", ["CN-ZJ", "CN-GD", "CN-JS", "CN-FJ", "CN-SH"])
    marks = _codes(lists, "recorded_marks", "mark", ["NIKE", "ADIDAS"])
    hs_pool = np.array(
        sorted(
            {
                *(it.heading for it in (lists["reference_values"].items if "reference_values" in lists else [])),
                *(it.heading for it in (lists["hs_keywords"].items if "hs_keywords" in lists else [])),
                "6403",
                "6404",
                "8301",
                "8452",
                "2710",
                "3403",
                "8542",
                "9004",
                "6505",
                "4202",
                "8711",
                "9507",
                "6110",
                "8517",
                "9503",
            }
        )
    )
    hs_pool = np.array([h for h in hs_pool if len(h) >= 4])
    n_traders = traders or max(10, n_decl // 20)

    trader = rng.integers(0, n_traders, n_decl)
    home = rng.integers(0, len(regions), n_traders)
    office = np.where(rng.random(n_decl) < 0.8, home[trader] % len(offices), rng.integers(0, len(offices), n_decl))
    mode = rng.choice(_MODES, size=n_decl, p=_MODE_P)
    export = rng.random(n_decl) < 0.85
    date0 = np.datetime64(start)
    dates = date0 + rng.integers(0, days, n_decl).astype("timedelta64[D]")

    # A realistic tariff: a few thousand national lines in use, not a new code per line.
    pool_heading = rng.choice(hs_pool, size=3000)
    # 10-digit national codes (a listed subheading keeps its 6 digits; 4 more are drawn)
    suffix = np.char.zfill(rng.integers(0, 999999, 3000).astype(str), 6)
    pool_codes = np.array([(h + s)[:10] for h, s in zip(pool_heading.astype(str), suffix, strict=True)])
    pick = rng.integers(0, 3000, n)
    heading, hs = pool_heading[pick], pool_codes[pick]
    branded = rng.random(n) < 0.12
    brand = np.where(branded, rng.choice(marks, size=n), rng.choice(_PLAIN_BRANDS, size=n))
    qty = np.round(rng.lognormal(6, 1.5, n))
    mass = np.round(qty * rng.lognormal(-1, 1, n), 1)
    value = np.round(mass * rng.lognormal(1.5, 1, n), 2)

    header = {
        "decl_id": np.char.add("B", np.arange(n_decl).astype(str)),
        "declared_at": dates,
        "direction": np.where(export, "export", "import"),
        "customs_office": offices[office],
        "transport_mode": mode,
        "trade_mode": np.where(mode == "postal", "cross_border_ecommerce", "general"),
        "declarant_id": np.char.add("D", rng.integers(0, max(5, n_traders // 5), n_decl).astype(str)),
        "trader_id": np.char.add("T", trader.astype(str)),
        "trader_type": rng.choice(_TYPES, size=n_decl, p=[0.45, 0.45, 0.05, 0.05]),
        "trader_region": regions[home[trader]],
        "goods_source_region": regions[home[trader]],
        "origin_country": np.where(export, "CN", rng.choice(_COUNTRIES, size=n_decl)),
        "destination_country": np.where(export, rng.choice(_COUNTRIES, size=n_decl), "CN"),
        "departure_country": np.where(export, "CN", rng.choice(_COUNTRIES, size=n_decl)),
        "n_containers": rng.integers(0, 4, n_decl),
    }
    frame = pl.DataFrame({k: v[decl_idx] for k, v in header.items()})
    item_no = np.arange(n) - np.repeat(np.cumsum(per_decl) - per_decl, per_decl) + 1
    return frame.with_columns(
        pl.Series("item_no", item_no, dtype=pl.Int64),
        pl.Series("hs_code", hs),
        pl.Series("description", np.char.add("goods of heading ", heading.astype(str))),
        pl.Series("brand", brand),
        pl.Series("quantity", qty),
        pl.Series("unit", np.full(n, "PCS")),
        pl.Series("value", value),
        pl.Series("currency", np.full(n, "USD")),
        pl.Series("net_mass_kg", mass),
    )
