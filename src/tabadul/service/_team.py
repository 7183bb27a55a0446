"""A passenger list screened, and the index built, on every core: the processes that
share the work.

A batch's CPU work — analysing each query, ranking the index's candidates, scoring
those the rules let through — depends only on the query and the index, so it splits
across processes. *Helpers* are forked from this process when a batch needs them: each
is a copy of this process at that moment, so it holds exactly the index the batch sees
(shared copy-on-write: nothing is copied or loaded), ranks and scores its share of the
queries and sends back plain values (record ids; scores with their explanations).
Everything the exchange rules decide stays in this process: a helper never opens the
database, and scores only the candidates of a query that this process's rule check let
through (the ids it is sent).

Helpers are kept (:class:`Helpers`) for the next batches while the index they copied
is unchanged, so the caches of the name analysis they fill stay warm; the first batch
after a write to the index forks new ones (a standing pool would instead hold its own
copy of the index, 0.7 GB at a million persons, that every write must reach). Forking
costs a few milliseconds. Helpers are used only

- where ``os.fork`` exists (Linux, the BSDs, macOS), and
- while this process runs a single thread: a fork copies only the calling thread, and
  the objects other threads held (a database connection in the middle of a request)
  would be released in the copy, which could close them under their owner; and kept
  helpers answer one batch at a time. The CLI, the benchmarks and any script screen
  with every core; the HTTP server (threads) screens a batch in one process and uses
  its cores through ``tabadul serve --workers N``;
- for a batch of at least ``MIN_QUERIES`` queries (below that, the work to share is
  smaller than what sharing costs).

An index built from the store shares its dearest step the same way (:func:`preparing`):
helpers forked for the build analyse a share of every chunk of persons while this
process reads the next chunk, and end with the build.

A helper ends when its service is disposed of, when the index changes, or when this
process ends (it reads the end of its pipe). A helper that fails (killed, out of
memory) costs nothing but time: its share is done here, and the results are the same
whoever computes them.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import threading
from collections.abc import Sequence, Set
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import TYPE_CHECKING, Any, Protocol

from tabadul.domain.dates import PartialDate
from tabadul.matching.index import PersonData, Prepared, ScreeningIndex, prepare
from tabadul.matching.scoring import Query, Scored, score
from tabadul.names import analyze

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "MIN_QUERIES",
    "Asked",
    "Helpers",
    "ScoreAsk",
    "Team",
    "may_fork",
    "preparing",
    "processes_for",
    "team",
]

# A batch shorter than this is screened in one process.
MIN_QUERIES = 16
# How many queries (or persons to prepare for a building index) this process takes for
# every HELPER_SHARE a helper takes: this process also checks the rules and writes the
# answers (or reads the store and inserts every person), so it takes fewer.
OWN_SHARE = 2
HELPER_SHARE = 3
_log = logging.getLogger(__name__)

Ranked = list[int]
ScoredIds = list[tuple[Scored, int]]


class Asked(Protocol):
    """What a query carries into the index (a :class:`~tabadul.service.screening.ScreenQuery`)."""

    @property
    def name(self) -> str: ...
    @property
    def birth_date(self) -> str | None: ...
    @property
    def nationality(self) -> str | None: ...
    @property
    def document(self) -> str | None: ...


def query_of(asked: Asked) -> Query:
    """The scorer's query for a screening query."""
    return Query(
        name=analyze(asked.name),
        birth_date=PartialDate.parse(asked.birth_date) if asked.birth_date else None,
        nationality=asked.nationality,
        document=asked.document,
    )


def rank(index: ScreeningIndex, query: Query) -> Ranked:
    """The persons the index proposes for a query, best pre-score first."""
    return index.rank(
        query.name,
        document=query.document,
        birth_year=query.birth_date.year if query.birth_date else None,
        nationality=query.nationality,
    )


def score_allowed(
    index: ScreeningIndex, query: Query, allowed: Sequence[int], full: Set[int], limit: int
) -> ScoredIds:
    """Score the persons the rules let through for this query (``allowed``, in ranked
    order); keep those seen in full (``full``) and the hits, best first, at most
    ``limit``."""
    scored: ScoredIds = []
    for rid in allowed:
        entry = index.entry(rid)
        if entry is None:
            continue  # removed from the index since it was ranked
        result = score(query, entry.candidate)
        if rid in full or result.hit:
            scored.append((result, rid))
    scored.sort(key=lambda item: (-item[0].score, item[1]))
    return scored[:limit]


def may_fork() -> bool:
    """Whether helpers may be forked here: ``os.fork`` exists and this process runs a
    single thread (see the module's docstring)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def processes_for(setting: int) -> int:
    """How many processes a batch may use: ``setting``, or every core this process may
    run on when it is 0."""
    if setting > 0:
        return setting
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class _Helper:
    pid: int
    conn: Connection
    alive: bool = True


@dataclass(frozen=True, slots=True)
class ScoreAsk:
    """One query's scoring: its position in the batch, the persons the rules let
    through (ranked order), those of them the viewer sees in full, how many to keep."""

    position: int
    allowed: list[int]
    full: frozenset[int]
    limit: int


class Team:
    """This process and the helpers forked for one batch (none: this process alone).

    Positions are the queries' places in the batch; each position is worked on by one
    process, chosen by :meth:`_worker`. The queries this process ranked keep their
    analysis here for the scoring; a helper keeps its own.
    """

    def __init__(self, index: ScreeningIndex, queries: Sequence[Asked], helpers: list[_Helper]):
        self._index = index
        self._asked = queries
        self._helpers = helpers
        self._queries: dict[int, Query] = {}
        cycle = [-1] * OWN_SHARE + [h for h in range(len(helpers)) for _ in range(HELPER_SHARE)]
        self._cycle = cycle

    def _worker(self, position: int) -> int:
        """-1 for this process, else the helper's number."""
        worker = self._cycle[position % len(self._cycle)]
        return worker if worker < 0 or self._helpers[worker].alive else -1

    def _query(self, position: int) -> Query:
        query = self._queries.get(position)
        if query is None:
            query = self._queries[position] = query_of(self._asked[position])
        return query

    def rank(self, positions: range) -> list[Ranked]:
        """The ranked candidates of the queries at ``positions`` (a chunk of the batch,
        scored before the next is ranked: a helper keeps one chunk's queries)."""
        out: dict[int, Ranked] = {}
        sent = self._send("rank", lambda p: (p, self._asked[p]), positions)
        for position in positions:
            if self._worker(position) < 0:
                out[position] = rank(self._index, self._query(position))
        for h, shared in sent.items():
            answers = self._receive(h, len(shared))
            out.update(zip(shared, answers or [], strict=False))
        return [  # a query whose helper failed is ranked here
            out[p] if p in out else rank(self._index, self._query(p)) for p in positions
        ]

    def score(self, asks: Sequence[ScoreAsk]) -> list[ScoredIds]:
        """Each ask's scored persons, best first (in the order of ``asks``)."""
        by_position = {ask.position: ask for ask in asks}
        out: dict[int, ScoredIds] = {}
        sent = self._send("score", by_position.__getitem__, [ask.position for ask in asks])
        for ask in asks:
            if self._worker(ask.position) < 0:
                out[ask.position] = self._score_here(ask)
        for h, positions in sent.items():
            answers = self._receive(h, len(positions))
            for position, scored in zip(positions, answers or [], strict=False):
                out[position] = scored
        return [out[ask.position] if ask.position in out else self._score_here(ask) for ask in asks]

    def _score_here(self, ask: ScoreAsk) -> ScoredIds:
        return score_allowed(
            self._index, self._query(ask.position), ask.allowed, ask.full, ask.limit
        )

    def _send(
        self, kind: str, item: Callable[[int], Any], positions: Sequence[int]
    ) -> dict[int, list[int]]:
        """Send each live helper ``kind`` and the ``item`` of each position of its share
        of ``positions``; the positions sent, by helper."""
        shares: dict[int, list[int]] = {}
        for position in positions:
            worker = self._worker(position)
            if worker >= 0:
                shares.setdefault(worker, []).append(position)
        sent: dict[int, list[int]] = {}
        for h, share in shares.items():
            try:
                self._helpers[h].conn.send((kind, [item(p) for p in share]))
            except (OSError, ValueError) as exc:
                _lost(self._helpers[h], exc)
                continue
            sent[h] = share
        return sent

    def _receive(self, h: int, count: int) -> list[Any] | None:
        return _answer(self._helpers[h], count)


class Helpers:
    """The helpers of one screening service (see the module's docstring)."""

    def __init__(self) -> None:
        self._helpers: list[_Helper] = []
        self._copied: int | None = None  # the generation of the index they hold

    def ready(self, index: ScreeningIndex, wanted: int) -> list[_Helper]:
        """``wanted`` live helpers holding ``index`` as it is now (fewer if a fork
        fails)."""
        copied = index.generation
        if copied != self._copied or any(not h.alive for h in self._helpers):
            self.close()
            self._copied = copied
        self._helpers += _fork_many(index, wanted - len(self._helpers))
        return self._helpers[:wanted]

    def close(self) -> None:
        """End every helper (and wait for it)."""
        helpers, self._helpers = self._helpers, []
        self._copied = None
        _end(helpers)


def team(index: ScreeningIndex, queries: Sequence[Asked], processes: int, kept: Helpers) -> Team:
    """The team for a batch: this process, with helpers (``kept``'s) when the batch is
    long enough, more than one process is allowed and this process runs one thread."""
    wanted = min(processes - 1, len(queries) // MIN_QUERIES)
    helpers: list[_Helper] = []
    if wanted > 0 and may_fork():
        helpers = kept.ready(index, wanted)
    return Team(index, queries, helpers)


@contextlib.contextmanager
def preparing(
    processes: int,
) -> Iterator[Callable[[Sequence[PersonData]], Callable[[], list[Prepared]]]]:
    """While the block runs, a function that starts to
    :func:`~tabadul.matching.index.prepare` persons, sharing the work with helpers (on
    the terms of batches: see the module's docstring), and returns a function that
    waits for the end of that work and returns the prepared persons, in order. Between
    the two, this process can read the next persons from the store while the helpers
    work: an index built from the store analyses every name."""
    helpers = _fork_many(None, processes - 1) if processes > 1 and may_fork() else []

    def start(persons: Sequence[PersonData]) -> Callable[[], list[Prepared]]:
        live = [h for h in helpers if h.alive]
        parts = OWN_SHARE + HELPER_SHARE * len(live)
        own = len(persons) * OWN_SHARE // parts
        shares: list[tuple[_Helper, Sequence[PersonData]]] = []
        at = own
        for n, helper in enumerate(live):
            end = len(persons) if n == len(live) - 1 else at + (len(persons) - own) // len(live)
            share = persons[at:end]
            try:
                helper.conn.send(("prepare", share))
            except (OSError, ValueError) as exc:
                _lost(helper, exc)  # its share is done here
            shares.append((helper, share))
            at = end
        done = [prepare(person) for person in persons[:own]]

        def finish() -> list[Prepared]:
            for helper, share in shares:
                answers = _answer(helper, len(share)) if helper.alive else None
                done.extend(answers if answers is not None else [prepare(p) for p in share])
            return done

        return finish

    try:
        yield start
    finally:
        _end(helpers)


def _answer(helper: _Helper, count: int) -> list[Any] | None:
    """A helper's answer of ``count`` items; ``None`` (and the helper lost) if it fails."""
    try:
        status, value = helper.conn.recv()
    except (EOFError, OSError) as exc:
        _lost(helper, exc)
        return None
    if status != "ok" or len(value) != count:
        _lost(helper, RuntimeError(str(value)))
        return None
    answers: list[Any] = value
    return answers


def _lost(helper: _Helper, why: BaseException) -> None:
    if helper.alive:
        _log.warning("screening helper %d failed (%s); its share is done here", helper.pid, why)
    helper.alive = False


def _end(helpers: Sequence[_Helper]) -> None:
    """End the helpers and wait for them."""
    for helper in helpers:
        try:
            if helper.alive:
                helper.conn.send(None)
            helper.conn.close()
        except OSError:
            pass
        with contextlib.suppress(ChildProcessError):
            os.waitpid(helper.pid, 0)


def _fork_many(index: ScreeningIndex | None, count: int) -> list[_Helper]:
    """Up to ``count`` new helpers (fewer if a fork fails)."""
    helpers: list[_Helper] = []
    while len(helpers) < count:
        helper = _fork(index)
        if helper is None:
            break
        helpers.append(helper)
    return helpers


def _fork(index: ScreeningIndex | None) -> _Helper | None:
    ours, theirs = Pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        _log.warning("no screening helper (fork failed: %s); screening in one process", exc)
        ours.close()
        theirs.close()
        return None
    if pid == 0:  # the helper
        code = 0
        try:
            ours.close()
            _serve(theirs, index)
        except BaseException:
            code = 1
        finally:
            os._exit(code)  # never unwinds into the parent's stack, closes nothing of it
    theirs.close()
    return _Helper(pid, ours)


def _serve(conn: Connection, index: ScreeningIndex | None) -> None:
    """A helper's life: rank and score what it is sent, until told to stop."""
    # No cyclic collection in the helper: it would copy the pages of objects it only
    # reads, and could finalise objects of the parent's that the helper must not touch.
    gc.disable()
    queries: dict[int, Query] = {}
    for message in _messages(conn):
        kind, items = message
        try:
            if kind == "prepare":  # persons for a building index
                answers: list[Any] = [prepare(person) for person in items]
            elif index is None:
                raise RuntimeError("a helper for a building index has no index to search")
            elif kind == "rank":  # a chunk of a batch begins
                queries.clear()
                answers = []
                for position, asked in items:
                    query = queries[position] = query_of(asked)
                    answers.append(rank(index, query))
            else:
                answers = [
                    score_allowed(index, queries[a.position], a.allowed, a.full, a.limit)
                    for a in items
                ]
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
            continue
        conn.send(("ok", answers))


def _messages(conn: Connection) -> Iterator[Any]:
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        yield message
