"""The officer's main path: screen a traveller by name in Arabic and in Latin script,
read why each result matched, open the record, decide the hit in one click."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from tests.browser.live import Cast, Person


def screen(page: Page, name: str) -> None:
    """Screen a name with the screening form (purpose left at the officer's default)."""
    page.goto("/screen")
    page.locator("#screen-form #name").fill(name)
    with page.expect_navigation():
        page.locator("#screen-form button[type=submit]").click()


def result_of(page: Page, person: Person) -> Locator:
    """The result of ``person`` among the screening's results."""
    return page.locator(f"ol.results li.result[data-record='{person.key}']")


def test_officer_screens_in_both_scripts_opens_the_record_and_confirms_the_hit(
    logged_in: Callable[[str], Page], cast: Cast
) -> None:
    officer = logged_in("officer")
    person = cast.foreign

    # Arabic script: found, with its Latin spelling beside it and the reasons it matched
    screen(officer, person.arabic)
    found = result_of(officer, person)
    expect(found).to_have_count(1)
    expect(found.locator("bdi.name[lang=ar]", has_text=person.arabic)).to_have_count(1)
    expect(found).to_contain_text(person.latin)
    expect(found.locator(".handling")).to_have_text(person.handling)
    expect(found.locator("ul.why > li").first).to_be_visible()
    assert found.locator("ul.why > li").count() >= 1
    expect(found.locator("meter")).to_have_count(1)

    # Latin script: the same record
    screen(officer, person.latin)
    found = result_of(officer, person)
    expect(found).to_have_count(1)
    expect(found).to_contain_text(person.arabic)
    expect(found.locator(".handling")).to_have_text(person.handling)
    assert found.locator("ul.why > li").count() >= 1

    # one click confirms the hit in place (the script replaces the form by a status)
    expect(found.locator(".badge.hit")).to_be_visible()
    at = officer.url
    found.locator("button[name=outcome][value=confirmed]").click()
    decided = found.locator(".decided")
    expect(decided).to_be_visible()
    expect(decided).not_to_have_text("")
    expect(found.locator("button[name=outcome]")).to_have_count(0)
    assert officer.url == at, "confirming in place must not leave the results"

    # the result opens the record: its names and its handling code
    with officer.expect_navigation():
        found.locator("header a").first.click()
    assert f"/records/{person.owner}/{person.record_id}" in officer.url
    expect(officer.locator("main")).to_contain_text(person.latin)
    expect(officer.locator("main")).to_contain_text(person.arabic)
    expect(officer.locator("main .handling").first).to_have_text(person.handling)

    # the officer's hits list it as confirmed
    officer.goto("/hits")
    rows = officer.locator("table tbody tr", has_text=person.record_id)
    expect(rows.first).to_be_visible()
    expect(rows.locator(".badge.good")).not_to_have_count(0)


def test_a_screening_without_a_name_names_the_field(logged_in: Callable[[str], Page]) -> None:
    officer = logged_in("officer")
    officer.goto("/screen")
    # the browser's own check would stop an empty name; a blank one reaches the server
    officer.locator("#screen-form #name").fill("   ")
    with officer.expect_navigation():
        officer.locator("#screen-form button[type=submit]").click()
    expect(officer.locator("#name")).to_have_attribute("aria-invalid", "true")
    expect(officer.locator("#name-error")).to_be_visible()
    expect(officer.locator("ol.results")).to_have_count(0)
