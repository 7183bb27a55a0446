"""Arabic-script names: normalisation, readings in Latin letters, romanisation.

Normalisation (:func:`normalize_arabic`) removes what registries write
inconsistently: diacritics (harakat, shadda, sukun, dagger alef), tatweel, bidi and
joiner marks, presentation forms; it maps Persian and Urdu letter forms to the Arabic
ones (``ک`` → ``ك``, ``ی``/``ے`` → ``ي``, ``ۀ``/``ە``/``ھ`` → ``ه``, ``ٹ ڈ ڑ ں`` → ``ت د ر ن``,
``ڨ``/``ڭ`` → ``گ``) and Arabic-Indic digits to ASCII. :func:`fold_arabic` goes further,
the way word lists are keyed: hamza and madda forms of alef to bare alef, ta marbuta to
``ه``, alef maqsura to ``ي``.

A *reading* (:func:`arabic_shapes`) writes an Arabic spelling in the letters of
:mod:`tabadul.names._latin`: consonants in their usual Latin value (``ش`` → ``sh``,
``ج`` → ``j``), long vowels as ``A I U``, ain and hamza as ``'``. Letters that Latin
conventions render in more than one way give more than one reading: ``ج`` is *j* and
Egyptian *g*; ``ق`` is *q*, Maghrebi *g* and Persian *gh*; ``ث`` is *th* and Turkish
and Persian *s*; ``ذ ض ظ`` are *d* and *z*; a final ``ه`` is a ta marbuta or an *h*.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from tabadul.names._latin import Shape, parse

__all__ = [
    "ARTICLE",
    "arabic_shapes",
    "fold_arabic",
    "fold_normalized",
    "normalize_arabic",
    "romanize_word",
]

ARTICLE = "ال"

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_FORMS = str.maketrans(
    {
        "ک": "ك",
        "ڪ": "ك",
        "ی": "ي",
        "ې": "ي",
        "ۍ": "ي",
        "ێ": "ي",
        "ے": "ي",
        "ۓ": "ي",
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "ہ": "ه",
        "ۃ": "ة",
        "ٹ": "ت",
        "ڈ": "د",
        "ڑ": "ر",
        "ں": "ن",
        "ڨ": "گ",
        "ڭ": "گ",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ۆ": "و",
        "ۇ": "و",
        "ۈ": "و",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})


def normalize_arabic(text: str) -> str:
    """Arabic text without diacritics, tatweel, invisible marks and letter-form
    variants (see the module docstring); hamza forms, ta marbuta and alef maqsura are
    kept, since they help to read the name."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return _MARKS.sub("", text).translate(_FORMS)


def fold_arabic(text: str) -> str:
    """:func:`normalize_arabic`, then hamza and madda alef → ``ا``, ``ة`` → ``ه``,
    ``ى`` → ``ي``: the form word lists are keyed by."""
    return normalize_arabic(text).translate(_FOLD)


def fold_normalized(text: str) -> str:
    """:func:`fold_arabic` of text already through :func:`normalize_arabic`."""
    return text.translate(_FOLD)


# Consonants: (value, quality) options, the usual value first.
_CONSONANTS: dict[str, tuple[tuple[str, float], ...]] = {
    "ب": (("b", 1.0),),
    "پ": (("p", 1.0),),
    "ت": (("t", 1.0),),
    "ط": (("t", 1.0),),
    "ث": (("th", 1.0), ("s", 0.95)),
    "ج": (("j", 1.0), ("g", 0.95)),
    "ح": (("h", 1.0),),
    "خ": (("kh", 1.0),),
    "د": (("d", 1.0),),
    "ذ": (("dh", 1.0), ("z", 0.95)),
    "ر": (("r", 1.0),),
    "ز": (("z", 1.0), ("s", 0.9)),
    "ژ": (("zh", 1.0),),
    "س": (("s", 1.0),),
    "ش": (("sh", 1.0),),
    "ص": (("s", 1.0),),
    "ض": (("d", 1.0), ("z", 0.9)),
    "ظ": (("z", 1.0), ("d", 0.9)),
    "غ": (("gh", 1.0), ("g", 0.95)),
    "ف": (("f", 1.0),),
    "ڤ": (("v", 1.0),),
    "ق": (("q", 1.0), ("g", 0.95), ("gh", 0.9)),
    "ك": (("k", 1.0),),
    "گ": (("g", 1.0),),
    "چ": (("ch", 1.0),),
    "ل": (("l", 1.0),),
    "م": (("m", 1.0),),
    "ن": (("n", 1.0),),
}
_HAMZA = frozenset("أإءؤئ")
_ALEFS = frozenset("اأإآ")
# Latin digraphs two Arabic consonants can form by accident (ت + ه reads "th").
_DIGRAPH_ENDS = frozenset("tsdk")
_MAX_READINGS = 12


def _letter_options(word: str, first: bool) -> list[tuple[tuple[str, float], ...]]:
    """Per letter of ``word``, its possible values in reading marks."""
    options: list[tuple[tuple[str, float], ...]] = []
    n = len(word)
    for i, ch in enumerate(word):
        initial = first and i == 0
        final = i == n - 1
        if ch in _CONSONANTS:
            options.append(_CONSONANTS[ch])
        elif ch == "ه":
            if final and i > 0:
                # ta marbuta, a real h, ta marbuta before a vowel (Hayat), the suffix
                # -uh (Abdou, Rabbo)
                options.append((("A", 1.0), ("h", 1.0), ("t", 0.9), ("U", 0.9)))
            else:
                options.append((("h", 1.0),))
        elif ch == "ة":
            options.append((("A", 1.0), ("t", 0.9)))
        elif ch == "ع":
            options.append((("'", 1.0),))
        elif ch == "ا":
            options.append((("'", 1.0),) if initial or i == 0 else (("A", 1.0),))
        elif ch in "أإ":
            options.append((("'", 1.0),))
        elif ch == "آ":
            options.append((("'A", 1.0),))
        elif ch == "ء":
            options.append((("'", 1.0),))
        elif ch == "ئ":
            options.append((("'I", 1.0),))
        elif ch == "ؤ":
            options.append((("'U", 1.0),))
        elif ch == "و":
            options.append((("w", 1.0),) if i == 0 else (("U", 1.0),))
        elif ch == "ي":
            if i == 0:
                options.append((("y", 1.0),))
            elif final:
                # a yeh, or an alef maqsura written (or folded) as one
                options.append((("I", 1.0), ("Y", 0.95)))
            else:
                options.append((("I", 1.0),))
        elif ch == "ى":
            options.append((("Y", 1.0), ("I", 0.95)))
        # anything else (digits, stray marks) is not part of a reading
    return options


def _join(values: tuple[str, ...]) -> list[str]:
    """Concatenate letter values. Where two consonants would form a Latin digraph
    (``ت`` + ``ح`` reads *th*), the separated spelling comes first (*Sohbi*, *Taha*)
    and the merged one second (*Fathi*, *Ishaq*, *Adham*, *Richard*)."""
    out = [""]
    for value in values:
        if not value:
            continue
        if out[0] and (
            (value[0] == "h" and out[0][-1] in _DIGRAPH_ENDS)
            or (value[0] == "j" and out[0][-1] == "d")
            or (value.startswith("sh") and out[0][-1] == "t")
        ):
            out = [s + "." + value for s in out] + [s + value for s in out]
        else:
            out = [s + value for s in out]
    return out


def _segment_readings(
    segments: tuple[str, ...],
) -> list[tuple[str, float]]:
    per_letter: list[tuple[tuple[str, float], ...]] = []
    for index, segment in enumerate(segments):
        if segment == ARTICLE:
            following = segments[index + 1] if index + 1 < len(segments) else ""
            previous = segments[index - 1] if index else ""
            # al-Latif, Jamal al-Din: the article's l merges with a neighbouring lam.
            if not following.startswith("ل") and not previous.endswith("ل"):
                per_letter.append((("l", 1.0),))
            continue
        if len(segment) > 3:
            # an article glued inside a word before lam (نصراللهي): one l
            segment = segment[:1] + segment[1:].replace("الل", "ال")
        per_letter.extend(_letter_options(segment, first=index == 0))
    choices = [range(len(opts)) for opts in per_letter]
    readings: list[tuple[str, float]] = []
    for combo in itertools.islice(itertools.product(*choices), 256):
        quality = 1.0
        values: list[str] = []
        for opts, pick in zip(per_letter, combo, strict=True):
            value, q = opts[pick]
            quality = min(quality, q)
            values.append(value)
        for k, spelled in enumerate(_join(tuple(values))):
            readings.append((spelled, quality * (0.95 if k else 1.0)))
    readings.sort(key=lambda r: -r[1])
    return readings


def arabic_shapes(segments: tuple[str, ...]) -> tuple[Shape, ...]:
    """The readings of an Arabic spelling as :class:`~tabadul.names._latin.Shape`
    objects, most likely first. ``segments`` are normalised words of one name part in
    order; the segment ``ال`` stands for an article inside a compound (read ``l``, as
    in *Abd al-Qadir*). A single word that begins with the article is read without it
    (*المصري* as *masri*) and, less likely, with it (*الياس*, *Elias*)."""
    variants: list[tuple[tuple[str, ...], float]] = [(segments, 1.0)]
    first = fold_arabic(segments[0]) if segments else ""
    if len(segments) == 1 and first.startswith(ARTICLE) and len(first) > 3:
        variants = [((segments[0][2:],), 1.0), (segments, 0.9)]
    elif first in ("ابو", "ابي") and len(segments) > 1:
        # Maghrebi "Bou" for Abu: Boubker, Bouzid.
        variants.append((("بو", *segments[1:]), 0.9))
    elif first.startswith("بو") and len(first) >= 5 and len(segments) == 1:
        variants.append((("ا" + segments[0],), 0.9))
    elif first.startswith("ل") and len(first) >= 4 and len(segments) == 1:
        # a Maghrebi article reduced to lam: لعرابي (Larbi, al-Arabi), لخضر (Lakhdar)
        variants.append(((segments[0][1:],), 0.9))
    shapes: list[Shape] = []
    seen: set[tuple[str, tuple[int, ...], int]] = set()
    for parts, base in variants:
        for spelled, quality in _segment_readings(parts):
            shape = parse(spelled, arabic=True, quality=round(base * quality, 3))
            if shape is None:
                continue
            ident = (shape.key, shape.gaps, shape.ending)
            if ident in seen:
                continue
            seen.add(ident)
            shapes.append(shape)
            if len(shapes) >= _MAX_READINGS:
                return tuple(shapes)
    return tuple(shapes)


_READABLE = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ط": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ظ": "z",
    "غ": "gh",
    "ف": "f",
    "ڤ": "v",
    "ق": "q",
    "ك": "k",
    "گ": "g",
    "چ": "ch",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
}


def romanize_word(word: str) -> str:
    """A readable Latin spelling of one Arabic word by rule, for words no list knows:
    consonants in their English-convention value, long vowels as ``a i u``, a short
    ``a`` between consonants that have no vowel written, ta marbuta as ``a``."""
    word = normalize_arabic(word)
    out: list[str] = []
    vowel_before = True  # no short vowel is added at the start of a word
    after_ain = False
    n = len(word)
    for i, ch in enumerate(word):
        final = i == n - 1
        if ch in _ALEFS or ch in "ىآ":
            out.append("a")
            vowel_before = True
            continue
        if ch in "ةع" or ch in _HAMZA:
            if ch == "ة":
                out.append("a")
                vowel_before = True
            elif ch == "ع":
                if i == 0 or not vowel_before:
                    out.append("a")  # ain after a consonant: Sa'id, Ja'far
                vowel_before = True
                after_ain = True
                continue
            continue
        ain, after_ain = after_ain, False
        if ch == "و":
            if i == 0 or (vowel_before and not final and not ain):
                out.append("w")
                vowel_before = False
            else:
                out.append("u")
                vowel_before = True
            continue
        if ch == "ي":
            if i == 0 or (vowel_before and not final and not ain):
                out.append("y")
                vowel_before = False
            else:
                out.append("i")
                vowel_before = True
            continue
        value = _READABLE.get(ch)
        if value is None:
            continue
        if ch == "ه" and final and i > 0:
            out.append("a" if not vowel_before else "h")
            vowel_before = True
            continue
        if not vowel_before:
            out.append("a")
        out.append(value)
        vowel_before = False
    return "".join(out)
