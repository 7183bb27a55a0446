"""Implementation of the policy described in ``tabadul.policy``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, false, or_, true

from tabadul.domain.enums import Role, Visibility
from tabadul.store.tables import Record

__all__ = ["Action", "Viewer", "access", "allowed", "may_create", "visible_clause"]


class Action(StrEnum):
    """What a viewer wants to do with a record; ``WRITES`` change it."""

    VIEW = "view"
    LIST = "list"
    EXPORT = "export"
    SEARCH = "search"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


WRITES = frozenset({Action.CREATE, Action.UPDATE, Action.DELETE})
WRITER_ROLES = frozenset({Role.BUREAU, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking. Built by the service layer from a login or token; never from
    request fields."""

    login: str
    role: Role | None
    agency_id: int | None
    agency_code: str | None
    country: str | None
    user_id: int | None = None
    is_secretariat: bool = False
    operator: bool = False

    @classmethod
    def installation_operator(cls) -> Viewer:
        return cls(
            login="operator",
            role=None,
            agency_id=None,
            agency_code=None,
            country=None,
            operator=True,
        )


def _as_visibility(value: str) -> Visibility:
    return Visibility(value)


def access(viewer: Viewer, record: Record, *, today: date | None = None) -> Visibility:
    """How much of ``record`` the viewer may read (steps 1, 3-5 of the order)."""
    if viewer.operator:
        return Visibility.FULL
    if viewer.agency_id is not None and record.owner_id == viewer.agency_id:
        return Visibility.FULL
    if record.review_date < (today or date.today()):
        return Visibility.NONE
    return _as_visibility(record.visibility)


def allowed(viewer: Viewer, action: Action, record: Record, *, today: date | None = None) -> bool:
    """Whether ``viewer`` may perform ``action`` on ``record`` (the whole order)."""
    if viewer.operator:
        return True
    if action in WRITES:
        return (
            viewer.agency_id is not None
            and record.owner_id == viewer.agency_id
            and viewer.role in WRITER_ROLES
        )
    seen = access(viewer, record, today=today)
    if (
        action is Action.EXPORT
        and record.handling_code == "H2"
        and record.owner_id != viewer.agency_id
    ):
        return False  # rule 3: no onward transmission without the owner's consent
    if action is Action.SEARCH:
        return seen is not Visibility.NONE
    return seen is Visibility.FULL


def may_create(viewer: Viewer, owner_id: int) -> bool:
    """Whether ``viewer`` may create records owned by agency ``owner_id``."""
    return viewer.operator or (viewer.agency_id == owner_id and viewer.role in WRITER_ROLES)


def visible_clause(
    viewer: Viewer, action: Action, *, today: date | None = None
) -> ColumnElement[bool]:
    """A SQL condition on :class:`Record` selecting exactly the records for which
    :func:`allowed` is true (for read actions)."""
    if action in WRITES:
        if viewer.operator:
            return true()
        if viewer.agency_id is None or viewer.role not in WRITER_ROLES:
            return false()
        return Record.owner_id == viewer.agency_id
    if viewer.operator:
        return true()
    shared_levels = (
        [Visibility.FULL.value, Visibility.HIT_ONLY.value]
        if action is Action.SEARCH
        else [Visibility.FULL.value]
    )
    others = and_(
        Record.review_date >= (today or date.today()),
        Record.visibility.in_(shared_levels),
    )
    if action is Action.EXPORT:
        others = and_(others, Record.handling_code != "H2")
    if viewer.agency_id is None:
        return others
    return or_(Record.owner_id == viewer.agency_id, others)
