"""Analyst verbs on labelled declarations: backtest, tune, compare."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..fmt import NO_VALUE, pct
from ..safetext import cell, json_text, markup
from .common import DEFAULT_PROFILE, console, err_console, fail, load_profile_or_exit, parse_date
from .tables import show

LABEL_HELP = "Label column (after the mapping), optionally with its positive values: `fraud`, `critical_fraud=2`."


def _labels(label: str, also: list[str]):
    from ..analyst.data import LabelSpec

    return LabelSpec.parse(label), [LabelSpec.parse(a) for a in also]


def _read(paths: list[Path], mapping: Path | None):
    from ..analyst.data import read_files

    return read_files(paths, mapping)


def _profile(path: Path, mapping: Path | None, as_json: bool):
    return load_profile_or_exit(path, as_json, mapping)


@contextmanager
def _progress(description: str):
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("batches"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as prog:
        task = prog.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            prog.update(task, completed=done, total=total)

        yield update


def _f(v: Any, nd: int = 3) -> str:
    if v is None:
        return NO_VALUE
    return f"{v:.{nd}f}" if isinstance(v, float) else str(v)


def rates_table(ev, title: str) -> Table:
    t = Table(title=title)
    for c in (
        "inspect",
        "decls",
        "min score",
        "precision",
        "worst tie",
        "recall",
        "lift",
        "value recall",
        *[f"recall {e}" for e in ev.extra_labels],
    ):
        t.add_column(c, justify="right")
    for r in ev.rates:
        t.add_row(
            pct(r["rate"]),
            str(r["k"]),
            _f(r["min_score"], 1),
            _f(r["precision"]),
            _f(r.get("precision_worst")),
            _f(r["recall"]),
            _f(r["lift"], 2),
            _f(r["value_recall"]),
            *[_f(r.get(f"recall[{e}]")) for e in ev.extra_labels],
        )
    return t


def lanes_table(ev, title: str = "At the profile's lanes") -> Table:
    t = Table(title=title)
    for c in (
        "lanes",
        "decls",
        "share",
        "hit rate",
        "recall",
        "lift",
        "value recall",
        *[f"recall {e}" for e in ev.extra_labels],
    ):
        t.add_column(c, justify="right")
    for r in ev.lanes:
        t.add_row(
            cell(r["lanes"]),
            str(r["n"]),
            pct(r["share"]),
            _f(r["hit_rate"]),
            _f(r["recall"]),
            _f(r["lift"], 2),
            _f(r["value_recall"]),
            *[_f(r.get(f"recall[{e}]")) for e in ev.extra_labels],
        )
    return t


def rules_table(ev, title: str = "Per rule") -> Table:
    t = Table(title=title)
    for c in ("rule", "family", "weight", "support", "precision", "lift", "recall", "alone"):
        t.add_column(c, justify="right" if c not in ("rule", "family") else "left")
    for r in sorted(ev.rules, key=lambda r: -(r["weight"] or 0)):
        t.add_row(
            cell(r["rule"]),
            cell(r["family"] or ""),
            _f(r["weight"], 0),
            str(r["support"]),
            _f(r["precision"]),
            _f(r["lift"], 2),
            _f(r["recall"]),
            str(r["only_rule"]),
        )
    return t


def backtest(
    data: list[Path] = typer.Argument(..., help="Labelled goods-line files (CSV, Parquet, JSON, JSONL)."),
    label: str = typer.Option(..., "--label", "-l", help=LABEL_HELP),
    also: list[str] = typer.Option(
        [], "--also", help="Further labels to report recall of (repeatable), e.g. critical_fraud=2."
    ),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file."),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Column mapping YAML for foreign layouts."),
    history: list[Path] = typer.Option(
        [],
        "--history",
        help="Earlier labelled declarations (repeatable): history features and the labels outcome features learn from.",
    ),
    online: bool = typer.Option(
        False,
        "--online",
        help="Outcome features also learn from the labels of DATA's earlier days "
        "(a rolling, as-of backtest). Default: DATA's labels are never seen by scoring.",
    ),
    batch_rows: int = typer.Option(
        250_000, "--batch-rows", help="Goods lines scored per batch (date-ordered; memory bound)."
    ),
    report: Path | None = typer.Option(
        None,
        "--report",
        "-r",
        help="Write a report into this folder: report.html and report.md (summary, confusion matrix at the "
        "lanes, cost and benefit, charts, per-rule precision with 95% intervals, glossary), PNG charts, "
        "metrics.json.",
    ),
    inspection_cost: float | None = typer.Option(
        None,
        "--inspection-cost",
        help="Cost of one inspection, in the currency of the value column: the report nets it against the "
        "value of the positives found (without it, the report gives the break-even cost).",
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object on stdout."),
) -> None:
    """Backtest a profile on labelled declarations, scored as of each declaration's date.

    Precision, recall, lift and value-weighted recall at inspection rates 1, 2, 5 and 10% (highest scores
    first) and at the profile's own lanes; per-rule support, precision and lift.

    Example: riskprofile backtest ../shared/data/kcs/df_syn_valid_eng.csv --label fraud --also critical_fraud=2
    --profile examples/kcs/profile.yaml --mapping examples/kcs/mapping.yaml
    --history ../shared/data/kcs/df_syn_train_eng.csv --report out/kcs-valid
    """
    from ..analyst.backtest import can_stream, score_files, score_labelled
    from ..analyst.metrics import evaluate
    from ..analyst.report import write_backtest_report
    from ..io.mapping import load_mapping

    main, extra = _labels(label, also)
    prof = _profile(profile, mapping, as_json)
    hist = _read(history, mapping) if history else None
    with _progress("backtest") as progress:
        try:
            if can_stream(prof, online):
                m = load_mapping(mapping) if mapping is not None else None
                scored, timing = score_files(
                    prof, data, [main, *extra], mapping=m, history=hist, batch_rows=batch_rows, progress=progress
                )
            else:
                frames = _read(data, mapping)
                scored, timing = score_labelled(
                    prof, frames, [main, *extra], history=hist, online=online, batch_rows=batch_rows, progress=progress
                )
        except KeyError as e:
            fail(str(e).strip("'\""))
    ev = evaluate(
        scored,
        main.name,
        [e.name for e in extra],
        weights={r.id: r.weight for r in prof.rules},
        families={r.id: r.family for r in prof.rules},
        meta={
            "profile": str(profile),
            "data": [str(d) for d in data],
            "history": [str(h) for h in history],
            "online": online,
            "timing": timing.to_dict(),
            "lanes": {"yellow": prof.config.lanes.yellow, "red": prof.config.lanes.red},
        },
    )
    files = []
    if report:
        setup = _setup(profile, data, history, mapping, online) | {
            "lanes": f"yellow >= {prof.config.lanes.yellow:g}, red >= {prof.config.lanes.red:g}",
            "scored in": f"{timing.seconds:.1f} s ({timing.batches} {timing.mode} batch(es))",
        }
        files = write_backtest_report(
            report,
            ev,
            f"Backtest of {prof.config.name} on {', '.join(d.name for d in data)}",
            setup,
            cost=inspection_cost,
            currency=_currency(mapping),
        )
    if as_json:
        print(json_text(ev.to_dict() | {"report": [str(f) for f in files]}, default=str))
        return
    t = timing.to_dict()
    console.print(
        f"[bold]{ev.declarations}[/] declarations ({t['lines']} lines) in {t['seconds']:.2f}s "
        f"({t['declarations_per_second']}/s, {t['batches']} {t['mode']} batch(es)); {ev.positives} positive for "
        f"[bold]{ev.label}[/] ({pct(ev.base_rate)}); labels seen by scoring: "
        f"{'history + earlier days of DATA' if online else 'history files only'}"
    )
    show(console, rates_table(ev, "At inspection capacities (highest scores first)"))
    show(console, lanes_table(ev))
    show(console, rules_table(ev), ("rule",))
    if files:
        console.print("report: " + markup(", ".join(str(f) for f in files)), soft_wrap=True)


def tune(
    train: list[Path] = typer.Argument(..., help="Labelled training files: weights are fitted here."),
    valid: list[Path] = typer.Option(
        ..., "--valid", "-v", help="Labelled validation file(s): lane thresholds are chosen here."
    ),
    label: str = typer.Option(..., "--label", "-l", help=LABEL_HELP),
    also: list[str] = typer.Option([], "--also", help="Further labels to report recall of (repeatable)."),
    profile: Path = typer.Option(
        DEFAULT_PROFILE, "--profile", "-p", help="Profile to tune (its YAML files are edited in place)."
    ),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Column mapping YAML."),
    history: list[Path] = typer.Option([], "--history", help="Labelled declarations earlier than TRAIN (repeatable)."),
    red_rate: float = typer.Option(0.05, "--red-rate", help="Target share of declarations in the red lane."),
    yellow_rate: float = typer.Option(0.10, "--yellow-rate", help="Target share in yellow or red."),
    l1: float = typer.Option(20.0, "--l1", help="L1 penalty (sum over declarations): larger -> more zero weights."),
    l2: float = typer.Option(1.0, "--l2", help="L2 penalty (sum over declarations)."),
    scale: float = typer.Option(20.0, "--scale", help="Weight points per unit of log-odds."),
    burn_in_days: int = typer.Option(
        0,
        "--burn-in-days",
        help="Leave the first N days of TRAIN out of the fit (history features are still thin there).",
    ),
    fit_from: str | None = typer.Option(None, "--fit-from", help="Fit on TRAIN declarations from this date on."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the diff and metrics; change no file."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object on stdout (weights, lanes, metrics, diff)."),
) -> None:
    """Fit rule weights on TRAIN and lane thresholds on --valid; write them back into the YAML in place.

    Weights: sign-constrained, L1+L2 regularised logistic regression of the label on the fired rules,
    with features as of each declaration's date; rules tagged `fixed-weight` keep theirs. Thresholds: the
    lowest scores whose lanes hold at most --red-rate / --yellow-rate of the --valid declarations (scored
    with TRAIN as history, their own labels hidden). Only the changed numbers are rewritten (comments and
    layout kept), the diff is shown first, files are replaced atomically, and a tuning record
    (tuning.json: data fingerprints, parameters, before/after metrics) is written beside the profile.
    Re-running on the same data changes nothing.

    Example: riskprofile tune ../shared/data/kcs/df_syn_train_eng.csv --valid ../shared/data/kcs/df_syn_valid_eng.csv
    --label fraud --also critical_fraud=2 --profile examples/kcs/profile.yaml --mapping examples/kcs/mapping.yaml
    --burn-in-days 60
    """
    from ..analyst.tune import tune_files

    main, extra = _labels(label, also)
    with _progress("tune") as progress:
        outcome = tune_files(
            profile,
            train,
            valid,
            main,
            also=extra,
            mapping=mapping,
            history=history,
            targets={"yellow": yellow_rate, "red": red_rate},
            l1=l1,
            l2=l2,
            scale=scale,
            burn_in_days=burn_in_days,
            fit_from=parse_date(fit_from, "--fit-from"),
            dry_run=dry_run,
            progress=progress,
        )
    if as_json:
        print(json.dumps(outcome.to_json(), ensure_ascii=False, default=str))
        return
    plan, ev, diff = outcome.plan, outcome.evaluation, outcome.diff
    if diff:
        print_diff(diff)
    else:
        console.print("[green]no change[/]: the profile already holds these weights and thresholds")
    t = Table(title=f"Validation ({ev['after'].declarations} declarations, {main.name}): before -> after")
    for c in (
        "inspect",
        "precision before",
        "precision after",
        "recall before",
        "recall after",
        *[f"recall {e.name} after" for e in extra],
    ):
        t.add_column(c, justify="right")
    for b, a in zip(ev["before"].rates, ev["after"].rates, strict=False):
        t.add_row(
            pct(a["rate"]),
            _f(b["precision"]),
            _f(a["precision"]),
            _f(b["recall"]),
            _f(a["recall"]),
            *[_f(a.get(f"recall[{e.name}]")) for e in extra],
        )
    show(console, t)
    show(
        console,
        lanes_table(
            ev["after"], f"Lanes after (yellow >= {plan.lanes_after['yellow']:g}, red >= {plan.lanes_after['red']:g})"
        ),
    )
    if dry_run:
        console.print("[yellow]dry run[/]: no file changed")
    else:
        console.print(
            f"{len(plan.edits)} file(s) changed; "
            f"tuning record {'written' if outcome.record_written else 'unchanged'}: {markup(outcome.record_file)}",
            soft_wrap=True,
        )


def print_diff(diff: str) -> None:
    """A unified diff, one terminal line per line (never re-wrapped: a wrapped YAML line reads as broken)."""
    for line in diff.splitlines():
        style = {"+": "green", "-": "red", "@": "cyan"}.get(line[:1], "")
        console.print(Text(line, style=style), soft_wrap=True)


def _setup(profile: Path, data: list[Path], history: list[Path], mapping: Path | None, online: bool) -> dict:
    """The set-up table of a report: what was scored, with what, and which labels scoring saw."""
    return {
        "profile": str(profile),
        "data": ", ".join(map(str, data)),
        "history": ", ".join(map(str, history)) or "none",
        "column mapping": str(mapping) if mapping else "none",
        "labels seen by scoring": "history files and DATA's earlier days (--online)"
        if online
        else "history files only (DATA's own labels hidden)",
    }


def _currency(mapping: Path | None) -> str:
    from ..io.mapping import load_mapping

    if mapping is None:
        return "input currency"
    return str(load_mapping(mapping).constants.get("currency") or "input currency")


def compare(
    a: Path = typer.Argument(..., help="Profile A (profile.yaml or its folder)."),
    b: Path = typer.Argument(..., help="Profile B."),
    data: list[Path] = typer.Argument(..., help="Labelled goods-line files."),
    label: str = typer.Option(..., "--label", "-l", help=LABEL_HELP),
    also: list[str] = typer.Option([], "--also", help="Further labels to report recall of (repeatable)."),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Column mapping YAML."),
    history: list[Path] = typer.Option([], "--history", help="Earlier labelled declarations (repeatable)."),
    online: bool = typer.Option(
        False, "--online", help="As in backtest: outcome features also learn from DATA's earlier days."
    ),
    report: Path | None = typer.Option(None, "--report", "-r", help="Write an HTML/PNG report folder."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object on stdout."),
) -> None:
    """Compare two profiles on the same labelled data, side by side.

    Metrics at each capacity and lane, declarations inspected by only one of them (and the positives
    among those), per-rule weight/support/precision deltas.

    Example: riskprofile compare rules/ examples/kcs/ ../shared/data/kcs/df_syn_valid_eng.csv --label fraud
    --mapping examples/kcs/mapping.yaml --history ../shared/data/kcs/df_syn_train_eng.csv
    """
    from ..analyst.backtest import score_labelled
    from ..analyst.compare import compare as run_compare
    from ..analyst.report import (
        CHANGED_HEADERS,
        changed_rules_rows,
        format_side_by_side,
        side_by_side,
        write_compare_report,
    )

    main, extra = _labels(label, also)
    pa, pb = _profile(a, mapping, as_json), _profile(b, mapping, as_json)
    frames = _read(data, mapping)
    hist = _read(history, mapping) if history else None
    with _progress("compare") as progress:
        try:
            sa, _ = score_labelled(pa, frames, [main, *extra], history=hist, online=online, progress=progress)
            sb, _ = score_labelled(pb, frames, [main, *extra], history=hist, online=online, progress=progress)
        except KeyError as e:
            fail(str(e).strip("'\""))
    res = run_compare(pa, sa, pb, sb, main.name, [e.name for e in extra])
    files = []
    if report:
        setup = {"A": str(a), "B": str(b)} | _setup(Path("A and B"), data, history, mapping, online)
        del setup["profile"]
        lanes = {n: {"yellow": p.config.lanes.yellow, "red": p.config.lanes.red} for n, p in (("A", pa), ("B", pb))}
        files = write_compare_report(report, res, str(a), str(b), setup, lanes)
    if as_json:
        print(
            json.dumps(
                {
                    "a": res["a"].to_dict(),
                    "b": res["b"].to_dict(),
                    "only_one": res["only_one"],
                    "rules": res["rules"],
                    "report": [str(f) for f in files],
                },
                ensure_ascii=False,
                default=str,
            )
        )
        return
    console.print(f"A = {markup(a)}   B = {markup(b)}   label {markup(main.name)}", soft_wrap=True)
    t = Table(title="Side by side")
    for c in ("metric", "A", "B", "B - A"):
        t.add_column(c, justify="left" if c == "metric" else "right")
    for row in format_side_by_side(side_by_side(res["a"], res["b"])):
        t.add_row(*row)
    show(console, t)
    o = Table(title="Inspected by only one of them (positives among them)")
    for c in ("inspect", "only A", "only B"):
        o.add_column(c, justify="right")
    for x in res["only_one"]:
        o.add_row(pct(x["rate"]), f"{x['only_a']} ({x['only_a_positive']})", f"{x['only_b']} ({x['only_b_positive']})")
    show(console, o)
    changed = changed_rules_rows(res["rules"])
    if changed:
        rt = Table(title="Rules that changed")
        for c in CHANGED_HEADERS:
            rt.add_column(c, justify="left" if c in ("rule", "change") else "right")
        for row in changed:
            rt.add_row(cell(row[0]), *row[1:])
        show(console, rt, ("rule",))
    else:
        console.print("rules: the same rules with the same weights in A and B")
    if files:
        console.print("report: " + markup(", ".join(str(f) for f in files)), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("backtest")(backtest)
    app.command("tune")(tune)
    app.command("compare")(compare)
