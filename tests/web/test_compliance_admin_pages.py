"""The compliance pages (audit trail, verify, retention) and the administration pages
(users, agencies), through their HTTP forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from tabadul.service import Tabadul
from tabadul.store.tables import Agency, AuditEvent, Record, User
from tests.factory import OPERATOR, person
from tests.web.conftest import WebClient

Browser = Callable[[str], WebClient]


def count(app: Tabadul, table: type) -> int:
    with app.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def entry_rows(html: str) -> list[str]:
    """The action of each entry the audit table shows, in order."""
    return re.findall(r'<tr data-entry="\d+" data-action="([a-z_]+)">', html)


# -- who may open them ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/compliance/audit",
        "/compliance/verify",
        "/compliance/retention",
        "/admin/users",
        "/admin/agencies",
    ],
)
def test_an_officer_may_not_open_them(browser_for: Browser, url: str) -> None:
    answer = browser_for("dz.officer").get(url)
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]


def test_the_compliance_officer_may_not_administer(browser_for: Browser) -> None:
    web = browser_for("sec.compliance")
    assert web.get("/admin/users").status_code == 403
    assert web.get("/admin/agencies").status_code == 403
    assert web.get("/compliance/audit").status_code == 200


def test_a_bureau_may_not_verify_or_create(app: Tabadul, browser_for: Browser) -> None:
    web = browser_for("dz.bureau")
    users = count(app, User)
    created = web.post("/admin/users", {"login": "x.new", "agency": "DZ-NCB", "role": "officer"})
    assert created.status_code == 403
    assert count(app, User) == users
    assert web.post("/compliance/verify").status_code == 403


# -- the audit trail --------------------------------------------------------------------


def test_audit_trail_filters(browser_for: Browser) -> None:
    browser_for("dz.officer")  # a login of dz.officer in the trail
    web = browser_for("sec.compliance")
    everything = web.get("/compliance/audit")
    assert everything.status_code == 200
    assert 'id="audit-entries"' in everything.text
    assert {"login", "user_create", "agency_create"} <= set(entry_rows(everything.text))
    # the action select lists every action by its label
    assert '<option value="user_create">user created</option>' in everything.text

    logins = web.get("/compliance/audit?action=login&actor=dz.officer").text
    assert entry_rows(logins) == ["login"]
    assert '<option value="login" selected>' in logins
    assert 'value="dz.officer"' in logins

    created = web.get("/compliance/audit?action=user_create").text
    assert set(entry_rows(created)) == {"user_create"} and len(entry_rows(created)) == 6

    none_yet = web.get("/compliance/audit?since=2000-01-01&until=2000-12-31").text
    assert entry_rows(none_yet) == []
    assert "No entry matches these filters" in none_yet


def test_audit_trail_pages(app: Tabadul, browser_for: Browser) -> None:
    from tabadul.audit import AuditAction, append

    with app.transaction() as session:
        for i in range(60):
            append(session, actor=f"user{i}", agency="DZ-NCB", action=AuditAction.SEARCH)
    web = browser_for("sec.compliance")
    first = web.get("/compliance/audit?action=search").text
    assert len(entry_rows(first)) == 50
    assert 'id="audit-previous"' not in first
    found = re.search(r'<a href="([^"]+)" rel="next" id="audit-next">', first)
    assert found
    assert "action=search" in found.group(1)
    second = web.get(found.group(1).replace("&amp;", "&")).text
    assert len(entry_rows(second)) == 10
    assert 'id="audit-previous"' in second and 'id="audit-next"' not in second


def test_bad_filters_name_the_field_and_keep_the_form(browser_for: Browser) -> None:
    web = browser_for("sec.compliance")
    answer = web.get("/compliance/audit?since=2026-13-45&actor=dz.officer")
    assert answer.status_code == 422
    assert 'id="since-error"' in answer.text
    assert 'value="2026-13-45"' in answer.text
    assert 'value="dz.officer"' in answer.text
    assert 'id="audit-entries"' not in answer.text
    backwards = web.get("/compliance/audit?since=2026-02-01&until=2026-01-01")
    assert backwards.status_code == 422 and 'id="until-error"' in backwards.text
    unknown = web.get("/compliance/audit?action=dance")
    assert unknown.status_code == 422 and 'id="action-error"' in unknown.text


def test_verify_shows_intact_then_the_break(app: Tabadul, browser_for: Browser) -> None:
    web = browser_for("sec.compliance")
    form = web.get("/compliance/verify")
    assert form.status_code == 200
    assert 'action="/compliance/verify"' in form.text and 'id="verify-result"' not in form.text

    intact = web.post("/compliance/verify", form_page="/compliance/verify")
    assert intact.status_code == 200
    assert re.search(r'id="verify-result" class="badge good"', intact.text)
    assert "entries checked" in intact.text

    # someone edits an entry in the database, around tabadul
    with app.transaction() as session:
        victim = session.scalar(
            select(AuditEvent.id).where(AuditEvent.action == "user_create").limit(1)
        )
        session.execute(update(AuditEvent).where(AuditEvent.id == victim).values(actor="nobody"))
    broken = web.post("/compliance/verify", form_page="/compliance/verify")
    assert broken.status_code == 200
    assert re.search(r'id="verify-result" class="badge bad"', broken.text)
    assert f"breaks at entry {victim}" in broken.text


def test_retention_across_agencies(app: Tabadul, browser_for: Browser) -> None:
    app.records.save(OPERATOR, person("dz-p-1"), owner="DZ-NCB", create=True)
    app.records.save(OPERATOR, person("ma-p-1", "Mohamed Ould Cheikh"), owner="MA-NCB", create=True)
    app.records.save(OPERATOR, person("ma-p-2", "Karim Haddad"), owner="MA-NCB", create=True)
    today = app.today()
    with app.transaction() as session:
        for external_id, review in (("dz-p-1", today - timedelta(days=3)), ("ma-p-1", today)):
            session.execute(
                update(Record).where(Record.external_id == external_id).values(review_date=review)
            )
    web = browser_for("sec.compliance")
    page = web.get("/compliance/retention").text
    assert '<section class="retention-agency" data-agency="DZ-NCB">' in page
    assert '<section class="retention-agency" data-agency="MA-NCB">' in page
    assert 'data-record="DZ-NCB/dz-p-1"' in page and 'data-record="MA-NCB/ma-p-1"' in page
    assert "ma-p-2" not in page  # reviewed in five years: not due
    assert '<span class="badge bad">overdue</span>' in page  # dz-p-1
    assert '<span class="badge">due soon</span>' in page  # ma-p-1, due today
    # personal data stays out: references only
    assert "Ould Cheikh" not in page
    assert web.get("/compliance/retention?within=7000").status_code == 422


# -- users ------------------------------------------------------------------------------


def test_an_admin_creates_a_user_who_logs_in_with_the_shown_password(
    app: Tabadul, browser_for: Browser, anonymous: WebClient
) -> None:
    web = browser_for("sec.admin")
    listing = web.get("/admin/users")
    assert listing.status_code == 200
    assert 'data-login="dz.officer"' in listing.text
    assert 'id="new-password"' not in listing.text

    answer = web.post(
        "/admin/users",
        {"login": "tn.officer", "agency": "MA-NCB", "role": "officer", "password": ""},
        form_page="/admin/users",
    )
    assert answer.status_code == 200  # the answer page itself: no redirect to carry it
    assert "location" not in answer.headers
    found = re.search(r'<code id="new-password"[^>]*>([^<]+)</code>', answer.text)
    assert found
    password = found.group(1)
    assert 'data-login="tn.officer"' in answer.text
    assert password not in web.get("/admin/users").text  # shown once

    anonymous.login("tn.officer", password)
    assert anonymous.get("/account").status_code == 200
    assert "tn.officer" in anonymous.get("/account").text


def test_an_admin_chooses_the_password(app: Tabadul, browser_for: Browser) -> None:
    web = browser_for("sec.admin")
    chosen = "a-long-enough-password"
    answer = web.post(
        "/admin/users",
        {"login": "ma.analyst", "agency": "MA-NCB", "role": "analyst", "password": chosen},
        form_page="/admin/users",
    )
    assert answer.status_code == 200
    assert 'id="user-created"' in answer.text
    assert chosen not in answer.text and 'id="new-password"' not in answer.text


@pytest.mark.parametrize(
    ("fields", "field", "status"),
    [
        ({"login": "dz.officer"}, "login", 409),
        ({"login": "Not A Login!"}, "login", 422),
        ({"password": "short"}, "password", 422),
        ({"agency": "XX-NONE"}, "agency", 422),
        ({"agency": ""}, "agency", 422),
        ({"role": "king"}, "role", 422),
    ],
)
def test_bad_user_forms_name_the_field_and_create_nothing(
    app: Tabadul, browser_for: Browser, fields: dict[str, str], field: str, status: int
) -> None:
    web = browser_for("sec.admin")
    users = count(app, User)
    data = {"login": "new.user", "agency": "DZ-NCB", "role": "officer", "password": "", **fields}
    answer = web.post("/admin/users", data, form_page="/admin/users")
    assert answer.status_code == status
    assert f'id="{field}-error"' in answer.text
    assert count(app, User) == users
    if fields.get("password"):
        assert fields["password"] not in answer.text  # a password is never sent back


# -- agencies ---------------------------------------------------------------------------


def test_an_admin_registers_an_agency(app: Tabadul, browser_for: Browser) -> None:
    web = browser_for("sec.admin")
    listing = web.get("/admin/agencies")
    assert listing.status_code == 200
    assert 'data-agency="ORG-SEC"' in listing.text
    answer = web.post(
        "/admin/agencies",
        {
            "code": "tn-ncb",
            "name": "Bureau Tunis",
            "country": "TN",
            "default_visibility": "hit_only",
            "default_handling": "H2",
        },
        form_page="/admin/agencies",
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin/agencies?notice=agency-added"
    page = web.get(answer.headers["location"]).text
    assert "The agency is registered" in page
    assert 'data-agency="TN-NCB"' in page
    info = app.directory.get_agency("TN-NCB")
    assert info.country == "TN" and info.default_handling == "H2"
    assert info.default_visibility == "hit_only" and not info.is_secretariat


@pytest.mark.parametrize(
    ("fields", "field", "status"),
    [
        ({"code": "DZ-NCB"}, "code", 409),
        ({"code": "x"}, "code", 422),
        ({"name": ""}, "name", 422),
        ({"country": ""}, "country", 422),  # a member agency needs its country
        ({"country": "ZZ"}, "country", 422),
        ({"default_handling": "H9"}, "default_handling", 422),
    ],
)
def test_bad_agency_forms_name_the_field_and_register_nothing(
    app: Tabadul, browser_for: Browser, fields: dict[str, str], field: str, status: int
) -> None:
    web = browser_for("sec.admin")
    agencies = count(app, Agency)
    data = {
        "code": "EG-NCB",
        "name": "Bureau Le Caire",
        "country": "EG",
        "default_visibility": "full",
        "default_handling": "H0",
        **fields,
    }
    answer = web.post("/admin/agencies", data, form_page="/admin/agencies")
    assert answer.status_code == status
    assert f'id="{field}-error"' in answer.text
    assert count(app, Agency) == agencies
