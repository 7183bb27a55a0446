"""Fictional terrorist and criminal groups, and where they are present.

Group names are built from a word for the kind of body (*Katibat*, brigade; *Shabakat*,
network) and an invented place (*Wadi al-Milh*, Salt Valley), so they read like the
names such groups take without being the name of any real one. Each group is present in
its home member and one to three neighbouring ones, spreading along shared borders.

Group-to-group relations follow the crime-terror nexus the design brief describes:
terrorist groups ally with each other; criminal groups supply and finance them and
sometimes ally with each other; a relation exists only between groups present in a
common member, whose bureau is the one that records it.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from tabadul.domain.enums import GroupKind, LinkType
from tabadul.synth._region import NEIGHBOURS
from tabadul.synth._spelling import Spelled, Style, parse_table

__all__ = ["GroupName", "GroupPlan", "Relation", "plan_groups"]

_TERROR_BODIES: tuple[tuple[Spelled, str], ...] = tuple(
    zip(
        parse_table(
            """
            كتيبة | Katibat | Katibat
            سرايا | Saraya | Saraya
            جماعة | Djamaat | Jamaat
            حركة | Harakat | Harakat
            جبهة | Djabhat | Jabhat
            """
        ),
        ("Brigade", "Companies", "Group", "Movement", "Front"),
        strict=True,
    )
)

_CRIME_BODIES: tuple[tuple[Spelled, str], ...] = tuple(
    zip(
        parse_table(
            """
            شبكة | Chabakat | Shabakat
            عصابة | Issabat | Isabat
            قافلة | Kafilat | Qafilat
            """
        ),
        ("Network", "Gang", "Caravan"),
        strict=True,
    )
)

_PLACES: tuple[tuple[Spelled, str], ...] = tuple(
    zip(
        parse_table(
            """
            وادي | Oued | Wadi
            جبل | Djebel | Jabal
            بئر | Bir | Bir
            رأس | Ras | Ras
            عين | Aïn | Ain
            قصر | Ksar | Qasr
            باب | Bab | Bab
            طريق | Trik | Tariq
            هضبة | Hadbet | Hadbat
            سهل | Sahl | Sahl
            """
        ),
        ("Valley", "Mountain", "Well", "Cape", "Spring", "Fort", "Gate", "Road", "Plateau",
         "Plain"),
        strict=True,
    )
)  # fmt: skip

_THINGS: tuple[tuple[Spelled, str], ...] = tuple(
    zip(
        parse_table(
            """
            الملح | El Melh | al-Milh
            الحديد | El Hadid | al-Hadid
            النحاس | En Nhas | al-Nuhas
            الغزال | El Ghazal | al-Ghazal
            الذئب | Edh Dhib | al-Dhib
            النسر | En Nesr | al-Nasr
            الصخور | Es Skhour | al-Sukhur
            الريح | Er Rih | al-Rih
            الرماد | Er Remad | al-Ramad
            القمر | El Qamar | al-Qamar
            النخيل | En Nakhil | al-Nakhil
            الرمال | Er Rmal | al-Rimal
            الغروب | El Ghouroub | al-Ghurub
            العقرب | El Akrab | al-Aqrab
            الصقر | Es Sakr | al-Saqr
            الجمر | El Djemr | al-Jamr
            الحجارة | El Hadjara | al-Hijara
            الظلال | Edh Dhilal | al-Zilal
            السراب | Es Sarab | al-Sarab
            الفهد | El Fahd | al-Fahd
            """
        ),
        ("Salt", "Iron", "Copper", "Gazelle", "Wolf", "Eagle", "Rocks", "Wind", "Ash", "Moon",
         "Palms", "Sands", "Sunset", "Scorpion", "Falcon", "Embers", "Stones", "Shadows",
         "Mirage", "Cheetah"),
        strict=True,
    )
)  # fmt: skip

# Home members of new groups, weighted; the Comoros share no land border and host none.
_TERROR_HOMES = {"ML": 5, "NE": 4, "SO": 5, "LY": 4, "TD": 3, "DZ": 2, "EG": 2, "SD": 2,
                 "MR": 1, "TN": 1, "ET": 1, "DJ": 0.5, "ER": 0.5, "MA": 0.5}  # fmt: skip
_CRIME_HOMES = {"LY": 5, "MA": 4, "SD": 4, "DZ": 3, "EG": 3, "ML": 3, "NE": 3, "TD": 3,
                "TN": 2, "MR": 2, "SO": 2, "ET": 2, "DJ": 1, "ER": 1}  # fmt: skip


@dataclass(frozen=True, slots=True)
class GroupName:
    """A group's name: its parts (Arabic, per-style Latin) and an English rendering."""

    body: Spelled
    place: Spelled
    thing: Spelled
    english: str
    suffix: str

    @property
    def arabic(self) -> str:
        return f"{self.body.arabic} {self.place.arabic} {self.thing.arabic}{self.suffix}"

    def latin(self, style: Style, country: str) -> str:
        words = (self.body, self.place, self.thing)
        return " ".join(w.latin(style, country) for w in words) + self.suffix

    @property
    def acronym(self) -> str:
        return "".join(word[0] for word in self.english.split() if word[0].isupper())


@dataclass(frozen=True, slots=True)
class GroupPlan:
    """One group as the region knows it; each member in ``countries`` records it."""

    index: int
    kind: GroupKind
    name: GroupName
    countries: tuple[str, ...]  # home first
    founded: int
    sanctioned: bool


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two groups, recorded by the bureaus of ``recorded_by``."""

    source: int
    target: int
    link_type: LinkType
    recorded_by: tuple[str, ...]
    since: int


def _names(rng: random.Random, kind: GroupKind) -> list[GroupName]:
    bodies = _TERROR_BODIES if kind is GroupKind.TERRORIST else _CRIME_BODIES
    combos = list(itertools.product(bodies, _PLACES, _THINGS))
    rng.shuffle(combos)
    return [
        GroupName(body[0], place[0], thing[0], f"{thing[1]} {place[1]} {body[1]}", suffix="")
        for body, place, thing in combos
    ]


def _spread(rng: random.Random, home: str) -> tuple[str, ...]:
    countries = [home]
    extra = rng.choices((1, 2, 3), weights=(45, 35, 20))[0]
    for _ in range(extra):
        frontier = sorted({n for c in countries for n in NEIGHBOURS[c]} - set(countries))
        if not frontier:
            break
        countries.append(rng.choice(frontier))
    return tuple(countries)


def plan_groups(
    rng: random.Random, count: int, reference_year: int
) -> tuple[tuple[GroupPlan, ...], tuple[Relation, ...]]:
    """``count`` groups (two in five terrorist, at least three of each kind when
    ``count`` ≥ 6) and the relations between them. The first criminal group starts in a
    country of the first terrorist group, so that members of the two meet even in a
    small region."""
    names = {kind: _names(rng, kind) for kind in GroupKind}
    used = dict.fromkeys(GroupKind, 0)
    groups: list[GroupPlan] = []
    for index in range(count):
        kind = GroupKind.TERRORIST if index % 5 in (0, 2) else GroupKind.CRIMINAL
        pool = names[kind]
        name = pool[used[kind] % len(pool)]
        lap = used[kind] // len(pool)
        if lap:
            name = GroupName(name.body, name.place, name.thing, name.english, f" {lap + 1}")
        used[kind] += 1
        homes = _TERROR_HOMES if kind is GroupKind.TERRORIST else _CRIME_HOMES
        home = rng.choices(list(homes), weights=list(homes.values()))[0]
        if index == 1:  # even a small region has crime and terror sharing ground
            home = rng.choice(groups[0].countries)
        groups.append(
            GroupPlan(
                index=index,
                kind=kind,
                name=name,
                countries=_spread(rng, home),
                founded=rng.randint(reference_year - 18, reference_year - 4),
                sanctioned=kind is GroupKind.TERRORIST and (index == 0 or rng.random() < 0.5),
            )
        )
    return tuple(groups), tuple(_relations(rng, groups, reference_year))


def _relations(rng: random.Random, groups: list[GroupPlan], reference_year: int) -> list[Relation]:
    present: dict[str, list[GroupPlan]] = {}
    for group in groups:
        for country in group.countries:
            present.setdefault(country, []).append(group)
    relations: list[Relation] = []
    for group in groups:
        if group.kind is GroupKind.TERRORIST:
            wanted = [(LinkType.ALLIED_WITH, GroupKind.TERRORIST, 0.5)]
        else:
            wanted = [
                (LinkType.SUPPLIES, GroupKind.TERRORIST, 0.6),
                (LinkType.FINANCES, GroupKind.TERRORIST, 0.3),
                (LinkType.ALLIED_WITH, GroupKind.CRIMINAL, 0.2),
            ]
        for link_type, target_kind, probability in wanted:
            if rng.random() >= probability:
                continue
            nearby = {g.index: g for c in group.countries for g in present[c]}
            candidates = [
                other
                for index, other in sorted(nearby.items())
                if other.kind is target_kind and index != group.index
            ]
            if not candidates:
                continue
            target = rng.choice(candidates)
            shared = [c for c in group.countries if c in target.countries]
            recorded_by = tuple(c for c in shared if rng.random() < 0.7) or (shared[0],)
            since = rng.randint(max(group.founded, target.founded), reference_year - 1)
            relations.append(Relation(group.index, target.index, link_type, recorded_by, since))
    return relations
