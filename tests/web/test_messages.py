"""The field errors a form can meet are said in the user's language: each one is
produced here by the service itself and must be read by ``web.messages``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from tabadul.domain.enums import Role
from tabadul.service import InvalidInput, Tabadul
from tabadul.service.audit_trail import audit_filters
from tabadul.service.passenger_list import read_csv
from tabadul.service.screening import ScreenQuery, invalid_query
from tabadul.service.sharing import RuleIn
from tabadul.web.i18n import translations
from tabadul.web.messages import MESSAGES, say_error
from tests.factory import OPERATOR, person, world


def _query_errors(**fields: object) -> list[str]:
    try:
        ScreenQuery.model_validate({"name": "Youcef Ben Amrani", **fields})
    except ValidationError as exc:
        return [e.message for e in invalid_query(exc).errors]
    raise AssertionError(f"accepted: {fields}")


def _service_errors(call: Callable[[], object]) -> list[str]:
    try:
        call()
    except InvalidInput as exc:
        return [e.message for e in exc.errors]
    raise AssertionError("accepted")


def _screening_messages() -> list[str]:
    return [
        *_query_errors(birthDate="1985-13-45"),
        *_query_errors(birthDate="85/3/7"),
        *_query_errors(birthDate="1700"),
        *_query_errors(birthDate="1985-02-30"),
        *_query_errors(nationality="XQ"),
        *_query_errors(name=""),
        *_query_errors(name="1234"),
        *_query_errors(name="Youcef\x00"),
        *_query_errors(name="Y" * 30_000),
        *_service_errors(lambda: audit_filters(since="2026-13-45")),
        *_service_errors(lambda: audit_filters(since="2026-11-29", until="2026-11-01")),
        *_service_errors(lambda: audit_filters(action="dance")),
        *_service_errors(lambda: audit_filters(purpose="curiosity")),
        *_service_errors(lambda: read_csv([])),
    ]


def _directory_messages(app: Tabadul) -> list[str]:
    world(app)
    d = app.directory
    app.records.save(OPERATOR, person("dz-p-1"), owner="DZ-NCB", create=True)
    officer = d.viewer("ma.officer")
    return [
        *_service_errors(lambda: d.add_agency(viewer=OPERATOR, code="x", name="", country="MA")),
        *_service_errors(
            lambda: d.add_agency(viewer=OPERATOR, code="TN-NCB", name="Tunis", country=None)
        ),
        *_service_errors(
            lambda: d.add_user(
                viewer=OPERATOR, login="A B", agency="MA-NCB", role=Role.OFFICER, password="short"
            )
        ),
        *_service_errors(
            lambda: app.releases.request(
                officer, owner="DZ-NCB", external_id="dz-p-1", reason=" ", purpose="border-control"
            )
        ),
        *_service_errors(
            lambda: app.sharing.set_record(
                d.viewer("dz.bureau"),
                owner="DZ-NCB",
                external_id="dz-p-1",
                rules=[
                    RuleIn(subject="agency", code="ZZ-NCB", level="full"),
                    RuleIn(subject="member", code="ZZ", level="full"),
                    RuleIn(subject="region", code="NOWHERE", level="full"),
                ],
            )
        ),
    ]


@pytest.mark.parametrize("message", _screening_messages())
def test_screening_and_filter_errors_are_read(message: str) -> None:
    assert any(p.match(message) for p, _ in MESSAGES), message


def test_directory_sharing_and_release_errors_are_read(app: Tabadul) -> None:
    messages = _directory_messages(app)
    assert len(messages) >= 8
    unread = [m for m in messages if not any(p.match(m) for p, _ in MESSAGES)]
    assert not unread


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_errors_are_said_in_the_language_with_the_value_as_typed(lang: str) -> None:
    (message,) = _query_errors(birthDate="1985-13-45")
    said = say_error(message, translations(lang).gettext)
    assert "1985-13-45" in said
    assert said != message


def test_an_unknown_error_is_shown_as_the_service_wrote_it() -> None:
    assert say_error("a brand new complaint", translations("fr").gettext) == "a brand new complaint"
