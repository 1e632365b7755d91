"""Scoring with a history summary (`history build`) equals scoring with the raw history it summarises,
for generated history and declarations after the summary's as-of date."""

import tempfile

import polars as pl
from hypothesis import assume, given
from hypothesis import strategies as st

from riskprofile.engine.history_summary import PROVIDES, HistorySummary, build_summary
from riskprofile.testing import strategies as rps


def _raw(profile, decls) -> pl.DataFrame:
    frame = profile.frame(decls)
    return frame.drop([c for c in frame.columns if c.startswith("_")] + ["value_usd"])


@given(rps.profiles(), rps.declaration_batches(min_size=2, max_size=16), st.data())
def test_summary_scores_equal_raw_history(profile, decls, data):
    dates = sorted({d.declared_at for d in decls})
    as_of = data.draw(st.sampled_from(dates[1:] or dates), label="as of")
    hist = [d for d in decls if d.declared_at < as_of]
    new = [d for d in decls if d.declared_at >= as_of]
    assume(hist and new)
    history = _raw(profile, hist)
    if data.draw(st.booleans(), label="a bad history row"):  # rejected in both paths, counted in the manifest
        history = history.with_columns(
            pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("x")).otherwise("hs_code").alias("hs_code")
        )
    frame = _raw(profile, new)
    built = build_summary(profile, [history], as_of=data.draw(st.sampled_from([None, as_of]), label="--as-of"))
    with tempfile.TemporaryDirectory() as tmp:
        summary = HistorySummary.read(built.write(tmp))
    raw = profile.score(frame, history=history)
    summed = profile.score(frame, summary=summary)
    assert summed.declarations.to_dicts() == raw.declarations.to_dicts()
    # the features themselves, not only the rules that happen to read them
    features = set(PROVIDES)
    a = profile.prepare(frame, history=history, features=features).lines.select("decl_id", "item_no", *features)
    b = profile.prepare(frame, features=features, summary=summary).lines.select("decl_id", "item_no", *features)
    assert b.to_dicts() == a.to_dicts()
    assert summary.manifest["rows_in"] == history.height
    assert summary.manifest["declarations"] + summary.manifest["left_out"] <= len(hist)
