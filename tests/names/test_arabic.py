"""Arabic normalisation, readings and romanisation by rule."""

from __future__ import annotations

import pytest

from tabadul.names._arabic import arabic_shapes, fold_arabic, normalize_arabic, romanize_word
from tabadul.names.normalize import fold, tokens


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("فاطمة", "فاطمه"),
        ("مصطفى", "مصطفي"),
        ("مُحَمَّد", "محمد"),
        ("محـــمد", "محمد"),
        ("یوسف", "يوسف"),
        ("کریم", "كريم"),
        ("زۀرا", "زهرا"),
        ("\ufeb3\ufecc\ufbff\ufea9", "سعيد"),  # presentation forms
        ("\u200fعلي\u200e", "علي"),
        ("٢٠٢٤ ۱۹", "2024 19"),
    ],
)
def test_fold_arabic(written: str, folded: str) -> None:
    assert fold_arabic(written) == folded


def test_normalize_keeps_what_helps_reading() -> None:
    assert normalize_arabic("فاطمة") == "فاطمة"
    assert normalize_arabic("أحمد") == "أحمد"
    assert normalize_arabic("Mohamed") == "Mohamed"


def test_fold_and_tokens_keep_their_meaning() -> None:
    assert fold("أحمد") == fold("احمد")
    assert fold("Saïd") == "said"
    assert tokens("Mohamed OULD-Cheikh") == ["mohamed", "ould", "cheikh"]
    assert tokens("مُحَمَّد بن عليّ") == ["محمد", "بن", "علي"]


@pytest.mark.parametrize(
    ("word", "keys"),
    [
        ("جمال", {"jml", "gml"}),  # jim, Egyptian g
        ("قاسم", {"ksm", "gsm", "Gsm"}),  # qaf, Maghrebi g, Persian gh
        ("عثمان", {"_tmn", "_smn"}),  # tha, Turkish s
        ("المصري", {"msr"}),  # the article is read off
    ],
)
def test_letters_read_several_ways(word: str, keys: set[str]) -> None:
    assert keys <= {s.key for s in arabic_shapes((word,))}


def test_readings_are_ordered_most_likely_first() -> None:
    shapes = arabic_shapes(("جمال",))
    assert shapes[0].key == "jml" and shapes[0].quality == 1.0
    assert all(0 < s.quality <= 1 for s in shapes)


@pytest.mark.parametrize(
    ("word", "latin"),
    [("كريم", "karim"), ("سعيد", "said"), ("سليم", "salim"), ("وليد", "walid"), ("جعفر", "jafar")],
)
def test_romanize_word(word: str, latin: str) -> None:
    assert romanize_word(word) == latin
