"""Bearer tokens: a token stands for its user exactly as the directory sees them, and a
revoked, expired or unknown token, or one of a deactivated user, stands for no one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from tabadul.service import Tabadul
from tabadul.service.errors import AuthenticationFailed
from tabadul.store.tables import ApiToken, User
from tests.factory import PASSWORD, world


def test_a_token_stands_for_its_user_as_the_directory_sees_them(app: Tabadul) -> None:
    w = world(app)
    for expected in (w.dz_officer, w.ma_bureau, w.sec_compliance, w.sec_admin):
        viewer, issued = app.auth.login(expected.login, PASSWORD)
        assert app.auth.authenticate(issued.token) == viewer == expected
    assert app.auth.authenticate(issued.token).is_secretariat


def test_revoked_expired_unknown_and_deactivated_tokens_are_refused(app: Tabadul) -> None:
    world(app)
    with pytest.raises(AuthenticationFailed):
        app.auth.authenticate("no-such-token")
    _, revoked = app.auth.login("dz.officer", PASSWORD)
    app.auth.logout(revoked.token)
    with pytest.raises(AuthenticationFailed):
        app.auth.authenticate(revoked.token)

    _, issued = app.auth.login("dz.officer", PASSWORD)
    assert issued.expires_at is not None
    with app.transaction() as session:
        session.execute(update(ApiToken).values(expires_at=app.now() - timedelta(seconds=1)))
    with pytest.raises(AuthenticationFailed):
        app.auth.authenticate(issued.token)

    _, issued = app.auth.login("ma.officer", PASSWORD)
    assert app.auth.authenticate(issued.token).login == "ma.officer"
    with app.transaction() as session:
        session.execute(update(User).where(User.login == "ma.officer").values(active=False))
    with pytest.raises(AuthenticationFailed):
        app.auth.authenticate(issued.token)
