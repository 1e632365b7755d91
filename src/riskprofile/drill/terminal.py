"""The drill on a terminal (rich): the plain views rendered as panels and tables, and prompts.

Everything shown comes from `view.ItemView` / `view.RevealView` (built by `session.Drill`); this module
only lays them out (readable at 80 columns) and reads the trainee's input.
"""

from __future__ import annotations

from typing import Any

from rich import box
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
        tbl.add_column(c, justify="right" if k in numeric else "left", overflow="fold", no_wrap=keep)
    for row in body:
        tbl.add_row(*row)
    return tbl


def _bullets(title: str, rows: list[str]) -> Text:
    return Text(title + ":\n" + "\n".join("  • " + r for r in rows))


def item_panel(v: ItemView, lang: str) -> Group:
    head = Table.grid(padding=(0, 2))
    for _ in range(2):
        head.add_column(style="dim", no_wrap=True)
        head.add_column(overflow="fold")
    half = (len(v.header) + 1) // 2
    for k in range(half):
        right = v.header[k + half] if k + half < len(v.header) else ("", "")
        head.add_row(*v.header[k], *right)
    lines = _table(text("lines", lang), *v.lines, v.numeric, wrap=v.wrap)
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
        self.console.print(item_panel(v, self.lang))
        self.console.print(choices_table(v, self.lang, compact=v.number > 1))

    def on_reveal(self, v: RevealView) -> None:
        self.console.print(reveal_panel(v, self.lang))
