"""Benchmark: the compiled scorer against the reference evaluator (and optionally DuckDB) on synthetic lines."""

from __future__ import annotations

import resource
import time

import polars as pl

from .reference import reference_score
from .synth import goods_lines


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(profile, n_lines: int, sample: int, seed: int = 7, with_duckdb: bool = False, progress: bool = True) -> dict:
    """Time one end-to-end compiled run (normalise, features, rules, aggregation) over `n_lines`, and the
    reference evaluator's rule interpretation over a sample; check they agree on the sample."""
    from rich.progress import Progress

    with Progress(transient=True, disable=not progress) as bar:
        task = bar.add_task("generating", total=4)
        data = goods_lines(n_lines, profile.lists, seed)
        sample_df = data.head(min(sample, data.height))
        bar.update(task, advance=1, description="compiled path")
        profile.score(sample_df)  # warm-up: compile, build matchers
        t0 = time.perf_counter()
        prepared_all = profile.prepare(data)
        t_prepare = time.perf_counter() - t0
        t1 = time.perf_counter()
        result = profile.score_prepared(prepared_all)
        t_rules = time.perf_counter() - t1
        t_compiled = time.perf_counter() - t0
        peak = _rss_mb()
        bar.update(task, advance=1, description="reference evaluator")
        prepared = profile.prepare(sample_df)
        rows = prepared.lines.to_dicts()
        t0 = time.perf_counter()
        ref = reference_score(profile, rows)
        t_ref = time.perf_counter() - t0
        bar.update(task, advance=1, description="agreement")
        fast = profile.score_prepared(prepared, random=False).declarations
        ref_df = pl.DataFrame(ref, schema={"decl_id": pl.String, "score": pl.Float64, "lane": pl.String,
                                           "rules": pl.List(pl.String), "forced_by": pl.String})
        joined = fast.join(ref_df, on="decl_id", suffix="_ref")
        agree = bool(joined.height == ref_df.height and (joined["lane"] == joined["lane_ref"]).all()
                     and ((joined["score"] - joined["score_ref"]).abs() < 1e-6).all())
        bar.update(task, advance=1)
    out = {
        "lines": data.height, "declarations": result.declarations.height, "n_rules": len(profile.compiled().rules),
        "sample": sample_df.height, "peak_rss_mb": peak, "agree": agree,
        "compiled": {"seconds": t_compiled, "lines_per_s": data.height / t_compiled},
        "prepare": {"seconds": t_prepare, "lines_per_s": data.height / t_prepare},
        "rules": {"seconds": t_rules, "lines_per_s": data.height / t_rules},
        "reference": {"seconds": t_ref, "lines_per_s": sample_df.height / max(t_ref, 1e-9)},
    }
    # Like for like: both evaluate rules and aggregate on already-prepared lines.
    out["ratio"] = out["rules"]["lines_per_s"] / out["reference"]["lines_per_s"]
    if with_duckdb:
        out["duckdb"] = _duckdb_plan(profile, data)
    return out


def _duckdb_plan(profile, data: pl.DataFrame) -> dict:
    """A hand-written DuckDB plan of the rules' final step on the same prepared lines (features from polars)."""
    import duckdb

    from .compile import compile_rules

    prepared = profile.prepare(data)
    lines = prepared.lines
    compiled = compile_rules(profile.rules, profile.fields, profile.lists)
    flags = lines.select("decl_id", *[e.alias(f"r{i}") for i, e in enumerate(compiled.exprs)])
    con = duckdb.connect()
    con.register("flags", flags.to_arrow())
    weights = " + ".join(f"CASE WHEN bool_or(r{i}) THEN {r.weight} ELSE 0 END" for i, r in enumerate(compiled.rules)) or "0"
    t0 = time.perf_counter()
    con.execute(f"SELECT decl_id, {weights} AS score FROM flags GROUP BY decl_id").arrow()
    t = time.perf_counter() - t0
    return {"seconds": t, "lines_per_s": lines.height / t, "note": "aggregation step only"}
