"""Core verbs: lint, score, explain, schema, bench."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import polars as pl
import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..safetext import cell, json_text, markup
from .common import (
    DEFAULT_PROFILE,
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    console,
    err_console,
    fail,
    jsonable,
    load_profile_or_exit,
    parse_date,
    print_findings,
)
from .tables import show

LANE_STYLE = {"green": "green", "yellow": "yellow", "red": "bold red"}


def lint(
    paths: list[Path] = typer.Argument(
        ..., help="Profile folders (holding profile.yaml), rule, list or scenario files, or folders of them."
    ),
    profile: Path | None = typer.Option(
        None,
        "--profile",
        "-p",
        help="Profile giving lists and fields for loose rule files (default: rules/profile.yaml when it exists).",
    ),
    as_of: str | None = typer.Option(None, "--as-of", help="Date for 'window has passed' warnings (default: today)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per finding on stdout."),
) -> None:
    """Check rule, list, profile and scenario files and report every finding with file:line and rule id.

    Scenario files are checked against the scenario format, their instructions as rules. Simulator
    parameter files (scenarios/sim/) are read by `simulate` and skipped here.
    Exit 2 on any error, 1 on warnings only, 0 when clean.

    Example: riskprofile lint rules/ scenarios/
             riskprofile lint examples/broken_rules.yaml --json
    """
    import datetime as dt

    from ..loader.lint import lint as run_lint

    when = parse_date(as_of, "--as-of") or dt.date.today()
    ctx = profile if profile is not None else (DEFAULT_PROFILE if DEFAULT_PROFILE.exists() else None)
    findings = run_lint(paths, ctx, when)
    from ..loader.scenario import scenarios_area

    skipped = [p for p in paths if Path(p).is_file() and scenarios_area(Path(p)) == "sim"]
    if skipped and not as_json:
        err_console.print(
            f"skipped (simulator parameters, read by `riskprofile simulate`): {markup(', '.join(map(str, skipped)))}"
        )
    if as_json:
        for f in findings:
            print(json_text(f.to_json()))
    elif findings:
        print_findings(findings, console)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not as_json:
        console.print(
            f"{errors} error(s), {warnings} warning(s) in {markup(', '.join(map(str, paths)))}", soft_wrap=True
        )
    raise typer.Exit(EXIT_BAD_INPUT if errors else EXIT_FINDINGS if warnings else EXIT_OK)


def score(
    inputs: list[Path] = typer.Argument(..., help="Goods-line files: CSV, Parquet, JSON or JSONL."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file."),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Column mapping YAML for foreign layouts."),
    history: list[Path] = typer.Option(
        [], "--history", help="Earlier declarations used for history features only (repeatable)."
    ),
    history_summary: Path | None = typer.Option(
        None,
        "--history-summary",
        help="A trader-history summary directory (`riskprofile history build`) in place of --history files.",
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Evaluate rule validity windows on this date instead of each declaration's."
    ),
    seed: int | None = typer.Option(None, "--seed", help="Random control-group seed (default: the profile's)."),
    no_random: bool = typer.Option(False, "--no-random", help="Disable the random control-group draw."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write results to .parquet, .csv or .jsonl."),
    rejects: Path | None = typer.Option(
        None, "--rejects", help="Write rejected rows (file, row, decl_id, reason) to CSV."
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines on stdout, one object per scored declaration."),
    top: int = typer.Option(10, "--top", help="Highest-scoring declarations shown in the summary."),
    leads: list[Path] = typer.Option(
        [], "--leads", "-l", help="Leads files or folders: their active instructions score alongside the profile."
    ),
    results: list[Path] = typer.Option(
        [], "--results", help="Inspection results: holder-confirmed cases join the trader history."
    ),
    actions: Path | None = typer.Option(
        None,
        "--actions",
        help="Write per declaration the action (release/documents/inspection), advice and "
        "the inspection requirements of the instructions that fired (JSON Lines).",
    ),
    batch_lines: int | None = typer.Option(
        None,
        "--batch-lines",
        min=1,
        help="Score in declaration-complete batches of about this many lines, streamed from the .parquet/.csv "
        "inputs to --out: memory follows the batch, not the file (same results as one pass).",
    ),
    engine: str = typer.Option(
        "polars",
        "--engine",
        help="polars (one process) or spark: Profile.score per trader bucket in Spark (riskprofile\\[spark], Java "
        "17); --out and --rejects are then directories of Parquet parts in input order (same results).",
    ),
    master: str = typer.Option("local[*]", "--master", help="Spark master URL with --engine spark."),
    buckets: int | None = typer.Option(
        None, "--buckets", min=1, help="Trader buckets with --engine spark (default: about 250,000 lines each)."
    ),
) -> None:
    """Score declarations: score, lane (green/yellow/red), fired rules, forcing rule, random draw.

    Rows in = rows scored + rows rejected, always; the summary says so. A declaration is scored on all its
    lines or not at all: when one line is rejected, or its lines disagree on a header field, or its
    decl_id is in two input files, every line of it is rejected with the reason.
    Exit 0 when every row was scored, 1 when rows were rejected (results still written), 2 on bad input.

    Example: riskprofile score examples/declarations.csv --json
             riskprofile score lodged.csv --leads scenarios/leads/ --results results.jsonl --actions actions.jsonl
             riskprofile score year.parquet --batch-lines 500000 --out scored.parquet --rejects rejects.csv
             riskprofile score year.parquet --history-summary hist2015/ --out scored.parquet
             riskprofile score --engine spark --master 'local[2]' year.parquet --out scored/ --rejects rejected/

    With --engine spark, INPUT and --history are .parquet or .csv files; --out DIR and --rejects DIR get
    Parquet part files (read them back in order with polars.read_parquet("scored/*.parquet")) holding
    exactly what --out FILE and --rejects FILE hold with the default engine (rejects in row order);
    --json prints the counts. Profiles whose features need every trader's history (outcome rates) are
    refused (exit 2).
    """
    from ..engine.history_summary import HistorySummary
    from ..scoring import score_files

    when = parse_date(as_of, "--as-of")
    summary = HistorySummary.read(history_summary) if history_summary is not None else None
    if engine not in ("polars", "spark"):
        fail(f"unknown --engine {engine!r}: use polars or spark")
    if engine == "spark":
        if mapping or leads or results or actions or batch_lines is not None:
            fail(
                "--engine spark does not take --mapping, --leads, --results, --actions or --batch-lines yet",
                "score in one process (the default engine) for those",
            )
        _score_spark(profile, inputs, history, summary, when, seed, no_random, out, rejects, master, buckets, as_json)
        return
    if batch_lines is not None:
        if mapping or leads or results or actions:
            fail("--batch-lines does not take --mapping, --leads, --results or --actions yet: score in one pass")
        _score_batches(profile, inputs, history, summary, when, seed, no_random, out, rejects, batch_lines, as_json)
        return
    with err_console.status("scoring...", spinner="dots") if not as_json else _null():
        run = score_files(
            profile,
            inputs,
            mapping=mapping,
            history=history,
            as_of=when,
            seed=seed,
            random=not no_random,
            leads=leads,
            results=results,
            out=out,
            rejects=rejects,
            actions=actions,
            history_summary=summary,
        )
    prof, result = run.profile, run.result
    decls = result.declarations
    done = EXIT_FINDINGS if result.rows_rejected else EXIT_OK  # rows rejected: findings (results still written)
    if as_json:
        for row in decls.iter_rows(named=True):
            print(json_text(row))
        raise typer.Exit(done)
    s = result.summary()
    whole = (
        f" ({s['declarations_rejected']} declaration(s) rejected whole: "
        "a declaration is scored on all its lines or not at all)"
        if s["declarations_rejected"]
        else ""
    )
    console.print(
        f"[bold]{s['rows_in']}[/] rows in = [bold]{s['rows_scored']}[/] scored + "
        f"[bold]{s['rows_rejected']}[/] rejected{whole}; "
        f"{s['declarations']} declarations scored; random control picks: {s['random']}"
    )
    lanes = Table(title="Lanes")
    lanes.add_column("lane")
    lanes.add_column("declarations", justify="right")
    lanes.add_column("share", justify="right")
    for lane, n in s["lanes"].items():
        lanes.add_row(f"[{LANE_STYLE[lane]}]{lane}[/]", str(n), f"{n / max(1, s['declarations']):.1%}")
    show(console, lanes)
    # rules that raise the score first (most declarations first), then the mitigating ones
    hits = sorted(
        ((n, rid) for rid, n in result.rule_hits().items() if n), key=lambda h: (prof.rule(h[1]).weight < 0, -h[0])
    )[:10]
    if hits:
        t = Table(title="Top rules (a negative weight lowers the score: mitigating)")
        t.add_column("rule")
        t.add_column("weight", justify="right")
        t.add_column("title")
        t.add_column("declarations", justify="right")
        for n, rid in hits:
            rule = prof.rule(rid)
            weight = f"{rule.weight:+g}" + (" [green]mitigating[/]" if rule.weight < 0 else "")
            t.add_row(cell(rid), weight, cell(rule.title), str(n))
        show(console, t, ("rule",))
    flagged = decls.filter(pl.col("lane") != "green").sort("score", descending=True).head(top)
    if flagged.height:
        t = Table(title=f"Highest scores (top {top})")
        for c in ("decl_id", "score", "lane", "rules", "forced_by", "random"):
            t.add_column(c)
        for r in flagged.iter_rows(named=True):
            t.add_row(
                cell(r["decl_id"]),
                f"{r['score']:g}",
                f"[{LANE_STYLE[r['lane']]}]{r['lane']}[/]",
                cell(", ".join(r["rules"])),
                cell(r["forced_by"] or ""),
                "yes" if r["random"] else "",
            )
        show(console, t, ("decl_id", "forced_by"))
    if s["rows_rejected"]:
        t = Table(
            title=f"Rejected rows ({s['rows_rejected']}; first 10)"
            + ("" if rejects else " - write all with --rejects FILE")
        )
        for c in ("file", "row", "decl_id", "reason"):
            t.add_column(c)
        for r in result.rejects.head(10).iter_rows(named=True):
            t.add_row(cell(r["file"]), str(r["row"]), cell(r["decl_id"]), cell(r["reason"]))
        show(console, t, ("file", "row", "decl_id"))
    raise typer.Exit(done)


def _score_batches(
    profile, inputs, history, summary, when, seed, no_random, out, rejects, batch_lines, as_json
) -> None:
    from ..engine.batches import BatchError, score_batches
    from ..scoring import with_seed

    prof = with_seed(load_profile_or_exit(profile, as_json), seed)
    with err_console.status("scoring in batches...", spinner="dots") if not as_json else _null():
        try:
            s = score_batches(
                prof,
                list(inputs),
                out,
                history=list(history),
                batch_lines=batch_lines,
                random=not no_random,
                as_of=when,
                rejects_out=rejects,
                history_summary=summary,
            )
        except BatchError as e:
            fail(str(e))
    _finish(s, as_json, "batches", out, "FILE")


def _finish(s, as_json: bool, unit: str, out: Path | None, out_kind: str) -> NoReturn:
    """Print the summary of a scoring run that kept no rows in memory (JSON or for people) and exit: 1 when
    rows were rejected, else 0."""
    if as_json:
        print(json_text(s.to_json()))
    else:
        _print_counts(s, unit, out, out_kind)
    raise typer.Exit(EXIT_FINDINGS if s.rows_rejected else EXIT_OK)


def _print_counts(s, unit: str, out: Path | None, out_kind: str) -> None:
    """The summary of a scoring run that kept no rows in memory: counts, then declarations per lane."""
    console.print(
        f"[bold]{s.rows_in}[/] rows in = [bold]{s.rows_scored}[/] scored + [bold]{s.rows_rejected}[/] rejected; "
        f"{s.declarations} declarations in {s.batches} {unit}; random control picks: {s.random}"
    )
    lanes = Table(title="Lanes")
    lanes.add_column("lane")
    lanes.add_column("declarations", justify="right")
    for lane, n in s.lanes.items():
        lanes.add_row(f"[{LANE_STYLE[lane]}]{lane}[/]", str(n))
    show(console, lanes)
    if out is None:
        console.print(f"results not kept: write them with --out {out_kind}")


def _score_spark(
    profile, inputs, history, summary, when, seed, no_random, out, rejects, master, buckets, as_json
) -> None:
    from ..scoring import with_seed
    from ..spark.files import score_files_spark

    prof = with_seed(load_profile_or_exit(profile, as_json), seed)
    with err_console.status("scoring with Spark...", spinner="dots") if not as_json else _null():
        s = score_files_spark(  # errors (NotTraderLocal, SparkUnavailable, input) exit 2 via the CLI's one catch
            prof,
            list(inputs),
            out,
            rejects=rejects,
            history=list(history),
            summary=summary,
            master=master,
            buckets=buckets,
            random=not no_random,
            as_of=when,
        )
    _finish(s, as_json, "trader buckets", out, "DIR")


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def explain(
    decl_id: str = typer.Argument(..., help="Declaration id to explain."),
    input: list[Path] = typer.Option(..., "--input", "-i", help="File(s) holding the declaration (and its history)."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file."),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Column mapping YAML."),
    history: list[Path] = typer.Option([], "--history", help="Earlier declarations (repeatable)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Evaluate rule windows on this date."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object."),
) -> None:
    """Explain one declaration: fired rules with the values that made them fire, the score arithmetic,
    the lane, and near misses (rules one failed condition kept from firing).

    Example: riskprofile explain DEMO-0003 --input examples/declarations.csv
    """
    from ..engine.explain import explain_files
    from ..io.narrow import UnknownDeclaration

    prof = load_profile_or_exit(profile, as_json, mapping)
    try:
        e = explain_files(prof, decl_id, input, history, mapping, parse_date(as_of, "--as-of"))
    except UnknownDeclaration as u:
        where = "" if u.reason else f" {', '.join(map(str, input))}"
        fail(f"{u}{where}", u.hint)
    if as_json:
        print(json_text(e.to_json(), default=jsonable))
        return
    hdr = ", ".join(f"{k}={jsonable(v)}" for k, v in e.header.items() if v is not None)
    console.print(Panel(cell(hdr), title=cell(f"Declaration {decl_id}"), expand=False))
    t = Table(title="Goods lines")
    for c in ("item_no", "hs_code", "description", "brand", "quantity", "unit", "value_usd", "net_mass_kg"):
        t.add_column(c)
    for ln in e.lines:
        t.add_row(
            *[
                cell("" if ln.get(c) is None else f"{ln.get(c):.2f}" if isinstance(ln.get(c), float) else ln.get(c))
                for c in ("item_no", "hs_code", "description", "brand", "quantity", "unit", "value_usd", "net_mass_kg")
            ]
        )
    show(console, t, ("item_no", "hs_code"))
    if e.fired:
        t = Table(title="Fired rules")
        for c in ("rule", "weight", "lane", "lines", "why", "references"):
            t.add_column(c)
        for r in e.fired:
            t.add_row(
                cell(r.id),
                f"{r.weight:+g}" + (" [green]mitigating[/]" if r.weight < 0 else ""),
                r.lane or "",
                ",".join(map(str, r.lines)),
                f"[dim]{markup(r.title)}[/]\n{markup(r.reason)}",
                cell(", ".join(r.references)),
            )
        show(console, t, ("rule",))
    console.print(
        f"score: {markup(e.arithmetic)}   "
        f"thresholds: yellow >= {e.thresholds['yellow']:g}, red >= {e.thresholds['red']:g}"
    )
    forced = f" (forced by {markup(e.forced_by)})" if e.forced_by else ""
    console.print(
        f"lane: [{LANE_STYLE[e.lane]}]{e.lane}[/]{forced}"
        + ("   random control pick" if e.random else "")
        + f"   action: {e.action}"
    )
    if e.near_misses:
        t = Table(title="Near misses (why not flagged)")
        for c in ("rule", "weight", "title", "failed condition", "actual value", "line"):
            t.add_column(c)
        for m in e.near_misses[:10]:
            t.add_row(
                cell(m.id),
                f"{m.weight:+g}",
                cell(m.title, style="dim"),
                cell(m.failed),
                actual_value(m.actual),
                str(m.line or ""),
            )
        show(console, t, ("rule",))


def actual_value(v) -> Text:
    """A near miss's actual value for people: `no value` for a missing one (a test on null is false)."""
    if v is None:
        return cell("no value", style="dim")
    if isinstance(v, (list, tuple)):
        return cell(", ".join(map(str, v))) if v else cell("empty", style="dim")
    return cell(repr(v) if isinstance(v, str) else jsonable(v))


def schema(
    kind: str = typer.Option("rules", "--kind", "-k", help="rules | profile | list | mapping"),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to a file instead of stdout."),
    profile: Path | None = typer.Option(None, "--profile", "-p", help="Include this profile's list names."),
) -> None:
    """Write the JSON Schema of rule (or profile, list, mapping) files, for editor validation.

    Example: riskprofile schema --out rules.schema.json   (then point your editor's YAML plugin at it)
    """
    from ..loader.schema import json_schema

    lists = None
    if profile is not None:
        lists = sorted(load_profile_or_exit(profile).lists)
    try:
        doc = json_schema(kind, lists)
    except ValueError as e:
        fail(str(e))
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    if out is None:
        print(text)
    else:
        from ..yamlio import atomic_write_text

        atomic_write_text(out, text + "\n")
        console.print(f"wrote {markup(out)}", soft_wrap=True)


def bench(
    lines: int = typer.Option(1_000_000, "--lines", "-n", help="Synthetic goods lines to score."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file."),
    sample: int = typer.Option(20_000, "--sample", help="Lines given to the reference evaluator."),
    seed: int = typer.Option(7, "--seed", help="Generator seed."),
    duckdb: bool = typer.Option(
        False,
        "--baselines",
        help="Also time plain polars and DuckDB SQL plans of the same rules "
        "on the same prepared lines (DuckDB from the `test` extra).",
    ),
    lookup: bool = typer.Option(False, "--lookup", help="Time the IP-status lookup instead (p50/p99 ms per query)."),
    api: bool = typer.Option(
        False, "--api", help="Time POST /api/score of one declaration over loopback HTTP instead (web extra)."
    ),
    requests: int = typer.Option(500, "--requests", help="Requests timed with --api (after 50 warm-up requests)."),
    reference: bool = typer.Option(
        False, "--reference", help="Time the compiled rules against the reference evaluator instead."
    ),
    runs: int = typer.Option(3, "--runs", help="Fresh processes per path (the median is shown)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object."),
) -> None:
    """Time `score` end to end against a hand-written polars plan of the same four rules (reference
    price, port switch, trader history, look-alike marks) on the same Parquet file: median wall and
    CPU seconds of --runs fresh processes each, and each path's peak memory; also `score` with the
    shipped profile. With --reference, the compiled rules against the reference evaluator on a sample;
    with --lookup, the officer's IP-status lookup (cold, then p50/p99 of warm queries);
    with --api, the scoring API (p50/p99 ms per one-declaration request, warm).

    Example: riskprofile bench --lines 1000000
             riskprofile bench --reference
             riskprofile bench --api
    """
    from ..bench import run_bench

    prof = load_profile_or_exit(profile, as_json)
    if api:
        try:
            from ..web.bench import bench_api
        except ImportError as e:
            fail(f"--api needs the web extra ({e.name} is missing)", "Install it with: pip install 'riskprofile[web]'")
        got = bench_api(prof, requests=requests, seed=seed)
        if as_json:
            print(json.dumps(got))
        else:
            console.print(
                f"POST /api/score, one declaration a request ({got['lines_per_request']:.1f} lines on average), "
                f"{got['requests']} requests after {got['warmup']} warm-up: p50 {got['p50_ms']} ms, "
                f"p90 {got['p90_ms']} ms, p99 {got['p99_ms']} ms, max {got['max_ms']} ms; "
                f"CPU {got['cpu_ms']} ms a request (server and client); statuses {got['statuses']}"
            )
        return
    if not lookup and not reference:
        _bench_plan(profile, prof, lines, seed, runs, as_json)
        return
    if lookup:
        from ..ip.bench import bench_lookup

        got = bench_lookup(prof, seed=seed)
        if as_json:
            print(json.dumps(got))
        else:
            console.print(
                f"lookup: {got['queries']:,} queries over {got['marks']} recorded marks; cold {got['cold_ms']} ms "
                f"(register built), warm p50 {got['p50_ms']} ms, p99 {got['p99_ms']} ms, max {got['max_ms']} ms"
            )
        return
    res = run_bench(prof, lines, sample, seed, with_duckdb=duckdb, progress=not as_json)
    if as_json:
        print(json.dumps(res))
        return
    t = Table(title=f"bench: {res['lines']:,} lines, {res['declarations']:,} declarations, {res['n_rules']} rules")
    t.add_column("path")
    t.add_column("lines/s", justify="right")
    t.add_column("seconds", justify="right")
    for k, label in (
        ("compiled", "compiled, end to end (score)"),
        ("prepare", "  normalise + all features"),
        ("rules", "  rules + aggregation"),
        ("reference", f"reference rules ({res['sample']:,} lines)"),
        ("polars_plain", "  plain polars plan (rules + aggregation)"),
        ("duckdb", "  DuckDB SQL plan (rules + aggregation)"),
    ):
        if k in res:
            t.add_row(label, f"{res[k]['lines_per_s']:,.0f}", f"{res[k]['seconds']:.3f}")
    show(console, t)
    console.print(
        f"peak memory after the end-to-end run (max RSS, with the generated input): {res['peak_rss_mb']:,.0f} MiB; "
        f"compiled rules / reference rules = {res['ratio']:,.0f}x; "
        f"agreement on the sample: {res['agree']}"
    )


def _bench_plan(profile_path: Path, prof, lines: int, seed: int, runs: int, as_json: bool) -> None:
    import os
    import tempfile

    from ..bench.plan import compare
    from ..testing.synth import goods_lines

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "lines.parquet"
        with err_console.status("generating lines...", spinner="dots") if not as_json else _null():
            goods_lines(lines, prof.lists, seed).write_parquet(data)
        with err_console.status("timing...", spinner="dots") if not as_json else _null() as status:
            res = compare(profile_path, data, runs=runs, progress=getattr(status, "update", None))
    res["lines"] = lines
    res["load_1min"], res["cores"] = os.getloadavg()[0], os.cpu_count()
    if as_json:
        print(json.dumps(res))
        return
    t = Table(title=f"bench: {lines:,} lines, {res['declarations']:,} declarations, median of {runs} runs")
    for c, j in (("path", "left"), ("wall s", "right"), ("CPU s", "right"), ("peak RSS MiB", "right")):
        t.add_column(c, justify=j)  # type: ignore[arg-type]
    for k, label in (
        ("plan", "hand-written polars plan, 4 rules"),
        ("score", "score, the same 4 rules"),
        ("score-shipped", "score, shipped profile"),
    ):
        r = res[k]
        t.add_row(label, f"{r['wall_s']:.2f}", f"{r['cpu_s']:.2f}", f"{r['peak_rss_mb']:,.0f}")
    console.print(t)
    console.print(
        f"score / plan: {res['ratio_wall']:.2f}x wall, {res['ratio_cpu']:.2f}x CPU; same scores and lanes: "
        f"{res['agree']}; load average {res['load_1min']:.1f} on {res['cores']} cores"
    )


def register(app: typer.Typer) -> None:
    app.command()(lint)
    app.command()(score)
    app.command()(explain)
    app.command()(schema)
    app.command()(bench)
