"""Reading FollowTheMoney (FtM) JSON lines into tabadul records.

One entity per line: ``{"id": ..., "schema": ..., "properties": {name: [values]}}``,
optionally with a ``tabadul`` object beside ``properties`` for what FtM has no
property for (handling code, document status, notice type ...). Which schema becomes
which record, property by property, is the table in docs/import-export.md and in
:mod:`tabadul.ingest._ftm_schemata`.

The reader is a pure function of the bytes: it resolves nothing against the database
(``ParsedRecord.references`` lists what the import service must resolve) and never
raises for bad input. Each line yields one :class:`ParsedRecord` or one or more
:class:`LineError`. Lines are read as bytes and decoded one by one, so a file that is
not UTF-8 is reported by line.

An antecedent is written in FtM as a ``CourtCase`` and a ``CourtCaseParty`` (the
person, as defendant). The two may come in any order: the record is yielded when the
second of the pair is read, with the ``CourtCase``'s line, and whatever is left
unpaired at the end of the file is reported then.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from tabadul.ingest._ftm_schemata import SCHEMATA, Entity, SchemaSpec, sharing_data
from tabadul.ingest._ftm_vocab import EXTENSION, OWNER_KEY
from tabadul.ingest._validate import FieldProblem, Origins, validate
from tabadul.ingest.errors import LineError, ParsedRecord, ParsedRecordIn, clip
from tabadul.model.records import AntecedentIn

__all__ = ["EMPTY_FILE", "LINE_MAX", "SUPPORTED_SCHEMATA", "read_ftm"]

EMPTY_FILE = "the file is empty: nothing to import"
SUPPORTED_SCHEMATA = tuple(SCHEMATA)

_TOP_LEVEL = frozenset({"id", "schema", "properties", EXTENSION})
_TOP_LEVEL_IGNORED = frozenset(
    {"caption", "datasets", "referents", "first_seen", "last_seen", "last_change", "target"}
)
_FIELD_MAX = 60
LINE_MAX = 4 * 1024 * 1024
"""The longest line read, in bytes: far beyond any valid record, short of exhausting memory
in the JSON parser."""

Result = ParsedRecord | LineError


def read_ftm(stream: IO[bytes]) -> Iterator[Result]:
    """Read FtM JSON lines from a binary stream.

    Yields, for each non-blank line, a :class:`ParsedRecord` or the
    :class:`LineError`\\ s that stop it; an antecedent comes when its ``CourtCase``
    and ``CourtCaseParty`` have both been read, and unpaired ones are reported at the
    end. An empty file yields one error.
    """
    cases = _CasePairing()
    empty = True
    for number, raw in enumerate(stream, 1):
        line = raw[3:] if number == 1 and raw.startswith(codecs.BOM_UTF8) else raw
        if not line or line.isspace():
            continue
        empty = False
        if len(line) > LINE_MAX:
            reason = f"the line is {len(line)} bytes long; an entity may take at most {LINE_MAX}"
            yield LineError(number, None, reason)
            continue
        yield from _read_line(line, number, cases)
    if empty:
        yield LineError(1, None, EMPTY_FILE)
    yield from cases.leftovers()


# --- one line --------------------------------------------------------------------------


def _errors(number: int, problems: list[FieldProblem], entity_id: str | None) -> list[LineError]:
    return [LineError(number, p.field, p.reason, entity_id) for p in problems]


def _field_name(key: str) -> str:
    return key if len(key) <= _FIELD_MAX else key[:_FIELD_MAX] + "…"


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {clip(value)}"
    if value is None:
        return "null"
    return f"the value {clip(value)}"


def _decode(raw: bytes) -> Any:
    """The JSON value of a line; raises :class:`FieldProblem` for the whole line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FieldProblem(
            None,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}): "
            "save the file as UTF-8",
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FieldProblem(None, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise FieldProblem(None, "not valid JSON: nested too deeply") from None


def _properties(
    value: Any, schema: str, spec: SchemaSpec, problems: list[FieldProblem]
) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(
            FieldProblem("properties", "must be an object: property name → list of strings")
        )
        return {}
    empty = False
    for name, values in value.items():
        if name not in spec.accepted:
            problems.append(
                FieldProblem(
                    _field_name(name),
                    f"{clip(name)} is not a {schema} property that tabadul imports "
                    "(see docs/import-export.md)",
                )
            )
        elif type(values) is not list or not all(type(v) is str for v in values):
            what = (
                _json_type(values) if type(values) is not list else "a list with a non-text value"
            )
            problems.append(
                FieldProblem(name, f"must be a list of strings (FtM values are lists), not {what}")
            )
        elif not values:
            empty = True
    return {k: v for k, v in value.items() if v} if empty else value


def _extension(
    value: Any, schema: str, spec: SchemaSpec, problems: list[FieldProblem]
) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(FieldProblem(EXTENSION, "must be an object"))
        return {}
    for key in value:
        if key not in spec.extension:
            allowed = ", ".join(sorted(spec.extension)) or "nothing"
            problems.append(
                FieldProblem(
                    f"{EXTENSION}.{_field_name(key)}",
                    f"unknown key; allowed on a {schema}: {allowed}",
                )
            )
    owner = value.get(OWNER_KEY)
    if owner is not None and not isinstance(owner, str):
        problems.append(FieldProblem(f"{EXTENSION}.{OWNER_KEY}", "must be an agency code (text)"))
    return value


def _entity(raw: bytes) -> tuple[Entity | None, str | None, list[FieldProblem]]:
    """The checked entity of a line, its id as far as known, and what is wrong."""
    try:
        obj = _decode(raw)
    except FieldProblem as problem:
        return None, None, [problem]
    if not isinstance(obj, dict):
        reason = f"each line must be one JSON object (an FtM entity), not {_json_type(obj)}"
        return None, None, [FieldProblem(None, reason)]
    problems: list[FieldProblem] = []
    for key in obj:
        if key not in _TOP_LEVEL and key not in _TOP_LEVEL_IGNORED:
            reason = "unknown key: an FtM entity has id, schema and properties (and tabadul)"
            problems.append(FieldProblem(_field_name(key), reason))
    entity_id = obj.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        problems.append(FieldProblem("id", "every entity needs an id (a text)"))
        entity_id = None
    schema = obj.get("schema")
    spec = SCHEMATA.get(schema) if isinstance(schema, str) else None
    if spec is None:
        given = "no schema" if schema is None else f"{clip(schema)} is not a schema tabadul imports"
        reason = f"{given}; supported: {', '.join(SUPPORTED_SCHEMATA)}"
        problems.append(FieldProblem("schema", reason))
        return None, entity_id, problems
    assert isinstance(schema, str)
    props = _properties(obj.get("properties"), schema, spec, problems)
    ext = _extension(obj.get(EXTENSION), schema, spec, problems)
    if problems or entity_id is None:
        return None, entity_id, problems
    return Entity(entity_id, schema, props, ext), entity_id, problems


def _references(record: ParsedRecordIn, spec: SchemaSpec) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for attribute, field in spec.references:
        value = getattr(record, attribute)
        if isinstance(value, list):
            found.extend((field, item) for item in value)
        elif value is not None:
            found.append((field, value))
    return tuple(found)


def _read_line(raw: bytes, number: int, cases: _CasePairing) -> Iterator[Result]:
    entity, entity_id, problems = _entity(raw)
    if entity is None:
        yield from _errors(number, problems, entity_id)
        if entity_id is not None:
            cases.broken(entity_id, number)
        return
    spec = SCHEMATA[entity.schema]
    origins = Origins()
    ignored = [name for name in entity.props if name in spec.ignored]
    try:
        model, data = spec.convert(entity, origins, ignored)
    except FieldProblem as problem:
        yield from _errors(number, [problem], entity.id)
        cases.broken(entity.id, number)
        return
    if entity.schema == "CourtCaseParty":
        yield from cases.add_party(_Party(number, entity.id, data["party"], data["case"]))
        return
    data["external_id"] = entity.id
    origins.note("external_id", "id")
    sharing_data(entity.ext, data, origins)
    owner = entity.ext.get(OWNER_KEY)
    if entity.schema == "CourtCase":
        case = _Case(number, entity.id, data, origins, tuple(ignored), owner, spec)
        yield from cases.add_case(case)
        return
    result = validate(model, data, origins)
    if isinstance(result, list):
        yield from _errors(number, result, entity.id)
        return
    assert isinstance(result, ParsedRecordIn)
    yield ParsedRecord(number, result, _references(result, spec), tuple(ignored), owner)


# --- antecedents: pairing CourtCase and CourtCaseParty ---------------------------------


@dataclass(frozen=True, slots=True)
class _Case:
    line: int
    id: str
    data: dict[str, Any]
    origins: Origins
    ignored: tuple[str, ...]
    owner: str | None
    spec: SchemaSpec


@dataclass(frozen=True, slots=True)
class _Party:
    line: int
    id: str
    party: str
    case: str


class _CasePairing:
    """Holds each ``CourtCase`` until its ``CourtCaseParty`` is read, and the reverse."""

    def __init__(self) -> None:
        self._cases: dict[str, _Case] = {}
        self._parties: dict[str, _Party] = {}  # by the case they name
        self._paired: dict[str, tuple[int, int]] = {}  # case id → (case line, party line)
        self._broken: dict[str, int] = {}  # id → line, for lines that had errors

    def broken(self, entity_id: str, line: int) -> None:
        self._broken.setdefault(entity_id, line)

    def add_case(self, case: _Case) -> Iterator[Result]:
        earlier = self._cases.get(case.id) or self._paired.get(case.id)
        if earlier is not None:
            first = earlier.line if isinstance(earlier, _Case) else earlier[0]
            yield LineError(
                case.line,
                "id",
                f"the CourtCase {clip(case.id)} is already on line {first}",
                case.id,
            )
            return
        party = self._parties.pop(case.id, None)
        if party is None:
            self._cases[case.id] = case
        else:
            yield from self._complete(case, party)

    def add_party(self, party: _Party) -> Iterator[Result]:
        paired = self._paired.get(party.case)
        waiting = self._parties.get(party.case)
        if paired is not None or waiting is not None:
            other = paired[1] if paired is not None else waiting.line  # type: ignore[union-attr]
            reason = (
                f"case {clip(party.case)} already has its party on line {other}: tabadul keeps "
                "one person per case (write one CourtCase per defendant)"
            )
            yield LineError(party.line, "case", reason, party.id)
            return
        case = self._cases.pop(party.case, None)
        if case is None:
            self._parties[party.case] = party
        else:
            yield from self._complete(case, party)

    def _complete(self, case: _Case, party: _Party) -> Iterator[Result]:
        self._paired[case.id] = (case.line, party.line)
        data = dict(case.data)
        data["person"] = party.party
        result = validate(AntecedentIn, data, case.origins)
        if isinstance(result, list):
            # Reported on the case's line: all fields but the person are the case's.
            yield from _errors(case.line, result, case.id)
            return
        references = _references(result, case.spec)
        yield ParsedRecord(case.line, result, references, case.ignored, case.owner)

    def leftovers(self) -> Iterator[LineError]:
        for case in self._cases.values():
            reason = (
                "this CourtCase has no CourtCaseParty in the file naming its person (party) "
                "and this case (case): tabadul imports a court case as one person's antecedent"
            )
            yield LineError(case.line, None, reason, case.id)
        for party in self._parties.values():
            reason = f"case {clip(party.case)} is not in the file"
            if party.case in self._broken:
                reason = (
                    f"case {clip(party.case)} could not be read (line {self._broken[party.case]})"
                )
            yield LineError(party.line, "case", reason, party.id)
