"""engine.batches: batch output files and the CLI equal one pass; profiles needing the whole input are refused."""

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app
from riskprofile.engine.batches import BatchError, score_batches
from riskprofile.io.read import read_frame
from riskprofile.loader.profile import load_profile
from riskprofile.testing.synth import goods_lines

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "rules" / "profile.yaml"


@pytest.fixture(scope="module")
def lines(tmp_path_factory):
    profile = load_profile(PROFILE)
    path = tmp_path_factory.mktemp("batches") / "lines.csv"
    goods_lines(3000, profile.lists, seed=11).write_csv(path)
    return profile, path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_text_outputs_equal_one_pass(lines, tmp_path, suffix):
    profile, path = lines
    out = tmp_path / f"out{suffix}"
    summary = score_batches(profile, [path], out, batch_lines=700)
    whole = profile.score(read_frame(path))
    assert summary.batches >= 4 and summary.declarations == whole.declarations.height
    if suffix == ".csv":
        got = pl.read_csv(out)
        assert got["decl_id"].to_list() == whole.declarations["decl_id"].to_list()
        assert got["lane"].to_list() == whole.declarations["lane"].to_list()
    else:
        rows = [json.loads(x) for x in out.read_text().splitlines()]
        assert [r["rules"] for r in rows] == whole.declarations["rules"].to_list()


def test_outcome_rates_are_refused(tmp_path):
    kcs = ROOT / "examples" / "kcs" / "profile.yaml"
    assert kcs.exists(), "examples/kcs/profile.yaml is shipped"
    with pytest.raises(BatchError, match="whole input"):
        score_batches(load_profile(kcs), [tmp_path / "none.csv"], None)


def test_cli_batch_lines(lines, tmp_path):
    _, path = lines
    out = tmp_path / "scored.parquet"
    res = CliRunner().invoke(
        app, ["score", str(path), "-p", str(PROFILE), "--batch-lines", "1000", "--out", str(out), "--json"]
    )
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert summary["rows_in"] == 3000 == summary["rows_scored"] + summary["rows_rejected"]
    assert pl.read_parquet(out).height == summary["declarations"]
