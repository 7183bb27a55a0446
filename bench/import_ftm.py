"""Benchmark: import N FollowTheMoney persons into a fresh SQLite database.

Target (issue 2): 1,000,000 persons in under 10 minutes on the project's 2-core machine.

    .venv/bin/python bench/import_ftm.py [--persons 1000000] [--keep DIR]

The persons are the synthetic region's (names in Arabic and Latin script, aliases,
kunyas, partial dates of birth, nationalities, passport numbers), written as FtM
``Person`` lines; the import is the same code path as ``tabadul import``: parse,
validate, write in one transaction.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from _machine import describe
from tabadul.model.records import PersonIn
from tabadul.policy import Viewer
from tabadul.service import Tabadul
from tabadul.settings import Settings
from tabadul.synth import generate_region

PROPERTY = {
    "primary": "name",
    "alias": "alias",
    "weak_alias": "weakAlias",
    "birth_name": "previousName",
}


def person_line(person: PersonIn) -> str:
    props: dict[str, list[str]] = {}
    for name in person.names:
        props.setdefault(PROPERTY[name.kind.value], []).append(name.full_name)
    if person.birth_dates:
        props["birthDate"] = list(person.birth_dates)
    if person.birth_places:
        props["birthPlace"] = list(person.birth_places)
    if person.nationalities:
        props["nationality"] = [c.lower() for c in person.nationalities]
    if person.gender:
        props["gender"] = [person.gender.value]
    for ident in person.identifiers:
        key = "passportNumber" if ident.kind.value == "passport" else "idNumber"
        props.setdefault(key, []).append(ident.number)
    return json.dumps(
        {"id": person.external_id, "schema": "Person", "properties": props}, ensure_ascii=False
    )


def write_persons(path: Path, count: int) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for owned in generate_region(persons=count, seed=1).records():
            if isinstance(owned.record, PersonIn):
                out.write(person_line(owned.record) + "\n")
                written += 1
                if written >= count:
                    break
    return written


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="directory to keep the file and database in")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="tabadul-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / f"persons-{args.persons}.ftm.jsonl"
    print(describe())
    if not source.exists():
        started = time.perf_counter()
        n = write_persons(source, args.persons)
        took = time.perf_counter() - started
        print(f"wrote {n} FtM persons ({source.stat().st_size / 1e6:.0f} MB) in {took:.1f}s")
    database = workdir / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    app = Tabadul(Settings(database_url=f"sqlite:///{database}", data_dir=workdir))
    app.migrate()
    operator = Viewer.installation_operator()
    app.directory.add_agency(viewer=operator, code="DZ-NCB", name="Bureau Alger", country="DZ")
    started = time.perf_counter()
    report = app.transfer.import_file(operator, source, owner="DZ-NCB")
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not report.ok:
        print(f"import failed: {report.errors[:3]}", file=sys.stderr)
        return 1
    rate = report.created / elapsed
    print(
        f"import: {report.created} persons into SQLite in {elapsed:.1f}s "
        f"({rate:,.0f} persons/s; target 1,000,000 in < 600 s -> projected "
        f"{1_000_000 / rate:.0f} s); peak RSS {peak:.0f} MiB; database "
        f"{database.stat().st_size / 1e6:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
