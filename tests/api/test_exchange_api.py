"""The exchange rules through the REST API: sharing, search, releases, hits, retention
and the audit trail, walked end to end with viewers of every kind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tabadul.api import create_app
from tabadul.domain.enums import Role
from tabadul.service import Tabadul
from tabadul.store.tables import Record
from tests.api.test_api import PERSON, error, login
from tests.factory import OPERATOR, PASSWORD, world

V1 = "/api/v1"
RECORD = f"{V1}/records/DZ-NCB/dz-p-1"
NAME = "Abdelkader Ould Cheikh"
PURPOSE = "criminal-investigation"
HIT_ONLY_KEYS = {"record_id", "owner", "owner_name", "handling_code", "access", "hit", "hit_id"}
MAGHREB_HIT_ONLY_TN_FULL = {
    "visibility": "none",
    "rules": [
        {"subject": "region", "code": "MAGHREB", "level": "hit_only"},
        {"subject": "agency", "code": "TN-NCB", "level": "full"},
    ],
}


def exchange_world(app: Tabadul) -> None:
    """The factory's world, plus a region (DZ, MA, TN), a Tunisian agency inside it and
    an Egyptian one outside it, each with an officer."""
    world(app)
    d = app.directory
    d.set_region(viewer=OPERATOR, code="MAGHREB", name="Maghreb", members=["DZ", "MA", "TN"])
    d.add_agency(viewer=OPERATOR, code="TN-NCB", name="Bureau Tunis", country="TN")
    d.add_agency(viewer=OPERATOR, code="EG-NCB", name="Bureau Le Caire", country="EG")
    for login_, agency in (("tn.officer", "TN-NCB"), ("eg.officer", "EG-NCB")):
        d.add_user(
            viewer=OPERATOR, login=login_, agency=agency, role=Role.OFFICER, password=PASSWORD
        )


@pytest.fixture
def client(app: Tabadul) -> Iterator[TestClient]:
    exchange_world(app)
    with TestClient(create_app(app=app)) as test_client:
        yield test_client


@pytest.fixture
def users(client: TestClient) -> dict[str, dict[str, str]]:
    logins = ["dz.bureau", "dz.officer", "ma.bureau", "ma.officer", "sec.compliance"]
    return {u: login(client, u) for u in [*logins, "tn.officer", "eg.officer"]}


def create(client: TestClient, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    response = client.post(f"{V1}/records", json={**PERSON, **changes}, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def search(client: TestClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    params = {"name": NAME, "purpose": PURPOSE, **params}
    return dict(ok(client.get(f"{V1}/search", params=params, headers=headers)))


def test_done_when_end_to_end(
    app: Tabadul, client: TestClient, users: dict[str, dict[str, str]]
) -> None:
    dz, ma, tn, eg = (
        users["dz.bureau"],
        users["ma.officer"],
        users["tn.officer"],
        users["eg.officer"],
    )
    create(client, dz)
    shared = ok(client.put(f"{RECORD}/sharing", json=MAGHREB_HIT_ONLY_TN_FULL, headers=dz))
    assert shared["visibility"] == "none" and shared["own_rules"] is True
    assert shared["rules"] == MAGHREB_HIT_ONLY_TN_FULL["rules"]
    assert ok(client.get(f"{RECORD}/sharing", headers=dz)) == shared

    # the agency granted full access reads the record and finds it in full
    assert ok(client.get(RECORD, headers=tn))["external_id"] == "dz-p-1"
    full = search(client, tn)
    assert full["purpose"] == PURPOSE and full["threshold"] == 0.7
    [result] = full["results"]
    assert result["access"] == "full" and result["kind"] == "person"
    assert result["score"] >= full["threshold"] and result["hit"] is True
    assert result["matched_name"] == NAME and result["explanation"]

    # a viewer in the region learns only that DZ-NCB holds a matching record
    [hit_only] = search(client, ma)["results"]
    assert set(hit_only) == HIT_ONLY_KEYS
    assert hit_only == {
        "record_id": "dz-p-1",
        "owner": "DZ-NCB",
        "owner_name": "Bureau Alger",
        "handling_code": "H0",
        "access": "hit_only",
        "hit": True,
        "hit_id": hit_only["hit_id"],
    }
    hidden = error(client.get(RECORD, headers=ma), 404)
    missing = error(client.get(f"{V1}/records/DZ-NCB/dz-p-9", headers=ma), 404)
    assert hidden["message"].replace("dz-p-1", "X") == missing["message"].replace("dz-p-9", "X")

    # a viewer outside the region gets nothing at all
    assert search(client, eg)["results"] == []
    outside = error(client.get(RECORD, headers=eg), 404)
    assert outside == {**hidden, "message": outside["message"]}
    assert set(outside) == set(missing)
    assert outside["message"].replace("dz-p-1", "X") == missing["message"].replace("dz-p-9", "X")

    # release: asked by MA, granted by DZ, then MA reads it in full
    asked = ok(
        client.post(
            f"{RECORD}/release-requests",
            json={"reason": "Suspect in our case 2024/117", "purpose": PURPOSE},
            headers=ma,
        ),
        201,
    )
    assert asked["status"] == "pending" and asked["requesting_agency"] == "MA-NCB"
    pending = ok(client.get(f"{V1}/release-requests?status=pending", headers=dz))
    assert [r["id"] for r in pending] == [asked["id"]]
    decided = ok(
        client.post(
            f"{V1}/release-requests/{asked['id']}/decision",
            json={"release": True, "note": "granted"},
            headers=dz,
        )
    )
    assert decided["status"] == "released" and decided["decided_by"] == "dz.bureau"
    assert ok(client.get(RECORD, headers=ma))["external_id"] == "dz-p-1"
    assert ok(client.get(f"{V1}/release-requests?status=pending", headers=dz)) == []

    # hit notifications: the owner sees who searched, why and the score
    notes = ok(client.get(f"{V1}/notifications", headers=dz))
    by_agency = {n["searching_agency"]: n for n in notes}
    assert set(by_agency) == {"TN-NCB", "MA-NCB"}
    assert by_agency["MA-NCB"]["purpose"] == PURPOSE
    # a hit-only hit is notified with the score the scorer gave, as a full one is
    assert by_agency["MA-NCB"]["score"] == by_agency["TN-NCB"]["score"] == result["score"]
    assert by_agency["MA-NCB"]["access"] == "hit_only"
    assert by_agency["MA-NCB"]["id"] == hit_only["hit_id"]
    mine = ok(client.get(f"{V1}/hits", headers=ma))
    assert [h["id"] for h in mine] == [hit_only["hit_id"]]
    confirmed = ok(
        client.post(
            f"{V1}/hits/{hit_only['hit_id']}/outcome",
            json={"outcome": "confirmed", "note": "same person"},
            headers=ma,
        )
    )
    assert confirmed["outcome"] == "confirmed"
    [seen] = ok(client.get(f"{V1}/notifications?outcome=confirmed", headers=dz))
    assert seen["searching_agency"] == "MA-NCB" and seen["outcome_note"] == "same person"
    again = {"outcome": "rejected"}
    error(client.post(f"{V1}/hits/{seen['id']}/outcome", json=again, headers=ma), 409)
    error(client.post(f"{V1}/hits/{seen['id']}/outcome", json=again, headers=tn), 404)
    error(client.get(f"{V1}/notifications", headers=users["ma.officer"]), 403)

    # the audit trail holds every step; reading it is audited too
    audit = ok(client.get(f"{V1}/audit", headers=users["sec.compliance"]))
    actions = [e["action"] for e in audit]
    for action in ("rule_change", "screen", "release_request", "release_decision", "hit_outcome"):
        assert action in actions
    assert audit == sorted(audit, key=lambda e: e["id"], reverse=True)
    # a search of persons is a screening, audited once, by screening, as a search
    searches = ok(
        client.get(f"{V1}/audit?action=screen&agency=ma-ncb", headers=users["sec.compliance"])
    )
    assert [(e["actor"], e["purpose"]) for e in searches] == [("ma.officer", PURPOSE)]
    assert searches[0]["targets"] == ["DZ-NCB/dz-p-1"]
    assert searches[0]["detail"]["query"] == {"id": "search", "name": NAME}
    [read] = ok(
        client.get(f"{V1}/audit?action=audit_read&limit=1", headers=users["sec.compliance"])
    )
    assert read["detail"]["filters"] == {"action": "screen", "agency": "MA-NCB"}
    error(client.get(f"{V1}/audit", headers=users["dz.officer"]), 403)
    assert app.audit.verify(OPERATOR).ok


def test_bad_input_changes_nothing(client: TestClient, users: dict[str, dict[str, str]]) -> None:
    dz = users["dz.bureau"]
    create(client, dz)
    create(client, dz, external_id="dz-p-2", sharing={"visibility": "hit_only"})
    before = ok(client.get(f"{RECORD}/sharing", headers=dz))
    bad_rules = [
        {"subject": "member", "code": "ZZ", "level": "full"},
        {"subject": "region", "code": "NOWHERE", "level": "full"},
        {"subject": "agency", "code": "XX-NCB", "level": "none"},
    ]
    body = error(client.put(f"{RECORD}/sharing", json={"rules": bad_rules}, headers=dz), 422)
    assert [f["loc"] for f in body["fields"]] == [
        ["body", "rules", index, "code"] for index in range(3)
    ]
    assert "NOWHERE" in body["fields"][1]["message"]
    assert ok(client.get(f"{RECORD}/sharing", headers=dz)) == before
    bad_level = {"rules": [{"subject": "planet", "code": "MARS", "level": "full"}]}
    error(client.put(f"{RECORD}/sharing", json=bad_level, headers=dz), 422)
    both = {"rules": [], "use_agency_defaults": True}
    body = error(client.put(f"{RECORD}/sharing", json=both, headers=dz), 422)
    assert body["fields"][0]["loc"] == ["body", "use_agency_defaults"]
    audit = ok(client.get(f"{V1}/audit?action=rule_change", headers=users["sec.compliance"]))
    assert audit == []

    ma = users["ma.officer"]
    for url in (
        f"{V1}/search?name=x&purpose=gossip",
        f"{V1}/records?purpose=gossip",
        RECORD + "?purpose=gossip",
    ):
        body = error(client.get(url, headers=ma), 422)
        assert body["fields"][0]["loc"] == ["query", "purpose"]
    body = error(client.get(f"{V1}/search?name=x", headers=ma), 422)
    assert body["fields"][0]["loc"] == ["query", "purpose"]
    ask = {"reason": "our case", "purpose": "gossip"}
    body = error(
        client.post(f"{V1}/records/DZ-NCB/dz-p-2/release-requests", json=ask, headers=ma), 422
    )
    assert body["fields"][0]["loc"] == ["body", "purpose"]

    ask = {"reason": "our case", "purpose": PURPOSE}
    error(client.post(f"{V1}/records/DZ-NCB/nope/release-requests", json=ask, headers=ma), 404)
    error(client.post(f"{RECORD}/release-requests", json=ask, headers=ma), 409)  # seen in full
    empty = {"reason": "  ", "purpose": PURPOSE}
    body = error(
        client.post(f"{V1}/records/DZ-NCB/dz-p-2/release-requests", json=empty, headers=ma), 422
    )
    assert body["fields"][0]["loc"] == ["body", "reason"]
    asked = ok(
        client.post(f"{V1}/records/DZ-NCB/dz-p-2/release-requests", json=ask, headers=ma), 201
    )
    error(client.post(f"{V1}/records/DZ-NCB/dz-p-2/release-requests", json=ask, headers=ma), 409)
    decision = {"release": False}
    error(
        client.post(f"{V1}/release-requests/{asked['id']}/decision", json=decision, headers=ma), 403
    )
    error(
        client.post(
            f"{V1}/release-requests/{asked['id']}/decision",
            json=decision,
            headers=users["eg.officer"],
        ),
        404,
    )

    # another agency's bureau: 404 where the record is hidden from it, 403 where visible
    other = users["ma.bureau"]
    rules = {"visibility": "full"}
    error(client.put(f"{V1}/records/DZ-NCB/dz-p-2/sharing", json=rules, headers=other), 404)
    error(client.get(f"{V1}/records/DZ-NCB/dz-p-2/sharing", headers=other), 404)
    error(client.put(f"{RECORD}/sharing", json=rules, headers=other), 403)
    error(client.put(f"{RECORD}/sharing", json=rules, headers=users["dz.officer"]), 403)
    error(client.get(f"{V1}/agencies/DZ-NCB/sharing", headers=other), 403)
    defaults = {"default_visibility": "none"}
    error(client.put(f"{V1}/agencies/DZ-NCB/sharing", json=defaults, headers=other), 403)

    for renewal in ({}, {"reason": ""}):
        body = error(client.post(f"{RECORD}/renew", json=renewal, headers=dz), 422)
        assert body["fields"][0]["loc"] == ["body", "reason"]
    error(client.post(f"{RECORD}/renew", json={"reason": "open case"}, headers=other), 403)


def test_purposes_and_agency_defaults(client: TestClient, users: dict[str, dict[str, str]]) -> None:
    dz, ma = users["dz.bureau"], users["ma.officer"]
    create(client, dz)
    limited = ok(
        client.put(f"{RECORD}/sharing", json={"purposes": ["counter-terrorism"]}, headers=dz)
    )
    assert limited["purposes"] == ["counter-terrorism"] and limited["own_rules"] is False
    error(client.get(RECORD, headers=ma), 404)
    assert ok(client.get(RECORD + "?purpose=counter-terrorism", headers=ma))["owner"] == "DZ-NCB"
    assert ok(client.get(f"{V1}/records?purpose=counter-terrorism", headers=ma))["total"] == 1
    assert ok(client.get(f"{V1}/records?purpose=border-control", headers=ma))["total"] == 0
    assert search(client, ma)["results"] == []
    unchanged = ok(client.put(f"{RECORD}/sharing", json={"visibility": "full"}, headers=dz))
    assert unchanged["purposes"] == ["counter-terrorism"]
    cleared = ok(client.put(f"{RECORD}/sharing", json={"purposes": []}, headers=dz))
    assert cleared["purposes"] is None
    assert ok(client.get(RECORD, headers=ma))["owner"] == "DZ-NCB"

    defaults = ok(client.get(f"{V1}/agencies/DZ-NCB/sharing", headers=dz))
    assert defaults == {
        "agency": "DZ-NCB",
        "default_visibility": "full",
        "secretariat_access": True,
        "rules": [],
    }
    deny_ma = {"rules": [{"subject": "member", "code": "ma", "level": "none"}]}
    changed = ok(client.put(f"{V1}/agencies/DZ-NCB/sharing", json=deny_ma, headers=dz))
    assert changed["rules"] == [{"subject": "member", "code": "MA", "level": "none"}]
    error(client.get(RECORD, headers=ma), 404)
    assert ok(client.get(RECORD, headers=users["tn.officer"]))["owner"] == "DZ-NCB"
    own = ok(client.put(f"{RECORD}/sharing", json={"rules": []}, headers=dz))
    assert own["own_rules"] is True and own["rules"] == []
    assert ok(client.get(RECORD, headers=ma))["owner"] == "DZ-NCB"
    back = ok(client.put(f"{RECORD}/sharing", json={"use_agency_defaults": True}, headers=dz))
    assert back["own_rules"] is False and back["rules"] == changed["rules"]
    error(client.get(RECORD, headers=ma), 404)


def test_retention_due_and_renewal(
    app: Tabadul, client: TestClient, users: dict[str, dict[str, str]]
) -> None:
    dz, ma = users["dz.bureau"], users["ma.officer"]
    create(client, dz)
    create(client, dz, external_id="dz-p-2")
    assert ok(client.get(f"{V1}/retention", headers=dz)) == []
    with app.transaction() as session:
        row = session.scalar(select(Record).where(Record.external_id == "dz-p-1"))
        assert row is not None
        row.review_date = date(2000, 1, 1)
    [due] = ok(client.get(f"{V1}/retention", headers=dz))
    assert due == {
        "owner": "DZ-NCB",
        "record_id": "dz-p-1",
        "kind": "person",
        "review_date": "2000-01-01",
        "overdue": True,
    }
    assert ok(client.get(f"{V1}/retention", headers=ma)) == []
    assert ok(client.get(f"{V1}/retention?agency=DZ-NCB", headers=users["sec.compliance"])) == [due]
    error(client.get(RECORD, headers=ma), 404)
    assert ok(client.get(RECORD, headers=users["dz.officer"]))["external_id"] == "dz-p-1"

    renewed = ok(client.post(f"{RECORD}/renew", json={"reason": "case still open"}, headers=dz))
    assert date.fromisoformat(renewed["review_date"]).year == datetime.now(UTC).year + 5
    assert ok(client.get(RECORD, headers=ma))["external_id"] == "dz-p-1"
    assert ok(client.get(f"{V1}/retention", headers=dz)) == []
    ahead = ok(client.get(f"{V1}/retention?within_days=3650", headers=dz))
    assert [(d["record_id"], d["overdue"]) for d in ahead] == [("dz-p-1", False), ("dz-p-2", False)]
    error(client.get(f"{V1}/retention?within_days=-1", headers=dz), 422)
    [entry] = ok(client.get(f"{V1}/audit?action=record_renew", headers=users["sec.compliance"]))
    assert (
        entry["detail"]["reason"] == "case still open" and entry["detail"]["from"] == "2000-01-01"
    )


def test_audit_filters_by_time_and_pages(
    app: Tabadul, client: TestClient, users: dict[str, dict[str, str]]
) -> None:
    compliance = users["sec.compliance"]
    create(client, users["dz.bureau"])
    logins = ok(client.get(f"{V1}/audit?action=login", headers=compliance))
    assert len(logins) == len(users)
    newest = logins[0]["at"]
    since = ok(
        client.get(f"{V1}/audit", params={"action": "login", "since": newest}, headers=compliance)
    )
    assert since == [logins[0]]
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    assert ok(client.get(f"{V1}/audit", params={"until": past}, headers=compliance)) == []
    page = ok(client.get(f"{V1}/audit?action=login&offset=1&limit=2", headers=compliance))
    assert page == logins[1:3]
    body = error(
        client.get(f"{V1}/audit", params={"since": newest, "until": past}, headers=compliance), 422
    )
    assert body["fields"][0]["loc"] == ["query", "until"]
    error(client.get(f"{V1}/audit?action=nonsense", headers=compliance), 422)
    today = datetime.now(UTC).date().isoformat()
    assert ok(client.get(f"{V1}/audit", params={"until": today}, headers=compliance))  # all day
    bad = error(
        client.get(
            f"{V1}/audit", params={"since": "1985-13-45", "until": "soon"}, headers=compliance
        ),
        422,
    )
    assert [f["loc"] for f in bad["fields"]] == [["query", "since"], ["query", "until"]]
    assert "'1985-13-45' is not a time; use YYYY-MM-DD" in bad["fields"][0]["message"]
    assert ok(client.get(f"{V1}/audit?actor=DZ.BUREAU&action=record_create", headers=compliance))[
        0
    ]["targets"] == ["DZ-NCB/dz-p-1"]
    admin = login(client, "sec.admin")
    assert ok(client.get(f"{V1}/audit?limit=1", headers=admin))
    error(client.get(f"{V1}/audit", headers=users["ma.bureau"]), 403)
    # a member agency's administrator reads its own agency's entries only
    app.directory.add_user(
        viewer=OPERATOR, login="dz.admin", agency="DZ-NCB", role=Role.ADMIN, password=PASSWORD
    )
    own = ok(client.get(f"{V1}/audit", headers=login(client, "dz.admin")))
    assert own and {e["agency"] for e in own} == {"DZ-NCB"}
    assert ok(client.get(f"{V1}/audit?agency=MA-NCB", headers=login(client, "dz.admin"))) == []


def test_openapi_documents_the_hit_only_shape(client: TestClient) -> None:
    spec = client.get(f"{V1}/openapi.json").json()
    for path in (
        "/search",
        "/records/{owner}/{external_id}/sharing",
        "/agencies/{code}/sharing",
        "/records/{owner}/{external_id}/release-requests",
        "/release-requests/{request_id}/decision",
        "/notifications",
        "/hits/{hit_id}/outcome",
        "/retention",
        "/records/{owner}/{external_id}/renew",
        "/audit",
    ):
        assert V1 + path in spec["paths"], path
    hit_only = spec["components"]["schemas"]["HitOnlyResult"]
    assert set(hit_only["properties"]) == HIT_ONLY_KEYS
