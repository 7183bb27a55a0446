"""Reading persons (and their travel documents) from CSV."""

from __future__ import annotations

import io
from pathlib import Path

from tabadul.domain.enums import (
    DocumentStatus,
    DocumentType,
    Gender,
    HandlingCode,
    IdentifierKind,
    NameKind,
)
from tabadul.ingest import LineError, ParsedRecord, read_csv
from tabadul.ingest.csv_format import COLUMNS
from tabadul.model.records import DocumentIn, IdentifierIn, NameIn, PersonIn, Sharing

DATA = Path(__file__).parent / "data"


def read(text: str | bytes) -> list[ParsedRecord | LineError]:
    raw = text.encode() if isinstance(text, str) else text
    return list(read_csv(io.BytesIO(raw)))


def errors(results: list[ParsedRecord | LineError]) -> list[tuple[int, str | None]]:
    return [(r.line, r.field) for r in results if isinstance(r, LineError)]


def test_sample_file() -> None:
    with (DATA / "persons.csv").open("rb") as stream:
        results = list(read_csv(stream))
    assert errors(results) == []
    said, passport, zaina = results
    assert isinstance(said, ParsedRecord) and isinstance(passport, ParsedRecord)
    assert isinstance(zaina, ParsedRecord)
    assert said.line == 2
    assert said.record == PersonIn(
        external_id="km-p-001",
        sharing=Sharing(handling_code=HandlingCode.H1),
        names=[
            NameIn(
                full_name="Said Ali Mohamed",
                parts={"first": "Said", "father": "Ali", "last": "Mohamed"},
            ),
            NameIn(full_name="سعيد علي محمد"),
            NameIn(full_name="Said Ali", kind=NameKind.ALIAS),
            NameIn(full_name="Abou Said", kind=NameKind.WEAK_ALIAS),
        ],
        birth_dates=["1979-11-02", "1979"],
        birth_places=["Moroni"],
        nationalities=["KM"],
        gender=Gender.MALE,
        identifiers=[IdentifierIn(kind=IdentifierKind.PASSPORT, number="KM0099887")],
    )
    assert passport.line == 2
    assert passport.record == DocumentIn(
        external_id="km-p-001-document",
        sharing=Sharing(handling_code=HandlingCode.H1),
        holder="km-p-001",
        doc_type=DocumentType.PASSPORT,
        number="KM0099887",
        issuer="KM",
        status=DocumentStatus.LOST,
    )
    assert passport.references == (("id", "km-p-001"),)
    assert zaina.line == 3
    person = zaina.record
    assert isinstance(person, PersonIn)
    assert person.names == [
        NameIn(full_name="Zaina Abdallah", parts={"first": "Zaina", "last": "Abdallah"})
    ]
    assert person.nationalities == ["KM", "FR"]
    assert person.gender is Gender.FEMALE
    assert person.identifiers == [
        IdentifierIn(kind=IdentifierKind.NATIONAL_ID, number="KM-ID-5566")
    ]


def test_unknown_column_is_reported_on_line_1() -> None:
    results = read("id,name,shoe_size\np1,Test Person,44\n")
    assert errors(results) == [(1, "shoe_size")]
    error = results[0]
    assert isinstance(error, LineError)
    assert error.reason.startswith("unknown column 'shoe_size'; the columns are: id, name,")


def test_missing_required_column() -> None:
    results = read("name,birth_date\nTest Person,1980\n")
    assert errors(results) == [(1, "id")]


def test_duplicate_column() -> None:
    assert errors(read("id,name,Name\np1,A,B\n")) == [(1, "name")]


def test_bad_value_names_line_and_column() -> None:
    results = read("id,name,birth_date\np1,Test One,1980\np2,Test Two,2023-02-30\n")
    assert isinstance(results[0], ParsedRecord)
    error = results[1]
    assert isinstance(error, LineError)
    assert str(error) == "line 3, field birth_date: '2023-02-30': February 2023 has no day 30"
    assert error.entity_id == "p2"


def test_quoted_line_break_keeps_line_numbers() -> None:
    text = 'id,name,notes\np1,Test One,"two\nlines"\np2,Test Two,x\np3,,\n'
    results = read(text)
    assert [r.line for r in results] == [2, 4, 5]
    assert errors(results) == [(5, "name")]
    first = results[0]
    assert isinstance(first, ParsedRecord) and isinstance(first.record, PersonIn)
    assert first.record.notes == "two\nlines"


def test_line_that_is_not_utf8() -> None:
    raw = "id,name\np1,Zoé\n".encode("latin-1") + b"p2,Test Two\n"
    results = read(raw)
    assert errors(results) == [(2, None)]
    error = results[0]
    assert isinstance(error, LineError)
    assert error.reason.startswith("not valid UTF-8 (byte 0xe9 at column 6)")
    assert isinstance(results[1], ParsedRecord)


def test_empty_file_and_header_only() -> None:
    (error,) = read("")
    assert isinstance(error, LineError)
    assert error.reason == "the file is empty: nothing to import"
    (error,) = read("\n\n")
    assert isinstance(error, LineError)
    (error,) = read("id,name\n")
    assert isinstance(error, LineError)
    assert "no rows" in error.reason


def test_wrong_number_of_cells() -> None:
    assert errors(read("id,name\np1,A,extra\n")) == [(2, None)]


def test_document_needs_a_number() -> None:
    assert errors(read("id,name,document_status\np1,A,stolen\n")) == [(2, "document_number")]


def test_document_errors_name_document_columns() -> None:
    results = read("id,name,document_number,document_type\np1,A,X1,boarding pass\n")
    assert errors(results) == [(2, "document_type")]


def test_twenty_thousand_character_name() -> None:
    (error,) = read("id,name\np1," + "A" * 20_000 + "\n")
    assert isinstance(error, LineError)
    assert error.field == "name"
    assert "20000 characters long; at most 400 are allowed" in error.reason
    assert len(str(error)) < 200


def test_h3_needs_conditions() -> None:
    results = read("id,name,handling_code\np1,A,H3\n")
    assert errors(results) == [(2, "handling_conditions")]
    results = read('id,name,handling_code,handling_conditions\np1,A,H3,"Ask first"\n')
    assert errors(results) == []


def test_docs_name_every_column() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "import-export.md").read_text("utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in docs, column
