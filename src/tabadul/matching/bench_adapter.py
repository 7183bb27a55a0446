"""tabadul's side of the accuracy benchmark (``bench/accuracy``): the matcher alone —
name analysis, the candidate index and the scorer — on the protocol of
``bench/README.md``, with no database and no rules (the peers have none either)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from tabadul import __version__
from tabadul.domain.dates import InvalidDate, PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching.index import Entry, ScreeningIndex
from tabadul.matching.scoring import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    THRESHOLD,
    Candidate,
    Query,
    score,
)
from tabadul.names import analyze

__all__ = ["run"]

TOP = 10


def _date(value: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(value) if value else None
    except InvalidDate:
        return None


def run(input_path: Path, output_path: Path) -> None:
    """Answer the protocol's input; ``TABADUL_ALGORITHM`` picks a scorer other than the
    default (``bench/accuracy/run.py --algorithm``), to compare versions."""
    algorithm = os.environ.get("TABADUL_ALGORITHM", DEFAULT_ALGORITHM)
    if algorithm not in ALGORITHMS:
        raise SystemExit(f"unknown algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")
    index = ScreeningIndex()
    entries: dict[int, str] = {}
    queries: list[dict[str, Any]] = []
    pairs: list[dict[str, Any]] = []
    started = time.perf_counter()
    with input_path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if "entry" in item:
                e = item["entry"]
                slot = len(entries) + 1
                entries[slot] = str(e["id"])
                names = [(analyze(n), NameKind.PRIMARY) for n in e.get("names", []) if n.strip()]
                dates = [d for d in (_date(x) for x in e.get("birthDates", [])) if d is not None]
                index.upsert(
                    Entry(
                        slot,
                        0,
                        str(e["id"]),
                        Candidate(
                            names=names,
                            birth_dates=dates,
                            nationalities=[c.upper() for c in e.get("nationalities", [])],
                            documents=list(e.get("documents", [])),
                        ),
                    )
                )
            elif "query" in item:
                queries.append(item["query"])
            elif "pair" in item:
                pairs.append(item["pair"])
    index_seconds = time.perf_counter() - started
    with output_path.open("w", encoding="utf-8") as out:
        out.write(
            json.dumps(
                {
                    "system": {
                        "name": "tabadul",
                        "version": __version__,
                        "algorithm": algorithm,
                        "threshold": THRESHOLD,
                        "entries": len(entries),
                        "index_seconds": round(index_seconds, 3),
                        "notes": "in-process matcher: name analysis, index, scorer",
                    }
                }
            )
            + "\n"
        )
        for q in queries:
            t = time.perf_counter()
            query = Query(
                name=analyze(q["name"]),
                birth_date=_date(q.get("birthDate")),
                nationality=(q.get("nationality") or "").upper() or None,
                document=q.get("document"),
            )
            ranked = sorted(
                (
                    (score(query, e.candidate, algorithm=algorithm), e)
                    for e in index.candidates(query.name, query.document)
                ),
                key=lambda pair: -pair[0].score,
            )[:TOP]
            out.write(
                json.dumps(
                    {
                        "query_id": q["id"],
                        "results": [
                            {"id": e.external_id, "score": s.score, "hit": s.hit} for s, e in ranked
                        ],
                        "seconds": round(time.perf_counter() - t, 6),
                    }
                )
                + "\n"
            )
        for p in pairs:
            t = time.perf_counter()
            s = score(
                Query(name=analyze(p["a"])),
                Candidate(names=[(analyze(p["b"]), NameKind.PRIMARY)]),
                algorithm=algorithm,
            )
            out.write(
                json.dumps(
                    {
                        "pair_id": p["id"],
                        "score": s.score,
                        "hit": s.hit,
                        "seconds": round(time.perf_counter() - t, 6),
                    }
                )
                + "\n"
            )
