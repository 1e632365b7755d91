"""`riskprofile drill` (run a trainer drill) and `riskprofile drill report RESULTS`."""

from __future__ import annotations

import os
import random
from pathlib import Path

import typer
from rich.console import Console

from .common import DEFAULT_PROFILE, EXIT_OK, console, err_console, fail, load_profile_or_exit

EXIT_INTERRUPTED = 130
LANGS = ("en", "zh")

drill_app = typer.Typer(
    name="drill",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        fail(f"--lang {lang!r} is not supported", "Use --lang en or --lang zh.")
    return lang


@drill_app.callback(invoke_without_command=True)
def drill(
    ctx: typer.Context,
    scenario: list[str] | None = typer.Option(
        None, "--scenario", "-s", help="Only this scenario (repeatable), e.g. C04."
    ),
    family: str | None = typer.Option(
        None,
        "--family",
        "-f",
        help="Only scenarios whose indicators or expected rules "
        "belong to this rule family (goods, origin, routing, value, loading, brand, "
        "trader, campaign, intel).",
    ),
    n: int = typer.Option(
        10, "--n", "-n", help="Items in the run (documented cases, controls and generated variants)."
    ),
    seed: int | None = typer.Option(
        None,
        "--seed",
        help="Seed: the same seed gives the same items, variants and order "
        "(default: a random seed, printed so the run can be repeated).",
    ),
    lang: str = typer.Option("en", "--lang", "-l", help="Language of prompts and indicator names: en or zh."),
    answers: Path | None = typer.Option(
        None,
        "--answers",
        "-a",
        help="Scripted, non-interactive run: a YAML/JSON list "
        "(or JSONL) of answers in item order, each {lane: g|y|r, indicators: (ids or "
        "numbers), note: ...}.",
    ),
    handout: Path | None = typer.Option(
        None,
        "--handout",
        help="Write a printable pack (drill.html, drill.md) to this "
        "folder instead of running: items first, answers on separate pages.",
    ),
    results: Path = typer.Option(
        Path("drill-results.jsonl"),
        "--results",
        "-r",
        help="JSON Lines file the answers are appended to (one line per answered item).",
    ),
    trainee: str | None = typer.Option(
        None,
        "--trainee",
        "-t",
        help="Trainee name recorded with each answer (asked for in an interactive run when not given).",
    ),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile that scores the declarations."),
    scenarios: Path = typer.Option(Path("scenarios"), "--scenarios", help="Folder of scenario files (Cnn.yaml)."),
) -> None:
    """Trainer drills: scenario-based exercises, scored, with variants that can't be memorised.

    Run a drill: for each item, the declaration as lodged and what was known at the time; choose a
    lane (g/y/r) and the indicators (numbers), add a note; then the reveal: the rules the profile fired
    with their reasons, its score and lane, what was really found (and where the documents say it), the
    indicators you missed or added wrongly. Answers are appended to --results; Ctrl-C keeps every
    answered item. Exit 0 done, 2 bad input, 130 interrupted.

    Examples:

      riskprofile drill --n 5 --seed 7 --trainee li.wei

      riskprofile drill --scenario C04 --n 3 --lang zh

      riskprofile drill --family routing --n 8 --answers answers.yaml --results class-3.jsonl

      riskprofile drill --n 12 --seed 2016 --handout out/handout

      riskprofile drill report class-3.jsonl --chart out/class-3.png
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..drill.engine import Assessor
    from ..drill.items import build_run, select
    from ..drill.results import ResultsWriter
    from ..drill.scenarios import load_scenarios
    from ..drill.session import BadAnswer, PromptAnswers, ScriptedAnswers, Stop, run_session, summary_table
    from ..drill.taxonomy import FAMILIES
    from ..drill.view import t

    _check_lang(lang)
    console = Console(highlight=False)
    if n < 1 or n > 500:
        fail(f"--n must be between 1 and 500 (got {n})")
    if family is not None and family not in FAMILIES:
        fail(f"--family {family!r} is not a rule family", f"Use one of: {', '.join(FAMILIES)}.")
    if answers is not None and not answers.is_file():
        fail(f"answers file {answers} not found", "Pass --answers FILE with one answer per item.")
    if not scenarios.is_dir():
        fail(f"scenario folder {scenarios} not found", "Run from the project root or pass --scenarios DIR.")
    prof = load_profile_or_exit(profile)
    all_scen, problems = load_scenarios(scenarios, scenario)
    for p in problems:
        err_console.print(f"[yellow]skipped:[/] {p}")
    if not all_scen:
        fail(f"no usable scenario in {scenarios}", "Scenario files are described in docs/rule-language.md.")
    chosen = select(all_scen, scenario, family, prof)
    if not chosen:
        known = ", ".join(s.id for s in all_scen)
        what = f" --scenario {' '.join(scenario)}" if scenario else ""
        what += f" --family {family}" if family else ""
        fail(f"no scenario matches{what}", f"Known scenarios: {known}.")
    if seed is None:
        seed = random.SystemRandom().randrange(1, 10**6)
        err_console.print(f"[dim]seed {seed} (repeat this run with --seed {seed})[/]")
    assessor = Assessor(prof)
    problems: list[str] = []
    try:
        with err_console.status("preparing the drill…", spinner="dots"):
            items = build_run(chosen, assessor, n, seed, problems=problems)
    except KeyboardInterrupt:
        err_console.print(t("stopped", lang, k=0, n=n))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    for p in problems:
        err_console.print(f"[yellow]left out:[/] {p}", highlight=False)
    if not items:
        fail("no item could be prepared from the chosen scenarios", "Check them with riskprofile replay.")

    if handout is not None:
        from ..drill.handout import write_handout

        paths = write_handout(items, assessor, handout, lang=lang, seed=seed)
        for p in paths:
            console.print(f"wrote {p}")
        raise typer.Exit(EXIT_OK)

    from ..drill.taxonomy import choices as indicator_choices

    choices = indicator_choices(i for it in items for i in it.indicators)
    if answers is not None:
        try:
            source = ScriptedAnswers.from_file(answers)
            source.check(items, choices, lang)
        except BadAnswer as e:
            fail(str(e), e.hint)
        who = trainee or "anonymous"
    else:
        source = PromptAnswers(console)
        if trainee is None:
            try:
                trainee = source.trainee(os.environ.get("USER") or "anonymous", lang)
            except (KeyboardInterrupt, Stop):  # Ctrl-C or end of input before the first item
                err_console.print(t("stopped", lang, k=0, n=len(items)))
                raise typer.Exit(EXIT_INTERRUPTED) from None
        who = trainee
    if trainee is not None and (not trainee.strip() or len(trainee) > 60):
        fail("--trainee must be 1-60 characters")
    writer = ResultsWriter(results)
    try:
        writer.check()
    except OSError as e:
        fail(f"cannot append to {results}: {e.strerror}", "Pass --results PATH in a writable folder.")
    run_info = {"profile_file": str(profile), "run_scenarios": sorted({it.scenario_id for it in items})}
    res = run_session(items, assessor, source, writer, console, lang=lang, trainee=who, seed=seed, run_info=run_info)
    if res.answered:
        console.print(summary_table(res.summary, lang))
    if res.interrupted:
        console.print(t("stopped", lang, k=res.answered, n=res.total))
    console.print(t("saved", lang, k=res.answered, path=results))
    raise typer.Exit(EXIT_INTERRUPTED if res.interrupted else EXIT_OK)


@drill_app.command("report")
def report(
    results: list[Path] = typer.Argument(..., help="Results file(s) written by `riskprofile drill`."),
    chart: Path | None = typer.Option(
        None, "--chart", "-c", help="PNG chart path (default: next to the first results file, <name>.report.png)."
    ),
    no_chart: bool = typer.Option(False, "--no-chart", help="Do not write the chart."),
    trainee: str | None = typer.Option(None, "--trainee", "-t", help="Only this trainee's answers."),
    lang: str = typer.Option("en", "--lang", "-l", help="Language of indicator names: en or zh."),
    as_json: bool = typer.Option(
        False, "--json", help="One JSON object on stdout (total, trainees, kinds, indicators)."
    ),
) -> None:
    """Summarise drill results per trainee and per indicator (the weakest indicators first), with a chart
    of indicator recall/precision and trainee lane accuracy.

    Example: riskprofile drill report class-3.jsonl --chart out/class-3.png
    """
    import json

    from ..drill.report import build_report, print_report, write_chart
    from ..drill.results import read_results

    _check_lang(lang)
    for p in results:
        if not p.is_file():
            fail(f"results file {p} not found", "Pass the file given to `riskprofile drill --results`.")
    try:
        records, skipped = read_results(results)
    except OSError as e:
        fail(f"cannot read results: {e}")
    rep = build_report(records, skipped, trainee)
    if rep.total.items == 0:
        fail(
            "no answered items in the results" + (f" for trainee {trainee!r}" if trainee else ""),
            "Run `riskprofile drill --results FILE` first.",
        )
    chart_path = None
    if not no_chart:
        chart_path = chart or results[0].with_suffix(".report.png")
        try:
            write_chart(rep, chart_path, lang)
        except OSError as e:
            fail(f"cannot write chart {chart_path}: {e.strerror}")
    if as_json:
        out = rep.to_json()
        out["chart"] = str(chart_path) if chart_path else None
        print(json.dumps(out, ensure_ascii=False, default=str))
        return
    print_report(rep, console, lang)
    if chart_path:
        console.print(f"chart: {chart_path}")


def register(app: typer.Typer) -> None:
    app.add_typer(drill_app, name="drill")


__all__ = ["drill", "drill_app", "register", "report"]
