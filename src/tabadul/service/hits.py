"""Hit notifications (exchange rules 7 and 8): the owner is told of every hit on its
records; the searching officer confirms or rejects it, and the owner sees that too.
Outcomes are kept for the cooperation statistics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol, TypedDict, cast

from sqlalchemy import Select, Table, insert, select
from sqlalchemy.orm import Session, aliased

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import Purpose, Role
from tabadul.policy import Action, Viewer
from tabadul.service.errors import Conflict, Forbidden, NotFound
from tabadul.store.tables import Agency, Hit, Record

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["HIT_ONLY_FIELDS", "HitInfo", "Hits", "RecordHead", "Reference", "reference"]

Outcome = Literal["pending", "confirmed", "rejected"]
# All a hit-only answer may carry: the reference, the owner (and whom to contact), the
# handling code and the hit to confirm (exchange rule 2).
HIT_ONLY_FIELDS = ("record_id", "owner", "owner_name", "handling_code", "access", "hit", "hit_id")


class Reference(TypedDict):
    """What every answer about a record carries, a hit-only one included: its
    reference, its owner, its handling code and the hit (if one was recorded)."""

    record_id: str
    owner: str
    owner_name: str
    handling_code: str
    hit_id: int | None


class _Owner(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...


class RecordHead(Protocol):
    """What an answer's reference and a hit need of a record: a :class:`Record`, or the
    few columns screening reads of its results without the ORM."""

    @property
    def id(self) -> int: ...
    @property
    def external_id(self) -> str: ...
    @property
    def owner_id(self) -> int: ...
    @property
    def owner(self) -> _Owner: ...
    @property
    def handling_code(self) -> str: ...


def reference(record: RecordHead, hit_ids: dict[int, int]) -> Reference:
    """The :class:`Reference` of ``record``, for screening's and search's answers."""
    return Reference(
        record_id=record.external_id,
        owner=record.owner.code,
        owner_name=record.owner.name,
        handling_code=record.handling_code,
        hit_id=hit_ids.get(record.id),
    )


OWNER_ROLES = frozenset({Role.BUREAU, Role.ADMIN, Role.COMPLIANCE})


@dataclass(frozen=True)
class HitInfo:
    id: int
    owner: str
    record_id: str
    searching_agency: str | None
    searcher: str
    at: datetime
    purpose: str
    score: float
    access: str
    outcome: Outcome
    outcome_at: datetime | None
    outcome_note: str | None


class Hits:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def _query(self) -> Select[Hit, str, str | None]:
        owner = aliased(Agency)
        searcher = aliased(Agency)
        return (
            select(Hit, owner.code, searcher.code)
            .join(owner, owner.id == Hit.owner_id)
            .outerjoin(searcher, searcher.id == Hit.searcher_agency_id)
        )

    @staticmethod
    def _info(hit: Hit, owner: str, searcher: str | None) -> HitInfo:
        return HitInfo(
            id=hit.id,
            owner=owner,
            record_id=hit.record_ref,
            searching_agency=searcher,
            searcher=hit.searcher,
            at=hit.at,
            purpose=hit.purpose,
            score=hit.score,
            access=hit.access,
            outcome=hit.outcome,  # type: ignore[arg-type]
            outcome_at=hit.outcome_at,
            outcome_note=hit.outcome_note,
        )

    def notify_all(
        self,
        session: Session,
        viewer: Viewer,
        hits: Sequence[tuple[RecordHead, float, str]],
        *,
        purpose: Purpose,
        audit_id: int,
    ) -> dict[int, int]:
        """Store the hits of one audited screening or search in the caller's
        transaction: for each, the owner's notification and the searching officer's to
        confirm or reject. Each hit is a record with its score and the access it was
        shown at; all are written at once (one flush). Returns each record's hit id."""
        return self.notify_many(session, viewer, [(hits, audit_id)], purpose=purpose)[0]

    def notify_many(
        self,
        session: Session,
        viewer: Viewer,
        screenings: Sequence[tuple[Sequence[tuple[RecordHead, float, str]], int]],
        *,
        purpose: Purpose,
    ) -> list[dict[int, int]]:
        """:meth:`notify_all` for several audited screenings at once (a passenger
        list's), each given with its audit entry's id: one insert for all, below the ORM
        (whose bookkeeping per row cost about 1.5 ms a query at 1M persons). Returns
        each screening's hit ids by record id."""
        at = self._app.now()
        values = [
            {
                "record_id": record.id,
                "record_ref": record.external_id,
                "owner_id": record.owner_id,
                "searcher_agency_id": viewer.agency_id,
                "searcher": viewer.login,
                "at": at,
                "purpose": purpose.value,
                "score": round(score, 4),
                "access": access,
                "audit_id": audit_id,
                "outcome": "pending",
            }
            for hits, audit_id in screenings
            for record, score, access in hits
        ]
        ids: list[int] = []
        if values:
            table = cast(Table, Hit.__table__)
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids = list(session.scalars(statement, values))
        out: list[dict[int, int]] = []
        at_id = iter(ids)
        for hits, _ in screenings:
            out.append({record.id: next(at_id) for record, _, _ in hits})
        return out

    def notifications(self, viewer: Viewer, *, outcome: Outcome | None = None) -> list[HitInfo]:
        """Hits on the records of the viewer's agency (bureau, admin, compliance)."""
        if not viewer.operator and viewer.role not in OWNER_ROLES:
            raise Forbidden("hit notifications are for bureau officers, admins and compliance")
        with self._app.transaction() as session:
            query = self._query()
            if not viewer.operator:
                query = query.where(Hit.owner_id == viewer.agency_id)
            if outcome is not None:
                query = query.where(Hit.outcome == outcome)
            return [self._info(*row) for row in session.execute(query.order_by(Hit.id))]

    def mine(self, viewer: Viewer, *, outcome: Outcome | None = None) -> list[HitInfo]:
        """The viewer's own hits, to confirm or reject: those on records it may still
        find for the hit's purpose (a record hidden since then drops out)."""
        with self._app.transaction() as session:
            query = self._query().where(Hit.searcher == viewer.login)
            if outcome is not None:
                query = query.where(Hit.outcome == outcome)
            out: list[HitInfo] = []
            policies = {}
            for hit, owner, searcher in session.execute(query.order_by(Hit.id)):
                record = session.get(Record, hit.record_id) if hit.record_id else None
                if record is None:
                    continue
                purpose = Purpose(hit.purpose)
                if purpose not in policies:
                    policies[purpose] = self._app.records.policy(session, viewer, purpose)
                if policies[purpose].allowed(Action.SEARCH, record):
                    out.append(self._info(hit, owner, searcher))
            return out

    def decide(self, viewer: Viewer, hit_id: int, *, confirmed: bool, note: str = "") -> HitInfo:
        """The searching officer confirms or rejects their hit (a lead, not an
        identification: rule 8). The owner sees the outcome in its notifications."""
        with self._app.transaction() as session:
            row = session.execute(self._query().where(Hit.id == hit_id)).first()
            if row is None or row[0].searcher != viewer.login:
                raise NotFound(f"no hit {hit_id} of yours")
            hit = row[0]
            if hit.outcome != "pending":
                raise Conflict(f"hit {hit_id} was already {hit.outcome}")
            hit.outcome = "confirmed" if confirmed else "rejected"
            hit.outcome_at = self._app.now()
            hit.outcome_note = note.strip()[:2000] or None
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.HIT_OUTCOME,
                purpose=hit.purpose,
                targets=[f"{row[1]}/{hit.record_ref}"],
                detail={"hit": hit.id, "outcome": hit.outcome},
            )
            return self._info(hit, row[1], row[2])
