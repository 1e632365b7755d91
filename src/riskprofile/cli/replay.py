"""`riskprofile replay`: the documented 2016 seizures replayed through the profile, with their controls
and the clean baseline."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ..fmt import num
from ..replay import DEFAULT_BASELINE, DEFAULT_SCENARIOS, MAX_BASELINE_RATE, MAX_RULE_ALARM_RATE, MAX_RULE_RATE
from ..safetext import cell, json_text, markup
from .common import DEFAULT_PROFILE, EXIT_FINDINGS, EXIT_OK, console, err_console, fail, load_profile_or_exit
from .core import LANE_STYLE
from .tables import show


def _lane(lane: str) -> str:
    return f"[{LANE_STYLE[lane]}]{lane}[/]"


def _scenario_lane(r, lanes) -> str:
    """The scenario's lane, saying which rule forced it when the score alone would not reach it."""

    def by_score(score: float) -> str:
        return "red" if score >= lanes.red else "yellow" if score >= lanes.yellow else "green"

    forced = sorted({d.forced_by for d in r.declarations if d.lane == r.lane and by_score(d.score) != d.lane})
    return _lane(r.lane) + (f" forced by {', '.join(forced)}" if forced else "")


def _yes(ok: bool) -> str:
    return "[green]yes[/]" if ok else "[red]no[/]"


def replay(
    scenarios: list[str] | None = typer.Argument(
        None, help="Scenario ids (C04) or files; default: every scenarios/*.yaml."
    ),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file."),
    folder: Path = typer.Option(DEFAULT_SCENARIOS, "--scenarios", help="Folder holding the scenario files."),
    baseline: Path = typer.Option(
        DEFAULT_BASELINE,
        "--baseline",
        "-b",
        help="Clean baseline scored by the standing profile (inspection rate, rule hits).",
    ),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Do not score the baseline."),
    max_rate: float = typer.Option(
        MAX_BASELINE_RATE, "--max-rate", help="Highest acceptable baseline inspection rate (yellow + red)."
    ),
    max_rule_rate: float = typer.Option(
        MAX_RULE_RATE, "--max-rule-rate", help="Highest acceptable share of the baseline one rule fires on."
    ),
    show_coverage: bool = typer.Option(
        False,
        "--coverage",
        help="List, for each rule, the scenarios and controls it fires "
        "on and its baseline hits, and the rules that fire nowhere.",
    ),
    as_json: bool = typer.Option(
        False,
        "--json",
        help="JSON Lines on stdout: one object per scenario "
        '{"id","flagged","lane","standing_only_flagged","flagged_as_documented","assumed","rules",'
        '"controls_ok","ok"}; with --coverage, '
        "one object per rule; the baseline summary goes to stderr as one JSON object.",
    ),
) -> None:
    """Replay the seizure scenarios: would the profile have flagged them at lodging?

    Each scenario's declarations are scored with the context known at the time (history, penalties,
    its own targeting instructions) and by the standing rules alone (instructions removed); its controls
    (legitimate look-alikes) must keep their lane. "as documented" scores the declarations again with
    the inputs the scenario assumes beyond the documents set neutral (its `assumed:` list): a hit that
    rests on assumptions is marked so. The baseline's inspection rate and per-rule hits show
    rules that fire on ordinary trade. Exit 1 when a scenario expectation or a baseline target fails,
    2 on unreadable scenarios, baseline or profile.

    Example: riskprofile replay            (all scenarios, table)
             riskprofile replay C04 C07 --json
             riskprofile replay --coverage
    """
    from ..replay import (
        coverage,
        load_scenario,
        replay_scenario,
        scenario_paths,
        score_baseline,
        summary,
    )

    prof = load_profile_or_exit(profile, as_json)
    paths = scenario_paths(scenarios, folder)
    if not paths:
        fail(f"no scenario files in {folder}", "Pass scenario ids or files, or --scenarios FOLDER.")
    results = [replay_scenario(prof, load_scenario(p, prof)) for p in paths]
    base = None
    if not no_baseline:
        if not baseline.exists():
            fail(
                f"baseline {baseline} not found",
                "Run `python examples/make_baseline.py`, pass --baseline FILE or --no-baseline.",
            )
        base = score_baseline(prof, baseline, max_rate, max_rule_rate)
    cov = coverage(prof, results, base) if show_coverage else None
    ok = all(r.ok for r in results) and (base is None or base.ok)

    if as_json:
        for obj in [c.to_json() for c in cov] if cov is not None else [r.to_json() for r in results]:
            print(json_text(obj))
        if base is not None:
            err_console.print_json(json.dumps(base.to_json(), ensure_ascii=False))
        raise typer.Exit(EXIT_OK if ok else EXIT_FINDINGS)

    show(console, _scenario_table(results, prof.config.lanes), ("scenario",))
    s = summary(results)
    console.print(
        f"flagged {s['flagged']}/{s['scenarios']}, "
        f"by standing rules alone {s['standing_only_flagged']}/{s['scenarios']}, "
        f"on documented inputs alone {s['flagged_as_documented']}/{s['scenarios']}, "
        f"controls green {s['controls_green']}/{s['controls']}, expectations met {s['ok']}/{s['scenarios']}"
    )
    for r in results:
        for msg in r.problems():
            console.print(f"[red]{markup(r.id)}[/]: {markup(msg)}")
    if base is not None:
        show(console, _baseline_table(base, prof), ("rule",))
    if cov is not None:
        show(console, _coverage_table(cov), ("rule",))
        nowhere = [c for c in cov if c.fires_nowhere]
        if nowhere:
            console.print("[yellow]rules firing on no scenario or control[/] (why they exist):")
            for c in nowhere:
                console.print(f"  {markup(c.rule_id)} {markup(c.title)}: {markup(c.rationale)}")
    raise typer.Exit(EXIT_OK if ok else EXIT_FINDINGS)


def _scenario_table(results, lanes) -> Table:
    t = Table(title="Replay of the documented 2016 seizures")
    for col, kw in (
        ("scenario", {}),
        ("title", {}),
        ("lane", {}),
        ("score", {"justify": "right"}),
        ("fired rules", {}),
        ("standing alone", {}),
        ("as documented", {}),
        ("controls green", {}),
        ("ok", {}),
    ):
        t.add_column(col, **kw)
    for r in results:
        lo, hi = r.score_range
        score = f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}"
        standing = f"{_yes(r.standing_only_flagged)} ({r.standing_lane})" + (
            "" if r.expect.standing_only else " [dim]not expected[/]"
        )
        green = sum(c.ok for c in r.controls)
        if not r.assumed:
            documented = _yes(r.flagged_as_documented)
        elif r.flagged and not r.flagged_as_documented:
            documented = f"[yellow]no ({r.documented_lane})[/]: the hit rests on {len(r.assumed)} assumed input(s)"
        else:
            documented = f"{_yes(r.flagged_as_documented)} ({r.documented_lane}), {len(r.assumed)} assumed"
        t.add_row(
            cell(r.id),
            cell(r.title),
            _scenario_lane(r, lanes),
            score,
            cell(", ".join(r.rules)),
            standing,
            documented,
            f"{_yes(r.controls_ok)} {green}/{len(r.controls)}",
            _yes(r.ok),
        )
    return t


def _baseline_table(base, prof) -> Table:
    t = Table(
        title=f"Baseline {markup(base.path)}: {base.declarations} legitimate declarations, false-alarm rate "
        f"{base.rate:.2%} inspected (target <= {base.max_rate:.0%}, no rule above {MAX_RULE_ALARM_RATE:.0%}) "
        f"{'ok' if base.ok else 'MISSED'}"
    )
    t.add_column("rule")
    t.add_column("title")
    t.add_column("hits", justify="right")
    t.add_column("share", justify="right")
    t.add_column("false alarms", justify="right")
    titles = {r.id: r.title for r in prof.rules}
    for rid, n in sorted(base.rule_hits.items(), key=lambda kv: (-kv[1], kv[0])):
        if n:
            share = base.rule_rate(rid)
            style = "red" if rid in base.noisy_rules else ""
            title = titles.get(rid, "") + (" (mitigating)" if rid in base.mitigating else "")
            alarms = f"{base.rule_alarm_rate(rid):.2%}" if rid not in base.mitigating else "-"
            if rid in base.alarming_rules:
                alarms = f"[red]{alarms}[/]"
            t.add_row(cell(rid), cell(title), str(n), f"[{style}]{share:.2%}[/]" if style else f"{share:.2%}", alarms)
    t.caption = (
        f"lanes: {base.lanes}; share: the baseline's declarations the rule fires on (above "
        f"{base.max_rule_rate:.0%} in red); false alarms: those of them sent to inspection (yellow or red). "
        "Mitigating rules (weight <= 0) are meant to fire on ordinary trade"
    )
    return t


def _coverage_table(cov) -> Table:
    t = Table(title="Rule coverage")
    for col in ("rule", "family", "weight", "scenarios", "controls", "baseline hits"):
        t.add_column(col)
    for c in cov:
        t.add_row(
            cell(c.rule_id),
            cell(c.family),
            f"{c.weight:g}",
            cell(", ".join(c.scenarios)) if c.scenarios else "[yellow]-[/]",
            cell(", ".join(c.controls) or "-"),
            num(c.baseline_hits),
        )
    return t


def register(app: typer.Typer) -> None:
    app.command("replay")(replay)
