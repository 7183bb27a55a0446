"""Loading a synthetic region (``tabadul.synth``) into the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from tabadul.audit import AuditAction, append
from tabadul.policy import Viewer
from tabadul.service._write import AnyRecordIn, RecordWriter
from tabadul.service.errors import Forbidden
from tabadul.store.tables import Agency, Region, RegionMember
from tabadul.synth import SyntheticRegion

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["LoadReport", "load_region"]

BATCH = 5000


@dataclass
class LoadReport:
    agencies: int = 0
    records: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def load_region(
    app: Tabadul,
    viewer: Viewer,
    region: SyntheticRegion,
    *,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Create the region's members, regions and agencies (those missing) and write its
    records, in one transaction. Records already there (same owner and id) are updated,
    so loading the same seed twice changes nothing."""
    if not viewer.operator:
        raise Forbidden("only the installation's operator loads synthetic data")
    report = LoadReport()
    with app.transaction() as session:
        for member in region.members:
            app.directory.ensure_member(session, member.code, member.name)
        for spec in region.regions:
            row = session.get(Region, spec.code)
            if row is None:
                row = Region(code=spec.code, name=spec.name)
                session.add(row)
                session.flush()
                for code in spec.members:
                    row.members.append(RegionMember(member_code=code))
        agencies: dict[str, Agency] = {}
        for agency_spec in region.agencies:
            agency = session.scalar(select(Agency).where(Agency.code == agency_spec.code))
            if agency is None:
                agency = Agency(
                    code=agency_spec.code,
                    name=agency_spec.name,
                    country=agency_spec.country,
                    is_secretariat=agency_spec.is_secretariat,
                    default_visibility="full",
                    default_handling="H0",
                    created_at=app.now(),
                )
                session.add(agency)
                session.flush()
                report.agencies += 1
            agencies[agency_spec.code] = agency
        writers: dict[str, RecordWriter] = {
            code: app.records.writer(session, agency) for code, agency in agencies.items()
        }
        pending: dict[str, list[AnyRecordIn]] = defaultdict(list)

        def flush(owner: str) -> None:
            items = pending.pop(owner, [])
            outcome = writers[owner].write(items)
            if outcome.rejected:  # the generator's own invariants are broken: stop loudly
                first = outcome.rejected[0]
                raise RuntimeError(
                    f"synthetic record {items[first.index].external_id} rejected: {first.reason}"
                )
            for item in items:
                report.by_kind[item.kind] += 1
            report.records += len(items)
            if progress is not None:
                progress(len(items))

        for owned in region.records():
            pending[owned.owner].append(owned.record)
            if len(pending[owned.owner]) >= BATCH:
                flush(owned.owner)
        for owner in list(pending):
            flush(owner)
        append(
            session,
            actor=viewer.login,
            agency=viewer.agency_code,
            action=AuditAction.GENERATE,
            detail={"records": report.records, "agencies": report.agencies},
        )
    return report
