"""Benchmark and reference check: the scorer, pair by pair.

    .venv/bin/python bench/scorer_equivalence.py [--write REF.json | --check REF.json]
        [--algorithm tabadul-v2] [--repeat 5]

Builds about 3,000 (query, candidate) pairs, deterministically, from the synthetic
region (2,000 persons, seed 1): queries are a person's names as recorded, in either
script, or altered (a part dropped, written *LAST, First*, a part taken from another
person), with or without a date of birth, nationality, gender or document number (the
person's own, another one, or one with look-alike characters); candidates are the
persons that share a comparison key with the query, as the screening index would
return them, the person itself and a few strangers.

Scores every pair with :func:`tabadul.matching.scoring.score` and prints the time per
pair, cold (the comparison caches emptied first) and warm, with the machine.
``--write`` saves every result (score, hit, explanation, each feature) to a JSON file;
``--check`` compares against such a file and exits non-zero on any difference, printing
the first ones: a change meant to make the scorer faster must leave it identical.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from _machine import describe
from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching import features, names, scoring
from tabadul.matching.scoring import Candidate, Query, score
from tabadul.names import NameAnalysis, analyze
from tabadul.names import analysis as name_analysis
from tabadul.synth import generate_region

PERSONS = 2000
SEED = 1
QUERIES = 150
PER_QUERY = 20  # candidates scored per query, as in a screening

Pair = tuple[Query, Candidate]


class _Person:
    def __init__(
        self,
        names: list[tuple[str, NameKind]],
        dates: list[str],
        nationalities: list[str],
        gender: str | None,
        documents: list[str],
    ) -> None:
        self.names = names
        self.dates = dates
        self.nationalities = nationalities
        self.gender = gender
        self.documents = documents

    def candidate(self) -> Candidate:
        return Candidate(
            names=[(analyze(text), kind) for text, kind in self.names],
            birth_dates=[PartialDate.parse(d) for d in self.dates],
            nationalities=self.nationalities,
            gender=self.gender,
            documents=self.documents,
        )


def _persons() -> list[_Person]:
    persons: list[_Person] = []
    for owned in generate_region(persons=PERSONS, seed=SEED).records():
        record: Any = owned.record
        if record.kind != "person":
            continue
        persons.append(
            _Person(
                [(n.full_name, NameKind(n.kind)) for n in record.names],
                list(record.birth_dates),
                list(record.nationalities),
                record.gender.value if record.gender else None,
                [i.number for i in record.identifiers],
            )
        )
    return persons


_LOOKALIKE = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z"}


def _query_name(rng: random.Random, person: _Person, others: list[_Person]) -> str:
    text = rng.choice(person.names)[0]
    words = text.split()
    roll = rng.random()
    if roll < 0.15 and len(words) >= 3:
        del words[rng.randrange(1, len(words))]  # a part dropped
    elif roll < 0.25 and len(words) >= 2:
        words = [words[-1].upper() + ",", *words[:-1]]  # LAST, First
    elif roll < 0.4 and len(words) >= 2:
        other = rng.choice(rng.choice(others).names)[0].split()
        words[rng.randrange(len(words))] = rng.choice(other)  # a part of someone else
    elif roll < 0.55:
        return _joined(rng, text)
    return " ".join(words)


def _joined(rng: random.Random, text: str) -> str:
    """Two neighbouring words written as one (*Gholam Reza* / *Gholamreza*)."""
    words = text.split()
    if len(words) < 2:
        return text
    at = rng.randrange(len(words) - 1)
    words[at : at + 2] = [words[at] + words[at + 1].lower()]
    return " ".join(words)


def _query(rng: random.Random, person: _Person, persons: list[_Person]) -> Query:
    stranger = rng.choice(persons)
    date: str | None = None
    roll = rng.random()
    if roll < 0.3 and person.dates:
        date = person.dates[0]
    elif roll < 0.45 and person.dates:
        date = person.dates[0][:4]
    elif roll < 0.6 and stranger.dates:
        date = stranger.dates[0]
    document: str | None = None
    roll = rng.random()
    if roll < 0.15 and person.documents:
        document = person.documents[0]
    elif roll < 0.25 and person.documents:
        number = person.documents[0]
        document = "".join(_LOOKALIKE.get(ch, ch) if rng.random() < 0.3 else ch for ch in number)
    elif roll < 0.35 and stranger.documents:
        document = stranger.documents[0].lower()
    return Query(
        name=analyze(_query_name(rng, person, persons)),
        birth_date=PartialDate.parse(date) if date else None,
        nationality=rng.choice([None, *person.nationalities, *stranger.nationalities]),
        gender=rng.choice([None, person.gender, stranger.gender]),
        document=document,
    )


def build_pairs() -> list[Pair]:
    persons = _persons()
    by_key: dict[str, list[int]] = defaultdict(list)
    for at, person in enumerate(persons):
        keys = {k for text, _ in person.names for p in analyze(text).significant() for k in p.keys}
        for key in sorted(keys):
            by_key[key].append(at)
    rng = random.Random(SEED)
    pairs: list[Pair] = []
    for _ in range(QUERIES):
        at = rng.randrange(len(persons))
        query = _query(rng, persons[at], persons)
        shared: dict[int, int] = defaultdict(int)
        for part in query.name.significant():
            for key in sorted(part.keys):
                for other in by_key.get(key, ()):
                    shared[other] += 1
        ranked = sorted(shared, key=lambda i: (-shared[i], i))
        chosen = [at, *[i for i in ranked if i != at][: PER_QUERY - 5]]
        while len(chosen) < PER_QUERY - 1:
            chosen.append(rng.randrange(len(persons)))
        pairs.extend((query, persons[i].candidate()) for i in chosen)
        # the person again, a name of theirs with two words written as one
        person = persons[at]
        names = [(_joined(rng, text), kind) for text, kind in person.names]
        twin = _Person(names, person.dates, person.nationalities, person.gender, person.documents)
        pairs.append((query, twin.candidate()))
    return pairs


def _result(query: Query, candidate: Candidate, algorithm: str) -> dict[str, Any]:
    scored = score(query, candidate, algorithm=algorithm)
    return {
        "score": scored.score,
        "hit": scored.hit,
        "explanation": scored.explanation,
        "features": [
            [f.name, f.score, f.query, f.candidate, f.explanation] for f in scored.features
        ],
    }


# Caches of the analysis of a name, which the screening index fills as it loads.
_ANALYSIS_CACHES = ("_analyze", "_part", "_latin_key", "_arabic_primary_key", "_v2_model")


def _clear_caches() -> None:
    """Empty every cache of the comparison of parts and names (not the analyses)."""
    modules: list[ModuleType] = [name_analysis, names, scoring, features]
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, type):
                continue  # a cache's class, not a cache
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and name not in _ANALYSIS_CACHES:
                clear()


def _label(query: NameAnalysis, candidate: Candidate) -> str:
    return f"{query.original!r} / {[n.original for n, _ in candidate.names]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", type=Path, help="save the results to this JSON file")
    action.add_argument("--check", type=Path, help="compare the results with this JSON file")
    parser.add_argument("--algorithm", default=scoring.DEFAULT_ALGORITHM)
    parser.add_argument("--repeat", type=int, default=5, help="warm passes to time")
    args = parser.parse_args()
    print(describe())
    started = time.perf_counter()
    pairs = build_pairs()
    print(f"{len(pairs)} pairs built in {time.perf_counter() - started:.1f} s")

    _clear_caches()
    gc.collect()
    t = time.perf_counter()
    results = [_result(q, c, args.algorithm) for q, c in pairs]
    cold = (time.perf_counter() - t) / len(pairs) * 1e6
    warm_runs = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for q, c in pairs:
            score(q, c, algorithm=args.algorithm)
        warm_runs.append((time.perf_counter() - t) / len(pairs) * 1e6)
    names_per_pair = sum(len(c.names) for _, c in pairs) / len(pairs)
    print(
        f"{args.algorithm}: cold {cold:.1f} µs a pair, warm {min(warm_runs):.1f} µs a pair "
        f"(best of {args.repeat}; {names_per_pair:.1f} record names a pair); "
        f"{sum(r['hit'] for r in results)} hits"
    )

    if args.write:
        args.write.write_text(json.dumps(results, ensure_ascii=False, indent=0), "utf-8")
        print(f"wrote {len(results)} results to {args.write}")
    if args.check:
        reference = json.loads(args.check.read_text("utf-8"))
        if len(reference) != len(results):
            print(f"DIFFERENT: {len(reference)} results in the reference, {len(results)} now")
            return 1
        differences = [i for i, (a, b) in enumerate(zip(reference, results, strict=True)) if a != b]
        for i in differences[:5]:
            q, c = pairs[i]
            print(f"DIFFERENT pair {i}: {_label(q.name, c)}")
            print(f"  reference: {json.dumps(reference[i], ensure_ascii=False)}")
            print(f"  now:       {json.dumps(results[i], ensure_ascii=False)}")
        if differences:
            print(f"{len(differences)} of {len(results)} pairs differ")
            return 1
        print(f"identical: {len(results)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
