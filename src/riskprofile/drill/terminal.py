"""The drill on a terminal (rich): the plain views rendered as panels and tables, and prompts.

Everything shown comes from `view.ItemView` / `view.RevealView` (built by `session.Drill`); this module
only lays them out (readable at 80 columns) and reads the trainee's input.
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..fmt import num, pct
from .scoring import MARKING_RULE, Summary
from .sources import PromptAnswers
from .view import ItemView, RevealView, text

LANE_STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red"}


def prompt_answers(console: Console) -> PromptAnswers:
    """Answers typed on this console; a wrong entry is shown with its hint and asked again."""

    def read(prompt: str) -> str:
        console.print(f"[bold cyan]{escape(prompt)}[/]: ", end="", highlight=False)
        return input()

    def say(message: str, hint: str) -> None:
        console.print(f"[yellow]{escape(message)}.[/] [dim]{escape(hint)}[/]", highlight=False)

    return PromptAnswers(read, say)


def _table(
    title: str | None,
    head: list[str],
    body: list[list[str]],
    numeric: set[int] = frozenset(),
    wrap: set[int] | None = None,
) -> Table:
    """A table whose columns fold (or, outside `wrap`, never break: codes and numbers stay whole)."""
    tbl = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    for k, c in enumerate(head):
        keep = wrap is not None and k not in wrap
        # a wrapping column is never narrower than its header or its longest word (marks stay whole)
        words = [w for row in body for w in str(row[k]).split()] + [c]
        tbl.add_column(
            c,
            justify="right" if k in numeric else "left",
            overflow="fold",
            no_wrap=keep,
            min_width=None if keep else min(12, max(cell_len(w) for w in words)),
        )
    for row in body:
        tbl.add_row(*row)
    return tbl


def _bullets(title: str, rows: list[str]) -> Group:
    """A titled list; an item that wraps goes on under its own text, not under the bullet."""
    items = Table.grid(padding=(0, 1))
    items.add_column(no_wrap=True)
    items.add_column(overflow="fold")
    for r in rows:
        items.add_row("  •", Text(r))
    return Group(Text(title + ":"), items)


def _header(v: ItemView, width: int) -> Table:
    """The header fields in two label/value pairs per row, or in one when an id would not fit whole."""
    half = (len(v.header) + 1) // 2
    left, right = v.header[:half], v.header[half:]
    labels = max(cell_len(a) for a, _ in left) + max((cell_len(a) for a, _ in right), default=0)
    room = (width - 4 - 6 - labels) // 2  # panel borders and padding, 2 between the 4 columns
    ids = [b for a, b in v.header if b and " " not in b]
    pairs = 2 if all(cell_len(b) <= room for b in ids) else 1
    head = Table.grid(padding=(0, 2))
    for _ in range(pairs):
        head.add_column(style="dim", no_wrap=True)
        head.add_column(overflow="fold")
    if pairs == 1:
        for row in v.header:
            head.add_row(*row)
    else:
        for k in range(half):
            head.add_row(*left[k], *(right[k] if k < len(right) else ("", "")))
    return head


def _lines(v: ItemView, lang: str, width: int) -> Table:
    """The goods lines as a table when codes, marks and numbers fit whole in `width`, else one
    label/value block per line (the narrow layout)."""
    head, body = v.lines
    table = _table(text("lines", lang), head, body, v.numeric, wrap=v.wrap)
    probe = Console(width=max(20, width - 4), record=True, file=io.StringIO())
    probe.print(table)
    shown = probe.export_text()
    whole = [str(row[k]) for row in body for k in range(len(head)) if k not in v.wrap] + [
        h for k, h in enumerate(head) if k not in v.wrap
    ]
    if all(cell in shown for cell in whole):
        return table
    tbl = Table(title=text("lines", lang), title_justify="left", box=box.SIMPLE, show_header=False, pad_edge=False)
    tbl.add_column(style="dim", no_wrap=True)
    tbl.add_column(overflow="fold")
    for n, row in enumerate(body):
        if n:
            tbl.add_row("", "")
        for label, cell in zip(head, row, strict=True):
            tbl.add_row(label, cell)
    return tbl


def item_panel(v: ItemView, lang: str, width: int = 80) -> Group:
    head = _header(v, width)
    lines = _lines(v, lang, width)
    known: list[Any] = []
    if v.earlier:
        ec, eb = v.earlier
        known.append(_table(text("earlier", lang), ec, eb[-8:]))
    for key, rows in (
        ("penalties", v.penalties),
        ("instructions", v.instructions),
        ("operations", v.operations),
    ):
        if rows:
            known.append(_bullets(text(key, lang), rows))
    if v.office_goods:
        known.append(Text(f"{text('office_goods', lang)}: {', '.join(v.office_goods)}"))
    if v.nothing_known:
        known.append(Text(text("nothing_known", lang), style="dim"))
    return Group(
        Panel(Group(head, lines), title=v.title, title_align="left", border_style="cyan"),
        Panel(Group(*known), title=text("known", lang), title_align="left", border_style="blue"),
    )


def choices_table(v: ItemView, lang: str, compact: bool = False) -> Table:
    """The numbered indicators: full names in two columns, or (compact) short labels in four."""
    ncols = 4 if compact else 2
    grid = Table(title=text("ind_title", lang), title_justify="left", show_header=False, box=None, padding=(0, 1))
    rows = (len(v.choices) + ncols - 1) // ncols
    for _ in range(ncols):
        grid.add_column(justify="right", style="bold", no_wrap=True)
        grid.add_column()
    for r in range(rows):
        cells: list[str] = []
        for c in range(ncols):
            k = r + c * rows
            if k < len(v.choices):
                num, full, short = v.choices[k]
                cells += [str(num), short if compact else full]
            else:
                cells += ["", ""]
        grid.add_row(*cells)
    return grid


def marking_panel(lang: str) -> Panel:
    return Panel(Text(MARKING_RULE[lang]), title=text("marking", lang), title_align="left", border_style="dim")


def reveal_panel(v: RevealView, lang: str) -> Panel:
    parts: list[Any] = []
    if v.error:
        parts.append(Text(v.error, style="red"))
    else:
        parts.append(Text(v.profile, style=LANE_STYLE.get(v.profile_lane or "", "")))
        if v.forced:
            parts.append(Text(v.forced, style="bold"))
    if v.rules:
        tbl = Table(
            title=text("profile_saw", lang), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True
        )
        tbl.add_column(text("rule_col", lang), no_wrap=True)
        tbl.add_column("+", justify="right", no_wrap=True)
        tbl.add_column(text("reason_col", lang), ratio=3, overflow="fold")
        tbl.add_column(text("ind_title", lang), ratio=1, overflow="fold")
        for r in v.rules:
            forced = f"\n→ {r.lane}" if r.lane else ""
            tbl.add_row(
                f"{r.id}{forced}",
                f"{r.weight:g}",
                Text.assemble((r.title, "bold"), "\n", r.reason),
                Text("\n".join(r.indicators), style="green" if r.mitigating else ""),
            )
        parts.append(tbl)
    elif not v.error:
        parts.append(Text(text("no_rule", lang), style="dim"))
    if v.others:
        parts.append(Text(v.others, style="dim"))
    parts.append(Text(v.outcome, style="bold" if v.infringing else "bold green"))
    parts.append(Text(v.origin, style="dim"))
    res = Table.grid(padding=(0, 2))
    res.add_column(style="dim", no_wrap=True)
    res.add_column(overflow="fold")
    res.add_row(
        text("your_answer", lang),
        Text(f"{v.answer}; {text('expected', lang)}: {v.expected}", style="green" if v.lane_ok else "red"),
    )
    res.add_row(text("found", lang), v.found)
    if v.also:
        res.add_row(text("also", lang), Text(v.also, style="green"))
    res.add_row(text("missed", lang), Text(v.missed, style="yellow" if v.missed != text("none", lang) else ""))
    res.add_row(text("extra", lang), Text(v.extra, style="yellow" if v.extra != text("none", lang) else ""))
    res.add_row(text("present", lang), Text(v.present, style="dim"))
    res.add_row("", Text(v.points, style="bold"))
    parts.append(res)
    return Panel(Group(*parts), title=text("reveal", lang), title_align="left", border_style="magenta")


def summary_table(summary: Summary, lang: str) -> Table:
    tbl = Table(title=text("summary", lang), title_justify="left", show_header=False)
    tbl.add_column(style="dim")
    tbl.add_column()

    zh = lang == "zh"
    tbl.add_row("题数" if zh else "items", str(summary.items))
    tbl.add_row(
        "通道正确率" if zh else "lane correct", f"{summary.lane_ok}/{summary.items} ({pct(summary.lane_accuracy, 0)})"
    )
    tbl.add_row("放行侵权货物" if zh else "infringing released", str(summary.released_infringing))
    tbl.add_row("拦下合法货物" if zh else "clean stopped", str(summary.stopped_clean))
    tbl.add_row("代价" if zh else "cost", f"{summary.cost:g}")
    tbl.add_row("指标查准率" if zh else "indicator precision", pct(summary.precision, 0))
    tbl.add_row("指标查全率" if zh else "indicator recall", pct(summary.recall, 0))
    tbl.add_row("平均得分" if zh else "mean points", num(summary.mean_points, ".0f"))
    return tbl


class TerminalView:
    """`on_item` / `on_reveal` callbacks for `session.run` that print to a console."""

    def __init__(self, console: Console, lang: str):
        self.console = console
        self.lang = lang

    def on_item(self, v: ItemView) -> None:
        if v.number == 1:
            self.console.print(marking_panel(self.lang))
        self.console.print(item_panel(v, self.lang, self.console.width))
        self.console.print(choices_table(v, self.lang, compact=v.number > 1))

    def on_reveal(self, v: RevealView) -> None:
        self.console.print(reveal_panel(v, self.lang))
