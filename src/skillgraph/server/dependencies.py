"""FastAPI dependencies: the settings, the store holder, the query executor and the catalogue,
all kept on the application.

They are ``async`` although they only read an attribute: FastAPI runs a plain ``def``
dependency in its thread pool, one thread hop each (a REST query measured ~0.4 ms faster with
its three dependencies async, before and after, docs/architecture.md "Serving").
"""

from __future__ import annotations

from fastapi import Request

from ..settings import Settings
from ..catalogue import NamedQuery
from .executor import QueryExecutor
from .holder import StoreHolder

__all__ = ["get_catalogue", "get_executor", "get_holder", "get_settings"]


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_holder(request: Request) -> StoreHolder:
    return request.app.state.holder  # type: ignore[no-any-return]


async def get_executor(request: Request) -> QueryExecutor:
    return request.app.state.executor  # type: ignore[no-any-return]


async def get_catalogue(request: Request) -> dict[str, NamedQuery]:
    return request.app.state.catalogue  # type: ignore[no-any-return]
