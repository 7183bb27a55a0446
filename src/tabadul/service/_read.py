"""Reading stored records back into their ``*Out`` models, in batches.

The caller has already decided, through the policy layer, which record ids the viewer
may read in full; this module only turns rows into models.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from tabadul.domain.enums import RecordKind
from tabadul.model.records import (
    AntecedentOut,
    DocumentOut,
    EventOut,
    GroupOut,
    IdentifierIn,
    LinkOut,
    NameOut,
    NoticeOut,
    PersonOut,
)
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

__all__ = ["AnyRecordOut", "load_records"]

AnyRecordOut = PersonOut | DocumentOut | AntecedentOut | NoticeOut | GroupOut | LinkOut | EventOut

_CHUNK = 500


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _meta(row: Any) -> dict[str, Any]:
    return {
        "external_id": row.external_id,
        "owner": row.owner_code,
        "handling_code": row.handling_code,
        "handling_conditions": row.handling_conditions,
        "visibility": row.visibility,
        "purposes": row.purposes,
        "created_at": _aware(row.created_at),
        "updated_at": _aware(row.updated_at),
        "review_date": row.review_date,
    }


def _grouped(
    session: Session, column: Any, ids: Sequence[int], *columns: Any
) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    table = column.table
    rows = session.execute(
        select(column, *columns).where(column.in_(ids)).order_by(column, table.c.position)
    )
    for row in rows:
        out[row[0]].append(row[1:] if len(columns) > 1 else row[1])
    return out


def load_records(
    session: Session, record_ids: Iterable[int], *, references: ColumnElement[bool]
) -> list[AnyRecordOut]:
    """The records with these ids, in the order given (missing ids are skipped).

    ``references`` is the policy's condition on the records a reference may name: a
    reference to any other record is left out (a document's holder, a notice's subject,
    an event's participant), and a record that cannot stand without it (an antecedent
    without its person, a link without one of its ends) is left out entirely, so that
    nothing hints at a record the viewer may not see."""
    wanted = list(dict.fromkeys(record_ids))
    loaded: dict[int, AnyRecordOut] = {}
    for start in range(0, len(wanted), _CHUNK):
        loaded.update(_load_chunk(session, wanted[start : start + _CHUNK], references))
    return [loaded[i] for i in wanted if i in loaded]


def _load_chunk(
    session: Session, ids: Sequence[int], references: ColumnElement[bool]
) -> dict[int, AnyRecordOut]:
    metas = session.execute(
        select(
            Record.id,
            Record.kind,
            Record.external_id,
            Agency.code.label("owner_code"),
            Record.handling_code,
            Record.handling_conditions,
            Record.visibility,
            Record.purposes,
            Record.created_at,
            Record.updated_at,
            Record.review_date,
        )
        .join(Agency, Agency.id == Record.owner_id)
        .where(Record.id.in_(ids))
    ).all()
    by_kind: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in metas:
        by_kind[row.kind][row.id] = _meta(row)
    refs = _ReferenceNames(session, references)
    out: dict[int, AnyRecordOut] = {}
    loaders = {
        RecordKind.PERSON: _persons,
        RecordKind.DOCUMENT: _documents,
        RecordKind.ANTECEDENT: _antecedents,
        RecordKind.NOTICE: _notices,
        RecordKind.GROUP: _groups,
        RecordKind.LINK: _links,
        RecordKind.EVENT: _events,
    }
    for kind, metas_of_kind in by_kind.items():
        out.update(loaders[RecordKind(kind)](session, metas_of_kind, refs))
    return out


class _ReferenceNames:
    """Record id -> external id, for the references a record shows."""

    def __init__(self, session: Session, visible: ColumnElement[bool]) -> None:
        self._session = session
        self._visible = visible

    def resolve(self, ids: Iterable[int | None]) -> dict[int, str]:
        wanted = sorted({i for i in ids if i is not None})
        found: dict[int, str] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for rid, ext in self._session.execute(
                select(Record.id, Record.external_id).where(Record.id.in_(chunk), self._visible)
            ):
                found[rid] = ext
        return found


def _persons(
    session: Session, metas: dict[int, dict[str, Any]], _refs: _ReferenceNames
) -> dict[int, AnyRecordOut]:
    ids = list(metas)
    names = _grouped(
        session,
        PersonName.person_id,
        ids,
        PersonName.full_name,
        PersonName.kind,
        PersonName.parts,
        PersonName.script,
    )
    dobs = _grouped(session, BirthDate.person_id, ids, BirthDate.value)
    places = _grouped(session, BirthPlace.person_id, ids, BirthPlace.place)
    nats = _grouped(session, Nationality.person_id, ids, Nationality.country)
    idents = _grouped(
        session, PersonIdentifier.person_id, ids, PersonIdentifier.kind, PersonIdentifier.number
    )
    out: dict[int, AnyRecordOut] = {}
    for rid, gender, notes in session.execute(
        select(Person.record_id, Person.gender, Person.notes).where(Person.record_id.in_(ids))
    ):
        out[rid] = PersonOut.model_validate(
            {
                **metas[rid],
                "names": [
                    NameOut(full_name=n, kind=k, parts=p, script=s) for n, k, p, s in names[rid]
                ],
                "birth_dates": dobs[rid],
                "birth_places": places[rid],
                "nationalities": nats[rid],
                "gender": gender,
                "identifiers": [IdentifierIn(kind=k, number=n) for k, n in idents[rid]],
                "notes": notes,
            }
        )
    return out


def _documents(
    session: Session, metas: dict[int, dict[str, Any]], refs: _ReferenceNames
) -> dict[int, AnyRecordOut]:
    rows = session.execute(select(Document).where(Document.record_id.in_(list(metas)))).scalars()
    docs = list(rows)
    names = refs.resolve(d.holder_id for d in docs)
    return {
        d.record_id: DocumentOut.model_validate(
            {
                **metas[d.record_id],
                "holder": names.get(d.holder_id) if d.holder_id else None,
                "doc_type": d.doc_type,
                "number": d.number,
                "issuer": d.issuer,
                "status": d.status,
                "issue_date": d.issue_date,
                "expiry_date": d.expiry_date,
            }
        )
        for d in docs
    }


def _antecedents(
    session: Session, metas: dict[int, dict[str, Any]], refs: _ReferenceNames
) -> dict[int, AnyRecordOut]:
    items = list(
        session.execute(select(Antecedent).where(Antecedent.record_id.in_(list(metas)))).scalars()
    )
    names = refs.resolve(a.person_id for a in items)
    return {
        a.record_id: AntecedentOut.model_validate(
            {
                **metas[a.record_id],
                "person": names[a.person_id],
                "offence_category": a.offence_category,
                "offence_date": a.offence_date,
                "place": a.place,
                "country": a.country,
                "case_reference": a.case_reference,
                "judicial_status": a.judicial_status,
            }
        )
        for a in items
        if a.person_id in names
    }


def _notices(
    session: Session, metas: dict[int, dict[str, Any]], refs: _ReferenceNames
) -> dict[int, AnyRecordOut]:
    items = list(session.execute(select(Notice).where(Notice.record_id.in_(list(metas)))).scalars())
    names = refs.resolve(n.subject_id for n in items)
    return {
        n.record_id: NoticeOut.model_validate(
            {
                **metas[n.record_id],
                "subject": names.get(n.subject_id) if n.subject_id else None,
                "notice_type": n.notice_type,
                "status": n.status,
                "title": n.title,
                "reason": n.reason,
                "action": n.action,
                "issued_date": n.issued_date,
                "expiry_date": n.expiry_date,
            }
        )
        for n in items
    }


def _groups(
    session: Session, metas: dict[int, dict[str, Any]], _refs: _ReferenceNames
) -> dict[int, AnyRecordOut]:
    ids = list(metas)
    aliases = _grouped(session, GroupAlias.group_id, ids, GroupAlias.name)
    countries = _grouped(session, GroupCountry.group_id, ids, GroupCountry.country)
    return {
        rid: GroupOut.model_validate(
            {
                **metas[rid],
                "group_kind": kind,
                "name": name,
                "aliases": aliases[rid],
                "countries": countries[rid],
            }
        )
        for rid, kind, name in session.execute(
            select(Group.record_id, Group.kind, Group.name).where(Group.record_id.in_(ids))
        )
    }


def _links(
    session: Session, metas: dict[int, dict[str, Any]], refs: _ReferenceNames
) -> dict[int, AnyRecordOut]:
    items = list(session.execute(select(Link).where(Link.record_id.in_(list(metas)))).scalars())
    names = refs.resolve([x for link in items for x in (link.source_id, link.target_id)])
    return {
        link.record_id: LinkOut.model_validate(
            {
                **metas[link.record_id],
                "link_type": link.link_type,
                "source": names[link.source_id],
                "target": names[link.target_id],
                "role": link.role,
                "start_date": link.start_date,
                "end_date": link.end_date,
                "source_text": link.source,
                "confidence": link.confidence,
            }
        )
        for link in items
        if link.source_id in names and link.target_id in names
    }


def _events(
    session: Session, metas: dict[int, dict[str, Any]], refs: _ReferenceNames
) -> dict[int, AnyRecordOut]:
    ids = list(metas)
    participants = _grouped(
        session, EventParticipant.event_id, ids, EventParticipant.participant_id
    )
    names = refs.resolve(p for plist in participants.values() for p in plist)
    return {
        rid: EventOut.model_validate(
            {
                **metas[rid],
                "event_type": etype,
                "occurred_on": occurred,
                "place": place,
                "country": country,
                "summary": summary,
                "participants": [names[p] for p in participants[rid] if p in names],
            }
        )
        for rid, etype, occurred, place, country, summary in session.execute(
            select(
                Event.record_id,
                Event.event_type,
                Event.occurred_on,
                Event.place,
                Event.country,
                Event.summary,
            ).where(Event.record_id.in_(ids))
        )
    }
