"""The bureau's pages: its records, their sharing with a preview of who will see what,
hits on its records, release requests and records due for review — each for the roles
it serves, none showing what the rules hide, bad input refused with nothing changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from tabadul.domain.enums import Purpose
from tabadul.domain.enums import Visibility as V
from tabadul.service import Tabadul
from tabadul.service.sharing import RuleIn
from tabadul.store.tables import AuditEvent, Record, ReleaseRequest
from tabadul.web.routes import bureau
from tests.factory import OPERATOR, group, person
from tests.web.conftest import WebClient

DZ = "DZ-NCB"
NAME = "Youcef Ben Amrani"
SHARING = "/bureau/sharing/DZ-NCB/dz-p-1"
RECORD = "/records/DZ-NCB/dz-p-1"
LISTS = ["/bureau/records", "/bureau/notifications", "/bureau/releases", "/bureau/retention"]

Browser = Callable[[str], WebClient]


def save_dz(app: Tabadul, *records: object) -> None:
    for record in records:
        app.records.save(OPERATOR, record, owner=DZ, create=True)  # type: ignore[arg-type]


def audit_count(app: Tabadul) -> int:
    with app.transaction() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def rule_changes(app: Tabadul) -> int:
    with app.transaction() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "rule_change")
            )
            or 0
        )


def sharing_form(**changes: object) -> dict[str, object]:
    """The sharing form of a record under the default rules, as a browser sends it."""
    form: dict[str, object] = {
        "action": "preview",
        "visibility": "full",
        "rules_from": "own",
        "rule_subject": ["agency"],
        "rule_code": [""],
        "rule_level": ["full"],
    }
    form.update(changes)
    return form


def make_due(app: Tabadul, external_id: str, days: int = -1) -> None:
    """Move a record's review date ``days`` from today (past: overdue)."""
    with app.transaction() as session:
        session.execute(
            update(Record)
            .where(Record.external_id == external_id)
            .values(review_date=app.today() + timedelta(days=days))
        )


def review_date(app: Tabadul, external_id: str) -> object:
    with app.transaction() as session:
        return session.scalar(select(Record.review_date).where(Record.external_id == external_id))


def screen(web: WebClient, name: str = NAME) -> str:
    answer = web.post("/screen", {"name": name, "purpose": "border-control"}, form_page="/screen")
    assert answer.status_code == 200, answer.text
    return answer.text


# -- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", LISTS)
def test_every_bureau_page_renders_for_a_bureau_officer(
    app: Tabadul, browser_for: Browser, path: str
) -> None:
    save_dz(app, person("dz-p-1", NAME))
    page = browser_for("dz.bureau").get(path)
    assert page.status_code == 200, page.text
    assert f'href="{path}" aria-current="page"' in page.text


def test_an_officer_reads_requests_but_not_notifications(
    app: Tabadul, browser_for: Browser
) -> None:
    web = browser_for("dz.officer")
    assert web.get("/bureau/releases").status_code == 200
    assert web.get("/bureau/notifications").status_code == 403


def test_the_secretariats_admin_lists_its_own_records(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    page = browser_for("sec.admin").get("/bureau/records")
    assert page.status_code == 200
    assert "dz-p-1" not in page.text  # the secretariat's own, not DZ's
    assert "has no records yet" in page.text


# -- our records ---------------------------------------------------------------------------


def test_our_records_lists_the_agencys_records(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME, handling_code="H2"), group("dz-g-1", "Sand Vipers"))
    app.records.save(OPERATOR, person("ma-p-1", "Karim Zeroual"), owner="MA-NCB", create=True)
    page = browser_for("dz.bureau").get("/bureau/records").text
    rows = re.findall(r'<tr data-record="([^"]+)">(.*?)</tr>', page, re.S)
    assert [r for r, _ in rows] == ["DZ-NCB/dz-p-1", "DZ-NCB/dz-g-1"]
    first = rows[0][1]
    assert "person" in first and NAME in first and "dz-p-1" in first
    assert 'class="handling handling-h2"' in first and "full record" in first
    assert f'href="{RECORD}"' in first and f'href="{SHARING}"' in first
    assert "Karim Zeroual" not in page


def test_our_records_filters_by_name_and_pages(
    app: Tabadul, browser_for: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bureau, "PAGE_SIZE", 2)
    save_dz(
        app,
        *(person(f"dz-p-{i}", f"Person Number{i}") for i in range(1, 6)),
        person("dz-x-1", NAME, aliases=("يوسف بن عمراني",)),
    )
    web = browser_for("dz.bureau")
    found = web.get("/bureau/records", params={"q": "عمراني"}).text
    assert "dz-x-1" in found and "dz-p-1" not in found
    first = web.get("/bureau/records").text
    assert "Page 1 of 3" in first and "dz-p-1" in first and "dz-p-3" not in first
    assert 'href="/bureau/records?page=2"' in first
    second = web.get("/bureau/records", params={"page": "2"}).text
    assert "dz-p-3" in second and "dz-p-1" not in second
    assert 'href="/bureau/records?page=1"' in second
    filtered = web.get("/bureau/records", params={"q": "number", "page": "2"}).text
    assert 'href="/bureau/records?page=3&amp;q=number"' in filtered
    none = web.get("/bureau/records", params={"q": "Nobody At All"}).text
    assert "No record of your agency has this name." in none
    assert web.get("/bureau/records", params={"page": "0"}).status_code == 422


# -- sharing -------------------------------------------------------------------------------


def test_the_sharing_form_shows_the_records_sharing(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    app.sharing.set_record(
        OPERATOR,
        owner=DZ,
        external_id="dz-p-1",
        visibility=V.HIT_ONLY,
        rules=[RuleIn(subject="agency", code="MA-NCB", level=V.FULL)],
        purposes=[Purpose.COUNTER_TERRORISM],
    )
    page = browser_for("dz.bureau").get(SHARING).text
    assert re.search(r'<option value="hit_only" selected>', page)
    assert re.search(r'id="rules-own" name="rules_from" value="own" checked', page)
    assert 'id="rule-0-code" name="rule_code" value="MA-NCB"' in page
    assert 'id="rule-0-remove" name="rule_remove" value="0"' in page
    assert '<tr class="new-rule">' in page and 'id="rule-1-code"' in page
    assert re.search(r'name="purposes" value="counter-terrorism" checked', page)
    assert 'name="action" value="preview"' in page and 'name="action" value="save"' in page


def test_preview_lists_every_agency_and_changes_nothing(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    web = browser_for("dz.bureau")
    before, entries = app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1"), audit_count(app)
    answer = web.post(
        SHARING,
        sharing_form(rule_code=["MA-NCB"], rule_level=["none"]),
        form_page=SHARING,
    )
    assert answer.status_code == 200, answer.text
    table = re.search(r'<table id="who-sees-what">(.*?)</table>', answer.text, re.S)
    assert table
    rows = dict(re.findall(r'<tr data-agency="([^"]+)"([^>]*)>', table.group(1)))
    assert set(rows) == {a.code for a in app.directory.agencies()}
    assert rows["MA-NCB"] == ' class="changed"' and rows["DZ-NCB"] == ""
    ma_row = re.search(r'data-agency="MA-NCB".*?</tr>', table.group(1), re.S)
    assert ma_row and "<mark>nothing</mark>" in ma_row.group(0)
    # the form comes back as it was filled, and nothing was stored
    assert 'id="rule-0-code" name="rule_code" value="MA-NCB"' in answer.text
    assert app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1") == before
    assert audit_count(app) == entries
    assert browser_for("ma.officer").get(RECORD).status_code == 200


def test_saving_changes_what_another_agency_sees(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    ma = browser_for("ma.officer")
    assert ma.get(RECORD).status_code == 200
    web = browser_for("dz.bureau")
    answer = web.post(SHARING, sharing_form(action="save", visibility="none"), form_page=SHARING)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{SHARING}?notice=sharing-saved"
    assert "The sharing is saved" in web.get(answer.headers["location"]).text
    assert ma.get(RECORD).status_code == 404
    assert all("dz-p-1" not in ma.get(path).text for path in ["/hits", "/bureau/releases"])
    # and back, through the agency defaults
    web.post(
        SHARING,
        sharing_form(action="save", visibility="full", rules_from="defaults"),
        form_page=SHARING,
    )
    sharing = app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1")
    assert (sharing.visibility, sharing.own_rules) == (V.FULL, False)
    assert ma.get(RECORD).status_code == 200


def test_rules_are_added_and_removed_by_their_rows(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    web = browser_for("dz.bureau")
    web.post(
        SHARING,
        sharing_form(
            action="save",
            rule_subject=["agency", "member"],
            rule_code=["MA-NCB", "ma"],
            rule_level=["none", "hit_only"],
        ),
        form_page=SHARING,
    )
    rules = app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1").rules
    assert [str(r) for r in rules] == ["none:agency:MA-NCB", "hit_only:member:MA"]
    web.post(
        SHARING,
        sharing_form(
            action="save",
            rule_subject=["agency", "member", "region"],
            rule_code=["MA-NCB", "MA", ""],
            rule_level=["none", "hit_only", "full"],
            rule_remove=["0"],
        ),
        form_page=SHARING,
    )
    rules = app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1").rules
    assert [str(r) for r in rules] == ["hit_only:member:MA"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"visibility": "everyone"}, "visibility"),
        ({"rule_code": ["XX-NOPE"]}, "rule-0-code"),
        ({"rule_subject": ["planet"], "rule_code": ["MA-NCB"]}, "rule-0-subject"),
        ({"rule_level": ["most"], "rule_code": ["MA-NCB"]}, "rule-0-level"),
        ({"rule_code": ["M"]}, "rule-0-code"),
        ({"rules_from": "elsewhere"}, "rules_from"),
        ({"purposes": ["curiosity"]}, "purposes"),
        ({"action": "publish"}, "action"),
        ({"action": "preview", "visibility": "everyone"}, "visibility"),
        ({"action": "preview", "rule_code": ["XX-NOPE"]}, "rule-0-code"),
    ],
)
def test_bad_sharing_input_names_the_field_and_changes_nothing(
    app: Tabadul, browser_for: Browser, changes: dict[str, object], field: str
) -> None:
    save_dz(app, person("dz-p-1", NAME))
    web = browser_for("dz.bureau")
    before, entries = app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1"), audit_count(app)
    answer = web.post(SHARING, sharing_form(**{"action": "save", **changes}), form_page=SHARING)
    assert answer.status_code == 422, answer.text
    assert f'id="{field}-error"' in answer.text
    assert "Nothing was changed" in answer.text
    assert 'id="who-sees-what"' not in answer.text
    assert app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1") == before
    assert audit_count(app) == entries


def test_an_unknown_code_is_named_on_its_own_row(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    answer = browser_for("dz.bureau").post(
        SHARING,
        sharing_form(
            action="save",
            rule_subject=["agency", "agency", "region"],
            rule_code=["", "MA-NCB", "NOWHERE"],
            rule_level=["full", "none", "full"],
        ),
        form_page=SHARING,
    )
    assert answer.status_code == 422
    assert 'id="rule-2-code-error"' in answer.text and "NOWHERE" in answer.text
    assert 'id="rule-1-code-error"' not in answer.text
    assert rule_changes(app) == 0


def test_another_agency_cannot_open_the_sharing(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME), person("dz-p-2", "Amina Kaci", visibility="none"))
    web = browser_for("ma.officer")
    assert web.get(SHARING).status_code in (403, 404)
    hidden = web.get("/bureau/sharing/DZ-NCB/dz-p-2")
    assert hidden.status_code == 404 and "Amina" not in hidden.text
    assert browser_for("ma.bureau").get(SHARING).status_code in (403, 404)
    refused = browser_for("ma.bureau").post(
        SHARING, sharing_form(action="save", visibility="none"), form_page="/bureau/records"
    )
    assert refused.status_code in (403, 404)
    assert app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1").visibility is V.FULL


def test_an_officer_of_the_owner_reads_but_cannot_change(
    app: Tabadul, browser_for: Browser
) -> None:
    save_dz(app, person("dz-p-1", NAME))
    web = browser_for("dz.officer")
    page = web.get(SHARING)
    assert page.status_code == 200 and '<fieldset class="stack" disabled>' in page.text
    answer = web.post(SHARING, sharing_form(action="save", visibility="none"), form_page=SHARING)
    assert answer.status_code == 403
    assert app.sharing.get(OPERATOR, owner=DZ, external_id="dz-p-1").visibility is V.FULL


# -- hits on our records -------------------------------------------------------------------


def test_notifications_show_hits_on_our_records(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    empty = browser_for("dz.bureau").get("/bureau/notifications").text
    assert "No hits on your records yet." in empty
    screen(browser_for("ma.officer"))
    page = browser_for("dz.bureau").get("/bureau/notifications").text
    row = re.search(r'<tr data-hit="\d+">(.*?)</tr>', page, re.S)
    assert row, page
    assert f'href="{RECORD}"' in row.group(1)
    assert "MA-NCB" in row.group(1) and "border control" in row.group(1)
    assert "%" in row.group(1) and "not yet confirmed" in row.group(1)
    # MA's bureau is told of hits on MA's records only
    assert "dz-p-1" not in browser_for("ma.bureau").get("/bureau/notifications").text


# -- release requests ----------------------------------------------------------------------


def _requested(app: Tabadul, browser_for: Browser) -> int:
    save_dz(app, person("dz-p-1", NAME, visibility="hit_only"))
    request = app.releases.request(
        app.directory.viewer("ma.officer"),
        owner=DZ,
        external_id="dz-p-1",
        reason="Traveller at Oujda, case 2024-17",
        purpose=Purpose.BORDER_CONTROL,
    )
    return request.id


def release_status(app: Tabadul, request_id: int) -> str | None:
    with app.transaction() as session:
        return session.scalar(select(ReleaseRequest.status).where(ReleaseRequest.id == request_id))


def test_a_bureau_answers_a_release_request(app: Tabadul, browser_for: Browser) -> None:
    request_id = _requested(app, browser_for)
    ma = browser_for("ma.officer")
    assert ma.get(RECORD).status_code == 404
    web = browser_for("dz.bureau")
    page = web.get("/bureau/releases").text
    item = re.search(rf'<li class="result" id="request-{request_id}".*?</li>', page, re.S)
    assert item
    assert "MA-NCB" in item.group(0) and "Traveller at Oujda" in item.group(0)
    assert f'action="/bureau/releases/{request_id}/decide"' in item.group(0)
    assert 'value="release"' in item.group(0) and 'value="refuse"' in item.group(0)
    answer = web.post(
        f"/bureau/releases/{request_id}/decide",
        {"decision": "release", "note": "for case 2024-17 only"},
        form_page="/bureau/releases",
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/bureau/releases?notice=release-released"
    assert release_status(app, request_id) == "released"
    assert ma.get(RECORD).status_code == 200
    mine = ma.get("/bureau/releases").text
    by_us = re.search(r'<section id="by-us">(.*?)</section>', mine, re.S)
    assert by_us and "released" in by_us.group(1) and f'href="{RECORD}"' in by_us.group(1)
    assert "for case 2024-17 only" in by_us.group(1)


def test_pending_requests_come_first(app: Tabadul, browser_for: Browser) -> None:
    first = _requested(app, browser_for)
    app.releases.decide(app.directory.viewer("dz.bureau"), first, release=False)
    save_dz(app, person("dz-p-2", "Amina Kaci", visibility="hit_only"))
    second = app.releases.request(
        app.directory.viewer("ma.officer"),
        owner=DZ,
        external_id="dz-p-2",
        reason="Second case",
        purpose=Purpose.BORDER_CONTROL,
    ).id
    page = browser_for("dz.bureau").get("/bureau/releases").text
    assert page.index(f'id="request-{second}"') < page.index(f'id="request-{first}"')
    assert page.count("/decide") == 1  # only the pending one has a form


def test_an_officer_sees_requests_without_the_decision_form(
    app: Tabadul, browser_for: Browser
) -> None:
    request_id = _requested(app, browser_for)
    web = browser_for("dz.officer")
    page = web.get("/bureau/releases").text
    assert "Traveller at Oujda" in page and "/decide" not in page
    answer = web.post(
        f"/bureau/releases/{request_id}/decide",
        {"decision": "release"},
        form_page="/bureau/releases",
    )
    assert answer.status_code == 403
    assert release_status(app, request_id) == "pending"


def test_an_unknown_decision_is_named_and_changes_nothing(
    app: Tabadul, browser_for: Browser
) -> None:
    request_id = _requested(app, browser_for)
    web = browser_for("dz.bureau")
    entries = audit_count(app)
    answer = web.post(
        f"/bureau/releases/{request_id}/decide",
        {"decision": "maybe", "note": "typed note"},
        form_page="/bureau/releases",
    )
    assert answer.status_code == 422
    assert 'id="decision-error"' in answer.text and "typed note" in answer.text
    assert release_status(app, request_id) == "pending"
    assert audit_count(app) == entries


# -- retention -----------------------------------------------------------------------------


def test_retention_lists_due_records_and_renews_them(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME), person("dz-p-2", "Amina Kaci"))
    web = browser_for("dz.bureau")
    assert "No record is due for review." in web.get("/bureau/retention").text
    make_due(app, "dz-p-1")
    page = web.get("/bureau/retention").text
    row = re.search(r'<tr data-record="DZ-NCB/dz-p-1">(.*?)</tr>', page, re.S)
    assert row and "overdue" in row.group(1)
    assert 'name="reason"' in row.group(1) and 'name="record_id" value="dz-p-1"' in row.group(1)
    assert "dz-p-2" not in page
    answer = web.post(
        "/bureau/retention/renew",
        {"owner": DZ, "record_id": "dz-p-1", "reason": "Case still open"},
        form_page="/bureau/retention",
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/bureau/retention?notice=renewed"
    assert review_date(app, "dz-p-1") > app.today() + timedelta(days=365)  # type: ignore[operator]
    assert "dz-p-1" not in web.get("/bureau/retention").text


def test_an_empty_renewal_reason_is_named_and_changes_nothing(
    app: Tabadul, browser_for: Browser
) -> None:
    save_dz(app, person("dz-p-1", NAME))
    make_due(app, "dz-p-1")
    web = browser_for("dz.bureau")
    due, entries = review_date(app, "dz-p-1"), audit_count(app)
    answer = web.post(
        "/bureau/retention/renew",
        {"owner": DZ, "record_id": "dz-p-1", "reason": "   "},
        form_page="/bureau/retention",
    )
    assert answer.status_code == 422
    assert 'id="reason-error"' in answer.text
    assert review_date(app, "dz-p-1") == due
    assert audit_count(app) == entries


def test_another_agency_cannot_renew(app: Tabadul, browser_for: Browser) -> None:
    save_dz(app, person("dz-p-1", NAME))
    make_due(app, "dz-p-1", days=3)
    due = review_date(app, "dz-p-1")
    answer = browser_for("ma.bureau").post(
        "/bureau/retention/renew",
        {"owner": DZ, "record_id": "dz-p-1", "reason": "mine now"},
        form_page="/bureau/retention",
    )
    assert answer.status_code in (403, 404)
    assert review_date(app, "dz-p-1") == due


# -- nothing hidden anywhere ---------------------------------------------------------------


def test_a_hidden_record_is_absent_from_every_list(app: Tabadul, browser_for: Browser) -> None:
    secret = "Karim Zeroual"
    save_dz(app, person("dz-secret-1", secret, visibility="none"))
    make_due(app, "dz-secret-1", days=3)
    screen(browser_for("ma.officer"), secret)  # finds nothing: no hit, no trace
    screen(browser_for("dz.officer"), secret)  # the owner's own hit
    for login in ("ma.bureau", "ma.officer"):
        web = browser_for(login)
        for path in [*LISTS, "/bureau/records?q=Karim", "/hits"]:
            answer = web.get(path)
            assert answer.status_code in (200, 403), (login, path)
            for trace in ("dz-secret-1", "Zeroual"):
                assert trace not in answer.text, (login, path, trace)
        assert web.get("/records/DZ-NCB/dz-secret-1").status_code == 404
    # the owner's bureau sees it in its lists
    dz = browser_for("dz.bureau")
    assert "dz-secret-1" in dz.get("/bureau/records").text
    assert "dz-secret-1" in dz.get("/bureau/retention").text
