"""The server's garbage collector (tabadul.api._collector): full collections between
requests, and at the latest every interval under a load without a break."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from fastapi.testclient import TestClient

from tabadul.api import create_app
from tabadul.api._collector import Collector
from tabadul.service import Tabadul
from tests.api.test_api import login
from tests.factory import world


def _wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


def test_the_server_takes_over_full_collections_and_gives_them_back(app: Tabadul) -> None:
    world(app)
    before = gc.get_threshold()
    with TestClient(create_app(app=app, pace_collector=True)) as client:
        assert gc.get_threshold()[:2] == before[:2]  # young collections as CPython has them
        assert gc.get_threshold()[2] > 10**9  # CPython's own full collections: off
        assert gc.get_freeze_count() > 0  # what start-up built is never walked again
        headers = login(client, "dz.officer")
        screened = client.post(
            "/api/v1/screen",
            json={"purpose": "border-control", "name": "Youcef Ben Amrani"},
            headers=headers,
        )
        assert screened.status_code == 200, screened.text
        done = _full_collections()
        gc.collect(1)  # something has reached the old generation
        # no request in progress: the server collects by itself, soon
        assert _wait_for(lambda: _full_collections() > done)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_no_full_collection_while_a_request_is_in_progress_until_the_interval() -> None:
    collector = Collector(full_every=1.5, idle=0.05)
    collector.start()
    try:
        collector.in_progress = 1  # a request, or a load that never pauses
        done = collector.full_collections
        gc.collect(1)
        time.sleep(0.5)
        assert collector.full_collections == done  # idle, it would have collected
        assert _wait_for(lambda: collector.full_collections > done)  # the interval
        collector.in_progress = 0
        collector.last_request = time.monotonic()
        done = collector.full_collections
        gc.collect(1)
        assert _wait_for(lambda: collector.full_collections > done, seconds=1.0)  # idle
    finally:
        collector.in_progress = 0
        collector.stop()


def test_nothing_to_collect_means_no_collection() -> None:
    collector = Collector(full_every=1.0, idle=0.05)
    collector.start()  # collects and freezes: nothing has reached the old generation
    try:
        gc.disable()  # no young collection either, for the moment
        time.sleep(0.3)
        assert collector.full_collections == 0
    finally:
        gc.enable()
        collector.stop()


def test_survivors_are_frozen_and_everything_is_walked_again_now_and_then() -> None:
    collector = Collector(full_every=0.2, idle=3600, thorough_every=1.0)
    collector.start()
    try:
        collector.in_progress = 1
        frozen = gc.get_freeze_count()
        kept = [[n] for n in range(1000)]  # survivors, made after start-up
        gc.collect(1)
        assert _wait_for(lambda: collector.full_collections > 0)
        assert gc.get_freeze_count() >= frozen + len(kept)  # never walked again ...
        # ... until then (young collections keep something waiting for a full one)
        assert _wait_for(lambda: gc.collect(1) >= 0 and collector.thorough_collections > 0)
    finally:
        collector.in_progress = 0
        collector.stop()
    assert gc.get_freeze_count() == 0
