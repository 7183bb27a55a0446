"""The in-memory candidate index for screening.

Built from the store, kept current on every write (one record at a time: no rebuild),
saved to and restored from an on-disk snapshot (:mod:`tabadul.matching.snapshot`), and
cheap to query. The index holds no rule: who may see a candidate is decided by the
policy layer before anything is scored (see :mod:`tabadul.service.screening`).

**Finding candidates.** A query's name parts are looked up by their comparison keys
(spellings of one name in any script share a key). Every person found gets a cheap
*pre-score*: the :func:`~tabadul.names.term_weight` of each query part it shares a key
with (once per part, however many keys), plus a little for a birth year within a year
of the query's, for the same nationality, and much for the same document number; among
persons of equal pre-score, the one with the shorter name comes first. The
pre-score of a person depends only on the query and that person — never on who else is
in the index — so the order in which the service considers the persons a viewer may
screen does not change when others are added. Only the few best are then scored in full
by :func:`tabadul.matching.scoring.score`: the full scorer is by far the dearest step.

A part shared by more than ``COMMON_PART`` persons (*Mohamed* in a large region) is not
used to *find* candidates when the query has a rarer part that finds some: it still
counts in their pre-score (a binary search in its posting list), but persons who share
nothing else with the query are not considered — they could not be hits.

**Memory layout** (a million persons in a few hundred MB, a snapshot that loads by
copying arrays):

- per *slot* (one per person added; a replaced or removed person leaves a dead slot
  until :meth:`ScreeningIndex.freeze` compacts): record id (``-1`` when dead), owner,
  birth-year range, first nationality, how many parts its shortest name has (the
  ranking's tie-break), and where its payload lies;
- the *payload*: what the scorer needs of the person (external id, gender, names with
  their kinds, birth dates, nationalities, document numbers) as compact JSON in one byte
  buffer. It is decoded into a :class:`~tabadul.matching.scoring.Candidate` only for the
  few persons scored, the names going through :func:`tabadul.names.analyze` and its
  caches;
- *postings*: for each comparison key, the slots holding it, ascending. The frozen part
  is two arrays (all slots, and where each key's run starts); what was added since lives
  in small per-key arrays until the next :meth:`~ScreeningIndex.freeze`;
- *documents*: a 64-bit hash of each normalised document number with its slot, sorted
  (a hash collision only adds a candidate: the scorer compares the numbers themselves).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching.features import document_key
from tabadul.matching.scoring import Candidate
from tabadul.names import NameAnalysis, NamePart, analyze, term_weight

__all__ = [
    "INDEX_VERSION",
    "Entry",
    "IndexArrays",
    "PersonData",
    "Prepared",
    "ScreeningIndex",
    "prepare",
]

# Changes whenever what the index stores or how it finds candidates changes: a snapshot
# of another version is rebuilt.
INDEX_VERSION = 3
# A part held by more persons than this finds candidates only when the query has no
# rarer part that finds some.
COMMON_PART = 20_000
# How many candidates `candidates` returns (the plain API, without rules): as many as a
# screening scores for its ten results (`tabadul.service.screening.scored_per_query`),
# so that the accuracy benchmark measures what the service does.
MAX_CANDIDATES = 20
# How many ranked candidates `rank` returns at most.
MAX_POOL = 2_000
# Pre-score bonuses, on the scale of term weights (a rare name part is worth 1).
DOCUMENT_BONUS = 100.0
BIRTH_YEAR_BONUS = 0.6
BIRTH_YEAR_PENALTY = 0.3
NATIONALITY_BONUS = 0.2

Slots = npt.NDArray[np.int32]
_GENERATIONS = itertools.count(1)


@dataclass(slots=True)
class Entry:
    record_id: int
    owner_id: int
    external_id: str
    candidate: Candidate


@dataclass(frozen=True, slots=True)
class PersonData:
    """A person as the store holds it, in plain values: what the index keeps."""

    record_id: int
    owner_id: int
    external_id: str
    gender: str | None
    names: Sequence[tuple[str, str]]  # (full name, kind)
    birth_dates: Sequence[str] = ()  # YYYY[-MM[-DD]]
    nationalities: Sequence[str] = ()
    documents: Sequence[str] = ()
    # Changes whenever the person or a document it holds is written (see
    # `tabadul.service.screening`): how a snapshot tells what changed since it was made.
    version: int = 0


@dataclass
class IndexArrays:
    """Everything a :class:`ScreeningIndex` holds once frozen, as plain arrays: what a
    snapshot writes and reads back."""

    record_ids: npt.NDArray[np.int64]
    versions: npt.NDArray[np.int64]
    owner_ids: npt.NDArray[np.int32]
    year_lo: npt.NDArray[np.int16]
    year_hi: npt.NDArray[np.int16]
    nationality: npt.NDArray[np.uint16]
    name_parts: npt.NDArray[np.uint8]
    payload_start: npt.NDArray[np.int64]
    payload_length: npt.NDArray[np.int32]
    payload: bytes
    keys: list[str]
    key_starts: npt.NDArray[np.int64]
    key_slots: Slots
    doc_hashes: npt.NDArray[np.uint64]
    doc_slots: Slots


class _Column:
    """A growable numpy column (appending never invalidates a view handed out)."""

    __slots__ = ("data", "size")

    def __init__(self, dtype: Any, values: npt.NDArray[Any] | None = None) -> None:
        self.data: npt.NDArray[Any] = (
            np.array(values, dtype=dtype) if values is not None else np.zeros(1024, dtype=dtype)
        )
        self.size = len(values) if values is not None else 0

    def extend(self, values: Sequence[int] | npt.NDArray[Any]) -> None:
        end = self.size + len(values)
        if end > len(self.data):
            grown = np.zeros(max(1024, self.size, end - len(self.data)), dtype=self.data.dtype)
            self.data = np.concatenate([self.data, grown])
        self.data[self.size : end] = values
        self.size = end

    def view(self) -> npt.NDArray[Any]:
        return self.data[: self.size]


def _nationality_code(country: str | None) -> int:
    if not country or len(country) != 2:
        return 0
    upper = country.upper()
    return (ord(upper[0]) << 8 | ord(upper[1])) & 0xFFFF


def document_hash(number: str) -> int:
    """The 64-bit hash a normalised document number is indexed under (0 if none)."""
    key = document_key(number)
    if not key:
        return 0
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def _years(dates: Iterable[str]) -> tuple[int, int]:
    years = []
    for value in dates:
        head = value[:4]
        if head.isdigit():
            years.append(int(head))
    return (min(years), max(years)) if years else (0, 0)


def name_keys(names: Iterable[NameAnalysis]) -> set[str]:
    """The comparison keys of the significant parts of these names."""
    keys: set[str] = set()
    for analysis in names:
        for part in analysis.significant():
            keys.update(part.keys)
    return keys


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the index stores of a person, worked out from its :class:`PersonData` (the
    dear part of adding it: the analysis of its names), ready to insert."""

    record_id: int
    version: int
    owner_id: int
    year_lo: int
    year_hi: int
    nationality: int
    name_parts: int  # significant parts of its shortest name (at most 255)
    keys: tuple[str, ...]  # the comparison keys of its names' parts
    documents: tuple[int, ...]  # the hashes of its document numbers
    payload: bytes


def prepare(person: PersonData) -> Prepared:
    """Analyse a person for :meth:`ScreeningIndex.insert` (a pure function of the
    person: a building index has it done by several processes)."""
    analyses = [analyze(text) for text, _ in person.names]
    parts = min((len(a.significant()) for a in analyses), default=0)
    payload = json.dumps(
        [
            person.external_id,
            person.gender,
            [[text, kind] for text, kind in person.names],
            list(person.birth_dates),
            list(person.nationalities),
            list(person.documents),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    lo, hi = _years(person.birth_dates)
    return Prepared(
        record_id=person.record_id,
        version=person.version,
        owner_id=person.owner_id,
        year_lo=lo,
        year_hi=hi,
        nationality=_nationality_code(person.nationalities[0] if person.nationalities else None),
        name_parts=min(parts, 255),
        keys=tuple(name_keys(analyses)),
        documents=tuple({h for h in (document_hash(n) for n in person.documents) if h}),
        payload=payload,
    )


class ScreeningIndex:
    """Persons by name key and document number, with a cheap pre-score.

    Thread-safe: every method takes the index's lock (the HTTP server answers from
    several threads while writes refresh the index).
    """

    def __init__(self, arrays: IndexArrays | None = None) -> None:
        self._lock = threading.RLock()
        self._added: dict[str, array[int]] = {}
        self._added_docs: dict[int, list[int]] = {}
        # A bitmap of the slots holding each common key (see `_holders`): the count of
        # its postings when made, and the bits (slot s is bit s % 8 of byte s // 8).
        self._bits: dict[str, tuple[int, npt.NDArray[np.uint8]]] = {}
        # Changes whenever what the index holds changes, unique in the process (a copy
        # made at one generation holds what the index holds until it changes).
        self.generation = next(_GENERATIONS)
        self._acc: npt.NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self._pos: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._load(arrays or _empty_arrays())

    def _load(self, a: IndexArrays) -> None:
        self._record_ids = _Column(np.int64, a.record_ids)
        self._versions = _Column(np.int64, a.versions)
        self._owner_ids = _Column(np.int32, a.owner_ids)
        self._year_lo = _Column(np.int16, a.year_lo)
        self._year_hi = _Column(np.int16, a.year_hi)
        self._nationality = _Column(np.uint16, a.nationality)
        self._name_parts = _Column(np.uint8, a.name_parts)
        self._payload_start = _Column(np.int64, a.payload_start)
        self._payload_length = _Column(np.int32, a.payload_length)
        self._payload = bytearray(a.payload)
        self._keys = {key: i for i, key in enumerate(a.keys)}
        self._key_starts = a.key_starts
        self._key_slots = a.key_slots
        self._doc_hashes = a.doc_hashes
        self._doc_slots = a.doc_slots
        self._added.clear()
        self._added_docs.clear()
        self._bits.clear()  # slots are renumbered
        self.generation = next(_GENERATIONS)
        rids = a.record_ids.tolist()
        self._slot_of: dict[int, int] = {rid: slot for slot, rid in enumerate(rids) if rid >= 0}

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._slot_of

    def versions(self) -> dict[int, int]:
        """The version of each person held, by record id."""
        with self._lock:
            held = self._versions.data
            return {rid: int(held[slot]) for rid, slot in self._slot_of.items()}

    # -- writing --------------------------------------------------------------------

    def upsert(self, entry: Entry) -> None:
        """Add a person, or replace what the index holds for it."""
        c = entry.candidate
        self.add(
            PersonData(
                record_id=entry.record_id,
                owner_id=entry.owner_id,
                external_id=entry.external_id,
                gender=c.gender,
                names=[(a.original, str(kind)) for a, kind in c.names],
                birth_dates=[str(d) for d in c.birth_dates],
                nationalities=list(c.nationalities),
                documents=list(c.documents),
            )
        )

    def add(self, person: PersonData) -> None:
        """Add a person, or replace what the index holds for it (no rebuild: the old
        slot is marked dead and a new one appended)."""
        self.insert(prepare(person))

    def insert(self, person: Prepared) -> None:
        """:meth:`add` for a person already :func:`prepare`-d (perhaps elsewhere)."""
        with self._lock:
            self._remove(person.record_id)
            self._append([person])

    def insert_many(self, persons: Sequence[Prepared]) -> None:
        """:meth:`insert` each person, in order (the same index results), a column at a
        time: how a build adds a chunk of persons."""
        ids = [p.record_id for p in persons]
        if len(set(ids)) < len(ids) or any(rid in self._slot_of for rid in ids):
            for person in persons:  # replacements: one at a time
                self.insert(person)
            return
        with self._lock:
            self._append(persons)

    def _append(self, persons: Sequence[Prepared]) -> None:
        """Give each person (none of them held) a new slot (the caller holds the lock)."""
        if not persons:
            return
        self.generation = next(_GENERATIONS)
        first = self._record_ids.size
        ids = [p.record_id for p in persons]
        self._record_ids.extend(ids)
        self._versions.extend([p.version for p in persons])
        self._owner_ids.extend([p.owner_id for p in persons])
        self._year_lo.extend([p.year_lo for p in persons])
        self._year_hi.extend([p.year_hi for p in persons])
        self._nationality.extend([p.nationality for p in persons])
        self._name_parts.extend([p.name_parts for p in persons])
        lengths = [len(p.payload) for p in persons]
        starts = np.cumsum([len(self._payload), *lengths[:-1]], dtype=np.int64)
        self._payload_start.extend(starts)
        self._payload_length.extend(lengths)
        self._payload += b"".join(p.payload for p in persons)
        self._slot_of.update(zip(ids, range(first, first + len(ids)), strict=True))
        added = self._added
        for slot, person in enumerate(persons, first):
            for key in person.keys:
                posting = added.get(key)
                if posting is None:
                    posting = added[key] = array("i")
                posting.append(slot)
                held = self._bits.get(key)
                if held is not None:
                    self._bits[key] = (held[0] + 1, _with_bit(held[1], slot))
            for h in person.documents:
                self._added_docs.setdefault(h, []).append(slot)

    def remove(self, record_id: int) -> None:
        """Forget a person (deleted, or about to be replaced). Its postings keep the dead
        slot until the next :meth:`freeze`; lookups skip it."""
        with self._lock:
            self._remove(record_id)

    def _remove(self, record_id: int) -> None:
        slot = self._slot_of.pop(record_id, None)
        if slot is not None:
            self._record_ids.data[slot] = -1
            self.generation = next(_GENERATIONS)

    # -- reading --------------------------------------------------------------------

    def _postings(self, key: str) -> list[Slots]:
        found: list[Slots] = []
        k = self._keys.get(key)
        if k is not None:
            found.append(self._key_slots[self._key_starts[k] : self._key_starts[k + 1]])
        added = self._added.get(key)
        if added:
            found.append(np.array(added, dtype=np.int32))
        return found

    def _document_slots(self, document: str | None) -> Slots:
        h = document_hash(document) if document else 0
        if not h:
            return np.zeros(0, dtype=np.int32)
        value = np.uint64(h)
        lo = int(np.searchsorted(self._doc_hashes, value, side="left"))
        hi = int(np.searchsorted(self._doc_hashes, value, side="right"))
        extra = self._added_docs.get(h, [])
        return np.concatenate([self._doc_slots[lo:hi], np.array(extra, dtype=np.int32)])

    def _scratch(self, size: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int32]]:
        if len(self._acc) < size:
            grown = max(size + size // 4, 1024)
            self._acc = np.zeros(grown, dtype=np.float32)
            self._pos = np.zeros(grown, dtype=np.int32)
        return self._acc, self._pos

    def _key_bits(self, key: str, size: int) -> npt.NDArray[np.uint8]:
        """The bitmap of the slots holding ``key``, covering at least ``size`` slots:
        made when a common key is first needed, then kept up to date by :meth:`add`
        (a lookup per candidate instead of a binary search in a long posting list)."""
        k = self._keys.get(key)
        count = len(self._added.get(key, ())) + (
            int(self._key_starts[k + 1] - self._key_starts[k]) if k is not None else 0
        )
        held = self._bits.get(key)
        if held is None or held[0] != count:
            flags = np.zeros(size, dtype=bool)
            for posting in self._postings(key):  # copied only when the bitmap is made
                flags[posting] = True
            held = (count, np.packbits(flags, bitorder="little"))
        bits = held[1]
        if len(bits) * 8 < size:  # persons added since, without the key
            bits = np.concatenate([bits, np.zeros((size + 7) // 8 - len(bits), dtype=np.uint8)])
        self._bits[key] = (count, bits)
        return bits

    def rank(
        self,
        query: NameAnalysis,
        *,
        document: str | None = None,
        birth_year: int | None = None,
        nationality: str | None = None,
        limit: int = MAX_POOL,
    ) -> list[int]:
        """The record ids of the persons that share a name key or the document number
        with the query, best pre-score first (ties: the shorter name, then the earlier
        added first), at most
        ``limit``. See the module's docstring for the pre-score."""
        parts: dict[frozenset[str], NamePart] = {}
        for part in query.significant():
            parts.setdefault(part.keys, part)
        with self._lock:
            size = self._record_ids.size
            found: list[tuple[int, float, list[Slots], frozenset[str]]] = []
            for keys, part in parts.items():
                postings = [p for key in sorted(keys) for p in self._postings(key) if len(p)]
                if postings:
                    count = sum(len(p) for p in postings)
                    found.append((count, term_weight(part), postings, keys))
            found.sort(key=lambda item: item[0])
            drivers = [item for item in found if item[0] <= COMMON_PART] or found[:1]
            common = found[len(drivers) :]
            doc_slots = self._document_slots(document)
            acc, pos = self._scratch(size)
            runs: list[Slots] = []
            for _, weight, postings, _ in drivers:
                slots = postings[0] if len(postings) == 1 else np.concatenate(postings)
                acc[slots] += weight  # repeated slots within one part count once
                runs.append(slots)
            if len(doc_slots):
                runs.append(doc_slots)
            if not runs:
                return []
            touched = runs[0] if len(runs) == 1 else np.concatenate(runs)
            order = np.arange(len(touched), dtype=np.int32)
            pos[touched] = order
            distinct = touched[pos[touched] == order]
            scores = acc[distinct].astype(np.float64)
            acc[touched] = 0.0
            if common:  # counted, not used to find
                byte = distinct >> 3
                bit = (distinct & 7).astype(np.uint8)
                for _, weight, _, keys in common:
                    member = np.zeros(len(distinct), dtype=np.uint8)
                    for key in keys:
                        if key in self._keys or key in self._added:
                            member |= self._key_bits(key, size)[byte]
                    scores += weight * ((member >> bit) & 1)
            if len(doc_slots):
                scores[np.isin(distinct, doc_slots)] += DOCUMENT_BONUS
            if birth_year:
                lo = self._year_lo.view()[distinct].astype(np.int32)
                hi = self._year_hi.view()[distinct].astype(np.int32)
                known = lo > 0
                near = known & (lo - 1 <= birth_year) & (birth_year <= hi + 1)
                scores += BIRTH_YEAR_BONUS * near - BIRTH_YEAR_PENALTY * (known & ~near)
            code = _nationality_code(nationality)
            if code:
                scores += NATIONALITY_BONUS * (self._nationality.view()[distinct] == code)
            if len(self._slot_of) < self._record_ids.size:  # dead slots are left out
                alive = self._record_ids.view()[distinct] >= 0
                distinct, scores = distinct[alive], scores[alive]
            # Best pre-score first; among equal ones the shorter name (fewer parts
            # left unexplained: *Naim* before *Edmond Naim* for the query *Naim*),
            # then the earlier slot: one integer key.
            lengths = self._name_parts.view()[distinct].astype(np.int64)
            key = (-np.round(scores * 1000).astype(np.int64) << 40) + (lengths << 32) + distinct
            if len(key) > limit:
                key = key[np.argpartition(key, limit - 1)[:limit]]
            key.sort()
            chosen = (key & 0xFFFFFFFF).astype(np.int64)
            ids: list[int] = self._record_ids.data[chosen].tolist()
            return ids

    def entry(self, record_id: int) -> Entry | None:
        """What the index holds for a person, ready to score (``None`` if absent)."""
        with self._lock:
            slot = self._slot_of.get(record_id)
            if slot is None:
                return None
            start = int(self._payload_start.data[slot])
            raw = bytes(self._payload[start : start + int(self._payload_length.data[slot])])
            owner = int(self._owner_ids.data[slot])
        external_id, gender, names, dates, nationalities, documents = json.loads(raw)
        return Entry(
            record_id,
            owner,
            external_id,
            Candidate(
                names=[(analyze(text), NameKind(kind)) for text, kind in names],
                birth_dates=[PartialDate.parse(d) for d in dates],
                nationalities=nationalities,
                gender=gender,
                documents=documents,
            ),
        )

    def candidates(self, query: NameAnalysis, document: str | None = None) -> list[Entry]:
        """The persons most likely to be the query's, best pre-score first, at most
        ``MAX_CANDIDATES`` (no rules: for tools that index public lists, such as the
        accuracy benchmark)."""
        out = []
        for rid in self.rank(query, document=document, limit=MAX_CANDIDATES):
            entry = self.entry(rid)
            if entry is not None:
                out.append(entry)
        return out

    # -- compaction and snapshots ---------------------------------------------------

    def freeze(self) -> IndexArrays:
        """Merge what was added since the last freeze into the frozen arrays, dropping
        dead slots (slots are renumbered), and return the arrays (what a snapshot
        holds). Takes about a second a million persons."""
        with self._lock:
            rids = self._record_ids.view()
            alive = rids >= 0
            remap = (np.cumsum(alive, dtype=np.int64) - 1).astype(np.int32)
            remap[~alive] = -1
            all_alive = bool(alive.all())
            keys: list[str] = []
            runs: list[Slots] = []
            for key in sorted(self._keys.keys() | self._added.keys()):
                parts = self._postings(key)
                slots = parts[0] if len(parts) == 1 else np.concatenate(parts)
                if not all_alive:
                    slots = remap[slots]
                    slots = slots[slots >= 0]
                if len(slots):
                    keys.append(key)
                    runs.append(slots.astype(np.int32, copy=False))
            starts = np.zeros(len(runs) + 1, dtype=np.int64)
            if runs:
                np.cumsum([len(r) for r in runs], out=starts[1:])
            key_slots = np.concatenate(runs) if runs else np.zeros(0, dtype=np.int32)
            extra = [(h, s) for h, slots in self._added_docs.items() for s in slots]
            hashes = np.concatenate(
                [self._doc_hashes, np.array([h for h, _ in extra], dtype=np.uint64)]
            )
            doc_slots = np.concatenate(
                [self._doc_slots, np.array([s for _, s in extra], dtype=np.int32)]
            )
            if not all_alive:
                doc_slots = remap[doc_slots]
                keep = doc_slots >= 0
                hashes, doc_slots = hashes[keep], doc_slots[keep]
            order = np.lexsort((doc_slots, hashes))
            starts_p = self._payload_start.view()
            lengths = self._payload_length.view()
            if all_alive:
                payload = bytes(self._payload)
                new_starts = starts_p.copy()
            else:
                chunks = [
                    self._payload[int(s) : int(s) + int(n)]
                    for s, n in zip(starts_p[alive], lengths[alive], strict=True)
                ]
                payload = b"".join(chunks)
                new_starts = np.zeros(int(alive.sum()), dtype=np.int64)
                if len(new_starts) > 1:
                    np.cumsum(lengths[alive][:-1], out=new_starts[1:])
            arrays = IndexArrays(
                record_ids=rids[alive].copy(),
                versions=self._versions.view()[alive].copy(),
                owner_ids=self._owner_ids.view()[alive].copy(),
                year_lo=self._year_lo.view()[alive].copy(),
                year_hi=self._year_hi.view()[alive].copy(),
                nationality=self._nationality.view()[alive].copy(),
                name_parts=self._name_parts.view()[alive].copy(),
                payload_start=new_starts,
                payload_length=lengths[alive].copy(),
                payload=payload,
                keys=keys,
                key_starts=starts,
                key_slots=key_slots,
                doc_hashes=hashes[order],
                doc_slots=doc_slots[order],
            )
            self._load(arrays)
            return arrays


def _with_bit(bits: npt.NDArray[np.uint8], slot: int) -> npt.NDArray[np.uint8]:
    """``bits`` with the bit of ``slot`` set (grown, by a quarter at least, if short)."""
    byte = slot >> 3
    if byte >= len(bits):
        grown = max(byte + 1 - len(bits), len(bits) // 4 + 1)
        bits = np.concatenate([bits, np.zeros(grown, dtype=np.uint8)])
    bits[byte] |= np.uint8(1 << (slot & 7))
    return bits


def _empty_arrays() -> IndexArrays:
    return IndexArrays(
        record_ids=np.zeros(0, dtype=np.int64),
        versions=np.zeros(0, dtype=np.int64),
        owner_ids=np.zeros(0, dtype=np.int32),
        year_lo=np.zeros(0, dtype=np.int16),
        year_hi=np.zeros(0, dtype=np.int16),
        nationality=np.zeros(0, dtype=np.uint16),
        name_parts=np.zeros(0, dtype=np.uint8),
        payload_start=np.zeros(0, dtype=np.int64),
        payload_length=np.zeros(0, dtype=np.int32),
        payload=b"",
        keys=[],
        key_starts=np.zeros(1, dtype=np.int64),
        key_slots=np.zeros(0, dtype=np.int32),
        doc_hashes=np.zeros(0, dtype=np.uint64),
        doc_slots=np.zeros(0, dtype=np.int32),
    )
