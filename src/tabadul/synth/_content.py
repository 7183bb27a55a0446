"""The vocabulary of generated records: weights, texts and handling presets.

Kept apart from the generator so that what the records *say* can be read (and changed)
without reading how they are streamed. Weights are relative frequencies.
"""

from __future__ import annotations

from tabadul.domain.enums import (
    DocumentStatus,
    GroupKind,
    HandlingCode,
    JudicialStatus,
    LinkType,
    NoticeStatus,
    NoticeType,
    OffenceCategory,
    Visibility,
)
from tabadul.model.records import Sharing

__all__ = [
    "BRIDGE_LINKS",
    "DOCUMENT_STATUS",
    "GROUP_ROLES",
    "INCIDENTS",
    "JUDICIAL_STATUS",
    "LINK_SHARING",
    "LINK_SOURCES",
    "NOTICE_ACTIONS",
    "NOTICE_LABELS",
    "NOTICE_STATUS",
    "OFFENCES",
    "OFFENCE_LABELS",
    "PERSON_SHARING",
]

_O = OffenceCategory

# Offence categories by who commits them: anyone, members of terrorist groups, members
# of criminal groups.
OFFENCES: dict[str, dict[OffenceCategory, float]] = {
    "anyone": {
        _O.DRUG_TRAFFICKING: 15, _O.SMUGGLING: 15, _O.FRAUD: 12, _O.DOCUMENT_FRAUD: 10,
        _O.ARMED_ROBBERY: 8, _O.MIGRANT_SMUGGLING: 8, _O.MONEY_LAUNDERING: 5,
        _O.HOMICIDE: 5, _O.HUMAN_TRAFFICKING: 4, _O.CYBERCRIME: 4, _O.KIDNAPPING: 3,
        _O.ARMS_TRAFFICKING: 3, _O.TERRORISM: 2, _O.TERRORISM_FINANCING: 1, _O.OTHER: 10,
    },
    GroupKind.TERRORIST.value: {
        _O.TERRORISM: 50, _O.TERRORISM_FINANCING: 15, _O.ARMS_TRAFFICKING: 10,
        _O.KIDNAPPING: 10, _O.DOCUMENT_FRAUD: 8, _O.SMUGGLING: 7,
    },
    GroupKind.CRIMINAL.value: {
        _O.DRUG_TRAFFICKING: 30, _O.MIGRANT_SMUGGLING: 20, _O.SMUGGLING: 15,
        _O.ARMS_TRAFFICKING: 10, _O.MONEY_LAUNDERING: 10, _O.HUMAN_TRAFFICKING: 5,
        _O.KIDNAPPING: 5, _O.DOCUMENT_FRAUD: 5,
    },
}  # fmt: skip

OFFENCE_LABELS: dict[OffenceCategory, str] = {
    _O.TERRORISM: "terrorist offences",
    _O.TERRORISM_FINANCING: "financing of terrorism",
    _O.DRUG_TRAFFICKING: "drug trafficking",
    _O.ARMS_TRAFFICKING: "arms trafficking",
    _O.HUMAN_TRAFFICKING: "trafficking in human beings",
    _O.MIGRANT_SMUGGLING: "smuggling of migrants",
    _O.MONEY_LAUNDERING: "money laundering",
    _O.KIDNAPPING: "kidnapping",
    _O.ARMED_ROBBERY: "armed robbery",
    _O.HOMICIDE: "homicide",
    _O.FRAUD: "fraud",
    _O.DOCUMENT_FRAUD: "forgery of travel documents",
    _O.CYBERCRIME: "cybercrime",
    _O.SMUGGLING: "smuggling of goods",
    _O.OTHER: "an ordinary-law offence",
}

JUDICIAL_STATUS: dict[JudicialStatus, float] = {
    JudicialStatus.SUSPECTED: 25,
    JudicialStatus.CHARGED: 25,
    JudicialStatus.CONVICTED: 35,
    JudicialStatus.ACQUITTED: 8,
    JudicialStatus.DISMISSED: 7,
}

DOCUMENT_STATUS: dict[DocumentStatus, float] = {
    DocumentStatus.VALID: 88,
    DocumentStatus.LOST: 5,
    DocumentStatus.STOLEN: 4,
    DocumentStatus.REVOKED: 2,
    DocumentStatus.INVALIDATED: 1,
}

NOTICE_STATUS: dict[NoticeStatus, float] = {
    NoticeStatus.PUBLISHED: 80,
    NoticeStatus.DRAFT: 6,
    NoticeStatus.IN_REVIEW: 7,
    NoticeStatus.SUSPENDED: 3,
    NoticeStatus.CANCELLED: 2,
    NoticeStatus.EXPIRED: 2,
}

NOTICE_LABELS: dict[NoticeType, str] = {
    NoticeType.WANTED: "Wanted",
    NoticeType.LOCATE: "Locate",
    NoticeType.MISSING: "Missing person",
    NoticeType.WARNING: "Warning",
    NoticeType.THREAT: "Threat",
    NoticeType.UN_SANCTIONS: "UN sanctions",
}

NOTICE_ACTIONS: dict[NoticeType, str] = {
    NoticeType.WANTED: "Arrest and inform the issuing bureau",
    NoticeType.LOCATE: "Locate; do not arrest. Report the whereabouts to the issuing bureau",
    NoticeType.MISSING: "If found, ensure the person's safety and inform the issuing bureau",
    NoticeType.WARNING: "Exercise caution; report any contact to the issuing bureau",
    NoticeType.THREAT: "Report any sighting immediately to the issuing bureau; do not approach",
    NoticeType.UN_SANCTIONS: (
        "Apply the Security Council measures (asset freeze, travel ban, arms embargo) and "
        "inform the secretariat"
    ),
}

GROUP_ROLES: dict[GroupKind, tuple[str, ...]] = {
    GroupKind.TERRORIST: ("fighter", "recruiter", "logistics", "courier", "financier",
                          "propagandist"),
    GroupKind.CRIMINAL: ("courier", "driver", "lieutenant", "money handler", "forger",
                         "lookout"),
}  # fmt: skip

# How a member of a criminal group is also tied to a terrorist group ("bridges").
BRIDGE_LINKS: dict[LinkType, float] = {
    LinkType.MEMBER_OF: 30,
    LinkType.SUPPLIES: 40,
    LinkType.FINANCES: 30,
}

LINK_SOURCES: tuple[str, ...] = (
    "Interview record",
    "Intercepted communications",
    "Court judgment",
    "Informant report",
    "Open-source reporting",
    "Seized documents",
    "Liaison report from a partner service",
    "Financial intelligence unit report",
    "Border control record",
)

INCIDENTS: dict[GroupKind, tuple[str, ...]] = {
    GroupKind.TERRORIST: (
        "Attack on a security post",
        "Improvised explosive device found on a road",
        "Kidnapping of travellers",
        "Seizure of weapons and explosives in a vehicle",
    ),
    GroupKind.CRIMINAL: (
        "Interception of a vehicle carrying narcotics",
        "Seizure of a fuel convoy",
        "Migrants found abandoned in the desert",
        "Seizure of forged passports",
    ),
}

_H3_PERSON = "For intelligence use only; contact the bureau before any operational action"
_H3_LINK = "Source protection: do not disclose where this information comes from"

# (weight, sharing) presets; most records keep the owner's defaults.
PERSON_SHARING: tuple[tuple[float, Sharing], ...] = (
    (90, Sharing()),
    (3, Sharing(handling_code=HandlingCode.H1)),
    (3, Sharing(handling_code=HandlingCode.H2)),
    (2, Sharing(handling_code=HandlingCode.H3, handling_conditions=_H3_PERSON)),
    (2, Sharing(handling_code=HandlingCode.H2, visibility=Visibility.HIT_ONLY)),
)

LINK_SHARING: tuple[tuple[float, Sharing], ...] = (
    (80, Sharing()),
    (15, Sharing(handling_code=HandlingCode.H2)),
    (5, Sharing(handling_code=HandlingCode.H3, handling_conditions=_H3_LINK)),
)
