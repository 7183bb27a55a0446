"""Per-schema conversion of FtM entities into the data of tabadul record models.

Each supported schema has a :class:`SchemaSpec`: the properties it maps, those it
accepts without storing (reported back as ``ignored``), the ``tabadul`` extension keys
it allows, the converter, and the reference fields. The table is the single statement
of what the FtM reader accepts; docs/import-export.md documents the same table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from tabadul.domain.enums import DocumentType, GroupKind, LinkType, NoticeType
from tabadul.ingest._ftm_vocab import (
    EXTENSION,
    IDENTIFIER_PROPS,
    LINK_ENDS,
    NAME_PROPS,
    OWNER_KEY,
    PART_PROPS,
    SHARING_KEYS,
    TOPIC_TERROR,
)
from tabadul.ingest._person import ExtraParts, PersonLayout, build_person, single
from tabadul.ingest._validate import FieldProblem, Origins
from tabadul.model.records import (
    AntecedentIn,
    DocumentIn,
    EventIn,
    GroupIn,
    LinkIn,
    NoticeIn,
    PersonIn,
)

__all__ = ["SCHEMATA", "Entity", "SchemaSpec", "sharing_data"]

Props = Mapping[str, Sequence[str]]


@dataclass(slots=True)
class Entity:
    """One FtM entity as read from a line, its structure already checked."""

    id: str
    schema: str
    props: dict[str, list[str]]
    ext: dict[str, Any] = field(default_factory=dict)


Converted = tuple[type[BaseModel], dict[str, Any]]
Converter = Callable[[Entity, Origins, list[str]], Converted]


@dataclass(frozen=True, slots=True)
class SchemaSpec:
    """What the reader does with one FtM schema."""

    mapped: frozenset[str]
    ignored: frozenset[str]
    """Accepted, not stored, reported in ``ParsedRecord.ignored``."""
    silent: frozenset[str]
    """Accepted and not stored without a report: captions that FtM requires and the
    writer generates from other fields (``name`` of an ``Event`` or ``CourtCase``)."""
    extension: frozenset[str]
    convert: Converter
    references: tuple[tuple[str, str], ...]
    """(record attribute, user field) for each reference the record makes."""
    accepted: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "accepted", self.mapped | self.ignored | self.silent)


def _words(text: str) -> set[str]:
    return set(text.split())


_COMMON_IGNORED = frozenset(
    _words(
        "sourceUrl publisher publisherUrl modifiedAt createdAt retrievedAt indexText alephUrl "
        "wikipediaUrl wikidataId recordId keywords summary description notes topics program "
        "proof date"
    )
)
_RECORD_EXTENSION = frozenset((*SHARING_KEYS, OWNER_KEY))


def sharing_data(ext: Mapping[str, Any], data: dict[str, Any], origins: Origins) -> None:
    """Copy the sharing fields of the extension into ``data["sharing"]``."""
    sharing = {key: ext[key] for key in SHARING_KEYS if key in ext}
    if sharing:
        data["sharing"] = sharing
    for key in SHARING_KEYS:
        origins.note(f"sharing.{key}", f"{EXTENSION}.{key}")
    origins.note("sharing", f"{EXTENSION}.handling_conditions")


def _joined(props: Props, name: str, separator: str) -> str | None:
    values = props.get(name)
    if not values:
        return None
    return values[0] if len(values) == 1 else separator.join(values)


def _put(data: dict[str, Any], origins: Origins, key: str, value: Any, source: str) -> None:
    origins.note(key, source)
    if value is not None:
        data[key] = value


def _code(value: str | None) -> str | None:
    """Free text to an enum value: ``Drug trafficking`` → ``drug_trafficking``."""
    if value is None:
        return None
    return value.strip().lower().replace(" ", "_").replace("-", "_")


# --- persons ---------------------------------------------------------------------------

PERSON_LAYOUT = PersonLayout(
    names=NAME_PROPS,
    parts=PART_PROPS,
    birth_date="birthDate",
    birth_place="birthPlace",
    nationalities=("nationality", "citizenship"),
    gender="gender",
    identifiers=IDENTIFIER_PROPS,
    notes="notes",
)
_NAME_PARTS_FIELD = f"{EXTENSION}.name_parts"
_NAME_FIELDS = frozenset(field for field, _ in NAME_PROPS)


def _extra_parts(ext: Mapping[str, Any]) -> list[ExtraParts]:
    entries = ext.get("name_parts")
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise FieldProblem(_NAME_PARTS_FIELD, "must be a list of objects")
    extra: list[ExtraParts] = []
    for entry in entries:
        if (
            not isinstance(entry, dict)
            or set(entry) != {"property", "index", "parts"}
            or entry["property"] not in _NAME_FIELDS
            or type(entry["index"]) is not int
            or not isinstance(entry["parts"], dict)
        ):
            raise FieldProblem(
                _NAME_PARTS_FIELD,
                'each entry must be {"property": "alias", "index": 0, "parts": {"first": ...}} '
                f"with property one of {', '.join(sorted(_NAME_FIELDS))}",
            )
        extra.append((entry["property"], entry["index"], entry["parts"]))
    return extra


def _person(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    data = build_person(
        ent.props, PERSON_LAYOUT, origins, ignored, _extra_parts(ent.ext), _NAME_PARTS_FIELD
    )
    return PersonIn, data


# --- groups ----------------------------------------------------------------------------


def _group(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    names = ent.props.get("name")
    if not names:
        raise FieldProblem("name", "a group needs a name")
    origins.note("name", "name")
    aliases: list[str] = []
    for source, values in (
        ("name", names[1:]),
        ("alias", ent.props.get("alias", ())),
        ("weakAlias", ent.props.get("weakAlias", ())),
        ("previousName", ent.props.get("previousName", ())),
    ):
        for value in values:
            origins.note(f"aliases.{len(aliases)}", source)
            aliases.append(value)
    terror = TOPIC_TERROR in ent.props.get("topics", ())
    data: dict[str, Any] = {
        "name": names[0],
        "group_kind": GroupKind.TERRORIST if terror else GroupKind.CRIMINAL,
    }
    if aliases:
        data["aliases"] = aliases
    countries = ent.props.get("country")
    if countries:
        data["countries"] = countries
    origins.note("countries", "country")
    return GroupIn, data


# --- travel documents --------------------------------------------------------------------


def _document_type(text: str | None) -> DocumentType:
    code = _code(text)
    if code is None:
        return DocumentType.OTHER
    if code in DocumentType.__members__.values():
        return DocumentType(code)
    if "passport" in code or "passeport" in code:
        return DocumentType.PASSPORT
    if "visa" in code:
        return DocumentType.VISA
    if any(word in code for word in ("id_card", "identity", "identit", "national_id")):
        return DocumentType.ID_CARD
    return DocumentType.OTHER


def _document(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    props = ent.props
    number = single(props, "number")
    number_field = "number"
    passport_number = single(props, "passportNumber")
    if number is None:
        if passport_number is not None:
            number, number_field = passport_number, "passportNumber"
    elif passport_number is not None and passport_number.strip() != number.strip():
        raise FieldProblem("passportNumber", "differs from number: give the number once")
    if ent.schema == "Passport":
        doc_type = DocumentType.PASSPORT
        if "type" in props:
            ignored.append("type")
    else:
        doc_type = _document_type(single(props, "type"))
    data: dict[str, Any] = {"doc_type": doc_type}
    _put(data, origins, "number", number, number_field)
    _put(data, origins, "holder", single(props, "holder"), "holder")
    _put(data, origins, "issuer", single(props, "country"), "country")
    _put(data, origins, "issue_date", single(props, "startDate"), "startDate")
    _put(data, origins, "expiry_date", single(props, "endDate"), "endDate")
    _put(data, origins, "status", ent.ext.get("status"), f"{EXTENSION}.status")
    return DocumentIn, data


# --- notices -------------------------------------------------------------------------


def _sanction(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    props = ent.props
    data: dict[str, Any] = {}
    _put(data, origins, "subject", single(props, "entity"), "entity")
    _put(data, origins, "title", _joined(props, "program", "; "), "program")
    _put(data, origins, "reason", _joined(props, "reason", "\n\n"), "reason")
    _put(data, origins, "action", _joined(props, "provisions", "; "), "provisions")
    issued, issued_field = single(props, "startDate"), "startDate"
    if issued is None:
        issued, issued_field = single(props, "listingDate"), "listingDate"
    elif "listingDate" in props:
        ignored.append("listingDate")
    _put(data, origins, "issued_date", issued, issued_field)
    _put(data, origins, "expiry_date", single(props, "endDate"), "endDate")
    notice_type = ent.ext.get("notice_type", NoticeType.UN_SANCTIONS)
    _put(data, origins, "notice_type", notice_type, f"{EXTENSION}.notice_type")
    _put(data, origins, "status", ent.ext.get("status"), f"{EXTENSION}.status")
    return NoticeIn, data


# --- links ---------------------------------------------------------------------------


def _link_type(schema: str, role: str | None) -> tuple[LinkType, str | None]:
    """The link type a plain FtM entity stands for, and the role left over."""
    if schema == "Membership":
        leader = role is not None and "leader" in role.lower()
        return (LinkType.LEADER_OF if leader else LinkType.MEMBER_OF), role
    if schema == "Associate":
        return LinkType.ASSOCIATE_OF, role
    if schema == "Family":
        return LinkType.FAMILY_OF, role
    code = _code(role)
    if code is not None and code in LinkType.__members__.values():
        return LinkType(code), None
    return LinkType.OTHER, role


def _link(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    props = ent.props
    source_field, target_field, role_field = LINK_ENDS[ent.schema]
    role = _joined(props, role_field, "; ")
    if "link_type" in ent.ext:
        link_type: Any = ent.ext["link_type"]
    else:
        link_type, role = _link_type(ent.schema, role)
    data: dict[str, Any] = {}
    _put(data, origins, "link_type", link_type, f"{EXTENSION}.link_type")
    _put(data, origins, "source", single(props, source_field), source_field)
    _put(data, origins, "target", single(props, target_field), target_field)
    origins.note("", target_field)  # "a link cannot join a record to itself"
    _put(data, origins, "role", role, role_field)
    _put(data, origins, "start_date", single(props, "startDate"), "startDate")
    _put(data, origins, "end_date", single(props, "endDate"), "endDate")
    source_text, text_field = _joined(props, "publisher", "; "), "publisher"
    if source_text is None:
        source_text, text_field = _joined(props, "sourceUrl", "; "), "sourceUrl"
    elif "sourceUrl" in props:
        ignored.append("sourceUrl")
    _put(data, origins, "source_text", source_text, text_field)
    _put(data, origins, "confidence", ent.ext.get("confidence"), f"{EXTENSION}.confidence")
    return LinkIn, data


# --- events --------------------------------------------------------------------------


def _event(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    props = ent.props
    occurred, occurred_field = single(props, "date"), "date"
    if occurred is None:
        occurred, occurred_field = single(props, "startDate"), "startDate"
    elif "startDate" in props:
        ignored.append("startDate")
    if occurred is None:
        raise FieldProblem("date", "an event needs a date (date or startDate)")
    data: dict[str, Any] = {"occurred_on": occurred}
    origins.note("occurred_on", occurred_field)
    event_type = ent.ext.get("event_type", "incident")
    _put(data, origins, "event_type", event_type, f"{EXTENSION}.event_type")
    _put(data, origins, "place", single(props, "location"), "location")
    _put(data, origins, "country", single(props, "country"), "country")
    _put(data, origins, "summary", _joined(props, "summary", "\n\n"), "summary")
    _put(data, origins, "participants", props.get("involved") or None, "involved")
    return EventIn, data


# --- antecedents: a CourtCase and its CourtCaseParty ----------------------------------


def _court_case(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    """The antecedent without its ``person``, which the ``CourtCaseParty`` gives."""
    props = ent.props
    data: dict[str, Any] = {}
    _put(data, origins, "offence_category", _code(single(props, "category")), "category")
    _put(data, origins, "judicial_status", _code(single(props, "status")), "status")
    _put(data, origins, "case_reference", single(props, "caseNumber"), "caseNumber")
    _put(data, origins, "offence_date", single(props, "fileDate"), "fileDate")
    _put(data, origins, "place", single(props, "address"), "address")
    _put(data, origins, "country", single(props, "country"), "country")
    origins.note("person", "party")
    return AntecedentIn, data


def _court_case_party(ent: Entity, origins: Origins, ignored: list[str]) -> Converted:
    """Not a record of its own: gives ``{"party": ..., "case": ...}`` for pairing."""
    data: dict[str, Any] = {}
    for name in ("party", "case"):
        value = single(ent.props, name)
        if value is None:
            raise FieldProblem(name, f"a CourtCaseParty needs its {name}")
        data[name] = value.strip()
    return AntecedentIn, data


def _spec(
    mapped: set[str],
    convert: Converter,
    *,
    ignored: set[str] | frozenset[str] = frozenset(),
    silent: set[str] | frozenset[str] = frozenset(),
    extension: set[str] | frozenset[str] = frozenset(),
    references: tuple[tuple[str, str], ...] = (),
    record: bool = True,
) -> SchemaSpec:
    return SchemaSpec(
        mapped=frozenset(mapped),
        ignored=(_COMMON_IGNORED | ignored) - mapped,
        silent=frozenset(silent),
        extension=frozenset(extension) | (_RECORD_EXTENSION if record else frozenset()),
        convert=convert,
        references=references,
    )


_PERSON_MAPPED = {
    *(f for f, _ in NAME_PROPS),
    *(f for _, f in PART_PROPS),
    *(f for f, _ in IDENTIFIER_PROPS),
    *PERSON_LAYOUT.nationalities,
    "birthDate",
    "birthPlace",
    "gender",
    "notes",
}
_PERSON_IGNORED = _words(
    "title secondName nameSuffix birthCountry deathDate position country address ethnicity "
    "religion political education spokenLanguage height weight eyeColor hairColor "
    "appearance email phone website"
)
_GROUP_MAPPED = {"name", "alias", "weakAlias", "previousName", "country", "topics"}
_GROUP_IGNORED = _words(
    "legalForm incorporationDate dissolutionDate status sector classification "
    "registrationNumber idNumber email phone website address mainCountry jurisdiction"
)
_DOCUMENT_MAPPED = {"holder", "number", "passportNumber", "country", "startDate", "endDate"}
_DOCUMENT_IGNORED = _words("authority surname givenName birthDate birthPlace gender personalNumber")
_SANCTION_MAPPED = _words("entity program reason provisions startDate endDate listingDate")
_SANCTION_IGNORED = _words(
    "authority authorityId unscId programId programUrl status duration country summary"
)
_LINK_MAPPED = {"startDate", "endDate", "publisher", "sourceUrl"}
_INTERVAL_IGNORED = {"status", "summary", "description", "date"}


def _link_spec(schema: str) -> SchemaSpec:
    source, target, role = LINK_ENDS[schema]
    return _spec(
        {source, target, role, *_LINK_MAPPED},
        _link,
        ignored=_INTERVAL_IGNORED,
        extension={"link_type", "confidence"},
        references=(("source", source), ("target", target)),
    )


SCHEMATA: dict[str, SchemaSpec] = {
    "Person": _spec(_PERSON_MAPPED, _person, ignored=_PERSON_IGNORED, extension={"name_parts"}),
    "Organization": _spec(_GROUP_MAPPED, _group, ignored=_GROUP_IGNORED),
    "LegalEntity": _spec(_GROUP_MAPPED, _group, ignored=_GROUP_IGNORED),
    "Passport": _spec(
        _DOCUMENT_MAPPED,
        _document,
        ignored={*_DOCUMENT_IGNORED, "type"},
        extension={"status"},
        references=(("holder", "holder"),),
    ),
    "Identification": _spec(
        {*_DOCUMENT_MAPPED, "type"},
        _document,
        ignored=_DOCUMENT_IGNORED,
        extension={"status"},
        references=(("holder", "holder"),),
    ),
    "Sanction": _spec(
        _SANCTION_MAPPED,
        _sanction,
        ignored=_SANCTION_IGNORED,
        extension={"notice_type", "status"},
        references=(("subject", "entity"),),
    ),
    **{schema: _link_spec(schema) for schema in LINK_ENDS},
    "Event": _spec(
        {"date", "startDate", "location", "country", "involved", "summary"},
        _event,
        ignored={"endDate", "organizer", "important", "address"},
        silent={"name"},
        extension={"event_type"},
        references=(("participants", "involved"),),
    ),
    "CourtCase": _spec(
        {"category", "status", "caseNumber", "fileDate", "address", "country"},
        _court_case,
        ignored={"type", "court", "closeDate"},
        silent={"name"},
        references=(("person", "party"),),
    ),
    "CourtCaseParty": _spec(
        {"party", "case"},
        _court_case_party,
        ignored={"status", "startDate", "endDate"},
        silent={"role"},
        record=False,
    ),
}
"""Every schema the reader accepts."""
