"""FastAPI dependencies: the settings and the store holder, both kept on the application."""

from __future__ import annotations

from fastapi import Request

from ..settings import Settings
from .holder import StoreHolder

__all__ = ["get_holder", "get_settings"]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_holder(request: Request) -> StoreHolder:
    return request.app.state.holder  # type: ignore[no-any-return]
