"""Writing records of one owner to the store, in bulk.

Used alike by the API (one record), the importers (a million) and the synthetic
generator: one code path, so what an import stores is exactly what the API stores.
Rows are written with Core ``executemany`` inserts; an existing record (same owner,
same external id) is updated in place: its row in ``records`` keeps its id, creation
time and review date, and its content rows are replaced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import RecordKind
from tabadul.model.records import (
    AntecedentIn,
    DocumentIn,
    EventIn,
    GroupIn,
    LinkIn,
    NoticeIn,
    PersonIn,
)
from tabadul.names import detect_script, normalize_document_number
from tabadul.store.tables import (
    Agency,
    Antecedent,
    BirthDate,
    BirthPlace,
    Document,
    Event,
    EventParticipant,
    Group,
    GroupAlias,
    GroupCountry,
    Link,
    Nationality,
    Notice,
    Person,
    PersonIdentifier,
    PersonName,
    Record,
)

__all__ = ["REFERENCE_KINDS", "RecordWriter", "Rejected", "WriteOutcome", "references_of"]

AnyRecordIn = PersonIn | DocumentIn | AntecedentIn | NoticeIn | GroupIn | LinkIn | EventIn

_RECORDS: Table = Record.__table__  # type: ignore[assignment]
_KIND_TABLE: dict[str, Table] = {
    RecordKind.PERSON: Person.__table__,  # type: ignore[dict-item]
    RecordKind.DOCUMENT: Document.__table__,  # type: ignore[dict-item]
    RecordKind.ANTECEDENT: Antecedent.__table__,  # type: ignore[dict-item]
    RecordKind.NOTICE: Notice.__table__,  # type: ignore[dict-item]
    RecordKind.GROUP: Group.__table__,  # type: ignore[dict-item]
    RecordKind.LINK: Link.__table__,  # type: ignore[dict-item]
    RecordKind.EVENT: Event.__table__,  # type: ignore[dict-item]
}
# Tables in the order rows must be inserted (parents before children).
_INSERT_ORDER: list[Table] = [
    *_KIND_TABLE.values(),
    PersonName.__table__,  # type: ignore[list-item]
    BirthDate.__table__,  # type: ignore[list-item]
    BirthPlace.__table__,  # type: ignore[list-item]
    Nationality.__table__,  # type: ignore[list-item]
    PersonIdentifier.__table__,  # type: ignore[list-item]
    GroupAlias.__table__,  # type: ignore[list-item]
    GroupCountry.__table__,  # type: ignore[list-item]
    EventParticipant.__table__,  # type: ignore[list-item]
]

# What each reference field may point at.
REFERENCE_KINDS: dict[str, frozenset[str]] = {
    "holder": frozenset({RecordKind.PERSON}),
    "person": frozenset({RecordKind.PERSON}),
    "subject": frozenset({RecordKind.PERSON, RecordKind.GROUP}),
    "source": frozenset({RecordKind.PERSON, RecordKind.GROUP}),
    "target": frozenset({RecordKind.PERSON, RecordKind.GROUP}),
    "participants": frozenset({RecordKind.PERSON, RecordKind.GROUP}),
}
_CHUNK = 500  # ids per IN (...) clause: well below SQLite's variable limit


def references_of(item: AnyRecordIn) -> list[tuple[str, str]]:
    """The (field, external id) pairs a record refers to."""
    if isinstance(item, DocumentIn):
        return [("holder", item.holder)] if item.holder else []
    if isinstance(item, AntecedentIn):
        return [("person", item.person)]
    if isinstance(item, NoticeIn):
        return [("subject", item.subject)] if item.subject else []
    if isinstance(item, LinkIn):
        return [("source", item.source), ("target", item.target)]
    if isinstance(item, EventIn):
        return [("participants", p) for p in item.participants]
    return []


@dataclass(frozen=True)
class Rejected:
    """A record the writer could not store, and why (``field`` names the reference)."""

    index: int
    field: str | None
    reason: str
    reference: str | None = None  # the external id that did not resolve
    unresolved: bool = False  # no record with that id (yet): may resolve later in a file


@dataclass
class WriteOutcome:
    created: int = 0
    updated: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # external id -> record id


def _chunks(values: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class RecordWriter:
    """Writes records of one owner agency within the caller's session."""

    def __init__(
        self, session: Session, *, owner: Agency, now: datetime, review_date: date
    ) -> None:
        self._session = session
        self._owner = owner
        self._now = now
        self._review_date = review_date

    # -- lookups --------------------------------------------------------------------

    def existing(self, external_ids: Iterable[str]) -> dict[str, tuple[int, str]]:
        """external id -> (record id, kind) for this owner's stored records."""
        wanted = sorted(set(external_ids))
        found: dict[str, tuple[int, str]] = {}
        for chunk in _chunks(wanted):
            rows = self._session.execute(
                select(Record.external_id, Record.id, Record.kind).where(
                    Record.owner_id == self._owner.id, Record.external_id.in_(chunk)
                )
            )
            for ext, rid, kind in rows:
                found[ext] = (rid, kind)
        return found

    # -- writing --------------------------------------------------------------------

    def write(self, items: Sequence[AnyRecordIn]) -> WriteOutcome:
        """Store ``items`` (each external id at most once). Records whose references do
        not resolve to a stored record of this owner, or to a person or group among
        ``items``, are rejected and not written; the rest are."""
        outcome = WriteOutcome()
        if not items:
            return outcome
        stored = self.existing(
            [i.external_id for i in items] + [ref for i in items for _, ref in references_of(i)]
        )
        batch_kind: dict[str, str] = {i.external_id: i.kind for i in items}
        accepted: list[tuple[int, AnyRecordIn]] = []
        for index, item in enumerate(items):
            previous = stored.get(item.external_id)
            if previous is not None and previous[1] != item.kind:
                outcome.rejected.append(
                    Rejected(
                        index,
                        "id",
                        f"id {item.external_id!r} already belongs to a {previous[1]} record "
                        f"of this agency; a record cannot change kind",
                    )
                )
                continue
            problem = self._check_references(item, stored, batch_kind)
            if problem is not None:
                outcome.rejected.append(Rejected(index, *problem))
                continue
            accepted.append((index, item))
        # Records that others in this batch reference must be written first; persons and
        # groups reference nothing, so writing them first is enough.
        accepted.sort(key=lambda pair: pair[1].kind not in (RecordKind.PERSON, RecordKind.GROUP))
        ids = {ext: rid for ext, (rid, _) in stored.items()}
        new = [item for _, item in accepted if item.external_id not in stored]
        old = [item for _, item in accepted if item.external_id in stored]
        ids.update(self._insert_records(new))
        self._update_records(old, ids)
        self._replace_content(old, ids)
        rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        for _, item in accepted:
            _content_rows(item, ids[item.external_id], ids, rows, owner_id=self._owner.id)
        for table in _INSERT_ORDER:
            if rows.get(table):
                self._session.execute(insert(table), rows[table])
        # The screening index picks these up once the transaction commits.
        self._session.info.setdefault("written", set()).update(
            ids[i.external_id] for _, i in accepted
        )
        outcome.created = len(new)
        outcome.updated = len(old)
        outcome.ids = {item.external_id: ids[item.external_id] for _, item in accepted}
        return outcome

    def _check_references(
        self,
        item: AnyRecordIn,
        stored: dict[str, tuple[int, str]],
        batch_kind: dict[str, str],
    ) -> tuple[str, str, str, bool] | None:
        """(field, reason, reference, unresolved) for the first bad reference."""
        for field_name, ref in references_of(item):
            kind = batch_kind.get(ref)
            if kind is None and ref in stored:
                kind = stored[ref][1]
            if kind is None:
                reason = (
                    f"entity {ref!r} does not exist (not in this file, nor held by this agency)"
                )
                return field_name, reason, ref, True
            allowed = REFERENCE_KINDS[field_name]
            if kind not in allowed:
                wanted = " or ".join(sorted(allowed))
                return (
                    field_name,
                    f"refers to {ref!r}, a {kind} record; it must be a {wanted}",
                    ref,
                    False,
                )
        return None

    def _sharing_row(self, item: AnyRecordIn) -> dict[str, Any]:
        sharing = item.sharing
        return {
            "handling_code": (sharing.handling_code or self._owner.default_handling),
            "handling_conditions": sharing.handling_conditions,
            "visibility": (sharing.visibility or self._owner.default_visibility),
            "purposes": [p.value for p in sharing.purposes] if sharing.purposes else None,
            "updated_at": self._now,
        }

    def _insert_records(self, items: Sequence[AnyRecordIn]) -> dict[str, int]:
        if not items:
            return {}
        rows = [
            {
                "kind": item.kind,
                "owner_id": self._owner.id,
                "external_id": item.external_id,
                "created_at": self._now,
                "review_date": self._review_date,
                **self._sharing_row(item),
            }
            for item in items
        ]
        result = self._session.execute(
            insert(_RECORDS).returning(_RECORDS.c.id, sort_by_parameter_order=True), rows
        )
        return {item.external_id: rid for item, (rid,) in zip(items, result, strict=True)}

    def _update_records(self, items: Sequence[AnyRecordIn], ids: dict[str, int]) -> None:
        if not items:
            return
        rows = [{"rid": ids[item.external_id], **self._sharing_row(item)} for item in items]
        statement = (
            update(_RECORDS)
            .where(_RECORDS.c.id == bindparam("rid"))
            .values(
                handling_code=bindparam("handling_code"),
                handling_conditions=bindparam("handling_conditions"),
                visibility=bindparam("visibility"),
                purposes=bindparam("purposes"),
                updated_at=bindparam("updated_at"),
            )
        )
        self._session.connection().execute(statement, rows)

    def _replace_content(self, items: Sequence[AnyRecordIn], ids: dict[str, int]) -> None:
        by_kind: dict[str, list[int]] = defaultdict(list)
        for item in items:
            by_kind[item.kind].append(ids[item.external_id])
        for kind, record_ids in by_kind.items():
            table = _KIND_TABLE[kind]
            for start in range(0, len(record_ids), _CHUNK):
                chunk = record_ids[start : start + _CHUNK]
                # Child rows (names, dates ...) go with their parent by ON DELETE CASCADE.
                self._session.execute(delete(table).where(table.c.record_id.in_(chunk)))


def _content_rows(
    item: AnyRecordIn,
    rid: int,
    ids: dict[str, int],
    rows: dict[Table, list[dict[str, Any]]],
    *,
    owner_id: int,
) -> None:
    """Append the kind row and child rows of one record to ``rows``."""
    if isinstance(item, PersonIn):
        rows[_KIND_TABLE[RecordKind.PERSON]].append(
            {"record_id": rid, "gender": item.gender, "notes": item.notes}
        )
        for pos, name in enumerate(item.names):
            rows[PersonName.__table__].append(  # type: ignore[index]
                {
                    "person_id": rid,
                    "position": pos,
                    "full_name": name.full_name,
                    "script": detect_script(name.full_name).value,
                    "kind": name.kind.value,
                    "parts": dict(name.parts) if name.parts else None,
                }
            )
        for pos, text in enumerate(item.birth_dates):
            parsed = PartialDate.parse(text)
            rows[BirthDate.__table__].append(  # type: ignore[index]
                {
                    "person_id": rid,
                    "position": pos,
                    "value": str(parsed),
                    "precision": parsed.precision.value,
                    "earliest": parsed.earliest,
                    "latest": parsed.latest,
                }
            )
        for pos, place in enumerate(item.birth_places):
            rows[BirthPlace.__table__].append(  # type: ignore[index]
                {"person_id": rid, "position": pos, "place": place}
            )
        for pos, country in enumerate(item.nationalities):
            rows[Nationality.__table__].append(  # type: ignore[index]
                {"person_id": rid, "position": pos, "country": country}
            )
        for pos, ident in enumerate(item.identifiers):
            rows[PersonIdentifier.__table__].append(  # type: ignore[index]
                {
                    "person_id": rid,
                    "position": pos,
                    "kind": ident.kind.value,
                    "number": ident.number,
                    "number_normalized": normalize_document_number(ident.number),
                }
            )
    elif isinstance(item, DocumentIn):
        rows[_KIND_TABLE[RecordKind.DOCUMENT]].append(
            {
                "record_id": rid,
                "holder_id": ids[item.holder] if item.holder else None,
                "doc_type": item.doc_type.value,
                "number": item.number,
                "number_normalized": normalize_document_number(item.number),
                "issuer": item.issuer,
                "status": item.status.value,
                "issue_date": item.issue_date,
                "expiry_date": item.expiry_date,
            }
        )
    elif isinstance(item, AntecedentIn):
        rows[_KIND_TABLE[RecordKind.ANTECEDENT]].append(
            {
                "record_id": rid,
                "person_id": ids[item.person],
                "offence_category": item.offence_category.value,
                "offence_date": item.offence_date,
                "place": item.place,
                "country": item.country,
                "case_reference": item.case_reference,
                "judicial_status": item.judicial_status.value,
            }
        )
    elif isinstance(item, NoticeIn):
        rows[_KIND_TABLE[RecordKind.NOTICE]].append(
            {
                "record_id": rid,
                "subject_id": ids[item.subject] if item.subject else None,
                "notice_type": item.notice_type.value,
                "status": item.status.value,
                "issuing_agency_id": owner_id,  # an agency issues the notices it owns
                "title": item.title,
                "reason": item.reason,
                "action": item.action,
                "issued_date": item.issued_date,
                "expiry_date": item.expiry_date,
            }
        )
    elif isinstance(item, GroupIn):
        rows[_KIND_TABLE[RecordKind.GROUP]].append(
            {"record_id": rid, "kind": item.group_kind.value, "name": item.name}
        )
        for pos, alias in enumerate(item.aliases):
            rows[GroupAlias.__table__].append(  # type: ignore[index]
                {
                    "group_id": rid,
                    "position": pos,
                    "name": alias,
                    "script": detect_script(alias).value,
                }
            )
        for pos, country in enumerate(item.countries):
            rows[GroupCountry.__table__].append(  # type: ignore[index]
                {"group_id": rid, "position": pos, "country": country}
            )
    elif isinstance(item, LinkIn):
        rows[_KIND_TABLE[RecordKind.LINK]].append(
            {
                "record_id": rid,
                "link_type": item.link_type.value,
                "source_id": ids[item.source],
                "target_id": ids[item.target],
                "role": item.role,
                "start_date": item.start_date,
                "end_date": item.end_date,
                "source": item.source_text,
                "confidence": item.confidence,
            }
        )
    else:
        rows[_KIND_TABLE[RecordKind.EVENT]].append(
            {
                "record_id": rid,
                "event_type": item.event_type.value,
                "occurred_on": item.occurred_on,
                "place": item.place,
                "country": item.country,
                "summary": item.summary,
            }
        )
        for pos, participant in enumerate(item.participants):
            rows[EventParticipant.__table__].append(  # type: ignore[index]
                {"event_id": rid, "position": pos, "participant_id": ids[participant]}
            )
