"""A batch screened by several processes answers exactly as one process does, and a
helper that fails costs nothing but time (see ``tabadul.service._team``)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from tabadul.domain.enums import Purpose, Role
from tabadul.policy import Viewer
from tabadul.service import Tabadul, _team
from tabadul.service.screening import ScreenQuery, ScreenResult
from tabadul.service.synthetic import load_region
from tabadul.settings import Settings
from tabadul.store.tables import PersonName
from tabadul.synth import generate_region

BORDER = Purpose.BORDER_CONTROL
QUERIES = 3 * _team.MIN_QUERIES  # two chunks' worth of work for a helper


@pytest.fixture
def region_settings(settings: Settings) -> Settings:
    app = Tabadul(settings)
    load_region(app, Viewer.installation_operator(), generate_region(persons=300, seed=5))
    app.screening.load()  # its snapshot: the apps below start from it, building nothing
    app.dispose()
    return settings


def _app(settings: Settings, processes: int) -> Tabadul:
    return Tabadul(settings.model_copy(update={"screening_processes": processes}))


def _officer(app: Tabadul) -> Viewer:
    info = app.directory.get_agency("MA-NCB")
    return Viewer(
        login="team.officer",
        role=Role.OFFICER,
        agency_id=info.id,
        agency_code=info.code,
        country=info.country,
    )


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


def test_a_batch_on_several_processes_answers_as_one_process_does(
    region_settings: Settings, forks: list[int]
) -> None:
    one, two = _app(region_settings, 1), _app(region_settings, 2)
    queries = _queries(one)
    assert len(queries) == QUERIES
    alone = one.screening.screen_batch(_officer(one), queries, purpose=BORDER)
    assert not forks
    shared = two.screening.screen_batch(_officer(two), queries, purpose=BORDER)
    assert len(forks) == 1, "no helper was forked: is another thread running in the tests?"
    assert _plain(shared) == _plain(alone)
    assert sum(1 for results in alone if results and results[0].hit) >= QUERIES // 2
    assert two.audit.verify(Viewer.installation_operator()).ok
    one.dispose()
    two.dispose()


def test_helpers_are_kept_while_the_index_is_unchanged(
    region_settings: Settings, forks: list[int]
) -> None:
    app = _app(region_settings, 2)
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
    app.dispose()
    for pid in forks:  # every helper has ended and been waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_helper_that_dies_leaves_its_share_to_the_batch(
    region_settings: Settings, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    one = _app(region_settings, 1)
    queries = _queries(one)
    alone = one.screening.screen_batch(_officer(one), queries, purpose=BORDER)

    def die(conn: Any, index: Any) -> None:
        os._exit(3)  # as if killed before answering anything

    monkeypatch.setattr(_team, "_serve", die)
    two = _app(region_settings, 2)
    shared = two.screening.screen_batch(_officer(two), queries, purpose=BORDER)
    assert forks
    assert _plain(shared) == _plain(alone)
    one.dispose()
    two.dispose()


def test_no_helper_is_forked_for_a_short_batch_or_beside_other_threads(
    region_settings: Settings, forks: list[int]
) -> None:
    app = _app(region_settings, 4)
    queries = _queries(app)
    app.screening.screen_batch(_officer(app), queries[: _team.MIN_QUERIES - 1], purpose=BORDER)
    assert not forks
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        app.screening.screen_batch(_officer(app), queries, purpose=BORDER)
    finally:
        release.set()
        other.join()
    assert not forks
    app.dispose()


def test_every_core_by_default() -> None:
    assert _team.processes_for(3) == 3
    assert _team.processes_for(0) >= 1


def _arrays(app: Tabadul) -> dict[str, Any]:
    arrays = app.screening.index.freeze()
    return {name: getattr(arrays, name) for name in vars(arrays)}


def test_an_index_built_on_several_processes_is_the_one_process_build(
    region_settings: Settings, forks: list[int]
) -> None:
    one, two = _app(region_settings, 1), _app(region_settings, 2)
    one.screening.load(snapshot=False)
    assert not forks
    two.screening.load(snapshot=False)
    assert forks, "no helper was forked"
    alone, shared = _arrays(one), _arrays(two)
    assert alone.keys() == shared.keys()
    for name, value in alone.items():
        assert str(value) == str(shared[name]) and (
            value == shared[name]
            if isinstance(value, bytes | list)
            else bool((value == shared[name]).all())
        ), name
    one.dispose()
    two.dispose()


def test_a_build_helper_that_dies_leaves_its_share_to_the_build(
    region_settings: Settings, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    one = _app(region_settings, 1)
    one.screening.load(snapshot=False)

    def die(conn: Any, index: Any) -> None:
        os._exit(3)

    monkeypatch.setattr(_team, "_serve", die)
    two = _app(region_settings, 2)
    two.screening.load(snapshot=False)
    assert forks
    assert one.screening.index.versions() == two.screening.index.versions()
    officer = _officer(one)
    queries = _queries(one)
    assert _plain(two.screening.screen_batch(officer, queries, purpose=BORDER)) == _plain(
        one.screening.screen_batch(officer, queries, purpose=BORDER)
    )
    one.dispose()
    two.dispose()
