"""Fixtures for the analyst verbs: a small labelled synthetic sample and a commented profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[2]
KCS = ROOT.parent / "shared" / "data" / "kcs"
needs_kcs = pytest.mark.skipif(
    not (KCS / "df_syn_train_eng.csv").exists(), reason=f"KCS sample not found at {KCS} (../shared is absent)"
)

PROFILE = """\
# A small outcome-driven profile (comments must survive tuning)
name: synthetic
lanes:
  yellow: 30   # yellow from here
  red: 60      # red from here
random: {rate: 0.0, seed: 1}
rules: ["rules/*.yaml"]
lists: lists
fields: {fraud: int}
features:
  outcomes:
    prior: {mean: 0.2, strength: 1}
    rates:
      - {name: fraud_goods, label: fraud, key: [hs6, origin_country]}
"""

RULES = """\
rules:
  # the goods' own record
  - id: GOODS-RATE
    title: Goods with a past fraud rate of 50% or more
    family: outcome
    weight: 10   # hand-set
    when: {fraud_goods: {ge: 0.5}}
    explain: "{fraud_goods_pos} of {fraud_goods_n}"
  - id: GOODS-ALWAYS
    title: Goods always fraud before
    family: outcome
    weight: 10
    when: {fraud_goods_n: {ge: 2}, fraud_goods_neg: {eq: 0}}
  - id: LOW-VALUE
    title: Low value
    family: value
    weight: 10
    when: {value: {le: 100}}
  - id: NOISE
    title: Office 9 (no signal)
    family: other
    weight: 10
    when: {customs_office: {eq: "O9"}}
  - id: POLICY
    title: Policy rule
    family: intel
    weight: 7
    when: {origin_country: {eq: "ZZ"}}
    tags: [fixed-weight]
"""

FX = """\
name: fx_rates
kind: fx_rates
description: test
items:
  - {currency: USD, usd: 1.0}
"""


def synth(seed: int, start: dt.date, days: int, per_day: int = 30, prefix: str = "D") -> pl.DataFrame:
    """Goods lines with a label that depends on the goods (hs6 x origin) and a little on value."""
    rng = np.random.default_rng(seed)
    n = days * per_day
    goods = rng.integers(0, 40, n)
    risky = goods % 4 == 0  # a quarter of the goods are mostly fraud
    value = rng.choice([50.0, 500.0, 5000.0], n)
    p = np.where(risky, 0.9, 0.05) + np.where(value <= 100, 0.05, 0.0)
    fraud = (rng.random(n) < p).astype(int)
    dates = [start + dt.timedelta(days=int(i // per_day)) for i in range(n)]
    return pl.DataFrame(
        {
            "decl_id": [f"{prefix}{i:06d}" for i in range(n)],
            "declared_at": [d.isoformat() for d in dates],
            "direction": ["import"] * n,
            "hs_code": [f"{610000 + g:06d}" for g in goods],
            "origin_country": ["CN" if g % 2 else "VN" for g in goods],
            "departure_country": ["CN"] * n,
            "customs_office": [f"O{int(x)}" for x in rng.integers(0, 10, n)],
            "declarant_id": [f"B{int(x)}" for x in rng.integers(0, 20, n)],
            "trader_id": [f"T{int(x)}" for x in rng.integers(0, 200, n)],
            "value": value.astype(str),
            "currency": ["USD"] * n,
            "net_mass_kg": ["10"] * n,
            "fraud": fraud.astype(str),
        }
    )


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    d = tmp_path / "prof"
    (d / "rules").mkdir(parents=True)
    (d / "lists").mkdir()
    (d / "profile.yaml").write_text(PROFILE)
    (d / "rules" / "rules.yaml").write_text(RULES)
    (d / "lists" / "fx_rates.yaml").write_text(FX)
    return d


@pytest.fixture
def data_files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, seed, start, days, prefix in (
        ("train", 1, dt.date(2020, 1, 1), 60, "A"),
        ("valid", 2, dt.date(2020, 3, 1), 20, "B"),
    ):
        p = tmp_path / f"{name}.csv"
        synth(seed, start, days, prefix=prefix).write_csv(p)
        out[name] = p
    return out
