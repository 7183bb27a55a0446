"""Screening a passenger list through the web pages: upload, progress, hits, downloads,
bad lines and bad files, and who may read a job."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from tabadul.domain.enums import Purpose
from tabadul.service import Tabadul
from tabadul.web import batch_jobs
from tabadul.web.routes.batch import MAX_BYTES, MAX_LINES
from tests.factory import OPERATOR, person
from tests.web.conftest import WebClient

Browser = Callable[[str], WebClient]

SHARED = "Youcef Ben Amrani"  # DZ-NCB's own record: dz.officer sees it in full
HIT_ONLY = "Mohamed Ould Cheikh"  # MA-NCB shares only the fact that it holds it
HIDDEN = "Karim Haddad"  # MA-NCB shares nothing: never on a page, never in a file

JSONL = "\n".join(
    [
        json.dumps({"id": "p1", "name": SHARED, "birthDate": "1984-06-02"}),
        json.dumps({"id": "p2", "name": HIT_ONLY, "birthDate": "1979"}),
        '{"id": "p3", "name": "Broken',  # line 3: not JSON
        json.dumps({"id": "p4", "name": HIDDEN, "birthDate": "1990-01-01"}),
        "",
        json.dumps({"id": "p6", "name": "Salma Idrissi", "birthDate": "1985-13-45"}),  # bad date
        json.dumps({"id": "p7", "name": "Nadia Belkacem"}),
    ]
).encode()
VALID_JSONL = ["p1", "p2", "p4", "p7"]

CSV_LIST = (
    "id,name,birthDate,nationality,document\r\n"
    f"c1,{SHARED},1984-06-02,DZ,\r\n"
    "c2,,1980,MA,\r\n"  # line 3: no name
    f"c3,{HIT_ONLY},,,\r\n"
    "c4,يوسف بن عمراني,1984,dz,\r\n"
).encode()
VALID_CSV = ["c1", "c3", "c4"]


@pytest.fixture
def records(app: Tabadul, web_world: Any) -> None:
    app.records.save(OPERATOR, person("dz-p-1", SHARED), owner="DZ-NCB", create=True)
    app.records.save(
        OPERATOR,
        person(
            "ma-p-1",
            HIT_ONLY,
            birth_dates=("1979-02-11",),
            nationalities=("MA",),
            visibility="hit_only",
        ),
        owner="MA-NCB",
        create=True,
    )
    app.records.save(
        OPERATOR,
        person(
            "ma-p-2", HIDDEN, birth_dates=("1990-01-01",), nationalities=("MA",), visibility="none"
        ),
        owner="MA-NCB",
        create=True,
    )


def upload(
    web: WebClient, content: bytes, filename: str, purpose: str = "border-control"
) -> httpx.Response:
    return web.client.post(
        "/screen/batch",
        data={"csrf": web.csrf("/screen/batch"), "purpose": purpose},
        files={"file": (filename, content, "application/octet-stream")},
    )


def wait_until_finished(web: WebClient, job_url: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status = web.get(f"{job_url}/status")
        assert status.status_code == 200, status.text
        state: dict[str, Any] = status.json()
        assert set(state) == {"done", "total", "finished"}
        if state["finished"]:
            return state
        assert time.monotonic() < deadline, f"the job did not finish: {state}"
        time.sleep(0.1)


def start(web: WebClient, content: bytes, filename: str) -> str:
    answer = upload(web, content, filename)
    assert answer.status_code == 303, answer.text
    job_url = answer.headers["location"]
    assert re.fullmatch(r"/screen/batch/[0-9a-f]{32}", job_url), job_url
    return job_url


def test_the_form_offers_both_formats(browser_for: Browser) -> None:
    page = browser_for("dz.officer").get("/screen/batch")
    assert page.status_code == 200
    assert 'type="file"' in page.text and 'name="file"' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert "id,name,birthDate,nationality,document" in page.text
    assert '<option value="border-control" selected>' in page.text


def test_a_jsonl_list_is_screened_with_its_broken_lines_reported(
    records: None, browser_for: Browser
) -> None:
    web = browser_for("dz.officer")
    job_url = start(web, JSONL, "flight-at-123.jsonl")
    running = web.get(job_url)  # at once: running or (already) finished
    assert running.status_code == 200
    state = wait_until_finished(web, job_url)
    assert state == {"done": 4, "total": 4, "finished": True}

    page = web.get(job_url).text
    assert "data-progress-url" not in page
    assert re.search(r'id="batch-queries"[^>]*>4<', page)
    assert re.search(r'id="batch-errors"[^>]*>2<', page)
    # the broken lines, by number and field
    assert '<tr data-line="3">' in page and "not JSON" in page
    assert '<tr data-line="6">' in page and "birthDate" in page
    # the hits: DZ's own record linked, MA's hit-only one badged, the hidden one absent
    assert 'id="batch-hits-table"' in page
    assert "/records/DZ-NCB/dz-p-1?purpose=border-control" in page
    assert "ma-p-1" in page and "Hit only" in page
    assert "/records/MA-NCB/ma-p-1" not in page
    assert "ma-p-2" not in page
    assert 'id="download-jsonl"' in page and 'id="download-csv"' in page

    jsonl = web.get(f"{job_url}/results.jsonl")
    assert jsonl.status_code == 200
    assert jsonl.headers["content-disposition"].startswith("attachment")
    lines = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [line["query_id"] for line in lines] == VALID_JSONL
    assert all(set(line) == {"query_id", "results"} for line in lines)
    by_id = {line["query_id"]: line["results"] for line in lines}
    assert by_id["p1"][0]["record_id"] == "dz-p-1" and by_id["p1"][0]["explanation"]
    hit_only = next(r for r in by_id["p2"] if r["record_id"] == "ma-p-1")
    assert hit_only["access"] == "hit_only"
    assert "score" not in hit_only and "explanation" not in hit_only
    assert "ma-p-2" not in jsonl.text

    table = web.get(f"{job_url}/results.csv")
    assert table.status_code == 200
    assert table.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert len(rows) == sum(len(r) for r in by_id.values())
    assert {row["query_id"] for row in rows} <= set(VALID_JSONL)
    assert {row["record_id"] for row in rows if row["query_id"] == "p1"} >= {"dz-p-1"}
    assert "ma-p-2" not in table.text


def test_a_csv_list_is_screened_and_a_row_without_name_reported(
    records: None, browser_for: Browser
) -> None:
    web = browser_for("dz.officer")
    job_url = start(web, CSV_LIST, "manifest.CSV")
    assert wait_until_finished(web, job_url)["total"] == 3
    page = web.get(job_url).text
    assert '<tr data-line="3">' in page
    assert re.search(r'id="batch-errors"[^>]*>1<', page)
    assert "/records/DZ-NCB/dz-p-1" in page
    assert "يوسف بن عمراني" in page  # the Arabic spelling on the list found the record too
    lines = web.get(f"{job_url}/results.jsonl").text.splitlines()
    assert [json.loads(line)["query_id"] for line in lines] == VALID_CSV
    rows = list(
        csv.DictReader(io.StringIO(web.get(f"{job_url}/results.csv").content.decode("utf-8-sig")))
    )
    assert rows and {row["query_id"] for row in rows} <= set(VALID_CSV)
    assert next(r for r in rows if r["query_id"] == "c1")["query_name"] == SHARED


def test_nobody_else_reads_a_job(records: None, browser_for: Browser) -> None:
    owner = browser_for("dz.officer")
    job_url = start(owner, JSONL, "list.jsonl")
    wait_until_finished(owner, job_url)
    for login in ("ma.officer", "dz.bureau", "sec.admin"):
        other = browser_for(login)
        for suffix in ("", "/status", "/results.jsonl", "/results.csv"):
            assert other.get(job_url + suffix).status_code == 404, (login, suffix)
    unknown = owner.get("/screen/batch/" + "0" * 32)
    assert unknown.status_code == 404
    assert owner.get("/screen/batch/..%2F..%2Fetc/status").status_code == 404


def test_the_job_lives_in_files_any_worker_can_read(
    app: Tabadul, records: None, browser_for: Browser
) -> None:
    web = browser_for("dz.officer")
    job_url = start(web, JSONL, "list.jsonl")
    wait_until_finished(web, job_url)
    job_id = job_url.rsplit("/", 1)[1]
    folder = app.settings.data_dir / "batches"
    assert (folder / f"{job_id}.json").is_file()
    assert (folder / f"{job_id}.results.jsonl").is_file()
    # a job of yesterday is deleted when a new one starts
    old = [folder / f"{job_id}.json", folder / f"{job_id}.results.jsonl"]
    day_ago = time.time() - batch_jobs.KEPT.total_seconds() - 60
    for path in old:
        os.utime(path, (day_ago, day_ago))
    wait_until_finished(web, start(web, CSV_LIST, "list.csv"))
    assert not any(path.exists() for path in old)
    assert web.get(job_url).status_code == 404


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("list.pdf", b"%PDF-1.4", "Upload a CSV file (.csv) or a JSON lines file (.jsonl)"),
        ("list.csv", b"", "The file holds no passengers"),
        ("list.csv", b"name;surname\r\nA;B\r\n", "unknown column"),
        ("list.jsonl", b"\n\n", "The file holds no passengers"),
        ("list.csv", b"id,name\n" + b"x" * (MAX_BYTES + 1), "larger than 5 MB"),
        (
            "list.jsonl",
            b'{"name": "Ali"}\n' * (MAX_LINES + 1),
            "more than 5,000 passengers",
        ),
    ],
)
def test_a_file_that_is_not_a_list_is_refused_clearly(
    app: Tabadul, browser_for: Browser, filename: str, content: bytes, message: str
) -> None:
    web = browser_for("dz.officer")
    answer = upload(web, content, filename)
    assert answer.status_code == 422
    assert 'id="file-error"' in answer.text
    assert message in answer.text
    folder: Path = app.settings.data_dir / "batches"
    assert not folder.exists() or not any(folder.iterdir())


def test_no_file_or_no_purpose_names_the_field(browser_for: Browser) -> None:
    web = browser_for("dz.officer")
    token = web.csrf("/screen/batch")
    no_file = web.client.post("/screen/batch", data={"csrf": token, "purpose": "border-control"})
    assert no_file.status_code == 422 and 'id="file-error"' in no_file.text
    no_purpose = upload(web, JSONL, "list.jsonl", purpose="sightseeing")
    assert no_purpose.status_code == 422 and 'id="purpose-error"' in no_purpose.text


def test_the_upload_needs_its_csrf_token(browser_for: Browser) -> None:
    web = browser_for("dz.officer")
    answer = web.client.post(
        "/screen/batch",
        data={"purpose": "border-control"},
        files={"file": ("list.jsonl", JSONL, "application/octet-stream")},
    )
    assert answer.status_code == 403


def test_progress_page_while_running(app: Tabadul, browser_for: Browser) -> None:
    """A job still running shows the progress bar the script follows, and the no-script
    refresh; downloads wait for the end."""
    web = browser_for("dz.officer")
    viewer = app.directory.viewer("dz.officer")
    jobs = batch_jobs.BatchJobs(app)
    job = jobs.start(viewer, [], purpose=Purpose.BORDER_CONTROL, filename="x.jsonl")
    # as another worker sees a job mid-way
    state = jobs.folder / f"{job.id}.json"
    state.write_text(json.dumps({**job.as_json(), "total": 10, "finished": False}))
    page = web.get(f"/screen/batch/{job.id}").text
    assert f'data-progress-url="/screen/batch/{job.id}/status"' in page
    assert "<progress" in page and "data-progress-label" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert web.get(f"/screen/batch/{job.id}/status").json() == {
        "done": 0,
        "total": 10,
        "finished": False,
    }
    assert web.get(f"/screen/batch/{job.id}/results.csv").status_code == 404


def test_a_spreadsheet_csv_with_semicolons_is_read(records: None, browser_for: Browser) -> None:
    """As spreadsheets in French save CSV: semicolons, a byte-order mark, any case."""
    web = browser_for("dz.officer")
    content = "\ufeffID;Name;Birth_Date\r\ns1;Youcef Ben Amrani;1984\r\n".encode()
    job_url = start(web, content, "liste.csv")
    assert wait_until_finished(web, job_url)["total"] == 1
    page = web.get(job_url).text
    assert "/records/DZ-NCB/dz-p-1" in page
    assert re.search(r'id="batch-errors"[^>]*>0<', page)


def test_a_job_whose_process_stopped_is_not_shown_running_forever(
    app: Tabadul, browser_for: Browser
) -> None:
    web = browser_for("dz.officer")
    jobs = batch_jobs.BatchJobs(app)
    viewer = app.directory.viewer("dz.officer")
    job = jobs.start(viewer, [], purpose=Purpose.BORDER_CONTROL, filename="x.jsonl")
    long_ago = (app.now() - batch_jobs.STALLED - batch_jobs.STALLED).isoformat()
    state = {**job.as_json(), "total": 10, "done": 5, "finished": False, "updated": long_ago}
    (jobs.folder / f"{job.id}.json").write_text(json.dumps(state))
    assert web.get(f"/screen/batch/{job.id}/status").json()["finished"] is True
    page = web.get(f"/screen/batch/{job.id}").text
    assert 'id="batch-stopped"' in page and "data-progress-url" not in page
