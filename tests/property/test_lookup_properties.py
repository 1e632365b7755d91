"""Lookup properties: any written form of a recorded mark finds it; every answer keeps the contract."""

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from riskprofile import load_profile
from riskprofile.features.text import norm_mark
from riskprofile.ip.lookup import Register, lookup


@cache
def _register() -> Register:
    return Register.of(load_profile("rules/profile.yaml"))


@cache
def _forms() -> list[tuple[str, str]]:
    reg = _register()
    return sorted({(a, mark) for mark, items in reg.items.items() for it in items for a in [it.mark, *it.aliases]})


def _noisy(text: str, data) -> str:
    """Case, spacing and punctuation changes: what normalisation removes."""
    out = []
    for ch in text:
        ch = ch.lower() if data.draw(st.booleans()) else ch
        out.append(ch + data.draw(st.sampled_from(["", "", " ", "-", "."])))
    return "".join(out)


@given(st.data())
def test_any_spelling_of_a_recorded_form_finds_its_mark_on_its_goods(data):
    form, mark = data.draw(st.sampled_from(_forms()))
    reg = _register()
    items = reg.items[mark]
    goods = items[0].goods[0] if items[0].goods else None
    res = lookup(_noisy(form, data), goods=goods, register=reg)
    found = {m.mark for m in res.matches}
    # a form shared by two marks resolves to one of them; otherwise to its own
    owners = {m for f, m in _forms() if norm_mark(f) == norm_mark(form)}
    assert found & owners, (form, found)
    assert res.verdict == "unknown"


@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=12)), st.one_of(st.none(), st.text(max_size=12)))
def test_every_answer_keeps_the_contract(query, goods, trader):
    res = lookup(query, goods=goods, trader=trader, register=_register())
    assert res.verdict in ("authorised", "unauthorised", "unknown", "not_recorded")
    assert (res.verdict == "not_recorded") == (not res.matches)
    if res.matches and not (trader and trader.strip()):
        assert res.verdict == "unknown"
    assert set(res.model_dump(mode="json")) == {"query", "matches", "verdict", "advice"}
