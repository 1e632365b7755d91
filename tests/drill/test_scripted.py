"""The scripted (--answers) path, bad input (exit 2, no traceback) and the report, through the CLI in-process."""

import json

import pytest
from typer.testing import CliRunner

from riskprofile.cli.main import app

from .conftest import FIX_PROFILE, FIX_SCENARIOS

BASE = ["drill", "--profile", str(FIX_PROFILE), "--scenarios", str(FIX_SCENARIOS)]


def run(args, env=None):
    return CliRunner().invoke(app, args, env={"COLUMNS": "120", **(env or {})})


@pytest.fixture(scope="module")
def scripted(tmp_path_factory):
    d = tmp_path_factory.mktemp("scripted")
    answers = d / "answers.json"
    answers.write_text(
        json.dumps(
            [
                {"lane": "r", "indicators": ["port_switch", "prior_penalty"], "note": "agent at Shanghai"},
                {"lane": "green", "indicators": []},
                "y 8 9",
                {"lane": "红", "indicators": "tip_off, 11"},
            ]
        ),
        encoding="utf-8",
    )
    results = d / "results.jsonl"
    res = run(
        [*BASE, "--n", "4", "--seed", "3", "--answers", str(answers), "--results", str(results), "--trainee", "li"]
    )
    return res, results, answers, d


def test_scripted_run_appends_one_record_per_item(scripted):
    res, results, _, _ = scripted
    assert res.exit_code == 0, res.output
    lines = results.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    recs = [json.loads(x) for x in lines]
    assert [r["n"] for r in recs] == [1, 2, 3, 4] and {r["trainee"] for r in recs} == {"li"}
    r0 = recs[0]
    assert r0["answer"] == {"lane": "red", "indicators": ["port_switch", "prior_penalty"], "note": "agent at Shanghai"}
    assert set(r0["expected"]) == {"lane", "infringing", "indicators", "present", "case_indicators"}
    assert set(r0["profile"]) >= {"lane", "score", "rules"} and "seconds" in r0 and r0["seed"] == 3
    assert recs[3]["answer"]["lane"] == "red" and recs[3]["answer"]["indicators"][0] == "tip_off"
    assert "Session summary" in res.output and "Reveal" in res.output


def test_report_tables_chart_and_json(scripted):
    _, results, _, d = scripted
    chart = d / "chart.png"
    res = run(["drill", "report", str(results), "--chart", str(chart)])
    assert res.exit_code == 0, res.output
    assert (
        "Trainees" in res.output
        and "Weakest indicators per trainee" in res.output
        and "Indicators, weakest first" in res.output
        and "li" in res.output
    )
    assert chart.exists() and chart.read_bytes()[:4] == b"\x89PNG"
    js = run(["drill", "report", str(results), "--no-chart", "--json"])
    out = json.loads(js.output)
    assert out["total"]["items"] == 4 and "li" in out["trainees"]
    f1 = [i["f1"] for i in out["indicators"]]
    assert f1 == sorted(f1)  # weakest first


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_at_80_columns_keeps_ids_and_names_whole(scripted, lang):
    """The report's tables fold at 80 columns (cli.tables.show): no indicator id or trainee name is cut."""
    _, results, _, _ = scripted
    res = run(["drill", "report", str(results), "--no-chart", "--lang", lang], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    out = json.loads(run(["drill", "report", str(results), "--no-chart", "--json"]).output)
    lines = res.output.splitlines()
    assert all(len(line) <= 80 for line in lines) and "…" not in res.output
    for ind in out["indicators"]:
        assert any(ind["id"] in line.split() for line in lines), ind["id"]
    assert any("li" in line.split() for line in lines)


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--lang", "fr"], "--lang"),
        (["--n", "0"], "--n"),
        (["--family", "nonsense"], "rule family"),
        (["--scenario", "C99"], "no scenario matches"),
        (["--answers", "/nonexistent/answers.json"], "not found"),
    ],
)
def test_bad_options_exit_2_without_traceback(args, needle, tmp_path):
    res = run([*BASE, "--seed", "1", "--results", str(tmp_path / "r.jsonl"), *args])
    assert res.exit_code == 2
    assert needle in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(
    "content,needle",
    [
        ('[{"lane": "purple"}]', "lane 'purple' not understood"),
        ('[{"lane": "r", "indicators": [99]}]', "not understood"),
        ('[{"lane": "r"}]', "no answer for item 2"),
        ('{"answers": 3}', "expected a list"),
        ('[{"lane": "r"', "answers"),
    ],
)
def test_bad_answers_exit_2_and_write_nothing(content, needle, tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(content)
    results = tmp_path / "r.jsonl"
    n = "2" if "item 2" in needle else "1"
    res = run([*BASE, "--n", n, "--seed", "1", "--answers", str(answers), "--results", str(results)])
    assert res.exit_code == 2, res.output
    assert needle in res.output and "Traceback" not in res.output
    assert not results.exists()


def test_report_on_missing_or_empty_results(tmp_path):
    assert run(["drill", "report", str(tmp_path / "none.jsonl")]).exit_code == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("garbage\n")
    res = run(["drill", "report", str(empty)])
    assert res.exit_code == 2 and "no answered items" in res.output


def test_help_has_examples():
    res = run(["drill", "--help"])
    assert res.exit_code == 0 and "riskprofile drill --n 5" in res.output and "report" in res.output
    res = run(["drill", "report", "--help"])
    assert res.exit_code == 0 and "Example" in res.output


def test_handout_pages(tmp_path):
    res = run([*BASE, "--n", "3", "--seed", "2", "--handout", str(tmp_path / "h"), "--lang", "zh"])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "h" / "drill.html").read_text(encoding="utf-8")
    md = (tmp_path / "h" / "drill.md").read_text(encoding="utf-8")
    # cover + 3 items + 3 answer pages, each its own page; answers come after every item
    assert html.count('class="page"') == 7
    assert html.index("参考答案 · 第 1 题") > html.rindex("第 3 题 / 共 3 题 · 报关单")
    assert md.count("page-break-after") == 6 and "通道" in md
