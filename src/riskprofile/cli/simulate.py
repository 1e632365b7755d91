"""`riskprofile simulate`: generated traffic, scored by the profile, inspected under capacity."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..fmt import NO_VALUE, num, pct
from ..safetext import json_text, markup
from ..simulate.engine import MIN_SIDE_BATCHES
from ..simulate.report import ESTIMATE_LABELS, SHARE_LABELS, yes_no
from .common import DEFAULT_PROFILE, EXIT_FINDINGS, EXIT_OK, console, err_console, fail, load_profile_or_exit
from .tables import show


def _progress(enabled: bool):
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("weeks"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not enabled,
    )


def simulate(
    n: int = typer.Option(100_000, "--n", "-n", help="Declarations to generate (spread evenly over the weeks)."),
    seed: int = typer.Option(2016, "--seed", "-s", help="Seed: the same seed gives the same traffic and outcomes."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile that scores the traffic."),
    weeks: int = typer.Option(52, "--weeks", "-w", help="Weeks simulated from 2016-01-04; infringers adapt weekly."),
    params: Path = typer.Option(Path("scenarios/sim/2016.yaml"), "--params", help="Traffic model parameter file."),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Write the generated goods lines (DESIGN columns + ground truth + outcome) to .parquet or .csv.",
    ),
    report: Path | None = typer.Option(
        None,
        "--report",
        "-r",
        help="Write a report folder: tables, weekly.png, "
        "report.html, comparing a static profile (without routing and trader-history "
        "rules) with the given one on the same seed.",
    ),
    no_adapt: bool = typer.Option(False, "--no-adapt", help="Infringers never change method."),
    check: bool = typer.Option(
        False,
        "--check",
        help="Exit 1 when a 2016 share is missed by more than its tolerance: 3 percentage points plus the run's "
        "sampling error (which shrinks as --n grows). A share of items resting on fewer than 10 detained "
        "batches on one side (on-application detentions below about --n 500000) is shown but not judged.",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="One JSON object on stdout (shares, targets, counts, control, weekly)."
    ),
    bench: bool = typer.Option(
        False,
        "--bench",
        help="Measure only: keep no lines, print the 2016 shares as a Markdown table, seconds and peak memory, "
        "then the same figures as one JSON line.",
    ),
) -> None:
    """Simulate a year of declarations calibrated to China Customs' 2016 IP statistics.

    Traffic from the parameter file is scored week by week by the profile, inspected under each office's
    daily capacity (overflow released and counted), with a random control group and infringers that shift
    port, channel, description or value after seizures. Prints the detained-goods shares next to the 2016
    figures (keys of `shares` in --json: export_batch_share, postal_batch_share, sea_item_share,
    trademark_item_share, ex_officio_batch_share, export_item_share, ex_officio_item_share,
    postal_express_batch_share, patent_batch_share), control-group estimates with 95% intervals next to the
    true values, and timings with peak memory.

    Example: riskprofile simulate --n 1000000 --seed 2016 --report out/sim --out out/traffic.parquet
             riskprofile simulate --bench --n 1000000 --seed 2016
    """
    from ..simulate import load_params
    from ..simulate.measure import markdown, measure
    from ..simulate.study import simulate_study

    if n < 1:
        fail(f"--n must be at least 1 (got {n})")
    if not 1 <= weeks <= 520:
        fail(f"--weeks must be between 1 and 520 (got {weeks})")
    if out is not None and out.suffix.lower() not in (".parquet", ".csv"):
        fail(f"--out {out}: unsupported format", "Use a .parquet or .csv file name.")
    if not params.exists():
        fail(f"parameter file {params} not found", "Run from the project root or pass --params FILE.")
    sim_params = load_params(params)
    prof = load_profile_or_exit(profile, as_json)
    if bench:
        figures = measure(sim_params, prof, n, seed, weeks)
        print(markdown(figures))
        print(json_text(figures, default=str))
        return
    with _progress(sys.stderr.isatty() or not as_json) as bar:
        tasks: dict[str, Any] = {}

        def progress(name: str, week: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=week)

        study = simulate_study(
            sim_params,
            prof,
            n=n,
            seed=seed,
            weeks=weeks,
            adaptive=not no_adapt,
            profile_name=str(profile),
            out=out,
            report=report,
            progress=progress,
        )
    if as_json:
        print(json_text(study.payload, default=str))
    else:
        _print_human(study.result, study.payload, study.runs)
    raise typer.Exit(EXIT_FINDINGS if (check and study.missed) else EXIT_OK)


def _print_human(result, payload: dict, runs: dict) -> None:
    c = result.counts
    console.print(
        f"[bold]riskprofile simulate[/]: {result.n:,} declarations, {result.weeks} weeks, seed {result.seed}, "
        f"profile {markup(result.profile_name)}"
    )
    t = Table(title="Detained goods vs 2016 (annual report, §一)")
    for col in ("share", "2016", "simulated", "diff (pp)", "allowed (pp)", ""):
        t.add_column(col, justify="left" if col == "share" else "right")
    for x in payload["targets"]:
        mark = "" if x["simulated"] is None else ("[green]ok[/]" if x["ok"] else "[red]miss[/]")
        if x["simulated"] is not None and not x["judged"]:
            mark = "[dim]n/a*[/]"
        t.add_row(
            SHARE_LABELS.get(x["key"], x["key"]),
            pct(x["target"], 2),
            pct(x["simulated"], 2),
            num(x["diff_pp"], "+.2f"),
            f"±{x['tolerance_pp']:.2f}",
            mark,
        )
    show(console, t)
    unjudged = [x for x in payload["targets"] if x["simulated"] is not None and not x["judged"]]
    if unjudged:
        console.print(
            "[dim]* not judged: "
            + "; ".join(
                f"{SHARE_LABELS.get(x['key'], x['key'])} rests on {x['smaller_side_batches']}" for x in unjudged
            )
            + f" detained batch(es) on its smaller side (fewer than {MIN_SIDE_BATCHES}); a larger --n judges it.[/]",
            highlight=False,
        )
    console.print(
        f"declared {c['declared']:,} = inspected {c['inspected']:,} + released {c['released']:,} "
        f"(overflow {c['overflow']:,}); flagged {c['flagged']:,} (red {c['red']:,}, yellow {c['yellow']:,}); "
        f"random picks {c['random_picks']:,}; infringing {c['infringing']:,}; seized {c['seized']:,} batches, "
        f"{c['items_seized']:,} items ({c['on_application']} on application)"
    )
    console.print(
        f"actions: {c['inspected']:,} physical inspections, {c['documents_requests']:,} IP-status declaration "
        f"requests (documents), {c['holder_notices']:,} holder notices (ex officio hits)"
    )
    e = Table(title="Random control group: estimate [95% CI] vs truth")
    for col in ("quantity", "estimate", "95% CI", "true", "n", "true in CI"):
        e.add_column(col)
    for est in result.estimates.values():
        ci = NO_VALUE if est.low is None else f"[{pct(est.low, 2)}, {pct(est.high, 2)}]"
        e.add_row(
            ESTIMATE_LABELS.get(est.name, est.name),
            pct(est.estimate, 2),
            ci,
            pct(est.true, 2),
            str(est.n),
            yes_no(est.covered),
        )
    show(console, e)
    if runs:
        w = Table(title="Adaptive infringers: static vs routing+history profile (weekly means)")
        for col in (
            "profile",
            "recall",
            "recall, last 4 weeks",
            "hit rate",
            "port drift, last 4 weeks",
            "ZJ sea at Shanghai, last 4 weeks",
        ):
            w.add_column(col)
        for name, v in payload["comparison"].items():
            w.add_row(
                name,
                pct(v["mean_recall"], 2),
                pct(v["last4_recall"], 2),
                pct(v["mean_hit_rate"], 2),
                pct(v["last4_port_drift"], 2),
                pct(v["last4_zj_sea_at_shanghai"], 2),
            )
        show(console, w, ("profile",))
    tm = payload["timings"]
    console.print(
        f"{payload['seconds']:.1f} s (generate {tm['generate']:.1f}, score {tm['score']:.1f}, inspect "
        f"{tm['inspect']:.1f}, adapt {tm['adapt']:.1f}); peak memory {payload['peak_memory_mb']:.0f} MB"
    )
    for p in payload["written"]:
        console.print(f"wrote {markup(p)}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate)


__all__ = ["register", "simulate"]
