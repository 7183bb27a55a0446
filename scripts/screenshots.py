"""Screenshots of tabadul's main pages in Arabic, French and English, for a reviewer to
look at (``scripts/screenshots [OUTPUT_DIR]``; not committed).

It serves a fresh demo on a free port, in a temporary data directory, with the same
helper as the browser tests (``tests/browser/live.py``), logs in as each demo role in
Debian's chromium, and saves full-page PNGs as ``OUTPUT_DIR/<lang>/<nn>-<page>.png``.
Before the first picture the officer creates what the bureau's pages show: hits on the
bureau's records, a release request, a screened passenger list.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the shared helper lives in tests/
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    Response,
    ViewportSize,
    sync_playwright,
)
from tests.browser.live import (  # noqa: E402
    Cast,
    LiveServer,
    chromium_missing,
    launch_chromium,
    log_in,
    serve_demo,
    switch_language,
)

LANGUAGES = ("ar", "fr", "en")
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
"""A small laptop's screen: what a bureau officer has."""
TABLET: ViewportSize = {"width": 768, "height": 1024}
"""A tablet held upright at a border post."""


@dataclass(frozen=True)
class Shot:
    """One picture: its name, the role that sees the page, and how to get there."""

    name: str
    role: str | None  # None: not logged in
    open: Callable[[Page], None]


def _goto(path: str) -> Callable[[Page], None]:
    def open_page(page: Page) -> None:
        page.goto(path)

    return open_page


def _screen(name: str) -> Callable[[Page], None]:
    def open_page(page: Page) -> None:
        page.goto("/screen")
        page.locator("#screen-form #name").fill(name)
        with page.expect_navigation():
            page.locator("#screen-form button[type=submit]").click()

    return open_page


def _sharing_preview(owner: str, record_id: str) -> Callable[[Page], None]:
    def open_page(page: Page) -> None:
        page.goto(f"/bureau/sharing/{owner}/{record_id}")
        form = page.locator("#sharing-form")
        form.locator("#visibility").select_option("hit_only")
        form.locator("#rules-own").check()
        row = form.locator("#rules tbody tr.new-rule").first
        if row.count():
            row.locator("select[name=rule_subject]").select_option("region")
            row.locator("input[name=rule_code]").fill("MAGHREB")
            row.locator("select[name=rule_level]").select_option("full")
        with page.expect_navigation():
            form.locator("button[name=action][value=preview]").click()
        page.locator("#preview").scroll_into_view_if_needed()

    return open_page


def _verify(page: Page) -> None:
    page.goto("/compliance/verify")
    with page.expect_navigation():
        page.locator("#verify-form button[type=submit]").click()


def _on_tablet(open_page: Callable[[Page], None]) -> Callable[[Page], None]:
    def on_tablet(page: Page) -> None:
        page.set_viewport_size(TABLET)
        open_page(page)

    return on_tablet


def _shots(cast: Cast, batch_url: str) -> list[Shot]:
    other = cast.other_dz
    return [
        Shot("login", None, _goto("/login")),
        Shot("screening-arabic", "officer", _screen(cast.foreign.arabic)),
        Shot("person-record", "officer", _goto(f"{cast.foreign.path}?purpose=border-control")),
        Shot("passenger-list", "officer", _goto(batch_url)),
        Shot("bureau-records", "bureau", _goto("/bureau/records")),
        Shot("sharing-preview", "bureau", _sharing_preview(other.owner, other.record_id)),
        Shot("releases", "bureau", _goto("/bureau/releases")),
        Shot("notifications", "bureau", _goto("/bureau/notifications")),
        Shot("audit", "compliance", _goto("/compliance/audit")),
        Shot("verify", "compliance", _verify),
        Shot("admin-users", "admin", _goto("/admin/users")),
        Shot("screening-tablet", "officer", _on_tablet(_screen(cast.foreign.latin))),
    ]


def _prepare(officer: Page, cast: Cast) -> str:
    """What the pages should show: hits on the bureau's records, a release request to
    answer, a passenger list screened. Returns the passenger list's page."""
    _screen(cast.other_dz.latin)(officer)
    _screen(cast.hit_only_dz.latin)(officer)
    hidden = officer.locator(f"li.result.hit-only[data-record='{cast.hit_only_dz.key}']")
    if hidden.count():
        hidden.locator("details summary").click()
        hidden.locator("textarea[name=reason]").fill(
            "Traveller at the border post of Oujda, matching name and birth year."
        )
        with officer.expect_navigation():
            hidden.locator("details button[type=submit]").click()
    passengers = [
        {"id": "1", "name": cast.foreign.latin},
        {"id": "2", "name": cast.other_dz.arabic},
        {"id": "3", "name": cast.hit_only_dz.latin, "birthDate": "1990"},
        {"id": "4", "name": "Qzwx Vrtyk Plomb"},
    ]
    lines = [json.dumps(p, ensure_ascii=False) for p in passengers]
    lines.insert(3, '{"id": "5", "name": "Half a line')
    officer.goto("/screen/batch")
    officer.locator("#batch-form input[name=file]").set_input_files(
        {
            "name": "flight-AT571.jsonl",
            "mimeType": "application/x-ndjson",
            "buffer": ("\n".join(lines) + "\n").encode(),
        }
    )
    with officer.expect_navigation():
        officer.locator("#batch-form button[type=submit]").click()
    officer.locator("#batch-summary").wait_for()
    return officer.url


def _document_statuses(page: Page) -> list[int]:
    """The statuses of the pages ``page`` loads from now on (not of their assets)."""
    seen: list[int] = []

    def record(response: Response) -> None:
        if response.request.resource_type == "document":
            seen.append(response.status)

    page.on("response", record)
    return seen


def take(browser: Browser, server: LiveServer, output: Path) -> tuple[list[Path], list[str]]:
    """Every picture in every language; the files and the pages that answered an error."""
    cast = server.cast()
    pages: dict[str | None, Page] = {}
    statuses: dict[str | None, list[int]] = {}
    for role in (None, "officer", "bureau", "compliance", "admin"):
        context = browser.new_context(base_url=server.url, viewport=VIEWPORT, locale="en-GB")
        context.set_default_timeout(20_000)
        page = context.new_page()
        if role is not None:
            log_in(page, server.url, role)
        pages[role] = page
        statuses[role] = _document_statuses(page)
    batch_url = _prepare(pages["officer"], cast)
    shots = _shots(cast, batch_url)
    files: list[Path] = []
    errors: list[str] = []
    for lang in LANGUAGES:
        folder = output / lang
        folder.mkdir(parents=True, exist_ok=True)
        for page in pages.values():
            if page.url == "about:blank":
                page.goto("/login")
            switch_language(page, lang)
        for number, shot in enumerate(shots, start=1):
            page = pages[shot.role]
            answered = statuses[shot.role]
            answered.clear()
            page.set_viewport_size(VIEWPORT)
            shot.open(page)
            page.evaluate("document.fonts.ready.then(() => true)")
            path = folder / f"{number:02d}-{shot.name}.png"
            page.screenshot(path=str(path), full_page=True)
            files.append(path)
            if any(status >= 400 for status in answered):
                errors.append(f"{path}: {page.url} answered {answered[-1]}")
    for page in pages.values():
        page.context.close()
    return files, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/screenshots",
        description="Screenshots of tabadul's main pages in Arabic, French and English.",
    )
    parser.add_argument(
        "output",
        nargs="?",
        default=ROOT / "screenshots",
        type=Path,
        help="folder for the pictures (default: screenshots/ in the project)",
    )
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing is not None:
        sys.stderr.write(missing + "\n")
        return 2
    output: Path = args.output.resolve()
    with (
        tempfile.TemporaryDirectory(prefix="tabadul-screenshots-") as data,
        serve_demo(Path(data)) as server,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            files, errors = take(browser, server, output)
        finally:
            browser.close()
    for path in files:
        sys.stdout.write(f"{path}\n")
    for error in errors:
        sys.stderr.write(f"error page: {error}\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
