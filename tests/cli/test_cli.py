"""The CLI as scripts and operators use it: real subprocesses against a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"


class Cli:
    def __init__(self, db_url: str, cwd: Path) -> None:
        self.env = {**os.environ, "TABADUL_DATABASE_URL": db_url, "COLUMNS": "200"}
        self.cwd = cwd

    def __call__(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "tabadul", *args],
            env=self.env,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == code, (result.stdout, result.stderr)
        return result


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> Cli:
    return Cli(db_url, tmp_path)


def test_init_agency_user_import_export(cli: Cli, tmp_path: Path) -> None:
    assert "up to date" in cli("init").stdout
    assert "up to date" in cli("init").stdout
    cli("agency", "add", "DZ-NCB", "--country", "DZ", "--name", "Bureau Alger")
    cli("agency", "add", "MA-NCB", "--country", "ma", "--name", "Bureau Rabat")
    out = cli("user", "add", "ma.officer", "--agency", "MA-NCB", "--role", "officer").stdout
    assert "password: " in out and len(out.split("password: ")[1].strip()) >= 16
    imported = cli("import", str(DATA / "region.ftm.jsonl"), "--owner", "DZ-NCB")
    assert "7 created" in imported.stdout
    again = cli("import", str(DATA / "region.ftm.jsonl"), "--owner", "DZ-NCB")
    assert "0 created, 7 updated" in again.stdout
    target = tmp_path / "out.jsonl"
    cli("export", "--format", "ftm", "--as", "ma.officer", "--output", str(target))
    ids = {json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()}
    assert ids == {"dz-p-1", "dz-pp-1", "dz-p-2", "dz-g-1", "dz-m-1", "dz-a-1", "dz-s-1"}
    stdout = cli("export", "--format", "ftm").stdout
    assert len(stdout.splitlines()) == 7
    assert "audit trail intact" in cli("audit", "verify").stdout


def test_bad_invocations_say_what_is_wrong(cli: Cli, tmp_path: Path) -> None:
    cli("init")
    bad_country = cli("agency", "add", "XX-NCB", "--country", "XX", "--name", "Nowhere", code=2)
    assert "country" in bad_country.stderr
    unknown_owner = cli("import", str(DATA / "region.ftm.jsonl"), "--owner", "NOPE-NCB", code=3)
    assert "no agency 'NOPE-NCB'" in unknown_owner.stderr
    cli("agency", "add", "DZ-NCB", "--country", "DZ", "--name", "Bureau Alger")
    cli("agency", "add", "DZ-NCB", "--country", "DZ", "--name", "Bureau Alger", code=5)
    missing = cli("import", str(tmp_path / "nope.jsonl"), "--owner", "DZ-NCB", code=2)
    assert "no such file" in missing.stderr
    cli("user", "add", "x", "--agency", "DZ-NCB", "--role", "chief", code=2)
    short = cli(
        "user",
        "add",
        "dz.bureau",
        "--agency",
        "DZ-NCB",
        "--role",
        "bureau",
        "--password",
        "short",
        code=2,
    )
    assert "password" in short.stderr


def test_invalid_file_is_atomic_and_skip_invalid_writes_rejects(cli: Cli, tmp_path: Path) -> None:
    cli("agency", "add", "DZ-NCB", "--country", "DZ", "--name", "Bureau Alger")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "a", "schema": "Person", "properties": {"name": ["Salim Brahimi"]}})
        + "\n"
        + json.dumps(
            {
                "id": "b",
                "schema": "Person",
                "properties": {"name": ["Hakim Zerrouki"], "birthDate": ["2023-02-30"]},
            }
        )
        + "\n",
        encoding="utf-8",
    )
    failed = cli("import", str(bad), "--owner", "DZ-NCB", code=1)
    assert (
        "line 2" in failed.stderr
        and "birthDate" in failed.stderr
        and "nothing imported" in failed.stderr
    )
    assert cli("export").stdout == ""
    partial = cli("import", str(bad), "--owner", "DZ-NCB", "--skip-invalid", code=1)
    assert "1 created" in partial.stdout and "bad.jsonl.rejected.jsonl" in partial.stderr
    assert (tmp_path / "bad.jsonl.rejected.jsonl").exists()
    assert len(cli("export").stdout.splitlines()) == 1


def test_generate_is_deterministic(cli: Cli) -> None:
    first = cli("generate", "--persons", "60", "--seed", "7").stdout
    assert "generated" in first
    exported = cli("export").stdout
    cli("generate", "--persons", "60", "--seed", "7")
    assert cli("export").stdout.count("\n") == exported.count("\n")
