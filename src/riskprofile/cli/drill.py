"""`riskprofile drill` (run a trainer drill) and `riskprofile drill report RESULTS`."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ..safetext import SafeConsole, json_text, markup
from .common import DEFAULT_PROFILE, EXIT_OK, console, err_console, fail, load_profile_or_exit
from .tables import show

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
    """Trainer drills: scenario exercises, fairly marked, with fresh variants.

    Each item shows the declaration as lodged and what was knowable at lodging.
    Choose a lane (g/y/r) and the indicators you see (numbers); add a note.
    The reveal: the rules the profile fired, its lane, what was really found.
    Marking (shown before item 1): points = lane value x (60% + 40% x indicators).
    Naming what is really on the declaration never counts against you.
    Answers are appended to --results; Ctrl-C keeps every answered item.
    Exit 0 done, 2 bad input, 130 interrupted.

    Examples:

      riskprofile drill --n 5 --seed 7 --trainee li.wei

      riskprofile drill --scenario C04 --n 3 --lang zh

      riskprofile drill --family routing --n 8 --answers a.yaml -r class-3.jsonl

      riskprofile drill --n 12 --seed 2016 --handout out/handout

      riskprofile drill report class-3.jsonl --chart out/class-3.png
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..drill import BadAnswer, DrillError, ResultsWriter, ScriptedAnswers, Stop, run, start
    from ..drill.terminal import TerminalView, prompt_answers, summary_table
    from ..drill.view import text

    _check_lang(lang)
    if answers is not None and not answers.is_file():
        fail(f"answers file {answers} not found", "Pass --answers FILE with one answer per item.")
    if trainee is not None and (not trainee.strip() or len(trainee) > 60):
        fail("--trainee must be 1-60 characters")
    prof = load_profile_or_exit(profile)
    try:
        with err_console.status("preparing the drill…", spinner="dots"):
            d = start(
                prof,
                scenarios,
                n=n,
                seed=seed,
                lang=lang,
                scenario_ids=scenario,
                family=family,
                profile_file=str(profile),
            )
    except DrillError as e:
        fail(str(e), e.hint)
    except KeyboardInterrupt:
        err_console.print(text("stopped", lang, k=0, n=n))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if seed is None:
        err_console.print(f"[dim]seed {d.seed} (repeat this run with --seed {d.seed})[/]")
    for p in d.problems:
        err_console.print(f"[yellow]left out:[/] {p}", highlight=False, markup=False)
    if handout is not None:
        from ..drill.handout import write_handout

        for p in write_handout(d, handout):
            console.print(f"wrote {markup(p)}", soft_wrap=True)
        raise typer.Exit(EXIT_OK)
    out = SafeConsole(highlight=False)
    if answers is not None:
        try:
            source = ScriptedAnswers.from_file(answers)
            source.check(d.items, d.choices, lang)
        except BadAnswer as e:
            fail(str(e), e.hint)
    else:
        source = prompt_answers(out)
        if trainee is None:
            try:
                trainee = source.trainee(os.environ.get("USER") or "anonymous", lang)
            except (KeyboardInterrupt, Stop):  # Ctrl-C or end of input before the first item
                err_console.print(text("stopped", lang, k=0, n=len(d)))
                raise typer.Exit(EXIT_INTERRUPTED) from None
    writer = ResultsWriter(results)
    try:
        writer.check()
    except OSError as e:
        fail(f"cannot append to {results}: {e.strerror}", "Pass --results PATH in a writable folder.")
    screen = TerminalView(out, lang)
    res = run(d, source, writer, trainee=trainee or "anonymous", on_item=screen.on_item, on_reveal=screen.on_reveal)
    if res.answered:
        show(out, summary_table(res.summary, lang))
    if res.interrupted:
        out.print(text("stopped", lang, k=res.answered, n=res.total))
    out.print(text("saved", lang, k=res.answered, path=results))
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
    from ..drill.report import build_report, write_chart
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
        print(json_text(out, default=str))
        return
    _print_report(rep, lang)
    if chart_path:
        console.print(f"chart: {markup(chart_path)}", soft_wrap=True)


def _print_report(rep, lang: str) -> None:
    """The report's tables at the terminal's width (ids and names never cut, see `cli.tables`)."""
    from ..drill.report import indicator_table, kinds_table, trainee_table, weakest_lines
    from ..drill.terminal import summary_table
    from ..safetext import cell

    show(console, summary_table(rep.total, lang))
    show(console, trainee_table(rep, lang), ("trainee", "学员"))
    console.print(
        "每位学员最弱的指标（答对/应选，+多选）："
        if lang == "zh"
        else "Weakest indicators per trainee (found/expected, +named where not expected):",
        highlight=False,
    )
    for line in weakest_lines(rep, lang, console.width):
        console.print(cell(line), highlight=False, soft_wrap=True)
    if rep.kinds:
        show(console, kinds_table(rep, lang), ("kind", "题型"))
    show(console, indicator_table(rep, lang), ("indicator", "指标"))
    if rep.skipped:
        console.print(f"[yellow]{rep.skipped} line(s) skipped (not result records)[/]")


def register(app: typer.Typer) -> None:
    app.add_typer(drill_app, name="drill")


__all__ = ["drill", "drill_app", "register", "report"]
