"""The FollowTheMoney vocabulary that the FtM reader and writer share.

One table per mapping, so that what the writer emits is, by construction, what the
reader takes back. docs/import-export.md explains each choice to users.
"""

from __future__ import annotations

from typing import Final

from tabadul.domain.enums import GroupKind, IdentifierKind, LinkType, NameKind

__all__ = [
    "EXTENSION",
    "IDENTIFIER_PROPS",
    "IDENTIFIER_WRITE",
    "LINK_ENDS",
    "LINK_TYPE_SCHEMA",
    "NAME_PROPS",
    "OWNER_KEY",
    "PARTY_ROLE",
    "PART_PROPS",
    "SHARING_KEYS",
    "TOPIC_CRIME",
    "TOPIC_TERROR",
    "group_topics",
    "party_id",
]

EXTENSION: Final = "tabadul"
"""The top-level key beside ``properties`` that carries what FtM has no property for."""

SHARING_KEYS: Final = ("handling_code", "handling_conditions", "visibility", "purposes")
OWNER_KEY: Final = "owner"

NAME_PROPS: Final[tuple[tuple[str, NameKind], ...]] = (
    ("name", NameKind.PRIMARY),
    ("alias", NameKind.ALIAS),
    ("weakAlias", NameKind.WEAK_ALIAS),
    ("previousName", NameKind.BIRTH_NAME),
)
"""Person name properties, in the order the reader lists the names."""

PART_PROPS: Final[tuple[tuple[str, str], ...]] = (
    ("first", "firstName"),
    ("middle", "middleName"),
    ("last", "lastName"),
    ("father", "fatherName"),
    ("mother", "motherName"),
)
"""``NameIn.parts`` keys and the Person properties that carry them."""

IDENTIFIER_PROPS: Final[tuple[tuple[str, IdentifierKind], ...]] = (
    ("passportNumber", IdentifierKind.PASSPORT),
    ("idNumber", IdentifierKind.NATIONAL_ID),
    ("registrationNumber", IdentifierKind.OTHER),
    ("taxNumber", IdentifierKind.OTHER),
    ("socialSecurityNumber", IdentifierKind.OTHER),
)
"""Person identifier properties the reader takes, in the order it lists them."""

IDENTIFIER_WRITE: Final[dict[IdentifierKind, str]] = {
    IdentifierKind.PASSPORT: "passportNumber",
    IdentifierKind.NATIONAL_ID: "idNumber",
    IdentifierKind.OTHER: "registrationNumber",
}

LINK_ENDS: Final[dict[str, tuple[str, str, str]]] = {
    # schema: (source property, target property, role property)
    "Membership": ("member", "organization", "role"),
    "Associate": ("person", "associate", "relationship"),
    "Family": ("person", "relative", "relationship"),
    "UnknownLink": ("subject", "object", "role"),
}

LINK_TYPE_SCHEMA: Final[dict[LinkType, str]] = {
    LinkType.MEMBER_OF: "Membership",
    LinkType.LEADER_OF: "Membership",
    LinkType.ASSOCIATE_OF: "Associate",
    LinkType.FAMILY_OF: "Family",
}
"""The schema a link type is written as; every other type is an ``UnknownLink``."""

TOPIC_TERROR: Final = "crime.terror"
TOPIC_CRIME: Final = "crime"

PARTY_ROLE: Final = "defendant"


def group_topics(kind: GroupKind) -> list[str]:
    """The FtM ``topics`` written for a group of this kind."""
    return [TOPIC_TERROR] if kind is GroupKind.TERRORIST else [TOPIC_CRIME]


def party_id(case_id: str) -> str:
    """The id of the ``CourtCaseParty`` written beside an antecedent's ``CourtCase``."""
    return f"{case_id}-party"
