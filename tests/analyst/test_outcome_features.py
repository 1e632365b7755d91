"""Outcome features through the engine: declared in the profile, validated at load, usable in rules."""

from __future__ import annotations

import polars as pl
import pytest

from riskprofile import LoadError, load_profile
from riskprofile.loader.profile import load_parts

from .conftest import synth


def test_declared_features_are_fields(profile_dir):
    prof = load_profile(profile_dir / "profile.yaml")
    for name, t in (
        ("fraud_goods", "float"),
        ("fraud_goods_n", "int"),
        ("fraud_goods_pos", "int"),
        ("fraud_goods_neg", "int"),
    ):
        assert prof.fields[name] == t


def test_invalid_outcomes_section_is_a_finding(profile_dir):
    p = profile_dir / "profile.yaml"
    p.write_text(p.read_text().replace("key: [hs6, origin_country]", "key: []"))
    _, _, _, findings = load_parts(p)
    assert any(f.code == "RP002" and "outcomes.rates.0.key" in f.message for f in findings)
    with pytest.raises(LoadError):
        load_profile(p)


def test_unknown_rate_name_in_rule_is_rejected(profile_dir):
    r = profile_dir / "rules" / "rules.yaml"
    r.write_text(r.read_text().replace("{fraud_goods: {ge: 0.5}}", "{fraud_good: {ge: 0.5}}"))
    with pytest.raises(LoadError) as e:
        load_profile(profile_dir / "profile.yaml")
    assert any(f.code == "RP003" for f in e.value.findings)


def test_history_labels_reach_scored_rows(profile_dir):
    prof = load_profile(profile_dir / "profile.yaml")
    import datetime as dt

    hist = synth(1, dt.date(2020, 1, 1), 30, prefix="H")
    new = synth(2, dt.date(2020, 3, 1), 2, prefix="N").drop("fraud")
    lines = prof.prepare(new, history=hist, features={"fraud_goods", "fraud_goods_n"}).lines
    assert lines.height == new.height  # history rows are not scored
    assert lines["fraud_goods_n"].min() > 0  # every goods was seen in history
    # by hand for one line
    row = lines.row(0, named=True)
    h = hist.filter((pl.col("hs_code") == row["hs_code"]) & (pl.col("origin_country") == row["origin_country"]))
    n, p = h.height, h["fraud"].cast(pl.Int64).sum()
    assert row["fraud_goods_n"] == n and abs(row["fraud_goods"] - (p + 0.2) / (n + 1)) < 1e-12


def test_key_medians_through_the_engine_and_tuning(profile_dir):
    """`features.medians` declared in the profile: history rows set the median; a streamed backtest stays
    possible; `online` (tune's training pass) lets earlier scored rows count too."""
    import datetime as dt

    from riskprofile.analyst.backtest import can_stream
    from riskprofile.analyst.data import online

    p = profile_dir / "profile.yaml"
    p.write_text(
        p.read_text()
        + "  medians:\n    stats:\n      - {name: value_goods, column: value, key: [hs6, origin_country]}\n"
    )
    prof = load_profile(p)
    assert prof.fields["value_goods"] == "float" and prof.fields["value_goods_n"] == "int"
    hist = synth(1, dt.date(2020, 1, 1), 30, prefix="H")
    new = synth(2, dt.date(2020, 3, 1), 2, prefix="N").drop("fraud")
    lines = prof.prepare(new, history=hist, features={"value_goods", "value_goods_median", "value_goods_n"}).lines
    row = lines.row(0, named=True)
    h = hist.filter((pl.col("hs_code") == row["hs_code"]) & (pl.col("origin_country") == row["origin_country"]))
    med = h["value"].cast(pl.Float64).median()
    assert row["value_goods_n"] == h.height and row["value_goods_median"] == med
    assert abs(row["value_goods"] - row["value"] / med) < 1e-12
    r = profile_dir / "rules" / "rules.yaml"
    r.write_text(r.read_text().replace("{value: {le: 100}}", "{value_goods: {le: 0.5}}"))
    prof = load_profile(p)
    assert can_stream(prof, online=False)
    assert online(prof).config.features["medians"]["rows_from"] == "all"
    assert online(prof).config.features["outcomes"]["labels_from"] == "all"


def test_near_rate_declared_and_validated(profile_dir):
    import datetime as dt

    p = profile_dir / "profile.yaml"
    text = p.read_text()
    p.write_text(text + "      - {name: fraud_alike, label: fraud, key: [hs6], near: {column: value, factor: 1.5}}\n")
    prof = load_profile(p)
    assert prof.fields["fraud_alike_neg"] == "int"
    hist = synth(1, dt.date(2020, 1, 1), 30, prefix="H")
    new = synth(2, dt.date(2020, 3, 1), 1, prefix="N").drop("fraud")
    lines = prof.prepare(new, history=hist, features={"fraud_alike_n", "fraud_alike_pos"}).lines
    row = lines.row(0, named=True)
    v = float(row["value"])
    h = hist.with_columns(pl.col("value").cast(pl.Float64)).filter(
        (pl.col("hs_code").str.slice(0, 6) == row["hs_code"][:6]) & pl.col("value").is_between(v / 1.5, v * 1.5)
    )
    assert row["fraud_alike_n"] == h.height and row["fraud_alike_pos"] == h["fraud"].cast(pl.Int64).sum()
    p.write_text(text + "      - {name: fraud_alike, label: fraud, key: [hs6], near: {column: value, factor: 1}}\n")
    _, _, _, findings = load_parts(p)
    assert any(f.code == "RP002" and "outcomes.rates.1.near.factor" in f.message for f in findings)
