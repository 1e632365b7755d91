"""Hostile input and failure paths (issue 11): a clear error (exit 2, a message) or a safe result, never a
traceback, a terminal driven by data, a spreadsheet formula or a half-written file."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app
from riskprofile.safetext import SafeConsole, csv_cell, json_text, markup, visible

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "rules" / "profile.yaml"
EXAMPLE = ROOT / "examples" / "declarations.csv"
ESC = "\x1b]0;pwned\x07\x1b[2J"  # set the window title, clear the screen


def run(*args: str):
    """The CLI in-process; stdout and stderr separated."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def _rows() -> list[dict]:
    with EXAMPLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_rows(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def _renamed(tmp_path: Path, ids: dict[str, str], **changes: dict[str, str]) -> Path:
    """The example with some decl_ids renamed and, per (new) decl_id, some fields changed."""
    rows = _rows()
    for r in rows:
        r["decl_id"] = ids.get(r["decl_id"], r["decl_id"])
        r.update(changes.get(r["decl_id"], {}))
    return _write_rows(tmp_path / "in.csv", rows)


# -- 1, 10: console markup and terminal control sequences in data ---------------------------------------------
def test_safe_text_primitives():
    assert visible("a\x1b[2J\nb\u202e") == "a\\x1b[2J\\nb\\u202e"
    assert markup("[/]") == "\\[/]"
    assert json_text({"x": "\x9b31m\x1b"}) == '{"x": "\\u009b31m\\u001b"}'
    out = io.StringIO()
    con = SafeConsole(file=out, width=80)
    con.print("[/] unbalanced " + ESC)  # malformed markup is printed literally, controls visible
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "[/] unbalanced \\x1b]0;pwned\\x07\\x1b[2J" in out.getvalue()


def test_markup_and_escapes_in_data_are_shown_literally(tmp_path):
    ids = {"DEMO-0008": "[/]x", "DEMO-0012": "[b]X[/b]"}
    src = _renamed(tmp_path, ids, **{"[/]x": {"description": ESC + "goods"}})
    res = run("score", src, "--profile", PROFILE)
    assert res.exit_code == 0, res.output
    assert "[/]x" in res.stdout and "[b]X[/b]" in res.stdout
    res = run("explain", "[/]x", "--input", src, "--profile", PROFILE)
    assert res.exit_code == 0, res.output
    assert "Declaration [/]x" in res.stdout
    assert "\x1b" not in res.stdout and "\\x1b]0;pwned\\x07" in res.stdout
    res = run("score", src, "--profile", PROFILE, "--json")
    assert "\x1b" not in res.stdout and "\\u001b]0;pwned" not in res.stdout  # ids are clean; brand not in JSON


def test_escape_sequences_never_reach_a_file(tmp_path):
    src = _renamed(tmp_path, {"DEMO-0008": ESC + "D8"})
    for verb in (["score", src], ["explain", ESC + "D8", "--input", src], ["score", src, "--json"]):
        res = run(*verb, "--profile", PROFILE)
        assert res.exit_code == 0, res.output
        assert "\x1b" not in res.stdout and "\x07" not in res.stdout
        assert "\\x1b]0;pwned\\x07" in res.stdout or "\\u001b]0;pwned\\u0007" in res.stdout


# -- 11: CSV formula injection ---------------------------------------------------------------------------------
def test_csv_cells_that_would_be_formulas_get_an_apostrophe(tmp_path):
    assert [csv_cell(s) for s in ("=1+2", "+1", "-x", "@SUM(A1)", "\tx", "\rx", "ok", "")] == [
        "'=1+2",
        "'+1",
        "'-x",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "ok",
        "",
    ]
    evil = '=HYPERLINK("http://evil.example","x")'
    src = _renamed(tmp_path, {"DEMO-0008": evil, "DEMO-0005": "=cmd|' /C calc'!A0"}, **{evil: {"quantity": "many"}})
    res = run("score", src, "--profile", PROFILE, "--out", tmp_path / "o.csv", "--rejects", tmp_path / "r.csv")
    assert res.exit_code in (0, 1), res.output
    for name in ("o.csv", "r.csv"):
        cells = [c for row in csv.reader((tmp_path / name).open(encoding="utf-8")) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], name
    ids = pl.read_csv(tmp_path / "o.csv")["decl_id"].to_list()
    assert "'=cmd|' /C calc'!A0" in ids
    assert pl.read_csv(tmp_path / "r.csv")["decl_id"].to_list()[0] == "'" + evil
    # Parquet keeps the value as it is (not a spreadsheet format)
    run("score", src, "--profile", PROFILE, "--out", tmp_path / "o.parquet")
    assert "=cmd|' /C calc'!A0" in pl.read_parquet(tmp_path / "o.parquet")["decl_id"].to_list()


# -- 12, 13: output files: a folder in the way, no permission, a full disk, the umask --------------------------
def _no_temp_left(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("name", ["o.csv", "out"])
@pytest.mark.parametrize("batch", [[], ["--batch-lines", "5"]])
def test_out_pointing_at_a_folder_is_exit_2(tmp_path, name, batch):
    (tmp_path / name).mkdir()
    res = run("score", EXAMPLE, "--profile", PROFILE, "--out", tmp_path / name, *batch)
    assert res.exit_code == 2
    assert "cannot write" in res.stderr and "is a folder" in res.stderr
    assert _no_temp_left(tmp_path)


@pytest.mark.parametrize(
    "err, words",
    [(errno.ENOSPC, "disk is full"), (errno.EACCES, "permission denied"), (errno.EROFS, "read-only")],
)
@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_failed_write_is_exit_2_and_leaves_the_old_file(tmp_path, monkeypatch, err, words, suffix):
    out = tmp_path / f"o{suffix}"
    out.write_text("old results\n")

    def refuse(self, *a, **k):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(pl.DataFrame, "write_csv", refuse)
    monkeypatch.setattr(pl.DataFrame, "write_parquet", refuse)
    import riskprofile.io.write as write

    monkeypatch.setattr(write.json, "dumps", refuse)
    res = run("score", EXAMPLE, "--profile", PROFILE, "--out", out)
    assert res.exit_code == 2, res.output
    assert f"cannot write {out}" in res.stderr and words in res.stderr
    assert out.read_text() == "old results\n" and _no_temp_left(tmp_path)


def test_unwritable_folder_is_exit_2(tmp_path, monkeypatch):
    import riskprofile.yamlio as yamlio

    def denied(path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(yamlio, "_temp_beside", denied)
    res = run("score", EXAMPLE, "--profile", PROFILE, "--rejects", tmp_path / "r.csv")
    assert res.exit_code == 2 and "permission denied" in res.stderr


def test_output_files_follow_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        res = run("score", EXAMPLE, "--profile", PROFILE, "--out", tmp_path / "o.csv", "--rejects", tmp_path / "r.csv")
    finally:
        os.umask(old)
    assert res.exit_code in (0, 1), res.output
    for name in ("o.csv", "r.csv"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640, name


# -- 2, 3, 4: the loader: alias bombs, NaN thresholds, bytes, tags, mixed bounds, impossible dates ------------
RULE = """  - id: {id}
    title: t
    family: value
    weight: 10
    rationale: r
    references: [C01]
    when: {when}
"""
BOMB_IN_WHEN = """rules:
  - id: BOMB-001
    title: t
    family: goods
    weight: 10
    rationale: r
    references: [C01]
    when:
      any:
        - &a [{hs_code: {eq: "1"}}, {hs_code: {eq: "1"}}, {hs_code: {eq: "1"}}, {hs_code: {eq: "1"}}]
        - &b [*a, *a, *a, *a, *a, *a, *a, *a]
        - &c [*b, *b, *b, *b, *b, *b, *b, *b]
        - &d [*c, *c, *c, *c, *c, *c, *c, *c]
        - &e [*d, *d, *d, *d, *d, *d, *d, *d]
        - &f [*e, *e, *e, *e, *e, *e, *e, *e]
        - &g [*f, *f, *f, *f, *f, *f, *f, *f]
"""


def _lint(*paths) -> tuple[int, list[dict]]:
    import json

    res = run("lint", *paths, "--profile", PROFILE, "--json")
    return res.exit_code, [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def test_alias_bomb_inside_when_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB_IN_WHEN)
    code, findings = _lint(path)
    assert code == 2
    (f,) = findings
    assert f["code"] == "RP001" and "alias" in f["message"] and f["line"] is not None


def test_recursive_alias_and_tags_are_findings(tmp_path):
    (tmp_path / "tag.yaml").write_text("rules: !foo [a, b]\n")
    (tmp_path / "bin.yaml").write_text("rules: !!binary aGk=\n")
    (tmp_path / "obj.yaml").write_text("rules:\n  - !!python/object/apply:os.system [echo pwned]\n")
    for name in ("tag.yaml", "bin.yaml", "obj.yaml"):
        code, findings = _lint(tmp_path / name)
        assert code == 2, name
        assert [(f["code"], f["line"] is not None) for f in findings] == [("RP001", True)], (name, findings)


def test_non_utf8_rule_list_mapping_and_profile_files_are_findings(tmp_path):
    bad = "rules:\n  - id: X-1\n    title: caf\xe9\n".encode("latin-1")
    (tmp_path / "rules.yaml").write_bytes(bad)
    code, findings = _lint(tmp_path / "rules.yaml")
    assert code == 2 and findings[0]["code"] == "RP001" and "UTF-8" in findings[0]["message"]
    assert (findings[0]["line"], findings[0]["column"]) == (3, 15)
    # a profile whose list file is not UTF-8: every other list still loads, the finding names the file
    prof = tmp_path / "p"
    (prof / "lists").mkdir(parents=True)
    (prof / "profile.yaml").write_text("name: p\nrules: []\nlists: lists\n")
    (prof / "lists" / "fx.yaml").write_bytes(b"name: fx_rates\nkind: fx_rates\nitems: [{currency: \xff, usd: 1}]\n")
    res = run("lint", prof, "--json")
    assert res.exit_code == 2 and "fx.yaml" in res.stdout and "UTF-8" in res.stdout
    mapping = tmp_path / "m.yaml"
    mapping.write_bytes(b"columns: {decl_id: \xfe}\n")
    res = run("score", EXAMPLE, "--profile", PROFILE, "--mapping", mapping)
    assert res.exit_code == 2 and "UTF-8" in res.stderr and f"{mapping}:1:" in res.stderr


def test_mixed_bounds_and_impossible_dates_are_located_and_hide_nothing(tmp_path):
    text = "rules:\n" + "".join(
        [
            RULE.format(id="A-001", when='{quantity: {gt: "a lot", lt: 5}}'),
            RULE.format(id="B-001", when="{hs_code: {eq: '1'}}").replace(
                "    when:", "    valid_to: 2016-13-45\n    when:"
            ),
            RULE.format(id="C-001", when="{hs_codez: {eq: '1'}}"),
            RULE.format(id="D-001", when="{quantity: {between: [.nan, 5]}}"),
            RULE.format(id="E-001", when="{value: {gt: .inf}}"),
        ]
    )
    (tmp_path / "r.yaml").write_text(text)
    code, findings = _lint(tmp_path / "r.yaml")
    assert code == 2
    got = {(f["rule_id"], f["code"]) for f in findings if f["severity"] == "error"}
    assert got == {("A-001", "RP006"), ("B-001", "RP002"), ("C-001", "RP003"), ("D-001", "RP006"), ("E-001", "RP006")}
    assert all(f["line"] is not None for f in findings)


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1e400"])
def test_non_finite_lane_thresholds_fail_lint(tmp_path, value):
    import shutil

    prof = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", prof)
    text = (prof / "profile.yaml").read_text(encoding="utf-8")
    assert "lanes: {yellow: 40, red: 70}" in text
    (prof / "profile.yaml").write_text(
        text.replace("lanes: {yellow: 40, red: 70}", f"lanes: {{yellow: {value}, red: 70}}")
    )
    res = run("lint", prof, "--json")
    assert res.exit_code == 2
    assert "lanes.yellow" in res.stdout and "finite" in res.stdout
    res = run("score", EXAMPLE, "--profile", prof / "profile.yaml")
    assert res.exit_code == 2 and "lanes.yellow" in res.stderr


# -- 5, 8, 13: rows: non-finite numbers, one decl_id in two files, header conflicts, whole declarations ---------
def _multi_line_id() -> str:
    counts: dict[str, int] = {}
    for r in _rows():
        counts[r["decl_id"]] = counts.get(r["decl_id"], 0) + 1
    return next(d for d, n in counts.items() if n > 1)


def _rejects(res_dir: Path) -> list[dict]:
    with (res_dir / "r.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("column", ["quantity", "value", "net_mass_kg"])
@pytest.mark.parametrize("bad", ["NaN", "inf", "-inf", "1e400", "Infinity"])
@pytest.mark.parametrize("batch", [[], ["--batch-lines", "5"]])
def test_non_finite_numbers_are_rejected_with_a_reason(tmp_path, column, bad, batch):
    src = _renamed(tmp_path, {}, **{"DEMO-0005": {column: bad}})
    res = run("score", src, "--profile", PROFILE, "--rejects", tmp_path / "r.csv", "--json", *batch)
    assert res.exit_code == 1, res.output
    (rej,) = _rejects(tmp_path)
    assert rej["decl_id"] == "DEMO-0005" and f"{column} '{bad}' is not a finite number" in rej["reason"]
    assert "DEMO-0005" not in res.stdout


def test_a_declaration_with_a_rejected_line_is_rejected_whole(tmp_path):
    did = _multi_line_id()
    rows = _rows()
    first = next(i for i, r in enumerate(rows) if r["decl_id"] == did)
    rows[first]["hs_code"] = "not-a-code"
    src = _write_rows(tmp_path / "in.csv", rows)
    n_lines = sum(r["decl_id"] == did for r in rows)
    res = run("score", src, "--profile", PROFILE, "--rejects", tmp_path / "r.csv")
    assert res.exit_code == 1
    assert f"{len(rows)} rows in = {len(rows) - n_lines} scored + {n_lines} rejected" in res.stdout
    assert "1 declaration(s) rejected whole" in " ".join(res.stdout.split())
    rejected = _rejects(tmp_path)
    assert len(rejected) == n_lines and {r["decl_id"] for r in rejected} == {did}
    assert "is not 6-10 digits" in rejected[0]["reason"]
    assert all(f"has a rejected line ({src}:{first + 1})" in r["reason"] for r in rejected[1:])


def test_lines_disagreeing_on_the_header_are_rejected(tmp_path):
    did = _multi_line_id()
    rows = _rows()
    last = max(i for i, r in enumerate(rows) if r["decl_id"] == did)
    rows[last]["direction"] = "import" if rows[last]["direction"] == "export" else "export"
    rows[last]["trader_id"] = "SOMEONE-ELSE"
    src = _write_rows(tmp_path / "in.csv", rows)
    res = run("score", src, "--profile", PROFILE, "--rejects", tmp_path / "r.csv", "--json")
    assert res.exit_code == 1 and did not in res.stdout
    rejected = _rejects(tmp_path)
    assert {r["decl_id"] for r in rejected} == {did}
    assert all("disagree on direction, trader_id" in r["reason"] for r in rejected)


def test_one_decl_id_in_two_input_files_is_rejected(tmp_path):
    rows = _rows()
    cut = next(i for i in range(10, len(rows)) if rows[i]["decl_id"] != rows[i - 1]["decl_id"])  # whole declarations
    a = _write_rows(tmp_path / "a.csv", rows[:cut])
    other = dict(rows[0], item_no="9")
    b = _write_rows(tmp_path / "b.csv", [other, *rows[cut:]])
    res = run("score", a, b, "--profile", PROFILE, "--rejects", tmp_path / "r.csv", "--json")
    assert res.exit_code == 1
    rejected = _rejects(tmp_path)
    assert {r["decl_id"] for r in rejected} == {rows[0]["decl_id"]}
    assert {r["file"] for r in rejected} == {str(a), str(b)}
    assert all("is in several input files" in r["reason"] for r in rejected)
    assert rows[0]["decl_id"] not in res.stdout
    n_in = len(rows) + 1
    res = run("score", a, b, "--profile", PROFILE)
    assert f"{n_in} rows in = {n_in - len(rejected)} scored + {len(rejected)} rejected" in res.stdout


# -- 7: several files replaced together or not at all -------------------------------------------------------
KILLED_BETWEEN_RENAMES = """
import os, sys
from pathlib import Path
from riskprofile import yamlio

real, renames = os.replace, []
def replace_then_die(src, dst):
    real(src, dst)
    renames.append(dst)
    if len(renames) == 2:  # the journal's rename, then the first target's: kill -9 before the second
        os.kill(os.getpid(), 9)
os.replace = replace_then_die
d = Path(sys.argv[1])
yamlio.commit_files({d / "r" / "ok.yaml": sys.argv[2], d / "profile.yaml": sys.argv[3]})
"""


def test_a_commit_killed_between_renames_is_completed_by_the_next_run_with_a_message(tmp_path):
    """kill -9 cannot be held back: the journal written before the renames lets the next load roll the
    commit forward, so the profile is all new (never half old, half new) and lint says what happened."""
    import subprocess
    import sys

    prof = tmp_path / "p"
    (prof / "r").mkdir(parents=True)
    old_rule = "rules:\n" + RULE.format(id="OK-001", when="{hs_code: {prefix: '84'}}")
    old_prof = 'name: p\nrules: ["r/*.yaml"]\nlanes: {yellow: 10, red: 20}\n'
    (prof / "r" / "ok.yaml").write_text(old_rule)
    (prof / "profile.yaml").write_text(old_prof)
    new_rule, new_prof = old_rule.replace("weight: 10", "weight: 12"), old_prof.replace("red: 20", "red: 25")
    res = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_RENAMES, str(prof), new_rule, new_prof])
    assert res.returncode == -9
    # the state the kill left: the rule file new, the profile old, the journal naming both
    assert (prof / "r" / "ok.yaml").read_text() == new_rule and (prof / "profile.yaml").read_text() == old_prof
    assert (prof / ".riskprofile-commit.json").exists()
    out = run("lint", prof)
    assert "RP104" in out.stdout and "completed now" in out.stdout, out.stdout
    assert (prof / "r" / "ok.yaml").read_text() == new_rule and (prof / "profile.yaml").read_text() == new_prof
    assert sorted(p.name for p in prof.rglob("*") if p.is_file()) == ["ok.yaml", "profile.yaml"]  # no temp left
    assert "RP104" not in run("lint", prof).stdout  # once


def test_commit_files_replaces_all_and_keeps_bytes(tmp_path):
    from riskprofile.yamlio import commit_files

    a, b = tmp_path / "a.yaml", tmp_path / "sub" / "b.yaml"
    b.parent.mkdir()
    a.write_bytes(b"x: 1\r\n")
    os.chmod(a, 0o640)
    commit_files({a: "x: 2\r\n", b: "y: 3\n"})
    assert a.read_bytes() == b"x: 2\r\n" and b.read_bytes() == b"y: 3\n"
    assert stat.S_IMODE(a.stat().st_mode) == 0o640  # an existing file keeps its mode
    assert _no_temp_left(tmp_path) and _no_temp_left(b.parent)


def test_commit_files_undoes_the_renames_when_one_fails(tmp_path, monkeypatch):
    from riskprofile.yamlio import WriteError, commit_files

    paths = [tmp_path / f"f{i}.yaml" for i in range(3)]
    for p in paths:
        p.write_text(f"old {p.name}\n")
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(WriteError, match="cannot write"):
        commit_files({p: f"new {p.name}\n" for p in paths})
    assert [p.read_text() for p in paths] == [f"old {p.name}\n" for p in paths]
    assert _no_temp_left(tmp_path)


# -- 6: drill results on a full disk: a whole line or nothing -----------------------------------------------
def test_drill_results_never_keep_half_a_line_on_a_full_disk(tmp_path, monkeypatch):
    import json

    from riskprofile.drill.results import ResultsWriter, read_results
    from riskprofile.yamlio import WriteError

    path = tmp_path / "results.jsonl"
    w = ResultsWriter(path)
    w.write({"item": "X0", "score": {"points": 1}})
    whole = path.read_bytes()
    real = os.write

    def half_then_full(fd, data):
        if len(data) > 10:
            return real(fd, data[: len(data) // 2])  # a short write: the disk filled up half-way
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(WriteError, match="disk is full"):
        w.write({"item": "X1", "score": {"points": 2}})
    monkeypatch.undo()
    assert path.read_bytes() == whole
    w.write({"item": "X2", "score": {"points": 3}})
    records, skipped = read_results([path])
    assert [r["item"] for r in records] == ["X0", "X2"] and skipped == 0
    assert all(json.loads(line) for line in path.read_text().splitlines())


# -- 9: a profile's paths stay inside its folder -------------------------------------------------------------
def test_profile_paths_may_not_leave_the_profile_folder(tmp_path):
    prof = tmp_path / "p"
    (prof / "r").mkdir(parents=True)
    (prof / "lists").mkdir()
    (prof / "r" / "ok.yaml").write_text("rules:\n" + RULE.format(id="OK-001", when="{hs_code: {prefix: '84'}}"))
    (prof / "r" / "evil.yaml").symlink_to("/etc/hostname")
    (prof / "lists" / "evil.yaml").symlink_to("/etc/passwd")
    (prof / "profile.yaml").write_text('name: p\nrules: ["../../../../../../etc/*", "/etc/passwd", "r/*.yaml"]\n')
    res = run("lint", prof, "--json")
    assert res.exit_code == 2
    import json

    found = [json.loads(line) for line in res.stdout.splitlines()]
    outside = sorted(f["message"] for f in found if f["code"] == "RP016")
    assert len(outside) == 4, found
    assert any("../../../../../../etc/*" in m for m in outside) and any("/etc/passwd" in m for m in outside)
    assert any("r/evil.yaml" in m for m in outside) and any("lists/evil.yaml" in m for m in outside)
    assert not [f for f in found if f["code"] not in ("RP016",)], found  # /etc was never read
    # each at the line of the profile that names it; a list file reached through a symlink is the file itself
    assert all(f["line"] == 2 for f in found if "rule " in f["message"]), found
    assert [f["line"] for f in found if "list file" in f["message"]] == [None]
    human = run("lint", prof)
    assert ":0:0" not in human.stdout and "profile.yaml:2:" in human.stdout
    (prof / "profile.yaml").write_text("name: p\nrules: []\nlists: ../../..\n")
    res = run("lint", prof, "--json")
    assert res.exit_code == 2 and "lists folder" in res.stdout and "RP016" in res.stdout
    assert [json.loads(x)["line"] for x in res.stdout.splitlines()] == [3]


# -- 12, 13: wrongly shaped input: JSON shapes, ragged CSV rows, duplicate column names ---------------------
@pytest.mark.parametrize(
    "text, words",
    [
        ("42", "got a number"),
        ('"x"', "got a string"),
        ("null", "got null"),
        ('{"declarations": 5}', "`declarations` must be a list"),
        ('{"decl_id": "A", "lines": 5}', "`lines` must be a list of goods-line objects"),
        ('[{"decl_id": "A"}, 7]', "item 2 is a number"),
        ('{"decl_id": "A", "decl_id": "B"}', "key `decl_id` appears twice"),
    ],
)
def test_wrongly_shaped_json_is_exit_2_with_a_message(tmp_path, text, words):
    path = tmp_path / "in.json"
    path.write_text(text)
    res = run("score", path, "--profile", PROFILE)
    assert res.exit_code == 2
    assert res.stderr.startswith("error: ") and words in res.stderr and str(path) in res.stderr


def test_bad_jsonl_line_is_named(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"decl_id": "A"}\n\n{oops\n')
    res = run("score", path, "--profile", PROFILE)
    assert res.exit_code == 2 and f"{path}:3: not JSON" in res.stderr


def test_a_ragged_csv_row_is_rejected_with_its_row_number(tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    n = len(lines) - 1
    lines[3] += ",surplus"  # data row 3 has a field too many
    src = tmp_path / "in.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run("score", src, "--profile", PROFILE, "--rejects", tmp_path / "r.csv")
    assert res.exit_code == 1, res.output
    rejected = _rejects(tmp_path)
    width = len(next(csv.reader([lines[0]])))
    assert rejected[0]["row"] == "3" and f"row has {width + 1} fields, the header has {width}" in rejected[0]["reason"]
    assert f"{n} rows in = {n - len(rejected)} scored + {len(rejected)} rejected" in res.stdout


@pytest.mark.parametrize("short", ["all", "one"])
def test_short_csv_rows_are_rejected_like_long_ones(tmp_path, short):
    """A row with fewer fields than the header is ragged too (README): rejected with its row number, never
    padded with nulls and scored; a row whose last field is empty but present is an ordinary row."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    width = len(next(csv.reader([lines[0]])))
    body = [",".join(next(csv.reader([x]))) for x in lines[1:]]
    cut = [",".join(next(csv.reader([x]))[: width - 3]) for x in lines[1:]]
    rows = cut if short == "all" else [*body[:4], cut[4], *body[5:]]
    src = tmp_path / "in.csv"
    src.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    res = run("score", src, "--profile", PROFILE, "--rejects", tmp_path / "r.csv")
    assert res.exit_code == 1, res.output
    why = {r["row"]: r["reason"] for r in _rejects(tmp_path)}
    shorts = {str(i) for i in range(1, len(rows) + 1)} if short == "all" else {"5"}
    assert {row for row, reason in why.items() if f"row has {width - 3} fields, the header has {width}" in reason} == (
        shorts
    )
    n = len(rows)
    assert f"{n} rows in = {n - len(why)} scored + {len(why)} rejected" in res.stdout


def test_duplicate_column_names_are_an_error(tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("brand", "description")
    src = tmp_path / "in.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run("score", src, "--profile", PROFILE)
    assert res.exit_code == 2 and "column `description` appears twice" in res.stderr


# -- 13: the Markdown handout carries no raw HTML from scenario text --------------------------------------------
def test_markdown_handout_escapes_scenario_text(tmp_path):
    import shutil

    scen = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", scen)
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    text = (scen / "C01.yaml").read_text(encoding="utf-8")
    assert text.startswith("id: C01\ntitle: ")
    lines = text.split("\n")
    lines[1] = f"title: '{evil} engine oil'"
    (scen / "C01.yaml").write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "handout"
    res = run("drill", "--scenario", "C01", "--n", "1", "--seed", "7", "--scenarios", scen, "--handout", out)
    assert res.exit_code == 0, res.output
    md = (out / "drill.md").read_text(encoding="utf-8")
    page = (out / "drill.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in md
    assert "<img" not in md and "<script" not in md and "<img" not in page and "<script>alert" not in page
