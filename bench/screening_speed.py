"""Benchmark: screening speed and memory on the synthetic region.

    .venv/bin/python bench/screening_speed.py [--persons 100000] [--queries 500] [--keep DIR]

Loads (or reuses, with --keep) a SQLite database holding a synthetic region of N
persons, builds the screening index from it, then screens queries drawn from the
region's own names (half in Arabic script, half in a Latin spelling of another
registry's convention) as an officer of a member agency, for border control. Prints
the index build time, the process's resident memory, single-query latency p50/p99 and
batch throughput, with the machine. Targets (issue 4, at 1,000,000 persons): build
<= 120 s, RSS <= 2.5 GB, p50 <= 5 ms, p99 <= 25 ms, batch >= 300 queries/s.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from _machine import describe
from tabadul.domain.enums import Purpose
from tabadul.policy import Viewer
from tabadul.service import Tabadul
from tabadul.service.screening import ScreenQuery
from tabadul.service.synthetic import load_region
from tabadul.settings import Settings
from tabadul.store.tables import PersonName
from tabadul.synth import generate_region


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="tabadul-screen-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(describe())
    database = workdir / f"region-{args.persons}.db"
    app = Tabadul(Settings(database_url=f"sqlite:///{database}", data_dir=workdir))
    app.migrate()
    if not app.directory.agencies():
        started = time.perf_counter()
        load_region(
            app, Viewer.installation_operator(), generate_region(persons=args.persons, seed=1)
        )
        print(f"loaded {args.persons} synthetic persons in {time.perf_counter() - started:.0f}s")
    before = rss_mib()
    started = time.perf_counter()
    index = app.screening.index
    build = time.perf_counter() - started
    print(
        f"index: {len(index)} persons built in {build:.1f}s; "
        f"peak RSS {rss_mib():.0f} MiB (before the build {before:.0f} MiB)"
    )
    with app.transaction() as session:
        names = list(session.scalars(select(PersonName.full_name).limit(200_000)))
    rng = random.Random(7)
    queries = [ScreenQuery(id=str(i), name=rng.choice(names)) for i in range(args.queries)]
    viewer = (
        app.directory.viewer("officer")
        if any(u.login == "officer" for u in app.directory.users())
        else None
    )
    if viewer is None:
        from tabadul.domain.enums import Role

        info = app.directory.get_agency("MA-NCB")
        viewer = Viewer(
            login="bench.officer",
            role=Role.OFFICER,
            agency_id=info.id,
            agency_code=info.code,
            country=info.country,
        )
    latencies = []
    for query in queries:
        t = time.perf_counter()
        app.screening.screen(viewer, query, purpose=Purpose.BORDER_CONTROL)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    t = time.perf_counter()
    app.screening.screen_batch(viewer, queries, purpose=Purpose.BORDER_CONTROL)
    throughput = len(queries) / (time.perf_counter() - t)
    print(
        f"single query: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({len(queries)} queries); "
        f"batch: {throughput:.0f} queries/s; peak RSS {rss_mib():.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
