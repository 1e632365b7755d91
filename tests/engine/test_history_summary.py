"""engine.history_summary: a summary scores like its raw history (one pass, batches, CLI), is replaced
atomically, and is refused with a code and what to do when the scores would differ."""

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app
from riskprofile.engine.batches import score_batches
from riskprofile.engine.history_summary import HistorySummary, SummaryError, build_summary
from riskprofile.loader.profile import load_profile
from riskprofile.testing.synth import goods_lines

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "rules" / "profile.yaml"
CUT = dt.date(2016, 7, 1)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    profile = load_profile(PROFILE)
    d = tmp_path_factory.mktemp("summary")
    lines = goods_lines(4000, profile.lists, seed=5, traders=60)
    lines.filter(pl.col("declared_at") < CUT).write_parquet(d / "hist.parquet")
    lines.filter(pl.col("declared_at") >= CUT).write_parquet(d / "new.parquet")
    return profile, d


def test_batches_and_cli_with_a_summary_equal_raw_history(files, tmp_path):
    profile, d = files
    runner = CliRunner()
    res = runner.invoke(app, ["history", "build", str(d / "hist.parquet"), "--out", str(tmp_path / "s"), "--json"])
    assert res.exit_code == 0, res.output
    manifest = json.loads(res.output)
    assert manifest["as_of"] == "2016-07-01" and manifest["left_out"] == 0 and manifest["traders"] <= 60
    assert manifest["sources"][0]["rows"] == pl.read_parquet(d / "hist.parquet").height
    raw, summed = tmp_path / "raw.parquet", tmp_path / "summed.parquet"
    common = ["score", str(d / "new.parquet"), "-p", str(PROFILE), "--no-random"]
    assert runner.invoke(app, [*common, "--history", str(d / "hist.parquet"), "--out", str(raw)]).exit_code == 0
    assert runner.invoke(app, [*common, "--history-summary", str(tmp_path / "s"), "--out", str(summed)]).exit_code == 0
    assert raw.read_bytes() == summed.read_bytes()
    batched = tmp_path / "batched.parquet"
    summary = HistorySummary.read(tmp_path / "s")
    score_batches(profile, [d / "new.parquet"], batched, batch_lines=500, random=False, history_summary=summary)
    assert pl.read_parquet(batched).equals(pl.read_parquet(raw))


def test_rebuild_replaces_the_summary(files, tmp_path):
    profile, d = files
    hist = pl.read_parquet(d / "hist.parquet")
    build_summary(profile, [hist]).write(tmp_path)
    build_summary(profile, [hist], as_of=dt.date(2016, 3, 1)).write(tmp_path)
    summary = HistorySummary.read(tmp_path)
    assert summary.as_of == dt.date(2016, 3, 1) and summary.left_out_from is not None
    assert sorted(p.name for p in tmp_path.glob("*.parquet")) == sorted(summary.manifest["files"].values())
    assert summary.traders["last_seen"].max() < dt.date(2016, 3, 1)


def _code(fn) -> str:
    with pytest.raises(SummaryError) as e:
        fn()
    assert e.value.hint  # says what to do
    return e.value.code


def test_refusals(files, tmp_path):
    profile, d = files
    hist, new = pl.read_parquet(d / "hist.parquet"), pl.read_parquet(d / "new.parquet")
    summary = build_summary(profile, [hist])
    assert _code(lambda: HistorySummary.read(tmp_path)) == "HS001"  # no manifest
    summary.write(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    (tmp_path / "manifest.json").write_text(json.dumps({**manifest, "version": 99}))
    assert _code(lambda: HistorySummary.read(tmp_path)) == "HS001"
    other_offices = dict(profile.lists)
    other_offices.pop("offices")
    assert _code(lambda: profile.replace(lists=other_offices).score(new, summary=summary)) == "HS002"
    kcs = load_profile(ROOT / "examples" / "kcs" / "profile.yaml")  # outcome rates
    assert _code(lambda: build_summary(kcs, []).check_profile(kcs)) == "HS003"
    # declarations dated within the summarised history (it would count their own future)
    assert _code(lambda: profile.score(hist, summary=summary)) == "HS004"
    # history left out after the as-of date that the raw history would count
    early = build_summary(profile, [hist], as_of=dt.date(2016, 5, 1))
    assert _code(lambda: profile.score(new, summary=early)) == "HS005"
    assert _code(lambda: profile.score(new, history=hist, summary=summary)) == "HS006"


def test_cli_refusal_is_exit_2_with_code_and_hint(files, tmp_path):
    _, d = files
    res = CliRunner().invoke(
        app, ["history", "build", str(d / "hist.parquet"), "--out", str(tmp_path / "s"), "--as-of", "2016-05-01"]
    )
    assert res.exit_code == 0, res.output
    assert "left out" in res.output
    res = CliRunner().invoke(
        app, ["score", str(d / "new.parquet"), "-p", str(PROFILE), "--history-summary", str(tmp_path / "s")]
    )
    assert res.exit_code == 2
    text = " ".join(res.output.split())
    assert "HS005" in text and "hint" in text and "--as-of" in text
