"""Bad input to POST /screen and /screen/batch: a 422 naming the field for one query;
in a batch, an error naming the query and the field, and every other query answered."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tabadul.api import create_app
from tabadul.service import Tabadul
from tests.api.test_api import login
from tests.service.test_screen_bad_input import MIXED, REFUSED, SAME_AS_PLAIN, setup

PURPOSE = "border-control"


@pytest.fixture
def client(app: Tabadul) -> Iterator[TestClient]:
    setup(app)
    with TestClient(create_app(app=app)) as test_client:
        test_client.headers.update(login(test_client, "ma.officer"))
        yield test_client


def screen(client: TestClient, **fields: Any) -> list[dict[str, Any]]:
    """The results, less the hit ids (each screening that hits records a new hit)."""
    response = client.post("/api/v1/screen", json={"purpose": PURPOSE, **fields})
    assert response.status_code == 200, response.text
    return [{k: v for k, v in r.items() if k != "hit_id"} for r in response.json()["results"]]


def test_each_bad_query_is_a_422_naming_the_field(client: TestClient) -> None:
    """One request per case of the table (one database for all: the world costs)."""
    for case, fields, field, words in REFUSED:
        response = client.post("/api/v1/screen", json={"purpose": PURPOSE, **fields})
        assert response.status_code == 422, (case, response.text)
        error = response.json()["error"]
        assert error["code"] == "invalid_input", case
        [first, *_] = error["fields"]
        assert first["loc"] == ["body", field], (case, error)
        assert words.lower() in first["message"].lower(), (case, first)


def test_a_batch_answers_every_good_query_and_names_each_bad_one(client: TestClient) -> None:
    bad = [{"id": f"bad-{n}", **fields} for n, (_, fields, _, _) in enumerate(REFUSED)]
    good = [
        {"id": "first", "name": "Mohamed Ould Cheikh"},
        {"id": "last", "name": "\u200fيوسف حداد", "nationality": "dz"},
    ]
    response = client.post(
        "/api/v1/screen/batch",
        json={"purpose": PURPOSE, "queries": [good[0], *bad, good[1]]},
    )
    assert response.status_code == 200, response.text
    answers = response.json()["answers"]
    assert [a["query_id"] for a in answers] == ["first", *(q["id"] for q in bad), "last"]
    assert answers[0]["results"][0]["record_id"] == "p-1"
    assert answers[-1]["results"][0]["record_id"] == "p-2"
    for answer, (case, _, field, words) in zip(answers[1:-1], REFUSED, strict=True):
        assert "results" not in answer or answer["results"] is None, case
        [first, *_] = answer["errors"]
        assert first["field"] == field, (case, answer)
        assert words.lower() in first["message"].lower(), (case, first)
        assert not first["message"].startswith("Value error"), first


BROKEN_ITEMS: list[tuple[Any, str]] = [
    ("Mohamed Ould Cheikh", "object"),
    (42, "object"),
    (None, "object"),
    (["Mohamed", "Ould Cheikh"], "object"),
    ({}, "required"),
]


def test_a_broken_item_in_a_batch_spoils_only_itself(client: TestClient) -> None:
    queries = [
        {"id": "a", "name": "Youcef Haddad"},
        *(item for item, _ in BROKEN_ITEMS),
        {"id": "z", "name": "محمد ولد الشيخ"},
    ]
    response = client.post("/api/v1/screen/batch", json={"purpose": PURPOSE, "queries": queries})
    assert response.status_code == 200, response.text
    first, *broken, last = response.json()["answers"]
    assert first["results"][0]["record_id"] == "p-2"
    assert last["results"][0]["record_id"] == "p-1"
    for position, (answer, (item, words)) in enumerate(zip(broken, BROKEN_ITEMS, strict=True)):
        assert answer["query_id"] == str(position + 2), answer  # no id: its position
        assert words in answer["errors"][0]["message"].lower(), (item, answer)


def test_query_ids_are_answered_as_given(client: TestClient) -> None:
    queries = [{"id": 7, "name": "Youcef Haddad"}, {"id": None, "name": "Youcef Haddad"}]
    response = client.post("/api/v1/screen/batch", json={"purpose": PURPOSE, "queries": queries})
    assert response.status_code == 200, response.text
    assert [a["query_id"] for a in response.json()["answers"]] == ["7", "2"]


def test_an_unpaired_surrogate_is_refused_not_a_crash(client: TestClient) -> None:
    """JSON may escape half a UTF-16 pair ("\\ud800"), which is no character at all."""
    raw = json.dumps({"purpose": PURPOSE, "name": "Youcef Haddad"})
    raw = raw.replace("Youcef Haddad", "Youcef \\ud800Haddad")
    response = client.post(
        "/api/v1/screen", content=raw.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["fields"][0]["loc"][-1] == "name"
    batch = json.dumps({"purpose": PURPOSE, "queries": [{"id": "x", "name": "Youcef Haddad"}]})
    batch = batch.replace("Youcef Haddad", "Youcef \\ud800Haddad")
    response = client.post(
        "/api/v1/screen/batch",
        content=batch.encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    [answer] = response.json()["answers"]
    assert answer["query_id"] == "x" and answer["errors"][0]["field"] == "name"
    bad_id = batch.replace('"x"', '"\\udc00x"').replace("\\ud800", "")
    response = client.post(
        "/api/v1/screen/batch",
        content=bad_id.encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    [answer] = response.json()["answers"]
    assert answer["query_id"] == "?x" and answer["errors"][0]["field"] == "id"


def test_invisible_marks_and_odd_spacing_screen_like_the_plain_name(
    client: TestClient,
) -> None:
    for case, name, plain in SAME_AS_PLAIN:
        odd = screen(client, name=name)
        assert odd, f"{case}: a silent empty result"
        assert odd == screen(client, name=plain), case


def test_mixed_scripts_are_screened(client: TestClient) -> None:
    for case, name, record_id, must_hit in MIXED:
        [top, *_] = screen(client, name=name)
        assert top["record_id"] == record_id, (case, top)
        assert top["hit"] or not must_hit, (case, top)


def test_a_name_longer_than_the_request_allows(client: TestClient) -> None:
    response = client.post("/api/v1/screen", json={"purpose": PURPOSE, "name": "x" * 50_000})
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["loc"] == ["body", "name"]
