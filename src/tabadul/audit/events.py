"""The typed vocabulary of the audit log (DESIGN.md rule 7)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AuditAction"]


class AuditAction(StrEnum):
    """Every kind of entry the audit log holds. Values are stored: add, never rename."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    TOKEN_CREATE = "token_create"  # noqa: S105 - an action name
    TOKEN_REVOKE = "token_revoke"  # noqa: S105 - an action name
    AGENCY_CREATE = "agency_create"
    USER_CREATE = "user_create"
    RECORD_VIEW = "record_view"
    RECORD_LIST = "record_list"
    RECORD_CREATE = "record_create"
    RECORD_UPDATE = "record_update"
    RECORD_DELETE = "record_delete"
    IMPORT = "import"
    EXPORT = "export"
    GENERATE = "generate"
    SEARCH = "search"
    SCREEN = "screen"
    RULE_CHANGE = "rule_change"
    RELEASE_REQUEST = "release_request"
    RELEASE_DECISION = "release_decision"
    HIT_OUTCOME = "hit_outcome"
    RECORD_RENEW = "record_renew"
    AUDIT_READ = "audit_read"
