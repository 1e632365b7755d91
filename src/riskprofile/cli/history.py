"""`riskprofile history build`: a trader-history summary for `score --history-summary`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..safetext import json_text, markup
from .common import DEFAULT_PROFILE, console, parse_date

history_app = typer.Typer(
    name="history",
    help="Trader-history summaries: score against a summary instead of re-reading years of history files.",
    no_args_is_help=True,
)


@history_app.command("build")
def build(
    inputs: list[Path] = typer.Argument(..., help="History files (goods lines): CSV, Parquet, JSON or JSONL."),
    out: Path = typer.Option(..., "--out", "-o", help="Directory of the summary (created; an older one is replaced)."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Summarise declarations strictly before this date (default: all of them)."
    ),
    profile: Path = typer.Option(DEFAULT_PROFILE, "--profile", "-p", help="Profile whose normalisation is used."),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help="Column mapping YAML for foreign layouts."),
    as_json: bool = typer.Option(False, "--json", help="The manifest as JSON on stdout."),
) -> None:
    """Summarise history files per trader and per trader x office (declarations, first and last date) as of
    a date, for `score --history-summary DIR`: the same scores as `score --history FILE...`.

    Writes traders-*.parquet, offices-*.parquet and manifest.json (profile, feature version, as-of date,
    sources with their sha256); the manifest is written last, so a summary is replaced atomically.
    Scoring refuses a summary that would change the scores (error codes HS001-HS006: a declaration not
    later than its trader's summarised history, history left out after the as-of date, a profile with
    outcome rates, another offices list).

    Example: riskprofile history build history_2015.parquet --as-of 2016-01-01 --out hist2015/
             riskprofile score lodged_2016.parquet --history-summary hist2015/ --out scored.parquet
    """
    from ..scoring import summarise_history

    summary = summarise_history(profile, inputs, out, as_of=parse_date(as_of, "--as-of"), mapping=mapping)
    m = summary.manifest
    if as_json:
        print(json_text(m))
        return
    console.print(
        f"{m['rows_in']} rows read, {m['rows_rejected']} rejected; {m['declarations']} declarations of "
        f"{m['traders']} traders before {m['as_of']} summarised in {markup(str(out))}"
        + (f"; {m['left_out']} declarations from {m['left_out_from']} on left out" if m["left_out"] else ""),
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(history_app, name="history")
