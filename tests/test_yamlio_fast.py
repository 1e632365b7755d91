"""yamlio's fast path: `parse_yaml_fast` returns exactly the careful parse's plain data, or refuses.

Checked on every YAML file of the repository and on what the careful parse refuses or must size: a
file the careful parse reports is always refused (so the careful parse reports it, located)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskprofile.yamlio import MAX_EXPANDED_NODES, REFUSED, YamlSyntaxError, parse_yaml_fast, plain, read_yaml

ROOT = Path(__file__).resolve().parents[1]
YAML_FILES = sorted(
    p.relative_to(ROOT)
    for folder in ("rules", "scenarios", "examples", "tests")
    for p in (ROOT / folder).rglob("*.y*ml")
)


def careful(data: bytes, tmp_path: Path):
    """`plain(read_yaml(...))` of `data`, or the YamlSyntaxError it raises."""
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    try:
        return plain(read_yaml(path))
    except YamlSyntaxError as e:
        return e


def test_the_repository_has_yaml_files_to_compare():
    assert len(YAML_FILES) > 30 and Path("rules/profile.yaml") in YAML_FILES


@pytest.mark.parametrize("name", [str(p) for p in YAML_FILES])
def test_every_repository_yaml_file_parses_the_same_both_ways(name, tmp_path):
    data = (ROOT / name).read_bytes()
    fast = parse_yaml_fast(data)
    slow = careful(data, tmp_path)
    if isinstance(slow, YamlSyntaxError):
        assert fast is REFUSED
    elif fast is not REFUSED:
        assert fast == slow


def test_a_typical_rule_file_takes_the_fast_path(tmp_path):
    """The point of the fast path: the usual layout (comments, flow mappings, block text, an anchored
    condition and its alias, CJK text) is not refused."""
    text = (
        "# brand rules\n"
        "rules:\n"
        "  - id: BRAND-001   # the first\n"
        "    title: 'Recorded mark, non-holder'\n"
        "    weight: 45\n"
        "    valid_from: 2016-01-01\n"
        "    rationale: >\n"
        "      Goods bearing a recorded mark.\n"
        '    references: [C01, "004 case 7"]\n'
        "    when: &mark\n"
        "      all:                 # both\n"
        "        - brand: {like_brand: recorded_marks}\n"
        "        - goods_description: {contains_any: [耐克, NIKE]}\n"
        "  - id: BRAND-002\n"
        "    when: *mark\n"
    )
    data = text.encode("utf-8")
    fast = parse_yaml_fast(data)
    assert fast is not REFUSED
    assert fast == careful(data, tmp_path)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdef", "bcdefg", strict=True)
)

REFUSED_TEXTS = {
    "duplicate key": "a: 1\na: 2\n",
    "impossible date": "d: 2016-13-45\n",
    "application tag": "x: !foo 1\n",
    "binary tag": "x: !!binary aGVsbG8=\n",
    "set tag": "x: !!set {a, b}\n",
    "python tag": "x: !!python/object:os.system ls\n",
    "verbatim tag": "x: !<tag:evil> 1\n",
    "recursive alias": "a: &a [*a]\n",
    "alias bomb": BOMB,
    "datetime": "t: 2016-01-01 10:00:00\n",
    "merge key": "a: &a {x: 1}\nb:\n  <<: *a\n",
    "directive": "%YAML 1.1\n---\nv: yes\n",
    "byte-order mark": "\ufeffa: 1\n",
    "tab": "a:\t1\n",
    "syntax error": "rules:\n  - id: X-1\n    when: {direction: {eq: export}\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "deep flow nesting": "[" * 50_000 + "]" * 50_000,
    "deep block nesting": "".join(" " * i + "- \n" for i in range(200)),
}


@pytest.mark.parametrize("what", list(REFUSED_TEXTS))
def test_the_fast_path_refuses_what_it_cannot_vouch_for(what, tmp_path):
    data = REFUSED_TEXTS[what].encode("utf-8")
    assert parse_yaml_fast(data) is REFUSED
    slow = careful(data, tmp_path)
    if what in {"alias bomb", "syntax error", "two documents", "application tag", "binary tag"}:
        assert isinstance(slow, YamlSyntaxError) and slow.line is not None


@pytest.mark.parametrize("data", [b"\xff", b"a: \xc3\x28\n", b"a: 1\n\xed\xa0\x80"])
def test_the_fast_path_refuses_text_that_is_not_utf8(data, tmp_path):
    assert parse_yaml_fast(data) is REFUSED
    assert "UTF-8" in str(careful(data, tmp_path))


def test_small_aliases_are_expanded_like_the_careful_parse(tmp_path):
    data = b"a: &w {quantity: {gt: 5}}\nb: [*w, *w]\nc: *w\n"
    fast = parse_yaml_fast(data)
    assert (
        fast
        == careful(data, tmp_path)
        == {"a": {"quantity": {"gt": 5}}, "b": [{"quantity": {"gt": 5}}] * 2, "c": {"quantity": {"gt": 5}}}
    )


def test_the_alias_limit_is_the_careful_parse_s(tmp_path):
    assert parse_yaml_fast(BOMB.encode(), limit=10**9) is not REFUSED
    assert parse_yaml_fast(BOMB.encode()) is REFUSED
    assert 10**6 > MAX_EXPANDED_NODES


@pytest.mark.parametrize(
    "text",
    [
        "v: 0x1F\nw: 0o17\nx: 1_000\ny: 010\nz: yes\nn: ~\nf: .inf\ng: -1e3\nd: 2016-02-01\nq: '2016-02-01'\n",
        "s: \"a\\u00e9\\/b\"\nt: 'it''s'\nu: |\n  two\n  lines\nv: >\n  folded\n  text\n",
        "rules:\r\n  - id: X-1\r\n    when: {hs_code: {prefix: '8471'}}\r\n",
        "# only a comment\n",
        "",
        "名称: 耐克\n列表: [甲, 乙]\n",
    ],
)
def test_scalars_and_layouts_parse_the_same_both_ways(text, tmp_path):
    data = text.encode("utf-8")
    fast = parse_yaml_fast(data)
    assert fast is not REFUSED
    assert fast == careful(data, tmp_path)
