"""The variant dictionary and the name-part frequencies the package ships.

Both are built by ``scripts/build_name_resources.py`` from public data (see
``THIRD_PARTY_NOTICES.md`` and ``data/manifest.json``) and loaded once, on first use:

``data/variants.tsv.gz``
    one Arabic word (folded, compounds without their space: ``عبدالقادر``) a line, with
    the Latin spellings seen for it in the sources, most frequent first, each with its
    count: ``يوسف<TAB>youssef:57 yusuf:41 youcef:12 ...``. Only pairs that the spelling
    rules find plausible are kept, so that alignment noise does not become a variant.
``data/frequencies.tsv.gz``
    how many names of a reference list of person names contain a part with each
    comparison key; its first line is ``#total<TAB>N``.

:func:`use` swaps in another dictionary (the build script measures with one built
without the held-out data) and clears every cache that depends on it.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = [
    "NameDictionary",
    "active",
    "load_shipped",
    "on_change",
    "read_frequencies",
    "read_variants",
    "use",
]

VARIANTS_FILE = "variants.tsv.gz"
USUAL_SHARE = 100  # a usual spelling has one sighting in USUAL_SHARE of the word's
USUAL_COUNT = 20  # ... or this many
FREQUENCIES_FILE = "frequencies.tsv.gz"


@dataclass(slots=True)
class NameDictionary:
    """Known spellings and part frequencies.

    ``spellings`` maps an Arabic word to its Latin spellings (letters only, most frequent
    first); ``counts`` gives each spelling's count in the same order. ``frequencies`` maps
    a comparison key to the number of reference names containing it, ``total`` is the
    number of reference names.
    """

    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    counts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    frequencies: dict[str, int] = field(default_factory=dict)
    total: int = 0
    _sources: dict[str, tuple[str, ...]] | None = None
    _latin_evidence: dict[str, int] | None = None
    _top_frequency: int = 0

    def spellings_of(self, arabic: str) -> tuple[str, ...]:
        """Known Latin spellings of a folded Arabic word (empty when unknown)."""
        return self.spellings.get(arabic, ())

    def sources_of(self, latin: str) -> tuple[str, ...]:
        """The Arabic words a Latin spelling (letters only) is a usual spelling of: one
        sighting in a hundred of the word at least (or twenty sightings), so that a
        rare spelling (*Amar* for عمر, usually عمار) does not make two names one."""
        if self._sources is None:
            self._index_latin()
        assert self._sources is not None
        return self._sources.get(latin, ())

    def arabic_evidence(self, arabic: str) -> int:
        """How many sightings the sources have of this Arabic word with any spelling."""
        return sum(self.counts.get(arabic, ()))

    def latin_evidence(self, latin: str) -> int:
        """How many sightings the sources have of this Latin spelling for any word."""
        if self._latin_evidence is None:
            self._index_latin()
        assert self._latin_evidence is not None
        return self._latin_evidence.get(latin, 0)

    def _index_latin(self) -> None:
        sources: dict[str, list[str]] = {}
        evidence: dict[str, int] = {}
        for arabic, latins in self.spellings.items():
            counts = self.counts[arabic]
            total = sum(counts)
            for latin_form, count in zip(latins, counts, strict=True):
                if count * USUAL_SHARE >= total or count >= USUAL_COUNT:
                    sources.setdefault(latin_form, []).append(arabic)
                evidence[latin_form] = evidence.get(latin_form, 0) + count
        self._sources = {k: tuple(v) for k, v in sources.items()}
        self._latin_evidence = evidence

    def best_spelling(self, arabic: str) -> str | None:
        """The most frequent known Latin spelling of a folded Arabic word."""
        found = self.spellings.get(arabic)
        return found[0] if found else None

    def weight(self, frequency: int) -> float:
        """IDF-like weight in [0.1, 1] of a part whose key occurs in ``frequency``
        reference names: 1 for names seen ten times or fewer, falling linearly in
        log-frequency to 0.1 for the most frequent key (*Mohamed*)."""
        if frequency <= 10 or not self.frequencies:
            return 1.0
        if not self._top_frequency:
            self._top_frequency = max(self.frequencies.values())
        top = math.log(self._top_frequency + 1) - math.log(11)
        if top <= 0:
            return 1.0
        share = (math.log(frequency + 1) - math.log(11)) / top
        return round(max(0.1, min(1.0, 1.0 - 0.9 * share)), 3)


def read_variants(
    lines: Iterable[str],
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[int, ...]]]:
    """Parse ``variants.tsv`` lines (format in the module docstring)."""
    spellings: dict[str, tuple[str, ...]] = {}
    counts: dict[str, tuple[int, ...]] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        arabic, _, rest = line.rstrip("\n").partition("\t")
        names: list[str] = []
        numbers: list[int] = []
        for item in rest.split():
            latin, _, count = item.partition(":")
            names.append(latin)
            numbers.append(int(count or 1))
        spellings[arabic] = tuple(names)
        counts[arabic] = tuple(numbers)
    return spellings, counts


def read_frequencies(lines: Iterable[str]) -> tuple[dict[str, int], int]:
    """Parse ``frequencies.tsv`` lines (format in the module docstring)."""
    frequencies: dict[str, int] = {}
    total = 0
    for line in lines:
        key, _, count = line.rstrip("\n").partition("\t")
        if not key:
            continue
        if key == "#total":
            total = int(count)
        elif not key.startswith("#"):
            frequencies[key] = int(count)
    return frequencies, total


def _read_lines(name: str) -> list[str]:
    data = resources.files("tabadul.names").joinpath("data", name)
    try:
        raw = data.read_bytes()
    except FileNotFoundError:
        return []
    return gzip.decompress(raw).decode("utf-8").splitlines()


@lru_cache(maxsize=1)
def load_shipped() -> NameDictionary:
    """The dictionary in the package's ``data`` folder (empty if it is missing)."""
    spellings, counts = read_variants(_read_lines(VARIANTS_FILE))
    frequencies, total = read_frequencies(_read_lines(FREQUENCIES_FILE))
    return NameDictionary(spellings, counts, frequencies, total)


_override: list[NameDictionary] = []
_listeners: list[Callable[[], None]] = []


def active() -> NameDictionary:
    """The dictionary analysis uses now."""
    return _override[-1] if _override else load_shipped()


def use(dictionary: NameDictionary | None) -> None:
    """Analyse with ``dictionary`` from now on (``None``: the shipped one again)."""
    _override.clear()
    if dictionary is not None:
        _override.append(dictionary)
    for listener in _listeners:
        listener()


def on_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` (a cache clear) whenever :func:`use` swaps the dictionary."""
    _listeners.append(listener)
