"""Shared CLI plumbing: consoles, exit codes, error reporting, profile/input loading."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import polars as pl
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..findings import Finding, LoadError
from ..io.read import InputError, read_frame

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_PROFILE = Path("rules/profile.yaml")

console = Console()
err_console = Console(stderr=True)


def findings_table(findings: list[Finding], title: str = "Findings") -> Table:
    t = Table(title=title, show_lines=False)
    for col in ("severity", "where", "code", "rule", "message", "hint"):
        t.add_column(col, overflow="fold")
    for f in findings:
        j = f.to_json()
        style = "red" if f.severity == "error" else "yellow"
        t.add_row(f"[{style}]{f.severity}[/]", f.where(), f.code, f.rule_id or "", f.message, j["hint"])
    return t


def fail_load(e: LoadError, as_json: bool = False) -> NoReturn:
    if as_json:
        for f in e.findings:
            print(json.dumps(f.to_json(), ensure_ascii=False), file=sys.stderr)
    else:
        err_console.print(findings_table(e.findings, "Cannot load"))
    raise typer.Exit(EXIT_BAD_INPUT)


def fail(message: str, hint: str | None = None) -> NoReturn:
    err_console.print(f"[red]error:[/] {escape(message)}", soft_wrap=True)
    if hint:
        err_console.print(f"[dim]hint:[/] {escape(hint)}", soft_wrap=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date", "Use YYYY-MM-DD.")


def load_profile_or_exit(path: Path, as_json: bool = False, mapping: Path | None = None):
    """The profile, with the typed fields a column mapping declares; exits 2 with findings when invalid."""
    from ..loader.profile import load_profile

    if not Path(path).exists():
        fail(f"profile {path} not found", "Run from the project root or pass --profile PATH/profile.yaml.")
    try:
        return load_profile(path, extra_fields=mapping_fields(mapping))
    except LoadError as e:
        fail_load(e, as_json)


def read_inputs(paths: list[Path], mapping: Path | None) -> list[pl.DataFrame]:
    """Read input files (through a mapping when given); exits 2 on unreadable input."""
    from ..io.mapping import load_mapping

    m = None
    if mapping is not None:
        try:
            m = load_mapping(mapping)
        except LoadError as e:
            fail_load(e)
    frames = []
    for p in paths:
        try:
            df = read_frame(p)
        except InputError as e:
            fail(str(e))
        frames.append(m.apply(df) if m is not None else df)
    return frames


def mapping_fields(mapping: Path | None) -> dict[str, str]:
    from ..io.mapping import load_mapping

    if mapping is None:
        return {}
    try:
        return dict(load_mapping(mapping).fields)
    except LoadError as e:
        fail_load(e)


def jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v
