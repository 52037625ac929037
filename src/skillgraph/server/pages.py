"""The query page in the browser: ``GET /`` and the static files it uses, all served by the app.

The page works with no internet access: no CDN, no external font, nothing fetched from
outside the application. ``STATIC_DIR`` is mounted at ``/static`` by the application.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

__all__ = ["STATIC_DIR", "router"]

#: The page, its script, its style sheet and its icon.
STATIC_DIR = Path(__file__).parent / "static"

router = APIRouter()


@router.get("/", include_in_schema=False)
async def index() -> FileResponse:
    """The SPARQL query page (French first, with an English switch)."""
    return FileResponse(
        STATIC_DIR / "index.html",
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )
