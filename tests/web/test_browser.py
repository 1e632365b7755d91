"""The pages in a real browser (headless Chromium): a two-trainee drill with the trainer's class view
updating on its own, and the scoring API called from a page. Set RISKPROFILE_SCREENSHOTS=DIR to keep
screenshots of every page at phone and desktop widths."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import polars as pl

from .conftest import ROOT

SHOTS = os.environ.get("RISKPROFILE_SCREENSHOTS")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_two_trainees_drill_with_a_live_class_view(live_server, browser, desktop):
    trainer = desktop
    trainer.goto(f"{live_server}/drill")
    shot(trainer, "drill-home-desktop")
    trainer.fill("#n", "2")
    trainer.fill("#seed", "11")
    trainer.check("input[name=scenario][value=C04]")
    trainer.click("#start")
    trainer.wait_for_selector("#code", timeout=120_000)
    code = trainer.inner_text("#code").strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    assert trainer.is_visible("#no-trainees")

    contexts, phones = [], []
    for name, lane in (("alice", "red"), ("bob", "green")):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        contexts.append(ctx)
        phone = ctx.new_page()
        phones.append(phone)
        phone.goto(f"{live_server}/drill?code={code}")
        assert phone.input_value("#code") == code
        phone.fill("#name", name)
        phone.click("#join")
        phone.wait_for_selector("#answer")
        assert "1" in phone.inner_text("#item-title")
        if name == "alice":
            shot(phone, "drill-item-phone")
        phone.check(f"input[name=lane][value={lane}]")
        phone.locator("input[name=indicator]").first.check()
        phone.click("#submit")
        phone.wait_for_selector("#points")
        assert "points" in phone.inner_text("#points") or "分" in phone.inner_text("#points")
        if name == "alice":
            shot(phone, "drill-reveal-phone")

    # the class view polls its progress: both trainees appear without a reload
    trainer.wait_for_function(
        "() => { const t = document.querySelector('#progress-table'); "
        "return t && t.innerText.includes('alice') && t.innerText.includes('bob') "
        "&& t.innerText.split('1/2').length === 3; }",
        timeout=15_000,
    )
    shot(trainer, "drill-class-desktop")
    exported = trainer.request.get(trainer.url.split("?")[0] + "/results.jsonl").text()
    records = [json.loads(line) for line in exported.splitlines()]
    assert sorted(r["trainee"] for r in records) == ["alice", "bob"]
    assert {r["answer"]["lane"] for r in records} == {"red", "green"}
    for ctx in contexts:
        ctx.close()


def test_the_scoring_api_from_a_page(live_server, desktop):
    rows = pl.read_csv(ROOT / "examples" / "declarations.csv", infer_schema=False).to_dicts()
    desktop.goto(f"{live_server}/")
    shot(desktop, "index-desktop")
    result = desktop.evaluate(
        """async (rows) => {
            const r = await fetch('/api/score', {method: 'POST', headers: {'content-type': 'application/json'},
                                                 body: JSON.stringify(rows)});
            return {status: r.status, body: await r.json()};
        }""",
        rows,
    )
    assert result["status"] == 200
    assert [d["decl_id"] for d in result["body"]] == list(dict.fromkeys(r["decl_id"] for r in rows))
    bad = desktop.evaluate(
        """async (row) => {
            const r = await fetch('/api/score', {method: 'POST', body: JSON.stringify([row])});
            return {status: r.status, body: await r.json()};
        }""",
        dict(rows[0], quantity="lots"),
    )
    assert (
        bad["status"] == 422 and bad["body"]["rows_rejected"] == 1 and "quantity" in bad["body"]["rejects"][0]["reason"]
    )
    missing = desktop.evaluate(
        """async () => (await fetch('/api/score', {method: 'POST', body: '[{"decl_id": "X"}]'})).status"""
    )
    assert missing == 400


def test_lookup_on_a_phone(live_server, phone):
    phone.goto(f"{live_server}/lookup")
    shot(phone, "lookup-empty-phone")
    phone.fill("#q", "TRI-CYIRCELE")
    phone.click("#more summary")
    phone.fill("#goods", "8301")
    phone.click("button[type=submit]")
    phone.wait_for_selector("#verdict")
    assert "TRI-CIRCLE" in phone.inner_text(".match h3")
    assert phone.locator("#verdict").is_visible() and phone.evaluate("window.scrollY") > 0  # scrolled to it
    box = phone.locator("button[type=submit]").bounding_box()
    assert box["height"] >= 44  # a touch target
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    shot(phone, "lookup-result-phone")
    phone.click("header a.lang")
    phone.wait_for_selector("#verdict")
    assert "已备案" in phone.inner_text("#verdict")
    shot(phone, "lookup-result-phone-zh")
