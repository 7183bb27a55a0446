"""Invariants of name analysis, checked on generated names."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tabadul.domain.enums import Script
from tabadul.names import analyze, detect_script, part_similarity, term_weight
from tabadul.names._particles import _norm, _words, split_words

SPELLINGS = [
    "Mohamed", "Muhammad", "محمد", "Youcef", "Yusuf", "يوسف", "Ould", "ولد", "ben", "بن",
    "Abdelkader", "Abd al-Qadir", "عبد القادر", "Cheikh", "الشيخ", "Said", "Saad", "سعيد",
    "Karima", "Ali", "Alia", "Omar", "Amar", "Abou Bakr", "أبو بكر", "El Hadj", "Fatoumata",
    "Noureddine", "نور الدين", "Dr.", "OULD", ",", "Ahmed", "Hamed", "Zzyzx", "山田",
]  # fmt: skip
names = st.lists(st.sampled_from(SPELLINGS), min_size=1, max_size=5).map(" ".join)
anything = st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(anything)
def test_analysis_never_fails(text: str) -> None:
    result = analyze(text)
    for part in result.parts:
        assert part.text.strip()
        assert part.keys
        assert 0.1 <= term_weight(part) <= 1.0


@settings(max_examples=300, deadline=None)
@given(st.one_of(names, anything))
def test_a_name_always_matches_itself(text: str) -> None:
    for part in analyze(text).parts:
        score, _ = part_similarity(part, part)
        assert score == 1.0


@settings(max_examples=300, deadline=None)
@given(names, names)
def test_part_similarity_is_symmetric(a: str, b: str) -> None:
    for x in analyze(a).parts:
        for y in analyze(b).parts:
            assert part_similarity(x, y)[0] == part_similarity(y, x)[0]
            assert 0.0 <= part_similarity(x, y)[0] <= 1.0


@settings(max_examples=200, deadline=None)
@given(names)
def test_analysis_is_stable_under_case_and_spacing(name: str) -> None:
    plain = [p.keys for p in analyze(name).parts]
    assert [p.keys for p in analyze(f"  {name.upper()}  ").parts] == plain


def _reference_script(text: str) -> Script:
    """detect_script as first written: letter by letter."""
    seen = set()
    for ch in text:
        if unicodedata.category(ch).startswith("L"):
            code = ord(ch)
            arabic_blocks = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))
            presentation = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
            if any(lo <= code <= hi for lo, hi in arabic_blocks + presentation):
                seen.add(Script.ARABIC)
            elif code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
                seen.add(Script.LATIN)
            else:
                seen.add(Script.OTHER)
    if not seen:
        return Script.OTHER
    if Script.ARABIC in seen and Script.LATIN in seen:
        return Script.MIXED
    if len(seen) == 1:
        return seen.pop()
    return Script.MIXED


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé ،,1٣ﺳﻌ山αمحد\u064e\u200f²ß"), max_size=8))
def test_detect_script_matches_the_letter_by_letter_definition(text: str) -> None:
    assert detect_script(text) is _reference_script(text)


PIECES = "aZé -'’.\t\u00a0\u3000\x1c,1محد\u200fSeyedMeysam山"  # white space of every kind


@settings(max_examples=500, deadline=None)
@given(st.one_of(names, st.text(alphabet=st.sampled_from(PIECES), max_size=24)))
def test_words_read_piece_by_piece_are_the_words_of_the_whole_name(text: str) -> None:
    # the analysis reads each piece between white space once (_piece_words, cached):
    # no word may span white space
    whole = [(w, s) for w, s in split_words(text) if _norm(w, s)]
    assert [(w.text, w.script) for w in _words(text)] == whole
