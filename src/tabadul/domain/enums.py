"""The closed vocabularies of the domain, as string enums.

Their values are what the store, the API, the CLI and exports carry, so a value here
is a wire format: never rename one, add a new one.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a user does; see DESIGN.md, "Who uses it"."""

    OFFICER = "officer"
    BUREAU = "bureau"
    ANALYST = "analyst"
    COMPLIANCE = "compliance"
    ADMIN = "admin"


class RecordKind(StrEnum):
    PERSON = "person"
    DOCUMENT = "document"
    ANTECEDENT = "antecedent"
    NOTICE = "notice"
    GROUP = "group"
    LINK = "link"
    EVENT = "event"


class Script(StrEnum):
    """Writing system of a name, as detected from its letters."""

    ARABIC = "arabic"
    LATIN = "latin"
    MIXED = "mixed"
    OTHER = "other"


class NameKind(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"
    WEAK_ALIAS = "weak_alias"  # kunya, nickname: weak evidence on its own
    BIRTH_NAME = "birth_name"


class DatePrecision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    OTHER = "other"


class IdentifierKind(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    OTHER = "other"


class DocumentType(StrEnum):
    PASSPORT = "passport"
    ID_CARD = "id_card"
    VISA = "visa"
    OTHER = "other"


class DocumentStatus(StrEnum):
    VALID = "valid"
    LOST = "lost"
    STOLEN = "stolen"
    REVOKED = "revoked"
    INVALIDATED = "invalidated"


class JudicialStatus(StrEnum):
    SUSPECTED = "suspected"
    CHARGED = "charged"
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"
    DISMISSED = "dismissed"


class OffenceCategory(StrEnum):
    TERRORISM = "terrorism"
    TERRORISM_FINANCING = "terrorism_financing"
    DRUG_TRAFFICKING = "drug_trafficking"
    ARMS_TRAFFICKING = "arms_trafficking"
    HUMAN_TRAFFICKING = "human_trafficking"
    MIGRANT_SMUGGLING = "migrant_smuggling"
    MONEY_LAUNDERING = "money_laundering"
    KIDNAPPING = "kidnapping"
    ARMED_ROBBERY = "armed_robbery"
    HOMICIDE = "homicide"
    FRAUD = "fraud"
    DOCUMENT_FRAUD = "document_fraud"
    CYBERCRIME = "cybercrime"
    SMUGGLING = "smuggling"
    OTHER = "other"


class NoticeType(StrEnum):
    WANTED = "wanted"  # wanted for arrest
    LOCATE = "locate"
    MISSING = "missing"
    WARNING = "warning"
    THREAT = "threat"
    UN_SANCTIONS = "un_sanctions"


class NoticeStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class GroupKind(StrEnum):
    TERRORIST = "terrorist"
    CRIMINAL = "criminal"


class LinkType(StrEnum):
    MEMBER_OF = "member_of"
    LEADER_OF = "leader_of"
    ASSOCIATE_OF = "associate_of"
    FAMILY_OF = "family_of"
    FINANCES = "finances"
    SUPPLIES = "supplies"
    TRAVELLED_WITH = "travelled_with"
    SAME_AS = "same_as"
    ALLIED_WITH = "allied_with"  # group to group cooperation
    OTHER = "other"


class EventType(StrEnum):
    BORDER_CROSSING = "border_crossing"
    ARREST = "arrest"
    INCIDENT = "incident"


class HandlingCode(StrEnum):
    """DESIGN.md rule 3: shown wherever the record appears, obeyed by exports."""

    H0 = "H0"  # free use for law enforcement
    H1 = "H1"  # not as evidence in court without the owner's consent
    H2 = "H2"  # no onward transmission without consent
    H3 = "H3"  # the owner's own conditions, as text


class Visibility(StrEnum):
    """What a viewer may see of a record (DESIGN.md rule 2)."""

    FULL = "full"
    HIT_ONLY = "hit_only"
    NONE = "none"


class Purpose(StrEnum):
    """Why a search is made (DESIGN.md rule 4). Every search and screening declares one;
    a record may be limited to some. The list is fixed: add, never rename."""

    BORDER_CONTROL = "border-control"  # screening travellers at a border post or airport
    CRIMINAL_INVESTIGATION = "criminal-investigation"  # an open criminal case
    COUNTER_TERRORISM = "counter-terrorism"  # prevention and investigation of terrorism
    ORGANIZED_CRIME = "organized-crime"  # trafficking, smuggling and criminal networks
    MISSING_PERSONS = "missing-persons"  # locating missing persons and identifying victims
    JUDICIAL_COOPERATION = "judicial-cooperation"  # extradition and mutual legal assistance
