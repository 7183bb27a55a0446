"""A demo tabadul served on a free port, and Debian's chromium to look at it: shared by
the browser tests (``tests/browser/conftest.py``) and ``scripts/screenshots``, so that
the screenshots show exactly what the tests walk.

The server is the real thing, started the way a new user starts it: ``tabadul demo
--no-serve`` fills a fresh data directory with the synthetic demo region and the demo
users, then ``tabadul serve`` runs as a separate process on a free port (SQLite only;
the HTTP-level tests cover PostgreSQL). The browser is Debian's ``chromium`` driven by
Playwright: it is never downloaded (``playwright install`` would fetch a browser from
the internet, which a police network does not have and a test must not need).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright

from tabadul.cli.run import DEMO_USERS

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "DEMO_LOGINS",
    "Cast",
    "LiveServer",
    "Person",
    "chromium_missing",
    "launch_chromium",
    "log_in",
    "serve_demo",
    "switch_language",
]

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium (package ``chromium``), which ``scripts/test`` installs."""

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # tests run as root in containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # no call home on a closed network: no component, safe-browsing or sync traffic,
    # which would otherwise wait on timeouts and blur "loads nothing from outside"
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Chromium's flags; Playwright adds a fresh ``--user-data-dir`` for every launch."""

DEMO_LOGINS: dict[str, tuple[str, str]] = {
    role.value: (login, password) for login, role, _country, password in DEMO_USERS
}
"""Role → (login, password) of the demo accounts that ``tabadul demo`` creates."""

DEMO_SEED = 2026
DEMO_PERSONS = 5000
_STARTUP_SECONDS = 90


def chromium_missing() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return (
            f"Debian's chromium is not installed at {CHROMIUM} "
            "(apt-get install chromium; scripts/test installs it)"
        )
    return None


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's chromium, headless, with a fresh profile and no network of its own."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_FLAGS)
    )


@dataclass(frozen=True)
class Person:
    """A person of the demo region, as the tests look for it on the pages."""

    owner: str
    record_id: str
    arabic: str
    latin: str
    handling: str

    @property
    def path(self) -> str:
        """The record page."""
        return f"/records/{self.owner}/{self.record_id}"

    @property
    def key(self) -> str:
        """How a result names it: ``data-record="OWNER/ID"``."""
        return f"{self.owner}/{self.record_id}"


@dataclass(frozen=True)
class Cast:
    """The demo persons the tests and screenshots use, chosen once from the demo
    database so that every run, with the demo's seed, uses the same ones."""

    foreign: Person
    """Owned by an agency other than DZ-NCB and MA-NCB, shared in full with everyone:
    the officer (MA-NCB) screens and opens it."""
    shared_dz: Person
    """Owned by DZ-NCB (the demo bureau), shared in full: the sharing test hides it."""
    other_dz: Person
    """Another DZ-NCB person, for the screenshots' sharing preview (left unchanged)."""
    hit_only_dz: Person
    """A DZ-NCB person shared as hit-only: the screenshots' release request."""


@dataclass
class LiveServer:
    """A running ``tabadul serve`` over a demo data directory."""

    url: str
    data_dir: Path
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def database(self) -> Path:
        return self.data_dir / "tabadul.db"

    def log_tail(self, lines: int = 40) -> str:
        with suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def cast(self) -> Cast:
        return choose_cast(self.database)


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tabadul_command() -> list[str]:
    """The ``tabadul`` command of this interpreter's environment (.venv/bin/tabadul)."""
    script = Path(sys.executable).parent / "tabadul"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "tabadul"]


def _environment(data_dir: Path) -> dict[str, str]:
    """The server's environment: this one, minus any database or mode the caller's
    shell may name (the browser tests run on the demo's SQLite file)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TABADUL_")}
    env.update(TABADUL_DATA_DIR=str(data_dir), TABADUL_ENVIRONMENT="development")
    if "TABADUL_ASSETS_DIR" in os.environ:  # where the fonts are, if not the default
        env["TABADUL_ASSETS_DIR"] = os.environ["TABADUL_ASSETS_DIR"]
    return env


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serve_demo(data_dir: Path) -> Iterator[LiveServer]:
    """Create the demo in ``data_dir`` (which should be empty), serve it on a free port
    until the block ends, then stop the server."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = _environment(data_dir)
    log = data_dir / "server.log"
    prepared = subprocess.run(
        [
            *_tabadul_command(),
            "demo",
            "--no-serve",
            "--persons",
            str(DEMO_PERSONS),
            "--seed",
            str(DEMO_SEED),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if prepared.returncode != 0:
        raise RuntimeError(
            f"`tabadul demo --no-serve` failed ({prepared.returncode}):\n"
            f"{prepared.stdout}\n{prepared.stderr}"
        )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*_tabadul_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(url=url, data_dir=data_dir, log=log, process=process)
    try:
        _wait_until_healthy(server)
        yield server
    finally:
        _stop(process)


def _wait_until_healthy(server: LiveServer) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"`tabadul serve` exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        if _healthy(server.url):
            return
        time.sleep(0.2)
    raise RuntimeError(
        f"`tabadul serve` did not answer {server.url}/api/v1/health within "
        f"{_STARTUP_SECONDS} s:\n{server.log_tail()}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


_CANDIDATES = """
SELECT a.code, r.external_id, r.handling_code,
       (SELECT n.full_name FROM person_names n
         WHERE n.person_id = r.id AND n.script = 'arabic' AND n.kind = 'primary'
         ORDER BY n.position LIMIT 1),
       (SELECT n.full_name FROM person_names n
         WHERE n.person_id = r.id AND n.script = 'latin' AND n.kind = 'primary'
         ORDER BY n.position LIMIT 1)
FROM records r JOIN agencies a ON a.id = r.owner_id
WHERE r.kind = 'person' AND r.visibility = ? AND r.own_rules = 0
  AND r.purposes IS NULL
  AND NOT EXISTS (SELECT 1 FROM sharing_rules s WHERE s.owner_id = r.owner_id)
  AND a.code = ?
ORDER BY EXISTS (SELECT 1 FROM notices t WHERE t.subject_id = r.id AND t.status = 'published')
         DESC, r.handling_code = 'H0', r.id
"""
_NAME_COUNT = "SELECT count(*) FROM person_names WHERE full_name = ?"


def _people(db: sqlite3.Connection, owner: str, visibility: str = "full") -> Iterator[Person]:
    """The owner's persons that everyone sees with ``visibility`` (no rules of the
    record or the agency, no purpose limit), with an Arabic and a Latin primary
    name that no other person shares (so that a screening of either name finds it
    among the first results, whatever else is similar). Those with a published notice
    and a handling code other than H0 come first: they show more on a page."""
    for code, record_id, handling, arabic, latin in db.execute(_CANDIDATES, (visibility, owner)):
        if not arabic or not latin:
            continue
        if any(db.execute(_NAME_COUNT, (n,)).fetchone()[0] != 1 for n in (arabic, latin)):
            continue
        yield Person(code, record_id, arabic, latin, handling)


def choose_cast(database: Path) -> Cast:
    """The persons of :class:`Cast`, read from a freshly created demo database."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        foreign = next(_people(db, "TN-NCB"))
        dz = _people(db, "DZ-NCB")
        return Cast(
            foreign=foreign,
            shared_dz=next(dz),
            other_dz=next(dz),
            hit_only_dz=next(_people(db, "DZ-NCB", "hit_only")),
        )


def log_in(page: Page, base_url: str, role: str, *, language: str | None = "en") -> None:
    """Log in through the login form as the demo account of ``role``; then, unless
    ``language`` is None, make sure the pages are in that language (the language is
    remembered per user, so another test may have left it switched)."""
    login, password = DEMO_LOGINS[role]
    page.goto(f"{base_url}/login")
    page.locator("#login").fill(login)
    page.locator("#password").fill(password)
    with page.expect_navigation():
        page.locator("form[action='/login'] button[type=submit]").click()
    if page.url.startswith(f"{base_url}/login"):
        raise AssertionError(f"login as {login} failed: {page.url}")
    if language is not None:
        switch_language(page, language)


def switch_language(page: Page, code: str) -> None:
    """Switch with the page's own language buttons (a no-op when already there)."""
    if page.locator("html").get_attribute("lang") == code:
        return
    with page.expect_navigation():
        page.locator(f"form[action='/language'] button[name=language][value={code}]").click()
    shown = page.locator("html").get_attribute("lang")
    if shown != code:
        raise AssertionError(f"the language buttons did not switch to {code}: {shown}")
