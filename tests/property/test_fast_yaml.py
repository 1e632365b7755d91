"""Fuzzed YAML text: the fast safe loader never disagrees with the careful round-trip parse.

For any text, `parse_yaml_fast` either refuses it or returns exactly `plain(parse_yaml(text))`, and it
refuses every text the careful parse reports as an error (so that error is reported, located)."""

from __future__ import annotations

import datetime as dt
import io
import math

from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from riskprofile.yamlio import REFUSED, YamlSyntaxError, parse_yaml, parse_yaml_fast, plain

FRAGMENTS = [
    "a", "b", "id", ": ", ":", "- ", "-", "  ", "    ", "\n", "\n", "\n  ", "\n- ", "\r\n", "[", "]", "{", "}",
    ", ", ",", "? ", "?", "#", " # c", "'", "''", '"', '\\"', "\\", "\\u00e9", "x y", "1", "-5", "0.5", "1e3",
    "0x1F", "0o17", "010", "1_000", ".inf", ".nan", "2016-02-01", "2016-13-45", "2016-02-01 10:00:00", "null",
    "~", "yes", "no", "true", "&a ", "*a", "&b ", "*b", "!foo ", "!!str ", "!!binary ", "|", ">", "|-", ">+",
    "%", "@", "`", "é", "耐克", "Guess? Inc.", "\t", "<<: ", "---", "...", "=", "!", "&", "*",
]  # fmt: skip


def both(text: str):
    data = text.encode("utf-8")
    try:
        slow = plain(parse_yaml(text))
    except YamlSyntaxError as e:
        slow = e
    return parse_yaml_fast(data), slow


def _comparable(node):
    """`node` with NaN (which equals nothing) as a marker, and each value tagged with its type."""
    if isinstance(node, dict):
        return {_comparable(k): _comparable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_comparable(v) for v in node]
    if isinstance(node, float) and math.isnan(node):
        return ("nan",)
    return (type(node).__name__, node)


def _check(text: str) -> None:
    fast, slow = both(text)
    if isinstance(slow, YamlSyntaxError):
        assert fast is REFUSED, (text, fast, slow)
    elif fast is not REFUSED:
        assert _comparable(fast) == _comparable(slow), (text, fast, slow)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_fuzzed_text_parses_the_same_or_is_refused(text):
    _check(text)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.text(
        st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\n\t:#-?[]{},&*!|>'\"%@` "), max_size=12
    ),
)
KEYS = st.one_of(st.text(min_size=1, max_size=8), st.integers(-5, 5))
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@given(DATA, st.sampled_from([None, True, False]), st.sampled_from([2, 4]))
def test_dumped_data_parses_the_same_or_is_refused(data, flow, indent):
    y = YAML(typ="rt")
    y.default_flow_style = flow
    y.indent(mapping=indent, sequence=indent + 2, offset=indent)
    buf = io.StringIO()
    y.dump({"root": data}, buf)
    _check(buf.getvalue())
