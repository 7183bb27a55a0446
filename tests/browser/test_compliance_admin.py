"""The compliance officer's audit trail (filtered, verified intact) and the
administrator's users and agencies."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.live import DEMO_LOGINS


def test_compliance_filters_the_audit_trail_and_verifies_it(
    logged_in: Callable[[str], Page],
) -> None:
    compliance = logged_in("compliance")
    compliance.goto("/compliance/audit")
    expect(compliance.locator("#audit-entries tbody tr").first).to_be_visible()

    filters = compliance.locator("#audit-filters")
    filters.locator("#action").select_option("login")
    filters.locator("#actor").fill("compliance")
    with compliance.expect_navigation():
        filters.locator("button[type=submit]").click()
    assert "action=login" in compliance.url
    rows = compliance.locator("#audit-entries tbody tr")
    expect(rows.first).to_be_visible()
    actions = rows.evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert actions and set(actions) == {"login"}, actions
    expect(rows.first).to_contain_text("compliance")
    # the filters stay as chosen
    expect(compliance.locator("#action")).to_have_value("login")

    compliance.goto("/compliance/verify")
    with compliance.expect_navigation():
        compliance.locator("#verify-form button[type=submit]").click()
    result = compliance.locator("#verify-result")
    expect(result).to_have_attribute("data-intact", "true")
    expect(result).to_have_text("Intact")


def test_a_wrong_date_filter_names_its_field(logged_in: Callable[[str], Page]) -> None:
    compliance = logged_in("compliance")
    answer = compliance.goto("/compliance/audit?since=last+week")
    assert answer is not None and answer.status == 422
    expect(compliance.locator("#since")).to_have_attribute("aria-invalid", "true")
    expect(compliance.locator("#since-error")).to_be_visible()
    expect(compliance.locator("#audit-entries")).to_have_count(0)


def test_admin_sees_users_and_agencies_and_adds_a_user(
    logged_in: Callable[[str], Page], new_context: Callable[[], BrowserContext]
) -> None:
    admin = logged_in("admin")
    admin.goto("/admin/users")
    table = admin.locator("#users-table")
    for login, _password in DEMO_LOGINS.values():
        expect(table.locator(f"tr[data-login='{login}']")).to_have_count(1)

    admin.goto("/admin/agencies")
    agencies = admin.locator("#agencies-table")
    for code in ("DZ-NCB", "MA-NCB", "ORG-SEC"):
        expect(agencies.locator(f"tr[data-agency='{code}']")).to_have_count(1)
    expect(agencies.locator("tr[data-agency='DZ-NCB'] .handling")).to_have_count(1)

    # a new user, with a password made by tabadul and shown once, that works
    admin.goto("/admin/users")
    form = admin.locator("#add-user-form")
    form.locator("#login").fill("ma.officer2")
    form.locator("#agency").select_option("MA-NCB")
    form.locator("#role").select_option("officer")
    with admin.expect_navigation():
        form.locator("button[type=submit]").click()
    password = admin.locator("#new-password").inner_text().strip()
    assert len(password) >= 12
    expect(admin.locator("#users-table tr[data-login='ma.officer2']")).to_have_count(1)
    admin.goto("/admin/users")
    expect(admin.locator("#new-password")).to_have_count(0)

    newcomer = new_context().new_page()
    newcomer.goto("/login")
    newcomer.locator("#login").fill("ma.officer2")
    newcomer.locator("#password").fill(password)
    with newcomer.expect_navigation():
        newcomer.locator("form[action='/login'] button[type=submit]").click()
    expect(newcomer.locator("header .who")).to_contain_text("ma.officer2")


def test_other_roles_do_not_reach_compliance_and_admin_pages(
    logged_in: Callable[[str], Page],
) -> None:
    officer = logged_in("officer")
    for path in ("/admin/users", "/admin/agencies", "/compliance/audit", "/compliance/verify"):
        answer = officer.goto(path)
        assert answer is not None and answer.status == 403, path
        expect(officer.locator("#users-table, #agencies-table, #audit-entries")).to_have_count(0)
    expect(
        officer.locator("header nav a[href^='/admin'], header nav a[href^='/compliance']")
    ).to_have_count(0)
