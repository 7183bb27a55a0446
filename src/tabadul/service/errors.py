"""Errors the service layer raises; the API and the CLI translate them, one place each."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AuthenticationFailed",
    "Conflict",
    "FieldError",
    "Forbidden",
    "InvalidInput",
    "NotFound",
    "ServiceError",
]


class ServiceError(Exception):
    """Base of every error a caller is expected to handle."""


class NotFound(ServiceError):
    """The thing does not exist *or the viewer may not know that it does*: a hidden
    record and a missing one raise the same error with the same message."""


class Forbidden(ServiceError):
    """The viewer is known and may see the thing, but may not do this to it."""


class AuthenticationFailed(ServiceError):
    """Bad login, password or token. Deliberately says no more than that."""


class Conflict(ServiceError):
    """The change clashes with what is stored (a code or login already taken)."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field; ``loc`` is the path of the field in the input."""

    loc: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        path = ".".join(str(p) for p in self.loc) or "(input)"
        return f"{path}: {self.message}"


@dataclass
class InvalidInput(ServiceError):
    """The input is wrong; ``errors`` names each field at fault."""

    errors: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(str(e) for e in self.errors)
