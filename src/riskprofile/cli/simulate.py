"""`riskprofile simulate`: generated traffic, scored by the profile, inspected under capacity."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..fmt import NO_VALUE, num, pct
from ..safetext import json_text, markup
from .common import DEFAULT_PROFILE, EXIT_FINDINGS, EXIT_OK, console, err_console, fail, load_profile_or_exit
from .tables import show

#: Rule families removed from the shipped profile to make the "static" comparison profile.
STATIC_WITHOUT = ("routing", "trader")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


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
    check: bool = typer.Option(False, "--check", help="Exit 1 when a 2016 share is missed by more than the tolerance."),
    as_json: bool = typer.Option(
        False, "--json", help="One JSON object on stdout (shares, targets, counts, control, weekly)."
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
    """
    from ..simulate import load_params
    from ..simulate.report import write_report

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
    t0 = time.perf_counter()
    runs, result = _run_all(sim_params, prof, profile, n, seed, weeks, no_adapt, out, report, as_json)
    elapsed = time.perf_counter() - t0
    written: list[Path] = []
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        o = result.outcomes.select(
            "decl_id",
            "lane",
            "score",
            "random",
            "selected_by",
            "inspected",
            "overflow",
            "seized",
            "ex_officio",
            "items_seized",
        )
        lines = result.lines.join(o, on="decl_id", how="left", maintain_order="left")
        if out.suffix.lower() == ".parquet":
            lines.write_parquet(out)
        else:
            lines.write_csv(out)
        written.append(out)
    if report is not None:
        written += write_report(report, runs)
    peak = _peak_mb()
    payload = result.as_json()
    payload.update(seconds=round(elapsed, 2), peak_memory_mb=round(peak, 1), written=[str(p) for p in written])
    if report is not None:
        payload["comparison"] = {
            name: {
                "mean_recall": float(r.weekly["recall"].mean()),
                "last4_recall": float(r.weekly["recall"].tail(4).mean()),
                "mean_hit_rate": float(r.weekly["hit_rate"].mean()),
                "last4_port_drift": float(r.weekly["port_drift"].tail(4).mean()),
                "last4_zj_sea_at_shanghai": float(r.weekly["zj_sea_at_shanghai"].tail(4).mean()),
            }
            for name, r in runs.items()
        }
    missed = [t for t in payload["targets"] if t["ok"] is False]
    if as_json:
        print(json_text(payload, default=str))
    else:
        _print_human(result, payload, runs)
    raise typer.Exit(EXIT_FINDINGS if (check and missed) else EXIT_OK)


def _run_all(sim_params, prof, profile, n, seed, weeks, no_adapt, out, report, as_json):
    from ..simulate import ProfileScorer, run

    scorer = ProfileScorer(prof, name=str(profile))
    runs = {}
    with _progress(sys.stderr.isatty() or not as_json) as bar:
        task = bar.add_task("simulate", total=weeks)
        result = run(
            sim_params,
            scorer,
            n,
            seed,
            weeks,
            adaptive=not no_adapt,
            keep_lines=out is not None,
            progress=lambda w, total: bar.update(task, completed=w),
            profile_name=str(profile),
        )
        if report is not None:
            static = prof.without(families=STATIC_WITHOUT)
            task2 = bar.add_task("static profile", total=weeks)
            runs["static"] = run(
                sim_params,
                ProfileScorer(static, "static"),
                n,
                seed,
                weeks,
                adaptive=not no_adapt,
                keep_lines=False,
                progress=lambda w, total: bar.update(task2, completed=w),
                profile_name=f"{profile} without {', '.join(STATIC_WITHOUT)}",
            )
            runs["routing+history"] = result
    return runs, result


def _print_human(result, payload: dict, runs: dict) -> None:
    c = result.counts
    console.print(
        f"[bold]riskprofile simulate[/]: {result.n:,} declarations, {result.weeks} weeks, seed {result.seed}, "
        f"profile {markup(result.profile_name)}"
    )
    t = Table(title="Detained goods vs 2016 (000 §一)")
    for col in ("share", "of", "2016", "simulated", "diff (pp)", ""):
        t.add_column(col, justify="right" if col not in ("share", "of") else "left")
    for x in payload["targets"]:
        mark = "" if x["ok"] is None else ("[green]ok[/]" if x["ok"] else "[red]miss[/]")
        t.add_row(
            x["key"],
            x["of"],
            pct(x["target"], 2),
            pct(x["simulated"], 2),
            num(x["diff_pp"], "+.2f"),
            mark,
        )
    show(console, t, ("share",))
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
        e.add_row(est.name, pct(est.estimate, 2), ci, pct(est.true, 2), str(est.n), str(est.covered))
    show(console, e, ("quantity",))
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
