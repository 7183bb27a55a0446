"""Name analysis: from a name as typed to parts that compare across scripts.

:func:`analyze` cuts a name into :class:`NamePart` objects (structure: see
:mod:`tabadul.names._particles`) and gives each part its comparison **keys**: the
consonant skeletons of its readings (:mod:`tabadul.names._latin`,
:mod:`tabadul.names._arabic`) and of the spellings the variant dictionary knows for it
(:mod:`tabadul.names._dictionary`). Two spellings of one name, in any script, share a
key; a shared key is a *candidate* for the same name, which :func:`part_similarity`
then decides on the vowels, so an index can look candidates up by key and score only
those.

Results are cached per part (and per whole name), so analysing a million names at index
time costs what their distinct words cost.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType

from rapidfuzz.distance import JaroWinkler

from tabadul.domain.enums import Script
from tabadul.names import _dictionary
from tabadul.names._arabic import ARTICLE, arabic_shapes, fold_arabic, romanize_word
from tabadul.names._latin import (
    Shape,
    compatible,
    latin_shapes,
    parse,
    skeleton_similarity,
)
from tabadul.names._particles import (
    GIVEN_TITLES,
    PartSpec,
    canonical_letters,
    invert,
    structure_and_title,
)
from tabadul.names.normalize import fold
from tabadul.names.script import detect_script

__all__ = [
    "NameAnalysis",
    "NamePart",
    "analyze",
    "compare_parts",
    "compare_parts_from",
    "part_similarity",
    "romanize",
    "sound_similarity",
    "surface_similarity",
    "term_weight",
]

_NOT_SIGNIFICANT = frozenset({"connector", "article", "kunya_marker", "honorific"})


@dataclass(frozen=True, slots=True)
class NamePart:
    """One part of a name.

    ``text`` is the part as written (Arabic diacritics and invisible marks removed;
    a compound keeps its words: ``Abd al Qadir``), ``folded`` its
    :func:`~tabadul.names.normalize.fold`. ``keys`` are comparison keys (consonant
    skeletons such as ``ysf`` for *Youcef*, *Yusuf* and *يوسف*; ``~ben`` for every
    spelling of the connector *ben*; ``=`` and the folded text for a part with no
    consonant or in another script): two spellings of the same name share at least one.
    ``kind`` is ``name``, ``compound`` (*Abdelkader*, *Noureddine*), ``kunya`` (*Abou
    Bakr*), ``connector`` (*ben*, *ould*, *ag*), ``article`` (a lone *al*/*el*),
    ``kunya_marker`` (a lone *Abu*), ``honorific`` (*Hajj*). ``particle`` is true for
    connectors, articles and lone kunya markers.

    ``shapes``, ``form``, ``known`` and ``evidence`` are what :func:`part_similarity`
    compares: the readings by key, the form the variant dictionary knows the part by,
    the spellings it knows for it (the Latin spellings of an Arabic part, the Arabic
    words a Latin part spells) and how often its sources saw it. ``weight`` is
    :func:`term_weight`, computed once.
    """

    text: str
    folded: str
    script: Script
    keys: frozenset[str]
    particle: bool
    kind: str
    shapes: Mapping[str, tuple[Shape, ...]] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )
    form: str = field(default="", repr=False, compare=False)
    known: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    evidence: int = field(default=0, repr=False, compare=False)
    weight: float = field(default=-1.0, repr=False, compare=False)
    # The hash the dataclass would compute, computed once: parts are looked up in the
    # caches for every pair of parts a screening scores.
    _hash: int = field(default=0, init=False, repr=False, compare=False)
    # What the part is equal by, as text: the key of the cache of compared pairs
    # (see `_PairCache`). Equal parts have equal idents and only they: repr of a tuple of
    # strings and a bool can be read back, so no two different parts write the same.
    ident: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        identity = (self.text, self.folded, self.script, self.keys, self.particle, self.kind)
        object.__setattr__(self, "_hash", hash(identity))
        key = (
            self.text,
            self.folded,
            self.script.value,
            tuple(sorted(self.keys)),
            self.particle,
            self.kind,
        )
        object.__setattr__(self, "ident", repr(key))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True, slots=True)
class NameAnalysis:
    """A name cut into parts: compounds merged (*عبد القادر* is one part), titles
    removed, *LAST, First* turned round."""

    original: str
    script: Script
    parts: tuple[NamePart, ...]
    titled: bool = False  # a word was left out as a title (see `structure_and_title`)
    # A name written *LAST, First Middle* says which parts are the family name and
    # which given name comes first: their positions among the significant parts
    # (empty and -1 for a name written without a comma, where the order says nothing
    # sure). Read by the screening scorer tabadul-v4.
    family: tuple[int, ...] = ()
    first_given: int = -1
    _significant: tuple[NamePart, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        significant = tuple(p for p in self.parts if p.kind not in _NOT_SIGNIFICANT)
        object.__setattr__(self, "_significant", significant)

    def significant(self) -> tuple[NamePart, ...]:
        """The parts that identify: not particles, not honorifics."""
        return self._significant


def analyze(name: str) -> NameAnalysis:
    """Analyse a full name in Arabic or Latin script (or both)."""
    return _analyze(name)


@lru_cache(maxsize=1 << 16)
def _analyze(name: str) -> NameAnalysis:
    specs, titled = structure_and_title(name)
    analysis = NameAnalysis(name, detect_script(name), tuple(_part(spec) for spec in specs), titled)
    inverted = invert(name)
    if inverted is None:
        return analysis
    family, first_given = _family_and_given(analysis.significant(), *inverted)
    return replace(analysis, family=family, first_given=first_given)


def _family_and_given(
    significant: tuple[NamePart, ...], family: str, given: str
) -> tuple[tuple[int, ...], int]:
    """The positions of a turned name's family name parts and of its first given name
    (passing over a title written as a name: GIVEN_TITLES) among its significant
    parts. Each side of the comma is analysed alone: a part that the whole name's
    analysis joins across the comma is not found, and is left out."""
    family_parts = _analyze(family).significant()
    found = tuple(i for i, p in enumerate(significant) if p in family_parts)
    given_parts = [p for p in _analyze(given).significant() if p.folded.lower() not in GIVEN_TITLES]
    first = -1
    if given_parts:
        first = next(
            (i for i, p in enumerate(significant) if p == given_parts[0] and i not in found), -1
        )
    return found, first


@lru_cache(maxsize=1 << 18)
def _latin_key(latin: str) -> str:
    shape = parse(latin)
    return shape.key if shape else ""


@lru_cache(maxsize=1 << 18)
def _arabic_primary_key(arabic: str) -> str:
    """The key of an Arabic word's most frequent spelling (its reading if none)."""
    best = _dictionary.active().best_spelling(arabic)
    if best:
        return _latin_key(best)
    shapes = arabic_shapes((arabic,))
    return shapes[0].key if shapes else ""


def _scaled(shapes: tuple[Shape, ...], factor: float) -> tuple[Shape, ...]:
    return tuple(
        Shape(s.key, s.gaps, s.ending, s.arabic, round(s.quality * factor, 3)) for s in shapes
    )


def _by_key(shapes: tuple[Shape, ...]) -> Mapping[str, tuple[Shape, ...]]:
    grouped: dict[str, list[Shape]] = {}
    seen: set[tuple[str, tuple[int, ...], int]] = set()
    for shape in sorted(shapes, key=lambda s: -s.quality):
        ident = (shape.key, shape.gaps, shape.ending)
        if ident not in seen:
            seen.add(ident)
            grouped.setdefault(shape.key, []).append(shape)
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


@lru_cache(maxsize=1 << 18)
def _part(spec: PartSpec) -> NamePart:
    folded = fold(spec.text)
    if spec.particle:
        group = frozenset({"~" + spec.group})
        return NamePart(spec.text, folded, spec.script, group, True, spec.kind, weight=0.1)
    dictionary = _dictionary.active()
    keys: set[str] = set()
    if spec.script is Script.ARABIC:
        shapes = arabic_shapes(spec.segments)
        segment = spec.segments[0] if len(spec.segments) == 1 else ""
        if spec.kind == "name" and fold_arabic(segment).startswith("بن") and len(segment) >= 5:
            shapes += _scaled(arabic_shapes((segment[2:],)), 0.9)
        forms = [spec.form]
        if spec.form.startswith(ARTICLE) and len(spec.form) > 3:
            forms.append(spec.form[2:])
        known = frozenset(v for f in forms for v in dictionary.spellings_of(f))
        keys.update(_latin_key(v) for v in known)
        evidence = dictionary.arabic_evidence(spec.form)
    elif spec.script is Script.LATIN:
        shapes = latin_shapes(spec.letters)
        if spec.form != spec.letters and spec.form:
            shapes += _scaled(latin_shapes(spec.form), 0.95)  # as written: Noureddine
        if spec.kind == "name" and spec.letters[:3] in ("ben", "bin") and len(spec.letters) > 5:
            shapes += _scaled(latin_shapes(canonical_letters(spec.letters[3:])), 0.9)
        sources = {*dictionary.sources_of(spec.form), *dictionary.sources_of(spec.letters)}
        keys.update(_arabic_primary_key(a) for a in sources)
        # the words and their stems: Shaykh (الشيخ) and Cheikh (شيخ) spell one name
        known = frozenset(sources | {_stem(a) for a in sources})
        evidence = dictionary.latin_evidence(spec.form)
    else:
        shapes = ()
        known = frozenset()
        evidence = 0
    keys.update(s.key for s in shapes)
    keys.discard("")
    if not shapes:
        keys.add("=" + folded)  # no consonant to read (Aoi): the spelling itself
    return NamePart(
        spec.text,
        folded,
        spec.script,
        frozenset(keys),
        False,
        spec.kind,
        _by_key(shapes),
        spec.form,
        known,
        evidence,
        _weight(spec.kind, keys),
    )


def _weight(kind: str, keys: Iterable[str]) -> float:
    if kind in _NOT_SIGNIFICANT:
        return 0.1
    dictionary = _dictionary.active()
    frequency = max((dictionary.frequencies.get(k, 0) for k in keys), default=0)
    return dictionary.weight(frequency)


def _stem(arabic: str) -> str:
    return arabic[2:] if arabic.startswith(ARTICLE) and len(arabic) > 3 else arabic


_MAX_FORMS = 24


def surface_similarity(a: NamePart, b: NamePart) -> float:
    """How alike two parts *look* once both are in Latin letters, in [0, 1]
    (Jaro-Winkler, rapidfuzz): a Latin part as written (folded), an Arabic part as any
    spelling the dictionary knows for it (else its rule romanisation). Rules that find
    *Berriche* and *Bourtchai* one name (the same consonant skeleton) say nothing about
    how far apart the spellings are; this does (0.65, against 0.89 for *Triki* /
    *Treki*). Cached per pair of parts."""
    return _surface(a, b)


@lru_cache(maxsize=1 << 18)
def _surface(a: NamePart, b: NamePart) -> float:
    return max(
        JaroWinkler.normalized_similarity(x, y) for x in _latin_forms(a) for y in _latin_forms(b)
    )


def sound_similarity(a: NamePart, b: NamePart) -> float:
    """:func:`surface_similarity` once both spellings are brought to one convention
    (:func:`_sound_forms`): French and English spellings of one Arabic name read alike
    (*Hermouche* / *هرموش* read *haramush*: 0.75 as written, 0.94 so; *Kerchouche*
    0.69 and 0.95), and an article written on one side only is passed over
    (*الادنداني* / *Adendani*). The screening scorer tabadul-v4 reads it; cached per
    pair of parts."""
    return _sounds(a, b)


@lru_cache(maxsize=1 << 18)
def _sounds(a: NamePart, b: NamePart) -> float:
    return max(
        JaroWinkler.normalized_similarity(x, y) for x in _sound_forms(a) for y in _sound_forms(b)
    )


# Spellings that differ only by convention, brought to one (in this order: "ou" before
# "o", "tch" before "ch"); then doubled letters are written once.
_SOUND_SPELLINGS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("dj", "j"),
    ("tch", "sh"),
    ("ch", "sh"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("v", "f"),
    ("e", "a"),
    ("o", "u"),
    ("y", "i"),
    ("w", "u"),
)
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def _sound_forms(part: NamePart) -> tuple[str, ...]:
    forms: set[str] = set()
    for form in _latin_forms(part):
        for spelling, sound in _SOUND_SPELLINGS:
            form = form.replace(spelling, sound)
        form = _DOUBLED.sub(r"\1", form)
        forms.add(form)
        if form.startswith("al") and len(form) > 5:
            forms.add(form[2:])
    return tuple(sorted(forms))


@lru_cache(maxsize=1 << 16)
def _latin_forms(part: NamePart) -> tuple[str, ...]:
    if part.script is Script.ARABIC:
        forms = sorted(part.known)[:_MAX_FORMS] or [romanize_word(part.text)]
    else:
        forms = [part.folded]
    return tuple(f.lower().replace(" ", "").replace("-", "") for f in forms)


def _clear() -> None:
    _surface.cache_clear()
    _latin_forms.cache_clear()
    compare_parts.cache_clear()
    _compared_from.cache_clear()
    _leading_keys.cache_clear()
    _analyze.cache_clear()
    _part.cache_clear()
    _latin_key.cache_clear()
    _arabic_primary_key.cache_clear()


_dictionary.on_change(_clear)


def term_weight(part: NamePart) -> float:
    """How much agreement on this part says, in [0.1, 1]: 0.1 for particles and
    honorifics and for the commonest names (*Mohamed*), 1 for names seen ten times or
    fewer in the reference list (and for names it does not have)."""
    if part.weight >= 0:
        return part.weight
    return _weight(part.kind, part.keys)


_SAME_CONSONANTS = 0.7
_CONTRADICTED = 0.8
_PARTIAL_CAP = 0.85
_PARTIAL_FLOOR = 0.6


def part_similarity(a: NamePart, b: NamePart) -> tuple[float, str]:
    """How far two parts are the same name, with the one-line reason an officer reads.

    - 1.0: the same spelling, a spelling the variant dictionary knows for the other
      part, or the same consonants with vowels that agree by the transliteration rules;
      a little less (0.9-0.95) when that needs a less likely reading (an article taken
      off, ``ج`` read as Egyptian *g*);
    - 0.7: the same consonants but vowels that disagree (*Said* / *Saad*, *Karim* /
      *Karima*);
    - 0.5-0.85: close spellings (edit distance on the consonant skeletons);
    - 0 otherwise.

    Results are cached per pair of parts.
    """
    similarity, reason, _ = compare_parts(a, b)
    return similarity, reason


BASES = ("same", "known", "rules", "less_usual", "contradicted", "vowels", "close", "none")


@lru_cache(maxsize=1 << 18)
def compare_parts(a: NamePart, b: NamePart) -> tuple[float, str, str]:
    """:func:`part_similarity` with the basis of the answer, one of :data:`BASES`:
    ``same`` spelling; ``known`` to the variant dictionary; ``rules`` (the transliteration
    rules alone) or ``less_usual`` (the rules, by a less likely reading); ``contradicted``
    (the rules agree, but the dictionary knows the spellings as other names); ``vowels``
    (same consonants, vowels disagree); ``close`` (edit distance); ``none``.

    Cached per pair of parts (the cache itself is the function)."""
    return _compare(a, b, _PARTIAL_FLOOR)


class _PairCache:
    """Comparisons of pairs of parts kept by the parts' :attr:`NamePart.ident`, text,
    rather than by the parts, as ``functools.lru_cache`` would: a key made of strings
    and a float holds nothing the garbage collector follows (CPython stops tracking
    such a tuple), so the cache, however full, adds nothing to a full collection. Keyed
    by the parts, its quarter of a million keys were most of what a warm server's full
    collections walked: pauses of 0.3 to 0.6 s that grew as the server warmed, every few
    seconds at 100 screenings a second (bench/README.md, seventh round). When full, the
    oldest entry leaves first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._kept: OrderedDict[tuple[str, str, float], tuple[float, str, str]] = OrderedDict()

    def get(self, key: tuple[str, str, float]) -> tuple[float, str, str] | None:
        return self._kept.get(key)

    def put(self, key: tuple[str, str, float], value: tuple[float, str, str]) -> None:
        kept = self._kept
        if len(kept) >= self._size:
            with suppress(KeyError):  # emptied meanwhile by another thread
                kept.popitem(last=False)
        kept[key] = value

    def cache_clear(self) -> None:
        self._kept.clear()


_compared_from = _PairCache(1 << 18)


def compare_parts_from(a: NamePart, b: NamePart, floor: float) -> tuple[float, str, str]:
    """:func:`compare_parts` for a caller that keeps only pairs of similarity ``floor``
    or more (an alignment of two names): the same answer for those; for any other pair,
    an answer below ``floor``, found sooner. Most pairs of parts of two names are
    different names, and for them the close-spelling measure, the dearest step, is
    skipped wherever its bounds show it cannot reach ``floor``. Cached per pair
    (:class:`_PairCache`)."""
    key = (a.ident, b.ident, floor)
    found = _compared_from.get(key)
    if found is None:
        # a close spelling scores round(_PARTIAL_CAP * closeness, 2)
        found = _compare(a, b, max(_PARTIAL_FLOOR, (floor - 0.005) / _PARTIAL_CAP))
        _compared_from.put(key, found)
    return found


def _compare(a: NamePart, b: NamePart, close_from: float) -> tuple[float, str, str]:
    """:func:`compare_parts`, exact when the answer's similarity comes from a closeness
    of ``close_from`` or more (else the pair may be called different names)."""
    if a.particle or b.particle:
        if a.particle and b.particle and not a.keys.isdisjoint(b.keys):
            return 1.0, f"{a.text} ~ {b.text}: same particle", "same"
        return 0.0, f"{a.text} ≠ {b.text}: not the same particle", "none"
    if a.script is b.script and (a.folded == b.folded or (a.form and a.form == b.form)):
        return 1.0, f"{a.text} = {b.text}: same spelling", "same"
    known = _known(a, b)
    if known:
        return 1.0, f"{a.text} ~ {b.text}: same name ({known})", "known"
    best = 0.0
    conflict = False
    for key in a.shapes.keys() & b.shapes.keys():
        for sa in a.shapes[key]:
            for sb in b.shapes[key]:
                quality = min(sa.quality, sb.quality)
                if quality <= best:
                    continue
                agree = compatible(sa, sb)
                if agree:
                    best = max(best, round(quality * agree, 3))
                else:
                    conflict = True
    if best:
        usual = _usually_other(a, b) if best >= 1.0 else ""
        if usual:
            score = min(best, _CONTRADICTED)
            return score, f"{a.text} ~ {b.text}: possible spelling, but {usual}", "contradicted"
        how = "Arabic spelling" if a.script is not b.script else "spelling variants"
        if best < 1.0:
            return (
                best,
                f"{a.text} ~ {b.text}: same name ({how}, less usual reading)",
                "less_usual",
            )
        return best, f"{a.text} ~ {b.text}: same name ({how})", "rules"
    if conflict:
        return (
            _SAME_CONSONANTS,
            f"{a.text} ~ {b.text}: same consonants, different vowels",
            "vowels",
        )
    close = _closeness(a, b, close_from)
    if close >= _PARTIAL_FLOOR:
        score = round(_PARTIAL_CAP * close, 2)
        return score, f"{a.text} ~ {b.text}: close spelling ({score:.2f})", "close"
    return 0.0, f"{a.text} ≠ {b.text}: different names", "none"


def _known(a: NamePart, b: NamePart) -> str:
    """Why the dictionary says the two are one name ('' if it does not)."""
    if a.script is Script.ARABIC and b.script is Script.LATIN:
        a, b = b, a
    if a.script is Script.LATIN and b.script is Script.ARABIC:
        if a.form in b.known or b.form in a.known or _stem(b.form) in a.known:
            return "known spelling"
        return ""
    if a.script is Script.LATIN and b.script is Script.LATIN:
        shared = a.known & b.known
        if shared:
            return f"both spell {min(shared)}"
    return ""


# Sightings from which the dictionary's silence about a pair means something.
_WELL_KNOWN_ARABIC = 20
_WELL_KNOWN_LATIN = 5


def _usually_other(a: NamePart, b: NamePart) -> str:
    """When the rules accept a pair the dictionary knows better: a well-attested Latin
    spelling, usual for other names, against a well-attested Arabic name it never spells
    (*Mahmoud* / محمد), or two well-attested Latin spellings usual for different names
    (*Said* / *Sayed*). The reason, or ''."""
    if a.script is Script.ARABIC and b.script is Script.LATIN:
        a, b = b, a
    if a.script is Script.LATIN and b.script is Script.ARABIC:
        if (
            a.known
            and a.evidence >= _WELL_KNOWN_LATIN
            and b.evidence >= _WELL_KNOWN_ARABIC
            and b.form not in a.known
            and _stem(b.form) not in a.known
        ):
            return f"{a.text} usually spells {_top(a.known)}"
        return ""
    if (
        a.script is Script.LATIN
        and b.script is Script.LATIN
        and a.known
        and b.known
        and a.evidence >= _WELL_KNOWN_LATIN
        and b.evidence >= _WELL_KNOWN_LATIN
        and a.known.isdisjoint(b.known)
    ):
        return f"{a.text} usually spells {_top(a.known)}, {b.text} {_top(b.known)}"
    return ""


def _top(arabic_words: frozenset[str]) -> str:
    dictionary = _dictionary.active()
    return max(sorted(arabic_words), key=dictionary.arabic_evidence, default="?")


def _closeness(a: NamePart, b: NamePart, least: float) -> float:
    """Best skeleton similarity between the two most likely readings of each part, exact
    when it is ``least`` or more (readings that cannot come that close are skipped)."""
    best = 0.0
    for x, x_length, x_letters in _leading_keys(a):
        for y, y_length, y_letters in _leading_keys(b):
            longest = max(x_length, y_length)
            if abs(x_length - y_length) * 5 > longest * 2:
                continue  # more than 40% apart whatever the letters
            if len(x_letters & y_letters) * 5 < min(len(x_letters), len(y_letters)) * 3:
                continue  # too few consonants in common to come within 40%
            # The distance (1 - similarity, times the longer length) is at least the
            # difference in length, and at least half a substitution for each letter
            # of one key that the other lacks.
            allowed = (1.0 - least) * longest + 1e-9
            if abs(x_length - y_length) > allowed or (
                least > _PARTIAL_FLOOR
                and max(len(x_letters - y_letters), len(y_letters - x_letters)) > 2 * allowed
            ):
                continue
            best = max(best, _skeleton_similarity(x, y))
    return best


@lru_cache(maxsize=1 << 16)
def _leading_keys(part: NamePart) -> tuple[tuple[str, int, frozenset[str]], ...]:
    """The keys of a part's two most likely readings, each with its length and letters."""
    return tuple((key, len(key), frozenset(key)) for key in list(part.shapes)[:2])


@lru_cache(maxsize=1 << 16)
def _skeleton_similarity(x: str, y: str) -> float:
    return skeleton_similarity(x, y)


_PARTICLE_LATIN = {
    "ben": "bin",
    "bint": "bint",
    "ould": "Ould",
    "mint": "Mint",
    "ag": "Ag",
    "walet": "Walet",
    "ait": "Ait",
    "al": "al",
    "abu": "Abu",
    "umm": "Umm",
}


def romanize(arabic: str) -> str:
    """A readable Latin spelling of an Arabic-script name: each part's most frequent
    known spelling where the dictionary has one, otherwise by rule (*Abd al-* for
    compounds, *al-* for the article, English-convention consonants). Latin parts are
    kept as they are."""
    words: list[str] = []
    for part in analyze(arabic).parts:
        if part.script is not Script.ARABIC:
            words.append(part.text)
        elif part.particle:
            group = next(iter(part.keys))[1:]
            words.append(_PARTICLE_LATIN.get(group, romanize_word(part.text)))
        else:
            words.append(_romanize_part(part))
    return " ".join(w for w in words if w)


def _romanize_part(part: NamePart) -> str:
    dictionary = _dictionary.active()
    best = dictionary.best_spelling(part.form)
    if best:
        return best.capitalize()
    pieces = part.text.split()
    if len(pieces) > 1:
        head = _romanize_word_known(pieces[0])
        tail = [_romanize_word_known(p) for p in pieces[1:]]
        if part.kind == "kunya":
            return " ".join([head, *tail])
        return f"{head} {' '.join(tail)}"
    return _romanize_word_known(part.text)


def _romanize_word_known(word: str) -> str:
    folded = fold_arabic(word)
    dictionary = _dictionary.active()
    best = dictionary.best_spelling(folded)
    if best:
        return best.capitalize()
    if folded.startswith(ARTICLE) and len(folded) > 3:
        stem = dictionary.best_spelling(folded[2:]) or romanize_word(word[2:])
        return "al-" + stem.capitalize()
    return romanize_word(word).capitalize()
