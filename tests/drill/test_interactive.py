"""The interactive path, driven through a pseudo-terminal (pexpect spawning the installed CLI)."""

import json
import os

import pytest

from .conftest import CLI, FIX_PROFILE, FIX_SCENARIOS, ROOT

pexpect = pytest.importorskip("pexpect")


def spawn(tmp_path, *args):
    env = dict(os.environ, COLUMNS="120", LINES="50", TERM="xterm-256color", USER="tester")
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        str(CLI),
        [
            "drill",
            "--profile",
            str(FIX_PROFILE),
            "--scenarios",
            str(FIX_SCENARIOS),
            "--results",
            str(tmp_path / "r.jsonl"),
            *args,
        ],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        timeout=40,
        dimensions=(50, 120),
    )


def records(tmp_path):
    return [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]


def test_interactive_run_reasks_with_hints_and_ctrl_c_keeps_answers(tmp_path):
    child = spawn(tmp_path, "--n", "3", "--seed", "4")
    child.expect("Trainee name")
    child.sendline("")  # default: $USER
    child.expect("Item 1 of 3")
    child.expect(r"Lane\?")
    child.sendline("maybe")
    child.expect("Type g, y or r")  # hint, asked again
    child.expect(r"Lane\?")
    child.sendline("r")
    child.expect("Indicators you see")
    child.sendline("99 foo")
    child.expect("Use numbers 1-26")
    child.expect("Indicators you see")
    child.sendline("8, 10")
    child.expect("Note")
    child.sendline("looks odd")
    child.expect("Reveal")
    child.expect("What the profile saw|No rule fired")
    child.expect("Enter for the next item")
    child.sendline("what")
    child.expect("Press Enter to go on")
    child.sendline("")
    child.expect("Item 2 of 3")
    child.expect(r"Lane\?")
    child.sendline("g")
    child.expect("Indicators you see")
    child.sendline("")
    child.expect("Note")
    child.sendline("")
    child.expect("Enter for the next item")
    child.sendline("")
    child.expect("Item 3 of 3")
    child.expect(r"Lane\?")
    child.sendintr()  # Ctrl-C while answering item 3
    child.expect("Stopped: 2 of 3 items answered")
    child.expect("2 answer\\(s\\) saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    raw = (tmp_path / "r.jsonl").read_text(encoding="utf-8")
    assert raw.endswith("\n") and len(raw.splitlines()) == 2
    out = records(tmp_path)
    assert [r["n"] for r in out] == [1, 2] and out[0]["trainee"] == "tester"
    assert out[0]["answer"] == {
        "lane": "red",
        "indicators": ["recorded_mark", "unauthorised_mark"],
        "note": "looks odd",
    }
    assert out[1]["answer"]["lane"] == "green" and out[1]["seconds"] >= 0
    assert "Traceback" not in child.before


def test_chinese_session(tmp_path):
    child = spawn(tmp_path, "--n", "1", "--seed", "2", "--lang", "zh", "--trainee", "李")
    child.expect("第 1 题")
    child.expect("通道")
    child.sendline("红")
    child.expect("风险指标")
    child.sendline("22 16")
    child.expect("备注")
    child.sendline("")
    child.expect("答案揭晓")
    child.expect("本次训练小结")
    child.expect("已保存 1 条答题记录")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert records(tmp_path)[0]["answer"]["indicators"] == ["prior_penalty", "port_switch"]
