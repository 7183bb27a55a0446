from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tabadul.api import create_app
from tabadul.service import Tabadul
from tests.factory import PASSWORD, world


@pytest.fixture
def client(app: Tabadul) -> Iterator[TestClient]:
    world(app)
    with TestClient(create_app(app=app)) as test_client:
        yield test_client


def login(client: TestClient, user: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/login", json={"login": user, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


PERSON: dict[str, Any] = {
    "kind": "person",
    "external_id": "dz-p-1",
    "names": [
        {
            "full_name": "Abdelkader Ould Cheikh",
            "parts": {"first": "Abdelkader", "last": "Ould Cheikh"},
        },
        {"full_name": "عبد القادر ولد الشيخ", "kind": "alias"},
        {"full_name": "Abou Hafs", "kind": "weak_alias"},
    ],
    "birth_dates": ["1979", "1979-03-14"],
    "nationalities": ["dz", "MR"],
    "identifiers": [{"kind": "passport", "number": "X1234567"}],
}


def error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str)
    return dict(body["error"])


def test_login_create_read_update_delete(client: TestClient) -> None:
    bureau = login(client, "dz.bureau")
    created = client.post("/api/v1/records", json=PERSON, headers=bureau)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/api/v1/records/DZ-NCB/dz-p-1"
    body = created.json()
    assert body["owner"] == "DZ-NCB" and body["handling_code"] == "H0"
    assert body["nationalities"] == ["DZ", "MR"]
    assert [n["script"] for n in body["names"]] == ["latin", "arabic", "latin"]

    officer = login(client, "ma.officer")
    read = client.get("/api/v1/records/dz-ncb/dz-p-1", headers=officer)
    assert read.status_code == 200 and read.json() == body

    changed = {**PERSON, "birth_dates": ["1979-03-14"]}
    put = client.put("/api/v1/records/DZ-NCB/dz-p-1", json=changed, headers=bureau)
    assert put.status_code == 200 and put.json()["birth_dates"] == ["1979-03-14"]

    listed = client.get("/api/v1/records", params={"name": "cheikh"}, headers=officer)
    assert listed.status_code == 200 and listed.json()["total"] == 1

    deleted = client.delete("/api/v1/records/DZ-NCB/dz-p-1", headers=bureau)
    assert deleted.status_code == 200 and deleted.json() == {"deleted": ["dz-p-1"]}
    error(client.get("/api/v1/records/DZ-NCB/dz-p-1", headers=officer), 404)


def test_invalid_input_is_422_with_field_paths(client: TestClient) -> None:
    bureau = login(client, "dz.bureau")
    bad = {**PERSON, "birth_dates": ["2023-02-30"], "names": [{"full_name": "x" * 20_000}]}
    body = error(client.post("/api/v1/records", json=bad, headers=bureau), 422)
    locs = [tuple(f["loc"]) for f in body["fields"]]
    assert ("body", "person", "names", 0, "full_name") in locs
    assert ("body", "person", "birth_dates", 0) in locs
    assert any("February 2023 has no day 30" in f["message"] for f in body["fields"])
    assert client.get("/api/v1/records", headers=bureau).json()["total"] == 0


def test_unresolved_reference_is_422_naming_the_field(client: TestClient) -> None:
    bureau = login(client, "dz.bureau")
    doc = {"kind": "document", "external_id": "d-1", "holder": "nobody", "number": "A1"}
    body = error(client.post("/api/v1/records", json=doc, headers=bureau), 422)
    assert body["fields"][0]["loc"] == ["body", "holder"]


def test_authentication_errors(client: TestClient) -> None:
    error(client.get("/api/v1/records"), 401)
    error(client.get("/api/v1/records", headers={"Authorization": "Bearer nonsense"}), 401)
    wrong = client.post("/api/v1/auth/login", json={"login": "dz.bureau", "password": "wrong"})
    assert error(wrong, 401)["message"] == "wrong login or password"
    nobody = client.post("/api/v1/auth/login", json={"login": "nobody", "password": "wrong"})
    assert error(nobody, 401)["message"] == "wrong login or password"


def test_logout_revokes_and_api_tokens_work(client: TestClient) -> None:
    headers = login(client, "dz.bureau")
    token = client.post("/api/v1/auth/tokens", json={"name": "border system"}, headers=headers)
    assert token.status_code == 201 and token.json()["expires_at"] is None
    system = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert client.get("/api/v1/auth/me", headers=system).json()["agency"] == "DZ-NCB"
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    error(client.get("/api/v1/auth/me", headers=headers), 401)


def test_non_owner_write_is_403_and_hidden_record_is_404(client: TestClient) -> None:
    bureau = login(client, "dz.bureau")
    client.post("/api/v1/records", json=PERSON, headers=bureau)
    hidden = {**PERSON, "external_id": "dz-p-2", "sharing": {"visibility": "none"}}
    assert client.post("/api/v1/records", json=hidden, headers=bureau).status_code == 201
    other = login(client, "ma.bureau")
    forbidden = error(client.put("/api/v1/records/DZ-NCB/dz-p-1", json=PERSON, headers=other), 403)
    assert "owner" in forbidden["message"]
    # the hidden one answers exactly like a record that does not exist
    a = error(
        client.put(
            "/api/v1/records/DZ-NCB/dz-p-2", json={**PERSON, "external_id": "dz-p-2"}, headers=other
        ),
        404,
    )
    b = error(
        client.put(
            "/api/v1/records/DZ-NCB/dz-p-9", json={**PERSON, "external_id": "dz-p-9"}, headers=other
        ),
        404,
    )
    assert a["message"].replace("dz-p-2", "X") == b["message"].replace("dz-p-9", "X")
    a = error(client.get("/api/v1/records/DZ-NCB/dz-p-2", headers=other), 404)
    b = error(client.get("/api/v1/records/DZ-NCB/dz-p-9", headers=other), 404)
    assert a["message"].replace("dz-p-2", "X") == b["message"].replace("dz-p-9", "X")
    error(client.delete("/api/v1/records/DZ-NCB/dz-p-2", headers=other), 404)
    officer = login(client, "dz.officer")
    error(client.post("/api/v1/records", json={**PERSON, "external_id": "x"}, headers=officer), 403)


def test_admin_manages_agencies_and_users(client: TestClient) -> None:
    admin = login(client, "sec.admin")
    made = client.post(
        "/api/v1/agencies",
        json={"code": "TN-NCB", "name": "Bureau Tunis", "country": "TN"},
        headers=admin,
    )
    assert made.status_code == 201, made.text
    user = client.post(
        "/api/v1/users",
        json={"login": "tn.officer", "agency": "TN-NCB", "role": "officer"},
        headers=admin,
    )
    assert user.status_code == 201 and len(user.json()["password"]) >= 16
    error(
        client.post(
            "/api/v1/agencies", json={"code": "TN-NCB", "name": "x", "country": "TN"}, headers=admin
        ),
        409,
    )
    body = error(
        client.post(
            "/api/v1/agencies", json={"code": "ZZ-NCB", "name": "x", "country": "ZZ"}, headers=admin
        ),
        422,
    )
    assert body["fields"][0]["loc"] == ["body", "country"]
    officer = login(client, "dz.officer")
    error(
        client.post(
            "/api/v1/agencies",
            json={"code": "EG-NCB", "name": "x", "country": "EG"},
            headers=officer,
        ),
        403,
    )


def test_openapi_is_served(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/records/{owner}/{external_id}" in spec["paths"]
    assert client.get("/api/v1/health").json()["status"] == "ok"
