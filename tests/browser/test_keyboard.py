"""Keyboard use: an officer at a border post may have no mouse. The login form is
reached with Tab in reading order and sent with Enter."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.live import DEMO_LOGINS

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const form = e.closest("form");
  return [e.tagName.toLowerCase(), e.id || "", e.getAttribute("type") || "",
          form ? form.getAttribute("action") : ""].join("|");
}"""


def _focused(page: Page) -> str:
    value: str = page.evaluate(_FOCUSED)
    return value


def _tab_until(page: Page, wanted: str, *, most: int = 20) -> list[str]:
    """Press Tab until the focused element is ``wanted``; what was passed on the way."""
    passed = []
    for _ in range(most):
        page.keyboard.press("Tab")
        now = _focused(page)
        passed.append(now)
        if now == wanted:
            return passed
    raise AssertionError(f"Tab never reached {wanted}; it went through {passed}")


LOGIN = "input|login||/login"
PASSWORD = "input|password|password|/login"
SUBMIT = "button||submit|/login"


def test_tab_reaches_the_login_form_in_order_and_enter_logs_in(page: Page) -> None:
    page.goto("/login")
    assert _focused(page) == LOGIN, "the login field has the focus when the page opens"

    # from the top of the page (the skip link), Tab reaches login, password, button
    page.locator("a.skip").focus()
    _tab_until(page, LOGIN)
    login, password = DEMO_LOGINS["officer"]
    page.keyboard.type(login)
    page.keyboard.press("Tab")
    assert _focused(page) == PASSWORD
    page.keyboard.type(password)
    page.keyboard.press("Tab")
    assert _focused(page) == SUBMIT
    expect(page.locator("form[action='/login'] button[type=submit]")).to_be_focused()

    # back to the password and Enter: the form is sent, the officer lands on a page
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == PASSWORD
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login" not in page.url
    expect(page.locator("form[action='/logout']")).to_have_count(1)


def test_the_skip_link_takes_the_focus_to_the_content(page: Page) -> None:
    page.goto("/login")
    page.locator("a.skip").focus()
    expect(page.locator("a.skip")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
