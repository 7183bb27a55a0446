"""The streaming generator behind :func:`tabadul.synth.generate_region`.

Records come out in an order a loader can write one by one: first every group record
(each member where a group is present records it, the secretariat records the
sanctioned ones, with a sanctions notice) and the relations between groups; then
persons one after another, each followed by what refers to it
(:mod:`tabadul.synth._persons`). A reference is always the external id of an earlier
record of the same owner.

Memory stays bounded whatever the number of persons: besides the group plan (one group
per :data:`PERSONS_PER_GROUP` persons) only the last few persons of each owner and of
each group are remembered, to draw relatives, associates and travel companions from.

Who is recorded, and by whom:

- an owner is drawn by weight (the secretariat gets about one person in three hundred:
  members of sanctioned groups, half of them also recorded by their own country);
- one person in ten is a national of another member, mostly a neighbour;
- one in about thirty is a relative of a person the owner recorded recently;
- one in fifty belongs to a group present in the owner's country; some members of
  criminal groups are also tied to a terrorist group (the "bridges" analysts look for);
- one individual in twenty is recorded a second time by another owner (a neighbour,
  the person's own country, or the secretariat for a sanctioned group's member) with
  that owner's spelling, its own external id and independently drawn date precision;
- after one person in a hundred, the member also reports a stolen blank passport.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from tabadul.domain.enums import (
    DocumentStatus,
    DocumentType,
    GroupKind,
    LinkType,
    NoticeStatus,
    NoticeType,
)
from tabadul.model.records import DocumentIn, GroupIn
from tabadul.synth import _content as content
from tabadul.synth._draw import Weighted, between, years_before
from tabadul.synth._groups import GroupPlan, plan_groups
from tabadul.synth._ledger import AGENCY, REFERENCE_DATE, Ledger, OwnedRecord
from tabadul.synth._naming import Identity, make_identity, make_relative
from tabadul.synth._persons import Person, PersonWriter
from tabadul.synth._region import COUNTRIES, SECRETARIAT, agency_code

__all__ = ["PERSONS_PER_GROUP", "REFERENCE_DATE", "OwnedRecord", "stream"]

PERSONS_PER_GROUP = 2000
MIN_GROUPS = 6
DUPLICATE_RATE = 0.05
MEMBER_RATE = 0.02
FAMILY_RATE = 0.03
FOREIGN_RATE = 0.1
FEMALE_RATE = 0.2
SECRETARIAT_WEIGHT = 0.3  # against the members' weights, which sum to 99

_BRIDGE = Weighted(content.BRIDGE_LINKS)
# Years between a relative's birth and that of the person they are drawn from.
_GENERATION = {"father": (-40, -20), "son": (20, 40), "daughter": (20, 40)}


class _Generator:
    """One generation run; :meth:`stream` may be consumed once."""

    def __init__(self, persons: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.persons = persons
        self.book = Ledger(self.rng)
        self.writer = PersonWriter(self.book)
        count = max(MIN_GROUPS, round(persons / PERSONS_PER_GROUP))
        self.groups, self.relations = plan_groups(self.rng, count, REFERENCE_DATE.year)
        self.present: dict[str, list[GroupPlan]] = {code: [] for code in COUNTRIES}
        for group in self.groups:
            for code in group.countries:
                self.present[code].append(group)
        self.sanctioned = [g for g in self.groups if g.sanctioned]
        self.owners = Weighted(
            [(c.weight, agency_code(c.code)) for c in COUNTRIES.values()]
            + [(SECRETARIAT_WEIGHT, SECRETARIAT.code)]
        )

    def stream(self) -> Iterator[OwnedRecord]:
        yield from self._group_records()
        rng = self.rng
        produced = 0
        while produced < self.persons:
            owner = self.owners.draw(rng)
            secretariat = owner == SECRETARIAT.code
            if secretariat:
                person = self._sanctioned_person()
                second = agency_code(person.identity.nationality)
            else:
                person = self._new_person(owner)
                second = self._second_owner(owner, person)
            yield from self.writer.records(owner, person, first=True)
            produced += 1
            duplicate = 0.5 if secretariat else DUPLICATE_RATE
            if produced < self.persons and rng.random() < duplicate:
                yield from self.writer.records(second, person, first=False)
                produced += 1
            if not secretariat and rng.random() < 0.01:
                yield self._blank_document(owner)

    # --- groups -------------------------------------------------------------------------

    def _group_records(self) -> Iterator[OwnedRecord]:
        book = self.book
        for group in self.groups:
            owners = [agency_code(c) for c in group.countries]
            if group.sanctioned:
                owners.append(SECRETARIAT.code)
            for owner in owners:
                style, country = book.style(owner)
                gid = book.ext(owner, "g")
                book.group_ids[(owner, group.index)] = gid
                name = group.name.latin(style, country)
                other = group.name.latin("en" if style in ("fr", "sahel") else "fr", country)
                aliases = [group.name.arabic, group.name.english, other, group.name.acronym]
                yield OwnedRecord(
                    owner,
                    GroupIn(
                        external_id=gid,
                        group_kind=group.kind,
                        name=name,
                        aliases=list(dict.fromkeys(a for a in aliases if a != name)),
                        countries=list(group.countries),
                    ),
                )
                if owner == SECRETARIAT.code:
                    reason = (
                        "Listed by the Security Council sanctions committee as an entity "
                        f"associated with terrorism ({group.name.english})"
                    )
                    yield book.notice(
                        owner,
                        gid,
                        NoticeType.UN_SANCTIONS,
                        name,
                        reason,
                        status=NoticeStatus.PUBLISHED,
                    )
        for relation in self.relations:
            for country in relation.recorded_by:
                owner = agency_code(country)
                yield book.link(
                    owner,
                    relation.link_type,
                    book.group_ids[(owner, relation.source)],
                    book.group_ids[(owner, relation.target)],
                    since=relation.since,
                )

    # --- persons ------------------------------------------------------------------------

    def _birth(self) -> date:
        """A date of birth: ages 16 to 75, most around 30."""
        age = self.rng.triangular(16, 75, 30)
        return years_before(REFERENCE_DATE, age) - timedelta(days=self.rng.randrange(365))

    def _new_person(self, owner: str) -> Person:
        rng = self.rng
        country = AGENCY[owner].country
        assert country is not None
        recent = self.book.recent[owner]
        relative: tuple[str, str] | None = None
        if recent and rng.random() < FAMILY_RATE:
            kin_id, kin, kin_birth = recent[rng.randrange(len(recent))]
            identity, role = make_relative(
                rng,
                kin,
                child=kin_birth < years_before(REFERENCE_DATE, 40),
                parent=kin_birth > years_before(REFERENCE_DATE, 55),
            )
            low, high = _GENERATION.get(role, (-10, 10))
            birth = years_before(kin_birth, -rng.uniform(low, high))
            birth = max(
                min(birth, years_before(REFERENCE_DATE, 1)), years_before(REFERENCE_DATE, 95)
            )
            relative = (kin_id, role)
        else:
            foreign = rng.random() < FOREIGN_RATE
            nationality = self.book.neighbour(country) if foreign else country
            identity = make_identity(rng, nationality, rng.random() < FEMALE_RATE)
            birth = self._birth()
        person = self._fill(identity, birth)
        person.relative = relative
        here = self.present[country]
        if here and rng.random() < MEMBER_RATE:
            group = rng.choice(here)
            person.memberships.append((group, LinkType.MEMBER_OF))
            terror = [g for g in here if g.kind is GroupKind.TERRORIST]
            if group.kind is GroupKind.CRIMINAL and terror and rng.random() < 0.15:
                person.memberships.append((rng.choice(terror), _BRIDGE.draw(rng)))
        elif here and rng.random() < 0.001:
            person.memberships.append((rng.choice(here), LinkType.FINANCES))
        return person

    def _sanctioned_person(self) -> Person:
        """A person the secretariat lists: a member of a sanctioned group, of one of the
        countries where the group is present."""
        rng = self.rng
        group = rng.choice(self.sanctioned)
        nationality = rng.choice(group.countries)
        identity = make_identity(rng, nationality, rng.random() < 0.05)
        person = self._fill(identity, self._birth())
        person.memberships.append((group, LinkType.MEMBER_OF))
        return person

    def _fill(self, identity: Identity, birth: date) -> Person:
        """The person's place of birth and documents, issued by their own country."""
        rng = self.rng
        book = self.book
        nationality = identity.nationality
        place = rng.choice(COUNTRIES[nationality].cities) if rng.random() < 0.8 else None
        person = Person(identity, birth, place)
        if rng.random() < 0.55:
            person.passport = book.number(nationality, DocumentType.PASSPORT)
            person.passport_issued = between(
                rng, years_before(REFERENCE_DATE, 10), REFERENCE_DATE - timedelta(days=30)
            )
        if rng.random() < 0.5:
            person.national_id = book.number(nationality, DocumentType.ID_CARD)
        return person

    def _second_owner(self, owner: str, person: Person) -> str:
        """Who else records the person: the secretariat (sometimes, for members of a
        sanctioned group), their own country if foreign, else mostly a neighbour."""
        rng = self.rng
        if any(g.sanctioned for g, _ in person.memberships) and rng.random() < 0.3:
            return SECRETARIAT.code
        country = AGENCY[owner].country
        assert country is not None
        nationality = person.identity.nationality
        if nationality != country:
            return agency_code(nationality)
        return agency_code(self.book.neighbour(country))

    def _blank_document(self, owner: str) -> OwnedRecord:
        """A stolen blank passport: a document with no holder."""
        country = AGENCY[owner].country
        assert country is not None
        return OwnedRecord(
            owner,
            DocumentIn(
                external_id=self.book.ext(owner, "d"),
                doc_type=DocumentType.PASSPORT,
                number=self.book.number(country, DocumentType.PASSPORT),
                issuer=country,
                status=DocumentStatus.STOLEN,
            ),
        )


def stream(persons: int, seed: int) -> Iterator[OwnedRecord]:
    """The records of a region of ``persons`` person records, deterministic for
    ``seed``."""
    if persons < 0:
        raise ValueError("the number of persons cannot be negative")
    return _Generator(persons, seed).stream()
