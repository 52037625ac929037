"""The web application for HR teams and training bodies: server-rendered pages (French first,
English switch), served by the same FastAPI process and working with no internet access.

`router` gathers every page; `STATIC_DIR` holds the pages' style sheet and scripts, mounted at
``/assets`` by the application. How to add a page: docs/web.md.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

from . import explore, families, gaptool, home, matrix, programmes, sources

__all__ = ["STATIC_DIR", "STATIC_MOUNT", "router"]

#: The pages' CSS and JavaScript (the query page's own assets stay in server/static, at /static).
STATIC_DIR = Path(__file__).parent / "static"
STATIC_MOUNT = "/assets"

router = APIRouter(include_in_schema=False)
for _module in (home, families, programmes, explore, sources, matrix, gaptool):
    router.include_router(_module.router)
