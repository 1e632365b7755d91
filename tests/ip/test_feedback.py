"""Feedback: results -> per-instruction and per-rule counts, retirements, trader history; alerts; actions."""

import datetime as dt
import json

import polars as pl
import pytest
from typer.testing import CliRunner

from riskprofile import load_profile
from riskprofile.cli.main import app
from riskprofile.engine.actions import action_expr, action_for, holder_notice_deadline
from riskprofile.ip.alerts import accept, drift_offices, propose
from riskprofile.ip.feedback import InspectionResult, ResultsError, penalties, read_results, report, write_results
from riskprofile.loader.leads import active_rules, instructions
from riskprofile.model.leads import Lead

D = dt.date(2016, 3, 10)


@pytest.fixture(scope="module")
def profile():
    return load_profile("rules/profile.yaml")


def _lead(lid, days=20):
    return Lead.model_validate(
        {
            "id": lid,
            "title": "t",
            "source": "holder",
            "received": D,
            "issued_by": "CNNGB",
            "names": {"goods": ["8301"]},
            "window": {"from": D, "to": D + dt.timedelta(days=days)},
        }
    )


def _res(i, rules, inspected=True, found=False, confirmed=None, day=D):
    return InspectionResult(
        decl_id=f"D{i}",
        declared_at=day,
        customs_office="CNNGB",
        trader_id=f"T{i}",
        rules=rules,
        action="inspection" if inspected else "documents",
        inspected=inspected,
        found=found,
        items=10 if found else 0,
        holder_confirmed=confirmed,
    )


def test_report_counts_hit_rates_and_proposes_retirements(profile):
    ins = instructions([_lead("LEAD-HIT"), _lead("LEAD-NEVER"), _lead("LEAD-OLD", days=1)], profile.lists)
    results = (
        [_res(i, ["LEAD-HIT", "BRAND-001"], found=True, confirmed=True) for i in range(3)]
        + [_res(3, ["LEAD-HIT"], found=True, confirmed=False)]  # holder did not apply: released, not seized
        + [_res(4, ["LEAD-HIT"], inspected=False)]
        + [_res(10 + i, ["LEAD-NEVER"]) for i in range(5)]
        + [_res(20, ["LEAD-OLD"], found=True, confirmed=True)]
    )
    rows = {r.id: r for r in report(results, profile, ins, as_of=D + dt.timedelta(days=5))}
    hit = rows["LEAD-HIT"]
    assert (hit.matched, hit.inspected, hit.seized, hit.holder_notices) == (5, 4, 3, 4)
    assert hit.hit_rate == pytest.approx(0.75) and hit.status == "active"
    assert rows["LEAD-NEVER"].status == "retire_proposed" and rows["LEAD-NEVER"].hit_rate == 0.0
    assert rows["LEAD-OLD"].status == "retire_proposed"  # window over, even though it hit
    assert (rows["BRAND-001"].kind, rows["BRAND-001"].seized, rows["BRAND-001"].status) == ("rule", 3, "active")
    assert rows["TRADER-005"].hit_rate is None  # never matched
    assert set(hit.model_dump(mode="json")) == {
        "id",
        "kind",
        "source",
        "issued_by",
        "valid_from",
        "valid_to",
        "status",
        "matched",
        "inspected",
        "seized",
        "hit_rate",
    }


def test_confirmed_cases_feed_trader_history(profile):
    results = [_res(1, [], found=True, confirmed=True), _res(2, [], found=True, confirmed=False), _res(3, [])]
    pens = penalties(results)
    assert [p["trader_id"] for p in pens] == ["T1"]
    scoped = profile.with_context(penalties=pens)
    assert any(p.trader_id == "T1" for p in scoped.lists["penalties"].items)


def test_results_files_round_trip_and_bad_rows_name_their_line(tmp_path):
    res = [_res(1, ["A-1", "B-2"], found=True, confirmed=True), _res(2, [])]
    write_results(res, tmp_path / "r.jsonl")
    assert read_results([tmp_path / "r.jsonl"]) == res
    (tmp_path / "bad.jsonl").write_text(json.dumps({"decl_id": "X"}) + "\n", encoding="utf-8")
    with pytest.raises(ResultsError) as e:
        read_results([tmp_path / "bad.jsonl"])
    assert e.value.line == 1 and "declared_at" in str(e.value)
    csv = tmp_path / "r.csv"
    csv.write_text("decl_id,declared_at,rules,inspected,found\nD1,2016-03-10,A-1|B-2,true,false\n", encoding="utf-8")
    (got,) = read_results([csv])
    assert got.rules == ["A-1", "B-2"] and got.inspected and not got.found


def test_a_seizure_proposes_alerts_to_drift_offices_and_a_follow_up(profile):
    seizure = InspectionResult(
        decl_id="S1",
        declared_at=D,
        customs_office="CNNGB",
        trader_id="ZJ-1",
        direction="export",
        transport_mode="sea",
        goods_source_region="CN-ZJ",
        destination_country="MX",
        hs_code="8301400000",
        inspected=True,
        found=True,
        holder_confirmed=True,
    )
    history = pl.DataFrame(
        {
            "decl_id": ["H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8"],
            "trader_id": ["ZJ-2", "ZJ-3", "ZJ-1", "ZJ-2", "ZJ-4", "ZJ-5", "ZJ-6", "ZJ-7"],
            "goods_source_region": ["CN-ZJ"] * 7 + ["CN-JS"],
            "hs_code": ["8301100000"] * 4 + ["8301400000", "8301400000", "6402990000", "8301100000"],
            "customs_office": ["CNTSN", "CNTSN", "CNXMN", "CNNGB", "CNSHA", "CNTAO", "CNHGH", "CNDLC"],
        }
    )
    usual = next(it.usual_offices for it in profile.lists["regions"].items if it.code == "CN-ZJ")
    assert drift_offices(seizure, profile) == [o for o in usual if o != "CNNGB"]  # no traffic known: the list
    offices = drift_offices(seizure, profile, history)
    # where other traders lodged padlocks of Zhejiang, busiest first; not the seizing office (CNNGB), nor
    # the seized trader's own office (CNXMN), nor offices that saw only other goods (CNHGH) or regions (CNDLC)
    assert offices == ["CNTSN", "CNSHA", "CNTAO"]
    assert drift_offices(seizure, profile, history, top=1) == ["CNTSN"]
    assert drift_offices(seizure, profile, history.clear()) == []  # traffic known, none of these goods
    leads = propose(seizure, profile, history)
    assert all(lead.status == "proposed" for lead in leads)
    alerts = [lead for lead in leads if lead.kind == "risk_parameter"]
    assert {a.issued_by for a in alerts} == set(offices)
    assert all(a.names.goods == ["8301"] and a.names.source_region == ["CN-ZJ"] for a in alerts)
    (follow,) = [lead for lead in leads if lead.kind == "preset"]
    assert follow.issued_by == "CNNGB" and follow.names.destination == ["MX"]
    assert active_rules(instructions(leads, profile.lists)) == []  # proposals do not score until accepted
    rules = active_rules(instructions(accept(leads), profile.lists))
    assert len(rules) == len(leads)
    profile.with_context(instructions=rules)  # every accepted proposal is a valid instruction
    assert propose(seizure.model_copy(update={"found": False}), profile) == []


def test_actions_follow_lanes_and_the_holder_deadline_counts_working_days():
    df = pl.DataFrame({"lane": ["green", "yellow", "red", "green"], "random": [False, False, False, True]})
    assert df.with_columns(action_expr())["action"].to_list() == ["release", "documents", "inspection", "inspection"]
    assert [action_for(r["lane"], r["random"]) for r in df.iter_rows(named=True)] == df.with_columns(action_expr())[
        "action"
    ].to_list()
    assert holder_notice_deadline(dt.date(2016, 3, 11)) == dt.date(2016, 3, 16)  # Friday -> Wednesday
    assert holder_notice_deadline(dt.date(2016, 3, 7)) == dt.date(2016, 3, 10)


def test_instructions_report_cli_json_and_exit_codes(tmp_path):
    write_results([_res(1, ["BRAND-001"], found=True, confirmed=True)], tmp_path / "r.jsonl")
    runner = CliRunner()
    out = runner.invoke(
        app, ["instructions", "report", str(tmp_path / "r.jsonl"), "--leads", "scenarios/leads", "--json"]
    )
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert rows[0]["id"] == "INTEL-C03-GZ" and rows[0]["kind"] == "preset"
    assert next(r for r in rows if r["id"] == "BRAND-001")["seized"] == 1
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    assert runner.invoke(app, ["instructions", "report", str(tmp_path / "bad.jsonl")]).exit_code == 2


def test_alerts_cli_writes_proposed_leads_that_read_back(tmp_path, profile):
    runner = CliRunner()
    out = tmp_path / "proposed.yaml"
    res = runner.invoke(
        app,
        [
            "instructions",
            "alerts",
            "examples/ip/seizures.jsonl",
            "--history",
            "examples/ip/history.csv",
            "--out",
            str(out),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    from riskprofile.loader.leads import read_leads

    leads, findings = read_leads(out, profile.lists, profile.fields)
    assert findings == [] and len(leads) == len(res.stdout.splitlines())
    beijing = [lead for lead in leads if lead.issued_by == "CNPEK"]  # Shandong rods lodged there before
    assert beijing and beijing[0].names.source_region == ["CN-SD"] and beijing[0].status == "proposed"
    assert any(lead.issued_by == "CNTSN" and lead.names.goods == ["8301"] for lead in leads)
