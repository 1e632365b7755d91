"""The JSON API answers what the CLI answers, refuses bad input with every reason, and loses nothing."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl

from .conftest import ROOT

DEMO = ROOT / "examples" / "declarations.csv"


def _rows() -> list[dict]:
    return pl.read_csv(DEMO, infer_schema=False).to_dicts()


def test_healthz_names_the_profile(client, shipped_profile):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["rules"] == len(shipped_profile.rules)


def test_score_answers_what_the_profile_scores(client, shipped_profile):
    rows = _rows()
    r = client.post("/api/score", json=rows)
    assert r.status_code == 200
    expected = list(shipped_profile.score(rows).declarations.iter_rows(named=True))
    assert r.json() == json.loads(json.dumps(expected))
    assert [d["decl_id"] for d in r.json()] == list(dict.fromkeys(x["decl_id"] for x in rows))
    assert set(r.json()[0]) == {"decl_id", "score", "lane", "rules", "forced_by", "random"}


def test_score_accepts_nested_declarations(client):
    decl = {
        "decl_id": "N-1",
        "declared_at": "2016-03-10",
        "direction": "export",
        "customs_office": "Huangpu",
        "transport_mode": "sea",
        "trade_mode": "general",
        "declarant_id": "D1",
        "trader_id": "T1",
        "trader_type": "trading_company",
        "lines": [
            {
                "hs_code": "640411",
                "description": "casual shoes",
                "brand": "NO BRAND",
                "quantity": 100,
                "unit": "pair",
                "value": 500,
                "currency": "USD",
                "net_mass_kg": 60,
            }
        ],
    }
    r = client.post("/api/score", json=[decl])
    assert r.status_code == 200 and r.json()[0]["decl_id"] == "N-1"


def test_rejected_rows_give_422_with_every_reason_and_the_scored_rest(client):
    rows = _rows()
    rows[0] = dict(rows[0], quantity="lots")
    rows[1] = dict(rows[1], declared_at="not a date")
    r = client.post("/api/score", json=rows)
    assert r.status_code == 422
    body = r.json()
    assert body["rows_in"] == len(rows) == body["rows_scored"] + body["rows_rejected"]
    reasons = {x["row"]: x["reason"] for x in body["rejects"]}
    assert "quantity" in reasons[1] and "declared_at" in reasons[2]
    assert all(d["decl_id"] for d in body["scored"])


def test_malformed_bodies_are_400_not_500(client):
    for content in (b"{not json", b"42", b'"x"', b'{"declarations": 5}', b"[1, 2]", b"\xff\xfe"):
        r = client.post("/api/score", content=content, headers={"content-type": "application/json"})
        assert r.status_code == 400, (content, r.status_code, r.text)
        assert r.json()["error"]


def test_oversized_batches_are_413(client, monkeypatch):
    from riskprofile.web import service

    monkeypatch.setattr(service, "MAX_LINES", 3)
    r = client.post("/api/score", json=_rows()[:4])
    assert r.status_code == 413 and "split" in r.json()["error"]


def test_explain_one_declaration(client, shipped_profile):
    rows = [x for x in _rows() if x["decl_id"] == "DEMO-0003"]
    r = client.post("/api/explain", json={"lines": rows})
    assert r.status_code == 200
    body = r.json()
    assert body["decl_id"] == "DEMO-0003"
    assert body["lane"] == shipped_profile.explain("DEMO-0003", rows).lane
    assert [f["id"] for f in body["fired"]]


def test_explain_needs_a_decl_id_for_several_declarations(client):
    r = client.post("/api/explain", json={"lines": _rows()})
    assert r.status_code == 400 and "decl_id" in r.json()["error"]
    r = client.post("/api/explain", json={"decl_id": "NOPE", "lines": _rows()})
    assert r.status_code == 422


def test_lookup_answers_what_the_library_answers(client, shipped_profile):
    from riskprofile.ip.lookup import lookup

    recordations = set()
    for q in ("三环", "TRI-CYIRCELE", "TRICIRCLE"):
        r = client.get("/api/lookup", params={"q": q})
        assert r.status_code == 200
        assert r.json() == lookup(q, profile=shipped_profile).model_dump(mode="json")
        recordations |= {m["recordation"] for m in r.json()["matches"]}
    assert len(recordations) == 1
    holder = client.get("/api/lookup", params={"q": "TRICIRCLE"}).json()["matches"][0]["holder"]["id"]
    assert client.get("/api/lookup", params={"q": "三环", "trader": holder}).json()["verdict"] == "authorised"
    none = client.get("/api/lookup", params={"q": "QWXZ NOT A MARK"})
    assert none.status_code == 200 and none.json()["verdict"] == "not_recorded" and none.json()["matches"] == []


def test_lookup_refuses_bad_input_with_400(client):
    assert client.get("/api/lookup").status_code == 400
    assert client.get("/api/lookup", params={"q": "NIKE", "on": "2016-13-45"}).status_code == 400
    assert client.get("/api/lookup", params={"q": "N" * 1000}).status_code == 400


def test_lookup_page_escapes_what_was_typed(client):
    r = client.get("/lookup", params={"q": "<img src=x onerror=alert(1)>", "lang": "zh"})
    assert r.status_code == 200
    assert "<img src=x" not in r.text and "&lt;img src=x" in r.text and "未备案" in r.text


def test_lookup_page_gives_every_caveat_in_chinese_too(client, shipped_profile):
    from riskprofile.ip.lookup import Register, lookup
    from riskprofile.web.texts import TEXTS

    items = Register.of(shipped_profile).items
    expired = next(m for m, its in items.items() if all(it.valid_to and it.valid_to < dt.date.today() for it in its))
    for q in (expired, "NIKEE"):
        ans = lookup(q, goods="6404", trader="ANY-TRADER", profile=shipped_profile)
        assert ans.notes, q
        advice = client.get("/lookup", params={"q": q, "goods": "6404", "trader": "ANY-TRADER", "lang": "zh"})
        shown = advice.text.split('id="advice">', 1)[1].split("</p>", 1)[0]
        for n in ans.notes:
            head = TEXTS[f"note_{n.code}"]["zh"].split("{", 1)[0]
            assert head in shown, (q, n.code)
