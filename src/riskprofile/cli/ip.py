"""IP-protection workflow verbs: `lookup` (the officer's IP-status lookup) and `instructions` (leads ->
instructions, the feedback report, cross-office alerts)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .common import DEFAULT_PROFILE, EXIT_OK, catching, console, load_profile_or_exit, parse_date

VERDICT_STYLE = {"authorised": "green", "unauthorised": "bold red", "unknown": "yellow", "not_recorded": "dim"}


def lookup(
    query: str = typer.Argument(..., help="The mark as typed or read off the goods (any script, alias, look-alike)."),
    goods: str | None = typer.Option(None, "--goods", "-g", help="HS code (prefix) or words: 8301, padlocks, 挂锁."),
    trader: str | None = typer.Option(None, "--trader", "-t", help="Trader id: the verdict is for this trader."),
    office: str | None = typer.Option(None, "--office", help="Office (code or name): pre-confirmations of it."),
    on: str | None = typer.Option(None, "--on", help="Only recordations in force this day (YYYY-MM-DD)."),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile file (its register)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object (DESIGN lookup contract)."),
) -> None:
    """The officer's IP-status lookup: recordations the mark matches, holder, licensees, pre-confirmations,
    validity, goods, past seizures, a verdict for the trader and what to do. Exit 0 whenever answered.

    Example: riskprofile lookup TRI-CYIRCELE --goods padlocks --trader ZJ-LOCKS-01
    """
    from ..ip.lookup import lookup as run

    prof = load_profile_or_exit(profile, as_json)
    res = run(query, goods, trader, office, parse_date(on, "--on"), profile=prof)
    if as_json:
        print(json.dumps(res.model_dump(mode="json"), ensure_ascii=False))
        raise typer.Exit(EXIT_OK)
    style = VERDICT_STYLE[res.verdict]
    console.print(f"[bold]{res.query}[/]: [{style}]{res.verdict.replace('_', ' ')}[/]")
    for m in res.matches:
        t = Table(show_header=False, box=None, padding=(0, 1))
        t.add_column(style="dim", no_wrap=True)
        t.add_column(overflow="fold")
        t.add_row("mark", f"[bold]{m.mark}[/] ({m.right}, {m.match} match)")
        t.add_row("recordation", f"{m.recordation or '-'}, valid to {m.valid_to or '-'}")
        t.add_row("holder", f"{m.holder.name} [{m.holder.id}]")
        t.add_row("licensees", ", ".join(m.licensees) or "-")
        t.add_row("pre-confirmed", ", ".join(m.preconfirmed) or "-")
        t.add_row("goods", ", ".join(m.goods) or "any")
        if m.seizures:
            t.add_row("past records", "; ".join(m.seizures))
        console.print(t)
    console.print(f"advice: {res.advice}", soft_wrap=False)


def register(app: typer.Typer) -> None:
    app.command("lookup")(catching(lookup))
