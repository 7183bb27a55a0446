"""What the interface calls each value of the domain's closed vocabularies.

Values are wire formats (``hit_only``, ``border-control``); an officer reads these
labels instead, in their language. Every label is a catalogue message; a test checks
that every value of every vocabulary has one, so a new enum value cannot reach a page
as a bare code.
"""

from __future__ import annotations

from tabadul.audit import AuditAction
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
    RecordKind,
    Role,
    Visibility,
)
from tabadul.web.i18n import N_

__all__ = ["LABELS", "VOCABULARIES"]

ROLE: dict[str, str] = {
    Role.OFFICER: N_("officer"),
    Role.BUREAU: N_("bureau officer"),
    Role.ANALYST: N_("analyst"),
    Role.COMPLIANCE: N_("compliance officer"),
    Role.ADMIN: N_("administrator"),
}
HANDLING: dict[str, str] = {
    HandlingCode.H0: N_("H0: free use for law enforcement"),
    HandlingCode.H1: N_("H1: not as evidence in court without the owner's consent"),
    HandlingCode.H2: N_("H2: no onward transmission without the owner's consent"),
    HandlingCode.H3: N_("H3: the owner's own conditions apply"),
}
VISIBILITY: dict[str, str] = {
    Visibility.FULL: N_("full record"),
    Visibility.HIT_ONLY: N_("hit only"),
    Visibility.NONE: N_("nothing"),
}
PURPOSE: dict[str, str] = {
    Purpose.BORDER_CONTROL: N_("border control"),
    Purpose.CRIMINAL_INVESTIGATION: N_("criminal investigation"),
    Purpose.COUNTER_TERRORISM: N_("counter-terrorism"),
    Purpose.ORGANIZED_CRIME: N_("organized crime"),
    Purpose.MISSING_PERSONS: N_("missing persons"),
    Purpose.JUDICIAL_COOPERATION: N_("judicial cooperation"),
}
RECORD_KIND: dict[str, str] = {
    RecordKind.PERSON: N_("person"),
    RecordKind.DOCUMENT: N_("travel document"),
    RecordKind.ANTECEDENT: N_("antecedent"),
    RecordKind.NOTICE: N_("notice"),
    RecordKind.GROUP: N_("group"),
    RecordKind.LINK: N_("link"),
    RecordKind.EVENT: N_("event"),
}
NAME_KIND: dict[str, str] = {
    NameKind.PRIMARY: N_("name"),
    NameKind.ALIAS: N_("alias"),
    NameKind.WEAK_ALIAS: N_("weak alias"),
    NameKind.BIRTH_NAME: N_("birth name"),
}
GENDER: dict[str, str] = {
    Gender.MALE: N_("male"),
    Gender.FEMALE: N_("female"),
    Gender.OTHER: N_("other"),
}
IDENTIFIER_KIND: dict[str, str] = {
    IdentifierKind.PASSPORT: N_("passport"),
    IdentifierKind.NATIONAL_ID: N_("national identity number"),
    IdentifierKind.OTHER: N_("other identifier"),
}
DOCUMENT_TYPE: dict[str, str] = {
    DocumentType.PASSPORT: N_("passport"),
    DocumentType.ID_CARD: N_("identity card"),
    DocumentType.VISA: N_("visa"),
    DocumentType.OTHER: N_("other document"),
}
DOCUMENT_STATUS: dict[str, str] = {
    DocumentStatus.VALID: N_("valid"),
    DocumentStatus.LOST: N_("lost"),
    DocumentStatus.STOLEN: N_("stolen"),
    DocumentStatus.REVOKED: N_("revoked"),
    DocumentStatus.INVALIDATED: N_("invalidated"),
}
JUDICIAL_STATUS: dict[str, str] = {
    JudicialStatus.SUSPECTED: N_("suspected"),
    JudicialStatus.CHARGED: N_("charged"),
    JudicialStatus.CONVICTED: N_("convicted"),
    JudicialStatus.ACQUITTED: N_("acquitted"),
    JudicialStatus.DISMISSED: N_("dismissed"),
}
OFFENCE: dict[str, str] = {
    OffenceCategory.TERRORISM: N_("terrorism"),
    OffenceCategory.TERRORISM_FINANCING: N_("terrorism financing"),
    OffenceCategory.DRUG_TRAFFICKING: N_("drug trafficking"),
    OffenceCategory.ARMS_TRAFFICKING: N_("arms trafficking"),
    OffenceCategory.HUMAN_TRAFFICKING: N_("human trafficking"),
    OffenceCategory.MIGRANT_SMUGGLING: N_("migrant smuggling"),
    OffenceCategory.MONEY_LAUNDERING: N_("money laundering"),
    OffenceCategory.KIDNAPPING: N_("kidnapping"),
    OffenceCategory.ARMED_ROBBERY: N_("armed robbery"),
    OffenceCategory.HOMICIDE: N_("homicide"),
    OffenceCategory.FRAUD: N_("fraud"),
    OffenceCategory.DOCUMENT_FRAUD: N_("document fraud"),
    OffenceCategory.CYBERCRIME: N_("cybercrime"),
    OffenceCategory.SMUGGLING: N_("smuggling"),
    OffenceCategory.OTHER: N_("other offence"),
}
NOTICE_TYPE: dict[str, str] = {
    NoticeType.WANTED: N_("wanted for arrest"),
    NoticeType.LOCATE: N_("locate"),
    NoticeType.MISSING: N_("missing person"),
    NoticeType.WARNING: N_("warning"),
    NoticeType.THREAT: N_("threat"),
    NoticeType.UN_SANCTIONS: N_("UN sanctions"),
}
NOTICE_STATUS: dict[str, str] = {
    NoticeStatus.DRAFT: N_("draft"),
    NoticeStatus.IN_REVIEW: N_("in review"),
    NoticeStatus.PUBLISHED: N_("published"),
    NoticeStatus.SUSPENDED: N_("suspended"),
    NoticeStatus.CANCELLED: N_("cancelled"),
    NoticeStatus.EXPIRED: N_("expired"),
}
GROUP_KIND: dict[str, str] = {
    GroupKind.TERRORIST: N_("terrorist group"),
    GroupKind.CRIMINAL: N_("criminal network"),
}
LINK_TYPE: dict[str, str] = {
    LinkType.MEMBER_OF: N_("member of"),
    LinkType.LEADER_OF: N_("leader of"),
    LinkType.ASSOCIATE_OF: N_("associate of"),
    LinkType.FAMILY_OF: N_("family of"),
    LinkType.FINANCES: N_("finances"),
    LinkType.SUPPLIES: N_("supplies"),
    LinkType.TRAVELLED_WITH: N_("travelled with"),
    LinkType.SAME_AS: N_("same as"),
    LinkType.ALLIED_WITH: N_("allied with"),
    LinkType.OTHER: N_("other link"),
}
EVENT_TYPE: dict[str, str] = {
    EventType.BORDER_CROSSING: N_("border crossing"),
    EventType.ARREST: N_("arrest"),
    EventType.INCIDENT: N_("incident"),
}
AUDIT_ACTION: dict[str, str] = {
    AuditAction.LOGIN: N_("login"),
    AuditAction.LOGIN_FAILED: N_("failed login"),
    AuditAction.LOGOUT: N_("logout"),
    AuditAction.TOKEN_CREATE: N_("API token created"),
    AuditAction.TOKEN_REVOKE: N_("API token revoked"),
    AuditAction.AGENCY_CREATE: N_("agency created"),
    AuditAction.USER_CREATE: N_("user created"),
    AuditAction.RECORD_VIEW: N_("record viewed"),
    AuditAction.RECORD_LIST: N_("records listed"),
    AuditAction.RECORD_CREATE: N_("record created"),
    AuditAction.RECORD_UPDATE: N_("record changed"),
    AuditAction.RECORD_DELETE: N_("record deleted"),
    AuditAction.IMPORT: N_("import"),
    AuditAction.EXPORT: N_("export"),
    AuditAction.GENERATE: N_("synthetic data generated"),
    AuditAction.SEARCH: N_("search"),
    AuditAction.SCREEN: N_("screening"),
    AuditAction.RULE_CHANGE: N_("sharing rule changed"),
    AuditAction.RELEASE_REQUEST: N_("release requested"),
    AuditAction.RELEASE_DECISION: N_("release answered"),
    AuditAction.HIT_OUTCOME: N_("hit confirmed or rejected"),
    AuditAction.RECORD_RENEW: N_("record renewed"),
    AuditAction.AUDIT_READ: N_("audit trail read"),
}
RELEASE_STATUS: dict[str, str] = {
    "pending": N_("waiting for an answer"),
    "released": N_("released"),
    "refused": N_("refused"),
}
HIT_OUTCOME: dict[str, str] = {
    "pending": N_("not yet confirmed"),
    "confirmed": N_("confirmed"),
    "rejected": N_("rejected"),
}

VOCABULARIES: dict[str, tuple[type, dict[str, str]]] = {
    "ROLE": (Role, ROLE),
    "HANDLING": (HandlingCode, HANDLING),
    "VISIBILITY": (Visibility, VISIBILITY),
    "PURPOSE": (Purpose, PURPOSE),
    "RECORD_KIND": (RecordKind, RECORD_KIND),
    "NAME_KIND": (NameKind, NAME_KIND),
    "GENDER": (Gender, GENDER),
    "IDENTIFIER_KIND": (IdentifierKind, IDENTIFIER_KIND),
    "DOCUMENT_TYPE": (DocumentType, DOCUMENT_TYPE),
    "DOCUMENT_STATUS": (DocumentStatus, DOCUMENT_STATUS),
    "JUDICIAL_STATUS": (JudicialStatus, JUDICIAL_STATUS),
    "OFFENCE": (OffenceCategory, OFFENCE),
    "NOTICE_TYPE": (NoticeType, NOTICE_TYPE),
    "NOTICE_STATUS": (NoticeStatus, NOTICE_STATUS),
    "GROUP_KIND": (GroupKind, GROUP_KIND),
    "LINK_TYPE": (LinkType, LINK_TYPE),
    "EVENT_TYPE": (EventType, EVENT_TYPE),
    "AUDIT_ACTION": (AuditAction, AUDIT_ACTION),
    "RELEASE_STATUS": (str, RELEASE_STATUS),
    "HIT_OUTCOME": (str, HIT_OUTCOME),
}
"""Each vocabulary's enum and labels, by the name templates use: ``labels.PURPOSE``."""


class _Labels:
    """``labels.PURPOSE[value]`` in templates: the label's message, or the value itself
    for a value without one (never an error on a page)."""

    def __getattr__(self, name: str) -> dict[str, str]:
        return VOCABULARIES[name][1]


LABELS = _Labels()
