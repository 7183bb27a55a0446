"""The synthetic region generator: deterministic, valid, self-consistent, and as varied
as the demo, the tests and the benchmarks need (spellings per registry, persons seen by
two owners, groups across borders, events over years)."""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter, defaultdict

import pytest

from tabadul.domain.enums import (
    DocumentStatus,
    EventType,
    GroupKind,
    HandlingCode,
    LinkType,
    NameKind,
    NoticeStatus,
    NoticeType,
    Script,
)
from tabadul.model.records import (
    AntecedentIn,
    DocumentIn,
    EventIn,
    GroupIn,
    LinkIn,
    NoticeIn,
    PersonIn,
)
from tabadul.names.script import detect_script
from tabadul.synth import OwnedRecord, generate_region
from tabadul.synth._draw import NumberSeries
from tabadul.synth._names import FEMALE_GIVEN, MALE_GIVEN, RESERVED
from tabadul.synth._region import COUNTRIES, NEIGHBOURS, REGIONS
from tabadul.synth._region import crossings as crossings_between
from tabadul.synth._spelling import Style

PERSONS = 4000
SEED = 11


@pytest.fixture(scope="module")
def records() -> list[OwnedRecord]:
    return list(generate_region(persons=PERSONS, seed=SEED).records())


def persons_of(records: list[OwnedRecord], owner: str | None = None) -> list[PersonIn]:
    return [
        r.record
        for r in records
        if isinstance(r.record, PersonIn) and (owner is None or r.owner == owner)
    ]


def references(record: object) -> list[str]:
    """The external ids a record refers to."""
    if isinstance(record, DocumentIn):
        return [record.holder] if record.holder else []
    if isinstance(record, AntecedentIn):
        return [record.person]
    if isinstance(record, NoticeIn):
        return [record.subject] if record.subject else []
    if isinstance(record, LinkIn):
        return [record.source, record.target]
    if isinstance(record, EventIn):
        return list(record.participants)
    return []


def primary_latin(person: PersonIn) -> str:
    return next(
        n.full_name
        for n in person.names
        if n.kind is NameKind.PRIMARY and detect_script(n.full_name) is Script.LATIN
    )


# --- the region ---------------------------------------------------------------------------


def test_region_has_members_regions_and_agencies() -> None:
    region = generate_region(persons=10, seed=1)
    codes = {m.code for m in region.members}
    assert 14 <= len(codes) <= 16
    assert {"MA", "DZ", "TN", "EG", "SD", "SO", "DJ", "KM", "MR", "ML", "NE", "TD"} <= codes
    for spec in region.regions:
        assert set(spec.members) <= codes
    assert {r.code for r in region.regions} == {"MAGHREB", "SAHEL", "HORN", "AIMC"}
    assert {a.country for a in region.agencies if not a.is_secretariat} == codes
    (secretariat,) = [a for a in region.agencies if a.is_secretariat]
    assert secretariat.code == "ORG-SEC" and secretariat.country is None
    assert region.regions == REGIONS


def test_negative_persons_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        generate_region(persons=-1, seed=1)


# --- determinism and streaming --------------------------------------------------------------


def test_same_seed_same_stream(records: list[OwnedRecord]) -> None:
    again = list(generate_region(persons=PERSONS, seed=SEED).records())
    assert again == records


def test_another_seed_another_stream(records: list[OwnedRecord]) -> None:
    other = list(generate_region(persons=PERSONS, seed=SEED + 1).records())
    assert other != records


def test_records_can_be_called_again() -> None:
    region = generate_region(persons=300, seed=5)
    assert list(region.records()) == list(region.records())


def test_does_not_touch_the_global_random_generator() -> None:
    random.seed(1234)
    expected = random.random()
    random.seed(1234)
    list(generate_region(persons=200, seed=3).records())
    assert random.random() == expected


def test_streams_without_building_the_region_first() -> None:
    head = list(itertools.islice(generate_region(persons=10**6, seed=1).records(), 50))
    assert len(head) == 50


def test_exact_number_of_person_records(records: list[OwnedRecord]) -> None:
    assert len(persons_of(records)) == PERSONS
    assert len(persons_of(list(generate_region(persons=0, seed=1).records()))) == 0


# --- validity and references ------------------------------------------------------------------


def test_every_record_validates(records: list[OwnedRecord]) -> None:
    for owned in records:
        record = owned.record
        assert type(record).model_validate(record.model_dump()) == record


def test_references_are_to_earlier_records_of_the_same_owner(
    records: list[OwnedRecord],
) -> None:
    seen: set[tuple[str, str]] = set()
    for owned in records:
        for ref in references(owned.record):
            assert (owned.owner, ref) in seen, f"{owned.owner} {owned.record.external_id} → {ref}"
        key = (owned.owner, owned.record.external_id)
        assert key not in seen, f"duplicate external id {key}"
        seen.add(key)


def test_external_ids_name_their_owner(records: list[OwnedRecord]) -> None:
    pattern = re.compile(r"^[a-z]{2,3}-[a-z]{3}-[a-z]-\d{6,}$")
    for owned in records:
        ext = owned.record.external_id
        assert pattern.match(ext), ext
        assert ext.startswith(owned.owner.lower() + "-")


def test_dates_are_not_after_the_reference_date(records: list[OwnedRecord]) -> None:
    for owned in records:
        record = owned.record
        if isinstance(record, PersonIn):
            assert all(d <= "2026" for d in record.birth_dates)
        elif isinstance(record, EventIn):
            assert record.occurred_on < "2026"
        elif isinstance(record, AntecedentIn) and record.offence_date:
            assert record.offence_date < "2026"


# --- names ----------------------------------------------------------------------------------


def test_names_in_arabic_and_latin_script(records: list[OwnedRecord]) -> None:
    scripts = Counter(detect_script(n.full_name) for p in persons_of(records) for n in p.names)
    assert scripts[Script.ARABIC] > PERSONS * 0.9
    assert scripts[Script.LATIN] > PERSONS
    assert scripts[Script.MIXED] == 0
    for person in persons_of(records):
        primary_latin(person)  # every person has one


def test_arabic_name_is_primary_where_the_registry_keeps_arabic(
    records: list[OwnedRecord],
) -> None:
    for owned in records:
        if not isinstance(owned.record, PersonIn) or owned.owner == "ORG-SEC":
            continue
        country = COUNTRIES[owned.owner[:2]]
        kinds = {
            n.kind
            for n in owned.record.names
            if detect_script(n.full_name) is Script.ARABIC and n.kind is not NameKind.WEAK_ALIAS
        }
        expected = NameKind.PRIMARY if country.arabic_registry else NameKind.ALIAS
        assert kinds <= {expected}


def _first_names_by_owner(records: list[OwnedRecord]) -> dict[str, list[tuple[str, str]]]:
    """Owner → (Arabic first name, Latin first name) of its persons' primary names."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for owned in records:
        if not isinstance(owned.record, PersonIn):
            continue
        parts = {
            detect_script(n.full_name): n.parts
            for n in owned.record.names
            if n.kind is NameKind.PRIMARY and n.parts
        }
        if Script.ARABIC in parts and Script.LATIN in parts:
            found[owned.owner].append((parts[Script.ARABIC]["first"], parts[Script.LATIN]["first"]))
    return found


def test_latin_spelling_follows_the_registry_convention(records: list[OwnedRecord]) -> None:
    given = {n.arabic: n for n in MALE_GIVEN + FEMALE_GIVEN}
    for owner, pairs in _first_names_by_owner(records).items():
        style: Style = "en"
        country = ""
        if owner != "ORG-SEC":
            country = owner[:2]
            style = COUNTRIES[country].style
        for arabic, latin in pairs:
            assert latin == given[arabic].latin(style, country), (owner, arabic, latin)


def test_french_style_in_the_maghreb_english_style_in_the_east(
    records: list[OwnedRecord],
) -> None:
    def names(*owners: str) -> str:
        return " | ".join(primary_latin(p) for o in owners for p in persons_of(records, o))

    maghreb = names("MA-NCB", "DZ-NCB", "TN-NCB", "MR-NCB")
    east = names("SD-NCB", "SO-NCB", "EG-NCB", "LY-NCB")
    assert re.search(r"\bAbd(el|er|es|en)[a-z]", maghreb)  # Abdelkader, Abderrahmane
    assert re.search(r"\bOuld\b", maghreb) and re.search(r"\bMohamed\b", maghreb)
    assert re.search(r"\bYouc?ss?ef\b", maghreb)
    assert not re.search(r"\bAbd al-|\bMuhammad\b|\bYusuf\b|\bbin\b", maghreb)
    assert re.search(r"\bAbd al-[A-Z]", east) and re.search(r"\bYusuf\b", east)
    assert re.search(r"\bAbdi[a-z]+", east)  # Somali: Abdirahman, Abdiqadir
    assert re.search(r"\bAbdel [A-Z]", east) or re.search(r"\bGamal|\bRagab|\bGalal", east)
    assert not re.search(r"\bAbd(el|er|es|en)[a-z]|\bOuld\b|\bYoucef\b", east)


def test_kunyas_are_weak_aliases(records: list[OwnedRecord]) -> None:
    kunyas = [
        n.full_name for p in persons_of(records) for n in p.names if n.kind is NameKind.WEAK_ALIAS
    ]
    assert kunyas
    assert all(re.match(r"^(Abu|Abou|Umm|Oum|Om|أبو|أم) ", k) for k in kunyas)


def test_no_reserved_name_is_generated() -> None:
    for owned in generate_region(persons=20_000, seed=2).records():
        if isinstance(owned.record, PersonIn):
            for name in owned.record.names:
                if name.parts and detect_script(name.full_name) is Script.ARABIC:
                    ordered = [
                        name.parts[k] for k in ("first", "father", "last") if k in name.parts
                    ]
                    assert tuple(ordered[:2]) not in RESERVED
                    assert tuple(ordered[:3]) not in RESERVED


def test_dates_of_birth_of_every_precision(records: list[OwnedRecord]) -> None:
    people = persons_of(records)
    lengths = Counter(len(d) for p in people for d in p.birth_dates)
    assert set(lengths) == {4, 7, 10}
    assert any(len(p.birth_dates) == 2 for p in people)


# --- the same person seen by two owners ---------------------------------------------------------


def test_some_persons_are_recorded_by_two_owners(records: list[OwnedRecord]) -> None:
    seen: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    for owned in records:
        if not isinstance(owned.record, PersonIn):
            continue
        person = owned.record
        arabic = [
            n.full_name
            for n in person.names
            if n.kind is not NameKind.WEAK_ALIAS and detect_script(n.full_name) is Script.ARABIC
        ]
        if arabic:
            key = (arabic[0], person.nationalities[0], person.birth_dates[0][:4])
            seen[key].add((owned.owner, primary_latin(person)))
    shared = [owners for owners in seen.values() if len({o for o, _ in owners}) > 1]
    assert len(shared) > PERSONS * 0.02
    assert any(len({latin for _, latin in owners}) > 1 for owners in shared)


# --- documents, antecedents, notices ------------------------------------------------------------


def test_documents_antecedents_and_notices(records: list[OwnedRecord]) -> None:
    documents = [r.record for r in records if isinstance(r.record, DocumentIn)]
    statuses = Counter(d.status for d in documents)
    assert statuses[DocumentStatus.VALID] > len(documents) / 2
    assert statuses[DocumentStatus.LOST] and statuses[DocumentStatus.STOLEN]
    assert any(d.holder is None for d in documents)  # stolen blanks
    numbers = Counter((d.issuer, d.doc_type, d.number) for d in documents if d.holder is None)
    assert max(numbers.values()) == 1

    antecedents = [r.record for r in records if isinstance(r.record, AntecedentIn)]
    assert len({a.offence_category for a in antecedents}) > 8
    assert len({a.judicial_status for a in antecedents}) == 5

    notices = [r.record for r in records if isinstance(r.record, NoticeIn)]
    assert {NoticeType.WANTED, NoticeType.UN_SANCTIONS, NoticeType.MISSING} <= {
        n.notice_type for n in notices
    }
    status = Counter(n.status for n in notices)
    assert status[NoticeStatus.PUBLISHED] > len(notices) / 2
    assert status[NoticeStatus.DRAFT] + status[NoticeStatus.IN_REVIEW] > 0
    wanted = [n for n in notices if n.notice_type is NoticeType.WANTED]
    assert all(n.action == "Arrest and inform the issuing bureau" for n in wanted)
    assert all(n.issued_date is None for n in notices if n.status is NoticeStatus.DRAFT)


def test_un_sanctions_come_from_the_secretariat(records: list[OwnedRecord]) -> None:
    for owned in records:
        if isinstance(owned.record, NoticeIn):
            sanctions = owned.record.notice_type is NoticeType.UN_SANCTIONS
            assert sanctions == (owned.owner == "ORG-SEC")


def test_a_few_handling_codes(records: list[OwnedRecord]) -> None:
    codes = Counter(r.record.sharing.handling_code for r in records)
    assert codes[None] > len(records) * 0.8
    assert codes[HandlingCode.H1] and codes[HandlingCode.H2] and codes[HandlingCode.H3]
    for owned in records:
        if owned.record.sharing.handling_code is HandlingCode.H3:
            assert owned.record.sharing.handling_conditions


# --- groups and links ---------------------------------------------------------------------------


def test_groups_of_both_kinds_across_borders(records: list[OwnedRecord]) -> None:
    groups = [r for r in records if isinstance(r.record, GroupIn)]
    by_arabic: dict[str, set[str]] = defaultdict(set)
    for owned in groups:
        assert isinstance(owned.record, GroupIn)
        record = owned.record
        assert len(record.countries) > 1
        for a, b in itertools.pairwise(record.countries[:2]):
            assert b in NEIGHBOURS[a]
        assert any(detect_script(alias) is Script.ARABIC for alias in record.aliases)
        arabic = next(a for a in record.aliases if detect_script(a) is Script.ARABIC)
        by_arabic[arabic].add(owned.owner)
        if owned.owner != "ORG-SEC":
            assert owned.owner[:2] in record.countries
    kinds = {r.record.group_kind for r in groups if isinstance(r.record, GroupIn)}
    assert kinds == {GroupKind.TERRORIST, GroupKind.CRIMINAL}
    assert all(len(owners) > 1 for owners in by_arabic.values())


def test_links_between_persons_and_groups(records: list[OwnedRecord]) -> None:
    links = [r.record for r in records if isinstance(r.record, LinkIn)]
    types = Counter(link.link_type for link in links)
    for link_type in (
        LinkType.MEMBER_OF,
        LinkType.LEADER_OF,
        LinkType.ASSOCIATE_OF,
        LinkType.FAMILY_OF,
        LinkType.TRAVELLED_WITH,
    ):
        assert types[link_type], link_type
    assert types[LinkType.ALLIED_WITH] + types[LinkType.SUPPLIES] + types[LinkType.FINANCES]
    group_ids = {(r.owner, r.record.external_id) for r in records if isinstance(r.record, GroupIn)}
    group_to_group = [
        r.record
        for r in records
        if isinstance(r.record, LinkIn)
        and (r.owner, r.record.source) in group_ids
        and (r.owner, r.record.target) in group_ids
    ]
    assert group_to_group
    for link in links:
        assert link.source_text and link.confidence is not None


def test_some_persons_bridge_crime_and_terror() -> None:
    # About one person in a thousand is a bridge: it takes a region of some size.
    kind_of: dict[tuple[str, str], GroupKind] = {}
    ties: dict[tuple[str, str], set[GroupKind]] = defaultdict(set)
    for owned in generate_region(persons=10_000, seed=1).records():
        record = owned.record
        if isinstance(record, GroupIn):
            kind_of[(owned.owner, record.external_id)] = record.group_kind
        elif isinstance(record, LinkIn) and (owned.owner, record.target) in kind_of:
            ties[(owned.owner, record.source)].add(kind_of[(owned.owner, record.target)])
    assert any(kinds == {GroupKind.TERRORIST, GroupKind.CRIMINAL} for kinds in ties.values())


# --- events -----------------------------------------------------------------------------------


def test_border_crossings_over_several_years(records: list[OwnedRecord]) -> None:
    events = [r for r in records if isinstance(r.record, EventIn)]
    crossings = [
        r.record
        for r in events
        if isinstance(r.record, EventIn) and r.record.event_type is EventType.BORDER_CROSSING
    ]
    assert len({e.occurred_on[:4] for e in crossings}) >= 5
    assert any(len(e.participants) > 1 for e in crossings)
    for owned in events:
        event = owned.record
        assert isinstance(event, EventIn)
        assert event.participants and event.place and event.country
        if event.event_type is EventType.BORDER_CROSSING:  # recorded at the owner's border
            country = owned.owner[:2]
            posts = {p for other in NEIGHBOURS[country] for p in crossings_between(country, other)}
            assert event.country == country
            assert event.place in posts | {COUNTRIES[country].airport}


# --- helpers ------------------------------------------------------------------------------------


def test_document_numbers_are_unique_and_follow_their_format() -> None:
    series = NumberSeries("LLDDD", random.Random(1))
    numbers = [series.next() for _ in range(5000)]  # five laps of the digits
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"[A-Z]{2}\d{3}", n) for n in numbers)
