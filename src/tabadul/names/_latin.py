"""The shape of a spelling: a consonant skeleton and the vowels around it.

Arabic names reach Latin script through several conventions at once: French
(*Youcef*, *Cheikh*, *Djamel*, *Ould*), English (*Yusuf*, *Shaykh*, *Jamal*, *Walad*),
Egyptian (*Gamal*), Somali, Sahelian. They differ mostly in how they write the same
consonants (``ch``/``sh``, ``dj``/``j``, ``c``/``ss``/``s``, ``k``/``q``) and in the short
vowels, which Arabic does not write at all. So a spelling is reduced to a
:class:`Shape`:

``key``
    the consonants, each mapped to a class that all conventions agree on (``sh``, ``ch``
    and ``sch`` are one class, written ``c``; ``dj``, ``j`` and ``zh`` are ``j``;
    ``kh`` is ``x``; ``gh`` is ``G``; ``q``, ``k``, ``ck`` and hard ``c`` are ``k``;
    ``th`` is ``t``, ``dh`` is ``d``, ``ph`` is ``f``, ``p`` is ``b``; ``w`` and ``y``
    between vowels are vowels), doubled consonants once, preceded by ``_`` when the
    word starts with a vowel: *Youcef*, *Youssef*, *Yusuf*, *Yousef* → ``ysf``;
    *Mohamed*, *Muhammad*, *Mouhamed* → ``mhmd``; *Cheikh*, *Shaykh*, *Sheikh* → ``cx``.
``gaps``
    what stands between the consonants (before the first, between each pair, after the
    last) as flags: which vowel letters a Latin spelling writes there, or which long
    vowels (``ا و ي``) and which ``ع``/hamza an Arabic spelling writes there.

Two spellings with the same key are the same name when their gaps agree
(:func:`compatible`): *Said* and *Saad* share ``sd`` but *ai* is a long *i* that *aa*
does not have; *Omar* and *Amar* share ``_mr`` but start with different vowels;
*Ahmed* and *Hamed* share nothing (``_hmd``, ``hmd``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Shape",
    "compatible",
    "latin_letters",
    "latin_shapes",
    "parse",
    "skeleton_similarity",
]

# Gap flags. Latin spellings set the letter flags for the vowels they write; Arabic
# readings set them for the long vowels (alef, waw, yeh) they write.
V_A, V_E, V_I, V_U = 1, 2, 4, 8
STRONG_A, STRONG_I, STRONG_U = 16, 32, 64  # Latin "aa", "ee"/"ai"/"ey", "oo"/"aw"
AYN = 128  # Arabic: ain or a hamza in this gap
VOWELS = V_A | V_E | V_I | V_U
# Endings (bit flags, so an Arabic reading can allow several). END_E is a Latin final
# "e" after a consonant: silent in French (Amine), spoken elsewhere (Touré, Iturbe).
END_NONE, END_A, END_I, END_U, END_E = 1, 2, 4, 8, 16

_SPECIAL = str.maketrans(
    {
        "ç": "s",
        "ş": "sh",
        "š": "sh",
        "č": "ch",
        "ž": "zh",
        "ğ": "g",
        "ġ": "gh",
        "ḫ": "kh",
        "ẖ": "kh",
        "ṯ": "th",
        "ḏ": "dh",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        "ð": "dh",
        "þ": "th",
        "ć": "ch",
    }
)
_FINAL_E_ACUTE = re.compile(r"é\b")
_NON_LETTER = re.compile(r"[^a-z]+")


def latin_letters(text: str) -> str:
    """Lower-case ASCII letters of a Latin spelling, marks of ayn and hamza (``'``,
    ``ʿ``) and separators removed: ``Saʿīd`` → ``said``, ``Abd al-Qadir`` →
    ``abdalqadir``. Letters that stand for a sound of their own keep it (``ç`` → ``s``,
    ``š`` → ``sh``)."""
    lowered = _FINAL_E_ACUTE.sub("ei", text.lower()).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_LETTER.sub("", ascii_only)


@dataclass(frozen=True, slots=True)
class Shape:
    """One reading of a spelling (see the module docstring).

    ``arabic`` says whether the gaps are what an Arabic spelling writes (long vowels,
    requirements) or what a Latin spelling writes (vowel letters, evidence). ``ending``
    is one ``END_*`` flag for a Latin spelling, the set of endings an Arabic one allows.
    ``quality`` is below 1 for a less likely reading (an article taken off a Latin word,
    a rarer value of an Arabic letter); a match through it scores that much.
    """

    key: str
    gaps: tuple[int, ...]
    ending: int
    arabic: bool
    quality: float = 1.0


_VOWEL_LETTERS = frozenset("aeiou")
_LETTER_FLAG = {"a": V_A, "e": V_E, "i": V_I, "y": V_I, "o": V_U, "u": V_U, "w": V_U}
_STRONG = (
    ("aa", STRONG_A),
    ("ee", STRONG_I),
    ("ii", STRONG_I),
    ("ie", STRONG_I),
    ("ei", STRONG_I),
    ("ai", STRONG_I),
    ("ay", STRONG_I),
    ("ey", STRONG_I),
    ("iy", STRONG_I),
    ("oo", STRONG_U),
    ("uu", STRONG_U),
    ("aw", STRONG_U),
    ("ow", STRONG_U),
)
# Arabic readings are written with these marks (see tabadul.names._arabic).
_ARABIC_FLAG = {"A": V_A, "I": V_I, "U": V_U, "'": AYN, "Y": V_A}


def _gap_flags(gap: str) -> int:
    flags = 0
    for ch in gap:
        flags |= _LETTER_FLAG.get(ch, 0) or _ARABIC_FLAG.get(ch, 0)
    if len(gap) > 1:
        for pair, flag in _STRONG:
            if pair in gap:
                flags |= flag
        flags |= (
            (flags & STRONG_A and V_A) | (flags & STRONG_I and V_I) | (flags & STRONG_U and V_U)
        )
    return flags


def _latin_ending(gap: str, h_final: bool) -> int:
    if not gap:
        return END_NONE
    if h_final:  # "-ah", "-eh": a Persian or Arabic final ta marbuta
        return END_A if gap[-1] in "ae" else _ending_of(gap[-1])
    if gap == "e":  # French silent e (Amine, Yasmine), or a spoken one (Touré)
        return END_E
    if len(gap) > 1 and gap[-1] == "e":
        gap = gap[:-1]
    return _ending_of(gap[-1])


def _ending_of(ch: str) -> int:
    if ch == "a":
        return END_A
    if ch in "iye":
        return END_I
    return END_U


def _arabic_ending(gap: str, last: str) -> int:
    if not gap.rstrip("'"):
        # "-ou" endings of Sahelian spellings (Mahamadou) over a bare consonant; a
        # final h or ain may carry a vowel the script does not write (Taha, Allah,
        # Jumaa); a final "e" is silent or short.
        ending = END_NONE | END_U | END_E
        if last == "h" or gap:
            ending |= END_A
        return ending
    last = gap.rstrip("'")[-1]
    if last == "A":
        return END_A
    if last == "I":
        return END_I | END_E
    if last == "Y":  # alef maqsura
        return END_A
    return END_U


_DIGRAPHS = {
    "tch": "c",
    "tsh": "c",
    "sch": "c",
    "sh": "c",
    "ch": "c",
    "kh": "x",
    "gh": "G",
    "th": "t",
    "dh": "d",
    "zh": "j",
    "dj": "j",
    "ph": "f",
    "ck": "k",
}
_SIMPLE = {
    "b": "b",
    "p": "b",
    "d": "d",
    "f": "f",
    "g": "g",
    "h": "h",
    "j": "j",
    "k": "k",
    "q": "k",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
    "s": "s",
    "t": "t",
    "z": "z",
    "v": "f",
}
_VOWEL_MARKS = frozenset("aeiouAIUY'")


_UNITS = re.compile(r"tch|tsh|sch|sh|ch|kh|gh|th|dh|zh|dj|ph|ck|[aeiouAIUY'yw]+|.")
_SOFT = re.compile(r"c(?=[eiy])|x|gu(?=[ei])|qu(?=[ei])")
_SOFT_VALUE = {"c": "s", "x": "ks", "gu": "g", "qu": "k"}
_UNIT_CLASS = {**_DIGRAPHS, **_SIMPLE, "c": "k"}
_VOWELISH = frozenset("aeiouAIUY'yw")
_FLAGS: dict[str, int] = {}


def parse(
    spelling: str, *, arabic: bool = False, quality: float = 1.0, final_h: bool = False
) -> Shape | None:
    """The shape of ``spelling``: letters from :func:`latin_letters`, or an Arabic
    reading from :mod:`tabadul.names._arabic` (lower-case consonants, ``A I U`` for long
    vowels, ``Y`` for an alef maqsura, ``'`` for ain or hamza). A Latin final *h* after
    *a* or *e* is silent (*Fatimah*) unless ``final_h``. ``None`` when it has no
    consonant."""
    s = spelling
    consonants: list[str] = []
    gaps: list[str] = [""]
    h_final = False
    if not arabic:
        if not final_h and len(s) > 2 and s[-1] == "h" and s[-2] in "ae":
            s = s[:-1]
            h_final = True
        s = _SOFT.sub(lambda m: _SOFT_VALUE[m.group()], s)
        if s.startswith("ou") and len(s) > 2 and s[2] in _VOWEL_LETTERS:
            # French "ou" before a vowel at the start is a consonant w: Oualid, Ouassim.
            consonants.append("w")
            gaps.append("")
            s = s[2:]
        elif s[:1] in ("y", "w") and len(s) > 1 and s[1] in _VOWEL_MARKS:
            consonants.append(s[0])
            gaps.append("")
            s = s[1:]
    elif s[:1] in ("y", "w"):
        consonants.append(s[0])
        gaps.append("")
        s = s[1:]
    for unit in _UNITS.findall(s):
        if unit[0] in _VOWELISH:
            gaps[-1] += unit
            continue
        cls = _UNIT_CLASS.get(unit)
        if not cls:
            continue
        if consonants and consonants[-1] == cls and not gaps[-1] and not arabic:
            continue  # a doubled Latin consonant is one Arabic letter (with shadda)
        consonants.append(cls)
        gaps.append("")
    if not consonants:
        return None
    key = ("_" if gaps[0] else "") + "".join(consonants)
    flags = tuple(_FLAGS.get(g) or _gap_flags_cached(g) for g in gaps)
    if arabic:
        ending = _arabic_ending(gaps[-1], consonants[-1])
    else:
        ending = _latin_ending(gaps[-1], h_final)
    return Shape(key, flags, ending, arabic, quality)


def _gap_flags_cached(gap: str) -> int:
    flags = _gap_flags(gap)
    if len(_FLAGS) < 100_000:
        _FLAGS[gap] = flags
    return flags


# Latin words that begin with a glued article: El-Masri → Elmasri, Al-Hassan → Alhassan,
# Es-Sayed → Essayed, Lamine (al-Amin), Larbi (al-Arabi).
_GLUED_ARTICLE = re.compile(r"^(?:al|el|ul)(?=[bcdfghjklmnqrstvwxyz]{1,2}[aeiouy])")
_GLUED_ARTICLE_VOWEL = re.compile(r"^(?:al|el)(?=[aeiou][bcdfghjklmnpqrstvwxz])")
_ASSIMILATED = re.compile(r"^[ae](?=(tt|dd|rr|zz|ss|ch|sh|nn|th|dh)[aeiouy])")
_LATIN_L_ARTICLE = re.compile(r"^l(?=[ae][bcdfghjklmnpqrstvwxz]|a[aoiy])")
# French "ou" for an initial waw before a consonant: Ouddah, Ouardi.
_OU_CONSONANT = re.compile(r"^ou(?=[bcdfghjklmnpqrstvxz])")
# Maghrebi "Bou" for Abu: Boubacar, Bouzid, Boumediene.
_BOU = re.compile(r"^bou(?=[bcdfghjklmnpqrstvwxz])")
# Sahelian and Mauritanian endings on an Arabic feminine name: Fatoumata, Aminata,
# Aichetou, Khadijetou.
_SAHEL_FEMININE = re.compile(r"(?<=[bcdfghjklmnpqrstvwxyz])(?:a|e|i|ou)t(?:a|ou)$")


def latin_shapes(letters: str) -> tuple[Shape, ...]:
    """Every reading of a Latin spelling (already through :func:`latin_letters`), the
    literal one first: readings without a glued article (*Elmasri* → *masri*, *Lamine*
    → *amine*), without a Sahelian feminine ending (*Fatoumata* → *fatouma*), with ``v``
    read as the Persian ``w`` (*Javad*)."""
    if letters.startswith("wh"):
        letters = "w" + letters[2:]
    readings: list[tuple[str, float]] = [(letters, 1.0)]
    if len(letters) >= 3 and letters[-1] == "h" and letters[-2] in "ae":
        # Final "ah"/"eh": a silent h (Fatimah, Abdallah) or a real one (Salah, Saleh).
        readings.append((letters, -1.0))
    if len(letters) >= 6 and _GLUED_ARTICLE.match(letters):
        readings.append((letters[2:], 0.95))
    elif len(letters) >= 7 and _GLUED_ARTICLE_VOWEL.match(letters):
        readings.append((letters[2:], 0.9))
    if len(letters) >= 5 and _ASSIMILATED.match(letters):
        readings.append((letters[1:], 0.9))
    if len(letters) >= 5 and _LATIN_L_ARTICLE.match(letters):
        readings.append((letters[1:], 0.9))
        if len(letters) >= 6 and letters[2] not in "aeiouy":
            readings.append((letters[2:], 0.9))  # Lahmaoui: l'Hmaoui
    if len(letters) >= 5 and _OU_CONSONANT.match(letters):
        readings.append(("w" + letters[2:], 0.9))
    if len(letters) >= 6 and _BOU.match(letters):
        readings.append(("a" + letters, 0.9))
    if len(letters) >= 6 and _SAHEL_FEMININE.search(letters):
        stem = _SAHEL_FEMININE.sub("", letters)
        readings.append((stem + "a", 0.95))
    if "v" in letters:
        readings.append((letters.replace("v", "w"), 0.95))
    shapes: list[Shape] = []
    seen: set[tuple[str, tuple[int, ...], int]] = set()
    for text, mark in readings:
        # mark -1: the same letters with the final h read as a consonant
        quality = abs(mark)
        shape = parse(text, quality=quality, final_h=mark < 0)
        if shape is None:
            continue
        ident = (shape.key, shape.gaps, shape.ending)
        if ident not in seen:
            seen.add(ident)
            shapes.append(shape)
        if shape.key[0] != "_" and len(shape.gaps) > 2 and shape.gaps[1] == 0:
            # An initial consonant cluster may have lost a short vowel (Maghrebi
            # Brahim, Smail, Driss for Ibrahim, Ismail, Idriss).
            elided = Shape("_" + shape.key, (V_E, *shape.gaps[1:]), shape.ending, False, quality)
            ident = (elided.key, elided.gaps, elided.ending)
            if ident not in seen:
                seen.add(ident)
                shapes.append(elided)
    return tuple(shapes)


def _vowels_agree(x: int, y: int) -> bool:
    """Two Latin gaps that both write vowels."""
    if (x & STRONG_I and not y & (V_I | V_E)) or (y & STRONG_I and not x & (V_I | V_E)):
        return False
    if (x & STRONG_U and not y & (V_U | V_E)) or (y & STRONG_U and not x & (V_U | V_E)):
        return False
    if (x & STRONG_A and not y & (V_A | V_E)) or (y & STRONG_A and not x & (V_A | V_E)):
        return False
    if x & V_E or y & V_E:
        return True
    return bool(x & y & VOWELS)


def _arabic_agrees(ar: int, lat: int, final: bool = False) -> float:
    """An Arabic gap (long vowels written) and a Latin gap that writes vowels: 1 when
    they agree, 0.9 when the Latin spelling writes a long *i* as ``e`` (usual only for
    names from other languages: بيترز *Peters*; for an Arabic name, *Salem* is سالم and
    not سليم), 0 when they disagree."""
    long_vowels = ar & (V_A | V_I | V_U)
    factor = 1.0
    if long_vowels == V_A | V_I and not final:
        # a diphthong (داينهام Dynham): the i shows
        if not lat & (V_I | V_E):
            return 0.0
    else:
        # alef may be written "e" (Djamel for jamal, imala); waw may not
        if long_vowels & V_A and not lat & (V_A | V_E):
            return 0.0
        if long_vowels & V_I and not lat & V_I:
            if not lat & V_E:
                return 0.0
            factor = 0.9
        if long_vowels & V_U and not lat & V_U:
            return 0.0
    if lat & STRONG_I and not ar & V_I:
        return 0.0
    if lat & STRONG_U and not ar & V_U:
        return 0.0
    if lat & STRONG_A and not ar & (V_A | AYN):
        return 0.0
    return factor


# Latin endings that can be one name: Mahamadou / Mohamed, Amine / Amin, Touré / Toure.
_ENDINGS_AGREE = frozenset({END_NONE | END_U, END_NONE | END_E, END_E | END_I})


def _latin_pair(a: Shape, b: Shape) -> bool:
    ga, gb = a.gaps, b.gaps
    last = len(ga) - 1
    elided_a = elided_b = False
    for i in range(last):
        x, y = ga[i], gb[i]
        if x and y:
            if not _vowels_agree(x, y):
                return False
        elif x or y:
            if i == 0:
                return False  # one starts with a vowel, the other not (not one key)
            if x:
                elided_b = True
            else:
                elided_a = True
    if elided_a and elided_b:
        return False  # a vowel moved: Ahmed / Hamed
    if a.ending != b.ending and a.ending | b.ending not in _ENDINGS_AGREE:
        return False
    x, y = ga[last], gb[last]
    return not (x and y) or _vowels_agree(x, y)


def _arabic_latin(ar: Shape, lat: Shape) -> float:
    ga, gl = ar.gaps, lat.gaps
    last = len(ga) - 1
    factor = 1.0
    elided = 0
    for i in range(last):
        x, y = ga[i], gl[i]
        if not y & VOWELS:
            if x & (V_A | V_I | V_U):
                elided += 1  # a long vowel the Latin spelling skips (Teitelbaum)
            continue
        factor = min(factor, _arabic_agrees(x, y))
        if not factor:
            return 0.0
    if elided > 1 or not lat.ending & ar.ending:
        return 0.0
    x, y = ga[last] & ~AYN, gl[last]
    if x and y & VOWELS and lat.ending != END_U:
        factor = min(factor, _arabic_agrees(x, y, final=True))
    return factor * (0.9 if elided else 1.0)


def compatible(a: Shape, b: Shape) -> float:
    """Whether two shapes with the same key can be spellings of one name: long vowels an
    Arabic spelling writes appear in the Latin one, a Latin spelling's unambiguous long
    vowel (``ee``, ``ai``, ``oo``) is written in the other, the endings agree (*Karim*
    is not *Karima*), and no vowel moved (*Ahmed* is not *Hamed*). 1.0 when they agree,
    0.9 when a Latin spelling skips one long vowel (*Teitelbaum*, تيتيلابام), 0 when
    they do not agree."""
    if a.key != b.key:
        return 0.0
    if a.arabic and b.arabic:
        same = a.gaps == b.gaps or _strip_ayn(a.gaps) == _strip_ayn(b.gaps)
        return 1.0 if same and a.ending & b.ending else 0.0
    if a.arabic:
        return _arabic_latin(a, b)
    if b.arabic:
        return _arabic_latin(b, a)
    return 1.0 if _latin_pair(a, b) else 0.0


def _strip_ayn(gaps: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(g & (V_A | V_I | V_U) for g in gaps)


def skeleton_similarity(x: str, y: str) -> float:
    """1 - Levenshtein distance / length of the longer key, with a substitution between
    consonants that conventions confuse (``k``/``g``/``q``, ``s``/``z``, ``d``/``t``,
    ``c``/``s``, ``h``/``x``, ``j``/``g``, ``b``/``f``) counting half."""
    if x == y:
        return 1.0
    lx, ly = len(x), len(y)
    if not lx or not ly:
        return 0.0
    previous = [float(j) for j in range(ly + 1)]
    for i in range(1, lx + 1):
        current = [float(i)] + [0.0] * ly
        cx = x[i - 1]
        for j in range(1, ly + 1):
            cy = y[j - 1]
            cost = 0.0 if cx == cy else (0.5 if (cx + cy) in _NEAR else 1.0)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        previous = current
    return max(0.0, 1.0 - previous[ly] / max(lx, ly))


_NEAR = frozenset(
    pair[i] + pair[1 - i]
    for pair in ("kg", "kG", "gG", "gj", "sz", "dt", "cs", "cj", "hx", "bf", "dz", "ts", "xk")
    for i in (0, 1)
)
