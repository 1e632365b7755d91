"""The session core with stand-in answer sources: robustness of the shared loop."""

import io
import json
import shutil

from rich.console import Console

from riskprofile.drill import Answer, Drill, ScriptedAnswers, run
from riskprofile.drill.items import DrillItem, build_run
from riskprofile.drill.results import ResultsWriter
from riskprofile.drill.scenarios import load_scenarios
from riskprofile.drill.terminal import TerminalView

from .conftest import FIX_SCENARIOS


def _console():
    return Console(file=io.StringIO(), width=120, highlight=False)


def _drill(fix_assessor, fix_scenarios, n=3):
    return Drill(build_run([fix_scenarios["F04"], fix_scenarios["F07"]], fix_assessor, n, seed=9), fix_assessor, seed=9)


class Interrupting:
    interactive = True

    def __init__(self, at):
        self.at = at

    def answer(self, item, number, choices, lang):
        if number == self.at:
            raise KeyboardInterrupt
        return Answer("red", ["recorded_mark"], "")

    def proceed(self, lang):
        return None


def test_ctrl_c_keeps_answered(tmp_path, fix_assessor, fix_scenarios):
    w = ResultsWriter(tmp_path / "r.jsonl")
    res = run(_drill(fix_assessor, fix_scenarios), Interrupting(at=3), w, trainee="t")
    assert res.interrupted and res.answered == 2 and w.written == 2
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 2


def test_ctrl_c_during_write_keeps_the_line_and_stops(tmp_path, fix_assessor, fix_scenarios):
    class LateInterrupt(ResultsWriter):
        def write(self, record):
            super().write(record)
            raise KeyboardInterrupt  # as hold_sigint re-raises a Ctrl-C that came during the write

    res = run(_drill(fix_assessor, fix_scenarios), Interrupting(at=99), LateInterrupt(tmp_path / "r.jsonl"))
    assert res.interrupted and res.answered == 1
    assert json.loads((tmp_path / "r.jsonl").read_text())["n"] == 1


def test_engine_failure_on_one_item_is_reported_not_raised(tmp_path, fix_assessor, fix_scenarios, monkeypatch):
    drill = _drill(fix_assessor, fix_scenarios, n=2)

    def boom(self, assessor):
        raise RuntimeError("engine broke")

    monkeypatch.setattr(DrillItem, "verdict", boom)
    console = _console()
    screen = TerminalView(console, "en")
    answers = ScriptedAnswers([{"lane": "g"}, {"lane": "r"}])
    res = run(drill, answers, ResultsWriter(tmp_path / "r.jsonl"), on_item=screen.on_item, on_reveal=screen.on_reveal)
    assert res.answered == 2 and not res.interrupted
    recs = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert recs[0]["profile"] == {"error": "RuntimeError: engine broke"}
    assert "could not assess" in console.file.getvalue()


def test_scenario_the_profile_cannot_load_is_left_out(tmp_path, fix_assessor):
    folder = tmp_path / "scen"
    shutil.copytree(FIX_SCENARIOS, folder)
    bad = (folder / "F06.yaml").read_text().replace("trader_id: {eq: CQ-TRADE-06}", "no_such_field: {eq: 1}")
    (folder / "F06.yaml").write_text(bad)
    scen, problems = load_scenarios(folder)
    assert not problems and len(scen) == 3  # the file reads; the profile rejects its instruction
    left_out: list[str] = []
    items = build_run(
        [s for s in scen if s.id == "F06"] + [s for s in scen if s.id == "F07"], fix_assessor, 3, 1, problems=left_out
    )
    assert items and all(i.scenario_id == "F07" for i in items)
    assert any(p.startswith("F06") for p in left_out)
