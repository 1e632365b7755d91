"""`score_files`, the library behind `riskprofile score`: one call from file names to written results."""

import polars as pl
import pytest

from riskprofile.errors import RiskProfileError
from riskprofile.scoring import score_files, with_seed


def test_score_files_scores_writes_and_accounts_for_every_row(score_workdir):
    run = score_files(
        score_workdir / "profile.yaml",
        [score_workdir / "in.csv"],
        out=score_workdir / "out.parquet",
        rejects=score_workdir / "rejects.csv",
    )
    s = run.result.summary()
    assert s["rows_in"] == s["rows_scored"] + s["rows_rejected"] == 4 and s["rows_rejected"] == 1
    assert run.written == [score_workdir / "out.parquet", score_workdir / "rejects.csv"]
    written = pl.read_parquet(score_workdir / "out.parquet")
    assert written["decl_id"].to_list() == run.result.declarations["decl_id"].to_list()
    assert pl.read_csv(score_workdir / "rejects.csv").height == 1


def test_a_missing_profile_is_a_located_error_with_a_hint(score_workdir):
    with pytest.raises(RiskProfileError) as info:
        score_files(score_workdir / "nope.yaml", [score_workdir / "in.csv"])
    assert info.value.file == str(score_workdir / "nope.yaml") and "--profile" in info.value.hint


def test_with_seed_changes_only_the_seed(score_workdir):
    run = score_files(score_workdir / "profile.yaml", [score_workdir / "in.csv"], seed=99)
    assert run.profile.config.random.seed == 99
    assert with_seed(run.profile, None) is run.profile
