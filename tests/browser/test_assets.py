"""Nothing a page loads comes from outside the server: on a closed police network
there is no CDN, and a page that tried one would hang or look broken. Every request
of every page in a walk of the main pages, as each demo role, is recorded and checked;
the fonts (from the npm packages the setup installs) must actually arrive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Response, expect

from tests.browser.live import Cast, LiveServer, switch_language

ROLES = ("officer", "bureau", "analyst", "compliance", "admin")


@dataclass
class Traffic:
    """What a page asked for and what it got, while it was watched."""

    requests: list[str] = field(default_factory=list)
    fonts: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    def watch(self, page: Page) -> None:
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _response(self, response: Response) -> None:
        path = urlsplit(response.url).path
        if path.startswith("/assets/fonts/"):
            self.fonts[path] = response.status
        if response.request.resource_type == "document":
            self.statuses[response.url] = response.status

    def _console(self, message: ConsoleMessage) -> None:
        # a Content-Security-Policy refusal is how the browser reports a page that
        # tried to load or run something it must not (another origin, inline code)
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"{message.text} (on {message.location.get('url')})")


def _settle(page: Page) -> None:
    """Wait until the fonts the page asked for have arrived (or failed).

    A font is fetched when text first needs it, which can be after the page's load
    event; leaving the page before then makes the browser abort the fetch, and that
    abort says nothing about the server. Waiting keeps every recorded failure real.
    """
    page.evaluate("() => document.fonts.ready.then(() => true)")


def _walk(page: Page, extra: list[str]) -> list[str]:
    """Visit every page of the user's menu, then ``extra``; the paths visited."""
    hrefs = page.locator("header nav a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    paths = [*dict.fromkeys([*hrefs, "/account", *extra])]
    for path in paths:
        page.goto(path)
        _settle(page)
    return paths


def _extra_pages(role: str, cast: Cast) -> list[str]:
    """Pages reached by link rather than from the menu, per role."""
    if role == "officer":
        return [cast.foreign.path]
    if role == "bureau":
        return [
            cast.other_dz.path,
            f"/bureau/sharing/{cast.other_dz.owner}/{cast.other_dz.record_id}",
        ]
    if role == "compliance":
        return ["/compliance/verify"]
    return []


@pytest.mark.parametrize("role", ROLES)
def test_no_page_loads_anything_from_outside_the_server(
    role: str,
    logged_in: Callable[[str], Page],
    live_server: LiveServer,
    cast: Cast,
) -> None:
    page = logged_in(role)
    traffic = Traffic()
    traffic.watch(page)
    visited = _walk(page, _extra_pages(role, cast))
    # the same walk in Arabic (its font, right-to-left style) for the menu's first page
    switch_language(page, "ar")
    _settle(page)
    page.goto(visited[0])
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _settle(page)
    switch_language(page, "en")
    _settle(page)

    origin = urlsplit(live_server.url)
    outside = [
        url
        for url in traffic.requests
        if urlsplit(url).scheme not in {"data", "blob"}
        and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)
    ]
    assert not outside, f"pages of {role} loaded from outside the server: {outside}"
    assert not traffic.problems, f"pages of {role}: {traffic.problems}"
    assert not traffic.failed, f"requests that failed for {role}: {traffic.failed}"
    broken = {url: status for url, status in traffic.statuses.items() if status >= 400}
    assert not broken, f"pages of {role} answered with an error: {broken}"

    # the fonts arrive: style sheets and font files of both packages, all 200
    assert traffic.fonts, "no font was requested"
    assert all(status == 200 for status in traffic.fonts.values()), traffic.fonts
    for package in ("noto-sans", "noto-sans-arabic"):
        files = [p for p in traffic.fonts if p.startswith(f"/assets/fonts/{package}/files/")]
        assert files, f"no font file of {package} loaded: {sorted(traffic.fonts)}"
    fonts_ready = page.evaluate(
        "async () => { await document.fonts.ready;"
        " return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family) }"
    )
    assert any("Noto Sans" in family for family in fonts_ready), fonts_ready
