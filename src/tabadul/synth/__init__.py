"""The synthetic region generator: invented persons, groups and records for the demo,
the tests and the scale benchmarks.

A region of fifteen members of North Africa, the Sahel and the Horn of Africa, their
national central bureaus and the organization's secretariat. Persons carry Arabic names
written in Arabic script and in the Latin spelling of the registry that records them:
French-style in the Maghreb and the Sahel (*Youcef*, *Abdelkader*, *Ould*, *Ben*),
English-style elsewhere (*Yusuf*, *Abd al-Qadir*, *bin*), Egyptian and Somali variants
(*Gamal*, *Abdirahman*). Around them: travel documents, antecedents, notices, fictional
terrorist and criminal groups present across shared borders, the links between all of
these, and border crossings over several years. No record describes a real person.

Usage::

    region = generate_region(persons=10_000, seed=1)
    for owned in region.records():  # streams; same seed, same records
        load(owned.owner, owned.record)

Choices worth knowing:

- ``persons`` counts person *records*: about one in twenty individuals is recorded by a
  second owner (with that owner's spelling and its own external id), and each such
  second record counts.
- Each person's Latin name is ``PRIMARY``. The Arabic-script name is ``PRIMARY`` too
  where the recording registry keeps Arabic (the Arab members, Chad, the secretariat)
  and an ``ALIAS`` where it does not (Mali, Niger, Ethiopia, Eritrea). A foreign
  national's own passport spelling, when it differs, is an ``ALIAS``; kunyas (*Abu ...*)
  are ``WEAK_ALIAS``.
- Dates are drawn relative to :data:`REFERENCE_DATE`, never to today.
- External ids are ``<owner>-<kind>-<number>`` (``ma-ncb-p-000123``); references name
  earlier records of the same owner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from tabadul.synth._generator import REFERENCE_DATE, OwnedRecord, stream
from tabadul.synth._region import AGENCIES, MEMBERS, REGIONS, AgencySpec, MemberSpec, RegionSpec

__all__ = [
    "REFERENCE_DATE",
    "AgencySpec",
    "MemberSpec",
    "OwnedRecord",
    "RegionSpec",
    "SyntheticRegion",
    "generate_region",
]


@dataclass(frozen=True)
class SyntheticRegion:
    """A generated region: its members, regions and agencies, and a stream of records.

    Holds no records itself: :meth:`records` generates them afresh on every call, the
    same ones each time for the same ``seed``.
    """

    persons: int
    seed: int
    members: tuple[MemberSpec, ...] = field(default=MEMBERS, init=False)
    regions: tuple[RegionSpec, ...] = field(default=REGIONS, init=False)
    agencies: tuple[AgencySpec, ...] = field(default=AGENCIES, init=False)

    def records(self) -> Iterator[OwnedRecord]:
        """Every record with its owner, each referenced record before its first
        reference."""
        return stream(self.persons, self.seed)


def generate_region(*, persons: int, seed: int) -> SyntheticRegion:
    """A synthetic region with ``persons`` person records, deterministic for ``seed``."""
    if persons < 0:
        raise ValueError("the number of persons cannot be negative")
    return SyntheticRegion(persons=persons, seed=seed)
