"""Benchmark: screening speed and memory on the synthetic region.

    .venv/bin/python bench/screening_speed.py [--persons 100000] [--queries 500] [--keep DIR]

Loads (or reuses, with --keep) a SQLite database holding a synthetic region of N
persons; builds the screening index from the store (which writes its snapshot), then
loads it again from the snapshot in a fresh service object, as a restarted server does;
then screens queries drawn from the region's own names (any script; one in three with
the person's year of birth) as an officer of a member agency, for border control: one
at a time (latency) and as passenger lists of 100 (throughput: the same queries again,
then names not asked yet, whose comparisons no cache holds), on every core
(``TABADUL_SCREENING_PROCESSES``, default all). Every screening is audited and its hits
notified, as in production. Prints the figures with the machine.

Targets (issue 4, at 1,000,000 persons): build <= 120 s, RSS <= 2.5 GB, p50 <= 5 ms,
p99 <= 25 ms, batch >= 300 queries/s.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from _machine import describe
from tabadul.domain.enums import Purpose
from tabadul.policy import Viewer
from tabadul.service import Tabadul
from tabadul.service._team import processes_for
from tabadul.service.screening import ScreenQuery
from tabadul.service.synthetic import load_region
from tabadul.settings import Settings
from tabadul.store.tables import BirthDate, PersonName
from tabadul.synth import generate_region

BATCH = 100


def rss_mib() -> float:
    """Resident memory now."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def children_private_mib() -> float:
    """The memory the processes this one forked (screening helpers) hold on their own:
    what they share with this process copy-on-write is counted once, in its RSS."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
            if int(fields[1]) != os.getpid():
                continue
            rollup = (stat.parent / "smaps_rollup").read_text(encoding="ascii")
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
        for line in rollup.splitlines():
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    return total / 1024


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


def queries_from(app: Tabadul, count: int, seed: int = 7) -> list[ScreenQuery]:
    """Names of the region's persons, one in three with the person's year of birth."""
    with app.transaction() as session:
        total = session.scalar(select(func.count()).select_from(PersonName)) or 0
        rng = random.Random(seed)
        picks = sorted(rng.sample(range(1, total + 1), min(total, count)))
        rows = session.execute(
            select(PersonName.person_id, PersonName.full_name).where(PersonName.id.in_(picks))
        ).all()
        years = dict(
            session.execute(
                select(BirthDate.person_id, func.min(BirthDate.value))
                .where(BirthDate.person_id.in_([pid for pid, _ in rows]))
                .group_by(BirthDate.person_id)
            ).all()
        )
    rng.shuffle(rows)
    out = []
    for i, (pid, name) in enumerate(rows):
        year = years.get(pid)
        out.append(
            ScreenQuery(id=str(i), name=name, birthDate=year[:4] if year and i % 3 == 0 else None)
        )
    return out


def officer(app: Tabadul) -> Viewer:
    return Viewer.of_agency(app.directory.get_agency("MA-NCB"), "bench.officer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="tabadul-screen-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(describe())
    settings = Settings(
        database_url=f"sqlite:///{workdir}/region-{args.persons}.db", data_dir=workdir
    )
    app = Tabadul(settings)
    app.migrate()
    if not app.directory.agencies():
        started = time.perf_counter()
        load_region(
            app, Viewer.installation_operator(), generate_region(persons=args.persons, seed=1)
        )
        print(f"loaded {args.persons} synthetic persons in {time.perf_counter() - started:.0f}s")
    before = rss_mib()
    built = app.screening.load(snapshot=False)
    size = app.screening.snapshot_path.stat().st_size / 2**20
    print(
        f"index from the store: {built.persons} persons in {built.seconds:.1f} s "
        f"({built.seconds / max(1, built.persons) * 1e6:.0f} µs a person); "
        f"snapshot written in {built.snapshot_seconds:.1f} s ({size:.0f} MiB); "
        f"RSS {rss_mib():.0f} MiB (before {before:.0f} MiB), peak {peak_mib():.0f} MiB"
    )
    app.dispose()
    del app
    gc.collect()
    app = Tabadul(settings)  # a restart: the snapshot, caught up with the store
    restored = app.screening.load()
    print(
        f"index from the snapshot: {restored.persons} persons in {restored.seconds:.1f} s "
        f"({restored.source}; {restored.refreshed} caught up); RSS {rss_mib():.0f} MiB"
    )
    queries = queries_from(app, args.queries)
    viewer = officer(app)
    for query in queries[:20]:  # warm the analysis caches and the SQL statement cache
        app.screening.screen(viewer, query, purpose=Purpose.BORDER_CONTROL)
    latencies = []
    hits = 0
    for query in queries:
        t = time.perf_counter()
        results = app.screening.screen(viewer, query, purpose=Purpose.BORDER_CONTROL)
        latencies.append((time.perf_counter() - t) * 1000)
        hits += any(r.hit for r in results)
    latencies.sort()
    print(
        f"single query: p50 {statistics.median(latencies):.1f} ms, "
        f"p99 {percentile(latencies, 0.99):.1f} ms, max {latencies[-1]:.1f} ms "
        f"({len(queries)} queries, {hits} with a hit)"
    )
    processes = processes_for(app.settings.screening_processes)
    fresh = queries_from(app, args.queries, seed=8)  # names not asked yet
    for label, batch in (("the same queries", queries), ("new queries", fresh)):
        t = time.perf_counter()
        for start in range(0, len(batch), BATCH):
            app.screening.screen_batch(
                viewer, batch[start : start + BATCH], purpose=Purpose.BORDER_CONTROL
            )
        throughput = len(batch) / (time.perf_counter() - t)
        print(
            f"batch of {BATCH}, {label}: {throughput:.0f} queries/s "
            f"({processes} process{'es' if processes > 1 else ''})"
        )
    print(
        f"RSS {rss_mib():.0f} MiB, peak {peak_mib():.0f} MiB; "
        f"helpers' own memory {children_private_mib():.0f} MiB"
    )
    app.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
