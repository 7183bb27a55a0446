"""Logging in and out, languages, CSRF, error pages and the screening form."""

from __future__ import annotations

import re
from collections.abc import Callable

from tabadul.service import Tabadul
from tests.factory import OPERATOR, person
from tests.web.conftest import WebClient


def test_pages_need_a_login_and_come_back_after_it(anonymous: WebClient) -> None:
    answer = anonymous.get("/screen")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/screen"
    login = anonymous.get("/login?next=/screen")
    assert 'name="next" value="/screen"' in login.text


def test_wrong_password_says_so_and_logs_nobody_in(anonymous: WebClient) -> None:
    token = anonymous.csrf("/login")
    answer = anonymous.client.post(
        "/login", data={"login": "dz.officer", "password": "wrong", "csrf": token}
    )
    assert answer.status_code == 401
    assert "Wrong login or password" in answer.text
    assert anonymous.get("/screen").status_code == 303


def test_login_cookie_is_httponly_and_samesite(anonymous: WebClient) -> None:
    answer = anonymous.login("dz.officer")
    cookie = answer.headers["set-cookie"]
    assert "tabadul_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie


def test_never_redirected_off_the_site_after_login(anonymous: WebClient) -> None:
    token = anonymous.csrf("/login")
    answer = anonymous.client.post(
        "/login",
        data={
            "login": "dz.officer",
            "password": "correct-horse-battery",
            "csrf": token,
            "next": "//evil.example/x",
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/screen")


def test_logout_revokes_the_session(browser_for: Callable[[str], WebClient]) -> None:
    web = browser_for("dz.officer")
    session = web.client.cookies.get("tabadul_session")
    assert web.post("/logout").status_code == 303
    web.client.cookies.set("tabadul_session", session or "")
    assert web.get("/screen").status_code == 303  # the old cookie no longer works


def test_a_form_without_its_token_is_refused_and_changes_nothing(
    app: Tabadul, browser_for: Callable[[str], WebClient]
) -> None:
    web = browser_for("dz.officer")
    answer = web.client.post("/language", data={"language": "ar", "next": "/account"})
    assert answer.status_code == 403
    assert app.directory.language(app.directory.viewer("dz.officer")) == "en"
    forged = web.client.post("/language", data={"language": "ar", "csrf": "x" * 40})
    assert forged.status_code == 403


def test_language_is_per_user_and_switches_direction(
    app: Tabadul, browser_for: Callable[[str], WebClient]
) -> None:
    web = browser_for("dz.officer")
    assert '<html lang="en" dir="ltr">' in web.get("/account").text
    answer = web.post("/language", {"language": "ar", "next": "/account"})
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/account")
    page = web.get("/account").text
    assert '<html lang="ar" dir="rtl">' in page
    assert app.directory.language(app.directory.viewer("dz.officer")) == "ar"
    other = browser_for("ma.officer")  # another user keeps their own language
    assert '<html lang="en" dir="ltr">' in other.get("/account").text
    web.post("/language", {"language": "fr", "next": "/account"})
    assert "Mon compte" in web.get("/account").text


def test_error_pages_are_html_in_the_users_language(
    browser_for: Callable[[str], WebClient],
) -> None:
    web = browser_for("dz.officer")
    missing = web.get("/records/DZ-NCB/nothing-here")
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]
    assert web.get("/api/v1/nothing").headers["content-type"].startswith("application/json")


def test_pages_forbid_loading_from_elsewhere(browser_for: Callable[[str], WebClient]) -> None:
    page = browser_for("dz.officer").get("/screen")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assets = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert assets
    assert all(a.startswith(("/", "#")) for a in assets), assets


def test_pages_carry_security_headers_and_the_api_does_not(
    browser_for: Callable[[str], WebClient],
) -> None:
    web = browser_for("dz.officer")
    for response in (web.get("/screen"), web.get("/records/DZ-NCB/nothing-here")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
        assert response.headers["cache-control"] == "no-store"  # HTML: never cached
    api = web.get("/api/v1/health")
    assert api.status_code == 200
    assert "content-security-policy" not in api.headers


def test_screening_answers_on_the_same_page_with_reasons(
    app: Tabadul, browser_for: Callable[[str], WebClient]
) -> None:
    app.records.save(OPERATOR, person("dz-p-1", "Youcef Ben Amrani"), owner="DZ-NCB", create=True)
    web = browser_for("dz.officer")
    answer = web.post(
        "/screen",
        {"name": "يوسف بن عمراني", "purpose": "border-control", "birth_date": "1984"},
        form_page="/screen",
    )
    assert answer.status_code == 200
    assert "Youcef Ben Amrani" in answer.text
    assert "/records/DZ-NCB/dz-p-1" in answer.text
    assert 'class="why"' in answer.text


def test_screening_bad_input_names_the_field_and_keeps_the_form(
    browser_for: Callable[[str], WebClient],
) -> None:
    web = browser_for("dz.officer")
    answer = web.post(
        "/screen",
        {"name": "Youcef", "purpose": "border-control", "birth_date": "1985-13-45"},
        form_page="/screen",
    )
    assert answer.status_code == 422
    assert 'id="birth_date-error"' in answer.text
    assert 'value="Youcef"' in answer.text
    empty = web.post("/screen", {"name": "  ", "purpose": "border-control"}, form_page="/screen")
    assert empty.status_code == 422
    assert 'id="name-error"' in empty.text
