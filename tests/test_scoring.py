"""`score_files`, the library behind `riskprofile score`: one call from file names to written results."""

import polars as pl
import pytest

from riskprofile.errors import RiskProfileError
from riskprofile.scoring import score_files, with_seed
from test_score_cli import workdir  # noqa: F401  (the small profile and input written to disk)


def test_score_files_scores_writes_and_accounts_for_every_row(workdir):  # noqa: F811
    run = score_files(
        workdir / "profile.yaml",
        [workdir / "in.csv"],
        out=workdir / "out.parquet",
        rejects=workdir / "rejects.csv",
    )
    s = run.result.summary()
    assert s["rows_in"] == s["rows_scored"] + s["rows_rejected"] == 4 and s["rows_rejected"] == 1
    assert run.written == [workdir / "out.parquet", workdir / "rejects.csv"]
    written = pl.read_parquet(workdir / "out.parquet")
    assert written["decl_id"].to_list() == run.result.declarations["decl_id"].to_list()
    assert pl.read_csv(workdir / "rejects.csv").height == 1


def test_a_missing_profile_is_a_located_error_with_a_hint(workdir):  # noqa: F811
    with pytest.raises(RiskProfileError) as info:
        score_files(workdir / "nope.yaml", [workdir / "in.csv"])
    assert info.value.file == str(workdir / "nope.yaml") and "--profile" in info.value.hint


def test_with_seed_changes_only_the_seed(workdir):  # noqa: F811
    run = score_files(workdir / "profile.yaml", [workdir / "in.csv"], seed=99)
    assert run.profile.config.random.seed == 99
    assert with_seed(run.profile, None) is run.profile
