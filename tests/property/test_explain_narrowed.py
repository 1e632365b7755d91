"""explain reads only its declaration's lines and its trader's declarations: the explanation is the one of
the whole input prepared (every line, then the one declaration), and its score is what `Profile.score`
gives the whole input. Trader ids are spelled differently from row to row (case, spaces), history comes
from a second file, lines are shuffled and may be split over two input files, some rows are bad and
some declarations are in both the input and the history."""

import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.engine.explain import explain, explain_files
from riskprofile.io.narrow import UnknownDeclaration
from riskprofile.io.read import read_frame
from riskprofile.testing import strategies as rps


def _raw(profile, decls) -> pl.DataFrame:
    frame = profile.frame(decls)
    return frame.drop([c for c in frame.columns if c.startswith("_")] + ["value_usd"]).with_columns(
        pl.col("declared_at").cast(pl.String)
    )


_SPELLINGS = [lambda t: t, str.lower, lambda t: f" {t} ", lambda t: f"{t.lower()}  "]


def _respell(frame: pl.DataFrame, picks: list[int]) -> pl.DataFrame:
    """Each row's trader id in one of several spellings that normalise to the same id."""
    ids = [_SPELLINGS[p % len(_SPELLINGS)](t) for t, p in zip(frame["trader_id"], picks, strict=False)]
    return frame.with_columns(pl.Series("trader_id", ids, dtype=pl.String))


def _outcome(e) -> dict:
    return {"decl_id": e.decl_id, "score": e.score, "lane": e.lane, "forced_by": e.forced_by, "random": e.random}


@given(rps.profiles(), rps.declaration_batches(min_size=2), st.data())
def test_explain_of_narrowed_files_equals_whole_input(profile, decls, data):
    fmt = lambda label: data.draw(st.sampled_from(["parquet", "csv"]), label=label)  # noqa: E731
    cut = data.draw(st.integers(0, len(decls) - 1), label="history cut")
    again = data.draw(st.integers(0, cut), label="history declarations also in the input")
    frame = _raw(profile, decls[cut - again :])
    history = _raw(profile, decls[:cut]) if cut else None
    frame = frame[list(data.draw(st.permutations(range(frame.height)), label="order"))]
    frame = _respell(frame, data.draw(st.lists(st.integers(0, 3), min_size=frame.height, max_size=frame.height)))
    if history is not None:
        history = _respell(history, data.draw(st.lists(st.integers(0, 3), min_size=history.height)))
    bad = data.draw(st.sets(st.integers(0, frame.height - 1), max_size=2), label="bad rows")
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()).is_in(list(bad))).then(pl.lit("x")).otherwise(pl.col("hs_code")).alias("hs_code")
    )
    target = data.draw(st.sampled_from(sorted(set(frame["decl_id"]))), label="declaration")
    # one or two input files (a declaration in both is rejected), each Parquet or CSV
    split = data.draw(st.integers(0, frame.height), label="second input file from row")
    parts = [frame[:split], frame[split:]] if 0 < split < frame.height else [frame]
    with tempfile.TemporaryDirectory() as tmp:
        srcs = []
        for i, part in enumerate(parts):
            srcs.append(Path(tmp) / f"in{i}.{fmt(f'input {i} format')}")
            getattr(part, f"write_{srcs[-1].suffix[1:]}")(srcs[-1])
        hist_paths = []
        if history is not None:
            hist_paths = [Path(tmp) / f"hist.{fmt('history format')}"]
            getattr(history, f"write_{hist_paths[0].suffix[1:]}")(hist_paths[0])
        whole_in = [read_frame(p) for p in srcs]
        whole_hist = [read_frame(p) for p in hist_paths] or None
        try:
            expected = explain(profile, target, whole_in, whole_hist, whole=True)
        except UnknownDeclaration as e:  # rejected: the narrowed read says so, with the same reason
            with pytest.raises(UnknownDeclaration) as got:
                explain_files(profile, target, srcs, hist_paths)
            assert str(got.value) == str(e) and e.reason
            return
        narrowed = explain_files(profile, target, srcs, hist_paths)
        in_memory = explain(profile, target, whole_in, whole_hist)  # frames: narrowed in memory
    assert narrowed.to_json() == expected.to_json()
    assert in_memory.to_json() == expected.to_json()
    scored = profile.score(whole_in, history=whole_hist).declarations.filter(pl.col("decl_id") == target)
    assert _outcome(expected) == scored.select("decl_id", "score", "lane", "forced_by", "random").row(0, named=True)
    assert [r.id for r in expected.fired] == scored["rules"][0].to_list()
