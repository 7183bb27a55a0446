"""Accuracy benchmark adapter: nomenklatura's ``logic-v2`` matcher, as yente uses it.

Runs in .bench-venv (bench/peers/setup). Every index entry becomes a FollowTheMoney
``Person`` (``name``, ``birthDate``, ``nationality``, ``idNumber``); so does every query.
Candidates come from nomenklatura's own blocking index (``nomenklatura.blocker.Index``:
DuckDB, name-part, name-symbol and identifier tokens weighted by rarity, at most 75
candidates a query), built once over the index and asked for all queries in one batch,
as nomenklatura's cross-referencing does; each candidate is then scored with
``LogicV2.compare(query, candidate, config)`` at the algorithm's default configuration.
A hit is a score of at least 0.70, yente's default match threshold (``SCORE_THRESHOLD``).

A query's ``seconds`` is its scoring time plus an equal share of the batch blocking
time; its line also carries ``candidates``, the number the blocker returned.

    .bench-venv/bin/python bench/peers/nomenklatura_adapter.py INPUT.jsonl OUTPUT.jsonl
    .bench-venv/bin/python bench/peers/nomenklatura_adapter.py --all INPUT OUTPUT

``--all`` scores every query against every entry instead (no blocking; slow: use on
small indexes only, to see what the blocker costs in recall).
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from _protocol import Entry, Input, Output, Query, main
from followthemoney import Dataset, StatementEntity
from nomenklatura.blocker import Index
from nomenklatura.matching import LogicV2
from nomenklatura.resolver.linker import Linker
from nomenklatura.store import MemoryStore

THRESHOLD = 0.70  # yente's default SCORE_THRESHOLD
DATASET = Dataset.make({"name": "bench", "title": "tabadul accuracy benchmark"})


def person(entity_id: str, names: list[str], **props: list[str]) -> StatementEntity:
    entity = StatementEntity(DATASET, {"schema": "Person", "id": entity_id})
    for name in names:
        entity.add("name", name)
    for prop, values in props.items():
        for value in values:
            entity.add(prop, value)
    return entity


def entry_entity(entry: Entry) -> StatementEntity:
    return person(
        entry.id,
        entry.names,
        birthDate=entry.birth_dates,
        nationality=entry.nationalities,
        idNumber=entry.documents,
    )


def query_entity(query: Query) -> StatementEntity:
    # Query ids must not collide with entry ids: the blocker skips an entity's own id.
    return person(
        f"query:{query.id}",
        [query.name],
        birthDate=[query.birth_date] if query.birth_date else [],
        nationality=[query.nationality] if query.nationality else [],
        idNumber=[query.document] if query.document else [],
    )


def blocked_candidates(
    entities: list[StatementEntity], queries: list[StatementEntity], workdir: Path
) -> tuple[dict[str, list[str]], float, float]:
    """Candidate entry ids per query id from nomenklatura's blocking index, with the
    seconds spent building the index and answering the batch."""
    started = time.perf_counter()
    store: MemoryStore[Dataset, StatementEntity] = MemoryStore(DATASET, Linker({}))
    with store.writer() as writer:
        for entity in entities:
            writer.add_entity(entity)
    index = Index(store.view(DATASET), workdir)
    index.build()
    built = time.perf_counter()
    candidates: dict[str, list[str]] = {}
    for query_id, matches in index.match_entities(queries):
        candidates[query_id.id] = [ident.id for ident, _ in matches]
    index.close()
    return candidates, built - started, time.perf_counter() - built


def run_with(data: Input, out: Output, *, exhaustive: bool) -> None:
    started = time.perf_counter()
    entities = {entry.id: entry_entity(entry) for entry in data.entries}
    queries = [query_entity(query) for query in data.queries]
    config = LogicV2.default_config()
    notes = [
        f"followthemoney {version('followthemoney')}",
        f"rigour {version('rigour')}",
        "candidates: every entry" if exhaustive else "candidates: nomenklatura.blocker.Index",
    ]
    blocking_share = 0.0
    candidates: dict[str, list[str]] = {}
    index_seconds = time.perf_counter() - started
    if not exhaustive and entities and queries:
        with tempfile.TemporaryDirectory(prefix="nk-index-") as workdir:
            candidates, build_seconds, batch_seconds = blocked_candidates(
                list(entities.values()), queries, Path(workdir)
            )
        index_seconds += build_seconds
        blocking_share = batch_seconds / len(queries)
        notes.append(f"batch blocking {batch_seconds:.1f}s for {len(queries)} queries")
    out.system(
        name="nomenklatura",
        version=version("nomenklatura"),
        algorithm=LogicV2.NAME,
        threshold=THRESHOLD,
        entries=len(entities),
        index_seconds=index_seconds,
        notes=notes,
    )
    for query, entity in zip(data.queries, queries, strict=True):
        started = time.perf_counter()
        ids = list(entities) if exhaustive else candidates.get(entity.id or "", [])
        scored = [(i, LogicV2.compare(entity, entities[i], config).score) for i in ids]
        ranked = sorted(scored, key=lambda item: (-item[1], item[0]))
        extra: dict[str, Any] = {"candidates": len(ids)}
        out.result(
            query.id,
            ranked,
            threshold=THRESHOLD,
            seconds=time.perf_counter() - started + blocking_share,
            **extra,
        )
    for pair in data.pairs:
        started = time.perf_counter()
        left = person(f"pair:{pair.id}:a", [pair.a])
        right = person(f"pair:{pair.id}:b", [pair.b])
        score = LogicV2.compare(left, right, config).score
        out.pair(pair.id, score, threshold=THRESHOLD, seconds=time.perf_counter() - started)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    argv = sys.argv[1:]
    exhaustive = "--all" in argv
    argv = [arg for arg in argv if arg != "--all"]
    sys.exit(main(lambda data, out: run_with(data, out, exhaustive=exhaustive), argv))
