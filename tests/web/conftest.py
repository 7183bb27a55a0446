"""The web interface through its HTTP forms (no browser): a client per test, logged in
as a user of the factory's world; ``tests/browser`` drives the same pages in Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from tabadul.api import create_app
from tabadul.service import Tabadul
from tests.factory import PASSWORD, World, world

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class WebClient:
    """A browser without a browser: follows the pages' forms, CSRF token included."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(url, **kwargs)

    def csrf(self, url: str = "/account") -> str:
        page = self.client.get(url)
        found = _CSRF.search(page.text)
        assert found, f"no CSRF token on {url}"
        return found.group(1)

    def post(
        self,
        url: str,
        data: dict[str, Any] | None = None,
        *,
        form_page: str | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Post a form as its page would: with the CSRF token of ``form_page``."""
        fields = dict(data or {})
        fields.setdefault("csrf", self.csrf(form_page or "/account"))
        return self.client.post(url, data=fields, **kwargs)

    def login(self, login: str, password: str = PASSWORD) -> httpx.Response:
        token = self.csrf("/login")
        answer = self.client.post(
            "/login", data={"login": login, "password": password, "csrf": token, "next": ""}
        )
        assert answer.status_code == 303, answer.text
        return answer


@pytest.fixture
def web_world(app: Tabadul) -> World:
    return world(app)


@pytest.fixture
def browser_for(app: Tabadul, web_world: World) -> Iterator[Callable[[str], WebClient]]:
    """``browser_for("dz.bureau")``: a client logged in as that user of the world."""
    api = create_app(app=app, load_index=False)
    clients: list[TestClient] = []

    def make(login: str) -> WebClient:
        client = TestClient(api, follow_redirects=False)
        client.__enter__()
        clients.append(client)
        web = WebClient(client)
        web.login(login)
        return web

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def anonymous(app: Tabadul, web_world: World) -> Iterator[WebClient]:
    with TestClient(create_app(app=app, load_index=False), follow_redirects=False) as client:
        yield WebClient(client)
