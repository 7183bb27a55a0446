"""Benchmark: what the exchange rules cost on listing and search at N records.

    .venv/bin/python bench/policy_cost.py [--persons 1000000] [--keep DIR]

Builds (or reuses, with --keep) a SQLite database of N synthetic persons imported as
FtM, spreads them over five owner agencies with a mix of base visibilities, own rules
on one record in ten, purpose limits, releases and agency default rules, then times the
same operations as the installation's operator (no rules apply: the baseline) and as
officers of a member agency, a denied member and the secretariat. Prints the medians
and the ratio to the baseline, with the machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from sqlalchemy import text

from _machine import describe
from import_ftm import write_persons
from tabadul.domain.enums import Purpose, Role, Visibility
from tabadul.policy import Action, Viewer
from tabadul.service import Tabadul
from tabadul.service.records import RecordFilter
from tabadul.service.sharing import RuleIn
from tabadul.settings import Settings

AGENCIES = {"DZ-NCB": "DZ", "MA-NCB": "MA", "TN-NCB": "TN", "EG-NCB": "EG", "ML-NCB": "ML"}


def prepare(app: Tabadul, source: Path) -> None:
    operator = Viewer.installation_operator()
    for code, country in AGENCIES.items():
        app.directory.add_agency(viewer=operator, code=code, name=code, country=country)
    app.directory.add_agency(
        viewer=operator, code="ORG-SEC", name="Secretariat", country=None, is_secretariat=True
    )
    app.directory.set_region(
        viewer=operator, code="MAGHREB", name="Maghreb", members=["DZ", "MA", "TN"]
    )
    report = app.transfer.import_file(operator, source, owner="DZ-NCB")
    assert report.ok, report.errors[:3]
    ids = {code: app.directory.get_agency(code).id for code in AGENCIES}
    owner_ids = list(ids.values())
    with app.transaction() as session:
        # spread the records over the owners and vary their sharing
        case = " ".join(f"WHEN {i} THEN {oid}" for i, oid in enumerate(owner_ids))
        session.execute(text(f"UPDATE records SET owner_id = CASE id % 5 {case} END"))
        session.execute(
            text(
                "UPDATE records SET visibility = CASE id % 3 WHEN 0 THEN 'full' "
                "WHEN 1 THEN 'hit_only' ELSE 'none' END"
            )
        )
        session.execute(text("UPDATE records SET own_rules = (id % 10 = 0)"))
        session.execute(
            text(
                "INSERT INTO sharing_rules (owner_id, record_id, subject_kind, subject_code,"
                " level, created_at) SELECT owner_id, id, 'region', 'MAGHREB', 'full', "
                "CURRENT_TIMESTAMP FROM records WHERE id % 10 = 0"
            )
        )
        session.execute(
            text("""UPDATE records SET purposes = '["counter-terrorism"]' WHERE id % 7 = 0""")
        )
    app.sharing.set_defaults(
        operator,
        agency="EG-NCB",
        rules=[RuleIn(subject="member", code="ML", level=Visibility.NONE)],
    )


def first_page(app: Tabadul, viewer: Viewer) -> list[object]:
    """The first 50 records the viewer may list, without counting them all."""
    with app.transaction() as session:
        return list(islice(app.records.iterate(session, viewer, Action.LIST, batch=50), 50))


def timed(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="tabadul-policy-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(describe())
    database = workdir / f"policy-{args.persons}.db"
    fresh = not database.exists()
    app = Tabadul(Settings(database_url=f"sqlite:///{database}", data_dir=workdir))
    app.migrate()
    if fresh:
        source = workdir / f"persons-{args.persons}.ftm.jsonl"
        if not source.exists():
            write_persons(source, args.persons)
        started = time.perf_counter()
        prepare(app, source)
        print(f"prepared {args.persons} records in {time.perf_counter() - started:.0f}s")
    viewers = {"operator (no rules)": Viewer.installation_operator()}
    for login, agency, role in (
        ("ma.officer", "MA-NCB", Role.OFFICER),
        ("ml.officer", "ML-NCB", Role.OFFICER),
        ("sec.analyst", "ORG-SEC", Role.ANALYST),
    ):
        info = app.directory.get_agency(agency)
        viewers[login] = Viewer(
            login=login,
            role=role,
            agency_id=info.id,
            agency_code=agency,
            country=info.country,
            is_secretariat=info.is_secretariat,
        )
    app.screening.load()  # name search screens persons: its index is ready before timing
    print(f"{'viewer':<22}{'list page':>12}{'list+count':>12}{'name search':>13}  (ms, median)")
    base: dict[str, float] = {}
    for label, viewer in viewers.items():
        page = timed(lambda v=viewer: first_page(app, v), args.repeat)
        counted = timed(lambda v=viewer: app.records.page(v, RecordFilter(), limit=50), args.repeat)
        search = timed(
            lambda v=viewer: app.search.names(
                v, name="Mohamed Ben Ali", purpose=Purpose.BORDER_CONTROL, limit=20
            ),
            args.repeat,
        )
        figures = {"page": page, "count": counted, "search": search}
        if not base:
            base = figures
        ratios = "  ".join(f"x{figures[k] / base[k]:.2f}" for k in ("page", "count", "search"))
        print(f"{label:<22}{page:>12.1f}{counted:>12.1f}{search:>13.1f}  ratio {ratios}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
