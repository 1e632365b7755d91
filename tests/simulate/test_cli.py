"""`riskprofile simulate`: help, bad input (exit 2), JSON contract, --out and --report."""

from __future__ import annotations

import json

import polars as pl
import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app

from .helpers import PARAMS, PROFILE, ROOT

runner = CliRunner()


def test_help_has_an_example():
    r = runner.invoke(app, ["simulate", "--help"])
    assert r.exit_code == 0
    assert "Example: riskprofile simulate" in r.output


@pytest.mark.parametrize(
    "args",
    [
        ["--n", "0"],
        ["--weeks", "0"],
        ["--out", "x.xlsx"],
        ["--params", "does/not/exist.yaml"],
        ["--profile", "does/not/exist.yaml"],
        ["--n", "ten"],
    ],
)
def test_bad_input_exits_2(args):
    r = runner.invoke(app, ["simulate", "--params", str(PARAMS), *args])
    assert r.exit_code == 2, r.output


def test_bad_params_file_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nyear: [\n")
    r = runner.invoke(app, ["simulate", "--params", str(bad)])
    assert r.exit_code == 2


@pytest.fixture(scope="module")
def profile_path(tmp_path_factory):
    assert PROFILE.exists(), "the shipped rules/profile.yaml is missing"
    return PROFILE


def test_json_contract_and_outputs(profile_path, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "traffic.parquet"
    rep = tmp_path / "rep"
    args = [
        "simulate",
        "--n",
        "3000",
        "--seed",
        "7",
        "--weeks",
        "3",
        "--profile",
        str(profile_path),
        "--params",
        str(PARAMS),
        "--out",
        str(out),
        "--report",
        str(rep),
        "--json",
    ]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    payload = json.loads(r.stdout.strip().splitlines()[-1])
    for k in (
        "export_batch_share",
        "postal_batch_share",
        "sea_item_share",
        "trademark_item_share",
        "ex_officio_batch_share",
    ):
        assert k in payload["shares"]
    assert payload["counts"]["declared"] == 3000
    assert {"recall", "infringement_rate", "leakage"} <= set(payload["control"])
    lines = pl.read_parquet(out)
    for c in (
        "decl_id",
        "hs_code",
        "brand",
        "infringing",
        "concealment",
        "items",
        "ip_kind",
        "on_application",
        "lane",
        "seized",
    ):
        assert c in lines.columns
    assert lines["decl_id"].n_unique() == 3000
    for f in ("weekly.png", "report.html", "weekly.csv", "summary.json", "side_by_side.csv"):
        assert (rep / f).exists()
    assert '<img src="weekly.png"' in (rep / "report.html").read_text()
    # deterministic: same command, same shares
    r2 = runner.invoke(app, args[:-5] + ["--params", str(PARAMS), "--json"])
    assert json.loads(r2.stdout.strip().splitlines()[-1])["shares"] == payload["shares"]


def test_human_output(profile_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    r = runner.invoke(
        app,
        [
            "simulate",
            "--n",
            "1500",
            "--seed",
            "1",
            "--weeks",
            "2",
            "--profile",
            str(profile_path),
            "--params",
            str(PARAMS),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "Detained goods vs 2016" in r.output and "peak memory" in r.output
