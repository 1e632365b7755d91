"""Text from data made safe to show: in a terminal (rich) and in a spreadsheet cell (CSV).

Data (ids, descriptions, names, file paths) must never act as console markup, as a terminal control
sequence (window title, clear screen, cursor moves, bidi overrides) or as a spreadsheet formula.

- `visible(s)`: control characters become visible escapes (``\\x1b``, ``\\u202e``); newlines and tabs too.
- `markup(s)`: `visible` + rich markup escaped: safe inside a rich markup string (``f"[b]{markup(x)}[/]"``).
- `cell(x)`: a rich `Text` (never parsed as markup) of `visible(str(x))`: a table cell or a printed value.
- `SafeConsole`: a rich `Console` that makes control characters visible in everything it prints (text it
  did not style itself) and prints malformed markup literally instead of raising: the last line of defence
  for any string that did not go through `markup`/`cell`.
- `json_text(obj)`: JSON with every control character escaped (C1 and bidi too), for lines on stdout.
- `csv_cell(s)`, `csv_safe(df)`: cells starting with ``= + - @``, a tab or a carriage return get a leading
  apostrophe, so a spreadsheet shows them as text instead of evaluating a formula (OWASP "CSV injection").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.errors import MarkupError
from rich.markup import escape
from rich.segment import Segment
from rich.text import Text

# C0 (except \t \n, handled by the callers' choice), DEL, C1, and the bidi / zero-width format controls
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_DATA_CONTROL = re.compile(f"[\t\n{_CONTROLS}]")
_OUTPUT_CONTROL = re.compile(f"[{_CONTROLS}]")


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape_char(m: re.Match) -> str:
    if m.group(0) in _NAMED:
        return _NAMED[m.group(0)]
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(s: Any) -> str:
    """`str(s)` with every control character (newlines and tabs included) shown as an escape."""
    text = "" if s is None else str(s)
    return _DATA_CONTROL.sub(_escape_char, text)


def markup(s: Any) -> str:
    """`visible(s)` with rich markup escaped: safe to embed in a markup string."""
    return escape(visible(s))


def cell(s: Any, style: str = "") -> Text:
    """A rich Text of `visible(s)`: shown literally (no markup), optionally styled."""
    return Text(visible(s), style=style)


class SafeConsole(Console):
    """A rich Console that never lets data drive the terminal.

    Control characters in printed text (outside rich's own control segments) are shown as escapes, and
    a string whose markup is malformed is printed literally instead of raising `MarkupError`."""

    def render_str(self, text: str, **kwargs: Any) -> Text:  # type: ignore[override]
        text = _OUTPUT_CONTROL.sub(_escape_char, text)
        try:
            return super().render_str(text, **kwargs)
        except MarkupError:
            return super().render_str(escape(text), **kwargs)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            seg if seg.control else Segment(_OUTPUT_CONTROL.sub(_escape_char, seg.text), seg.style, seg.control)
            for seg in buffer
        )


# -- JSON ------------------------------------------------------------------------------------------------
_JSON_CONTROL = re.compile(f"[{_CONTROLS}]")


def json_text(obj: Any, **kwargs: Any) -> str:
    """`json.dumps(obj, ensure_ascii=False, **kwargs)` with every control character escaped as ``\\uXXXX``
    (json escapes only C0 itself; DEL, C1 and bidi controls would otherwise reach the terminal raw)."""
    import json

    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    return _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# -- CSV ---------------------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(s: str | None) -> str | None:
    """A CSV cell a spreadsheet will not evaluate: a leading apostrophe before = + - @ tab CR."""
    if s is not None and s.startswith(_FORMULA_START):
        return "'" + s
    return s


def csv_safe(df):
    """`df` (a polars DataFrame) with `csv_cell` applied to every string column."""
    import polars as pl

    exprs = [
        pl.when(pl.col(c).str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c, t in df.schema.items()
        if t == pl.String
    ]
    return df.with_columns(exprs) if exprs else df
