"""Route features against a plain reading of the shipped lists: the trader's distance from the goods, and
offices written with or without 海关."""

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from riskprofile import load_profile
from riskprofile.io.normalise import alias_table
from riskprofile.testing.builders import prepared_lines


@cache
def _lists():
    return load_profile("rules/profile.yaml").lists


def _apart(a: str, b: str) -> bool | None:
    """The rule as a person reads regions.yaml: not the same province, not bordering, not one zone."""
    regions = {r.code: r for r in _lists()["regions"].items}
    if a not in regions or b not in regions:
        return None
    ra, rb = regions[a], regions[b]
    return a != b and b not in ra.neighbours and not (ra.zone and ra.zone == rb.zone)


CODES = st.sampled_from([r.code for r in _lists()["regions"].items] + ["CN-XX", "HK"])


@given(st.lists(st.tuples(CODES, CODES), min_size=1, max_size=12))
def test_trader_goods_apart_is_the_lists_reading_and_symmetric(pairs):
    rows = prepared_lines(
        [{"trader_region": a, "goods_source_region": b} for a, b in pairs]
        + [{"trader_region": b, "goods_source_region": a} for a, b in pairs],
        {"trader_goods_apart"},
        _lists(),
        declared_at="2016-03-10",
        direction="export",
        customs_office="CNSZX",
        hs_code="6404190000",
    )
    got = [r["trader_goods_apart"] for r in rows]
    n = len(pairs)
    assert got[:n] == [_apart(a, b) for a, b in pairs]
    assert got[:n] == got[n:]


@cache
def _written() -> dict[str, str]:
    """Chinese office names as written in offices.yaml -> office (the first office writing a name keeps it)."""
    out: dict[str, str] = {}
    for o in _lists()["offices"].items:
        for a in [o.name_zh or "", *o.aliases]:
            if a and "\u4e00" <= a[0] <= "\u9fff":
                out.setdefault(a, o.code)
    return out


@given(st.sampled_from(sorted(_written())))
def test_a_chinese_office_name_with_or_without_customs_is_the_same_office(alias):
    table, written = alias_table(_lists()["offices"]), _written()
    other = alias[: -len("海关")] if alias.endswith("海关") else alias + "海关"
    assert table[alias] == written[alias]
    assert table[other] == written.get(other, written[alias])


def _away(region: str | None, office: str, hs: str) -> bool | None:
    """high_risk_goods_away as a person reads offices.yaml and office_goods.yaml."""
    lists = _lists()
    provinces = {o.code: o.province for o in lists["offices"].items if o.province}
    if region is None or office not in provinces:
        return None
    home = {
        (provinces[g.office], p) for g in lists["office_goods"].items if g.office in provinces for p in g.hs_prefixes
    }
    return any(region == r and hs.startswith(p) for r, p in home) and provinces[office] != region


OFFICE_CODES = st.sampled_from(sorted(o.code for o in _lists()["offices"].items if o.province))
HS = st.sampled_from(["8301100000", "8301400000", "8452290000", "84522900", "6404190000", "9507100000"])


@given(st.lists(st.tuples(st.one_of(st.none(), CODES), OFFICE_CODES, HS), min_size=1, max_size=12))
def test_high_risk_goods_away_is_the_lists_reading(rows):
    got = prepared_lines(
        [{"goods_source_region": r, "customs_office": o, "hs_code": h} for r, o, h in rows],
        {"high_risk_goods_away"},
        _lists(),
        declared_at="2016-03-10",
        direction="export",
    )
    assert [g["high_risk_goods_away"] for g in got] == [_away(r, o, h) for r, o, h in rows]
