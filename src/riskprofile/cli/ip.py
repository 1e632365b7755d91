"""IP-protection workflow verbs: `lookup` (the officer's IP-status lookup) and `instructions` (leads ->
instructions, the feedback report, cross-office alerts)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer
from rich.table import Table

from ..fmt import pct
from ..safetext import cell, markup
from .common import DEFAULT_PROFILE, EXIT_OK, catching, console, load_profile_or_exit, parse_date
from .tables import indented, show

VERDICT_STYLE = {"authorised": "green", "unauthorised": "bold red", "unknown": "yellow", "not_recorded": "dim"}


def lookup(
    query: str = typer.Argument(..., help="The mark as typed or read off the goods (any script, alias, look-alike)."),
    goods: str | None = typer.Option(None, "--goods", "-g", help="HS code (prefix) or words: 8301, padlocks, 挂锁."),
    trader: str | None = typer.Option(None, "--trader", "-t", help="Trader id: the verdict is for this trader."),
    office: str | None = typer.Option(None, "--office", help="Office (code or name): pre-confirmations of it."),
    on: str | None = typer.Option(
        None,
        "--on",
        help="Only recordations in force this day (YYYY-MM-DD); without it all are shown, expired ones marked.",
    ),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file (its register)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object (DESIGN lookup contract)."),
) -> None:
    """The officer's IP-status lookup: recordations the mark matches, holder, licensees, pre-confirmations,
    validity, goods, past seizures, a verdict for the trader and what to do. Exit 0 whenever answered.

    Example: riskprofile lookup TRI-CYIRCELE --goods padlocks --trader ZJ-LOCKS-01
    """
    from ..ip.lookup import expired
    from ..ip.lookup import lookup as run

    prof = load_profile_or_exit(profile, as_json)
    day = parse_date(on, "--on")
    res = run(query, goods, trader, office, day, profile=prof)
    if as_json:
        print(json.dumps(res.model_dump(mode="json"), ensure_ascii=False))
        raise typer.Exit(EXIT_OK)
    style = VERDICT_STYLE[res.verdict]
    lapsed = day is None and any(expired(m, dt.date.today()) for m in res.matches)
    note = " [bold red](recordation expired: see advice)[/]" if lapsed else ""
    console.print(f"[bold]{markup(res.query)}[/]: [{style}]{res.verdict.replace('_', ' ')}[/]{note}")
    for m in res.matches:
        t = Table(show_header=False, box=None, padding=(0, 1))
        t.add_column(style="dim", no_wrap=True)
        t.add_column(overflow="fold")
        t.add_row("mark", f"[bold]{m.mark}[/] ({m.right}, {m.match} match)")
        gone = day is None and expired(m, dt.date.today())
        until = f"[bold red]EXPIRED {m.valid_to}[/]" if gone else f"valid to {m.valid_to or '-'}"
        t.add_row("recordation", f"{m.recordation or '-'}, {until}")
        t.add_row("holder", f"{m.holder.name} [{m.holder.id}]")
        t.add_row("licensees", ", ".join(m.licensees) or "-")
        t.add_row("pre-confirmed", ", ".join(m.preconfirmed) or "-")
        t.add_row("goods", ", ".join(m.goods) or "any")
        if m.seizures:
            t.add_row("past records", "; ".join(m.seizures))
        console.print(t)
    console.print(f"advice: {res.advice}", soft_wrap=False)


instructions_app = typer.Typer(
    help="Leads -> targeting instructions, inspection results -> the feedback report, seizures -> alerts.",
    no_args_is_help=True,
)


def _leads(paths: list[Path], prof):
    from ..loader.leads import instructions as to_instructions
    from ..loader.leads import load_leads

    return to_instructions(load_leads(paths, prof.lists), prof.lists)


@instructions_app.command("build")
def build(
    leads: list[Path] = typer.Argument(..., help="Leads files (YAML or CSV) or folders of them."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile (offices, marks, fields)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per instruction (rule included)."),
) -> None:
    """Turn leads into scoped instructions (issuer, kind, lane/weight, window, inspection requirement).
    A lead that does not check is reported with file:line and code (exit 2), like a rule.

    Example: riskprofile instructions build scenarios/leads/
    """
    prof = load_profile_or_exit(profile, as_json)
    items = _leads(leads, prof)
    if as_json:
        for i in items:
            print(json.dumps(i.model_dump(mode="json"), ensure_ascii=False))
        return
    console.print(f"{len(items)} instruction(s)")
    for i in items:
        lane = i.rule.get("lane") or "no lane"
        console.print(cell(i.id, "bold"), soft_wrap=True)  # an id is never wrapped
        details = (
            f"{i.kind}, source {i.source or '-'}, issued by {i.issued_by}, {i.valid_from} to {i.valid_to}, "
            f"{lane}, weight {i.rule['weight']:g} ({i.status})"
        )
        indented(console, cell(details))
        if i.inspection:
            indented(console, cell(f"inspection: {i.inspection}"))


KINDS = {"risk_parameter": "param", "preset": "preset", "reviewer": "review", "rule": "rule"}


def _print_report(rows, title: str) -> None:
    """Per instruction or rule: counts and status; ids are never cut (`cli.tables.show`), all in --json."""
    t = Table(title=title)
    t.add_column("id")
    t.add_column("kind")
    for col in ("match", "insp", "seiz", "hit", "ntc"):
        t.add_column(col, justify="right")
    t.add_column("status")
    for r in rows:
        style = {"retire_proposed": "yellow", "retired": "dim", "expired": "dim"}.get(r.status, "")
        status = r.status.replace("retire_proposed", "retire?") + (f" {r.why}" if r.why and r.why != r.status else "")
        t.add_row(
            cell(r.id),
            KINDS[r.kind],
            str(r.matched),
            str(r.inspected),
            str(r.seized),
            pct(r.hit_rate, 0),
            str(r.holder_notices),
            cell(status, style),
        )
    show(console, t, ("id",))


@instructions_app.command("report")
def report_cmd(
    results: list[Path] = typer.Argument(None, help="Results files (JSON Lines or CSV), one object per declaration."),
    leads: list[Path] = typer.Option([], "--leads", "-l", help="Leads files or folders (the instructions)."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile (its standing rules)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Date for expiry (default: the last result's date)."),
    min_inspected: int = typer.Option(5, "--min-inspected", help="Inspections without a seizure before retiring."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per instruction and standing rule."),
) -> None:
    """Per instruction and standing rule: matched, inspected, seized, hit rate, holder notices; retirement
    proposed for instructions that expired or never hit.

    Example: riskprofile instructions report year.jsonl --leads year-leads.yaml
    """
    from ..ip.feedback import read_results, report

    prof = load_profile_or_exit(profile, as_json)
    got = read_results(results or [])
    rows = report(got, prof, _leads(leads, prof) if leads else [], parse_date(as_of, "--as-of"), min_inspected)
    if as_json:
        for r in rows:
            print(json.dumps(r.model_dump(mode="json"), ensure_ascii=False))
        return
    _print_report(rows, f"{len(got):,} results")


@instructions_app.command("alerts")
def alerts_cmd(
    results: list[Path] = typer.Argument(..., help="Results files: every hit (found: true) raises proposals."),
    history: list[Path] = typer.Option([], "--history", help="Declarations: where similar traders lodged."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the proposals as a leads file (YAML)."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile (regions, offices)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per proposed lead."),
) -> None:
    """Propose cross-office alerts after seizures (with --history: the three offices where other traders
    lodged most of the same goods from that region; without: the region's usual offices) and the seizing
    office's follow-up, scoped and dated, status `proposed`: an analyst accepts one by setting
    `status: active` in the written leads file.

    Example: riskprofile instructions alerts results.jsonl --history traffic.csv --out proposed.yaml
    """
    from ..io.read import read_frame
    from ..ip.alerts import propose
    from ..ip.feedback import read_results
    from ..yamlio import atomic_write_text, dump_yaml

    prof = load_profile_or_exit(profile, as_json)
    hist = prof.frame([read_frame(p) for p in history]) if history else None
    proposals = [lead for r in read_results(results) for lead in propose(r, prof, hist)]
    docs = [p.to_document() for p in proposals]
    if out is not None:
        atomic_write_text(out, dump_yaml({"leads": docs}))
    if as_json:
        for d in docs:
            print(json.dumps(d, ensure_ascii=False))
        return
    t = Table(title=f"{len(proposals)} proposed lead(s)" + (f" -> {markup(out)}" if out else ""))
    for col in ("id", "kind", "to", "goods", "region", "window"):
        t.add_column(col)
    for p in proposals:
        t.add_row(
            cell(p.id),
            KINDS.get(p.kind, p.kind),
            cell(p.issued_by),
            cell(", ".join(p.names.goods)),
            cell(", ".join(p.names.source_region) or "-"),
            f"{p.valid_from}..{p.valid_to}",
        )
    show(console, t, ("id",))


@instructions_app.command("year")
def year_cmd(
    n: int = typer.Option(50_000, "--n", help="Declarations in the simulated year."),
    seed: int = typer.Option(2016, "--seed", "-s", help="Simulation seed."),
    leads: list[Path] = typer.Option([], "--leads", "-l", help="Leads in force from the start."),
    results: Path | None = typer.Option(None, "--results", help="Write the year's results (JSON Lines)."),
    leads_out: Path | None = typer.Option(None, "--leads-out", help="Write every accepted lead (YAML)."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file."),
    params: Path = typer.Option(Path("scenarios/sim/2016.yaml"), "--params", help="Simulator parameters."),
    as_json: bool = typer.Option(False, "--json", help="The report as JSON Lines, as `instructions report`."),
) -> None:
    """A simulated year with the loop closed: score with the instructions in force, record results,
    propose and accept alerts and follow-ups after each seizure; then the report (hit rate per instruction
    and per rule, retirements proposed) and the actions counted (inspections, documents, holder notices).

    Example: riskprofile instructions year --n 50000 --seed 2016 --results year.jsonl --leads-out year.yaml
    """
    from ..ip.feedback import report, write_results
    from ..ip.year import run_year
    from ..loader.leads import load_leads
    from ..simulate.params import load_params
    from ..yamlio import atomic_write_text, dump_yaml

    prof = load_profile_or_exit(profile, as_json)
    start = load_leads(leads, prof.lists) if leads else []
    from .common import err_console

    with err_console.status("simulating a year...", spinner="dots"):
        sim, scorer = run_year(load_params(params), prof, n, seed, start)
    if results is not None:
        write_results(scorer.results, results)
    if leads_out is not None:
        docs = [lead.to_document() for lead in scorer.leads]
        atomic_write_text(leads_out, dump_yaml({"leads": docs}))
    rows = report(scorer.results, prof, scorer.instructions)
    if as_json:
        for r in rows:
            print(json.dumps(r.model_dump(mode="json"), ensure_ascii=False))
        return
    c = sim.counts
    ins = [r for r in rows if r.kind != "rule"]
    hit = sum(r.seized for r in ins)
    insp = sum(r.inspected for r in ins)
    console.print(
        f"{sim.n:,} declarations, {sim.weeks} weeks: {c['inspected']:,} physical inspections, "
        f"{c['documents_requests']:,} IP-status declaration requests, {c['holder_notices']:,} holder notices; "
        f"{c['seized']:,} seizures. {len(ins)} instructions ({len(start)} from leads, the rest alerts and "
        f"follow-ups accepted after seizures): {insp:,} inspections, {hit:,} seizures"
        + (f" (hit rate {hit / insp:.0%})" if insp else "")
        + f"; {sum(r.status == 'retire_proposed' for r in ins)} proposed for retirement."
    )
    rules = [r for r in rows if r.kind == "rule"]
    _print_report(rules, "standing rules")
    best = sorted(ins, key=lambda r: (-r.seized, -r.inspected, r.id))[:10]
    _print_report(best, "instructions with the most seizures (all in --json)")


def register(app: typer.Typer) -> None:
    app.command("lookup")(catching(lookup))
    for cmd in instructions_app.registered_commands:
        cmd.callback = catching(cmd.callback)
    app.add_typer(instructions_app, name="instructions")
