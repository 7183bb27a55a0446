"""Accuracy benchmark adapter: the plain rapidfuzz baseline.

Runs in .bench-venv (bench/peers/setup). Every name, the query's and the index's, is
romanised with anyascii (Arabic script becomes a consonant skeleton, accents go), then
lower-cased and stripped of punctuation by rapidfuzz's ``default_process``; the query is
scored against every name of the index with ``fuzz.token_sort_ratio`` by
``process.extract``; an entry's score is that of its best name, divided by 100. A hit is
a score of at least 0.85.

    .bench-venv/bin/python bench/peers/rapidfuzz_adapter.py INPUT.jsonl OUTPUT.jsonl
"""

from __future__ import annotations

import sys
import time
from importlib.metadata import version

from _protocol import TOP, Input, Output, main
from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

THRESHOLD = 0.85
SCORER = fuzz.token_sort_ratio


def normalize(name: str) -> str:
    return str(default_process(anyascii(name)))


def run(data: Input, out: Output) -> None:
    started = time.perf_counter()
    choices: list[str] = []
    owners: list[str] = []
    for entry in data.entries:
        for name in entry.names:
            choices.append(normalize(name))
            owners.append(entry.id)
    out.system(
        name="rapidfuzz",
        version=version("rapidfuzz"),
        algorithm="process.extract, fuzz.token_sort_ratio on anyascii + default_process",
        threshold=THRESHOLD,
        entries=len(data.entries),
        index_seconds=time.perf_counter() - started,
        notes=[f"anyascii {version('anyascii')}"],
    )
    for query in data.queries:
        started = time.perf_counter()
        best: dict[str, float] = {}
        if choices:
            matches = process.extract(
                normalize(query.name), choices, scorer=SCORER, processor=None, limit=TOP * 5
            )
            for _, score, position in matches:
                owner = owners[position]
                best[owner] = max(best.get(owner, 0.0), score / 100.0)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        out.result(query.id, ranked, threshold=THRESHOLD, seconds=time.perf_counter() - started)
    for pair in data.pairs:
        started = time.perf_counter()
        score = SCORER(normalize(pair.a), normalize(pair.b)) / 100.0
        out.pair(pair.id, score, threshold=THRESHOLD, seconds=time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main(run))
