"""Shared CLI plumbing: consoles, exit codes, error reporting, profile/input loading."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import polars as pl
import typer
from rich.console import Console

from ..errors import RiskProfileError
from ..findings import Finding, LoadError
from ..safetext import SafeConsole, json_text, markup

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_PROFILE = Path("rules/profile.yaml")


def new_console(**kwargs: Any) -> Console:
    """A console for riskprofile's output: safe text, no emoji codes (`rules.yaml:100:5` is no 💯)."""
    return SafeConsole(emoji=False, **kwargs)


console = new_console()
err_console = new_console(stderr=True)


def print_findings(findings: list[Finding], out: Console, title: str | None = None) -> None:
    """One block per finding: `file:line:col: severity CODE (rule ID)`, then the message and the hint.

    The first line is printed without wrapping (soft wrap), so a location is never split across lines
    whatever the terminal width or path length; the terminal folds long lines itself."""
    if title:
        out.print(f"[bold]{markup(title)}[/]", soft_wrap=True)
    for f in findings:
        style = "red" if f.severity == "error" else "yellow"
        rule = f" (rule {markup(f.rule_id)})" if f.rule_id else ""
        out.print(f"{markup(f.where())}: [{style}]{f.severity}[/] {f.code}{rule}", soft_wrap=True, highlight=False)
        out.print(f"  {markup(f.message)}", soft_wrap=True, highlight=False)
        out.print(f"  [dim]hint: {markup(f.to_json()['hint'])}[/]", soft_wrap=True, highlight=False)


def fail_load(e: LoadError, as_json: bool = False) -> NoReturn:
    if as_json:
        for f in e.findings:
            print(json_text(f.to_json()), file=sys.stderr)
    else:
        print_findings(e.findings, err_console, "Cannot load:")
    raise typer.Exit(EXIT_BAD_INPUT)


def fail(message: str, hint: str | None = None) -> NoReturn:
    err_console.print(f"[red]error:[/] {markup(message)}", soft_wrap=True, highlight=False)
    if hint:
        err_console.print(f"[dim]hint:[/] {markup(hint)}", soft_wrap=True, highlight=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def report_error(e: RiskProfileError, as_json: bool = False) -> NoReturn:
    """The one rendering of a user-facing error: findings (table, or JSON lines on stderr) or message and hint."""
    if isinstance(e, LoadError):
        fail_load(e, as_json)
    fail(str(e), e.hint)


def catching(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A command that turns any `RiskProfileError` into its report and exit 2 (signature kept for typer)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except RiskProfileError as e:
            report_error(e, bool(kwargs.get("as_json", False)))

    return run


def catch_errors(app: typer.Typer) -> None:
    """Wrap every command and group callback of `app` (recursively) with `catching`: the CLI's one catch."""
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = catching(info.callback)
    if app.registered_callback is not None and app.registered_callback.callback is not None:
        app.registered_callback.callback = catching(app.registered_callback.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            catch_errors(group.typer_instance)


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date", "Use YYYY-MM-DD.")


def load_profile_or_exit(path: Path, as_json: bool = False, mapping: Path | None = None):
    """The profile, with the typed fields a column mapping declares; exits 2 when it is missing.

    A profile that does not load raises `LoadError`, reported by the CLI's one catch (`catching`)."""
    from ..loader.profile import load_profile

    if not Path(path).exists():
        fail(f"profile {path} not found", "Run from the project root or pass --profile PATH/profile.yaml.")
    return load_profile(path, extra_fields=mapping_fields(mapping))


def read_inputs(paths: list[Path], mapping: Path | None) -> list[pl.DataFrame]:
    """Read input files (through a mapping when given)."""
    from ..io.mapping import read_mapped

    return read_mapped(paths, mapping)


def mapping_fields(mapping: Path | None) -> dict[str, str]:
    from ..io.mapping import load_mapping

    return {} if mapping is None else dict(load_mapping(mapping).fields)


def jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v
