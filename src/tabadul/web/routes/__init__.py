"""The pages, one module per area; every module here that has a ``router`` is served
(in the order of their names), so adding a page area is adding a module."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter

__all__ = ["ROUTERS"]


def _routers() -> list[APIRouter]:
    found = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        router = getattr(loaded, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


ROUTERS = _routers()
