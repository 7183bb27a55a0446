"""Record pages and screening briefs: a record with everything related to it.

A record page shows a person or a group together with the records that hang on it
(documents, antecedents, notices, links and the records at their other ends). Each of
those is a record of its own, with its own sharing rules: every one is filtered by the
policy's SQL condition, and references are resolved through it too (see
:func:`~tabadul.service._read.load_records`), so a record the rules hide leaves no
trace — no entry, no count, no label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import NameKind, NoticeStatus, NoticeType, Purpose, RecordKind, Script
from tabadul.model.records import (
    AntecedentOut,
    DocumentOut,
    GroupOut,
    LinkOut,
    NoticeOut,
    PersonOut,
)
from tabadul.policy import Action, Policy, Viewer
from tabadul.service._read import AnyRecordOut, load_records
from tabadul.service.errors import NotFound
from tabadul.service.records import not_found
from tabadul.store.tables import (
    Agency,
    Antecedent,
    BirthDate,
    Document,
    Group,
    Link,
    Nationality,
    Notice,
    PersonName,
    Record,
)

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = [
    "Brief",
    "DossierLink",
    "Dossiers",
    "GroupDossier",
    "LinkedRecord",
    "NoticeBrief",
    "PersonDossier",
]

_CHUNK = 500  # ids or references per IN list: well under every backend's limit


@dataclass(frozen=True)
class LinkedRecord:
    """A record the viewer may see, as a reference with a display label: a person's
    primary name or a group's name."""

    kind: RecordKind
    owner: str
    external_id: str
    label: str
    handling_code: str  # shown wherever the record appears (rule 3)


@dataclass(frozen=True)
class DossierLink:
    """A link of the dossier's record and the record at its other end. ``outgoing``:
    the dossier's record is the link's source."""

    link: LinkOut
    other: LinkedRecord
    outgoing: bool


@dataclass(frozen=True)
class PersonDossier:
    """A person's record page: the person and every related record the viewer may see.
    ``groups`` are the groups at the other end of ``links`` (a group reached only
    through a hidden link is not shown: it would reveal the link)."""

    person: PersonOut
    documents: list[DocumentOut]
    antecedents: list[AntecedentOut]
    notices: list[NoticeOut]
    links: list[DossierLink]
    groups: list[LinkedRecord]


@dataclass(frozen=True)
class GroupDossier:
    """A group's record page: the group, its visible links, and the persons at their
    other ends (``members``, each once)."""

    group: GroupOut
    links: list[DossierLink]
    members: list[LinkedRecord]


@dataclass(frozen=True)
class NoticeBrief:
    """What a screening answer shows of a notice: what it is and what it asks."""

    owner: str
    external_id: str
    notice_type: NoticeType
    status: NoticeStatus
    title: str | None
    action: str | None


@dataclass(frozen=True)
class Brief:
    """What a full screening result shows of a person beside the score: the identity
    the officer compares with the traveller, and the notices that say what to do.
    ``names`` are ``(full_name, script, kind)``, in the record's order."""

    owner: str
    external_id: str
    names: list[tuple[str, Script, NameKind]]
    birth_dates: list[str]
    nationalities: list[str]
    notices: list[NoticeBrief]


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class Dossiers:
    """Record pages (:meth:`person`, :meth:`group`) and screening briefs
    (:meth:`briefs`), all through the policy: what the rules hide does not appear."""

    def __init__(self, app: Tabadul) -> None:
        self._app = app

    # -- record pages -----------------------------------------------------------------

    def person(
        self,
        viewer: Viewer,
        *,
        owner: str,
        external_id: str,
        purpose: Purpose | None = None,
    ) -> PersonDossier:
        """A person with its visible documents, antecedents, notices, links and groups;
        :class:`NotFound` as :meth:`Records.get` answers it. One ``record_view`` audit
        entry names the person and every related record shown."""

        def related(pid: int) -> ColumnElement[bool]:
            return or_(
                Record.id.in_(select(Document.record_id).where(Document.holder_id == pid)),
                Record.id.in_(select(Antecedent.record_id).where(Antecedent.person_id == pid)),
                Record.id.in_(select(Notice.record_id).where(Notice.subject_id == pid)),
                Record.id.in_(_links_of(pid)),
            )

        with self._app.transaction() as session:
            page = self._page(session, viewer, owner, external_id, purpose, RecordKind.PERSON)
            subject, others, links = page.read(related)
            assert isinstance(subject, PersonOut)
            dossier = PersonDossier(
                person=subject,
                documents=[r for r in others if isinstance(r, DocumentOut)],
                antecedents=[r for r in others if isinstance(r, AntecedentOut)],
                notices=[r for r in others if isinstance(r, NoticeOut)],
                links=links,
                groups=_distinct(x.other for x in links if x.other.kind == RecordKind.GROUP),
            )
            shown: list[AnyRecordOut] = [*dossier.documents, *dossier.antecedents, *dossier.notices]
            page.audit([subject, *shown, *(x.link for x in links)])
            return dossier

    def group(
        self,
        viewer: Viewer,
        *,
        owner: str,
        external_id: str,
        purpose: Purpose | None = None,
    ) -> GroupDossier:
        """A group with its visible links and the visible persons linked to it;
        :class:`NotFound` as :meth:`Records.get` answers it. One ``record_view`` audit
        entry names the group and every link shown."""
        with self._app.transaction() as session:
            page = self._page(session, viewer, owner, external_id, purpose, RecordKind.GROUP)
            subject, _, links = page.read(lambda gid: Record.id.in_(_links_of(gid)))
            assert isinstance(subject, GroupOut)
            dossier = GroupDossier(
                group=subject,
                links=links,
                members=_distinct(x.other for x in links if x.other.kind == RecordKind.PERSON),
            )
            page.audit([subject, *(x.link for x in links)])
            return dossier

    def _page(
        self,
        session: Session,
        viewer: Viewer,
        owner: str,
        external_id: str,
        purpose: Purpose | None,
        kind: RecordKind,
    ) -> _Page:
        """The page's record and the viewer's policy; the same :class:`NotFound` as
        :meth:`Records.get` for a record missing or hidden."""
        records = self._app.records
        policy = records.policy(session, viewer, purpose)
        row = records.row(session, owner, external_id)
        if row is None or not policy.allowed(Action.VIEW, row):
            raise not_found(owner, external_id)
        if row.kind != kind:  # the viewer may see it: saying what it is reveals nothing
            raise NotFound(f"record {external_id!r} of agency {owner!r} is a {row.kind}")
        return _Page(session, viewer, policy, row.id)

    # -- screening ----------------------------------------------------------------------

    def briefs(
        self, viewer: Viewer, refs: Sequence[tuple[str, str]], *, purpose: Purpose
    ) -> dict[tuple[str, str], Brief]:
        """Briefs of the persons ``refs`` (``(owner, external_id)``) that the viewer may
        see in full, keyed by the reference as given; any other reference (hidden,
        missing, not a person) is simply absent. Read for all references together, a
        few statements whatever their number.

        No audit entry: a brief is part of a screening answer, and the screening has
        already recorded the query, its results and its hits."""
        wanted: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for ref in refs:
            wanted[(ref[0].strip().upper(), ref[1])].append(ref)
        if not wanted:
            return {}
        with self._app.transaction() as session:
            policy = self._app.records.policy(session, viewer, purpose)
            visible = policy.clause(Action.VIEW)
            persons: dict[int, tuple[str, str]] = {}
            external_ids = sorted({ext for _, ext in wanted})
            for chunk in _chunks(external_ids):
                for rid, code, ext in session.execute(
                    select(Record.id, Agency.code, Record.external_id)
                    .join(Agency, Agency.id == Record.owner_id)
                    .where(
                        Record.kind == RecordKind.PERSON.value,
                        Record.external_id.in_(chunk),
                        Agency.code.in_(sorted({code for code, _ in wanted})),
                        visible,
                    )
                ):
                    if (code, ext) in wanted:
                        persons[rid] = (code, ext)
            ids = sorted(persons)
            names = _grouped(
                session,
                PersonName.person_id,
                PersonName.position,
                ids,
                PersonName.full_name,
                PersonName.script,
                PersonName.kind,
            )
            dobs = _grouped(session, BirthDate.person_id, BirthDate.position, ids, BirthDate.value)
            nats = _grouped(
                session, Nationality.person_id, Nationality.position, ids, Nationality.country
            )
            notices = _notice_briefs(session, visible, ids)
            out: dict[tuple[str, str], Brief] = {}
            for rid in ids:
                code, ext = persons[rid]
                brief = Brief(
                    owner=code,
                    external_id=ext,
                    names=[(n, Script(s), NameKind(k)) for n, s, k in names[rid]],
                    birth_dates=[d for (d,) in dobs[rid]],
                    nationalities=[c for (c,) in nats[rid]],
                    notices=notices[rid],
                )
                for ref in wanted[(code, ext)]:
                    out[ref] = brief
            return out


def _links_of(record_id: int) -> Select[int]:
    return select(Link.record_id).where(
        or_(Link.source_id == record_id, Link.target_id == record_id)
    )


class _Page:
    """One record page being read: the viewer's policy and the page's record."""

    def __init__(self, session: Session, viewer: Viewer, policy: Policy, record_id: int) -> None:
        self.session = session
        self.viewer = viewer
        self.policy = policy
        self.record_id = record_id
        self.visible = policy.clause(Action.VIEW)

    def read(
        self, related: Callable[[int], ColumnElement[bool]]
    ) -> tuple[AnyRecordOut, list[AnyRecordOut], list[DossierLink]]:
        """The page's record, the visible records ``related`` to it (oldest first), and
        the loaded links among them with their other ends."""
        found = self.session.execute(
            select(Record.id, Agency.code, Record.external_id)
            .join(Agency, Agency.id == Record.owner_id)
            .where(related(self.record_id), self.visible)
            .order_by(Record.id)
        ).all()
        ids = {(code, ext): rid for rid, code, ext in found}
        # A person or a group names no other record: the page's own record always loads.
        subject, *others = load_records(
            self.session, [self.record_id, *ids.values()], references=self.visible
        )
        links = [r for r in others if isinstance(r, LinkOut)]
        return subject, others, self._ends(links, ids)

    def _ends(self, links: list[LinkOut], ids: dict[tuple[str, str], int]) -> list[DossierLink]:
        """Each link with its other end. ``load_records`` has already left out a link
        with a hidden end; the ends are read through the policy again all the same, so
        that a label can only come from a visible record."""
        if not links:
            return []
        ends: dict[int, tuple[int, bool]] = {}
        for chunk in _chunks([ids[(x.owner, x.external_id)] for x in links]):
            for rid, source, target in self.session.execute(
                select(Link.record_id, Link.source_id, Link.target_id).where(
                    Link.record_id.in_(chunk)
                )
            ):
                outgoing = source == self.record_id
                ends[rid] = (target if outgoing else source, outgoing)
        labelled = _labelled(self.session, self.visible, [end for end, _ in ends.values()])
        out: list[DossierLink] = []
        for link in links:
            end, outgoing = ends[ids[(link.owner, link.external_id)]]
            if end in labelled:
                out.append(DossierLink(link=link, other=labelled[end], outgoing=outgoing))
        return out

    def audit(self, shown: Sequence[AnyRecordOut]) -> None:
        """One ``record_view`` entry naming every record shown: each was viewed, and
        its owner may ask who saw it (exchange rule 7)."""
        append(
            self.session,
            actor=self.viewer.login,
            agency=self.viewer.agency_code,
            action=AuditAction.RECORD_VIEW,
            purpose=self.policy.purpose,
            targets=[f"{r.owner}/{r.external_id}" for r in shown],
        )


def _distinct(records: Iterable[LinkedRecord]) -> list[LinkedRecord]:
    return list(dict.fromkeys(records))


def _grouped(
    session: Session, key: Any, position: Any, ids: Sequence[int], *columns: Any
) -> dict[int, list[tuple[Any, ...]]]:
    """``columns`` of the rows whose ``key`` is in ``ids``, per key, in record order."""
    out: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for chunk in _chunks(ids):
        for row in session.execute(
            select(key, *columns).where(key.in_(chunk)).order_by(key, position)
        ):
            out[row[0]].append(tuple(row[1:]))
    return out


def _labelled(
    session: Session, visible: ColumnElement[bool], ids: Sequence[int]
) -> dict[int, LinkedRecord]:
    """The visible records among ``ids`` (persons and groups), with their labels."""
    rows = [
        (rid, kind, code, ext, handling)
        for chunk in _chunks(sorted(set(ids)))
        for rid, kind, code, ext, handling in session.execute(
            select(Record.id, Record.kind, Agency.code, Record.external_id, Record.handling_code)
            .join(Agency, Agency.id == Record.owner_id)
            .where(Record.id.in_(chunk), visible)
        )
    ]
    persons = [row[0] for row in rows if row[1] == RecordKind.PERSON]
    groups = [row[0] for row in rows if row[1] == RecordKind.GROUP]
    labels: dict[int, str] = {}
    names = _grouped(
        session,
        PersonName.person_id,
        PersonName.position,
        persons,
        PersonName.full_name,
        PersonName.kind,
    )
    for rid, items in names.items():
        primary = [n for n, k in items if k == NameKind.PRIMARY]
        labels[rid] = (primary or [items[0][0]])[0]
    for chunk in _chunks(groups):
        for rid, name in session.execute(
            select(Group.record_id, Group.name).where(Group.record_id.in_(chunk))
        ):
            labels[rid] = name
    return {
        rid: LinkedRecord(
            kind=RecordKind(kind),
            owner=code,
            external_id=ext,
            label=labels[rid],
            handling_code=handling,
        )
        for rid, kind, code, ext, handling in rows
        if rid in labels
    }


def _notice_briefs(
    session: Session, visible: ColumnElement[bool], person_ids: Sequence[int]
) -> dict[int, list[NoticeBrief]]:
    """The visible notices whose subject is one of ``person_ids``, oldest first."""
    out: dict[int, list[NoticeBrief]] = defaultdict(list)
    for chunk in _chunks(person_ids):
        rows = session.execute(
            select(
                Notice.subject_id,
                Agency.code,
                Record.external_id,
                Notice.notice_type,
                Notice.status,
                Notice.title,
                Notice.action,
            )
            .join(Record, Record.id == Notice.record_id)
            .join(Agency, Agency.id == Record.owner_id)
            .where(Notice.subject_id.in_(chunk), visible)
            .order_by(Record.id)
        )
        for subject, code, ext, ntype, status, title, action in rows:
            assert subject is not None  # selected by it
            out[subject].append(
                NoticeBrief(
                    owner=code,
                    external_id=ext,
                    notice_type=NoticeType(ntype),
                    status=NoticeStatus(status),
                    title=title,
                    action=action,
                )
            )
    return out
