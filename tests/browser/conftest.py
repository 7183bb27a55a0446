"""End-to-end tests in a real browser: Debian's chromium, driven by Playwright, against
``tabadul serve`` running the demo (see :mod:`tests.browser.live`).

One server and one browser per session (starting them is most of the cost); every test
gets a new browser context (no cookie, no cache of another test) and logs in through
the login form. Tests that change what the server holds use demo persons of their own
(:class:`tests.browser.live.Cast`), so they do not depend on each other's order.

Without chromium the tests are skipped, with the reason; in CI (``CI`` set) they fail
instead, so that a CI image without the browser cannot pass unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    expect,
    sync_playwright,
)

from tests.browser.live import (
    Cast,
    LiveServer,
    chromium_missing,
    launch_chromium,
    log_in,
    serve_demo,
)

TIMEOUT_MS = 15_000
"""How long an action or an expectation waits: pages answer in milliseconds, so a
wait this long is a failure, reported rather than hung on."""

expect.set_options(timeout=TIMEOUT_MS)


def _require_chromium() -> None:
    reason = chromium_missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The demo, served on a free port for the whole session."""
    _require_chromium()
    with serve_demo(tmp_path_factory.mktemp("browser-demo")) as server:
        yield server


@pytest.fixture(scope="session")
def cast(live_server: LiveServer) -> Cast:
    return live_server.cast()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    _require_chromium()
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer
) -> Iterator[Callable[[], BrowserContext]]:
    """Make fresh browser contexts (a user at their own computer), closed at the end.

    Every request of every page of every test is watched: one that leaves the server
    fails the test (``test_assets`` walks the pages for this on purpose; this catches
    the pages the other tests reach, such as a passenger list's progress)."""
    made: list[BrowserContext] = []
    outside: list[str] = []
    origin = urlsplit(live_server.url).netloc

    def watch(request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme not in {"data", "blob"} and url.netloc != origin:
            outside.append(request.url)

    def make() -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", watch)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
    if outside:
        pytest.fail(f"pages loaded from outside the server: {outside}", pytrace=False)


@pytest.fixture
def page(new_context: Callable[[], BrowserContext]) -> Page:
    """A page in a fresh context, not logged in."""
    return new_context().new_page()


@pytest.fixture
def logged_in(
    new_context: Callable[[], BrowserContext], live_server: LiveServer
) -> Callable[[str], Page]:
    """``logged_in("officer")``: a page of a fresh context, logged in through the form
    as that demo role, in English (another test may have switched the language)."""

    def make(role: str) -> Page:
        page = new_context().new_page()
        log_in(page, live_server.url, role)
        return page

    return make


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder
