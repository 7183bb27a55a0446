"""Implementation of the policy described in ``tabadul.policy``."""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    cast,
    exists,
    false,
    literal,
    not_,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from tabadul.domain.enums import Purpose, Role, Visibility
from tabadul.store.tables import Agency, Record, RegionMember, ReleaseRequest, SharingRule

__all__ = ["WRITER_ROLES", "Action", "Policy", "Viewer"]


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
_INLINE_RELEASES = 2000
_RANK = {Visibility.NONE: 0, Visibility.HIT_ONLY: 1, Visibility.FULL: 2}
# Built SQL conditions kept for reuse, by everything they are made of (see `clause`).
_CLAUSE_CACHE_SIZE = 256


class _ClauseCache:
    """The SQL conditions already built, by the *values* they were built from: the
    viewer, the purpose, the day, the viewer's regions, the owners' default verdicts,
    the secretariat's owners, the releases to the viewer's agency, and the action.

    Building a condition is the costly part (a large expression tree, and compiling it
    anew each time); reading what it is made of is a few small queries, done for every
    policy as before. Keyed by those values, a cached condition can never be stale —
    whoever changed a rule, a region, an agency or a release, in this process or
    another — since a changed input is another key."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, ColumnElement[bool]] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], ColumnElement[bool]]) -> ColumnElement[bool]:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        built = build()
        with self._lock:
            self._items[key] = built
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return built

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_CLAUSES = _ClauseCache(_CLAUSE_CACHE_SIZE)


class AgencyLike(Protocol):
    """What a viewer takes from its agency (a row or an ``AgencyInfo``)."""

    @property
    def id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def is_secretariat(self) -> bool: ...


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

    @classmethod
    def of_agency(cls, agency: AgencyLike, login: str, role: Role = Role.OFFICER) -> Viewer:
        """A user of ``agency`` with this login and role (the rules depend on the
        agency and the role, never on the person): for previews, scripts and tests."""
        return cls(
            login=login,
            role=role,
            agency_id=agency.id,
            agency_code=agency.code,
            country=agency.country,
            is_secretariat=agency.is_secretariat,
        )

    def may_write_for(self, owner_id: int) -> bool:
        """Step 2: whether this viewer may write records owned by agency ``owner_id``."""
        return self.operator or (self.agency_id == owner_id and self.role in WRITER_ROLES)


@dataclass(frozen=True)
class _Verdict:
    """What a set of matching rules says: a denial, and the best grant."""

    denied: bool = False
    grant: Visibility = Visibility.NONE


_INPUTS: dict[tuple[bool, bool], CompoundSelect[Any]] = {}


def _inputs_statement(regions: bool, secretariat: bool) -> CompoundSelect[Any]:
    """The statement that reads what a policy is made of (see :meth:`Policy.for_viewer`),
    with the viewer's country as the parameter ``country``; built once per shape (a
    viewer with or without a country, of the secretariat or not), which spares building
    and keying it for every request."""
    statement = _INPUTS.get((regions, secretariat))
    if statement is not None:
        return statement
    none_text = literal(None, String)
    parts = [
        select(
            literal("rule"),
            SharingRule.owner_id,
            SharingRule.subject_kind,
            SharingRule.subject_code,
            SharingRule.level,
        ).where(SharingRule.record_id.is_(None))
    ]
    if regions:
        parts.append(
            select(
                literal("region"),
                literal(None, Integer),
                none_text,
                RegionMember.region_code,
                none_text,
            ).where(RegionMember.member_code == bindparam("country", type_=String))
        )
    if secretariat:
        parts.append(
            select(literal("secretariat"), Agency.id, none_text, none_text, none_text).where(
                Agency.secretariat_access.is_(True)
            )
        )
    statement = _INPUTS[(regions, secretariat)] = union_all(*parts)
    return statement


@dataclass
class Policy:
    """The exchange rules for one viewer, one purpose and one day.

    Build it with :meth:`for_viewer` inside the request's session; it reads the
    viewer's regions and the agencies' default rules once (they are few), and looks up
    a record's own rules and releases when asked about that record.
    """

    session: Session
    viewer: Viewer
    purpose: Purpose | None
    today: date
    regions: frozenset[str] = frozenset()
    _defaults: dict[int, _Verdict] = field(default_factory=dict)
    _secretariat_owners: frozenset[int] = frozenset()
    # The records released to the viewer's agency (None: too many to list; see
    # `_released`), read on first need.
    _releases: tuple[int, ...] | None = None
    _releases_read: bool = False

    @classmethod
    def for_viewer(
        cls, session: Session, viewer: Viewer, *, purpose: Purpose | None, today: date
    ) -> Policy:
        policy = cls(session, viewer, Purpose(purpose) if purpose else None, today)
        if viewer.operator:
            return policy
        # What the policy is made of, in one statement (a policy is built for every
        # request): the viewer's regions, the owners' default rules, and, for the
        # secretariat, the owners that allow it.
        statement = _inputs_statement(bool(viewer.country), viewer.is_secretariat)
        rows = session.execute(statement, {"country": viewer.country} if viewer.country else {})
        regions: set[str] = set()
        secretariat: set[int] = set()
        by_owner: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for what, owner_id, kind, code, level in rows:
            if what == "rule":
                by_owner[owner_id].append((kind, code, level))
            elif what == "region":
                regions.add(code)
            else:
                secretariat.add(owner_id)
        policy.regions = frozenset(regions)
        policy._defaults = {owner: policy._verdict(rules) for owner, rules in by_owner.items()}
        policy._secretariat_owners = frozenset(secretariat)
        return policy

    # -- the decision for one record ------------------------------------------------

    def _matches(self, kind: str, code: str) -> bool:
        v = self.viewer
        return (
            (kind == "agency" and code == v.agency_code)
            or (kind == "member" and code == v.country)
            or (kind == "region" and code in self.regions)
        )

    def _verdict(self, rules: list[tuple[str, str, str]]) -> _Verdict:
        denied = False
        grant = Visibility.NONE
        for kind, code, level in rules:
            if not self._matches(kind, code):
                continue
            if level == Visibility.NONE:
                denied = True
            elif _RANK[Visibility(level)] > _RANK[grant]:
                grant = Visibility(level)
        return _Verdict(denied, grant)

    def _purpose_ok(self, purposes: list[str] | None) -> bool:
        return not purposes or (self.purpose is not None and self.purpose.value in purposes)

    def access(self, record: Record) -> Visibility:
        """How much of ``record`` the viewer may read (steps 1 and 3-9)."""
        v = self.viewer
        if v.operator or (v.agency_id is not None and record.owner_id == v.agency_id):
            return Visibility.FULL
        if record.review_date < self.today or not self._purpose_ok(record.purposes):
            return Visibility.NONE
        if record.owner_id in self._secretariat_owners:
            return Visibility.FULL
        if v.agency_id is not None and self.session.scalar(
            select(ReleaseRequest.id).where(
                ReleaseRequest.record_id == record.id,
                ReleaseRequest.agency_id == v.agency_id,
                ReleaseRequest.status == "released",
            )
        ):
            return Visibility.FULL
        if record.own_rules:
            rules = [
                (r.subject_kind, r.subject_code, r.level)
                for r in self.session.scalars(
                    select(SharingRule).where(SharingRule.record_id == record.id)
                )
            ]
            verdict = self._verdict(rules)
        else:
            verdict = self._defaults.get(record.owner_id, _Verdict())
        if verdict.denied:
            return Visibility.NONE
        base = Visibility(record.visibility)
        return base if _RANK[base] >= _RANK[verdict.grant] else verdict.grant

    def allowed(self, action: Action, record: Record) -> bool:
        """Whether the viewer may perform ``action`` on ``record`` (the whole order)."""
        v = self.viewer
        if v.operator:
            return True
        if action in WRITES:
            return v.may_write_for(record.owner_id)
        seen = self.access(record)
        if action is Action.EXPORT and record.handling_code == "H2":
            return record.owner_id == v.agency_id and seen is Visibility.FULL
        if action is Action.SEARCH:
            return seen is not Visibility.NONE
        return seen is Visibility.FULL

    # -- the same decision as SQL ---------------------------------------------------

    def _rule_exists(self, levels: tuple[str, ...]) -> ColumnElement[bool]:
        """A record's own rule matching the viewer with one of ``levels`` exists."""
        v = self.viewer
        subject = or_(
            and_(SharingRule.subject_kind == "agency", SharingRule.subject_code == v.agency_code),
            and_(SharingRule.subject_kind == "member", SharingRule.subject_code == v.country),
            and_(
                SharingRule.subject_kind == "region",
                SharingRule.subject_code.in_(sorted(self.regions)),
            ),
        )
        return exists().where(
            SharingRule.record_id == Record.id, subject, SharingRule.level.in_(levels)
        )

    def _owners(self, test: str) -> list[int]:
        """Owners whose default rules deny the viewer (``denied``), or grant it at least
        ``full`` or ``hit`` (hit-only)."""
        checks: dict[str, Callable[[_Verdict], bool]] = {
            "denied": lambda v: v.denied,
            "full": lambda v: v.grant is Visibility.FULL,
            "hit": lambda v: v.grant is not Visibility.NONE,
        }
        return sorted(owner for owner, v in self._defaults.items() if checks[test](v))

    def _released(self) -> tuple[int, ...] | None:
        """The records released to the viewer's agency, ascending; ``None`` when there
        are too many to list in a condition. Releases to one agency are few: a list of
        ids is far cheaper than a correlated lookup on every record; past a few
        thousand, the condition looks them up."""
        if not self._releases_read:
            found: set[int] = set()
            if self.viewer.agency_id is not None:
                found = set(
                    self.session.scalars(
                        select(ReleaseRequest.record_id)
                        .where(
                            ReleaseRequest.agency_id == self.viewer.agency_id,
                            ReleaseRequest.status == "released",
                        )
                        .limit(_INLINE_RELEASES + 1)
                    )
                )
            self._releases = tuple(sorted(found)) if len(found) <= _INLINE_RELEASES else None
            self._releases_read = True
        return self._releases

    def _level_clause(self, minimum: Visibility) -> ColumnElement[bool]:
        """Records the viewer sees at ``minimum`` or more (steps 3-9)."""
        v = self.viewer
        levels = ("full",) if minimum is Visibility.FULL else ("full", "hit_only")
        purposes_text = cast(Record.purposes, Text)
        purpose_ok: ColumnElement[bool] = or_(Record.purposes.is_(None), purposes_text == "null")
        if self.purpose is not None:
            purpose_ok = or_(purpose_ok, purposes_text.like(f'%"{self.purpose.value}"%'))
        released: ColumnElement[bool] = false()
        if v.agency_id is not None:
            listed = self._released()
            if listed is not None:
                released = Record.id.in_(listed) if listed else false()
            else:
                released = exists().where(
                    ReleaseRequest.record_id == Record.id,
                    ReleaseRequest.agency_id == v.agency_id,
                    ReleaseRequest.status == "released",
                )
        own_rules = Record.own_rules.is_(True)
        denied = or_(
            and_(own_rules, self._rule_exists(("none",))),
            and_(not_(own_rules), Record.owner_id.in_(self._owners("denied"))),
        )
        granted = or_(
            Record.visibility.in_(levels),
            and_(own_rules, self._rule_exists(levels)),
            and_(
                not_(own_rules),
                Record.owner_id.in_(self._owners("full" if minimum is Visibility.FULL else "hit")),
            ),
        )
        others = and_(
            Record.review_date >= self.today,
            purpose_ok,
            or_(
                Record.owner_id.in_(sorted(self._secretariat_owners)),
                released,
                and_(not_(denied), granted),
            ),
        )
        if v.agency_id is None:
            return others
        return or_(Record.owner_id == v.agency_id, others)

    def clause(self, action: Action) -> ColumnElement[bool]:
        """A SQL condition on :class:`Record` selecting exactly the records for which
        :meth:`allowed` is true.

        Conditions are kept and reused by everything they are built from (see
        :class:`_ClauseCache`): the same values give the same condition object, which
        also spares SQLAlchemy compiling it again."""
        v = self.viewer
        if v.operator or action in WRITES:
            return self._clause(action)
        key = (
            action,
            # the viewer, but for who they are within their agency (login, user id):
            # the rules do not depend on it, and officers of one agency share a condition
            (v.agency_id, v.agency_code, v.country, v.role, v.is_secretariat),
            self.purpose,
            self.today,
            self.regions,
            tuple(sorted(self._defaults.items())),
            self._secretariat_owners,
            self._released() if v.agency_id is not None else None,
        )
        return _CLAUSES.get(key, lambda: self._clause(action))

    def _clause(self, action: Action) -> ColumnElement[bool]:
        v = self.viewer
        if v.operator:
            return true()
        if action in WRITES:
            if v.agency_id is None or v.role not in WRITER_ROLES:
                return false()
            return Record.owner_id == v.agency_id
        if action is Action.SEARCH:
            return self._level_clause(Visibility.HIT_ONLY)
        full = self._level_clause(Visibility.FULL)
        if action is Action.EXPORT:
            mine = Record.owner_id == v.agency_id if v.agency_id is not None else false()
            return and_(full, or_(Record.handling_code != "H2", mine))
        return full
