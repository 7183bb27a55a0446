"""When the server's garbage collector walks everything: between requests, not during.

CPython's cycle collector has three generations. Its young collections are short and
find nearly all the server's cyclic garbage (a request's objects die young). Its full
collections walk every tracked object, and CPython starts one by itself whenever the
objects that outlived the young collections have grown by a quarter. A screening
server holds hundreds of thousands of long-lived objects (the screening index, the
caches of analysed names, which keep changing as new names are screened), so each full
collection stopped every thread for 0.1 to 0.6 s, every few seconds under 100
screenings a second, and those pauses were the server's 99th percentile
(bench/README.md, seventh round).

So ``tabadul serve`` (not tests, not scripts: :func:`tabadul.api.create_app` with
``pace_collector=True``):

- after the screening index is loaded, collects once and freezes what start-up built
  (:func:`gc.freeze`: the index, the modules), which no later collection walks again;
- keeps CPython's young collections, and turns its own full collections off;
- runs the full collection itself, on a thread of its own: as soon as no request has
  been in progress for :data:`IDLE_SECONDS`, or, under a load that leaves no such
  moment, every ``TABADUL_GC_FULL_SECONDS`` (default 5): garbage that outlived the
  young collections waits at most that long;
- freezes what survived each full collection, so that the next walks only what was
  made since: the pause grows with the time between collections, not with the caches
  (measured at 1,000,000 persons: 7 ms after 50 screenings, 96 ms after 1,000, where
  walking everything took a quarter of a second); and once every :data:`THOROUGH_SECONDS` (an hour)
  unfreezes everything first and walks it all, one longer pause, so that a cycle
  among objects frozen while alive is reclaimed within the hour: the objects of a
  request in progress during a collection under load, say (a cache entry is freed
  when it leaves its cache: it holds no cycle).

Requests are counted by :class:`RequestTracker`, an ASGI middleware.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["IDLE_SECONDS", "THOROUGH_SECONDS", "Collector", "RequestTracker"]

_log = logging.getLogger("uvicorn.error")

# No request in progress for this long: a full collection now delays no one, or, if a
# request comes in meanwhile, one request, once.
IDLE_SECONDS = 0.5
# A full collection that walks everything, frozen objects included, this often.
THOROUGH_SECONDS = 3600.0
# The full-collection threshold that CPython never reaches (it counts young collections).
_NEVER = 2**31 - 1


class Collector:
    """The full collections of one server process (see the module docstring)."""

    def __init__(
        self,
        full_every: float,
        *,
        idle: float = IDLE_SECONDS,
        thorough_every: float = THOROUGH_SECONDS,
    ) -> None:
        self._full_every = full_every
        self._idle = idle
        self._thorough_every = thorough_every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._thresholds: tuple[int, int, int] | None = None
        self._last_full = self._last_thorough = time.monotonic()
        self.in_progress = 0  # requests; changed on the event loop's thread only
        self.last_request = time.monotonic()
        self.full_collections = 0
        self.thorough_collections = 0
        self.longest_pause = 0.0  # of the full collections that walk what is not frozen

    def start(self) -> None:
        """Freeze what exists, take over full collections, start the thread."""
        gc.collect()
        gc.freeze()
        self._thresholds = gc.get_threshold()
        young, middle, _ = self._thresholds
        gc.set_threshold(young, middle, _NEVER)
        self._last_full = self._last_thorough = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="tabadul-gc", daemon=True)
        self._thread.start()
        _log.info(
            "garbage collector: start-up state frozen (%d objects); full collections when "
            "idle %.1f s, at the latest every %.0f s; everything walked every %.0f s",
            gc.get_freeze_count(),
            self._idle,
            self._full_every,
            self._thorough_every,
        )

    def stop(self) -> None:
        """Stop the thread and give CPython its own full collections back."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
        gc.unfreeze()

    def _run(self) -> None:
        while not self._stop.wait(min(0.1, self._idle / 2)):
            now = time.monotonic()
            # gc.get_count()[2]: young collections since the last full one; none, and
            # nothing can have reached the old generation since
            waiting = gc.get_count()[2] > 0
            idle = self.in_progress == 0 and now - self.last_request >= self._idle
            if waiting and (idle or now - self._last_full >= self._full_every):
                self.collect(thorough=now - self._last_thorough >= self._thorough_every)

    def collect(self, *, thorough: bool = False) -> None:
        """A full collection, then what survived it frozen; ``thorough``: of everything,
        what was frozen before included."""
        started = time.perf_counter()
        if thorough:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        pause = time.perf_counter() - started
        self._last_full = time.monotonic()
        if thorough:
            self._last_thorough = self._last_full
            self.thorough_collections += 1
        else:
            self.full_collections += 1
            self.longest_pause = max(self.longest_pause, pause)


class RequestTracker:
    """ASGI middleware: counts the requests in progress for the :class:`Collector`."""

    def __init__(self, app: ASGIApp, collector: Collector) -> None:
        self._app = app
        self._collector = collector

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        collector = self._collector
        collector.in_progress += 1
        try:
            await self._app(scope, receive, send)
        finally:
            collector.in_progress -= 1
            collector.last_request = time.monotonic()
