import json
import re

import numpy as np
import pytest
from typer.testing import CliRunner

from riskprofile.analyst.tune import choose_thresholds, fit_weights, plan_edits
from riskprofile.cli.main import app

runner = CliRunner()


def test_fit_weights_non_negative_and_ordered():
    rng = np.random.default_rng(0)
    n = 4000
    strong = rng.random(n) < 0.2
    weak = rng.random(n) < 0.5
    noise = rng.random(n) < 0.5
    logit = -2 + 3 * strong + 0.5 * weak
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    X = np.column_stack([strong, weak, noise])
    fit = fit_weights(X, y, ["S", "W", "N"], {"S": 10, "W": 10, "N": 10}, l1=5)
    assert all(v >= 0 for v in fit.weights.values())
    assert fit.weights["S"] > fit.weights["W"] >= fit.weights["N"]
    assert abs(fit.coef["S"] - 3) < 0.5


def test_negative_rules_keep_their_sign_and_fixed_rules_stay():
    rng = np.random.default_rng(1)
    n = 3000
    good = rng.random(n) < 0.3
    y = (rng.random(n) < np.where(good, 0.02, 0.3)).astype(int)
    X = np.column_stack([good, rng.random(n) < 0.5])
    fit = fit_weights(X, y, ["AEO", "P"], {"AEO": -5, "P": 7}, fixed={"P"})
    assert fit.weights["AEO"] < 0 and "P" not in fit.weights and fit.fixed == {"P": 7}


def test_thresholds_respect_targets():
    scores = np.array([100] * 3 + [60] * 5 + [30] * 10 + [0] * 82, float)
    lanes, shares = choose_thresholds(scores, {"yellow": 0.10, "red": 0.05})
    assert lanes == {"yellow": 60.0, "red": 100.0}
    assert shares["yellow"] <= 0.10 and shares["red"] <= 0.05


def _numbers_only_changed(before: str, after: str) -> None:
    b, a = before.splitlines(), after.splitlines()
    assert len(b) == len(a)
    for x, y in zip(b, a, strict=False):
        if x != y:

            def strip(s):
                return re.sub(r"[-+]?\d+(\.\d+)?", "#", s).replace(" ", "")

            assert strip(x) == strip(y), (x, y)
            assert re.match(r"\s*(weight|yellow|red):", x), x


def test_plan_edits_change_only_numbers(profile_dir):
    ppath = profile_dir / "profile.yaml"
    edits = plan_edits(ppath, ["rules/*.yaml"], {"GOODS-RATE": 42, "NOISE": 0}, {"yellow": 35, "red": 123})
    assert {e.path.name for e in edits} == {"rules.yaml", "profile.yaml"}
    for e in edits:
        _numbers_only_changed(e.before, e.after)
        assert e.before.count("#") == e.after.count("#")
    rules = next(e for e in edits if e.path.name == "rules.yaml").after
    assert "weight: 42   # hand-set" in rules
    prof = next(e for e in edits if e.path.name == "profile.yaml").after
    assert "red: 123     # red from here" in prof  # the comment keeps its column


def _tune(profile_dir, data_files, *extra):
    return runner.invoke(
        app,
        [
            "tune",
            str(data_files["train"]),
            "--valid",
            str(data_files["valid"]),
            "--label",
            "fraud",
            "--profile",
            str(profile_dir / "profile.yaml"),
            "--burn-in-days",
            "10",
            *extra,
        ],
    )


def test_tune_writes_back_then_rerun_changes_nothing(profile_dir, data_files):
    files = [profile_dir / "profile.yaml", profile_dir / "rules" / "rules.yaml"]
    before = {f: f.read_text() for f in files}
    r = _tune(profile_dir, data_files, "--dry-run")
    assert r.exit_code == 0, r.output
    assert "dry run" in r.output and "+    weight:" in r.output
    assert {f: f.read_text() for f in files} == before and not (profile_dir / "tuning.json").exists()

    r = _tune(profile_dir, data_files)
    assert r.exit_code == 0, r.output
    after = {f: f.read_text() for f in files}
    assert after != before
    for f in files:
        _numbers_only_changed(before[f], after[f])
    rec = json.loads((profile_dir / "tuning.json").read_text())
    assert rec["train"][0]["sha256"] and rec["weights"]["after"]["POLICY"] == 7  # fixed-weight kept
    assert rec["weights"]["after"]["GOODS-RATE"] > rec["weights"]["after"]["NOISE"]
    stamp = (profile_dir / "tuning.json").read_text()

    r = _tune(profile_dir, data_files)
    assert r.exit_code == 0, r.output
    assert "no change" in r.output
    assert {f: f.read_text() for f in files} == after
    assert (profile_dir / "tuning.json").read_text() == stamp


def test_tune_json(profile_dir, data_files):
    r = _tune(profile_dir, data_files, "--dry-run", "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["dry_run"] is True and out["lanes"]["after"]["red"] >= out["lanes"]["after"]["yellow"]
    assert out["valid_metrics"]["after"]["rates"][0]["rate"] == 0.01


def test_dry_run_diff_is_printed_unwrapped_on_a_narrow_terminal(profile_dir, data_files, monkeypatch):
    diff = json.loads(_tune(profile_dir, data_files, "--dry-run", "--json").stdout)["diff"]
    long_lines = [x for x in diff.splitlines() if len(x) > 40]
    assert long_lines, "the fixture's diff has lines wider than the terminal"
    monkeypatch.setenv("COLUMNS", "40")
    printed = _tune(profile_dir, data_files, "--dry-run").output.splitlines()
    for line in diff.splitlines():
        assert line in printed


def test_tune_files_is_the_library_call_behind_the_cli(profile_dir, data_files):
    from riskprofile.analyst.data import LabelSpec
    from riskprofile.analyst.tune import TuneError, tune_files
    from riskprofile.errors import RiskProfileError

    files = [profile_dir / "profile.yaml", profile_dir / "rules" / "rules.yaml"]
    before = {f: f.read_text() for f in files}
    outcome = tune_files(
        profile_dir / "profile.yaml",
        [data_files["train"]],
        [data_files["valid"]],
        LabelSpec.parse("fraud"),
        burn_in_days=10,
        dry_run=True,
    )
    assert outcome.diff and not outcome.record_written and outcome.to_json()["record"] is None
    assert outcome.record["weights"]["after"]["POLICY"] == 7
    assert {f: f.read_text() for f in files} == before
    with pytest.raises(RiskProfileError) as info:
        tune_files(profile_dir / "profile.yaml", [data_files["train"]], [data_files["valid"]], LabelSpec.parse("nope"))
    assert isinstance(info.value, TuneError) and "nope" in str(info.value)


def _crlf(profile_dir):
    files = [profile_dir / "profile.yaml", profile_dir / "rules" / "rules.yaml"]
    for f in files:
        f.write_bytes(f.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return files


def test_tune_keeps_crlf_files_crlf(profile_dir, data_files):
    files = _crlf(profile_dir)
    before = {f: f.read_bytes() for f in files}
    r = _tune(profile_dir, data_files)
    assert r.exit_code == 0, r.output
    for f in files:
        after = f.read_bytes()
        assert after != before[f] and after.count(b"\r\n") == after.count(b"\n") == before[f].count(b"\r\n")


@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_tune_write_back_is_all_or_nothing_on_a_full_disk(profile_dir, data_files, monkeypatch, fail_at):
    """The rule file, the profile and tuning.json are replaced together: the disk filling up while any of
    them is written leaves all three as they were, no temp file behind, and exit 2 with the reason."""
    import errno

    import riskprofile.yamlio as yamlio

    files = [profile_dir / "profile.yaml", profile_dir / "rules" / "rules.yaml", profile_dir / "tuning.json"]
    files[2].write_text('{"old": true}\n')
    before = {f: f.read_bytes() for f in files}
    real, calls = yamlio._prepare, []

    def full_disk(path, write):
        calls.append(path)
        if len(calls) == fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, write)

    monkeypatch.setattr(yamlio, "_prepare", full_disk)
    r = _tune(profile_dir, data_files)
    assert r.exit_code == 2, r.output
    assert "disk is full" in r.output
    assert {f: f.read_bytes() for f in files} == before
    leftovers = [p for d in (profile_dir, profile_dir / "rules") for p in d.iterdir() if p.name.startswith(".")]
    assert leftovers == []
