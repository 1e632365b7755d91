"""Leads -> instructions: the file checks (codes, lines), the conversion, scoring through with_context."""

import datetime as dt
import textwrap

import pytest

from riskprofile import load_profile
from riskprofile.loader.leads import active_rules, instructions, read_leads
from riskprofile.loader.lint import lint
from riskprofile.loader.scenario import read_scenario
from riskprofile.testing.builders import declaration

GOOD = """\
leads:
  - id: LEAD-BOX-1
    title: Holder says container MSKU1 carries fake padlocks
    source: holder
    received: 2016-02-01
    reliability: high
    kind: preset
    issued_by: CNNGB
    names:
      direction: export
      container: [msku1]
      goods: ["8301", padlock]
      offices: [Beilun]
    window: {from: 2016-02-01, to: 2016-02-29}
    inspection: unload the container fully
"""


@pytest.fixture(scope="module")
def profile():
    return load_profile("rules/profile.yaml")


def _write(tmp_path, text, name="leads.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def _decl(decl_id, container, office="Ningbo", day="2016-02-10"):
    line = {"hs_code": "8301100000", "description": "padlocks", "brand": "NO BRAND", "value": 100}
    return declaration(decl_id, date=day, office=office, trader="ZJ-LOCKS-01", container_no=container, lines=[line])


def test_a_lead_becomes_a_scoped_instruction_that_scores_through_the_profile(tmp_path, profile):
    leads, findings = read_leads(_write(tmp_path, GOOD), profile.lists, profile.fields)
    assert findings == []
    (ins,) = instructions(leads, profile.lists)
    assert (ins.kind, ins.source, ins.issued_by, ins.rule["lane"]) == ("preset", "holder", "CNNGB", "red")
    assert ins.inspection == "unload the container fully"
    scoped = profile.with_context(instructions=active_rules([ins]))
    decls = [
        _decl("hit", "MSKU1"),
        _decl("other-box", "MSKU2"),
        _decl("other-office", "MSKU1", office="Shanghai"),
        _decl("expired", "MSKU1", day="2016-03-02"),
    ]
    res = {r["decl_id"]: r for r in scoped.score(decls, random=False).declarations.iter_rows(named=True)}
    assert res["hit"]["forced_by"] == "LEAD-BOX-1" and res["hit"]["lane"] == "red"
    for other in ("other-box", "other-office", "expired"):
        assert "LEAD-BOX-1" not in res[other]["rules"], other


def test_a_csv_leads_file_gives_the_same_instruction(tmp_path, profile):
    yaml_leads, _ = read_leads(_write(tmp_path, GOOD), profile.lists, profile.fields)
    csv = _write(
        tmp_path,
        "id,title,source,received,reliability,kind,issued_by,direction,container,goods,offices,valid_from,valid_to,"
        "inspection\n"
        "LEAD-BOX-1,Holder says container MSKU1 carries fake padlocks,holder,2016-02-01,high,preset,CNNGB,export,"
        "msku1,8301|padlock,Beilun,2016-02-01,2016-02-29,unload the container fully\n",
        "leads.csv",
    )
    csv_leads, findings = read_leads(csv, profile.lists, profile.fields)
    assert findings == []
    assert instructions(csv_leads, profile.lists)[0].rule == instructions(yaml_leads, profile.lists)[0].rule


def test_bad_leads_are_reported_with_code_line_and_lead_id(tmp_path, profile):
    bad = GOOD + textwrap.indent(
        textwrap.dedent("""\
        - id: LEAD-BAD-1
          title: unknown source and a reversed window
          source: newspaper
          received: 2016-02-01
          issued_by: CNNGB
          names: {goods: ["64"]}
          window: {from: 2016-03-01, to: 2016-02-01}
        - id: LEAD-BAD-2
          title: unknown office and a narrowing on an unknown field
          source: police
          received: 2016-02-01
          issued_by: CNNGB
          names: {goods: ["64"], offices: [Atlantis]}
          window: {from: 2016-02-01, to: 2016-02-10}
          also: {shoe_colour: {eq: red}}
        - id: LEAD-BOX-1
          title: duplicate
          source: holder
          received: 2016-02-01
          issued_by: CNNGB
          names: {goods: ["64"]}
          window: {from: 2016-02-01, to: 2016-02-10}
        """),
        "  ",
    )
    leads, findings = read_leads(_write(tmp_path, bad), profile.lists, profile.fields)
    assert [lead.id for lead in leads] == ["LEAD-BOX-1", "LEAD-BAD-2"]
    got = {(f.code, f.rule_id, f.line) for f in findings}
    assert ("RP012", "LEAD-BAD-1", 18) in got  # source: newspaper
    assert ("RP010", "LEAD-BAD-1", 22) in got  # window reversed
    assert ("RP012", "LEAD-BAD-2", 28) in got  # office Atlantis
    assert ("RP003", "LEAD-BAD-2", 23) in got  # shoe_colour in `also`, at the lead
    assert any(c == "RP007" and r == "LEAD-BOX-1" for c, r, _ in got)


def test_lint_checks_leads_files_and_warns_on_expired_ones(tmp_path):
    p = _write(tmp_path, GOOD)
    findings = lint([p], None, dt.date(2017, 1, 1))
    assert [f.code for f in findings] == ["RP101"]
    assert lint([p], None, dt.date(2016, 2, 15)) == []


def test_a_scenario_names_leads_and_an_unknown_lead_is_a_finding(tmp_path, profile):
    (tmp_path / "leads").mkdir()
    _write(tmp_path / "leads", GOOD)
    scen = """\
    id: T01
    title: t
    source: test
    narrative: n
    outcome: o
    context: {leads: [LEAD-BOX-1, LEAD-NOPE]}
    declarations:
      - decl_id: T01-D1
        declared_at: 2016-02-10
        direction: export
        lines: [{hs_code: "830110"}]
    expect: {rules: [LEAD-BOX-1]}
    """
    sc, findings = read_scenario(_write(tmp_path, scen, "T01.yaml"), profile.fields, profile.lists, [])
    assert [f.code for f in findings] == ["RP012"] and "LEAD-NOPE" in findings[0].message
    assert [r["id"] for r in sc.context.instructions] == ["LEAD-BOX-1"]


def test_the_documented_tip_offs_replay_through_their_leads(profile):
    from riskprofile.loader.scenario import load_scenario
    from riskprofile.replay import replay_scenario

    for sid, rule in (("C06", "INTEL-C06-TIP"), ("C03", "INTEL-C03-GZ"), ("C13", "INTEL-C13-QD")):
        sc = load_scenario(f"scenarios/{sid}.yaml", profile)
        assert sc.context.leads == [rule]
        res = replay_scenario(profile, sc)
        assert res.ok and rule in res.rules, sid


def test_region_and_office_names_resolve_like_declarations_and_csv_leads_are_linted(tmp_path, profile):
    text = GOOD.replace("offices: [Beilun]", "offices: [首都机场]\n      source_region: [Shandong, 山东省]")
    leads, findings = read_leads(_write(tmp_path, text), profile.lists, profile.fields)
    assert findings == []
    when = instructions(leads, profile.lists)[0].rule["when"]["all"]
    assert {"goods_source_region": {"in": ["CN-SD"]}} in when
    assert {"any": [{"customs_office": {"in": ["CNPEK"]}}, {"exit_office": {"in": ["CNPEK"]}}]} in when
    bad = _write(
        tmp_path,
        "id,title,source,received,issued_by,goods,source_region,valid_from,valid_to\n"
        "LEAD-CSV-1,t,holder,2016-02-01,CNNGB,64,Atlantis,2016-02-01,2016-02-10\n",
        "leads.csv",
    )
    (f,) = lint([bad], "rules/profile.yaml", dt.date(2016, 2, 5))
    assert (f.code, f.line, f.rule_id) == ("RP012", 2, "LEAD-CSV-1") and "Atlantis" in f.message
