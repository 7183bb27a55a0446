"""What a reader yields for each line of an import file: a record, or an error a bureau
officer can act on.

A reader never raises for bad input. Every problem becomes a :class:`LineError` that
names the line, the field the user wrote (an FtM property such as ``birthDate`` or a CSV
column such as ``birth_date``) and the reason in one sentence; values echoed back are
cut to a few dozen characters, so a 20,000-character name cannot flood a report.
"""

from __future__ import annotations

from dataclasses import dataclass

from tabadul.model.records import (
    AntecedentIn,
    DocumentIn,
    EventIn,
    GroupIn,
    LinkIn,
    NoticeIn,
    PersonIn,
)

__all__ = ["ECHO_MAX", "LineError", "ParsedRecord", "ParsedRecordIn", "clip"]

ECHO_MAX = 60
"""The most characters of a user's value that an error message repeats."""

ParsedRecordIn = PersonIn | DocumentIn | AntecedentIn | NoticeIn | GroupIn | LinkIn | EventIn
"""Any of the ``*In`` record models (the members of ``RecordIn``)."""


def clip(value: object, limit: int = ECHO_MAX) -> str:
    """``repr`` of a value for an error message, cut to ``limit`` characters
    (``'Aaaa…'``): a message never repeats a huge input."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}…"
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


@dataclass(frozen=True, slots=True)
class LineError:
    """One problem in an import file.

    ``line`` is 1-based (in a CSV file, the file line where the row starts; the header
    is line 1). ``field`` is what the user wrote: an FtM property (``birthDate``), a
    top-level key (``id``, ``schema``, ``properties``), an extension key
    (``tabadul.handling_code``) or a CSV column; ``None`` when the whole line is at
    fault.
    """

    line: int
    field: str | None
    reason: str
    entity_id: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}"
        if self.field is not None:
            where += f", field {self.field}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """A valid record read from one line (or, for an antecedent, one ``CourtCase``
    line and its ``CourtCaseParty``; ``line`` is the ``CourtCase``'s).

    ``references`` are the ``(field, external id)`` pairs the record points to, in the
    user's field names, so that the import service can report
    ``line 7, field holder: entity 'x' does not exist``. ``ignored`` names the
    properties that were accepted but not stored (``sourceUrl``, ``topics`` on a
    person ...), so the service can tell the user. ``owner`` is the agency code that
    an exporting tabadul wrote (``tabadul.owner``): the record was another agency's,
    and its handling code binds the importer.
    """

    line: int
    record: ParsedRecordIn
    references: tuple[tuple[str, str], ...] = ()
    ignored: tuple[str, ...] = ()
    owner: str | None = None
