"""Optional declaration columns (DESIGN): cleaned when present, null for rules when absent."""

import polars as pl
import pytest

from riskprofile import load_profile
from riskprofile.io.normalise import normalise
from riskprofile.model.declaration import OPTIONAL_SCHEMA
from riskprofile.testing.builders import declaration
from riskprofile.testing.strategies import sample_lists

RULE = {
    "id": "OPT-001",
    "title": "named overseas party leaving by Ningbo",
    "family": "intel",
    "weight": 50,
    "lane": "red",
    "when": {"all": [{"overseas_party": {"eq": "ACME LTD"}}, {"exit_office": {"eq": "CNNGB"}}]},
    "rationale": "test",
    "references": ["C01"],
}


def _raw(**cols):
    n = len(next(iter(cols.values())))
    return pl.DataFrame(cols).with_columns(pl.lit("f.csv").alias("_file"), pl.int_range(1, n + 1).alias("_row"))


def test_present_optional_columns_are_cleaned_and_exit_office_resolved():
    raw = _raw(
        decl_id=["a"],
        declared_at=["2016-03-01"],
        direction=["export"],
        hs_code=["830140"],
        overseas_party=[" acme ltd "],
        exit_office=["Beilun"],
        trade_mode_code=["0110"],
        container_no=["msku1234567"],
    )
    kept, rejects = normalise(raw, sample_lists())
    assert rejects.height == 0
    row = kept.row(0, named=True)
    assert row["overseas_party"] == "ACME LTD"
    assert row["exit_office"] == "CNNGB"
    assert row["trade_mode_code"] == "0110"
    assert row["container_no"] == "MSKU1234567"


def test_absent_optional_columns_are_not_added_by_normalisation():
    kept, _ = normalise(_raw(decl_id=["a"], declared_at=["2016-03-01"], direction=["export"], hs_code=["830140"]), {})
    assert not set(OPTIONAL_SCHEMA) & set(kept.columns)


@pytest.fixture(scope="module")
def profile():
    return load_profile("rules/profile.yaml").with_context(instructions=[RULE])


def _decl(decl_id, **extra):
    return declaration(decl_id, date="2016-03-01", trader="T1", lines=[("830140", "padlocks", "NO BRAND")], **extra)


def test_rules_test_optional_columns_when_present_and_see_null_when_absent(profile):
    decls = [_decl("with", overseas_party="acme ltd", exit_office="Ningbo"), _decl("without")]
    res = {r["decl_id"]: r for r in profile.score(decls, random=False).declarations.iter_rows(named=True)}
    assert "OPT-001" in res["with"]["rules"] and res["with"]["lane"] == "red"
    assert "OPT-001" not in res["without"]["rules"]
    only_absent = profile.score([_decl("without")], random=False).declarations.row(0, named=True)
    assert "OPT-001" not in only_absent["rules"]
