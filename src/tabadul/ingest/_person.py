"""Building a person's data from named, multi-valued fields.

FtM properties and CSV columns both give a person as "field name → values"; only the
field names differ. A :class:`PersonLayout` says which field feeds which part of
``PersonIn``, and :func:`build_person` does the rest for both formats, noting in
:class:`~tabadul.ingest._validate.Origins` where each value came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tabadul.domain.enums import IdentifierKind, NameKind
from tabadul.ingest._validate import FieldProblem, Origins
from tabadul.ingest.errors import clip

__all__ = ["COMPOSED_PARTS", "ExtraParts", "PersonLayout", "build_person", "single"]

COMPOSED_PARTS = ("first", "middle", "father", "last")
"""The name parts joined, in this order, into a name when no name is given."""

_GENDER_ALIASES = {"m": "male", "f": "female"}

ExtraParts = tuple[str, int, dict[str, Any]]
"""Parts for a name other than the first primary one: (name field, index in it, parts)."""


@dataclass(frozen=True, slots=True)
class PersonLayout:
    """The user's field names for each part of a person."""

    names: tuple[tuple[str, NameKind], ...]
    parts: tuple[tuple[str, str], ...]  # (NameIn.parts key, field)
    birth_date: str
    birth_place: str
    nationalities: tuple[str, ...]
    gender: str
    identifiers: tuple[tuple[str, IdentifierKind], ...]
    notes: str


def single(values: Mapping[str, Sequence[str]], field: str) -> str | None:
    """The one value of ``field``, ``None`` when absent; several values are a problem."""
    found = values.get(field)
    if not found:
        return None
    if len(found) > 1:
        shown = ", ".join(clip(v) for v in found[:3])
        raise FieldProblem(
            field,
            f"one value expected, {len(found)} given ({shown}{', …' if len(found) > 3 else ''})",
        )
    return found[0]


def _parts(
    values: Mapping[str, Sequence[str]], layout: PersonLayout, has_name: bool, ignored: list[str]
) -> dict[str, str]:
    given = [(key, field, values[field]) for key, field in layout.parts if values.get(field)]
    if any(len(found) > 1 for _, _, found in given):
        several = [field for _, field, found in given if len(found) > 1]
        if not has_name:
            raise FieldProblem(
                several[0],
                f"several values and no {layout.names[0][0]}: cannot tell which name they "
                f"make; give the full names in {layout.names[0][0]}",
            )
        # The full names carry these values; which part belongs to which name is unknown.
        ignored.extend(field for _, field, _ in given)
        return {}
    return {key: found[0] for key, _, found in given}


def build_person(
    values: Mapping[str, Sequence[str]],
    layout: PersonLayout,
    origins: Origins,
    ignored: list[str],
    extra_parts: Sequence[ExtraParts] = (),
    extra_parts_field: str = "",
) -> dict[str, Any]:
    """The ``PersonIn`` fields (without ``external_id`` and ``sharing``) from ``values``.

    Names are listed by kind in the layout's order, so the first primary name is the
    first name. Name parts belong to it; if no primary name is given, the parts
    ``first middle father last`` are joined into one. Raises :class:`FieldProblem`.
    """
    name_field = layout.names[0][0]
    primary_given = bool(values.get(name_field))
    parts = _parts(values, layout, primary_given, ignored)
    names: list[dict[str, Any]] = []
    if not primary_given:
        composed = " ".join(parts[key].strip() for key in COMPOSED_PARTS if key in parts)
        if not composed.strip():
            first_field = dict(layout.parts)["first"]
            last_field = dict(layout.parts)["last"]
            raise FieldProblem(
                name_field,
                f"a person needs a name: give {name_field}, or {first_field} and {last_field}",
            )
        origins.note("names.0", next(field for key, field in layout.parts if key in parts))
        names.append({"full_name": composed, "kind": NameKind.PRIMARY})
    starts: dict[str, int] = {}
    for field, kind in layout.names:
        starts[field] = len(names)
        for value in values.get(field, ()):
            origins.note(f"names.{len(names)}", field)
            names.append({"full_name": value, "kind": kind})
    origins.note("names", name_field)
    if parts:
        names[0]["parts"] = parts
        for key, field in layout.parts:
            origins.note(f"names.0.parts.{key}", field)
    for field, index, name_parts in extra_parts:
        position = starts.get(field, -1) + index
        if field not in starts or not 0 <= index < len(values.get(field, ())):
            raise FieldProblem(extra_parts_field, f"there is no {field} number {index}")
        if position == 0:
            raise FieldProblem(
                extra_parts_field,
                "the parts of the first name go in the name-part properties "
                "(firstName, lastName ...)",
            )
        if "parts" in names[position]:
            raise FieldProblem(extra_parts_field, f"{field} number {index} is given twice")
        names[position]["parts"] = name_parts
        origins.note(f"names.{position}.parts", extra_parts_field)
    data: dict[str, Any] = {"names": names}

    dates = values.get(layout.birth_date)
    if dates:
        data["birth_dates"] = dates
        origins.note("birth_dates", layout.birth_date)
    places = values.get(layout.birth_place)
    if places:
        data["birth_places"] = places
        origins.note("birth_places", layout.birth_place)

    nationalities: list[str] = []
    for field in layout.nationalities:
        for value in values.get(field, ()):
            if field != layout.nationalities[0] and value in nationalities:
                continue  # citizenship repeating a nationality
            origins.note(f"nationalities.{len(nationalities)}", field)
            nationalities.append(value)
    if nationalities:
        data["nationalities"] = nationalities

    gender = single(values, layout.gender)
    if gender is not None:
        lowered = gender.strip().lower()
        data["gender"] = _GENDER_ALIASES.get(lowered, lowered)
        origins.note("gender", layout.gender)

    identifiers: list[dict[str, Any]] = []
    for field, id_kind in layout.identifiers:
        for value in values.get(field, ()):
            origins.note(f"identifiers.{len(identifiers)}", field)
            identifiers.append({"kind": id_kind, "number": value})
    if identifiers:
        data["identifiers"] = identifiers

    notes = values.get(layout.notes)
    if notes:
        data["notes"] = notes[0] if len(notes) == 1 else "\n\n".join(notes)
        origins.note("notes", layout.notes)
    return data
