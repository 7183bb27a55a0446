"""Reading a passenger list: each line of a batch file becomes a query to screen, or
the errors that keep it from being one.

One reader for every way a list comes in — ``tabadul screen --batch`` (JSON lines) and
the web's upload (JSON lines or CSV) — so a line refused by one is refused by the other
with the same words. A broken line never stops a list (the bad-input rule): it is
answered with its line number and each field at fault, and every other line is still
screened. The readers therefore yield, in line order, a :class:`QueryLine` or a
:class:`BrokenLine` for each line that is not blank.

The formats:

- **JSON lines**: one object a line, ``{"id", "name", "birthDate"?, "nationality"?,
  "document"?}`` (:class:`~tabadul.service.screening.ScreenQuery` says what each field
  takes). A line without an ``id`` is answered under its line number; a number is a
  fine id.
- **CSV**: UTF-8, a header row naming the columns — ``id``, ``name``, ``birthDate``,
  ``nationality``, ``document``, in any order; ``name`` is required, the others may be
  left out, and ``birth_date`` is taken for ``birthDate``. Comma-separated, or
  semicolon- or tab-separated as spreadsheets in French write them (the header row
  tells which). An empty cell is a value not known; a row without an ``id`` is answered
  under its line number.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from tabadul.service.errors import FieldError, InvalidInput
from tabadul.service.screening import ScreenQuery, invalid_query

__all__ = [
    "CSV_COLUMNS",
    "WHOLE_LINE",
    "BrokenLine",
    "PassengerLine",
    "QueryLine",
    "errors_json",
    "printable_id",
    "read_csv",
    "read_jsonl",
    "read_jsonl_line",
]

WHOLE_LINE = "(line)"
"""The field an error names when the line as a whole cannot be read."""

CSV_COLUMNS = ("id", "name", "birthDate", "nationality", "document")
"""The columns a CSV passenger list may have, as its header row names them."""

_CSV_NAMES = {c.lower(): c for c in CSV_COLUMNS} | {"birth_date": "birthDate"}
_DELIMITERS = (",", ";", "\t")
_BOM = "\ufeff"


@dataclass(frozen=True)
class QueryLine:
    """A line that is a query to screen."""

    line: int
    query: ScreenQuery


@dataclass(frozen=True)
class BrokenLine:
    """A line that cannot be screened: its number, its query id where one could be
    read, and what is wrong, field by field."""

    line: int
    query_id: str | None
    errors: tuple[FieldError, ...]

    def as_json(self) -> dict[str, Any]:
        """The line's answer as batch results write it (``tabadul screen --batch``)."""
        return {
            "query_id": self.query_id,
            "line": self.line,
            "errors": errors_json(self.errors),
        }


PassengerLine = QueryLine | BrokenLine


def errors_json(errors: Iterable[FieldError]) -> list[dict[str, str]]:
    """A refused query's errors as batch answers give them (the API's, the CLI's and
    the web's downloads): the field, and what is wrong with it."""
    return [
        {"field": ".".join(str(p) for p in e.loc) or "(query)", "message": e.message}
        for e in errors
    ]


def printable_id(value: object) -> str:
    """A query's id as it can be answered: text, with what no file or response can
    hold (half of a UTF-16 surrogate pair, which JSON may escape) replaced."""
    return str(value).encode("utf-8", "replace").decode("utf-8")


def _whole_line(number: int, message: str, query_id: str | None = None) -> BrokenLine:
    return BrokenLine(number, query_id, (FieldError((WHOLE_LINE,), message),))


def _not_utf8(number: int, exc: UnicodeDecodeError) -> BrokenLine:
    return _whole_line(number, f"not UTF-8 text: byte {exc.start + 1} cannot be read")


def _query(number: int, fields: dict[str, Any], given: object) -> PassengerLine:
    """The query of one line's fields, or the line's errors, each naming its field."""
    query_id = printable_id(number if given is None else given)
    # A number is a fine id; text is checked as given.
    fields["id"] = given if isinstance(given, str) else query_id
    try:
        return QueryLine(number, ScreenQuery.model_validate(fields))
    except ValidationError as exc:
        return BrokenLine(number, query_id, tuple(invalid_query(exc).errors))


def read_jsonl_line(number: int, raw: bytes) -> PassengerLine | None:
    """One line of a JSON-lines list (None for a blank line)."""
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        return _not_utf8(number, exc)
    if number == 1:
        text = text.removeprefix(_BOM)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _whole_line(number, f"not JSON: {exc.msg} (column {exc.colno})")
    except ValueError as exc:  # a number too long to convert
        return _whole_line(number, str(exc)[:200])
    if not isinstance(data, dict):
        return _whole_line(number, 'a query line is a JSON object: {"id": ..., "name": ...}')
    return _query(number, data, data.get("id"))


def read_jsonl(lines: Iterable[bytes]) -> Iterator[PassengerLine]:
    """The lines of a JSON-lines list, as they come (a file opened in binary mode)."""
    for number, raw in enumerate(lines, start=1):
        item = read_jsonl_line(number, raw)
        if item is not None:
            yield item


def _header(number: int, text: str) -> tuple[str, list[str]]:
    """The separator and the columns a header row names; raises :class:`InvalidInput`
    (field ``file``) for a header that is not one."""
    delimiter = max(_DELIMITERS, key=text.count)
    names = next(csv.reader([text], delimiter=delimiter))
    columns: list[str] = []
    problems: list[str] = []
    for raw in names:
        name = raw.strip()
        column = _CSV_NAMES.get(name.lower())
        if column is None:
            problems.append(f"unknown column {name[:40]!r}")
        elif column in columns:
            problems.append(f"column {column!r} is named twice")
        else:
            columns.append(column)
    if "name" not in columns:
        problems.append("there is no 'name' column")
    if problems:
        allowed = ",".join(CSV_COLUMNS)
        message = f"line {number}, the header row: {'; '.join(problems)}. Use: {allowed}"
        raise InvalidInput([FieldError(("file",), message)])
    return delimiter, columns


def read_csv(lines: Iterable[bytes]) -> list[PassengerLine]:
    """The rows of a CSV list, in line order (a row is numbered by the line it starts
    on). Raises :class:`InvalidInput` on the field ``file`` when the header row is
    missing or names a column that is not one of :data:`CSV_COLUMNS`; a row that is
    wrong is a :class:`BrokenLine`."""
    answers: list[PassengerLine] = []
    body: list[tuple[int, str]] = []
    header: tuple[str, list[str]] | None = None
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if header is None:
                message = f"line {number}, the header row: not UTF-8 text; save the file as UTF-8"
                raise InvalidInput([FieldError(("file",), message)]) from None
            answers.append(_not_utf8(number, exc))
            continue
        if header is None:
            text = text.removeprefix(_BOM)
            if text.strip():
                header = _header(number, text.rstrip("\r\n"))
            continue
        body.append((number, text))
    if header is None:
        raise InvalidInput([FieldError(("file",), "the file is empty: no header row")])
    delimiter, columns = header
    fed = 0

    def feed() -> Iterator[str]:
        nonlocal fed
        while fed < len(body):
            fed += 1
            yield body[fed - 1][1]

    reader = csv.reader(feed(), delimiter=delimiter)
    while fed < len(body):
        start = body[fed][0]
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            answers.append(_whole_line(start, f"not a CSV row: {exc}"[:200]))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            given = row[columns.index("id")] if "id" in columns else None
            message = f"{len(row)} values, but the header row names {len(columns)} columns"
            answers.append(_whole_line(start, message, printable_id(given or start)))
            continue
        fields: dict[str, Any] = {c: v.strip() for c, v in zip(columns, row, strict=False)}
        answers.append(_query(start, fields, fields.pop("id", None) or None))
    answers.sort(key=lambda item: item.line)
    return answers
