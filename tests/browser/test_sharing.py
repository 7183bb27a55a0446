"""A bureau's sharing decides what another agency's officer sees: hidden, then hit-only
(with a request to release), then released in full, each change visible at once in
the other role's browser. Nothing the rules hide appears, not even the name."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.live import Cast, Person
from tests.browser.test_screening import result_of, screen

OFFICER_AGENCY = "MA-NCB"


def _sharing_page(person: Person) -> str:
    return f"/bureau/sharing/{person.owner}/{person.record_id}"


def _set_visibility(
    bureau: Page,
    person: Person,
    level: str,
    *,
    preview: bool,
    after_preview: Callable[[], None] | None = None,
) -> None:
    """As the owner's bureau: every other agency sees ``level``, with no rule of the
    record's own (the agency has no default rules in the demo); preview it (then call
    ``after_preview``) and save."""
    bureau.goto(_sharing_page(person))
    form = bureau.locator("#sharing-form")
    form.locator("#visibility").select_option(level)
    form.locator("#rules-own").check()
    if preview:
        with bureau.expect_navigation():
            form.locator("button[name=action][value=preview]").click()
        table = bureau.locator("#who-sees-what")
        expect(table).to_be_visible()
        row = table.locator(f"tr[data-agency='{OFFICER_AGENCY}']")
        expect(row).to_have_count(1)
        expect(row).to_have_class(re.compile(r"\bchanged\b"))
        cells = row.locator("td")
        assert cells.nth(1).inner_text() != cells.nth(2).inner_text()
        # the form keeps what was chosen, to save it as previewed
        expect(form.locator("#visibility")).to_have_value(level)
        if after_preview is not None:
            after_preview()
    with bureau.expect_navigation():
        form.locator("button[name=action][value=save]").click()
    expect(bureau.locator("p.notice")).to_be_visible()
    expect(bureau.locator("#visibility")).to_have_value(level)


def _expect_hidden(officer: Page, person: Person) -> None:
    answer = officer.goto(person.path)
    assert answer is not None and answer.status == 404, "a hidden record answers not found"
    expect(officer.locator("main h1")).to_have_text("Not found")
    for name in (person.latin, person.arabic):
        expect(officer.locator("body")).not_to_contain_text(name)


def test_sharing_changes_what_the_officer_sees_and_a_release_opens_the_record(
    logged_in: Callable[[str], Page], cast: Cast
) -> None:
    person = cast.shared_dz
    bureau = logged_in("bureau")
    officer = logged_in("officer")

    officer.goto(person.path)
    expect(officer.locator("main")).to_contain_text(person.latin)

    # hide it from everyone: the preview shows the change for the officer's agency,
    # and changes nothing until saved
    def still_shown() -> None:
        officer.goto(person.path)
        expect(officer.locator("main")).to_contain_text(person.latin)

    _set_visibility(bureau, person, "none", preview=True, after_preview=still_shown)
    _expect_hidden(officer, person)
    screen(officer, person.latin)
    expect(result_of(officer, person)).to_have_count(0)
    expect(officer.locator("main")).not_to_contain_text(person.record_id)

    # hit only: the officer learns that DZ-NCB holds a record, and nothing of it
    _set_visibility(bureau, person, "hit_only", preview=False)
    _expect_hidden(officer, person)
    screen(officer, person.latin)
    found = result_of(officer, person)
    expect(found).to_have_count(1)
    expect(found).to_have_class(re.compile(r"\bhit-only\b"))
    expect(found.locator(".handling")).to_have_text(person.handling)
    expect(found).not_to_contain_text(person.arabic)
    assert found.locator("a[href^='/records/']").count() == 0, "no link to a hidden record"
    assert person.latin not in found.inner_text().replace(person.record_id, "")

    # the officer asks for the record
    found.locator("details summary").click()
    found.locator("textarea[name=reason]").fill("Traveller at Casablanca airport, gate 12.")
    with officer.expect_navigation():
        found.locator("details button[type=submit]").click()
    assert "/bureau/releases" in officer.url
    asked = officer.locator("#by-us tr", has_text=person.record_id)
    expect(asked).to_have_count(1)

    # the bureau sees the request and releases the record
    bureau.goto("/bureau/releases")
    request = bureau.locator("#to-us li[data-request]", has_text=person.record_id)
    expect(request).to_have_count(1)
    expect(request).to_contain_text("Casablanca airport")
    expect(request).to_contain_text(OFFICER_AGENCY)
    request.locator("textarea[name=note]").fill("Released for this control.")
    with bureau.expect_navigation():
        request.locator("button[name=decision][value=release]").click()
    expect(bureau.locator("p.notice")).to_be_visible()
    answered = bureau.locator("#to-us li[data-request]", has_text=person.record_id)
    expect(answered.locator("button[name=decision]")).to_have_count(0)
    expect(answered.locator(".badge.good")).to_have_count(1)

    # and the officer now opens the whole record
    answer = officer.goto(person.path)
    assert answer is not None and answer.status == 200
    expect(officer.locator("main")).to_contain_text(person.latin)
    expect(officer.locator("main")).to_contain_text(person.arabic)
    expect(officer.locator("main .handling").first).to_have_text(person.handling)


def test_a_sharing_rule_for_an_unknown_agency_is_refused_and_nothing_changes(
    logged_in: Callable[[str], Page], cast: Cast
) -> None:
    person = cast.other_dz
    bureau = logged_in("bureau")
    bureau.goto(_sharing_page(person))
    before = bureau.locator("#visibility").input_value()
    form = bureau.locator("#sharing-form")
    form.locator("#rules-own").check()
    new_row = form.locator("#rules tbody tr.new-rule").first
    new_row.locator("select[name=rule_subject]").select_option("agency")
    new_row.locator("input[name=rule_code]").fill("XX-NOWHERE")
    new_row.locator("select[name=rule_level]").select_option("none")
    form.locator("#visibility").select_option("none")
    with bureau.expect_navigation():
        form.locator("button[name=action][value=save]").click()
    expect(bureau.locator("#form-errors")).to_be_visible()
    expect(bureau.locator("input[name=rule_code][aria-invalid=true]")).to_have_count(1)
    # what was typed is kept; what is stored is not changed
    expect(bureau.locator("input[name=rule_code][aria-invalid=true]")).to_have_value("XX-NOWHERE")
    bureau.goto(_sharing_page(person))
    expect(bureau.locator("#visibility")).to_have_value(before)
