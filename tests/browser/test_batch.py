"""Batch screening: an officer uploads a flight's passenger list, follows its progress,
reads the hits and the lines that could not be read, and downloads every result."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.live import Cast

BROKEN_LINE = 3


def _passenger_list(cast: Cast) -> bytes:
    person = cast.foreign
    lines = [
        json.dumps({"id": "p1", "name": person.latin}),
        json.dumps({"id": "p2", "name": person.arabic}, ensure_ascii=False),
        '{"id": "p3", "name": "Half a line',  # line 3: not JSON
        json.dumps({"id": "p4", "name": "Qzwx Vrtyk Plomb"}),
    ]
    return ("\n".join(lines) + "\n").encode()


def test_officer_screens_a_passenger_list_and_downloads_the_results(
    logged_in: Callable[[str], Page], cast: Cast, downloads: Path
) -> None:
    officer = logged_in("officer")
    officer.goto("/screen/batch")
    officer.locator("#batch-form input[name=file]").set_input_files(
        {
            "name": "flight-AT571.jsonl",
            "mimeType": "application/x-ndjson",
            "buffer": _passenger_list(cast),
        }
    )
    with officer.expect_navigation():
        officer.locator("#batch-form button[type=submit]").click()
    assert re.search(r"/screen/batch/[^/]+$", officer.url), officer.url
    # the progress while it runs (the script reloads the page at the end), or the result
    expect(officer.locator("#batch-progress, #batch-summary").first).to_be_visible()
    expect(officer.locator("#batch-summary")).to_be_visible()

    person = cast.foreign
    expect(officer.locator("#batch-queries")).to_have_text("3")
    expect(officer.locator("#batch-errors")).to_have_text("1")
    broken = officer.locator(f"#batch-line-errors tr[data-line='{BROKEN_LINE}']")
    expect(broken).to_have_count(1)
    for query in ("p1", "p2"):
        row = officer.locator(
            f"#batch-hits-table tr[data-query='{query}']", has_text=person.record_id
        )
        expect(row).not_to_have_count(0)
        expect(row.first.locator(".handling")).to_have_text(person.handling)
    expect(officer.locator("#batch-hits-table tr[data-query='p4']")).to_have_count(0)

    with officer.expect_download() as started:
        officer.locator("#download-jsonl").click()
    download = started.value
    assert download.suggested_filename.endswith(".jsonl")
    saved = downloads / download.suggested_filename
    download.save_as(saved)
    answers = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines() if line]
    by_query = {str(a.get("query_id")): a for a in answers}
    assert {"p1", "p2", "p4"} <= set(by_query), sorted(by_query)
    for query in ("p1", "p2"):
        found = [r for r in by_query[query]["results"] if r.get("record_id") == person.record_id]
        assert found and found[0].get("hit"), by_query[query]


def test_a_file_of_another_kind_is_refused_on_its_field(
    logged_in: Callable[[str], Page],
) -> None:
    officer = logged_in("officer")
    officer.goto("/screen/batch")
    officer.locator("#batch-form input[name=file]").set_input_files(
        {"name": "list.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    with officer.expect_navigation():
        officer.locator("#batch-form button[type=submit]").click()
    expect(officer.locator("#file-error")).to_be_visible()
    expect(officer.locator("#file")).to_have_attribute("aria-invalid", "true")
    assert officer.url.endswith("/screen/batch")
