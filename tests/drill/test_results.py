import json
import os
import signal

from riskprofile.drill.results import ResultsWriter, hold_sigint, read_results


def _rec(i):
    return {"item": f"X{i}", "score": {"lane_ok": True}, "note": "line\nbreak 中文"}


def test_one_complete_line_per_record(tmp_path):
    path = tmp_path / "sub" / "r.jsonl"
    w = ResultsWriter(path)
    for i in range(3):
        w.write(_rec(i))
    raw = path.read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 3
    recs = [json.loads(x) for x in raw.decode().splitlines()]
    assert (
        [r["item"] for r in recs] == ["X0", "X1", "X2"] and recs[0]["note"] == "line\nbreak 中文" and recs[0]["v"] == 1
    )


def test_append_after_a_partial_line_starts_a_new_line(tmp_path):
    path = tmp_path / "r.jsonl"
    ResultsWriter(path).write(_rec(0))
    with open(path, "ab") as f:
        f.write(b'{"item": "half')  # a writer killed mid-line (not ours)
    ResultsWriter(path).write(_rec(1))
    records, skipped = read_results([path])
    assert [r["item"] for r in records] == ["X0", "X1"] and skipped == 1


def test_sigint_is_held_until_the_line_is_written():
    hits = []
    previous = signal.signal(signal.SIGINT, lambda *a: hits.append("late"))
    try:
        with hold_sigint():
            os.kill(os.getpid(), signal.SIGINT)
            hits.append("inside")
        assert hits == ["inside", "late"]
    finally:
        signal.signal(signal.SIGINT, previous)


def _writer_proc(path, k):
    w = ResultsWriter(path)
    for i in range(50):
        w.write({"item": f"P{k}-{i}", "score": {"lane_ok": True}, "pad": "x" * 2000})


def test_concurrent_appenders_never_interleave(tmp_path):
    import multiprocessing as mp

    path = tmp_path / "r.jsonl"
    procs = [mp.get_context("fork").Process(target=_writer_proc, args=(path, k)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    records, skipped = read_results([path])
    assert skipped == 0 and len(records) == 200 and len({r["item"] for r in records}) == 200
