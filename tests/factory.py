"""Small builders for test data. Every name here is invented."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tabadul.domain.enums import Role
from tabadul.model.records import (
    DocumentIn,
    GroupIn,
    LinkIn,
    NameIn,
    PersonIn,
    Sharing,
)
from tabadul.policy import Viewer
from tabadul.service import Tabadul

OPERATOR = Viewer.installation_operator()
PASSWORD = "correct-horse-battery"


def person(
    external_id: str = "p-1",
    name: str = "Youcef Ben Amrani",
    *,
    aliases: tuple[str, ...] = (),
    birth_dates: tuple[str, ...] = ("1984-06-02",),
    nationalities: tuple[str, ...] = ("DZ",),
    visibility: str | None = None,
    handling_code: str | None = None,
    **extra: Any,
) -> PersonIn:
    names = [NameIn(full_name=name)] + [NameIn(full_name=a, kind="alias") for a in aliases]
    sharing: dict[str, Any] = {}
    if visibility:
        sharing["visibility"] = visibility
    if handling_code:
        sharing["handling_code"] = handling_code
    return PersonIn(
        external_id=external_id,
        names=names,
        birth_dates=list(birth_dates),
        nationalities=list(nationalities),
        sharing=Sharing.model_validate(sharing),
        **extra,
    )


def document(external_id: str = "d-1", holder: str | None = "p-1", **extra: Any) -> DocumentIn:
    return DocumentIn(external_id=external_id, holder=holder, number="AB 123 456", **extra)


def group(external_id: str = "g-1", name: str = "Sand Vipers Network", **extra: Any) -> GroupIn:
    return GroupIn(external_id=external_id, group_kind="criminal", name=name, **extra)


def link(external_id: str = "l-1", source: str = "p-1", target: str = "g-1") -> LinkIn:
    return LinkIn(external_id=external_id, link_type="member_of", source=source, target=target)


@dataclass(frozen=True)
class World:
    """Two member agencies (DZ, MA), the secretariat, and a user per role."""

    dz_bureau: Viewer
    dz_officer: Viewer
    ma_bureau: Viewer
    ma_officer: Viewer
    sec_compliance: Viewer
    sec_admin: Viewer


def world(app: Tabadul) -> World:
    d = app.directory
    d.add_agency(viewer=OPERATOR, code="DZ-NCB", name="Bureau Alger", country="DZ")
    d.add_agency(viewer=OPERATOR, code="MA-NCB", name="Bureau Rabat", country="MA")
    d.add_agency(
        viewer=OPERATOR, code="ORG-SEC", name="Secretariat", country=None, is_secretariat=True
    )
    users = [
        ("dz.bureau", "DZ-NCB", Role.BUREAU),
        ("dz.officer", "DZ-NCB", Role.OFFICER),
        ("ma.bureau", "MA-NCB", Role.BUREAU),
        ("ma.officer", "MA-NCB", Role.OFFICER),
        ("sec.compliance", "ORG-SEC", Role.COMPLIANCE),
        ("sec.admin", "ORG-SEC", Role.ADMIN),
    ]
    for login, agency, role in users:
        d.add_user(viewer=OPERATOR, login=login, agency=agency, role=role, password=PASSWORD)
    return World(*(d.viewer(login) for login, _, _ in users))
