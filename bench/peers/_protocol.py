"""The accuracy benchmark's adapter protocol, for adapters written in Python.

Standard library only: it runs in whatever environment the adapter runs in. The protocol
itself is described in bench/README.md; in short, ``ADAPTER INPUT OUTPUT`` reads the
JSON lines of INPUT (every ``entry``, then every ``query``, then every ``pair``) and
writes to OUTPUT one ``system`` line, then one line per query and per pair, in input
order. Exit status 3 means "this system is not available here".
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

__all__ = [
    "NOT_AVAILABLE",
    "TOP",
    "Entry",
    "Input",
    "Output",
    "Pair",
    "Query",
    "main",
    "read_input",
]

TOP = 10
NOT_AVAILABLE = 3


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    names: list[str]
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Query:
    id: str
    name: str
    birth_date: str | None = None
    nationality: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    a: str
    b: str


@dataclass
class Input:
    entries: list[Entry] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)


def read_input(path: Path) -> Input:
    out = Input()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            item: dict[str, Any] = json.loads(line)
            if "entry" in item:
                e = item["entry"]
                out.entries.append(
                    Entry(
                        str(e["id"]),
                        [str(n) for n in e["names"]],
                        list(e.get("birthDates", [])),
                        list(e.get("nationalities", [])),
                        list(e.get("documents", [])),
                    )
                )
            elif "query" in item:
                q = item["query"]
                out.queries.append(
                    Query(
                        str(q["id"]),
                        str(q["name"]),
                        q.get("birthDate"),
                        q.get("nationality"),
                        q.get("document"),
                    )
                )
            elif "pair" in item:
                p = item["pair"]
                out.pairs.append(Pair(str(p["id"]), str(p["a"]), str(p["b"])))
            else:
                raise ValueError(f"{path}:{number}: expected an entry, a query or a pair")
    return out


class Output:
    """Writes the adapter's answer lines."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle

    def _line(self, data: dict[str, Any]) -> None:
        self.handle.write(json.dumps(data, ensure_ascii=False) + "\n")

    def system(self, **meta: Any) -> None:
        self._line({"system": meta})

    def result(
        self,
        query_id: str,
        ranked: Iterable[tuple[str, float]],
        *,
        threshold: float,
        seconds: float,
        **extra: Any,
    ) -> None:
        """One query's answer: ``ranked`` is (entry id, score), best first; the top 10 go out."""
        results = [
            {"id": entry_id, "score": round(score, 6), "hit": score >= threshold}
            for entry_id, score in list(ranked)[:TOP]
        ]
        self._line({"query_id": query_id, "results": results, "seconds": seconds, **extra})

    def pair(self, pair_id: str, score: float, *, threshold: float, seconds: float) -> None:
        self._line(
            {
                "pair_id": pair_id,
                "score": round(score, 6),
                "hit": score >= threshold,
                "seconds": seconds,
            }
        )


def main(run: Callable[[Input, Output], None], argv: list[str] | None = None) -> int:
    """``ADAPTER INPUT OUTPUT``: read INPUT, let ``run`` answer into OUTPUT."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: ADAPTER INPUT.jsonl OUTPUT.jsonl", file=sys.stderr)
        return 2
    data = read_input(Path(args[0]))
    started = time.perf_counter()
    with Path(args[1]).open("w", encoding="utf-8") as handle:
        run(data, Output(handle))
    print(f"answered in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0
