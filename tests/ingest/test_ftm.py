"""Reading FollowTheMoney JSON lines: a realistic file, and one test per kind of bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from tabadul.domain.enums import (
    DocumentStatus,
    DocumentType,
    EventType,
    Gender,
    GroupKind,
    HandlingCode,
    IdentifierKind,
    JudicialStatus,
    LinkType,
    NameKind,
    NoticeStatus,
    NoticeType,
    OffenceCategory,
    Visibility,
)
from tabadul.ingest import LineError, ParsedRecord, read_ftm
from tabadul.ingest._ftm_schemata import SCHEMATA
from tabadul.ingest.ftm import LINE_MAX
from tabadul.model.records import (
    AntecedentIn,
    DocumentIn,
    EventIn,
    GroupIn,
    IdentifierIn,
    LinkIn,
    NameIn,
    NoticeIn,
    PersonIn,
    Sharing,
)

DATA = Path(__file__).parent / "data"


def read_lines(*entities: dict[str, Any] | str | bytes) -> list[ParsedRecord | LineError]:
    lines = []
    for entity in entities:
        if isinstance(entity, dict):
            lines.append(json.dumps(entity, ensure_ascii=False).encode())
        elif isinstance(entity, str):
            lines.append(entity.encode())
        else:
            lines.append(entity)
    return list(read_ftm(io.BytesIO(b"\n".join(lines) + b"\n")))


def only_error(results: list[ParsedRecord | LineError]) -> LineError:
    assert len(results) == 1, results
    assert isinstance(results[0], LineError), results
    return results[0]


def person(**props: list[str]) -> dict[str, Any]:
    return {"id": "p1", "schema": "Person", "properties": {"name": ["Test Person"], **props}}


# --- a realistic file --------------------------------------------------------------------


def test_sample_file_gives_the_expected_records() -> None:
    with (DATA / "sample.ftm.jsonl").open("rb") as stream:
        results = list(read_ftm(stream))
    errors = [r for r in results if isinstance(r, LineError)]
    assert errors == []
    by_id = {r.record.external_id: r for r in results if isinstance(r, ParsedRecord)}
    assert len(by_id) == 12

    sidi = by_id["mr-p-0001"]
    assert sidi.line == 1
    assert sidi.record == PersonIn(
        external_id="mr-p-0001",
        sharing=Sharing(
            handling_code=HandlingCode.H2,
            visibility=Visibility.HIT_ONLY,
            purposes=["counter-terrorism"],
        ),
        names=[
            NameIn(
                full_name="Sidi Ould Bechir",
                parts={"first": "Sidi", "father": "Bechir", "last": "Ould Bechir"},
            ),
            NameIn(full_name="سيدي ولد البشير"),
            NameIn(full_name="Sidi Bechir", kind=NameKind.ALIAS),
            NameIn(full_name="Abou Hafs", kind=NameKind.WEAK_ALIAS),
        ],
        birth_dates=["1986-03-14"],
        birth_places=["Nouadhibou"],
        nationalities=["MR", "ML"],
        gender=Gender.MALE,
        identifiers=[
            IdentifierIn(kind=IdentifierKind.PASSPORT, number="B01234567"),
            IdentifierIn(kind=IdentifierKind.NATIONAL_ID, number="MR-4455-66"),
        ],
        notes="Fictional person for the import tests.",
    )
    assert sidi.ignored == ("topics", "sourceUrl")
    assert sidi.references == ()

    mariem = by_id["mr-p-0002"].record
    assert isinstance(mariem, PersonIn)
    assert mariem.names == [
        NameIn(full_name="Mariem Mint Ahmed", parts={"first": "Mariem", "last": "Mint Ahmed"}),
        NameIn(full_name="Mariem Mint Salem", kind=NameKind.BIRTH_NAME),
    ]

    passport = by_id["mr-d-0001"]
    assert passport.record == DocumentIn(
        external_id="mr-d-0001",
        sharing=Sharing(handling_code=HandlingCode.H0),
        holder="mr-p-0001",
        doc_type=DocumentType.PASSPORT,
        number="B01234567",
        issuer="MR",
        status=DocumentStatus.STOLEN,
        issue_date="2018-05-02",
        expiry_date="2028-05-01",
    )
    assert passport.references == (("holder", "mr-p-0001"),)
    assert passport.ignored == ("authority",)
    id_card = by_id["mr-d-0002"].record
    assert isinstance(id_card, DocumentIn)
    assert id_card.doc_type is DocumentType.ID_CARD

    group = by_id["mr-g-0001"].record
    assert group == GroupIn(
        external_id="mr-g-0001",
        sharing=Sharing(handling_code=HandlingCode.H1),
        group_kind=GroupKind.TERRORIST,
        name="Katibat al-Rimal al-Mutaharrika",
        aliases=["Moving Sands Brigade", "KRM"],
        countries=["MR", "ML", "NE"],
    )
    legal_entity = by_id["mr-g-0002"].record
    assert isinstance(legal_entity, GroupIn)
    assert legal_entity.group_kind is GroupKind.CRIMINAL

    membership = by_id["mr-l-0001"]
    assert membership.record == LinkIn(
        external_id="mr-l-0001",
        link_type=LinkType.LEADER_OF,
        source="mr-p-0001",
        target="mr-g-0001",
        role="Deputy leader",
        start_date="2015",
        source_text="DGSN field report 2021/17",
        confidence=0.8,
    )
    assert membership.references == (("member", "mr-p-0001"), ("organization", "mr-g-0001"))
    family = by_id["mr-l-0002"]
    assert isinstance(family.record, LinkIn)
    assert (family.record.link_type, family.record.role) == (LinkType.FAMILY_OF, "sister")
    assert family.references == (("person", "mr-p-0002"), ("relative", "mr-p-0001"))
    financing = by_id["mr-l-0003"].record
    assert isinstance(financing, LinkIn)
    assert (financing.link_type, financing.role) == (LinkType.FINANCES, None)

    case = by_id["mr-c-0001"]
    assert case.line == 11
    assert case.record == AntecedentIn(
        external_id="mr-c-0001",
        person="mr-p-0001",
        offence_category=OffenceCategory.MIGRANT_SMUGGLING,
        offence_date="2019-07",
        place="Rosso",
        country="MR",
        case_reference="2019/114",
        judicial_status=JudicialStatus.CONVICTED,
    )
    assert case.references == (("party", "mr-p-0001"),)
    assert case.ignored == ("court",)

    notice = by_id["mr-n-0001"]
    assert notice.record == NoticeIn(
        external_id="mr-n-0001",
        subject="mr-p-0001",
        notice_type=NoticeType.WANTED,
        status=NoticeStatus.IN_REVIEW,
        title="Regional watch list (demo)",
        reason="Suspected of facilitating cross-border smuggling.",
        action="Arrest and inform the issuing bureau",
        issued_date="2022-01-10",
    )
    assert notice.references == (("entity", "mr-p-0001"),)

    event = by_id["mr-e-0001"]
    assert event.record == EventIn(
        external_id="mr-e-0001",
        event_type=EventType.BORDER_CROSSING,
        occurred_on="2023-04-01",
        place="Rosso border post",
        country="MR",
        summary="Both crossed on foot; one was arrested.",
        participants=["mr-p-0001", "mr-p-0002"],
    )
    assert event.references == (("involved", "mr-p-0001"), ("involved", "mr-p-0002"))
    assert event.ignored == ()  # the name is FtM's required caption


def test_plain_sanction_is_a_draft_un_sanctions_notice() -> None:
    (result,) = read_lines(
        {
            "id": "s1",
            "schema": "Sanction",
            "properties": {
                "entity": ["p1"],
                "program": ["Demo programme"],
                "provisions": ["Asset freeze", "Travel ban"],
                "listingDate": ["2020-02-03"],
                "status": ["Active"],
            },
        }
    )
    assert isinstance(result, ParsedRecord)
    notice = result.record
    assert isinstance(notice, NoticeIn)
    assert notice.notice_type is NoticeType.UN_SANCTIONS
    assert notice.status is NoticeStatus.DRAFT
    assert notice.action == "Asset freeze; Travel ban"
    assert notice.issued_date == "2020-02-03"
    assert result.ignored == ("status",)


def test_byte_order_mark_and_crlf_line_ends_are_accepted() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(person()).encode() + b"\r\n\r\n"
    (result,) = read_ftm(io.BytesIO(raw))
    assert isinstance(result, ParsedRecord)


def test_owner_written_by_another_tabadul_is_passed_on() -> None:
    entity = person()
    entity["tabadul"] = {"owner": "DJ-POLICE", "handling_code": "H2"}
    (result,) = read_lines(entity)
    assert isinstance(result, ParsedRecord)
    assert result.owner == "DJ-POLICE"


def test_unknown_link_role_that_is_not_a_link_type_stays_a_role() -> None:
    entity = {
        "id": "l1",
        "schema": "UnknownLink",
        "properties": {"subject": ["a"], "object": ["b"], "role": ["Driver"]},
    }
    (result,) = read_lines(entity)
    assert isinstance(result, ParsedRecord)
    assert isinstance(result.record, LinkIn)
    assert (result.record.link_type, result.record.role) == (LinkType.OTHER, "Driver")


def test_several_first_names_beside_full_names_are_ignored_not_guessed() -> None:
    (result,) = read_lines(person(firstName=["Sidi", "Sid'Ahmed"], lastName=["Bechir"]))
    assert isinstance(result, ParsedRecord)
    assert isinstance(result.record, PersonIn)
    assert result.record.names[0].parts is None
    assert result.ignored == ("firstName", "lastName")


# --- bad input: one test each --------------------------------------------------------------


def test_empty_file() -> None:
    error = only_error(list(read_ftm(io.BytesIO(b""))))
    assert (error.line, error.field) == (1, None)
    assert error.reason == "the file is empty: nothing to import"
    error = only_error(list(read_ftm(io.BytesIO(b"\n  \n\n"))))
    assert "empty" in error.reason


def test_malformed_json() -> None:
    results = read_lines(person(), '{"id": "p2", "schema": "Person"', person())
    assert [type(r) for r in results] == [ParsedRecord, LineError, ParsedRecord]
    error = results[1]
    assert isinstance(error, LineError)
    assert error.line == 2
    assert error.field is None
    assert error.reason.startswith("not valid JSON: ")


def test_line_that_is_not_an_object() -> None:
    error = only_error(read_lines("[1, 2]"))
    assert error.reason == "each line must be one JSON object (an FtM entity), not a list"


def test_unknown_schema_lists_the_supported_ones() -> None:
    error = only_error(read_lines({"id": "c1", "schema": "Company", "properties": {}}))
    assert error.field == "schema"
    assert error.entity_id == "c1"
    assert "'Company' is not a schema tabadul imports" in error.reason
    assert "Person" in error.reason and "CourtCase" in error.reason


def test_missing_id() -> None:
    error = only_error(read_lines({"schema": "Person", "properties": {"name": ["X"]}}))
    assert error.field == "id"


def test_impossible_date() -> None:
    error = only_error(read_lines(person(birthDate=["1980", "2023-02-30"])))
    assert str(error) == "line 1, field birthDate: '2023-02-30': February 2023 has no day 30"
    assert error.entity_id == "p1"


def test_twenty_thousand_character_name() -> None:
    entity = {"id": "p1", "schema": "Person", "properties": {"name": ["A" * 20_000]}}
    error = only_error(read_lines(entity))
    assert error.field == "name"
    assert "20000 characters long; at most 400 are allowed" in error.reason
    assert len(error.reason) < 150


def test_huge_values_are_never_echoed_in_full() -> None:
    results = read_lines(
        person(birthDate=["9" * 5000], nationality=["x" * 5000], gender=["g" * 5000]),
        {"id": "p2", "schema": "P" * 5000},
        {"id": "p3", "schema": "Person", "properties": {"n" * 5000: ["x"]}},
    )
    assert len(results) == 5
    for error in results:
        assert isinstance(error, LineError)
        assert len(str(error)) < 400, str(error)


def test_line_that_is_not_utf8() -> None:
    latin1 = '{"id": "p2", "schema": "Person", "properties": {"name": ["Zoé"]}}'.encode("latin-1")
    results = read_lines(person(), latin1)
    error = results[1]
    assert isinstance(error, LineError)
    assert error.line == 2
    assert error.reason.startswith("not valid UTF-8 (byte 0xe9 at column 61)")


def test_unknown_property() -> None:
    error = only_error(read_lines(person(favouriteColour=["blue"])))
    assert error.field == "favouriteColour"
    assert "not a Person property that tabadul imports" in error.reason


def test_unknown_top_level_key() -> None:
    entity = person()
    entity["extra"] = 1
    error = only_error(read_lines(entity))
    assert error.field == "extra"


def test_property_value_must_be_a_list_of_strings() -> None:
    error = only_error(read_lines(person(birthDate="1980-01-01")))  # type: ignore[arg-type]
    assert error.field == "birthDate"
    assert "must be a list of strings" in error.reason
    error = only_error(read_lines(person(birthPlace=["Rosso", 3])))  # type: ignore[list-item]
    assert error.field == "birthPlace"


def test_several_values_where_tabadul_keeps_one() -> None:
    error = only_error(read_lines(person(gender=["male", "female"])))
    assert error.field == "gender"
    assert error.reason.startswith("one value expected, 2 given")


def test_wrong_enum_value_names_the_field() -> None:
    error = only_error(read_lines(person(gender=["unknown"])))
    assert error.field == "gender"
    assert error.reason == "'unknown' is not allowed: expected 'male', 'female' or 'other'"


def test_person_needs_a_name() -> None:
    entity = {"id": "p1", "schema": "Person", "properties": {"alias": ["Abu X"]}}
    error = only_error(read_lines(entity))
    assert error.field == "name"


def test_extension_errors() -> None:
    entity = person()
    entity["tabadul"] = {"handling_code": "H9", "colour": "red"}
    error = only_error(read_lines(entity))
    assert error.field == "tabadul.colour"
    entity["tabadul"] = {"handling_code": "H9"}
    error = only_error(read_lines(entity))
    assert error.field == "tabadul.handling_code"
    entity["tabadul"] = {"handling_code": "H3"}
    error = only_error(read_lines(entity))
    assert error.field == "tabadul.handling_conditions"
    entity["tabadul"] = "H2"
    error = only_error(read_lines(entity))
    assert error.field == "tabadul"


def test_link_to_itself() -> None:
    entity = {
        "id": "l1",
        "schema": "Associate",
        "properties": {"person": ["a"], "associate": ["a"]},
    }
    error = only_error(read_lines(entity))
    assert error.field == "associate"
    assert error.reason == "a link cannot join a record to itself"


def test_court_case_party_referencing_a_missing_case() -> None:
    party = {
        "id": "cp1",
        "schema": "CourtCaseParty",
        "properties": {"party": ["p1"], "case": ["c-missing"]},
    }
    results = read_lines(person(), party)
    assert isinstance(results[0], ParsedRecord)
    error = results[1]
    assert isinstance(error, LineError)
    assert (error.line, error.field, error.entity_id) == (2, "case", "cp1")
    assert error.reason == "case 'c-missing' is not in the file"


def test_court_case_without_a_party() -> None:
    case = {
        "id": "c1",
        "schema": "CourtCase",
        "properties": {"category": ["fraud"], "status": ["charged"]},
    }
    error = only_error(read_lines(person(), case)[1:])
    assert (error.line, error.field) == (2, None)
    assert "no CourtCaseParty" in error.reason


def test_court_case_with_two_parties() -> None:
    case = {
        "id": "c1",
        "schema": "CourtCase",
        "properties": {"category": ["fraud"], "status": ["charged"]},
    }

    def party(n: int) -> dict[str, Any]:
        return {
            "id": f"cp{n}",
            "schema": "CourtCaseParty",
            "properties": {"party": [f"p{n}"], "case": ["c1"]},
        }

    results = read_lines(case, party(1), party(2))
    assert isinstance(results[0], ParsedRecord)
    error = results[1]
    assert isinstance(error, LineError)
    assert (error.line, error.field) == (3, "case")
    assert "already has its party on line 2" in error.reason


def test_court_case_with_an_unknown_category() -> None:
    case = {
        "id": "c1",
        "schema": "CourtCase",
        "properties": {"category": ["Theft"], "status": ["charged"]},
    }
    party = {
        "id": "cp1",
        "schema": "CourtCaseParty",
        "properties": {"party": ["p1"], "case": ["c1"]},
    }
    error = only_error(read_lines(case, party))
    assert (error.line, error.field) == (1, "category")
    assert error.reason.startswith("'theft' is not allowed: expected 'terrorism'")


def test_party_of_an_unreadable_case_says_so() -> None:
    case = {
        "id": "c1",
        "schema": "CourtCase",
        "properties": {"category": ["fraud"], "bogus": ["x"]},
    }
    party = {
        "id": "cp1",
        "schema": "CourtCaseParty",
        "properties": {"party": ["p1"], "case": ["c1"]},
    }
    results = read_lines(case, party)
    assert [(r.line, r.field) for r in results if isinstance(r, LineError)] == [
        (1, "bogus"),
        (2, "case"),
    ]
    last = results[-1]
    assert isinstance(last, LineError)
    assert last.reason == "case 'c1' could not be read (line 1)"


@pytest.mark.parametrize(
    ("props", "field"),
    [
        ({"holder": ["p1"]}, "number"),
        ({"number": ["X1"], "passportNumber": ["X2"]}, "passportNumber"),
        ({"number": ["X1"], "country": ["atlantis"]}, "country"),
    ],
)
def test_document_problems(props: dict[str, list[str]], field: str) -> None:
    error = only_error(read_lines({"id": "d1", "schema": "Passport", "properties": props}))
    assert error.field == field


def test_line_error_str_without_a_field() -> None:
    assert str(LineError(4, None, "not valid JSON")) == "line 4: not valid JSON"


def test_overlong_line_is_refused_without_parsing() -> None:
    huge = {"id": "p1", "schema": "Person", "properties": {"name": ["x" * (LINE_MAX + 1)]}}
    error, after = read_lines(huge, person())
    assert isinstance(error, LineError)
    assert (error.line, error.reason[:12]) == (1, "the line is ")
    assert len(error.reason) < 100
    assert isinstance(after, ParsedRecord)


def test_docs_name_every_schema_property_and_extension_key() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "import-export.md").read_text("utf-8")
    for schema, spec in SCHEMATA.items():
        assert f"`{schema}`" in docs, schema
        for name in spec.accepted | spec.extension:
            assert f"`{name}`" in docs or f"`tabadul.{name}`" in docs, (schema, name)
