"""Sharing rules: who sees an owner's records (exchange rule 2).

A record's sharing is its *base visibility* (what everyone else gets) plus *rules* that
grant ``full`` or ``hit_only`` to, or deny (``none``) a member, a region or an agency.
A record either has rules of its own or follows its owner agency's default rules. The
order in which these apply is in :mod:`tabadul.policy`. Every change is audited with
the rules before and after, and applies from the next request on (there is no cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tabadul.audit import AuditAction, append
from tabadul.domain.enums import Purpose, Visibility
from tabadul.policy import Action, Policy, Viewer
from tabadul.service.errors import FieldError, Forbidden, InvalidInput
from tabadul.service.records import not_found
from tabadul.store.tables import Agency, Member, Record, Region, SharingRule

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["AgencySharing", "AgencyView", "RecordSharing", "RuleIn", "Sharing"]

SubjectKind = Literal["member", "region", "agency"]


class RuleIn(BaseModel):
    """One grant or denial: ``{"subject": "region", "code": "SAHEL", "level": "full"}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    subject: SubjectKind
    code: str = Field(min_length=2, max_length=32)
    level: Visibility

    def __str__(self) -> str:
        return f"{self.level.value}:{self.subject}:{self.code}"


@dataclass(frozen=True)
class RecordSharing:
    owner: str
    external_id: str
    visibility: Visibility
    own_rules: bool
    rules: list[RuleIn]  # the rules in force: the record's own, or the agency's defaults
    purposes: list[Purpose] | None
    handling_code: str
    handling_conditions: str | None


@dataclass(frozen=True)
class AgencyView:
    """What one agency sees of a record before and after a sharing change (a
    :meth:`Sharing.preview` row)."""

    agency: str
    name: str
    before: Visibility
    after: Visibility

    @property
    def changed(self) -> bool:
        return self.before is not self.after


@dataclass(frozen=True)
class _Change:
    """A change of a record's sharing, as :meth:`Sharing.set_record` takes it."""

    visibility: Visibility | None
    rules: list[RuleIn] | None
    purposes: list[Purpose] | None
    clear_purposes: bool
    use_agency_defaults: bool


@dataclass(frozen=True)
class AgencySharing:
    agency: str
    default_visibility: Visibility
    secretariat_access: bool
    rules: list[RuleIn]


def _rules(session: Session, *, owner_id: int, record_id: int | None) -> list[RuleIn]:
    query = select(SharingRule).where(SharingRule.owner_id == owner_id)
    query = query.where(
        SharingRule.record_id.is_(None) if record_id is None else SharingRule.record_id == record_id
    )
    return [
        RuleIn.model_validate({"subject": r.subject_kind, "code": r.subject_code, "level": r.level})
        for r in session.scalars(query.order_by(SharingRule.id))
    ]


class Sharing:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def _check_subjects(self, session: Session, rules: list[RuleIn]) -> list[RuleIn]:
        errors: list[FieldError] = []
        normalized: list[RuleIn] = []
        for index, rule in enumerate(rules):
            code = rule.code.strip().upper()
            table = {"member": Member.code, "region": Region.code, "agency": Agency.code}[
                rule.subject
            ]
            if session.scalar(select(table).where(table == code)) is None:
                what = {"member": "member country", "region": "region", "agency": "agency"}
                errors.append(
                    FieldError(
                        ("rules", index, "code"),
                        f"there is no {what[rule.subject]} {rule.code!r} in this installation",
                    )
                )
            normalized.append(rule.model_copy(update={"code": code}))
        if errors:
            raise InvalidInput(errors)
        return list(dict.fromkeys(normalized))

    def _owned_record(
        self, session: Session, viewer: Viewer, owner: str, external_id: str
    ) -> Record:
        """The record, if the viewer's agency owns it and may change its rules."""
        row = self._app.records.row(session, owner, external_id)
        policy = self._app.records.policy(session, viewer)
        if row is None or not policy.allowed(Action.VIEW, row):
            raise not_found(owner, external_id)
        if not viewer.operator and row.owner_id != viewer.agency_id:
            raise Forbidden("only the owner agency sees and sets a record's sharing rules")
        return row

    def _describe(self, session: Session, row: Record) -> RecordSharing:
        rules = _rules(session, owner_id=row.owner_id, record_id=row.id if row.own_rules else None)
        return RecordSharing(
            owner=row.owner.code,
            external_id=row.external_id,
            visibility=Visibility(row.visibility),
            own_rules=row.own_rules,
            rules=rules,
            purposes=[Purpose(p) for p in row.purposes] if row.purposes else None,
            handling_code=row.handling_code,
            handling_conditions=row.handling_conditions,
        )

    def get(self, viewer: Viewer, *, owner: str, external_id: str) -> RecordSharing:
        with self._app.transaction() as session:
            return self._describe(session, self._owned_record(session, viewer, owner, external_id))

    def set_record(
        self,
        viewer: Viewer,
        *,
        owner: str,
        external_id: str,
        visibility: Visibility | None = None,
        rules: list[RuleIn] | None = None,
        purposes: list[Purpose] | None = None,
        clear_purposes: bool = False,
        use_agency_defaults: bool = False,
    ) -> RecordSharing:
        """Change a record's sharing. ``rules`` replaces its own rules (an empty list
        means: own rules, none of them); ``use_agency_defaults`` drops its own rules so
        that the agency defaults apply again. Unchanged what is not given."""
        change = _Change(visibility, rules, purposes, clear_purposes, use_agency_defaults)
        with self._app.transaction() as session:
            row = self._writable_record(session, viewer, owner, external_id)
            before = self._describe(session, row)
            after = self._apply(session, row, change)
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RULE_CHANGE,
                targets=[f"{row.owner.code}/{row.external_id}"],
                detail={"before": _summary(before), "after": _summary(after)},
            )
            return after

    def preview(
        self,
        viewer: Viewer,
        *,
        owner: str,
        external_id: str,
        visibility: Visibility | None = None,
        rules: list[RuleIn] | None = None,
        purposes: list[Purpose] | None = None,
        clear_purposes: bool = False,
        use_agency_defaults: bool = False,
    ) -> list[AgencyView]:
        """What every agency of the directory would see of the record, before and after
        the change that :meth:`set_record` would make with the same arguments.

        The change is made for real inside a savepoint, so the answer is the policy's
        own (:meth:`Policy.access`, for an officer standing for each agency), not a
        second implementation of the rules that could drift from it; the savepoint is
        then rolled back: nothing is stored and no audit entry is written. Checks and
        errors are those of :meth:`set_record` (only the owner's bureau officers and
        admins; an unknown rule subject names its field).

        A record limited to purposes is served to nobody for another purpose, so each
        side is read for the first purpose it allows (any purpose, when it allows all);
        both sides also see the same releases to an agency, which outrank the rules."""
        change = _Change(visibility, rules, purposes, clear_purposes, use_agency_defaults)
        with self._app.transaction() as session:
            row = self._writable_record(session, viewer, owner, external_id)
            agencies = list(session.scalars(select(Agency).order_by(Agency.code)))
            before = self._access_by_agency(session, row, agencies)
            savepoint = session.begin_nested()
            try:
                self._apply(session, row, change)
                after = self._access_by_agency(session, row, agencies)
            finally:
                savepoint.rollback()
            return [
                AgencyView(
                    agency=a.code,
                    name=a.name,
                    before=before[a.id],
                    after=after[a.id],
                )
                for a in agencies
            ]

    def _writable_record(
        self, session: Session, viewer: Viewer, owner: str, external_id: str
    ) -> Record:
        """The record, if the viewer may change its sharing (the owner's bureau officers
        and admins, or the operator)."""
        row = self._owned_record(session, viewer, owner, external_id)
        if not viewer.may_write_for(row.owner_id):
            raise Forbidden("only the owner agency's bureau officers and admins set sharing rules")
        return row

    def _apply(self, session: Session, row: Record, change: _Change) -> RecordSharing:
        """Make ``change`` to the record in the session (flushed, not committed) and
        return its sharing after it: the one code path of saving and previewing."""
        if change.visibility is not None:
            row.visibility = Visibility(change.visibility).value
        if change.purposes:
            row.purposes = sorted({Purpose(p).value for p in change.purposes})
        elif change.clear_purposes:
            row.purposes = None
        if change.use_agency_defaults:
            session.execute(delete(SharingRule).where(SharingRule.record_id == row.id))
            row.own_rules = False
        elif change.rules is not None:
            checked = self._check_subjects(session, change.rules)
            session.execute(delete(SharingRule).where(SharingRule.record_id == row.id))
            for rule in checked:
                session.add(
                    SharingRule(
                        owner_id=row.owner_id,
                        record_id=row.id,
                        subject_kind=rule.subject,
                        subject_code=rule.code,
                        level=rule.level.value,
                        created_at=self._app.now(),
                    )
                )
            row.own_rules = True
        row.updated_at = self._app.now()
        session.flush()
        return self._describe(session, row)

    def _access_by_agency(
        self, session: Session, row: Record, agencies: list[Agency]
    ) -> dict[int, Visibility]:
        """What an officer of each agency may see of the record as the session holds
        it now, for the first purpose the record allows."""
        purpose = Purpose(row.purposes[0]) if row.purposes else None
        today = self._app.today()
        return {
            agency.id: Policy.for_viewer(
                session, _officer_of(agency), purpose=purpose, today=today
            ).access(row)
            for agency in agencies
        }

    def get_defaults(self, viewer: Viewer, *, agency: str) -> AgencySharing:
        with self._app.transaction() as session:
            row = self._app.directory.agency(session, agency)
            if not (viewer.operator or viewer.agency_id == row.id):
                raise Forbidden("only the agency itself sees its default sharing rules")
            return self._defaults(session, row)

    def _defaults(self, session: Session, row: Agency) -> AgencySharing:
        return AgencySharing(
            agency=row.code,
            default_visibility=Visibility(row.default_visibility),
            secretariat_access=row.secretariat_access,
            rules=_rules(session, owner_id=row.id, record_id=None),
        )

    def set_defaults(
        self,
        viewer: Viewer,
        *,
        agency: str,
        visibility: Visibility | None = None,
        rules: list[RuleIn] | None = None,
        secretariat_access: bool | None = None,
    ) -> AgencySharing:
        """Change an agency's defaults: the base visibility of its *new* records, the
        default rules of all its records without rules of their own (at once), and
        whether the secretariat sees its records."""
        with self._app.transaction() as session:
            row = self._app.directory.agency(session, agency)
            if not viewer.may_write_for(row.id):
                raise Forbidden("only the agency's bureau officers and admins set its defaults")
            before = self._defaults(session, row)
            if visibility is not None:
                row.default_visibility = Visibility(visibility).value
            if secretariat_access is not None:
                row.secretariat_access = secretariat_access
            if rules is not None:
                checked = self._check_subjects(session, rules)
                session.execute(
                    delete(SharingRule).where(
                        SharingRule.owner_id == row.id, SharingRule.record_id.is_(None)
                    )
                )
                for rule in checked:
                    session.add(
                        SharingRule(
                            owner_id=row.id,
                            record_id=None,
                            subject_kind=rule.subject,
                            subject_code=rule.code,
                            level=rule.level.value,
                            created_at=self._app.now(),
                        )
                    )
            session.flush()
            after = self._defaults(session, row)
            append(
                session,
                actor=viewer.login,
                agency=viewer.agency_code,
                action=AuditAction.RULE_CHANGE,
                targets=[row.code],
                detail={
                    "before": {
                        "default_visibility": before.default_visibility.value,
                        "secretariat_access": before.secretariat_access,
                        "rules": [str(r) for r in before.rules],
                    },
                    "after": {
                        "default_visibility": after.default_visibility.value,
                        "secretariat_access": after.secretariat_access,
                        "rules": [str(r) for r in after.rules],
                    },
                },
            )
            return after


def _officer_of(agency: Agency) -> Viewer:
    """A viewer standing for ``agency``: an officer of it, who reads what the agency's
    every user reads (the rules depend on the agency, never on the person)."""
    return Viewer.of_agency(agency, f"preview:{agency.code}")


def _summary(sharing: RecordSharing) -> dict[str, object]:
    return {
        "visibility": sharing.visibility.value,
        "own_rules": sharing.own_rules,
        "rules": [str(r) for r in sharing.rules],
        "purposes": [p.value for p in sharing.purposes] if sharing.purposes else None,
    }
