"""Bad input to ``tabadul screen``, single and ``--batch``: exit 2 naming the field for
one query; in a batch, every line answered in order — results, or the line's errors
naming the query and the field — with exit 1 when any line was refused. (In-process
through typer's runner, against the test's database.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tabadul.cli import app as tabadul_cli
from tabadul.service import Tabadul
from tests.service.test_screen_bad_input import MIXED, REFUSED, SAME_AS_PLAIN, setup

OPTION = {"birthDate": "--dob", "nationality": "--nationality", "document": "--document"}
AS = ["--purpose", "border-control", "--as", "ma.officer"]


class Screen:
    def __init__(self, db_url: str) -> None:
        self.env = {"TABADUL_DATABASE_URL": db_url, "COLUMNS": "200"}

    def __call__(self, *args: str, code: int = 0) -> Result:
        result = CliRunner().invoke(tabadul_cli, ["screen", *args], env=self.env)
        assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result

    def json(self, name: str) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = json.loads(self(name, *AS, "--json").stdout)["results"]
        return [{k: v for k, v in r.items() if k != "hit_id"} for r in results]


@pytest.fixture
def screen(app: Tabadul, db_url: str) -> Screen:
    setup(app)
    return Screen(db_url)


def as_arguments(fields: dict[str, Any]) -> list[str] | None:
    """The command line for a query, or None where a command line cannot say it."""
    if "name" not in fields or not set(fields) <= {"name", *OPTION}:
        return None
    if not all(isinstance(v, str) and "\x00" not in v for v in fields.values()):
        return None  # only text, and no NUL, can be an argument
    args = [fields["name"]]
    for key, option in OPTION.items():
        if key in fields:
            args += [option, fields[key]]
    return args


def test_each_bad_query_exits_2_naming_the_field(screen: Screen) -> None:
    tried = 0
    for case, fields, field, words in REFUSED:
        args = as_arguments(fields)
        if args is None:
            continue
        tried += 1
        result = screen(*args, *AS, code=2)
        assert f"{field}:" in result.stderr, (case, result.stderr)
        assert words.lower() in result.stderr.lower(), (case, result.stderr)
        assert "Value error" not in result.stderr and "Traceback" not in result.output
    assert tried >= 15
    markup = screen("Youcef Haddad", "--dob", "[/]", *AS, code=2)  # rich markup: printed as is
    assert "birthDate: '[/]' is not a date" in markup.stderr


def test_a_query_id_may_be_a_number_and_defaults_to_the_line(
    screen: Screen, tmp_path: Path
) -> None:
    source = tmp_path / "passengers.jsonl"
    source.write_text('{"id": 7, "name": "Youcef Haddad"}\n{"name": "Youcef Haddad"}\n')
    output = tmp_path / "results.jsonl"
    screen("--batch", str(source), *AS, "--output", str(output))
    answers = [json.loads(x) for x in output.read_text().splitlines()]
    assert [a["query_id"] for a in answers] == ["7", "2"]
    assert all(a["results"][0]["record_id"] == "p-2" for a in answers)


def test_invisible_marks_and_odd_spacing_screen_like_the_plain_name(screen: Screen) -> None:
    for case, name, plain in SAME_AS_PLAIN:
        odd = screen.json(name)
        assert odd, f"{case}: a silent empty result"
        assert odd == screen.json(plain), case


def test_mixed_scripts_are_screened(screen: Screen) -> None:
    for case, name, record_id, must_hit in MIXED:
        [top, *_] = screen.json(name)
        assert top["record_id"] == record_id, (case, top)
        assert top["hit"] or not must_hit, (case, top)


def test_blank_options_mean_not_given(screen: Screen) -> None:
    result = screen("Youcef Haddad", "--dob", "", "--nationality", " ", *AS, "--json")
    assert json.loads(result.stdout)["results"][0]["record_id"] == "p-2"


# Lines that are not queries at all: (the line as bytes, words of the error).
BROKEN_LINES: list[tuple[bytes, str]] = [
    (b"{not json", "expecting"),
    (b'["Youcef", "Haddad"]', "object"),
    (b'"Youcef Haddad"', "object"),
    (b"42", "object"),
    (b"null", "object"),
    (b'{"id": "cut", "name": "Youcef Ha', "unterminated"),
    ('{"id": "latin-1", "name": "Youcef Haddad"}'.replace("Y", "\xdd").encode("latin-1"), "utf-8"),
    (b'{"id": "\\ud800", "name": "Youcef Haddad"}', "id"),
    (b'{"id": "surrogate", "name": "Youcef \\ud800Haddad"}', "name"),
    (b'{"id": "[/]", "name": "Youcef Haddad", "birthDate": "[/b]"}', "birthdate"),
]


def test_a_batch_answers_every_line_and_names_each_bad_one(screen: Screen, tmp_path: Path) -> None:
    bad = [{"id": f"bad-{n}", **fields} for n, (_, fields, _, _) in enumerate(REFUSED)]
    lines = [
        json.dumps({"id": "first", "name": "Mohamed Ould Cheikh", "birthDate": "1979"}).encode(),
        *(json.dumps(q, ensure_ascii=False).encode() for q in bad),
        *(line for line, _ in BROKEN_LINES),
        b"   ",  # blank: skipped, not an error
        json.dumps({"id": "last", "name": "\u200fيوسف حداد"}, ensure_ascii=False).encode(),
    ]
    source = tmp_path / "passengers.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    output = tmp_path / "results.jsonl"
    result = screen("--batch", str(source), *AS, "--output", str(output), code=1)
    refused = len(REFUSED) + len(BROKEN_LINES)
    assert f"screened 2 queries, {refused} refused" in result.stdout
    answers = [json.loads(x) for x in output.read_text(encoding="utf-8").splitlines()]
    assert len(answers) == 2 + refused
    first, *wrong, last = answers
    assert first["query_id"] == "first" and first["results"][0]["record_id"] == "p-1"
    assert last["query_id"] == "last" and last["results"][0]["record_id"] == "p-2"
    for n, (answer, (case, _, field, words)) in enumerate(zip(wrong, REFUSED, strict=False)):
        assert answer["query_id"] == f"bad-{n}" and answer["line"] == n + 2, (case, answer)
        [error, *_] = answer["errors"]
        assert error["field"] == field, (case, answer)
        assert words.lower() in error["message"].lower(), (case, error)
        assert not error["message"].startswith("Value error"), error
        assert f"passengers.jsonl:line {n + 2} (query bad-{n}), field {field}:" in " ".join(
            result.stderr.split()
        ), case
    for answer, (line, words) in zip(wrong[len(REFUSED) :], BROKEN_LINES, strict=True):
        assert "results" not in answer and answer["errors"], (line, answer)
        assert words in json.dumps(answer["errors"]).lower(), (line, answer)
    assert "Traceback" not in result.output


def test_a_batch_of_nothing_but_broken_lines(screen: Screen, tmp_path: Path) -> None:
    source = tmp_path / "broken.jsonl"
    source.write_bytes(b"{not json\n\x00\x01\n")
    output = tmp_path / "results.jsonl"
    result = screen("--batch", str(source), *AS, "--output", str(output), code=1)
    assert "screened 0 queries, 2 refused" in result.stdout
    assert [json.loads(x)["line"] for x in output.read_text().splitlines()] == [1, 2]
