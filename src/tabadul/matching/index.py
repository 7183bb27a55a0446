"""The in-memory candidate index for screening.

Built from the store, kept current on every write (one record at a time: no rebuild),
and cheap to query: a query's name parts are looked up by their comparison keys
(spellings of one name in any script share a key), rarest keys first, and only the
persons found that way are scored. Travel-document numbers are an exact lookup on
their normalised form.

The index holds no rule: who may see a candidate is decided by the policy layer before
anything is scored (see :mod:`tabadul.service.screening`).
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from tabadul.matching.features import document_key
from tabadul.matching.scoring import Candidate
from tabadul.names import NameAnalysis

__all__ = ["Entry", "ScreeningIndex"]

# A key shared by more persons than this is too common to find candidates by alone
# (e.g. "mohamed"); it is used only when the query has no rarer key.
COMMON_KEY = 20_000
MAX_CANDIDATES = 60


@dataclass(slots=True)
class Entry:
    record_id: int
    owner_id: int
    external_id: str
    candidate: Candidate


class ScreeningIndex:
    def __init__(self) -> None:
        self._entries: list[Entry | None] = []
        self._slot_of: dict[int, int] = {}
        self._postings: dict[str, array[int]] = {}
        self._documents: dict[str, array[int]] = {}

    def __len__(self) -> int:
        return len(self._slot_of)

    def upsert(self, entry: Entry) -> None:
        """Add a person, or replace what the index holds for it."""
        self.remove(entry.record_id)
        slot = len(self._entries)
        self._entries.append(entry)
        self._slot_of[entry.record_id] = slot
        for key in _keys(a for a, _ in entry.candidate.names):
            self._postings.setdefault(key, array("i")).append(slot)
        for number in entry.candidate.documents:
            normalized = document_key(number)
            if normalized:
                self._documents.setdefault(normalized, array("i")).append(slot)

    def remove(self, record_id: int) -> None:
        """Forget a person (deleted, or about to be replaced). Postings keep the dead
        slot; lookups skip it."""
        slot = self._slot_of.pop(record_id, None)
        if slot is not None:
            self._entries[slot] = None

    def candidates(self, query: NameAnalysis, document: str | None = None) -> list[Entry]:
        """The persons most likely to be the query's: those sharing the most, and the
        rarest, name keys with it (each key counts by how rare it is), at most
        ``MAX_CANDIDATES``; and always any person holding the query's document number."""
        found: dict[int, float] = {}
        if document:
            for slot in self._documents.get(document_key(document), ()):
                found[slot] = float("inf")
        postings = sorted(
            (self._postings[key] for key in _keys([query]) if key in self._postings), key=len
        )
        total = max(1, len(self._slot_of))
        for rank, posting in enumerate(postings):
            if rank > 0 and len(posting) > COMMON_KEY:
                break  # a very common key adds nothing the rarer ones did not find
            weight = math.log(1 + total / len(posting))
            for slot in posting:
                found[slot] = found.get(slot, 0.0) + weight
        best = heapq.nlargest(MAX_CANDIDATES, found.items(), key=lambda item: item[1])
        out = []
        for slot, _ in best:
            entry = self._entries[slot]
            if entry is not None:
                out.append(entry)
        return out


def _keys(names: Iterable[NameAnalysis]) -> set[str]:
    keys: set[str] = set()
    for analysis in names:
        for part in analysis.significant():
            keys.update(part.keys)
    return keys
