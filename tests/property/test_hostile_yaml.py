"""Fuzzed hostile rule, list and profile files: bytes that are not UTF-8, YAML tags, non-finite and
wrongly typed numbers, impossible dates and alias bombs only ever yield coded findings (no exception),
and the ones that must be refused are refused with a line."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from riskprofile.features.registry import field_types
from riskprofile.findings import CODES
from riskprofile.loader.profile import load_list_file, load_parts, load_rule_file
from riskprofile.testing import strategies as rps
from riskprofile.yamlio import MAX_EXPANDED_NODES, parse_yaml

NUMBERS = ["40", "-5", "0.5", ".nan", ".NaN", ".inf", "-.inf", "1e400", "-1e400", '"a lot"', "0x1F", "~", "[1, 2]"]
DATES = ["2016-02-01", "2016-13-45", "2016-02-30", "20160201", '"someday"', "2016-02-01T25:00:00"]
TAGS = ["", "!foo ", "!!binary ", "!!python/object:os.system ", "!!set ", "!<tag:evil> "]
BAD_BYTES = [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80abc", b"\xfe\xff"]


def _finite(s: str) -> bool:
    """Whether YAML reads `s` as a finite number (`0x1F` is 31; `"a lot"`, `.nan`, `1e400` are not)."""
    v = parse_yaml(f"v: {s}")["v"]
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


@st.composite
def hostile_rule_file(draw) -> tuple[bytes, dict]:
    weight = draw(st.sampled_from(NUMBERS))
    bound = draw(st.sampled_from(NUMBERS))
    op = draw(st.sampled_from(["gt", "ge", "le", "eq"]))
    other = draw(st.sampled_from(NUMBERS))
    valid_to = draw(st.sampled_from(DATES))
    tag = draw(st.sampled_from(TAGS))
    depth = draw(st.integers(0, 7))
    fanout = draw(st.integers(2, 9))
    lines = [
        "rules:",
        "  - id: FUZZ-001",
        "    title: t",
        "    family: value",
        f"    weight: {weight}",
        f"    valid_to: {valid_to}",
        "    rationale: r",
        "    references: [C01]",
        "    when:",
        f"      all: {tag}",
        f"        - &l0 {{quantity: {{{op}: {bound}, lt: {other}}}}}",
    ]
    for level in range(1, depth + 1):  # each level holds `fanout` aliases of the one below
        lines.append(f"        - &l{level} [{', '.join([f'*l{level - 1}'] * fanout)}]")
    lines += [
        "  - id: FUZZ-002",
        "    title: a good rule beside it",
        "    family: value",
        "    weight: 10",
        "    rationale: r",
        "    references: [C01]",
        "    when: {hs_code: {prefix: '8471'}}",
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    bad = draw(st.one_of(st.none(), st.sampled_from(BAD_BYTES)))
    at = draw(st.integers(0, len(data)))
    if bad is not None:
        data = data[:at] + bad + data[at:]
    # the first `all` item is 7 nodes ({quantity: {op: x, lt: y}}); level k repeats it fanout**k times
    least, most = 7 * fanout**depth, 8 * sum(fanout**k for k in range(depth + 1)) + 100
    return data, {
        "weight": weight,
        "bad_bytes": bad is not None,
        "tag": tag.strip(),
        "bomb": least > MAX_EXPANDED_NODES,
        "borderline": least <= MAX_EXPANDED_NODES < most,
    }


def _coded(findings, path: Path) -> None:
    for f in findings:
        assert f.code in CODES
        assert f.file == str(path)


@given(hostile_rule_file())
def test_hostile_rule_files_yield_located_findings(tmp_path_factory, case):
    data, what = case
    path = Path(tmp_path_factory.mktemp("hostile")) / "rules.yaml"
    path.write_bytes(data)
    rules, findings = load_rule_file(path, field_types(), rps.sample_lists(), {}, None)
    _coded(findings, path)
    errors = [f for f in findings if f.severity == "error"]
    if what["bad_bytes"]:
        assert errors and errors[0].code == "RP001" and "UTF-8" in errors[0].message
        assert errors[0].line is not None
        return
    if what["tag"]:  # an application tag, or a type that is not plain data, or a tag that does not fit
        assert errors and errors[0].code == "RP001" and errors[0].line is not None
        return
    if what["bomb"]:
        assert errors and "alias" in errors[0].message and errors[0].line is not None
        return
    if what["borderline"]:
        return
    # the good rule beside the hostile one still loads: one bad value never hides the rest
    assert "FUZZ-002" in [r.id for r in rules]
    if not _finite(what["weight"]):
        assert any(f.rule_id == "FUZZ-001" and f.line is not None for f in errors)
        assert "FUZZ-001" not in [r.id for r in rules]


@given(
    st.sampled_from(NUMBERS),
    st.sampled_from(NUMBERS),
    st.sampled_from(["0.01", ".nan", ".inf", "-1", "2"]),
    st.sampled_from(TAGS),
    st.one_of(st.none(), st.sampled_from(BAD_BYTES)),
)
def test_hostile_profile_files_never_load_with_non_finite_lanes(tmp_path_factory, yellow, red, rate, tag, bad):
    folder = Path(tmp_path_factory.mktemp("profile"))
    text = f"name: p\nlanes: {tag}{{yellow: {yellow}, red: {red}}}\nrandom: {{rate: {rate}, seed: 1}}\nrules: []\n"
    data = text.encode() + (bad or b"")
    (folder / "profile.yaml").write_bytes(data)
    config, _, _, findings = load_parts(folder / "profile.yaml")
    _coded(findings, folder / "profile.yaml")
    if config is not None:
        assert not bad and not tag.strip()
        assert math.isfinite(config.lanes.yellow) and math.isfinite(config.lanes.red)
        assert 0 <= config.random.rate <= 1
    else:
        assert any(f.severity == "error" for f in findings)


@given(st.sampled_from(NUMBERS), st.sampled_from(TAGS), st.one_of(st.none(), st.sampled_from(BAD_BYTES)))
def test_hostile_list_files_yield_findings(tmp_path_factory, usd, tag, bad):
    path = Path(tmp_path_factory.mktemp("list")) / "fx.yaml"
    text = f"name: fx_rates\nkind: fx_rates\nitems: {tag}\n  - {{currency: EUR, usd: {usd}}}\n"
    path.write_bytes(text.encode() + (bad or b""))
    nl, findings = load_list_file(path)
    _coded(findings, path)
    if nl is not None:
        assert all(math.isfinite(it.usd) for it in nl.items)
