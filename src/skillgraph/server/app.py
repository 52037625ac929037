"""The FastAPI application: built once from the settings, failing fast if the store is missing."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse

from .. import __version__
from ..errors import StoreError
from ..settings import Settings
from .dependencies import get_holder
from .errors import ProtocolError, protocol_error_handler, store_error_handler
from .holder import StoreHolder
from .sparql import router as sparql_router

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; raises `StoreError` at once when no graph has been built."""
    settings = settings or Settings()
    holder = StoreHolder(settings.store_dir)
    holder.get()  # fail fast: no store, no server
    app = FastAPI(
        title="skillgraph",
        version=__version__,
        description=(
            "Graphe de compétences et de formations pour les solutions multi-technologiques de santé (SMT). "
            "Competency and training-gap knowledge graph for multi-technology health solutions: "
            "a SPARQL 1.1 endpoint over the study graph."
        ),
    )
    app.state.settings = settings
    app.state.holder = holder
    app.add_exception_handler(ProtocolError, protocol_error_handler)
    app.add_exception_handler(StoreError, store_error_handler)
    app.include_router(sparql_router)
    app.add_api_route("/health", _health, methods=["GET"], summary="Liveness and the release in service")
    return app


async def _health(holder: StoreHolder = Depends(get_holder)) -> JSONResponse:  # noqa: B008 - FastAPI idiom
    """Answers 200 with the release in service while the store can be opened."""
    holder.get()
    return JSONResponse({"status": "ok", "release": holder.release.name if holder.release else None})
