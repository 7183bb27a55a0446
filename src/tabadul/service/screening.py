"""Screening: a person's name (any script, any spelling), date of birth, nationality and
document number against every person record the viewer may screen, ranked, each
result with the reasons it matched.

The order of work keeps the exchange rules whole: the index proposes candidates; the
policy layer removes, in SQL, every candidate the viewer may not screen (those are
never scored, counted or hinted at); the rest are scored; a result the viewer sees in
full carries its score and explanation, a hit-only one only its reference, owner and
handling code — and only when it is a hit. Every screening is audited (who, when,
purpose, what was asked, how many hits) and every hit on another agency's record
notifies its owner.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import ColumnElement, Select, and_, bindparam, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tabadul.audit import AuditAction, NewEntry, append_many
from tabadul.domain.countries import normalize_country
from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import Purpose, Visibility
from tabadul.matching.index import INDEX_VERSION, PersonData, Prepared, ScreeningIndex
from tabadul.matching.scoring import Scored
from tabadul.matching.snapshot import (
    SnapshotError,
    analysis_fingerprint,
    read_snapshot,
    write_snapshot,
)
from tabadul.policy import Action, Viewer
from tabadul.service._team import Helpers, ScoreAsk, Team, preparing, processes_for, team
from tabadul.service.errors import FieldError, InvalidInput
from tabadul.service.hits import reference
from tabadul.store.tables import (
    Agency,
    BirthDate,
    Document,
    Nationality,
    Person,
    PersonIdentifier,
    PersonName,
    Record,
)

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["IndexReport", "ScreenQuery", "ScreenResult", "Screening"]

MAX_NAME = 400
_CHUNK = 500  # ids per IN (...) list
_BUILD_CHUNK = 20_000  # persons read per round when building from the store
_BATCH_CHUNK = 64  # queries of a batch that share their rule checks
_PAGE = 32  # ranked candidates checked against the rules at a time, at least
SCORED_MIN = 20  # candidates scored in full per query, at least
# Above this share of persons changed since a snapshot, rebuilding beats catching up.
_CATCH_UP_SHARE = 0.25
# SQLite: how often a screening's write transaction, refused as busy, is tried again.
_SQLITE_RETRIES = 20
_T = TypeVar("_T")
_log = logging.getLogger(__name__)


class ScreenQuery(BaseModel):
    """One person to screen; the batch file's lines have this shape.

    What the input is, and what is refused (each error names the field):

    - ``name``: any script, scripts mixed. Marks that only steer how text is shown
      (right-to-left and left-to-right marks, embeddings, isolates, zero-width joiners,
      the byte-order mark) are removed; tabs, line breaks and other spaces count as one
      space. Refused: no letter at all, more than ``MAX_NAME`` characters, a control
      character (NUL, escape ...: a sign of a broken file, never part of a name).
    - ``birthDate``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real date.
    - ``nationality``: an ISO 3166-1 alpha-2 code, any case.
    - ``document``: the number as written; no control character.
    - Optional fields left blank are not given.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)
    id: str = Field(default="q", min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    birth_date: str | None = Field(default=None, alias="birthDate", max_length=40)
    nationality: str | None = Field(default=None, max_length=40)
    document: str | None = Field(default=None, max_length=200)

    @staticmethod
    def _visible(value: str) -> str:
        """The text without layout marks, spaces of every kind made one space;
        raises for a control character."""
        out = []
        for ch in value:
            if ch.isspace():
                out.append(" ")
                continue
            category = unicodedata.category(ch)
            if category == "Cc":
                raise ValueError(f"contains a control character (U+{ord(ch):04X}); remove it")
            if category != "Cf":  # direction marks, zero-width joiners, byte-order mark
                out.append(ch)
        return " ".join("".join(out).split())

    @field_validator("id")
    @classmethod
    def _plain_id(cls, value: str) -> str:
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            raise ValueError("contains a control character; use letters, digits and dashes")
        return value

    @field_validator("name")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        cleaned = cls._visible(value)
        if not any(ch.isalpha() for ch in cleaned):
            raise ValueError("give a name with at least one letter")
        return cleaned

    @field_validator("birth_date", "nationality", "document", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("birth_date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return str(PartialDate.parse(value)) if value else None

    @field_validator("nationality")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return normalize_country(value) if value else None

    @field_validator("document")
    @classmethod
    def _document(cls, value: str | None) -> str | None:
        return (cls._visible(value) or None) if value else None


@dataclass(frozen=True)
class ScreenResult:
    record_id: str
    owner: str
    owner_name: str
    handling_code: str
    access: Visibility
    hit: bool
    hit_id: int | None = None
    score: float | None = None  # full access only
    explanation: list[str] | None = None  # full access only
    handling_conditions: str | None = None  # full access only


@dataclass(frozen=True)
class IndexReport:
    """How the screening index was made ready: from a ``snapshot`` (and how many
    records changed since were refreshed), or from the ``store``; and why a snapshot
    was not used, if one was there."""

    source: str
    persons: int
    seconds: float  # to make the index ready, without writing the snapshot
    refreshed: int = 0
    snapshot_problem: str | None = None
    snapshot_seconds: float = 0.0  # to write the snapshot after a build


def invalid_query(exc: ValidationError, query_id: str | None = None) -> InvalidInput:
    errors = [
        FieldError(tuple(str(p) for p in e["loc"]), e["msg"].removeprefix("Value error, "))
        for e in exc.errors()
    ]
    if query_id:
        errors = [FieldError((query_id, *e.loc), e.message) for e in errors]
    return InvalidInput(errors)


@dataclass(eq=False)
class _Prepared:
    """One query on its way through a batch."""

    position: int  # in the batch
    query: ScreenQuery
    ranked: list[int]
    want: int
    next_at: int = 0
    allowed: list[int] = field(default_factory=list)


def scored_per_query(limit: int) -> int:
    """How many candidates a query scores in full, for ``limit`` results: a few more
    than it shows, since the pre-score only approximates the scorer's order."""
    return max(limit + limit // 2, SCORED_MIN)


class Screening:
    """Screening, and the index it runs on.

    **The index's life.** :meth:`load` makes it ready: from the snapshot on disk when
    there is one made from this database with this name analysis (then brought up to
    date: every person's version — from its ``updated_at`` and its documents' — is
    read from the store, about a second a million persons; those whose version differs
    from the snapshot's are refreshed, those gone are removed; past a quarter changed,
    it rebuilds instead),
    otherwise from the store, after which a snapshot is written for the next start. A
    damaged or foreign snapshot is reported (:class:`IndexReport`, and a warning in the
    log) and rebuilt, never trusted. ``tabadul serve`` loads the index before it
    accepts requests; anything else (the CLI, tests) loads it on first use. Every write
    committed through the service refreshes the records it wrote (and the holders of
    documents it wrote) once its transaction commits: one record at a time, no rebuild.
    The other processes of the installation on this machine (more server workers, the
    CLI) learn of those writes through the changes journal (:meth:`publish`) and refresh
    them before their next screening. The journal is only ever appended to.
    :meth:`save_snapshot` compacts the index and writes it out (the server does so when
    it stops).

    **A query's way** (:meth:`screen_batch`): the index ranks the persons sharing a
    name key or the document number by its pre-score (see
    :mod:`tabadul.matching.index`); the policy, as one SQL condition built once per
    call, keeps — a page of ranked candidates at a time, shared by every query of a
    chunk of the batch — those the viewer may screen, until :func:`scored_per_query`
    (a few more than shown) are found or the ranking is exhausted. Only those are scored in full:
    a record the viewer may not screen is never scored, counted or hinted at, and since
    the pre-score of a person depends on nobody else, the records a viewer may not see
    do not change which of the others are scored — with two bounds, both about cost:
    the index ranks at most ``MAX_POOL`` candidates, and a name part held by more than
    ``COMMON_PART`` persons (whoever may see them) no longer finds candidates on its own
    when the query has a rarer part. A batch's ranking and scoring, and the analysis of
    a build, are shared with helper processes where that is safe
    (:mod:`tabadul.service._team`): the rules check and the answers stay here.
    """

    def __init__(self, app: Tabadul) -> None:
        self._app = app
        self._index: ScreeningIndex | None = None
        self._lock = threading.RLock()
        self._trust_snapshot = True
        self.last_load: IndexReport | None = None
        self.changed_since_snapshot = False
        # SQLite: one screening at a time in this process. The GIL serialises their work
        # anyway, and in turn each is answered sooner than interleaved. Measured: with
        # a server's threads screening side by side, one process at 1M persons fell
        # behind 100 requests a second (p50 4.6 s) where in turn it keeps up (p50
        # ~10 ms); overlapping read transactions also leave SQLite no moment to reset
        # its write-ahead log, the likely cause. Other processes screen side by side
        # with this one (see `_write`).
        self._sqlite_turn = threading.Lock()
        # How far this process has read the changes journal (see `publish`).
        self._journal_at = 0
        self._journal_warned = False
        # Processes forked to share a batch's work (see `tabadul.service._team`).
        self._helpers = Helpers()

    # -- the index ------------------------------------------------------------------

    @property
    def snapshot_path(self) -> Path:
        """Where this installation's index snapshot lives: in the data directory, one
        file per database."""
        url = self._app.engine.url.render_as_string(hide_password=True)
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        return self._app.settings.data_dir / "screening" / f"index-{digest}.snapshot"

    @property
    def journal_path(self) -> Path:
        """The changes journal beside the snapshot: the ids of the records each
        committed write touched, one a line, appended by every process of this
        installation on this machine (server workers, the CLI)."""
        return self.snapshot_path.with_suffix(".changes")

    def publish(self, record_ids: Sequence[int]) -> None:
        """Tell the other processes of this installation that these records were
        written (after the commit): each brings them up to date in its index before its
        next screening (:meth:`_catch_up`). Appends of a few KiB are atomic on a local
        file system, so concurrent writers do not mix lines."""
        if not record_ids:
            return
        data = "".join(f"{rid}\n" for rid in record_ids).encode("ascii")
        try:
            self.journal_path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                before = os.fstat(fd).st_size
                os.write(fd, data)
                after = os.fstat(fd).st_size
            finally:
                os.close(fd)
        except OSError as exc:  # a read-only data directory: this process still serves
            if not self._journal_warned:
                _log.warning("screening changes journal not written: %s", exc)
                self._journal_warned = True
            return
        with self._lock:
            # This process refreshes its own writes itself: skip them when nobody else
            # wrote in between.
            if self._journal_at == before and after == before + len(data):
                self._journal_at = after

    def _catch_up(self) -> None:
        """Refresh the records other processes wrote since this one last looked (a
        ``stat`` when nothing changed)."""
        try:
            size = self.journal_path.stat().st_size
        except OSError:
            return
        with self._lock:
            if self._index is None or size == self._journal_at:
                return
            if size < self._journal_at:  # the journal was replaced: read it whole
                self._journal_at = 0
            try:
                with self.journal_path.open("rb") as journal:
                    journal.seek(self._journal_at)
                    data = journal.read(size - self._journal_at)
            except OSError:
                return
            complete = data[: data.rfind(b"\n") + 1]  # a line still being written waits
            if not complete:
                return
            ids = sorted({int(line) for line in complete.split() if line.isdigit()})
            with self._app.transaction() as session:
                self._refresh_into(self._index, session, ids)
            self._journal_at += len(complete)
            self.changed_since_snapshot = True

    @property
    def index(self) -> ScreeningIndex:
        with self._lock:
            if self._index is None:
                self.load()
            assert self._index is not None
            return self._index

    def load(self, *, snapshot: bool = True) -> IndexReport:
        """Make the index ready (see the class docstring); ``snapshot=False`` builds it
        from the store whatever is on disk."""
        with self._lock:
            started = time.perf_counter()
            problem: str | None = None
            # What the journal holds so far is in the store the load reads.
            try:
                self._journal_at = self.journal_path.stat().st_size
            except OSError:
                self._journal_at = 0
            if snapshot and self._trust_snapshot and self.snapshot_path.exists():
                try:
                    index, refreshed = self._from_snapshot()
                    report = IndexReport(
                        "snapshot", len(index), time.perf_counter() - started, refreshed
                    )
                    self._index = index
                    self.last_load = report
                    self.changed_since_snapshot = refreshed > 0
                    return report
                except (SnapshotError, _Outdated) as exc:
                    problem = str(exc)
                    _log.warning("screening index snapshot not used: %s; rebuilding", problem)
            self._index = self._build()
            self._trust_snapshot = True
            built = time.perf_counter()
            try:
                self.save_snapshot()
            except OSError as exc:  # a read-only data directory: serve anyway
                _log.warning("screening index snapshot not written: %s", exc)
            self.last_load = IndexReport(
                "store",
                len(self._index),
                built - started,
                0,
                problem,
                time.perf_counter() - built,
            )
            return self.last_load

    def save_snapshot(self) -> int:
        """Compact the index and write it to :attr:`snapshot_path`; returns the file's
        size in bytes. Each person in it carries its version, so persons written after
        it (by this process or another) are refreshed at the next load."""
        with self._lock:
            index = self.index
            arrays = index.freeze()
            built_from = {
                "index": INDEX_VERSION,
                "analysis": analysis_fingerprint(),
                "database": self.snapshot_path.stem,
                "persons": len(index),
            }
            size = write_snapshot(self.snapshot_path, arrays, built_from)
            self.changed_since_snapshot = False
            return size

    def _build(self) -> ScreeningIndex:
        index = ScreeningIndex()
        processes = processes_for(self._app.settings.screening_processes)
        # The names are analysed on every core (helpers are forked before the
        # transaction begins); the persons go into the index in the store's order.
        # The next persons are read while the helpers analyse the last ones.
        with preparing(processes) as start, self._app.transaction() as session:
            last = 0
            pending: Callable[[], list[Prepared]] | None = None
            while True:
                ids = list(
                    session.scalars(
                        select(Person.record_id)
                        .where(Person.record_id > last)
                        .order_by(Person.record_id)
                        .limit(_BUILD_CHUNK)
                    )
                )
                persons = _read_persons(session, low=ids[0], high=ids[-1]) if ids else []
                if pending:
                    index.insert_many(pending())
                if not ids:
                    break
                pending = start(persons)
                last = ids[-1]
        index.freeze()
        return index

    def _from_snapshot(self) -> tuple[ScreeningIndex, int]:
        arrays, built_from = read_snapshot(self.snapshot_path)
        expected = {
            "index": INDEX_VERSION,
            "analysis": analysis_fingerprint(),
            "database": self.snapshot_path.stem,
        }
        for key, value in expected.items():
            if built_from.get(key) != value:
                raise _Outdated(f"built with another {key} ({built_from.get(key)!r})")
        index = ScreeningIndex(arrays)
        held = index.versions()
        with self._app.transaction() as session:
            now = _store_versions(session)
            gone = [rid for rid in held if rid not in now]
            changed = [rid for rid, version in now.items() if held.get(rid) != version]
            if len(changed) > max(1000, int(len(now) * _CATCH_UP_SHARE)):
                raise _Outdated(f"{len(changed)} persons changed since; a rebuild is faster")
            for rid in gone:
                index.remove(rid)
            self._refresh_into(index, session, sorted(changed))
        return index, len(changed) + len(gone)

    def refresh(self, record_ids: Sequence[int]) -> None:
        """Bring these records up to date in the index (after a write commits): persons
        written are re-read, persons deleted removed, and the holders of documents
        written re-read (a document's number is found through its holder)."""
        with self._lock:
            if self._index is None:
                return  # loaded (from the store or a caught-up snapshot) on first use
            with self._app.transaction() as session:
                self._refresh_into(self._index, session, record_ids)
            self.changed_since_snapshot = True

    def _refresh_into(
        self, index: ScreeningIndex, session: Session, record_ids: Sequence[int]
    ) -> None:
        for start in range(0, len(record_ids), _CHUNK):
            chunk = list(record_ids[start : start + _CHUNK])
            holders = {
                h
                for h in session.scalars(
                    select(Document.holder_id).where(Document.record_id.in_(chunk))
                )
                if h is not None
            }
            wanted = sorted(set(chunk) | holders)
            persons = {p.record_id: p for p in _read_persons(session, ids=wanted)}
            for rid in chunk:
                if rid not in persons:
                    index.remove(rid)
            for person in persons.values():
                index.add(person)

    def reset(self) -> None:
        """Forget the index: the next use rebuilds it from the store, ignoring the
        snapshot (for when the store was changed behind the service's back)."""
        with self._lock:
            self._index = None
            self._trust_snapshot = False
            self._helpers.close()

    def close(self) -> None:
        """End the processes forked to share batches (the index stays)."""
        self._helpers.close()

    # -- screening ------------------------------------------------------------------

    def screen(
        self, viewer: Viewer, query: ScreenQuery, *, purpose: Purpose, limit: int = 10
    ) -> list[ScreenResult]:
        return self.screen_batch(viewer, [query], purpose=purpose, limit=limit)[0]

    def screen_batch(
        self, viewer: Viewer, queries: Sequence[ScreenQuery], *, purpose: Purpose, limit: int = 10
    ) -> list[list[ScreenResult]]:
        """Screen each query; results best first, at most ``limit`` each."""
        try:
            purpose = Purpose(purpose)
        except ValueError:
            allowed = ", ".join(p.value for p in Purpose)
            raise InvalidInput(
                [FieldError(("purpose",), f"unknown purpose; use one of: {allowed}")]
            ) from None
        limit = max(1, min(limit, 100))
        index = self.index
        self._catch_up()
        if self._app.engine.dialect.name != "sqlite":
            shown = self._screen_all(viewer, queries, purpose, limit, index)
            return self._answer_all(viewer, queries, purpose, shown)
        # SQLite: this process's screenings one at a time (see `_sqlite_turn`).
        with self._sqlite_turn:
            shown = self._screen_all(viewer, queries, purpose, limit, index)
            return self._answer_all(viewer, queries, purpose, shown)

    def _screen_all(
        self,
        viewer: Viewer,
        queries: Sequence[ScreenQuery],
        purpose: Purpose,
        limit: int,
        index: ScreeningIndex,
    ) -> list[list[_Shown]]:
        """What each query shows, in a transaction that only reads: nothing here waits
        for, or makes wait, another screening's write."""
        out: list[list[_Shown]] = []
        # The processes that share the batch's ranking and scoring, a chunk at a time
        # (helpers are forked before the transaction begins: they hold nothing of it).
        processes = processes_for(self._app.settings.screening_processes)
        workers = team(index, queries, processes, self._helpers)
        with self._app.transaction() as session:
            policy = self._app.records.policy(session, viewer, purpose)
            # The rules as SQL, built once for the whole batch.
            rules = _Rules(policy.clause(Action.SEARCH), policy.clause(Action.VIEW))
            for start in range(0, len(queries), _BATCH_CHUNK):
                positions = range(start, min(len(queries), start + _BATCH_CHUNK))
                ranked = workers.rank(positions)
                prepared = [
                    _Prepared(at, queries[at], found, scored_per_query(limit))
                    for at, found in zip(positions, ranked, strict=True)
                ]
                out.extend(self._chunk(session, rules, workers, prepared, limit))
        return out

    def _chunk(
        self,
        session: Session,
        rules: _Rules,
        workers: Team,
        prepared: list[_Prepared],
        limit: int,
    ) -> list[list[_Shown]]:
        # The rules, a page of ranked candidates at a time for every query still short
        # of candidates: nothing the viewer may not screen goes further.
        while True:
            short = [p for p in prepared if len(p.allowed) < p.want and p.next_at < len(p.ranked)]
            if not short:
                break
            page: dict[_Prepared, list[int]] = {}
            for p in short:
                size = max(_PAGE, 2 * (p.want - len(p.allowed)))
                page[p] = p.ranked[p.next_at : p.next_at + size]
                p.next_at += size
            rules.check(session, {rid for ids in page.values() for rid in ids})
            for p, ids in page.items():
                p.allowed.extend(rid for rid in ids if rid in rules.searchable)
        asks = []
        for p in prepared:
            allowed = p.allowed[: p.want]  # nothing the viewer may not screen is scored
            full = frozenset(rid for rid in allowed if rid in rules.full)
            asks.append(ScoreAsk(p.position, allowed, full, limit))
        scored_all = workers.score(asks)
        wanted = sorted({rid for scored in scored_all for _, rid in scored})
        rows: dict[int, _Head] = {}
        owners: dict[int, _Owner] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for rid, ref, owner_id, code, name, handling, conditions in session.execute(
                _HEADS, {"ids": chunk}
            ):
                owner = owners.get(owner_id) or owners.setdefault(owner_id, _Owner(code, name))
                rows[rid] = _Head(rid, ref, owner_id, owner, handling, conditions)
        return [
            [_Shown(res, rows[rid], rid in rules.full) for res, rid in scored if rid in rows]
            for scored in scored_all
        ]

    def _answer_all(
        self,
        viewer: Viewer,
        queries: Sequence[ScreenQuery],
        purpose: Purpose,
        shown_all: Sequence[list[_Shown]],
    ) -> list[list[ScreenResult]]:
        """Each query's results, once its audit entry and its hits' notifications are
        written (the batch's audit entries in one insert, then its hits in one)."""
        hits_all: list[list[tuple[_Head, float, str]]] = []
        entries: list[NewEntry] = []
        for query, shown in zip(queries, shown_all, strict=True):
            hits = [
                (s.head, s.scored.score, "full" if s.full else "hit_only")
                for s in shown
                if s.scored.hit and s.head.owner_id != viewer.agency_id
            ]
            hits_all.append(hits)
            entries.append(
                NewEntry(
                    actor=viewer.login,
                    agency=viewer.agency_code,
                    action=AuditAction.SCREEN,
                    purpose=purpose.value,
                    targets=[f"{r.owner.code}/{r.external_id}" for r, _, _ in hits],
                    detail={
                        "query": query.model_dump(by_alias=True, exclude_none=True),
                        "results": len(shown),
                        "hits": sum(1 for s in shown if s.scored.hit),
                    },
                )
            )

        def record(session: Session) -> list[dict[int, int]]:
            audited = append_many(session, entries)
            return self._app.hits.notify_many(
                session,
                viewer,
                list(zip(hits_all, audited, strict=True)),
                purpose=purpose,
            )

        hit_ids_all = self._write(record)
        out: list[list[ScreenResult]] = []
        for shown, hit_ids in zip(shown_all, hit_ids_all, strict=True):
            results: list[ScreenResult] = []
            for result, head, is_full in shown:
                if is_full:
                    results.append(
                        ScreenResult(
                            **reference(head, hit_ids),
                            access=Visibility.FULL,
                            hit=result.hit,
                            score=result.score,
                            explanation=result.explanation,
                            handling_conditions=head.handling_conditions,
                        )
                    )
                else:  # a hit-only answer never carries more than its reference
                    results.append(
                        ScreenResult(
                            **reference(head, hit_ids), access=Visibility.HIT_ONLY, hit=True
                        )
                    )
            out.append(results)
        return out

    def _write(self, work: Callable[[Session], _T]) -> _T:
        """``work`` in a transaction of its own that writes from its first statement.

        SQLite allows one writer at a time: the transaction takes the write lock as it
        begins (``BEGIN IMMEDIATE``, waiting as long as the busy timeout allows for
        another process's), so it never has to be retried for having read before
        another's commit. The reading, ranking and scoring before it held no write
        lock: the server's processes screen side by side and take turns only for
        their audit entries and hits."""
        if self._app.engine.dialect.name != "sqlite":
            with self._app.transaction() as session:
                return work(session)
        for attempt in range(_SQLITE_RETRIES + 1):
            try:
                with self._app.transaction(immediate=True) as session:
                    return work(session)
            except OperationalError as exc:
                if attempt == _SQLITE_RETRIES or not _sqlite_busy(exc):
                    raise
                time.sleep(0.002 * (attempt + 1))
        raise AssertionError("unreachable")


class _Shown(NamedTuple):
    """A result a query shows: its score, its record's head, whether seen in full."""

    scored: Scored
    head: _Head
    full: bool


class _Owner(NamedTuple):
    code: str
    name: str


class _Head(NamedTuple):
    """What a screening's answer says of a record and its hit notes (see
    :class:`tabadul.service.hits.RecordHead`), read in one query below the ORM: loading
    whole records cost a tenth of a screening."""

    id: int
    external_id: str
    owner_id: int
    owner: _Owner
    handling_code: str
    handling_conditions: str | None


_HEADS = (
    select(
        Record.id,
        Record.external_id,
        Record.owner_id,
        Agency.code,
        Agency.name,
        Record.handling_code,
        Record.handling_conditions,
    )
    .join(Agency, Agency.id == Record.owner_id)
    .where(Record.id.in_(bindparam("ids", expanding=True)))
)


class _Outdated(Exception):
    """A sound snapshot that does not answer for this store or this analysis."""


_STATEMENTS_KEPT = 64
_statements: dict[tuple[int, int], tuple[Any, Any, Select[int, bool]]] = {}
_statements_lock = threading.Lock()


def _check_statement(
    can_search: ColumnElement[bool], can_view: ColumnElement[bool]
) -> Select[int, bool]:
    """The rules check as one statement, with the record ids as a parameter, kept per
    pair of conditions: the policy hands back the same condition objects while the
    rules are unchanged (see :meth:`tabadul.policy.Policy.clause`), and reusing the
    statement spares SQLAlchemy building and keying it at every query."""
    key = (id(can_search), id(can_view))
    with _statements_lock:
        kept = _statements.get(key)
        # the conditions are held with the statement, so their ids are not reused
        if kept is not None and kept[0] is can_search and kept[1] is can_view:
            return kept[2]
    statement = select(Record.id, can_view).where(
        Record.id.in_(bindparam("ids", expanding=True)), can_search
    )
    with _statements_lock:
        if len(_statements) >= _STATEMENTS_KEPT:
            _statements.clear()
        _statements[key] = (can_search, can_view, statement)
    return statement


class _Rules:
    """The viewer's rules for one call as SQL, and what they said about the records
    asked so far (each record is asked about once per call)."""

    def __init__(self, can_search: ColumnElement[bool], can_view: ColumnElement[bool]) -> None:
        self._statement = _check_statement(can_search, can_view)
        self._asked: set[int] = set()
        self.searchable: set[int] = set()
        self.full: set[int] = set()

    def check(self, session: Session, record_ids: set[int]) -> None:
        todo = sorted(record_ids - self._asked)
        self._asked.update(todo)
        for start in range(0, len(todo), _CHUNK):
            chunk = todo[start : start + _CHUNK]
            for rid, full in session.execute(self._statement, {"ids": chunk}):
                self.searchable.add(rid)
                if full:
                    self.full.add(rid)


def _sqlite_busy(exc: OperationalError) -> bool:
    """SQLite refused the audit entry's write because another screening (or any write)
    committed after this transaction began reading ("database is locked": SQLite cannot
    wait in that case). The transaction rolled back whole — no audit entry, no hit —
    so screening again is safe."""
    return "database is locked" in str(exc.orig)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _micros(moment: datetime | None) -> int:
    if moment is None:
        return 0
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; they are UTC
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // _MICROSECOND


def _version(updated: datetime | None, documents: int, documents_updated: datetime | None) -> int:
    """A person's version: changes when the person is written (its ``updated_at``) and
    when a document it holds is added, written or taken away."""
    value = (_micros(updated) * 1_000_003 + documents * 7_919 + _micros(documents_updated)) % (
        1 << 62
    )
    return int(value)


def _document_versions(session: Session, within: Any | None) -> dict[int, tuple[int, datetime]]:
    """Per holder: how many documents it holds and when the latest was written."""
    query = (
        select(Document.holder_id, func.count(), func.max(Record.updated_at))
        .join(Record, Record.id == Document.record_id)
        .where(Document.holder_id.is_not(None))
        .group_by(Document.holder_id)
    )
    if within is not None:
        query = query.where(within(Document.holder_id))
    return {
        holder: (count, latest)
        for holder, count, latest in session.connection().execute(query).all()
        if holder is not None
    }


def _store_versions(session: Session) -> dict[int, int]:
    """The version of every person in the store, by record id."""
    documents = _document_versions(session, None)
    return {
        rid: _version(updated, *documents.get(rid, (0, None)))
        for rid, updated in session.connection().execute(
            select(Record.id, Record.updated_at).join(Person, Person.record_id == Record.id)
        )
    }


def _read_persons(
    session: Session,
    *,
    ids: Sequence[int] | None = None,
    low: int | None = None,
    high: int | None = None,
) -> list[PersonData]:
    """Person records as the index keeps them, read in a few queries: those with
    these ``ids``, or those with ids from ``low`` to ``high``."""

    def within(column: Any) -> ColumnElement[bool]:
        if ids is not None:
            result: ColumnElement[bool] = column.in_(ids)
            return result
        return and_(column >= low, column <= high)

    if ids is not None and not ids:
        return []
    connection = session.connection()

    def execute(statement: Any) -> Sequence[Any]:
        # Plain rows (Core), fetched at once: the ORM's row handling, with no object to
        # build, and fetching row by row would cost more than reading them
        return connection.execute(statement).all()

    names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pid, text, kind in execute(
        select(PersonName.person_id, PersonName.full_name, PersonName.kind)
        .where(within(PersonName.person_id))
        .order_by(PersonName.person_id, PersonName.position)
    ):
        names[pid].append((text, kind))

    def values(person: Any, value: Any, position: Any) -> dict[int, list[str]]:
        """One column of a person's child rows, in their order, by person."""
        found: dict[int, list[str]] = defaultdict(list)
        for pid, item in execute(
            select(person, value).where(within(person)).order_by(person, position)
        ):
            found[pid].append(item)
        return found

    dates = values(BirthDate.person_id, BirthDate.value, BirthDate.position)
    countries = values(Nationality.person_id, Nationality.country, Nationality.position)
    documents = values(
        PersonIdentifier.person_id, PersonIdentifier.number, PersonIdentifier.position
    )
    for holder, number in execute(
        select(Document.holder_id, Document.number)
        .where(within(Document.holder_id))
        .order_by(Document.holder_id, Document.record_id)
    ):
        if holder is not None:
            documents[holder].append(number)
    versions = _document_versions(session, within)
    return [
        PersonData(
            record_id=rid,
            owner_id=owner_id,
            external_id=external_id,
            gender=gender,
            names=names.get(rid, []),
            birth_dates=dates.get(rid, []),
            nationalities=countries.get(rid, []),
            documents=documents.get(rid, []),
            version=_version(updated, *versions.get(rid, (0, None))),
        )
        for rid, owner_id, external_id, gender, updated in execute(
            select(Record.id, Record.owner_id, Record.external_id, Person.gender, Record.updated_at)
            .join(Person, Person.record_id == Record.id)
            .where(within(Record.id))
            .order_by(Record.id)
        )
    ]
