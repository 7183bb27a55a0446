"""Request dependencies: the installation and the authenticated viewer."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tabadul.policy import Viewer
from tabadul.service import Tabadul

__all__ = ["AppDep", "CurrentViewer", "TokenDep"]

_bearer = HTTPBearer(auto_error=False, description="A login or API token.")


# The dependencies that do no I/O are coroutines: FastAPI runs a plain function
# dependency on a worker thread, a hand-over each way on every request (with the GIL,
# more than the work). The viewer's lookup reads the database and stays a function.


async def _app(request: Request) -> Tabadul:
    app: Tabadul = request.app.state.tabadul
    return app


AppDep = Annotated[Tabadul, Depends(_app)]


async def _token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401,
            "log in first: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return credentials.credentials


TokenDep = Annotated[str, Depends(_token)]


def _viewer(app: AppDep, token: TokenDep) -> Viewer:
    return app.auth.authenticate(token)


CurrentViewer = Annotated[Viewer, Depends(_viewer)]
