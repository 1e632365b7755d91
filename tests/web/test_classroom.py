"""A class run through the HTTP pages: join codes, answers marked by the drill library, the results file
and the class's export holding the same records as `riskprofile drill` writes."""

from __future__ import annotations

import json
import re

import pytest

from riskprofile.drill import read_results
from riskprofile.drill.report import build_report


@pytest.fixture(scope="module")
def started(class_client):
    client = class_client
    r = client.post(
        "/drill/new", data={"n": "2", "seed": "11", "lang": "en", "scenario": "C04"}, follow_redirects=False
    )
    assert r.status_code == 303
    class_url = r.headers["location"].split("?")[0]
    page = client.get(class_url)
    code = re.search(r'id="code">(\w+)<', page.text).group(1)
    return class_url, code


def _join(client, code, name):
    r = client.post("/drill/join", data={"code": code, "name": name}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


def test_two_trainees_answer_and_the_class_sees_it(class_client, class_service, started):
    client, service = class_client, class_service
    class_url, code = started
    session = service.classroom.session(class_url.rsplit("/", 1)[1])
    first = _join(client, code, "alice")
    second = _join(client, code.lower(), "bob")  # codes are case-insensitive
    assert first != second
    perfect = session.drill.perfect_answer(1)
    numbers = [str(session.drill.choices.index(i) + 1) for i in perfect.indicators]
    r = client.post(first, data={"lane": perfect.lane, "indicator": numbers}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/1/reveal")
    client.post(second, data={"lane": "green"}, follow_redirects=False)
    progress = client.get(f"{class_url}/progress").json()
    by_name = {row["name"]: row for row in progress["trainees"]}
    assert by_name["alice"]["items"][0]["points"] == 100.0
    assert by_name["bob"]["answered"] == 1 and by_name["bob"]["items"][1] is None
    assert progress["answered_per_item"][0] >= 2 and progress["items"] == 2
    fragment = client.get(f"{class_url}/fragment").text
    assert "alice" in fragment and "bob" in fragment
    exported = [json.loads(x) for x in client.get(f"{class_url}/results.jsonl").text.splitlines()]
    on_disk, skipped = read_results([service.results])
    on_disk = [r for r in on_disk if r["session"] == session.id and r["trainee"] in ("alice", "bob")]
    assert skipped == 0 and sorted(r["trainee"] for r in on_disk) == ["alice", "bob"]
    assert {(r["trainee"], r["item"]) for r in exported} == {(r["trainee"], r["item"]) for r in on_disk}
    assert client.get(f"{class_url}/report.json").json()["trainees"]["alice"] == json.loads(
        json.dumps(build_report(on_disk).to_json()["trainees"]["alice"])
    )


def test_an_item_is_answered_once_and_in_order(class_client, started):
    client = class_client
    _, code = started
    first = _join(client, code, "carol")
    second_item = first[: first.rfind("/")] + "/2"
    assert client.get(second_item).status_code == 409
    client.post(first, data={"lane": "red"}, follow_redirects=False)
    again = client.post(first, data={"lane": "green"}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].endswith("/1/reveal")
    assert "green" not in client.get(first + "/reveal").text.split('id="points"')[0]


def test_bad_join_and_bad_answers_say_what_to_do(class_client, started):
    client = class_client
    _, code = started
    r = client.post("/drill/join", data={"code": "ZZZZZZ", "name": "dan"})
    assert r.status_code == 200 and "check it with your trainer" in r.text
    _join(client, code, "erin")
    r = client.post("/drill/join", data={"code": code, "name": "ERIN"})
    assert "is taken" in r.text
    first = _join(client, code, "frank")
    r = client.post(first, data={"lane": "purple"})
    assert r.status_code == 200 and 'id="error"' in r.text


def test_names_and_notes_are_escaped(class_client, started):
    client = class_client
    _, code = started
    first = _join(client, code, "<script>alert(1)</script>")
    page = client.get(first).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
