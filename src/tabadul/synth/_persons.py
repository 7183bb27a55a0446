"""The records one owner makes of one person: the person, then what refers to it.

Order within a person: the person record; a family link to an earlier person; travel
documents; antecedents (each serious one sometimes followed by an arrest event); links
to groups and to fellow members; a notice; border crossings and incidents. The *first*
record of an individual gets the full set; a *second* record (the same individual seen
by another owner) gets fewer: a passport sometimes, an antecedent rarely, the group
links that owner can make, a crossing sometimes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from tabadul.domain.enums import (
    DocumentType,
    EventType,
    Gender,
    GroupKind,
    IdentifierKind,
    JudicialStatus,
    LinkType,
    NameKind,
    NoticeStatus,
    NoticeType,
)
from tabadul.model.records import AntecedentIn, DocumentIn, IdentifierIn, NameIn, PersonIn
from tabadul.synth import _content as content
from tabadul.synth._draw import Weighted, between, partial, years_before
from tabadul.synth._groups import GroupPlan
from tabadul.synth._ledger import AGENCY, REFERENCE_DATE, Ledger, OwnedRecord
from tabadul.synth._naming import Identity, render, render_kunya
from tabadul.synth._region import COUNTRIES, NEIGHBOURS, SECRETARIAT, agency_code, crossings
from tabadul.synth._spelling import Style

__all__ = ["Person", "PersonWriter"]

_PRECISION = Weighted({"day": 65, "month": 15, "year": 20})
_COUNT = Weighted({1: 70, 2: 20, 3: 10})
_OFFENCES = {kind: Weighted(weights) for kind, weights in content.OFFENCES.items()}
_JUDICIAL = Weighted(content.JUDICIAL_STATUS)
_DOC_STATUS = Weighted(content.DOCUMENT_STATUS)
_PERSON_SHARING = Weighted(content.PERSON_SHARING)
_DAY = timedelta(days=1)

_REASONS = {
    NoticeType.WANTED: "Wanted for prosecution for {offence}",
    NoticeType.LOCATE: "Sought to establish whereabouts in connection with {offence}",
    NoticeType.MISSING: "Reported missing by the family; not suspected of any offence",
    NoticeType.WARNING: "Previously charged with {offence}; may travel under false documents",
    NoticeType.THREAT: "Credible information that the person is preparing violent acts",
}
_SANCTIONS_REASON = (
    "Listed by the Security Council sanctions committee for participation in the "
    "activities of a listed terrorist group"
)


@dataclass(slots=True)
class Person:
    """One individual, shared by every record made of them."""

    identity: Identity
    birth: date
    birth_place: str | None
    passport: str | None = None
    passport_issued: date | None = None
    national_id: str | None = None
    memberships: list[tuple[GroupPlan, LinkType]] = field(default_factory=list)
    """Groups and how the person is tied to each (member of, supplies, finances)."""
    relative: tuple[str, str] | None = None
    """(external id of an earlier person of the same owner, relation to them)."""

    @property
    def gender(self) -> Gender:
        return Gender.FEMALE if self.identity.female else Gender.MALE

    def terror_member(self) -> bool:
        return any(g.kind is GroupKind.TERRORIST for g, _ in self.memberships)


class PersonWriter:
    """Writes the records of persons into a :class:`Ledger`'s id space."""

    def __init__(self, book: Ledger) -> None:
        self.book = book
        self.rng = book.rng

    def records(self, owner: str, person: Person, *, first: bool) -> Iterator[OwnedRecord]:
        """The records ``owner`` makes of ``person``; ``first`` for the individual's
        first record (see the module docstring)."""
        rng = self.rng
        book = self.book
        pid = book.ext(owner, "p")
        identifiers: list[IdentifierIn] = []
        if person.passport and rng.random() < (0.75 if first else 0.5):
            identifiers.append(IdentifierIn(kind=IdentifierKind.PASSPORT, number=person.passport))
        if person.national_id and rng.random() < 0.6:
            identifiers.append(
                IdentifierIn(kind=IdentifierKind.NATIONAL_ID, number=person.national_id)
            )
        yield OwnedRecord(
            owner,
            PersonIn(
                external_id=pid,
                names=self._names(person, owner, first),
                birth_dates=self._birth_dates(person.birth),
                birth_places=[person.birth_place] if person.birth_place else [],
                nationalities=[person.identity.nationality],
                gender=person.gender,
                identifiers=identifiers,
                sharing=_PERSON_SHARING.draw(rng),
            ),
        )
        if first and person.relative is not None:
            kin_id, role = person.relative
            yield book.link(owner, LinkType.FAMILY_OF, pid, kin_id, since=None, role=role)
        yield from self._documents(owner, pid, person, first)
        if owner == SECRETARIAT.code:
            yield from self._group_links(owner, pid, person, first)
            name = self._latin_name(person, owner)
            yield book.notice(
                owner,
                pid,
                NoticeType.UN_SANCTIONS,
                name,
                _SANCTIONS_REASON,
                status=NoticeStatus.PUBLISHED,
            )
        else:
            serious: list[str] = []
            yield from self._antecedents(owner, pid, person, first, serious)
            yield from self._group_links(owner, pid, person, first)
            notice_type = self._notice_type(person, serious, first)
            if notice_type is not None:
                offence = serious[0] if serious else "an ongoing investigation"
                reason = _REASONS[notice_type].format(offence=offence)
                name = self._latin_name(person, owner)
                yield book.notice(owner, pid, notice_type, name, reason)
            yield from self._events(owner, pid, person, first)
        book.recent[owner].append((pid, person.identity, person.birth))

    # --- the person record ----------------------------------------------------------------

    def _latin_name(self, person: Person, owner: str) -> str:
        style, country = self.book.style(owner)
        return render(person.identity, style, country)[0].full

    def _names(self, person: Person, owner: str, first: bool) -> list[NameIn]:
        """The Latin name as ``owner`` spells it; the Arabic name; a foreign national's
        own passport spelling, or sometimes another style's; sometimes a kunya."""
        rng = self.rng
        identity = person.identity
        style, country = self.book.style(owner)
        latin, arabic = render(identity, style, country)
        names = [NameIn(full_name=latin.full, parts=latin.parts)]
        if first or rng.random() < 0.7:
            arabic_registry = country == "" or COUNTRIES[country].arabic_registry
            kind = NameKind.PRIMARY if arabic_registry else NameKind.ALIAS
            names.append(NameIn(full_name=arabic.full, kind=kind, parts=arabic.parts))
        nationality = identity.nationality
        alias = None
        if nationality != country:
            alias = render(identity, COUNTRIES[nationality].style, nationality)[0]
        elif rng.random() < 0.1:
            other: Style = "en" if style in ("fr", "sahel") else "fr"
            alias = render(identity, other, "")[0]
        if alias is not None and alias.full != latin.full:
            names.append(NameIn(full_name=alias.full, kind=NameKind.ALIAS, parts=alias.parts))
        if rng.random() < (0.4 if person.memberships else 0.05):
            kunya_latin, kunya_arabic = render_kunya(rng, identity, style, country)
            names.append(NameIn(full_name=kunya_latin, kind=NameKind.WEAK_ALIAS))
            if rng.random() < 0.5:
                names.append(NameIn(full_name=kunya_arabic, kind=NameKind.WEAK_ALIAS))
        return names

    def _birth_dates(self, birth: date) -> list[str]:
        """The date of birth at a drawn precision; one in twenty persons has a second
        one: day and month swapped, or the same day a year off."""
        rng = self.rng
        dates = [partial(birth, _PRECISION.draw(rng))]
        if rng.random() < 0.05:
            if birth.day <= 12 and birth.day != birth.month and rng.random() < 0.5:
                other = date(birth.year, birth.day, birth.month)
            else:
                other = date(birth.year + rng.choice((-1, 1)), birth.month, min(birth.day, 28))
            dates.append(other.isoformat())
        return dates

    # --- what refers to it ----------------------------------------------------------------

    def _documents(
        self, owner: str, pid: str, person: Person, first: bool
    ) -> Iterator[OwnedRecord]:
        rng = self.rng
        nationality = person.identity.nationality
        issued = person.passport_issued
        if person.passport and issued and rng.random() < (0.9 if first else 0.4):
            validity = 10 if nationality in ("MA", "DZ", "TN", "EG") else 5
            yield OwnedRecord(
                owner,
                DocumentIn(
                    external_id=self.book.ext(owner, "d"),
                    holder=pid,
                    doc_type=DocumentType.PASSPORT,
                    number=person.passport,
                    issuer=nationality,
                    status=_DOC_STATUS.draw(rng),
                    issue_date=issued.isoformat(),
                    expiry_date=(years_before(issued, -validity) - _DAY).isoformat(),
                ),
            )
        if first and person.national_id and rng.random() < 0.5:
            yield OwnedRecord(
                owner,
                DocumentIn(
                    external_id=self.book.ext(owner, "d"),
                    holder=pid,
                    doc_type=DocumentType.ID_CARD,
                    number=person.national_id,
                    issuer=nationality,
                    status=_DOC_STATUS.draw(rng),
                ),
            )

    def _antecedents(
        self, owner: str, pid: str, person: Person, first: bool, serious: list[str]
    ) -> Iterator[OwnedRecord]:
        """Criminal-record entries; appends to ``serious`` a description of each charge
        or conviction, for a notice to cite."""
        rng = self.rng
        book = self.book
        kinds = [g.kind.value for g, how in person.memberships if how is LinkType.MEMBER_OF]
        rate = (0.8 if kinds else 0.18) if first else 0.15
        if rng.random() >= rate:
            return
        earliest = max(years_before(person.birth, -16), years_before(REFERENCE_DATE, 20))
        latest = REFERENCE_DATE - 30 * _DAY
        if earliest > latest:  # a minor: no criminal record
            return
        offences = _OFFENCES[kinds[0] if kinds else "anyone"]
        home = AGENCY[owner].country
        assert home is not None
        for _ in range(_COUNT.draw(rng) if first else 1):
            category = offences.draw(rng)
            status = _JUDICIAL.draw(rng)
            when = between(rng, earliest, latest)
            country = home if rng.random() < 0.85 else book.neighbour(home)
            place = rng.choice(COUNTRIES[country].cities)
            case = f"{home}/{when.year}/{book.seq(owner, 'case'):06d}"
            yield OwnedRecord(
                owner,
                AntecedentIn(
                    external_id=book.ext(owner, "a"),
                    person=pid,
                    offence_category=category,
                    offence_date=partial(when, "day" if rng.random() < 0.8 else "month"),
                    place=place,
                    country=country,
                    case_reference=case,
                    judicial_status=status,
                ),
            )
            if status not in (JudicialStatus.CHARGED, JudicialStatus.CONVICTED):
                continue
            label = content.OFFENCE_LABELS[category]
            serious.append(f"{label} (case {case})")
            if rng.random() < 0.3:
                day = min(when + rng.randint(0, 90) * _DAY, REFERENCE_DATE - _DAY)
                summary = f"Arrest in connection with {label}"
                yield book.event(owner, EventType.ARREST, day, place, country, summary, [pid])

    def _group_links(
        self, owner: str, pid: str, person: Person, first: bool
    ) -> Iterator[OwnedRecord]:
        """Links to the groups this owner records; the first member an owner records of
        a group is its leader (or local commander). Members are sometimes linked to a
        fellow member as associates; others, rarely, to a recent person."""
        rng = self.rng
        book = self.book
        for group, link_type in person.memberships:
            gid = book.group_ids.get((owner, group.index))
            if gid is None:
                continue
            key = (owner, group.index)
            role: str | None
            if link_type is LinkType.MEMBER_OF:
                role = rng.choice(content.GROUP_ROLES[group.kind])
                if key not in book.led:
                    book.led.add(key)
                    link_type = LinkType.LEADER_OF
                    home = owner in (SECRETARIAT.code, agency_code(group.countries[0]))
                    role = "leader" if home else "local commander"
                mates = book.comembers.setdefault(key, deque(maxlen=8))
                if first and mates and rng.random() < 0.4:
                    mate = mates[rng.randrange(len(mates))]
                    yield book.link(owner, LinkType.ASSOCIATE_OF, pid, mate, since=group.founded)
                mates.append(pid)
            else:
                role = "supplier" if link_type is LinkType.SUPPLIES else "financier"
            yield book.link(owner, link_type, pid, gid, since=group.founded, role=role)
        recent = book.recent[owner]
        if first and not person.memberships and recent and rng.random() < 0.02:
            mate = recent[rng.randrange(len(recent))][0]
            yield book.link(owner, LinkType.ASSOCIATE_OF, pid, mate, since=2012)

    def _notice_type(self, person: Person, serious: list[str], first: bool) -> NoticeType | None:
        rng = self.rng
        roll = rng.random() if first else rng.random() * 4
        if person.terror_member() and roll < 0.25:
            return rng.choice((NoticeType.WANTED, NoticeType.WANTED, NoticeType.THREAT,
                               NoticeType.WARNING))  # fmt: skip
        if person.memberships and roll < 0.15:
            return NoticeType.WANTED if rng.random() < 0.7 else NoticeType.LOCATE
        if serious and roll < 0.08:
            return rng.choice((NoticeType.WANTED, NoticeType.WANTED, NoticeType.WANTED,
                               NoticeType.LOCATE, NoticeType.WARNING))  # fmt: skip
        if roll < 0.004:
            return NoticeType.LOCATE if serious else NoticeType.MISSING
        return None

    def _events(self, owner: str, pid: str, person: Person, first: bool) -> Iterator[OwnedRecord]:
        """Border crossings over the last eight years (a member sometimes with a fellow
        member, then also linked as travelling together), and for members, rarely, an
        incident with fellow members."""
        rng = self.rng
        book = self.book
        country = AGENCY[owner].country
        assert country is not None
        member = bool(person.memberships)
        if rng.random() >= ((0.5 if member else 0.05) if first else 0.3):
            return
        low = max(years_before(REFERENCE_DATE, 8), years_before(person.birth, -16))
        high = REFERENCE_DATE - _DAY
        if low > high:  # crossings of minors are not recorded
            return
        mates = book.comembers.get((owner, person.memberships[0][0].index)) if member else None
        for _ in range(rng.randint(1, 4) if first else 1):
            day = between(rng, low, high)
            near = NEIGHBOURS[country]
            entering = rng.random() < 0.5
            if near and rng.random() < 0.75:
                other = rng.choice(near)
                place = rng.choice(crossings(country, other))
                name = COUNTRIES[other].name
                summary = f"Entry from {name}" if entering else f"Exit towards {name}"
            else:
                place = COUNTRIES[country].airport
                summary = "Arrival by air" if entering else "Departure by air"
            participants = [pid]
            if first and mates and rng.random() < 0.3:
                mate = mates[rng.randrange(len(mates))]
                if mate != pid:
                    participants.append(mate)
            yield book.event(
                owner, EventType.BORDER_CROSSING, day, place, country, summary, participants
            )
            if len(participants) > 1:
                yield book.link(
                    owner,
                    LinkType.TRAVELLED_WITH,
                    pid,
                    participants[1],
                    since=day,
                    source_text="Border control record",
                )
        if first and mates and rng.random() < 0.05:
            group = person.memberships[0][0]
            others = [m for m in mates if m != pid][:2]
            summary = rng.choice(content.INCIDENTS[group.kind])
            place = rng.choice(COUNTRIES[country].cities)
            day = between(rng, low, high)
            yield book.event(
                owner, EventType.INCIDENT, day, place, country, summary, [pid, *others]
            )
