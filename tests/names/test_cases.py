"""The labelled name cases (cases.csv), run as a table.

Each row is two names, whether they must match, and why. Two names match when they
have as many significant parts and the parts pair up, in some order, each pair scoring
at least ``MATCH`` with :func:`tabadul.names.part_similarity`. (The screening scorer
aligns parts more leniently; this is the part-level contract it builds on.) Add every
reported mistake here as a case.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from tabadul.names import analyze, part_similarity

MATCH = 0.9
CASES = Path(__file__).with_name("cases.csv")


def _rows() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def names_match(a: str, b: str) -> tuple[bool, list[str]]:
    """Whether the two names match (see the module docstring), and the reasons."""
    pa, pb = analyze(a).significant(), analyze(b).significant()
    if len(pa) != len(pb) or not pa:
        return False, [f"{len(pa)} significant parts against {len(pb)}"]
    best: tuple[float, list[str]] = (-1.0, [])
    for order in itertools.permutations(pb):
        results = [part_similarity(x, y) for x, y in zip(pa, order, strict=True)]
        worst = min(score for score, _ in results)
        if worst > best[0]:
            best = (worst, [why for _, why in results])
    return best[0] >= MATCH, best[1]


def test_the_case_file_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 80
    assert {r["expected"] for r in rows} == {"match", "no_match"}
    assert all(r["a"] and r["b"] and r["reason"] for r in rows)
    assert len({(r["a"], r["b"]) for r in rows}) == len(rows), "duplicate case"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['a']}|{r['b']}")
def test_case(row: dict[str, str]) -> None:
    matched, reasons = names_match(row["a"], row["b"])
    expected = row["expected"] == "match"
    assert matched is expected, f"{row['reason']}: {reasons}"
    # the comparison does not depend on which name comes first
    assert names_match(row["b"], row["a"])[0] is expected
