from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tabadul.api import create_app
from tabadul.domain.enums import Visibility
from tabadul.service import Tabadul
from tests.api.test_api import login
from tests.factory import world
from tests.service.test_screening import cheikh

HIT_ONLY_KEYS = {"record_id", "owner", "owner_name", "handling_code", "access", "hit", "hit_id"}


@pytest.fixture
def client(app: Tabadul) -> Iterator[TestClient]:
    w = world(app)
    app.records.save(w.dz_bureau, cheikh(), create=True)
    app.records.save(w.dz_bureau, cheikh("p-2", visibility=Visibility.HIT_ONLY.value), create=True)
    with TestClient(create_app(app=app)) as test_client:
        yield test_client


def test_screen_one_person(client: TestClient) -> None:
    officer = login(client, "ma.officer")
    body = {"purpose": "border-control", "name": "محمد ولد الشيخ", "birthDate": "1979"}
    response = client.post("/api/v1/screen", json=body, headers=officer)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["algorithm"] == "tabadul-v4" and data["threshold"] == 0.7
    full = [r for r in data["results"] if r["access"] == "full"]
    hidden = [r for r in data["results"] if r["access"] == "hit_only"]
    assert full[0]["record_id"] == "p-1" and full[0]["hit"] and full[0]["explanation"]
    assert [r["record_id"] for r in hidden] == ["p-2"]
    assert set(hidden[0]) <= HIT_ONLY_KEYS


def test_batch_answers_the_good_queries_and_names_the_bad_ones(client: TestClient) -> None:
    officer = login(client, "ma.officer")
    queries = [
        {"id": "a", "name": "Mohamed Ould Cheikh"},
        {"id": "b", "name": "Ali", "birthDate": "1985-13-45"},
        {"id": "c", "name": "   "},
        {"id": "d", "name": "Youcef Haddad", "nationality": "QQ"},
    ]
    response = client.post(
        "/api/v1/screen/batch",
        json={"purpose": "border-control", "queries": queries},
        headers=officer,
    )
    assert response.status_code == 200, response.text
    answers = {a["query_id"]: a for a in response.json()["answers"]}
    assert answers["a"]["results"][0]["record_id"] == "p-1"
    assert answers["b"]["errors"][0]["field"] == "birthDate"
    assert answers["c"]["errors"][0]["field"] == "name"
    assert answers["d"]["errors"][0]["field"] == "nationality"


def test_screen_requires_a_known_purpose(client: TestClient) -> None:
    officer = login(client, "ma.officer")
    response = client.post(
        "/api/v1/screen", json={"purpose": "tourism", "name": "Ali"}, headers=officer
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["loc"][-1] == "purpose"
