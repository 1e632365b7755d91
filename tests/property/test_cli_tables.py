"""`cli.tables.show`: at any width, key values (ids, file:line:col) and words are never cut."""

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.table import Table

from riskprofile.cli.common import new_console
from riskprofile.cli.tables import show

WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
KEY = st.from_regex(
    r"[A-Z]{2,6}-[0-9]{1,3}(-[A-Z0-9]{1,6}){0,3}|[a-z/]{3,20}\.yaml:[0-9]{1,4}:[0-9]{1,3}", fullmatch=True
)


@st.composite
def tables(draw):
    ncols = draw(st.integers(1, 9))
    is_key = [draw(st.booleans()) for _ in range(ncols)]
    heads = [draw(st.lists(WORD, min_size=1, max_size=2).map(" ".join)) for _ in range(ncols)]
    rows = [
        [draw(KEY) if k else draw(st.lists(WORD, max_size=8).map(" ".join)) for k in is_key]
        for _ in range(draw(st.integers(1, 5)))
    ]
    return heads, is_key, rows


def render(heads, is_key, rows, width):
    t = Table(title="a title")
    for h in heads:
        t.add_column(h)
    for r in rows:
        t.add_row(*r)
    out = io.StringIO()
    console = new_console(file=out, width=width, color_system=None, legacy_windows=False)
    show(console, t, [h for h, k in zip(heads, is_key, strict=True) if k])
    return out.getvalue()


@given(tables(), st.integers(30, 160))
def test_keys_and_words_are_never_cut(table, width):
    heads, is_key, rows = table
    text = render(heads, is_key, rows, width)
    lines = text.splitlines()
    assert "…" not in text
    for r in rows:
        for cell, k in zip(r, is_key, strict=True):
            if k:
                assert any(cell in line for line in lines), cell
            for word in cell.split():
                assert any(word in line for line in lines), word
    keys = [c for r in rows for c, k in zip(r, is_key, strict=True) if k]
    for line in lines:
        assert len(line) <= width or any(k in line for k in keys), line


def test_locations_are_not_read_as_emoji_codes():
    text = render(["where", "code"], [True, False], [["rules/value.yaml:100:5", "RP003"]], 80)
    assert "rules/value.yaml:100:5" in text


def test_a_table_that_fits_is_printed_as_a_table():
    text = render(["rule", "weight"], [True, False], [["VALUE-001", "25"]], 80)
    assert "┃ rule" in text and "VALUE-001" in text


def test_too_wide_a_table_switches_to_one_block_per_row():
    heads = ["rule", "family", "weight", "support", "precision", "lift", "recall", "alone"]
    rows = [["TOP-HEADING-HS6-ALWAYS", "outcome", "30", "40", "1.000", "4.77", "0.023", "0"]]
    text = render(heads, [True] + [False] * 7, rows, 40)
    assert text.splitlines()[1] == "TOP-HEADING-HS6-ALWAYS"
    assert "precision: 1.000" in text
