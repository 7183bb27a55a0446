"""Invented identities, and how a registry writes them down.

An :class:`Identity` is who a person is, independent of any spelling: the Arabic names
that make up their name and how they are joined. Rendering it for a registry gives the
Latin spelling that registry's convention (:mod:`tabadul.synth._spelling`) produces and
the Arabic-script form, each with its parts. The same identity rendered by two
registries is how "the same person recorded by two countries with different spellings"
arises.

How a nationality's names are built (``Country.structure``):

``family``      given + family name (*Youssef Bennani*)
``tunisian``    as ``family``, a third of the time with *Ben* + father before it
``ould``        given + *Ould*/*Mint* + father (*Mohamed Ould Sidi*)
``sahel``       given + family (*Oumar Traoré*); Tuareg given + *Ag*/*Walet* + father;
                Arab given + *Ould* + father
``patronymic``  given + father + grandfather (*Ahmed Mahmoud Hassan*); in Egypt and
                Sudan sometimes given + father + family name
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, replace

from tabadul.synth._names import (
    CONNECTORS,
    EASTERN_FAMILY,
    FEMALE_GIVEN,
    GENERAL_FAMILY,
    KUNYA,
    LIBYAN_FAMILY,
    MAGHREB_FAMILY,
    MALE_GIVEN,
    RESERVED,
    SAHEL_FAMILY,
)
from tabadul.synth._region import COUNTRIES
from tabadul.synth._spelling import Spelled, Style

__all__ = ["Identity", "Rendered", "make_identity", "make_relative", "render", "render_kunya"]

# The most frequent given names, drawn more often than the rest.
_POPULAR = {"محمد": 10, "أحمد": 4, "علي": 2, "عمر": 2, "عبد الله": 2, "يوسف": 2, "إبراهيم": 2,
            "حسن": 2, "فاطمة": 4, "عائشة": 2, "خديجة": 2, "مريم": 2, "أمينة": 2}  # fmt: skip

_FAMILY_POOLS: dict[str, tuple[Spelled, ...]] = {
    "MA": MAGHREB_FAMILY + GENERAL_FAMILY,
    "DZ": MAGHREB_FAMILY + GENERAL_FAMILY,
    "TN": MAGHREB_FAMILY + GENERAL_FAMILY,
    "LY": LIBYAN_FAMILY + GENERAL_FAMILY,
    "EG": EASTERN_FAMILY + GENERAL_FAMILY,
    "SD": EASTERN_FAMILY + GENERAL_FAMILY,
    "ML": SAHEL_FAMILY,
    "NE": SAHEL_FAMILY,
}


class _Pool:
    """Names to draw from, the popular ones weighted up."""

    __slots__ = ("cum", "names")

    def __init__(self, names: tuple[Spelled, ...]) -> None:
        self.names = names
        self.cum = list(itertools.accumulate(_POPULAR.get(n.arabic, 1) for n in names))

    def draw(self, rng: random.Random) -> Spelled:
        return rng.choices(self.names, cum_weights=self.cum)[0]


_MALE = {c: _Pool(tuple(n for n in MALE_GIVEN if n.fits(c))) for c in COUNTRIES}
_FEMALE = {c: _Pool(tuple(n for n in FEMALE_GIVEN if n.fits(c))) for c in COUNTRIES}


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a person is, before anyone spells it. ``connector`` (``ben``, ``ould``,
    ``ag``) joins the given name to the father's."""

    nationality: str
    female: bool
    given: Spelled
    father: Spelled | None = None
    grandfather: Spelled | None = None
    family: Spelled | None = None
    connector: str | None = None

    def key(self) -> tuple[str, ...]:
        """The Arabic names in order, without connectors."""
        names = (self.given, self.father, self.grandfather, self.family)
        return tuple(n.arabic for n in names if n is not None)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A name as one registry writes it: full text and parts, in one script."""

    full: str
    parts: dict[str, str]


def _reserved(identity: Identity) -> bool:
    key = identity.key()
    return key[:2] in RESERVED or key[:3] in RESERVED or (key[0], key[-1]) in RESERVED


def _given(rng: random.Random, nationality: str, female: bool) -> Spelled:
    return (_FEMALE if female else _MALE)[nationality].draw(rng)


def _draw(rng: random.Random, nationality: str, female: bool) -> Identity:
    structure = COUNTRIES[nationality].structure
    given = _given(rng, nationality, female)
    roll = rng.random()

    def father() -> Spelled:
        return _MALE[nationality].draw(rng)

    if structure == "ould" or (structure == "sahel" and 0.25 <= roll < 0.35):
        return Identity(nationality, female, given, father=father(), connector="ould")
    if structure == "sahel" and roll < 0.25:
        return Identity(nationality, female, given, father=father(), connector="ag")
    if structure == "patronymic":
        if nationality in ("EG", "SD") and roll < 0.25:
            family = rng.choice(_FAMILY_POOLS[nationality])
            return Identity(nationality, female, given, father=father(), family=family)
        return Identity(nationality, female, given, father=father(), grandfather=father())
    family = rng.choice(_FAMILY_POOLS[nationality])
    if structure == "tunisian" and roll < 0.35:
        return Identity(nationality, female, given, father=father(), family=family, connector="ben")
    return Identity(nationality, female, given, family=family)


def make_identity(rng: random.Random, nationality: str, female: bool) -> Identity:
    """A new identity of ``nationality``, never one of the :data:`RESERVED` names."""
    while True:
        identity = _draw(rng, nationality, female)
        if not _reserved(identity):
            return identity


def make_relative(
    rng: random.Random, person: Identity, *, child: bool = True, parent: bool = True
) -> tuple[Identity, str]:
    """A relative of ``person`` whose name follows from theirs (a brother shares the
    father's name and the family name, a son carries his father's given name) and the
    relation as seen from the new person: ``brother``, ``sister``, ``son``, ``daughter``
    or ``father``. ``child`` and ``parent`` say whether the person is old enough to have
    a grown child, young enough to have a living father."""
    nationality = person.nationality
    for _ in range(20):
        female = rng.random() < 0.3
        roll = rng.random()
        if roll < 0.4 and child and not person.female:
            relative = replace(
                person,
                female=female,
                given=_given(rng, nationality, female),
                father=person.given if person.father is not None else None,
                grandfather=person.father if person.grandfather is not None else None,
            )
            role = "daughter" if female else "son"
        elif roll < 0.55 and parent and person.father is not None:
            relative = replace(
                person,
                female=False,
                given=person.father,
                father=person.grandfather or _MALE[nationality].draw(rng),
                grandfather=None if person.grandfather is None else _given(rng, nationality, False),
            )
            role = "father"
        else:
            relative = replace(person, female=female, given=_given(rng, nationality, female))
            role = "sister" if female else "brother"
        if relative.given.arabic != person.given.arabic and not _reserved(relative):
            return relative, role
    return make_identity(rng, nationality, rng.random() < 0.3), "cousin"


def render(identity: Identity, style: Style, country: str) -> tuple[Rendered, Rendered]:
    """The (Latin, Arabic) forms of ``identity`` as a registry of ``style`` in
    ``country`` writes it."""
    latin: list[str] = [identity.given.latin(style, country)]
    arabic: list[str] = [identity.given.arabic]
    latin_parts = {"first": latin[0]}
    arabic_parts = {"first": arabic[0]}
    if identity.father is not None:
        if identity.connector is not None:
            word_ar, word_latin = CONNECTORS[identity.connector].spell(style, identity.female)
            arabic.append(word_ar)
            latin.append(word_latin)
        father_latin = identity.father.latin(style, country)
        latin.append(father_latin)
        arabic.append(identity.father.arabic)
        latin_parts["father"] = father_latin
        arabic_parts["father"] = identity.father.arabic
    last = identity.family or identity.grandfather
    if last is not None:
        last_latin = last.latin(style, country)
        latin.append(last_latin)
        arabic.append(last.arabic)
        latin_parts["last"] = last_latin
        arabic_parts["last"] = last.arabic
    return Rendered(" ".join(latin), latin_parts), Rendered(" ".join(arabic), arabic_parts)


def render_kunya(
    rng: random.Random, identity: Identity, style: Style, country: str
) -> tuple[str, str]:
    """A kunya, "father (mother) of" a son's name: (Latin, Arabic), e.g. *Abou Hamza*,
    أبو حمزة."""
    son = _MALE[identity.nationality].draw(rng)
    prefix_ar, prefix_latin = KUNYA["female" if identity.female else "male"]
    return f"{prefix_latin[style]} {son.latin(style, country)}", f"{prefix_ar} {son.arabic}"
