"""Reading and verifying the audit trail (compliance and admins only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tabadul.audit import ChainBreak, verify
from tabadul.domain.enums import Role
from tabadul.policy import Viewer
from tabadul.service.errors import Forbidden

if TYPE_CHECKING:
    from tabadul.service.app import Tabadul

__all__ = ["AuditTrail", "Verification"]


@dataclass(frozen=True)
class Verification:
    checked: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


class AuditTrail:
    def __init__(self, app: Tabadul) -> None:
        self._app = app

    def verify(self, viewer: Viewer) -> Verification:
        if not (viewer.operator or viewer.role in (Role.COMPLIANCE, Role.ADMIN)):
            raise Forbidden("only compliance officers and administrators verify the audit trail")
        with self._app.transaction() as session:
            checked, broken = verify(session)
            return Verification(checked, broken)
