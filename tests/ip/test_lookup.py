"""The officer's IP-status lookup: same recordation for any script/alias/look-alike, verdicts, contract."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from riskprofile import load_profile
from riskprofile.cli.main import app
from riskprofile.ip.lookup import Register, lookup


@pytest.fixture(scope="module")
def profile():
    return load_profile("rules/profile.yaml")


def _item(profile, mark):
    return Register.of(profile).items[mark][0]


def test_script_alias_and_look_alike_spellings_find_the_same_recordation(profile):
    got = {q: lookup(q, profile=profile) for q in ("三环", "TRI-CYIRCELE", "TRICIRCLE", "tri circle")}
    keys = {q: [(m.mark, m.recordation, m.holder.id) for m in r.matches] for q, r in got.items()}
    assert len({tuple(v) for v in keys.values()}) == 1 and keys["三环"]
    assert got["三环"].matches[0].match == "alias"
    assert got["TRI-CYIRCELE"].matches[0].match == "look-alike"
    assert got["TRICIRCLE"].matches[0].match == "exact"
    assert all(r.verdict == "unknown" for r in got.values())


def test_a_short_mark_look_alike_is_found_only_on_the_marks_own_goods(profile):
    nike_goods = _item(profile, "NIKE").goods
    assert lookup("NIKEE", profile=profile).verdict == "not_recorded"
    on_own = lookup("NIKEE", goods=nike_goods[0] + "0399", profile=profile)
    assert [(m.mark, m.match) for m in on_own.matches] == [("NIKE", "look-alike")]
    assert lookup("NIKEE", goods="8301", profile=profile).verdict == "not_recorded"
    assert lookup("NIKEE", goods="sports shoes", profile=profile).matches[0].mark == "NIKE"


def test_an_unknown_mark_is_not_recorded_with_advice(profile):
    res = lookup("ZQXWV PLOMB", trader="ANY-01", profile=profile)
    assert res.matches == [] and res.verdict == "not_recorded" and "Not recorded" in res.advice


def test_holder_group_company_and_licensee_are_authorised_others_are_not(profile):
    it = _item(profile, "NIKE")
    holder = getattr(it, "holder_id", None) or it.holder_ids[0]
    for trader in [holder, *getattr(it, "group_ids", []), *it.licensee_ids]:
        assert lookup("耐克", goods="6403", trader=trader.lower(), profile=profile).verdict == "authorised", trader
    res = lookup("耐克", goods="6403", trader="SOMEONE-ELSE-01", profile=profile)
    assert res.verdict == "unauthorised"
    assert "licence" in res.advice and "notify the holder" in res.advice


def test_lookup_json_has_exactly_the_design_keys_and_exit_0(profile):
    runner = CliRunner()
    for q in ("TRI-CYIRCELE", "NOT-A-MARK-XYZ"):
        out = runner.invoke(app, ["lookup", q, "--json"])
        assert out.exit_code == 0, out.output
        obj = json.loads(out.stdout)
        assert set(obj) == {"query", "matches", "verdict", "advice"}
        for m in obj["matches"]:
            assert set(m) == {
                "mark",
                "recordation",
                "right",
                "match",
                "holder",
                "licensees",
                "preconfirmed",
                "goods",
                "valid_to",
            }
            assert set(m["holder"]) == {"id", "name"}
    assert runner.invoke(app, ["lookup", "X", "--on", "yesterday"]).exit_code == 2


def test_pre_confirmations_authorise_within_their_validity_and_name_the_orders(profile):
    pre = next(p for p in profile.lists["preconfirmations"].items if p.order_ref)
    it = _item(profile, pre.mark)
    goods = pre.goods[0] if pre.goods else it.goods[0]
    inside = lookup(pre.mark, goods=goods, trader=pre.trader_id, office=pre.office, on=pre.valid_from, profile=profile)
    assert inside.verdict == "authorised" and pre.order_ref in inside.advice
    assert pre.trader_id.upper() in inside.matches[0].preconfirmed
    later = pre.valid_to.replace(year=pre.valid_to.year + 1)
    after = lookup(pre.mark, goods=goods, trader=pre.trader_id, on=later, profile=profile)
    assert after.verdict in ("unauthorised", "not_recorded")


def test_on_a_day_outside_the_recordation_nothing_is_recorded(profile):
    it = _item(profile, "TRI-CIRCLE")
    assert lookup("三环", on=it.valid_to, profile=profile).matches
    assert lookup("三环", on=it.valid_to.replace(year=it.valid_to.year + 1), profile=profile).verdict == "not_recorded"


def test_without_a_date_expired_recordations_are_named_with_what_it_means(profile):
    valid_to = _item(profile, "TRI-CIRCLE").valid_to
    after = lookup("TRI-CIRCLE", trader="ZJ-LOCKS-01", profile=profile, today=valid_to + dt.timedelta(days=1))
    assert "EXPIRED" in after.advice and str(valid_to) in after.advice and "--on" in after.advice
    assert [n.code for n in after.notes] == ["expired"] and after.notes[0].today is not None
    before = lookup("TRI-CIRCLE", trader="ZJ-LOCKS-01", profile=profile, today=valid_to)
    assert "EXPIRED" not in before.advice and before.verdict == after.verdict == "unauthorised"
    dated = lookup("TRI-CIRCLE", on=valid_to - dt.timedelta(days=30), profile=profile, today=valid_to + dt.timedelta(1))
    assert dated.matches and "EXPIRED" not in dated.advice
    assert lookup("TRI-CIRCLE", on=valid_to + dt.timedelta(days=1), profile=profile).verdict == "not_recorded"


def test_cli_marks_an_expired_recordation_on_its_line_and_in_the_verdict():
    valid_to = _item(load_profile("rules/profile.yaml"), "TRI-CIRCLE").valid_to
    res = CliRunner().invoke(app, ["lookup", "TRI-CIRCLE", "--trader", "ZJ-LOCKS-01"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert dt.date.today() > valid_to  # the shipped register is of 2016: its recordations ended by 2022
    assert "recordation expired" in res.output.splitlines()[0] and f"EXPIRED {valid_to}" in res.output
    dated = CliRunner().invoke(app, ["lookup", "TRI-CIRCLE", "--on", str(valid_to)], env={"COLUMNS": "80"})
    assert "EXPIRED" not in dated.output and f"valid to {valid_to}" in dated.output
