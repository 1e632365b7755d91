"""Batch scoring (declaration-complete batches streamed from a file) gives the one-shot results exactly:
any batch size, any input order, with history files and rejected rows."""

import tempfile
from pathlib import Path

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from riskprofile.engine.batches import score_batches
from riskprofile.io.read import read_frame
from riskprofile.testing import strategies as rps


def _raw(profile, decls) -> pl.DataFrame:
    frame = profile.frame(decls)
    return frame.drop([c for c in frame.columns if c.startswith("_")] + ["value_usd"]).with_columns(
        pl.col("declared_at").cast(pl.String)
    )


@given(
    rps.profiles(),
    rps.declaration_batches(min_size=2),
    st.integers(1, 12),
    st.sampled_from(["parquet", "csv"]),
    st.data(),
)
def test_batches_equal_one_shot(profile, decls, batch_lines, fmt, data):
    cut = data.draw(st.integers(0, len(decls) - 1), label="history cut")
    frame = _raw(profile, decls[cut:])
    history = _raw(profile, decls[:cut]) if cut else None
    # any input order: shuffle the lines (declarations may then be scattered over the file)
    order = data.draw(st.permutations(range(frame.height)), label="order")
    frame = frame[list(order)]
    # some rows that cannot be used
    bad = data.draw(st.sets(st.integers(0, frame.height - 1), max_size=2), label="bad rows")
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()).is_in(list(bad))).then(pl.lit("x")).otherwise(pl.col("hs_code")).alias("hs_code")
    )
    with tempfile.TemporaryDirectory() as tmp:
        src, out, rej = Path(tmp) / f"in.{fmt}", Path(tmp) / "out.parquet", Path(tmp) / "rejects.csv"
        getattr(frame, f"write_{fmt}")(src)
        hist_paths = []
        if history is not None:
            hist_paths = [Path(tmp) / "hist.parquet"]
            history.write_parquet(hist_paths[0])
        summary = score_batches(profile, [src], out, history=hist_paths, batch_lines=batch_lines, rejects_out=rej)
        whole = profile.score(read_frame(src), history=[read_frame(p) for p in hist_paths] or None)
        got = pl.read_parquet(out)
        assert got.to_dicts() == whole.declarations.to_dicts()
        rejects = pl.read_csv(rej, schema_overrides={"row": pl.Int64})
        # the same rejected rows and reasons (batch runs list them in row order)
        expected = whole.rejects.sort("row", maintain_order=True).select("row", "reason").to_dicts()
        assert rejects.select("row", "reason").to_dicts() == expected
        assert summary.rows_in == frame.height == summary.rows_scored + summary.rows_rejected
        assert summary.rows_rejected == whole.rows_rejected and summary.declarations == whole.declarations.height
