"""Tables that never cut an id or a location, at any terminal width (pipes and logs are 80 columns).

`show(console, table, keys=...)` prints a rich table whose *key* columns (rule ids, declaration ids,
file:line:col: the headers named in `keys`, or columns made with `no_wrap=True`) are never cut or
wrapped, and whose other columns wrap only between words:

- the table fits as it is: printed as it is;
- it fits when text columns wrap at spaces: column widths are set so that each column holds its longest
  word (key columns their longest value), and the slack goes to the columns with the most text;
- else the same, compact: no borders, one space between columns, a rule under the header;
- it does not fit even then: a narrow layout, one block per row: the key values on a line, then
  `header: value` items packed into the width (an item wider than the line wraps between words).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

INDENT = 2


def _text(console: Console, cell: RenderableType) -> Text | None:
    if isinstance(cell, Text):
        return cell
    if isinstance(cell, str):
        return console.render_str(cell)
    return None


def _longest_line(t: Text) -> int:
    return max((cell_len(line) for line in t.plain.splitlines()), default=0)


def _longest_word(t: Text) -> int:
    """Longest run without spaces; a run of wide (CJK) characters folds anywhere, so it counts as 2 cells."""
    longest = 0
    for word in t.plain.split():
        n = cell_len(word)
        longest = max(longest, 2 if n > len(word) else n)
    return longest


def _distribute(mins: list[int], maxs: list[int], avail: int) -> list[int]:
    """Widths from `mins` up to `maxs` within `avail`: the slack is shared equally, a column taking no
    more than it needs (so short columns are whole and the longest texts wrap)."""
    widths = list(mins)
    slack = avail - sum(mins)
    order = sorted(range(len(mins)), key=lambda i: maxs[i] - mins[i])
    for k, i in enumerate(order):
        give = min(maxs[i] - mins[i], slack // (len(order) - k))
        widths[i] += give
        slack -= give
    return widths


def show(console: Console, table: Table, keys: Iterable[str] = ()) -> None:
    """Print `table` on `console` without cutting a key value or breaking a word (see the module doc)."""
    keyset = set(keys)
    cols = table.columns
    for c in cols:
        if str(c.header) in keyset:
            c.no_wrap = True
    heads = [_text(console, c.header) for c in cols]
    cells = [[_text(console, x) for x in c.cells] for c in cols]
    if any(t is None for t in heads) or any(t is None for col in cells for t in col):
        console.print(table)  # a cell that is not text: rich lays it out
        return
    mins, maxs = [], []
    for c, head, col in zip(cols, heads, cells, strict=True):
        texts = [head, *col]
        longest = max(_longest_line(t) for t in texts)
        low = longest if c.no_wrap else max(_longest_word(t) for t in texts)
        mins.append(max(low, c.min_width or 0))
        maxs.append(max(longest, low))
    for compact in (False, True):
        if compact:
            table.box, table.show_edge, table.padding, table.pad_edge = box.SIMPLE_HEAD, False, (0, 0), False
        pad = table.padding[1] + table.padding[3]
        extra = (len(cols) - 1 + (2 if table.show_edge else 0)) if table.box else 0
        avail = console.width - extra - len(cols) * pad
        if sum(maxs) <= avail:
            console.print(table)
            return
        if sum(mins) <= avail:
            table.show_lines = table.show_lines or compact  # rows that wrap stay apart
            for c, w in zip(cols, _distribute(mins, maxs, avail), strict=True):
                c.width = w
                if not c.no_wrap:
                    c.overflow = "fold"
            console.print(table)
            return
    narrow(console, table, heads, cells)


def narrow(console: Console, table: Table, heads: list[Text], cells: list[list[Text]]) -> None:
    """One block per row: key values (or the first column) on a line, then `header: value` items."""
    cols = table.columns
    key_idx = [i for i, c in enumerate(cols) if c.no_wrap]
    has_keys = bool(key_idx)
    key_idx = key_idx or [0]
    if table.title:
        console.print(_text(console, table.title) or table.title, style="bold", soft_wrap=True)
    width = max(20, console.width - INDENT)
    for r in range(table.row_count):
        head = Text("  ").join(cells[i][r] for i in key_idx if cells[i][r].plain)
        console.print(head, soft_wrap=has_keys, style="bold")  # key values are never wrapped
        items = []
        for i, _c in enumerate(cols):
            if i in key_idx or not cells[i][r].plain.strip():
                continue
            items.append(Text.assemble((heads[i].plain + ": ", "dim"), cells[i][r]))
        line = Text()
        for item in items:
            sep = 3 if line.plain else 0
            if line.plain and cell_len(line.plain) + sep + item.cell_len > width:
                console.print(Text(" " * INDENT) + line, soft_wrap=True)
                line = Text()
                sep = 0
            if item.cell_len > width:
                for part in item.wrap(console, width, overflow="fold"):
                    console.print(Text(" " * INDENT) + part, soft_wrap=True)
                continue
            line = line + Text(" · " if sep else "") + item
        if line.plain:
            console.print(Text(" " * INDENT) + line, soft_wrap=True)


def indented(console: Console, text: Text, indent: int = INDENT) -> None:
    """Print `text` wrapped between words at the console's width, every line indented by `indent`
    (a word wider than the line folds); no trailing spaces."""
    width = max(20, console.width - indent)
    for line in text.wrap(console, width, overflow="fold"):
        line.rstrip()
        console.print(Text(" " * indent) + line, soft_wrap=True)
