"""The audit trail: typed actions and an append-only, hash-chained log."""

from tabadul.audit.events import AuditAction
from tabadul.audit.log import ChainBreak, NewEntry, append, append_many, verify

__all__ = ["AuditAction", "ChainBreak", "NewEntry", "append", "append_many", "verify"]
