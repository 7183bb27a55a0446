"""The relational schema: SQLAlchemy 2 declarative tables.

Every shared record (person, document, antecedent, notice, group, link, event) has one
row in ``records`` carrying what the exchange rules need — owner agency, external id,
handling code, visibility, purposes, review date — and one row in its kind's table
keyed by the same id. The policy layer therefore decides on one table, whatever the
kind. Partial dates are kept as their text (``1984``, ``1984-06``) and, where queries
need ranges, as first and last day too.

Migrations under ``store/migrations`` create exactly this schema on SQLite and
PostgreSQL; a test compares them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Agency",
    "Antecedent",
    "ApiToken",
    "AuditEvent",
    "Base",
    "BirthDate",
    "BirthPlace",
    "Document",
    "Event",
    "EventParticipant",
    "Group",
    "GroupAlias",
    "GroupCountry",
    "Hit",
    "Link",
    "Member",
    "Nationality",
    "Notice",
    "Person",
    "PersonIdentifier",
    "PersonName",
    "Record",
    "Region",
    "RegionMember",
    "ReleaseRequest",
    "SharingRule",
    "User",
]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Lengths are limits on what a record may hold, enforced again (with clear errors) by
# the validation layer before anything reaches the database.
NAME_MAX = 400
TEXT_MAX = 4000
REF_MAX = 200


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


# --- members, regions, agencies, users -------------------------------------------------


class Member(Base):
    """A member country of the exchange."""

    __tablename__ = "members"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Region(Base):
    """A named set of members: MAGHREB, SAHEL, HORN, AIMC ..."""

    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    members: Mapped[list[RegionMember]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class RegionMember(Base):
    __tablename__ = "region_members"
    region_code: Mapped[str] = mapped_column(
        ForeignKey("regions.code", ondelete="CASCADE"), primary_key=True
    )
    member_code: Mapped[str] = mapped_column(ForeignKey("members.code"), primary_key=True)


class Agency(Base):
    """A police service of a member, or the organization's secretariat (no country)."""

    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(ForeignKey("members.code"))
    is_secretariat: Mapped[bool] = mapped_column(Boolean, default=False)
    default_visibility: Mapped[str] = mapped_column(String(16), default="full")
    default_handling: Mapped[str] = mapped_column(String(2), default="H0")
    # Whether the organization's secretariat sees this agency's records in full.
    secretariat_access: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The web interface's language for this user (ar, fr, en); None: not chosen yet.
    language: Mapped[str | None] = mapped_column(String(8))
    agency: Mapped[Agency] = relationship(lazy="joined")


class ApiToken(Base):
    """A bearer token: a login session (expires) or a system's API token (until revoked).
    Only the SHA-256 of the token is stored."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "session" | "api"
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# --- records ---------------------------------------------------------------------------


class Record(Base):
    """What every shared record has: owner, external id, sharing fields, review date."""

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint("owner_id", "external_id", name="uq_records_owner_external"),
        Index("ix_records_kind_owner", "kind", "owner_id"),
        CheckConstraint("handling_code IN ('H0','H1','H2','H3')", name="handling_code"),
        CheckConstraint("visibility IN ('full','hit_only','none')", name="visibility"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    external_id: Mapped[str] = mapped_column(String(REF_MAX))
    handling_code: Mapped[str] = mapped_column(String(2), default="H0")
    handling_conditions: Mapped[str | None] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(16), default="full")
    purposes: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    # True: the record's own sharing rules apply; false: its owner agency's defaults.
    own_rules: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    review_date: Mapped[date] = mapped_column(Date, index=True)
    owner: Mapped[Agency] = relationship(lazy="joined")


class Person(Base):
    __tablename__ = "persons"
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    gender: Mapped[str | None] = mapped_column(String(8))
    notes: Mapped[str | None] = mapped_column(Text)
    record: Mapped[Record] = relationship(lazy="joined")
    names: Mapped[list[PersonName]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PersonName.position"
    )
    birth_dates: Mapped[list[BirthDate]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="BirthDate.position"
    )
    birth_places: Mapped[list[BirthPlace]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="BirthPlace.position"
    )
    nationalities: Mapped[list[Nationality]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Nationality.position"
    )
    identifiers: Mapped[list[PersonIdentifier]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PersonIdentifier.position"
    )


class PersonName(Base):
    """One name of a person. ``parts`` holds the structured parts where known
    (``first``, ``middle``, ``last``, ``father``)."""

    __tablename__ = "person_names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    full_name: Mapped[str] = mapped_column(String(NAME_MAX))
    script: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    parts: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class BirthDate(Base):
    __tablename__ = "person_birth_dates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[str] = mapped_column(String(10))  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: Mapped[str] = mapped_column(String(8))
    earliest: Mapped[date] = mapped_column(Date)
    latest: Mapped[date] = mapped_column(Date)


class BirthPlace(Base):
    __tablename__ = "person_birth_places"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    place: Mapped[str] = mapped_column(String(NAME_MAX))


class Nationality(Base):
    __tablename__ = "person_nationalities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    country: Mapped[str] = mapped_column(String(2))


class PersonIdentifier(Base):
    """A number written on the person record itself (FtM ``passportNumber``,
    ``idNumber``); a document with status and issuer is a :class:`Document` record."""

    __tablename__ = "person_identifiers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(REF_MAX))
    number_normalized: Mapped[str] = mapped_column(String(REF_MAX), index=True)


class Document(Base):
    """A travel or identity document, with its status (lost, stolen ...)."""

    __tablename__ = "documents"
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    holder_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="SET NULL"), index=True
    )
    doc_type: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(REF_MAX))
    number_normalized: Mapped[str] = mapped_column(String(REF_MAX), index=True)
    issuer: Mapped[str | None] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16))
    issue_date: Mapped[str | None] = mapped_column(String(10))
    expiry_date: Mapped[str | None] = mapped_column(String(10))
    record: Mapped[Record] = relationship(lazy="joined", foreign_keys=[record_id])


class Antecedent(Base):
    """A criminal-record entry of a person."""

    __tablename__ = "antecedents"
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    offence_category: Mapped[str] = mapped_column(String(32))
    offence_date: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(NAME_MAX))
    country: Mapped[str | None] = mapped_column(String(2))
    case_reference: Mapped[str | None] = mapped_column(String(REF_MAX))
    judicial_status: Mapped[str] = mapped_column(String(16))
    record: Mapped[Record] = relationship(lazy="joined", foreign_keys=[record_id])


class Notice(Base):
    __tablename__ = "notices"
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), index=True
    )
    notice_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    issuing_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    title: Mapped[str | None] = mapped_column(String(NAME_MAX))
    reason: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(Text)  # what the notice asks of an officer
    issued_date: Mapped[str | None] = mapped_column(String(10))
    expiry_date: Mapped[str | None] = mapped_column(String(10))
    record: Mapped[Record] = relationship(lazy="joined", foreign_keys=[record_id])


class Group(Base):
    __tablename__ = "groups"
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    record: Mapped[Record] = relationship(lazy="joined")
    aliases: Mapped[list[GroupAlias]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="GroupAlias.position"
    )
    countries: Mapped[list[GroupCountry]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="GroupCountry.position"
    )


class GroupAlias(Base):
    __tablename__ = "group_aliases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    script: Mapped[str] = mapped_column(String(8))


class GroupCountry(Base):
    """A country where the group is present."""

    __tablename__ = "group_countries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    country: Mapped[str] = mapped_column(String(2))


class Link(Base):
    """A typed, dated, sourced link between two records (persons and groups)."""

    __tablename__ = "links"
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    link_type: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    role: Mapped[str | None] = mapped_column(String(NAME_MAX))
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str | None] = mapped_column(String(NAME_MAX))
    confidence: Mapped[float | None] = mapped_column(Float)
    record: Mapped[Record] = relationship(lazy="joined", foreign_keys=[record_id])


class Event(Base):
    """A border crossing, arrest or incident: when, where, who."""

    __tablename__ = "events"
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    event_type: Mapped[str] = mapped_column(String(16))
    occurred_on: Mapped[str] = mapped_column(String(10), index=True)
    place: Mapped[str | None] = mapped_column(String(NAME_MAX))
    country: Mapped[str | None] = mapped_column(String(2))
    summary: Mapped[str | None] = mapped_column(Text)
    record: Mapped[Record] = relationship(lazy="joined")
    participants: Mapped[list[EventParticipant]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EventParticipant.position"
    )


class EventParticipant(Base):
    __tablename__ = "event_participants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.record_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), index=True
    )


# --- exchange rules ----------------------------------------------------------------------


class SharingRule(Base):
    """A grant (``full``, ``hit_only``) or denial (``none``) to a member, a region or an
    agency, set by the owner: on one record (``record_id``), or as the owner agency's
    default for its records without rules of their own (``record_id`` null)."""

    __tablename__ = "sharing_rules"
    __table_args__ = (
        Index("ix_sharing_rules_owner_record", "owner_id", "record_id"),
        CheckConstraint("level IN ('full','hit_only','none')", name="level"),
        CheckConstraint("subject_kind IN ('member','region','agency')", name="subject_kind"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), index=True
    )
    subject_kind: Mapped[str] = mapped_column(String(8))
    subject_code: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReleaseRequest(Base):
    """An agency with hit-only access asks the owner to release a record to it. A
    ``released`` request gives that agency full access to the record."""

    __tablename__ = "release_requests"
    __table_args__ = (
        Index("ix_release_requests_record_agency", "record_id", "agency_id", "status"),
        CheckConstraint("status IN ('pending','released','refused')", name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    requested_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)


class Hit(Base):
    """A search or screening result at or above the threshold: the owner is notified,
    the searching officer confirms or rejects it. Kept for the statistics when the
    record is deleted (``record_id`` becomes null; ``record_ref`` stays)."""

    __tablename__ = "hits"
    __table_args__ = (
        CheckConstraint("outcome IN ('pending','confirmed','rejected')", name="outcome"),
        Index("ix_hits_owner_at", "owner_id", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="SET NULL"), index=True
    )
    record_ref: Mapped[str] = mapped_column(String(REF_MAX))
    owner_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    searcher_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    searcher: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    purpose: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    access: Mapped[str] = mapped_column(String(16))  # what the searcher saw: full / hit_only
    audit_id: Mapped[int | None] = mapped_column(Integer)  # the search's audit entry
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome_note: Mapped[str | None] = mapped_column(Text)


# --- audit -----------------------------------------------------------------------------


class AuditEvent(Base):
    """One entry of the append-only audit log. ``hash`` covers the entry's fields and
    ``prev_hash``, so editing, removing or reordering entries breaks the chain."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    agency: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32), index=True)
    purpose: Mapped[str | None] = mapped_column(String(32))
    targets: Mapped[list[str] | None] = mapped_column(JSON)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
