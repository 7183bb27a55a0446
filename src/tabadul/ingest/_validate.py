"""Turning pydantic's validation errors into sentences about the user's own fields.

A reader builds the data for a record model from the user's fields and notes, for
each place in that data, which field it came from (:class:`Origins`). When the model
rejects the data, :func:`explain` maps every error location back through those notes
(``names.0.full_name`` → ``name``) and rewrites the message so that it quotes at most
a few dozen characters of the user's value.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tabadul.ingest.errors import clip

__all__ = ["FieldProblem", "Origins", "explain", "validate"]

_REASON_MAX = 300

M = TypeVar("M", bound=BaseModel)


class FieldProblem(Exception):
    """A problem a reader finds before validation (several values where one is
    expected, a value of the wrong JSON type ...), named by the user's field."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class Origins:
    """Which user field each place in a record's data came from.

    Places are dotted paths into the data (``names.2``, ``names.0.parts.first``,
    ``sharing.handling_code``); :meth:`locate` finds the longest noted prefix of an
    error location.
    """

    __slots__ = ("_fields",)

    def __init__(self) -> None:
        self._fields: dict[str, str] = {}

    def note(self, path: str, field: str) -> None:
        self._fields[path] = field

    def locate(self, loc: tuple[int | str, ...]) -> str | None:
        parts = [str(p) for p in loc]
        for end in range(len(parts), 0, -1):
            field = self._fields.get(".".join(parts[:end]))
            if field is not None:
                return field
        if not parts:
            return self._fields.get("")
        return ".".join(parts)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _reason(error: Any) -> str:
    kind: str = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = error.get("ctx") or {}
    msg: str = error["msg"]
    if kind == "string_too_long" and isinstance(value, str):
        reason = (
            f"{clip(value)} is {len(value)} characters long; "
            f"at most {ctx.get('max_length')} are allowed"
        )
    elif kind == "string_too_short":
        reason = "the value is empty"
    elif kind == "too_long":
        reason = (
            f"{ctx.get('actual_length')} values given; at most {ctx.get('max_length')} are allowed"
        )
    elif kind == "too_short":
        reason = f"at least {ctx.get('min_length')} value is needed"
    elif kind == "missing":
        reason = "a value is required"
    elif kind in {"enum", "literal_error"}:
        reason = f"{clip(value)} is not allowed: expected {ctx.get('expected')}"
    elif kind in {"value_error", "assertion_error"}:
        reason = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if isinstance(value, str):
            reason = reason.replace(repr(value), clip(value))
    elif isinstance(value, str | int | float | bool) or value is None:
        reason = f"{clip(value)}: {_lower_first(msg)}"
    else:
        reason = _lower_first(msg)
    if len(reason) > _REASON_MAX:
        reason = reason[: _REASON_MAX - 1] + "…"
    return reason


def explain(exc: ValidationError, origins: Origins) -> list[FieldProblem]:
    """One :class:`FieldProblem` per error of ``exc``, named by the user's field."""
    return [
        FieldProblem(origins.locate(tuple(err["loc"])), _reason(err))
        for err in exc.errors(include_url=False)
    ]


def validate(model: type[M], data: dict[str, Any], origins: Origins) -> M | list[FieldProblem]:
    """Validate ``data`` as ``model``; on failure, the problems in the user's terms."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        return explain(exc, origins)
