"""A batch screened by several processes answers exactly as one process does, and a
helper that fails costs nothing but time (see ``tabadul.service._team``).

Helpers are forked only by a process running a single thread; a test run may have idle
threads left by earlier tests (a web client's worker threads), which hold nothing of
the apps here, so the tests that need helpers allow the fork (``fork_allowed``), and one
test checks the rule itself."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from tabadul.domain.enums import Purpose
from tabadul.policy import Viewer
from tabadul.service import Tabadul, _team
from tabadul.service.screening import _BATCH_CHUNK, ScreenQuery, ScreenResult
from tabadul.service.synthetic import load_region
from tabadul.settings import Settings
from tabadul.store.tables import PersonName
from tabadul.synth import generate_region

BORDER = Purpose.BORDER_CONTROL
QUERIES = _BATCH_CHUNK + _team.MIN_QUERIES  # a batch of two chunks, each with a helper


@pytest.fixture
def region_settings(settings: Settings) -> Settings:
    app = Tabadul(settings)
    load_region(app, Viewer.installation_operator(), generate_region(persons=300, seed=5))
    app.screening.load()  # its snapshot: the apps below start from it, building nothing
    app.dispose()
    return settings


@pytest.fixture
def make_app(region_settings: Settings) -> Iterator[Callable[[int], Tabadul]]:
    """Apps on the region's database with so many processes, disposed of at the end."""
    made: list[Tabadul] = []

    def make(processes: int) -> Tabadul:
        app = Tabadul(region_settings.model_copy(update={"screening_processes": processes}))
        made.append(app)
        return app

    yield make
    for app in made:
        app.dispose()


@pytest.fixture
def fork_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_team, "may_fork", lambda: True)


def _officer(app: Tabadul) -> Viewer:
    return Viewer.of_agency(app.directory.get_agency("MA-NCB"), "team.officer")


def _queries(app: Tabadul) -> list[ScreenQuery]:
    """Names of the region (both scripts, some altered), a few with a year of birth."""
    with app.transaction() as session:
        names = session.scalars(select(PersonName.full_name).order_by(PersonName.id)).all()
    picked = names[:: max(1, len(names) // QUERIES)][:QUERIES]
    return [
        ScreenQuery(
            id=f"q{i}",
            name=name if i % 4 else name.upper(),
            birthDate="1980" if i % 5 == 0 else None,
        )
        for i, name in enumerate(picked)
    ]


def _plain(answers: list[list[ScreenResult]]) -> list[list[tuple[Any, ...]]]:
    """What a result says, without the id of the hit it raised (one per screening)."""
    return [
        [(r.owner, r.record_id, r.access, r.hit, r.score, r.explanation) for r in results]
        for results in answers
    ]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The helpers forked while the test runs (their process ids)."""
    made: list[int] = []
    real = _team._fork

    def counting(index: Any) -> Any:
        helper = real(index)
        if helper is not None:
            made.append(helper.pid)
        return helper

    monkeypatch.setattr(_team, "_fork", counting)
    yield made


@pytest.mark.usefixtures("fork_allowed")
def test_a_batch_on_several_processes_answers_as_one_process_does(
    make_app: Callable[[int], Tabadul], forks: list[int]
) -> None:
    one, two = make_app(1), make_app(2)
    queries = _queries(one)
    assert len(queries) == QUERIES
    alone = one.screening.screen_batch(_officer(one), queries, purpose=BORDER)
    assert not forks
    shared = two.screening.screen_batch(_officer(two), queries, purpose=BORDER)
    assert len(forks) == 1, "no helper was forked"
    assert _plain(shared) == _plain(alone)
    assert sum(1 for results in alone if results and results[0].hit) >= QUERIES // 2
    assert two.audit.verify(Viewer.installation_operator()).ok


@pytest.mark.usefixtures("fork_allowed")
def test_helpers_are_kept_while_the_index_is_unchanged(
    make_app: Callable[[int], Tabadul], forks: list[int]
) -> None:
    app = make_app(2)
    queries = _queries(app)
    officer = _officer(app)
    first = app.screening.screen_batch(officer, queries, purpose=BORDER)
    again = app.screening.screen_batch(officer, queries, purpose=BORDER)
    assert len(forks) == 1 and _plain(again) == _plain(first)
    # a write changes the index: the next batch forks a helper that holds it
    top = first[0][0]
    app.records.delete(Viewer.installation_operator(), owner=top.owner, external_id=top.record_id)
    after = app.screening.screen_batch(officer, queries, purpose=BORDER)
    assert len(forks) == 2
    assert all(r.record_id != top.record_id or r.owner != top.owner for r in after[0])
    app.screening.close()
    for pid in forks:  # every helper has ended and been waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.usefixtures("fork_allowed")
def test_a_helper_that_dies_leaves_its_share_to_the_batch(
    make_app: Callable[[int], Tabadul], monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    one = make_app(1)
    queries = _queries(one)
    alone = one.screening.screen_batch(_officer(one), queries, purpose=BORDER)

    def die(conn: Any, index: Any) -> None:
        os._exit(3)  # as if killed before answering anything

    monkeypatch.setattr(_team, "_serve", die)
    two = make_app(2)
    shared = two.screening.screen_batch(_officer(two), queries, purpose=BORDER)
    assert forks
    assert _plain(shared) == _plain(alone)


def test_no_helper_is_forked_for_a_short_batch_or_beside_other_threads(
    make_app: Callable[[int], Tabadul], monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    app = make_app(4)
    queries = _queries(app)
    monkeypatch.setattr(_team, "may_fork", lambda: True)
    app.screening.screen_batch(_officer(app), queries[: _team.MIN_QUERIES - 1], purpose=BORDER)
    assert not forks
    monkeypatch.undo()  # the real rule, with one more thread running for sure
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not _team.may_fork()
        app.screening.screen_batch(_officer(app), queries, purpose=BORDER)
        app.screening.load(snapshot=False)
    finally:
        release.set()
        other.join()
    assert not forks


def test_every_core_by_default() -> None:
    assert _team.processes_for(3) == 3
    assert _team.processes_for(0) >= 1


def _arrays(app: Tabadul) -> dict[str, Any]:
    arrays = app.screening.index.freeze()
    return {name: getattr(arrays, name) for name in vars(arrays)}


@pytest.mark.usefixtures("fork_allowed")
def test_an_index_built_on_several_processes_is_the_one_process_build(
    make_app: Callable[[int], Tabadul], forks: list[int]
) -> None:
    one, two = make_app(1), make_app(2)
    one.screening.load(snapshot=False)
    assert not forks
    two.screening.load(snapshot=False)
    assert forks, "no helper was forked"
    alone, shared = _arrays(one), _arrays(two)
    assert alone.keys() == shared.keys()
    for name, value in alone.items():
        same = value == shared[name]
        assert same if isinstance(same, bool) else bool(same.all()), name


@pytest.mark.usefixtures("fork_allowed")
def test_a_build_helper_that_dies_leaves_its_share_to_the_build(
    make_app: Callable[[int], Tabadul], monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    one = make_app(1)
    one.screening.load(snapshot=False)

    def die(conn: Any, index: Any) -> None:
        os._exit(3)

    monkeypatch.setattr(_team, "_serve", die)
    two = make_app(2)
    two.screening.load(snapshot=False)
    assert forks
    assert _arrays(one).keys() == _arrays(two).keys()
    assert one.screening.index.versions() == two.screening.index.versions()
    officer = _officer(one)
    queries = _queries(one)
    assert _plain(two.screening.screen_batch(officer, queries, purpose=BORDER)) == _plain(
        one.screening.screen_batch(officer, queries, purpose=BORDER)
    )
