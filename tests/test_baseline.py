"""The clean baseline (`examples/baseline.csv`) is legitimate trade as varied as China's 2016 trade: the
properties below are what the generator (`examples/make_baseline.py`, `legit_trade.py`, `notation.py`)
promises -- the forms of legitimate trade that look like the seizures, in plausible shares; the many
ways declarations write offices, marks, "no brand" and HS codes; the 2016 export mix by value; the same
file for the same seed; every row accounted for when scored. The false alarms the profile raises on it
are reported by `riskprofile replay` (tests/test_replay.py checks that report's arithmetic)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polars as pl
import pytest

from riskprofile import load_profile
from riskprofile.io.read import read_frame

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "examples" / "baseline.csv"
FX = {"USD": 1.0, "CNY": 0.1506, "EUR": 1.107, "JPY": 0.0092, "HKD": 0.1289}


@pytest.fixture(scope="module")
def raw() -> pl.DataFrame:
    return pl.read_csv(BASELINE, infer_schema=False)


@pytest.fixture(scope="module")
def profile():
    return load_profile(ROOT / "rules" / "profile.yaml")


@pytest.fixture(scope="module")
def decls(profile):
    lines = profile.prepare(read_frame(BASELINE), features={"any_mark", "mark_authorised", "brand_exact"}).lines
    return lines.group_by("decl_id", maintain_order=True).agg(
        pl.col("direction", "trade_mode_code", "exit_office", "customs_office", "overseas_party").first(),
        pl.col("transport_mode", "trader_type").first(),
        pl.col("any_mark").drop_nulls().first(),
        pl.col("mark_authorised").drop_nulls().first(),
        pl.col("brand_exact").any(),
        pl.len().alias("n_lines"),
    )


@pytest.fixture(scope="module")
def generator():
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import make_baseline
    finally:
        sys.path.remove(str(ROOT / "examples"))
    return make_baseline


def share(frame: pl.DataFrame, n: int) -> float:
    return frame.height / n


def test_the_baseline_carries_each_form_of_unusual_legitimate_trade(decls):
    n = decls.height
    assert n >= 1000
    code = pl.col("trade_mode_code")
    market = decls.filter(code == "1039")
    assert share(market, n) > 0.02 and market["n_lines"].min() >= 3 and market["exit_office"].is_not_null().all()
    assert share(decls.filter(code == "4019"), n) > 0.02
    assert share(decls.filter(code.is_in(["9610", "1210", "9710", "9810"]) & (pl.col("n_lines") >= 3)), n) > 0.01
    away = decls.filter(pl.col("exit_office").is_not_null() & (pl.col("exit_office") != pl.col("customs_office")))
    assert share(away, n) > 0.03
    personal = decls.filter(
        (pl.col("trader_type") == "individual") & pl.col("transport_mode").is_in(["postal", "express"])
    )
    assert share(personal, n) > 0.01
    imports = decls.filter(pl.col("direction") == "import")
    assert 0.1 < share(imports, n) < 0.35


def test_recorded_marks_are_used_by_those_allowed_to_and_by_others_legitimately(decls):
    n = decls.height
    marked = decls.filter(pl.col("any_mark").is_not_null())
    assert 0.12 < share(marked, n) < 0.4
    authorised = marked.filter(pl.col("mark_authorised"))
    assert share(authorised, n) > 0.05
    to_holder = authorised.filter(pl.col("overseas_party").is_not_null() & (pl.col("direction") == "export"))
    assert to_holder.height > 20
    # contract factories, unlisted plants and resellers of genuine goods: marks the register cannot vouch for
    unlisted_exports = marked.filter(~pl.col("mark_authorised") & (pl.col("direction") == "export"))
    assert share(unlisted_exports, n) > 0.05
    parallel = marked.filter(~pl.col("mark_authorised") & (pl.col("direction") == "import"))
    assert share(parallel, n) > 0.01
    lookalike = marked.filter(~pl.col("brand_exact") & (pl.col("direction") == "export"))
    assert lookalike.height > 5


def test_declarations_write_offices_brands_and_codes_in_many_forms(raw):
    offices = raw.unique("decl_id")["customs_office"]
    forms = {
        "locode": offices.str.contains(r"^CN[A-Z]{3}$"),
        "customs_code": offices.str.contains(r"^\d{4}$"),
        "chinese": offices.str.contains(r"[\u4e00-\u9fff]"),
        "name": offices.str.contains(r"^[A-Za-z][a-z]"),
    }
    for form, hit in forms.items():
        assert 0.02 < hit.mean() < 0.9, form
    digits = raw["hs_code"].str.len_chars().value_counts()
    assert set(digits["hs_code"]) == {6, 8, 10}
    assert (digits["count"] / raw.height).min() > 0.03
    brands = raw["brand"].fill_null("")
    no_brand_forms = {"", "NO BRAND", "无品牌", "无牌", "N/M", "NONE", "no brand"}
    assert no_brand_forms <= set(brands)
    assert brands.str.contains(r"[\u4e00-\u9fff]").sum() > 20  # marks and "no brand" in Chinese
    assert brands.str.contains(r"^[A-Z][a-z]+").sum() > 20  # marks in mixed case
    assert raw["currency"].n_unique() >= 3
    assert {"KG", "KGS", "千克", "035", "PCS", "个", "PAIR", "双"} <= set(raw["unit"])


def test_export_value_follows_the_2016_mix(raw):
    """Machinery and electronics about half of export value, textiles/garments/footwear a sixth to a fifth
    (2016: 57% mechanical and electrical products, HS 84-85 43%, textiles ~12% + footwear; sources in
    make_baseline's docstring)."""
    ex = raw.filter(pl.col("direction") == "export").with_columns(
        usd=pl.col("value").cast(pl.Float64) * pl.col("currency").replace_strict(FX, return_dtype=pl.Float64),
        ch=pl.col("hs_code").str.slice(0, 2).cast(pl.Int32),
    )
    total = ex["usd"].sum()

    def value_share(cond: pl.Expr) -> float:
        return ex.filter(cond)["usd"].sum() / total

    assert 0.40 < value_share(pl.col("ch").is_in([84, 85])) < 0.62
    assert 0.45 < value_share(pl.col("ch").is_in([84, 85, 87, 90])) < 0.65
    assert 0.10 < value_share(pl.col("ch").is_between(50, 67)) < 0.25


def test_the_same_seed_gives_the_same_traffic_and_another_seed_other_traffic(generator):
    labels: dict[str, str] = {}
    a = generator.baseline(seed=11, n_declarations=300, labels=labels)
    b = generator.baseline(seed=11, n_declarations=300)
    c = generator.baseline(seed=12, n_declarations=300)
    assert a.equals(b)
    assert not a.equals(c)
    assert a["decl_id"].n_unique() >= 300
    assert re.fullmatch(r"BL-\d{5}", a["decl_id"][0])
    assert set(labels) == set(a["decl_id"]) and len(set(labels.values())) >= 15  # each declaration's form


def test_every_row_is_scored_or_rejected_with_a_reason(profile, raw):
    res = profile.score(read_frame(BASELINE), random=False)
    assert res.rows_in == raw.height
    assert res.rows_in == res.rows_scored + res.rows_rejected
    assert res.declarations.height == raw["decl_id"].n_unique() - res.rejects["decl_id"].drop_nulls().n_unique()
