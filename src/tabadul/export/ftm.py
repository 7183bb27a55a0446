"""Writing tabadul records as FollowTheMoney (FtM) JSON lines.

Each record becomes one entity (an antecedent becomes two: a ``CourtCase`` and the
``CourtCaseParty`` naming the person), with FtM's conventions: property values are
lists of strings, countries lower-case ISO codes, dates ``YYYY[-MM[-DD]]``. What FtM
has no property for travels in the ``tabadul`` object beside ``properties``, which
standard FtM tools ignore and :func:`tabadul.ingest.read_ftm` reads back: reading a
written file gives back the records as written (see docs/import-export.md).

The export service decides *which* records a viewer may export (handling codes,
visibility); this module only writes what it is handed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from tabadul.domain.enums import DocumentType, NameKind
from tabadul.ingest._ftm_vocab import (
    EXTENSION,
    IDENTIFIER_WRITE,
    LINK_ENDS,
    LINK_TYPE_SCHEMA,
    NAME_PROPS,
    OWNER_KEY,
    PART_PROPS,
    PARTY_ROLE,
    group_topics,
    party_id,
)
from tabadul.model.records import (
    AntecedentOut,
    DocumentOut,
    EventOut,
    GroupOut,
    LinkOut,
    NoticeOut,
    PersonOut,
    RecordOut,
)

__all__ = ["record_to_ftm", "write_ftm"]

Entity = dict[str, Any]
AnyRecordOut = PersonOut | DocumentOut | AntecedentOut | NoticeOut | GroupOut | LinkOut | EventOut

_NAME_PROP = {kind: prop for prop, kind in NAME_PROPS}
_PART_PROP = dict(PART_PROPS)
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_ftm(records: Iterable[RecordOut], out: IO[str]) -> int:
    """Write ``records`` to ``out`` as FtM JSON lines (UTF-8 text: open the file with
    ``encoding="utf-8"``); returns the number of entities written."""
    count = 0
    for record in records:
        for entity in record_to_ftm(record):
            out.write(dumps(entity))
            out.write("\n")
            count += 1
    return count


def dumps(entity: Entity) -> str:
    """One entity as one line of JSON: compact, UTF-8 characters kept readable, and
    U+2028/U+2029 escaped so that no tool splits the line there."""
    text = json.dumps(entity, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_LINE_BREAKS)


def record_to_ftm(record: RecordOut) -> list[Entity]:
    """The FtM entities for one record (one, or two for an antecedent)."""
    if isinstance(record, PersonOut):
        return [_person(record)]
    if isinstance(record, DocumentOut):
        return [_document(record)]
    if isinstance(record, AntecedentOut):
        return _antecedent(record)
    if isinstance(record, NoticeOut):
        return [_notice(record)]
    if isinstance(record, GroupOut):
        return [_group(record)]
    if isinstance(record, LinkOut):
        return [_link(record)]
    return [_event(record)]


# --- helpers ---------------------------------------------------------------------------


def _entity(
    record: AnyRecordOut,
    schema: str,
    properties: dict[str, list[str]],
    caption: str | None = None,
    **extension: Any,
) -> Entity:
    entity: Entity = {"id": record.external_id, "schema": schema}
    if caption is not None:
        entity["caption"] = caption
    entity["properties"] = {name: values for name, values in properties.items() if values}
    ext: dict[str, Any] = {
        OWNER_KEY: record.owner,
        "handling_code": record.handling_code.value,
        "visibility": record.visibility.value,
    }
    if record.handling_conditions is not None:
        ext["handling_conditions"] = record.handling_conditions
    if record.purposes is not None:
        ext["purposes"] = list(record.purposes)
    ext.update((key, value) for key, value in extension.items() if value is not None)
    entity[EXTENSION] = ext
    return entity


def _one(value: str | None) -> list[str]:
    return [] if value is None else [value]


def _country(value: str | None) -> list[str]:
    return [] if value is None else [value.lower()]


def _label(code: str) -> str:
    return code.replace("_", " ").capitalize()


# --- one writer per kind -------------------------------------------------------------


def _person(record: PersonOut) -> Entity:
    props: dict[str, list[str]] = {prop: [] for prop, _ in NAME_PROPS}
    first = next(name for name in record.names if name.kind is NameKind.PRIMARY)
    name_parts: list[dict[str, Any]] = []
    for name in record.names:
        values = props[_NAME_PROP[name.kind]]
        if name.parts and name is not first:
            name_parts.append(
                {"property": _NAME_PROP[name.kind], "index": len(values), "parts": name.parts}
            )
        values.append(name.full_name)
    for key, value in (first.parts or {}).items():
        props[_PART_PROP[key]] = [value]
    props["birthDate"] = list(record.birth_dates)
    props["birthPlace"] = list(record.birth_places)
    props["nationality"] = [code.lower() for code in record.nationalities]
    props["gender"] = [] if record.gender is None else [record.gender.value]
    for identifier in record.identifiers:
        props.setdefault(IDENTIFIER_WRITE[identifier.kind], []).append(identifier.number)
    props["notes"] = _one(record.notes)
    return _entity(record, "Person", props, first.full_name, name_parts=name_parts or None)


def _document(record: DocumentOut) -> Entity:
    passport = record.doc_type is DocumentType.PASSPORT
    props = {
        "holder": _one(record.holder),
        "number": [record.number],
        "type": [] if passport else [record.doc_type.value],
        "country": _country(record.issuer),
        "startDate": _one(record.issue_date),
        "endDate": _one(record.expiry_date),
    }
    schema = "Passport" if passport else "Identification"
    return _entity(record, schema, props, record.number, status=record.status.value)


def _antecedent(record: AntecedentOut) -> list[Entity]:
    if record.case_reference is not None:
        name = f"Case {record.case_reference}"
    else:
        name = f"{_label(record.offence_category.value)} ({record.judicial_status.value})"
    props = {
        "name": [name],  # FtM requires one; not read back
        "caseNumber": _one(record.case_reference),
        "category": [record.offence_category.value],
        "status": [record.judicial_status.value],
        "fileDate": _one(record.offence_date),
        "address": _one(record.place),
        "country": _country(record.country),
    }
    case = _entity(record, "CourtCase", props, name)
    party = {
        "id": party_id(record.external_id),
        "schema": "CourtCaseParty",
        "properties": {
            "party": [record.person],
            "case": [record.external_id],
            "role": [PARTY_ROLE],
        },
    }
    return [case, party]


def _notice(record: NoticeOut) -> Entity:
    props = {
        "entity": _one(record.subject),
        "program": _one(record.title),
        "reason": _one(record.reason),
        "provisions": _one(record.action),
        "startDate": _one(record.issued_date),
        "endDate": _one(record.expiry_date),
    }
    caption = record.title or _label(record.notice_type.value)
    return _entity(
        record,
        "Sanction",
        props,
        caption,
        notice_type=record.notice_type.value,
        status=record.status.value,
    )


def _group(record: GroupOut) -> Entity:
    props = {
        "name": [record.name],
        "alias": list(record.aliases),
        "country": [code.lower() for code in record.countries],
        "topics": group_topics(record.group_kind),
    }
    return _entity(record, "Organization", props, record.name)


def _link(record: LinkOut) -> Entity:
    schema = LINK_TYPE_SCHEMA.get(record.link_type, "UnknownLink")
    source, target, role = LINK_ENDS[schema]
    props = {
        source: [record.source],
        target: [record.target],
        role: _one(record.role),
        "startDate": _one(record.start_date),
        "endDate": _one(record.end_date),
        "publisher": _one(record.source_text),
    }
    return _entity(
        record,
        schema,
        props,
        link_type=record.link_type.value,
        confidence=record.confidence,
    )


def _event(record: EventOut) -> Entity:
    name = f"{_label(record.event_type.value)}, {record.occurred_on}"
    if record.place is not None:
        name += f", {record.place}"
    props = {
        "name": [name],  # FtM requires one; not read back
        "date": [record.occurred_on],
        "location": _one(record.place),
        "country": _country(record.country),
        "summary": _one(record.summary),
        "involved": list(record.participants),
    }
    return _entity(record, "Event", props, name, event_type=record.event_type.value)
