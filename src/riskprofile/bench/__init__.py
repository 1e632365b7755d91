"""Benchmark: the compiled scorer against the reference evaluator (and optionally DuckDB) on synthetic lines."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from typing import Any

import polars as pl

from ..model.conditions import Condition, Test, fold
from ..model.operators import like_brand_column, operand_value
from ..testing.reference import reference_score
from ..testing.synth import goods_lines


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _median(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(
    profile, n_lines: int, sample: int, seed: int = 7, with_duckdb: bool = False, progress: bool = True
) -> dict:
    """Time one end-to-end `Profile.score` over `n_lines` (normalise, features, rules, aggregation; peak
    memory taken right after it), then the stages apart: preparation with every feature column, and
    rules + aggregation (median of 3); and the reference evaluator's rule interpretation over a sample.
    Checks that the two paths agree on the sample."""
    from rich.progress import Progress

    with Progress(transient=True, disable=not progress) as bar:
        task = bar.add_task("generating", total=4)
        data = goods_lines(n_lines, profile.lists, seed)
        sample_df = data.head(min(sample, data.height))
        bar.update(task, advance=1, description="compiled path")
        profile.score(sample_df)  # warm-up: compile, build matchers
        t0 = time.perf_counter()
        result = profile.score(data)  # what `riskprofile score` does
        t_compiled = time.perf_counter() - t0
        peak = _rss_mb()
        bar.update(task, description="stages")
        t0 = time.perf_counter()
        prepared_all = profile.prepare(data)  # every feature column kept, as explain needs
        t_prepare = time.perf_counter() - t0
        t_rules = _median([_timed(lambda: profile.score_prepared(prepared_all)) for _ in range(3)])
        bar.update(task, advance=1, description="reference evaluator")
        prepared = profile.prepare(sample_df)
        rows = prepared.lines.to_dicts()
        t0 = time.perf_counter()
        ref = reference_score(profile, rows)
        t_ref = time.perf_counter() - t0
        bar.update(task, advance=1, description="agreement")
        fast = profile.score_prepared(prepared, random=False).declarations
        ref_df = pl.DataFrame(
            ref,
            schema={
                "decl_id": pl.String,
                "score": pl.Float64,
                "lane": pl.String,
                "rules": pl.List(pl.String),
                "forced_by": pl.String,
            },
        )
        joined = fast.join(ref_df, on="decl_id", suffix="_ref")
        agree = bool(
            joined.height == ref_df.height
            and (joined["lane"] == joined["lane_ref"]).all()
            and ((joined["score"] - joined["score_ref"]).abs() < 1e-6).all()
        )
        bar.update(task, advance=1)
    out = {
        "lines": data.height,
        "declarations": result.declarations.height,
        "n_rules": len(profile.compiled().rules),
        "sample": sample_df.height,
        "peak_rss_mb": peak,
        "agree": agree,
        "compiled": {"seconds": t_compiled, "lines_per_s": data.height / t_compiled},
        "prepare": {"seconds": t_prepare, "lines_per_s": data.height / t_prepare},
        "rules": {"seconds": t_rules, "lines_per_s": data.height / t_rules},
        "reference": {"seconds": t_ref, "lines_per_s": sample_df.height / max(t_ref, 1e-9)},
    }
    # Like for like: both evaluate rules and aggregate on already-prepared lines.
    out["ratio"] = out["rules"]["lines_per_s"] / out["reference"]["lines_per_s"]
    if with_duckdb:
        out.update(baselines(profile, prepared_all))
    return out


def _sql_literal(v) -> str:
    import datetime as dt

    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, dt.date):
        return f"DATE '{v.isoformat()}'"
    return "'" + str(v).replace("'", "''") + "'"


def _many(xs: Any) -> list[str]:
    return [xs] if isinstance(xs, str) else list(xs)


def _sql_in_list(c: str, v: Any, lit: Callable[[Any], str], profile: Any) -> str:
    lst = profile.lists[v]
    if lst.prefix_match:
        return "(" + " OR ".join(f"starts_with({c}, {lit(m)})" for m in lst.members()) + ")"
    return f"{c} IN ({', '.join(lit(m) for m in lst.members())})"


def _sql_missing(c: str, ftype: str) -> str:
    return f"({c} IS NULL" + (f" OR {c} = ''" if ftype == "str" else "") + ")"


#: Operator -> (quoted column, operand, literal renderer, profile, field, field type) -> SQL. Its own table,
#: on purpose (a baseline independent of the polars builders); a test checks it names every operator.
SQL_OPERATORS: dict[str, Callable[[str, Any, Callable[[Any], str], Any, str, str], str]] = {
    "eq": lambda c, v, lit, p, f, t: f"{c} = {lit(v)}",
    "ne": lambda c, v, lit, p, f, t: f"{c} <> {lit(v)}",
    "in": lambda c, v, lit, p, f, t: f"{c} IN ({', '.join(lit(x) for x in v)})",
    "prefix": lambda c, v, lit, p, f, t: "(" + " OR ".join(f"starts_with({c}, {lit(x)})" for x in _many(v)) + ")",
    "contains": lambda c, v, lit, p, f, t: (
        "(" + " OR ".join(f"contains(lower({c}), {lit(x.lower())})" for x in _many(v)) + ")"
    ),
    "regex": lambda c, v, lit, p, f, t: f"regexp_matches({c}, {lit(v)})",
    "lt": lambda c, v, lit, p, f, t: f"{c} < {lit(v)}",
    "le": lambda c, v, lit, p, f, t: f"{c} <= {lit(v)}",
    "gt": lambda c, v, lit, p, f, t: f"{c} > {lit(v)}",
    "ge": lambda c, v, lit, p, f, t: f"{c} >= {lit(v)}",
    "between": lambda c, v, lit, p, f, t: f"{c} BETWEEN {lit(v[0])} AND {lit(v[1])}",
    "in_list": lambda c, v, lit, p, f, t: _sql_in_list(c, v, lit, p),
    "like_brand": lambda c, v, lit, p, f, t: f'"{like_brand_column(f, v)}"',
    "missing": lambda c, v, lit, p, f, t: _sql_missing(c, t) if v else f"(NOT {_sql_missing(c, t)})",
}


def _sql_test(test: Test, profile: Any) -> str:
    c, v, ftype = f'"{test.field}"', test.value, profile.fields[test.field]
    expr = SQL_OPERATORS[test.op](c, v, lambda x: _sql_literal(operand_value(x, ftype)), profile, test.field, ftype)
    return expr if test.op == "missing" else f"COALESCE({expr}, FALSE)"


def _sql(cond: Condition, profile: Any) -> str:
    """The same condition as DuckDB SQL over the prepared lines (bench baseline only)."""
    return fold(
        cond,
        test=lambda t: _sql_test(t, profile),
        all_=lambda _, parts: "(" + " AND ".join(parts) + ")",
        any_=lambda _, parts: "(" + " OR ".join(parts) + ")",
        not_=lambda _, part: f"(NOT {part})",
    )


def _gate_sql(rule) -> str:
    parts = []
    if rule.valid_from:
        parts.append(f"declared_at >= {_sql_literal(rule.valid_from)}")
    if rule.valid_to:
        parts.append(f"declared_at <= {_sql_literal(rule.valid_to)}")
    a = rule.applies_to
    if a is not None:
        for col, allowed in (
            ("direction", a.direction),
            ("transport_mode", a.transport_mode),
            ("trade_mode", a.trade_mode),
        ):
            if allowed:
                parts.append(f"{col} IN ({', '.join(_sql_literal(x) for x in allowed)})")
    return " AND ".join(parts)


def baselines(profile, prepared) -> dict:
    """Rules + aggregation on the same prepared lines by two plans written without the compiler's
    tricks: a plain polars group-by (one `any` per rule, string key), and DuckDB SQL."""
    lines = prepared.lines
    compiled = profile.compiled()
    rules = compiled.rules
    out: dict = {}
    plain_plan = (
        lines.lazy()
        .group_by("decl_id", maintain_order=True)
        .agg(e.any().alias(f"r{i}") for i, e in enumerate(compiled.exprs))
        .with_columns(
            pl.sum_horizontal(
                pl.when(pl.col(f"r{i}")).then(r.weight).otherwise(0.0) for i, r in enumerate(rules)
            ).alias("score")
        )
    )
    plain = plain_plan.collect()
    t = _median([_timed(plain_plan.collect) for _ in range(3)])
    out["polars_plain"] = {"seconds": t, "lines_per_s": lines.height / t}
    try:
        import duckdb
    except ImportError:
        return out
    cols = [c for c in lines.columns if not lines.schema[c].is_nested()]
    con = duckdb.connect()
    con.register("lines", lines.select(cols).to_arrow())
    flags = []
    for i, r in enumerate(rules):
        cond = _sql(r.when, profile)
        gate = _gate_sql(r)
        flags.append(f"bool_or({cond}{' AND ' + gate if gate else ''}) AS r{i}")
    score = " + ".join(f"CASE WHEN r{i} THEN {r.weight} ELSE 0 END" for i, r in enumerate(rules)) or "0"
    selected = ", ".join(flags) or "TRUE AS x"
    sql = f"SELECT decl_id, {score} AS score FROM (SELECT decl_id, {selected} FROM lines GROUP BY decl_id)"
    res = pl.from_arrow(con.sql(sql).to_arrow_table())
    t = _median([_timed(lambda: con.sql(sql).to_arrow_table()) for _ in range(3)])
    joined = res.join(plain.select("decl_id", pl.col("score").alias("p")), on="decl_id")
    out["duckdb"] = {
        "seconds": t,
        "lines_per_s": lines.height / t,
        "agree": bool(((joined["score"] - joined["p"]).abs() < 1e-6).all() and joined.height == plain.height),
    }
    return out
