"""The service layer: everything the API, the CLI and the web UI do goes through here."""

from tabadul.service.app import Tabadul
from tabadul.service.errors import (
    AuthenticationFailed,
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceError,
)

__all__ = [
    "AuthenticationFailed",
    "Conflict",
    "FieldError",
    "Forbidden",
    "InvalidInput",
    "NotFound",
    "ServiceError",
    "Tabadul",
]
