from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import DATA, Cli, cli  # noqa: F401 - the fixture


def test_screen_an_imported_file_single_and_batch(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    cli("agency", "add", "DZ-NCB", "--country", "DZ", "--name", "Bureau Alger")
    cli("agency", "add", "MA-NCB", "--country", "MA", "--name", "Bureau Rabat")
    cli("user", "add", "ma.officer", "--agency", "MA-NCB", "--role", "officer")
    cli("import", str(DATA / "region.ftm.jsonl"), "--owner", "DZ-NCB")
    single = cli(
        "screen",
        "عبد القادر ولد الشيخ",
        "--dob",
        "1979",
        "--purpose",
        "border-control",
        "--as",
        "ma.officer",
        "--json",
    )
    data = json.loads(single.stdout)
    assert data["results"][0]["record_id"] == "dz-p-1" and data["results"][0]["hit"]
    queries = tmp_path / "passengers.jsonl"
    queries.write_text(
        json.dumps({"id": "1", "name": "ABDELKADER OULD CHEIKH", "birthDate": "1979-03-14"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "3", "name": "Fatima Zohra Benali", "document": "109880011"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.jsonl"
    batch = cli(
        "screen",
        "--batch",
        str(queries),
        "--purpose",
        "border-control",
        "--as",
        "ma.officer",
        "--output",
        str(out),
        code=1,
    )
    assert "line 2" in batch.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x.get("query_id") for x in lines] == ["1", None, "3"]
    assert lines[0]["results"][0]["record_id"] == "dz-p-1"
    assert lines[1]["line"] == 2 and lines[1]["errors"]
    assert lines[2]["results"][0]["record_id"] == "dz-p-2"
    cli("screen", "Ali", "--as", "ma.officer", code=2)  # no purpose
