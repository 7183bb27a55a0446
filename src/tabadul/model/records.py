"""The canonical shape of every shared record, as pydantic models.

``*In`` models are what an owner writes (API bodies, importers and the synthetic
generator all produce them); ``*Out`` models are what a viewer with full access reads.
References between records (a document's holder, a link's ends, a notice's subject) are
the *external ids* of records of the same owner: an FtM file references its own
entities the same way. The store resolves them to rows.

Validation here is the single place where a record's content is checked, so the
messages are written for the person who has to fix the input.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from tabadul.domain.countries import normalize_country
from tabadul.domain.dates import PartialDate
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
    Purpose,
    Script,
    Visibility,
)

__all__ = [
    "AntecedentIn",
    "AntecedentOut",
    "CountryCode",
    "DocumentIn",
    "DocumentOut",
    "EventIn",
    "EventOut",
    "ExternalId",
    "GroupIn",
    "GroupOut",
    "IdentifierIn",
    "LinkIn",
    "LinkOut",
    "NameIn",
    "NameOut",
    "NoticeIn",
    "NoticeOut",
    "PartialDateText",
    "PersonIn",
    "PersonOut",
    "RecordIn",
    "RecordOut",
    "Sharing",
]

NAME_MAX = 400
TEXT_MAX = 4000
REF_MAX = 200


def _check_date(value: str) -> str:
    return str(PartialDate.parse(value))


def _check_country(value: str) -> str:
    return normalize_country(value)


def _check_external_id(value: str) -> str:
    if any(ch.isspace() for ch in value) or any(ord(ch) < 32 for ch in value):
        raise ValueError("an external id may not contain spaces or control characters")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX)]
NameText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)
]
ExternalId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=REF_MAX),
    AfterValidator(_check_external_id),
]
Reference = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REF_MAX)
]
PartialDateText = Annotated[str, AfterValidator(_check_date)]
CountryCode = Annotated[str, AfterValidator(_check_country)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Sharing(_Model):
    """The exchange-rule fields every record carries (DESIGN.md rules 2-5). ``None``
    means "the owner agency's default"."""

    handling_code: HandlingCode | None = None
    handling_conditions: Text | None = Field(
        default=None, description="The owner's own conditions; required with H3."
    )
    visibility: Visibility | None = None
    purposes: list[Purpose] | None = Field(
        default=None,
        description="Limit the record to these purposes; null or empty: all purposes.",
        max_length=len(Purpose),
    )

    @field_validator("purposes")
    @classmethod
    def _no_empty_limit(cls, purposes: list[Purpose] | None) -> list[Purpose] | None:
        # An empty limit would hide the record from everyone but its owner by accident.
        return sorted(set(purposes)) if purposes else None

    @model_validator(mode="after")
    def _h3_needs_conditions(self) -> Sharing:
        if self.handling_code is HandlingCode.H3 and not self.handling_conditions:
            raise ValueError("handling code H3 needs the owner's conditions as text")
        return self


class _RecordIn(_Model):
    external_id: ExternalId
    sharing: Sharing = Field(default_factory=Sharing)


# --- persons ---------------------------------------------------------------------------


class NameIn(_Model):
    full_name: NameText
    kind: NameKind = NameKind.PRIMARY
    parts: dict[Literal["first", "middle", "last", "father", "mother"], NameText] | None = None


class NameOut(NameIn):
    script: Script


class IdentifierIn(_Model):
    kind: IdentifierKind
    number: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REF_MAX)
    ]


class PersonIn(_RecordIn):
    kind: Literal["person"] = "person"
    names: list[NameIn] = Field(min_length=1, max_length=200)
    birth_dates: list[PartialDateText] = Field(default_factory=list, max_length=50)
    birth_places: list[NameText] = Field(default_factory=list, max_length=50)
    nationalities: list[CountryCode] = Field(default_factory=list, max_length=20)
    gender: Gender | None = None
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=100)
    notes: Text | None = None

    @field_validator("names")
    @classmethod
    def _one_primary(cls, names: list[NameIn]) -> list[NameIn]:
        if not any(n.kind is NameKind.PRIMARY for n in names):
            raise ValueError("a person needs at least one primary name")
        return names


class DocumentIn(_RecordIn):
    kind: Literal["document"] = "document"
    holder: Reference | None = None
    doc_type: DocumentType = DocumentType.PASSPORT
    number: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REF_MAX)
    ]
    issuer: CountryCode | None = None
    status: DocumentStatus = DocumentStatus.VALID
    issue_date: PartialDateText | None = None
    expiry_date: PartialDateText | None = None


class AntecedentIn(_RecordIn):
    kind: Literal["antecedent"] = "antecedent"
    person: Reference
    offence_category: OffenceCategory
    offence_date: PartialDateText | None = None
    place: NameText | None = None
    country: CountryCode | None = None
    case_reference: Reference | None = None
    judicial_status: JudicialStatus


class NoticeIn(_RecordIn):
    kind: Literal["notice"] = "notice"
    subject: Reference | None = None
    notice_type: NoticeType
    status: NoticeStatus = NoticeStatus.DRAFT
    title: NameText | None = None
    reason: Text | None = None
    action: Text | None = Field(default=None, description="What the notice asks an officer to do.")
    issued_date: PartialDateText | None = None
    expiry_date: PartialDateText | None = None


class GroupIn(_RecordIn):
    kind: Literal["group"] = "group"
    group_kind: GroupKind
    name: NameText
    aliases: list[NameText] = Field(default_factory=list, max_length=200)
    countries: list[CountryCode] = Field(default_factory=list, max_length=100)


class LinkIn(_RecordIn):
    kind: Literal["link"] = "link"
    link_type: LinkType
    source: Reference
    target: Reference
    role: NameText | None = None
    start_date: PartialDateText | None = None
    end_date: PartialDateText | None = None
    source_text: NameText | None = Field(default=None, description="Where the link is known from.")
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _not_self(self) -> LinkIn:
        if self.source == self.target:
            raise ValueError("a link cannot join a record to itself")
        return self


class EventIn(_RecordIn):
    kind: Literal["event"] = "event"
    event_type: EventType
    occurred_on: PartialDateText
    place: NameText | None = None
    country: CountryCode | None = None
    summary: Text | None = None
    participants: list[Reference] = Field(default_factory=list, max_length=500)


RecordIn = Annotated[
    PersonIn | DocumentIn | AntecedentIn | NoticeIn | GroupIn | LinkIn | EventIn,
    Field(discriminator="kind"),
]


# --- what a full-access viewer reads -----------------------------------------------------


class _RecordMeta(_Model):
    owner: str = Field(description="Code of the owner agency.")
    handling_code: HandlingCode
    handling_conditions: str | None = None
    visibility: Visibility
    purposes: list[Purpose] | None = None
    created_at: datetime
    updated_at: datetime
    review_date: date


class PersonOut(_RecordMeta):
    kind: Literal["person"] = "person"
    external_id: str
    names: list[NameOut]
    birth_dates: list[str]
    birth_places: list[str]
    nationalities: list[str]
    gender: Gender | None
    identifiers: list[IdentifierIn]
    notes: str | None


class DocumentOut(_RecordMeta):
    kind: Literal["document"] = "document"
    external_id: str
    holder: str | None
    doc_type: DocumentType
    number: str
    issuer: str | None
    status: DocumentStatus
    issue_date: str | None
    expiry_date: str | None


class AntecedentOut(_RecordMeta):
    kind: Literal["antecedent"] = "antecedent"
    external_id: str
    person: str
    offence_category: OffenceCategory
    offence_date: str | None
    place: str | None
    country: str | None
    case_reference: str | None
    judicial_status: JudicialStatus


class NoticeOut(_RecordMeta):
    kind: Literal["notice"] = "notice"
    external_id: str
    subject: str | None
    notice_type: NoticeType
    status: NoticeStatus
    title: str | None
    reason: str | None
    action: str | None
    issued_date: str | None
    expiry_date: str | None


class GroupOut(_RecordMeta):
    kind: Literal["group"] = "group"
    external_id: str
    group_kind: GroupKind
    name: str
    aliases: list[str]
    countries: list[str]


class LinkOut(_RecordMeta):
    kind: Literal["link"] = "link"
    external_id: str
    link_type: LinkType
    source: str
    target: str
    role: str | None
    start_date: str | None
    end_date: str | None
    source_text: str | None
    confidence: float | None


class EventOut(_RecordMeta):
    kind: Literal["event"] = "event"
    external_id: str
    event_type: EventType
    occurred_on: str
    place: str | None
    country: str | None
    summary: str | None
    participants: list[str]


RecordOut = Annotated[
    PersonOut | DocumentOut | AntecedentOut | NoticeOut | GroupOut | LinkOut | EventOut,
    Field(discriminator="kind"),
]
