"""Hypothesis strategies for property-testing riskprofile and profiles built on it.

    from hypothesis import given
    from riskprofile.testing import strategies as rps

    @given(rps.profiles(), rps.declaration_batches())
    def test_my_invariant(profile, decls): ...

Vocabularies are deliberately small so that generated declarations share traders, offices, brands
and dates: history features and rule combinations then actually happen.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import strategies as st

from ..model.declaration import ENUMS, Declaration, GoodsLine
from ..model.lists import NamedList
from ..model.rules import LANES, ProfileConfig, Rule

OFFICES = ["CNNGB", "CNSHA", "CNSZX", "CNPEK"]
REGIONS = ["CN-ZJ", "CN-GD", "CN-FJ", "CN-BJ"]
COUNTRIES = ["CN", "US", "MX", "VN", "SG", "NP"]
TRADERS = ["T1", "T2", "T3", "T4", "T5"]
HS_CODES = ["8301400000", "6403990000", "6404190000", "2710199100", "8542390000", "4202210000", "9004100000"]
BRANDS = ["", "NO BRAND", "TRI-CIRCLE", "TRI-CYIRCELE", "三环", "SHELL", "壳牌", "Converse", "ACME", "SINGER"]
DESCRIPTIONS = [
    "padlocks",
    "casual shoes",
    "lubricating oil",
    "integrated circuits",
    "handbags",
    "sunglasses",
    "Shell engine oil",
    "sewing machine heads",
]


def sample_lists() -> dict[str, NamedList]:
    """Small lists covering every list kind the engine reads, for generated profiles."""
    raw = [
        {
            "name": "recorded_marks",
            "kind": "marks",
            "items": [
                {
                    "mark": "TRI-CIRCLE",
                    "aliases": ["三环", "SAN HUAN"],
                    "holder_ids": ["T1"],
                    "goods": ["8301"],
                    "origin": "domestic",
                },
                {"mark": "SHELL", "aliases": ["壳牌"], "goods": ["2710", "3403"], "origin": "foreign"},
                {"mark": "CONVERSE", "aliases": ["ALL STAR"], "goods": ["64"], "origin": "foreign"},
                {"mark": "SINGER", "goods": ["8452"], "origin": "foreign", "licensee_ids": ["T2"]},
            ],
        },
        {
            "name": "offices",
            "kind": "offices",
            "items": [
                {"code": "CNNGB", "name": "Ningbo", "aliases": ["Beilun"], "province": "CN-ZJ"},
                {"code": "CNSHA", "name": "Shanghai", "province": "CN-SH"},
                {"code": "CNSZX", "name": "Shenzhen", "province": "CN-GD"},
                {"code": "CNPEK", "name": "Beijing Capital Airport", "province": "CN-BJ"},
            ],
        },
        {
            "name": "regions",
            "kind": "regions",
            "items": [
                {"code": "CN-ZJ", "name": "Zhejiang", "usual_offices": ["CNNGB", "CNSHA"]},
                {"code": "CN-GD", "name": "Guangdong", "usual_offices": ["CNSZX"]},
                {"code": "CN-FJ", "name": "Fujian", "usual_offices": ["CNSHA"]},
            ],
        },
        {"name": "office_goods", "kind": "office_goods", "items": [{"office": "CNNGB", "hs_prefixes": ["8301"]}]},
        {
            "name": "campaigns",
            "kind": "campaigns",
            "items": [
                {
                    "name": "us-joint",
                    "valid_from": "2016-03-01",
                    "valid_to": "2016-04-30",
                    "direction": "export",
                    "destinations": ["US"],
                }
            ],
        },
        {
            "name": "reference_values",
            "kind": "reference_values",
            "items": [{"heading": "2710", "usd": 2.5, "per": "kg"}, {"heading": "8301", "usd": 1.2, "per": "unit"}],
        },
        {
            "name": "hs_keywords",
            "kind": "hs_keywords",
            "items": [
                {"heading": "8301", "keywords": ["padlock", "padlocks"]},
                {"heading": "64", "keywords": ["shoes"]},
                {"heading": "4202", "keywords": ["handbags"]},
                {"heading": "2710", "keywords": ["oil"]},
            ],
        },
        {"name": "penalties", "kind": "penalties", "items": [{"trader_id": "T3", "date": "2015-06-01"}]},
        {
            "name": "fx_rates",
            "kind": "fx_rates",
            "items": [{"currency": "USD", "usd": 1.0}, {"currency": "CNY", "usd": 0.15}],
        },
        {"name": "health_safety", "kind": "prefix_set", "items": ["2710", "3403", "8542", "3004"]},
        {"name": "key_destinations", "kind": "set", "items": ["US", "MX"]},
    ]
    return {d["name"]: NamedList.model_validate(d) for d in raw}


@functools.cache
def goods_lines() -> st.SearchStrategy[GoodsLine]:
    """One goods line from a small vocabulary (nullable value fields included)."""
    return st.builds(
        GoodsLine,
        hs_code=st.sampled_from(HS_CODES),
        description=st.sampled_from(DESCRIPTIONS) | st.none(),
        brand=st.sampled_from(BRANDS) | st.none(),
        quantity=st.none() | st.integers(1, 5000).map(float),
        unit=st.just("PCS"),
        value=st.none() | st.integers(0, 100000).map(float),
        currency=st.sampled_from(["USD", "CNY"]),
        net_mass_kg=st.none() | st.integers(0, 20000).map(float),
    )


@st.composite
def declarations(draw, decl_id: str | None = None, min_lines: int = 1, max_lines: int = 4) -> Declaration:
    """A declaration (header + goods lines) in 2015-2016."""
    return Declaration(
        decl_id=decl_id or draw(st.text("ABCDEFGHJK0123456789", min_size=4, max_size=8)),
        declared_at=draw(st.dates(dt.date(2015, 1, 1), dt.date(2016, 12, 31))),
        direction=draw(st.sampled_from(ENUMS["direction"])),
        customs_office=draw(st.sampled_from(OFFICES)),
        transport_mode=draw(st.sampled_from(ENUMS["transport_mode"])),
        trade_mode=draw(st.sampled_from(ENUMS["trade_mode"])),
        declarant_id=draw(st.sampled_from(TRADERS + ["AGENT1"])),
        trader_id=draw(st.sampled_from(TRADERS)),
        trader_type=draw(st.sampled_from(ENUMS["trader_type"])),
        trader_region=draw(st.sampled_from(REGIONS)),
        goods_source_region=draw(st.sampled_from(REGIONS)),
        origin_country=draw(st.sampled_from(COUNTRIES)),
        destination_country=draw(st.sampled_from(COUNTRIES)),
        departure_country=draw(st.sampled_from(COUNTRIES)),
        n_containers=draw(st.integers(0, 5)),
        lines=draw(st.lists(goods_lines(), min_size=min_lines, max_size=max_lines)),
    )


@st.composite
def declaration_batches(draw, min_size: int = 1, max_size: int = 12) -> list[Declaration]:
    """Declarations with distinct ids."""
    n = draw(st.integers(min_size, max_size))
    return [draw(declarations(decl_id=f"D{i:03d}")) for i in range(n)]


#: (field, operator, operand strategy): valid tests over columns and features.
_TESTS: list[tuple[str, str, st.SearchStrategy[Any]]] = [
    ("direction", "eq", st.sampled_from(["import", "export"])),
    ("transport_mode", "in", st.lists(st.sampled_from(ENUMS["transport_mode"]), min_size=1, max_size=3)),
    ("customs_office", "eq", st.sampled_from(OFFICES)),
    ("destination_country", "in_list", st.just("key_destinations")),
    ("hs_code", "prefix", st.sampled_from(["83", "64", "2710", "8542", ["64", "42"]])),
    ("hs_code", "in_list", st.just("health_safety")),
    ("description", "contains", st.sampled_from(["shoe", "OIL", "lock"])),
    ("description", "regex", st.sampled_from(["(?i)^pad", "oil$", "bag"])),
    ("brand", "like_brand", st.just("recorded_marks")),
    ("brand", "missing", st.booleans()),
    ("value_usd", "gt", st.integers(0, 50000)),
    ("value_usd", "between", st.tuples(st.integers(0, 30000), st.integers(0, 60000)).map(list)),
    ("net_mass_kg", "le", st.integers(0, 10000)),
    ("declared_at", "ge", st.dates(dt.date(2015, 1, 1), dt.date(2016, 12, 31))),
    ("ref_value_ratio", "lt", st.sampled_from([0.2, 0.5, 1.0])),
    ("n_lines", "ge", st.integers(1, 4)),
    ("n_chapters", "gt", st.integers(1, 3)),
    ("desc_hs_mismatch", "eq", st.booleans()),
    ("brand_mark", "missing", st.booleans()),
    ("mark_authorised", "eq", st.booleans()),
    ("port_switch", "eq", st.booleans()),
    ("office_high_risk_goods", "eq", st.booleans()),
    ("in_campaign", "eq", st.booleans()),
    ("trader_prior_decls", "ge", st.integers(0, 3)),
    ("trader_new_office", "eq", st.booleans()),
    ("trader_penalties_2y", "ge", st.integers(1, 2)),
    ("trader_type", "ne", st.sampled_from(ENUMS["trader_type"])),
]


@st.composite
def _test(draw) -> dict:
    field, op, operand = draw(st.sampled_from(_TESTS))
    return {field: {op: draw(operand)}}


@functools.cache
def conditions(max_leaves: int = 6) -> st.SearchStrategy[dict]:
    """Condition trees (`all`/`any`/`not` over valid field tests), in their YAML form."""
    return st.recursive(
        _test(),
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=3).map(lambda xs: {"all": xs}),
            st.lists(children, min_size=1, max_size=3).map(lambda xs: {"any": xs}),
            children.map(lambda c: {"not": c}),
        ),
        max_leaves=max_leaves,
    )


@st.composite
def rules(draw, rule_id: str | None = None, weight: st.SearchStrategy[float] | None = None) -> Rule:
    """A valid rule: random condition tree, weight, optional forced lane, window and applies_to."""
    window = draw(st.none() | st.tuples(st.dates(dt.date(2015, 1, 1), dt.date(2016, 6, 30)), st.integers(0, 400)))
    return Rule.model_validate(
        {
            "id": rule_id or draw(st.from_regex(r"R[0-9]{1,4}", fullmatch=True)),
            "title": "generated rule",
            "family": draw(st.sampled_from(["goods", "brand", "routing", "value", "trader"])),
            "weight": draw(weight if weight is not None else st.integers(-20, 100).map(float)),
            "when": draw(conditions()),
            "lane": draw(st.none() | st.sampled_from(list(LANES))),
            "valid_from": window[0] if window else None,
            "valid_to": window[0] + dt.timedelta(days=window[1]) if window else None,
            "applies_to": draw(st.none() | st.just({"direction": ["export"]})),
            "rationale": "generated",
            "references": ["test"],
        }
    )


@st.composite
def profiles(draw, min_rules: int = 1, max_rules: int = 8, weight: st.SearchStrategy[float] | None = None):
    """A Profile over `sample_lists()` with generated rules and thresholds (`weight`: the rules' weights,
    default -20..100)."""
    from ..engine.profile import Profile

    n = draw(st.integers(min_rules, max_rules))
    rs = [draw(rules(rule_id=f"R{i}", weight=weight)) for i in range(n)]
    yellow = draw(st.integers(10, 80))
    red = yellow + draw(st.integers(0, 80))
    config = ProfileConfig(
        name="generated",
        lanes={"yellow": yellow, "red": red},
        random={"rate": draw(st.sampled_from([0.0, 0.1, 0.5])), "seed": draw(st.integers(0, 99))},
    )
    return Profile(config=config, rules=rs, lists=sample_lists())
