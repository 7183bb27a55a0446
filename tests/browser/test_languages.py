"""Every page in Arabic (right to left, not only translated), French and English,
switched with the buttons every page carries."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.live import Cast, switch_language
from tests.browser.test_screening import result_of, screen


def test_switching_to_arabic_lays_the_pages_out_right_to_left(
    logged_in: Callable[[str], Page], cast: Cast
) -> None:
    officer = logged_in("officer")
    officer.goto("/screen")
    english_label = officer.locator("label[for=name]").inner_text()
    switch_language(officer, "ar")

    html = officer.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    assert "/screen" in officer.url, "the language buttons bring the user back to the page"
    arabic_label = officer.locator("label[for=name]").inner_text()
    # right to left for real: the page's text runs from the right edge
    direction = officer.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"
    box = officer.locator("#screen-form").bounding_box()
    label = officer.locator("label[for=name]").bounding_box()
    assert box is not None and label is not None
    assert label["x"] + label["width"] > box["x"] + box["width"] * 0.6, "label on the right"

    # the screening works in Arabic, and stays there
    screen(officer, cast.foreign.arabic)
    expect(result_of(officer, cast.foreign)).to_have_count(1)
    expect(html).to_have_attribute("dir", "rtl")
    # the choice is the user's, kept from page to page
    officer.goto("/hits")
    expect(html).to_have_attribute("lang", "ar")
    # and translated: the catalogue's Arabic, not the English source
    assert arabic_label != english_label, f"untranslated in Arabic: {arabic_label!r}"


def test_switching_to_french(logged_in: Callable[[str], Page], cast: Cast) -> None:
    officer = logged_in("officer")
    officer.goto("/screen")
    english_button = officer.locator("#screen-form button[type=submit]").inner_text()
    switch_language(officer, "fr")
    html = officer.locator("html")
    expect(html).to_have_attribute("lang", "fr")
    expect(html).to_have_attribute("dir", "ltr")
    french_button = officer.locator("#screen-form button[type=submit]").inner_text()
    screen(officer, cast.foreign.latin)
    expect(result_of(officer, cast.foreign)).to_have_count(1)
    expect(html).to_have_attribute("lang", "fr")
    assert french_button != english_button, f"untranslated in French: {french_button!r}"


def test_the_login_page_follows_the_language_buttons(page: Page) -> None:
    page.goto("/login")
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#login")).to_be_visible()
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
