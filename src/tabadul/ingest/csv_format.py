"""Reading persons (and, optionally, one travel document each) from CSV.

The format, documented for users in docs/import-export.md:

* UTF-8, comma-separated, ``"``-quoted where needed; a header row is required and
  names the columns (any order, case-insensitive). ``id`` and ``name`` are required
  columns; every other column is optional, and an unknown column is an error.
* One row per person. In the columns marked *several* below, ``|`` separates values
  (``Ahmed Salem|Ahmad Salim``); other cells are taken whole.
* A row whose ``document_*`` cells are filled also gives a travel document held by the
  person (``document_number`` is then required).

Line numbers are file lines (the header is line 1; a row with a quoted line break is
reported at the line where it starts).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import IO, Any, Final

from tabadul.domain.enums import IdentifierKind, NameKind
from tabadul.ingest._person import PersonLayout, build_person, single
from tabadul.ingest._validate import FieldProblem, Origins, validate
from tabadul.ingest.errors import LineError, ParsedRecord, clip
from tabadul.model.records import DocumentIn, PersonIn

__all__ = ["COLUMNS", "DOCUMENT_COLUMNS", "MULTI_VALUED", "PERSON_COLUMNS", "read_csv"]

PERSON_LAYOUT: Final = PersonLayout(
    names=(
        ("name", NameKind.PRIMARY),
        ("alias", NameKind.ALIAS),
        ("weak_alias", NameKind.WEAK_ALIAS),
        ("birth_name", NameKind.BIRTH_NAME),
    ),
    parts=(
        ("first", "first_name"),
        ("middle", "middle_name"),
        ("last", "last_name"),
        ("father", "father_name"),
        ("mother", "mother_name"),
    ),
    birth_date="birth_date",
    birth_place="birth_place",
    nationalities=("nationality",),
    gender="gender",
    identifiers=(
        ("passport_number", IdentifierKind.PASSPORT),
        ("id_number", IdentifierKind.NATIONAL_ID),
        ("other_id", IdentifierKind.OTHER),
    ),
    notes="notes",
)
SHARING_COLUMNS: Final = ("handling_code", "handling_conditions", "visibility", "purposes")
PERSON_COLUMNS: Final = (
    "id",
    *(column for column, _ in PERSON_LAYOUT.names),
    *(column for _, column in PERSON_LAYOUT.parts),
    "birth_date",
    "birth_place",
    "nationality",
    "gender",
    *(column for column, _ in PERSON_LAYOUT.identifiers),
    "notes",
    *SHARING_COLUMNS,
)
DOCUMENT_COLUMNS: Final = (
    "document_id",
    "document_number",
    "document_type",
    "document_issuer",
    "document_status",
    "document_issue_date",
    "document_expiry_date",
)
COLUMNS: Final = (*PERSON_COLUMNS, *DOCUMENT_COLUMNS)
MULTI_VALUED: Final = frozenset(
    {
        *(column for column, _ in PERSON_LAYOUT.names),
        *(column for column, _ in PERSON_LAYOUT.identifiers),
        "birth_date",
        "birth_place",
        "nationality",
        "purposes",
    }
)
"""Columns in which ``|`` separates several values."""
REQUIRED: Final = ("id", "name")
SEPARATOR: Final = "|"

_KNOWN = frozenset(COLUMNS)

Result = ParsedRecord | LineError


def read_csv(stream: IO[bytes]) -> Iterator[Result]:
    """Read persons from a CSV file (binary stream).

    Yields, per row, the person's :class:`ParsedRecord` (and its document's, when the
    row has one), or the :class:`LineError`\\ s that stop the row. A header problem
    stops the whole file.
    """
    undecodable: dict[int, str] = {}
    reader = csv.reader(_decoded_lines(stream, undecodable), strict=True)
    end = 0
    header: list[str] | None = None
    rows = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            yield LineError(start, None, f"not valid CSV: {exc}")
            continue
        end = reader.line_num
        bad = [undecodable.pop(n) for n in range(start, end + 1) if n in undecodable]
        if bad:
            yield LineError(start, None, bad[0])
            if header is None:
                return
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        if header is None:
            header, problems = _header(row)
            if problems:
                yield from (LineError(start, p.field, p.reason) for p in problems)
                return
            continue
        rows += 1
        yield from _row(row, header, start)
    if header is None:
        yield LineError(1, None, "the file is empty: nothing to import")
    elif rows == 0:
        yield LineError(1, None, "the file has a header but no rows: nothing to import")


def _decoded_lines(stream: IO[bytes], undecodable: dict[int, str]) -> Iterator[str]:
    for number, raw in enumerate(stream, 1):
        line = raw[3:] if number == 1 and raw.startswith(codecs.BOM_UTF8) else raw
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as exc:
            undecodable[number] = (
                f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1}): "
                "save the file as UTF-8"
            )
            yield line.decode("utf-8", "replace")


def _header(row: list[str]) -> tuple[list[str], list[FieldProblem]]:
    header = [cell.strip().lower() for cell in row]
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for written, column in zip(row, header, strict=True):
        shown = clip(written.strip())
        if column not in _KNOWN:
            problems.append(
                FieldProblem(
                    column[:60],
                    f"unknown column {shown}; the columns are: {', '.join(COLUMNS)}",
                )
            )
        elif column in seen:
            problems.append(FieldProblem(column, f"column {shown} appears twice"))
        seen.add(column)
    for column in REQUIRED:
        if column not in seen:
            problems.append(FieldProblem(column, f"the header needs a {column!r} column"))
    return header, problems


def _values(row: list[str], header: list[str]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for column, cell in zip(header, row, strict=True):
        if not cell.strip():
            continue
        if column in MULTI_VALUED:
            found = [v for v in (part.strip() for part in cell.split(SEPARATOR)) if v]
            if found:
                values[column] = found
        else:
            values[column] = [cell.strip()]
    return values


def _row(row: list[str], header: list[str], line: int) -> Iterator[Result]:
    if len(row) != len(header):
        reason = f"the row has {len(row)} cells; the header has {len(header)} columns"
        yield LineError(line, None, reason)
        return
    values = _values(row, header)
    person_id = values.get("id", [""])[0].strip() or None
    try:
        person = _person_data(values)
        document = _document_data(values, person_id)
    except FieldProblem as problem:
        yield LineError(line, problem.field, problem.reason, person_id)
        return
    results: list[Any] = [validate(PersonIn, *person)]
    if document is not None:
        results.append(validate(DocumentIn, *document))
    errors = [
        LineError(line, p.field, p.reason, person_id)
        for result in results
        if isinstance(result, list)
        for p in result
    ]
    if errors:
        yield from errors
        return
    yield ParsedRecord(line, results[0])
    if document is not None:
        yield ParsedRecord(line, results[1], (("id", results[0].external_id),))


def _sharing(values: dict[str, list[str]], data: dict[str, Any], origins: Origins) -> None:
    sharing: dict[str, Any] = {}
    for column in SHARING_COLUMNS:
        origins.note(f"sharing.{column}", column)
        if column in values:
            sharing[column] = values[column] if column == "purposes" else single(values, column)
    origins.note("sharing", "handling_conditions")
    if sharing:
        data["sharing"] = sharing


def _person_data(values: dict[str, list[str]]) -> tuple[dict[str, Any], Origins]:
    origins = Origins()
    if "id" not in values:
        raise FieldProblem("id", "every row needs an id")
    data = build_person(values, PERSON_LAYOUT, origins, [])
    data["external_id"] = values["id"][0]
    origins.note("external_id", "id")
    _sharing(values, data, origins)
    return data, origins


_DOCUMENT_FIELDS: Final = (
    ("external_id", "document_id"),
    ("number", "document_number"),
    ("doc_type", "document_type"),
    ("issuer", "document_issuer"),
    ("status", "document_status"),
    ("issue_date", "document_issue_date"),
    ("expiry_date", "document_expiry_date"),
)


def _document_data(
    values: dict[str, list[str]], person_id: str | None
) -> tuple[dict[str, Any], Origins] | None:
    if not any(column in values for column in DOCUMENT_COLUMNS):
        return None
    if "document_number" not in values:
        raise FieldProblem("document_number", "a row with a document needs its number")
    origins = Origins()
    data: dict[str, Any] = {"holder": person_id, "external_id": f"{person_id}-document"}
    origins.note("holder", "id")
    for field, column in _DOCUMENT_FIELDS:
        origins.note(field, column)
        if column in values:
            value = values[column][0]
            if field in {"doc_type", "status"}:
                value = value.strip().lower().replace(" ", "_").replace("-", "_")
            data[field] = value
    _sharing(values, data, origins)
    return data, origins
