"""The FastAPI application: built once from the settings, failing fast on a missing store or a
broken named query."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from .. import __version__
from ..catalogue import load_catalogue
from ..errors import StoreError
from ..resources import resource_dir
from ..settings import Settings
from .access_log import AccessLogMiddleware
from .budget import BudgetMiddleware, ClientBudget
from .api import build_router
from .dependencies import get_holder
from .errors import ProtocolError, internal_error_handler, protocol_error_handler, store_error_handler
from .executor import QueryExecutor
from .holder import StoreHolder, open_holder
from .limits import RequestLimitMiddleware
from .pages import STATIC_DIR
from .routes import analytics as analytics_routes
from .routes import coverage as coverage_routes
from .routes import profiles as profiles_routes
from .routes import workforce as workforce_routes
from .web import STATIC_DIR as WEB_STATIC_DIR
from .web import STATIC_MOUNT as WEB_STATIC_MOUNT
from .web import router as web_router
from .sparql import router as sparql_router
from .void import router as void_router

__all__ = ["create_app", "create_app_from_env"]

_DESCRIPTION = """
Graphe de compétences et de formations pour les solutions multi-technologiques de santé (SMT).
Competency and training-gap knowledge graph for multi-technology health solutions, built from
the 2020 study for the EDEC Industries de santé.

* `/sparql` — a SPARQL 1.1 Protocol endpoint (read-only by default) over the whole graph;
* `/api/<name>` — the gap questions as typed REST routes (`/api/queries` lists them);
* `/void` — the VoID description of the dataset.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; raises at once when no graph has been built or a named query is broken."""
    settings = settings or Settings()
    holder = open_holder(settings)  # local releases, or a remote SPARQL store
    holder.get()  # fail fast: no store, no server
    catalogue = load_catalogue(resource_dir("api") / "queries")
    executor = QueryExecutor(
        size=settings.query_workers,
        timeout=settings.query_timeout,
        admission_wait=settings.admission_wait,
        memory_limit_mb=settings.worker_memory_mb,
        release=holder.current,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        executor.close()

    # FastAPIOffline serves Swagger UI and ReDoc from packaged assets: no CDN.
    app = FastAPIOffline(title="skillgraph", version=__version__, description=_DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.holder = holder
    app.state.executor = executor
    app.state.catalogue = catalogue
    app.add_exception_handler(ProtocolError, protocol_error_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, store_error_handler)
    app.add_exception_handler(Exception, internal_error_handler)
    app.include_router(sparql_router)
    app.include_router(build_router(catalogue))
    app.include_router(void_router)
    app.include_router(coverage_routes.router)
    app.include_router(profiles_routes.router)
    app.include_router(analytics_routes.router)
    app.include_router(workforce_routes.router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount(WEB_STATIC_MOUNT, StaticFiles(directory=WEB_STATIC_DIR), name="assets")
    app.add_api_route("/health", _health, methods=["GET"], summary="Liveness and the release in service")
    budget = ClientBudget(settings.client_budget_seconds, settings.client_budget_window, settings.client_max_concurrent)
    app.add_middleware(BudgetMiddleware, budget=budget, api_keys=[k.get_secret_value() for k in settings.api_keys])
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"])
    app.add_middleware(RequestLimitMiddleware, max_body=settings.max_body_bytes, max_url=settings.max_url_bytes)
    app.add_middleware(AccessLogMiddleware)
    return app


def create_app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory`` and several worker processes: each process reads
    the settings from the ``SKILLGRAPH_*`` environment it inherits."""
    return create_app(Settings())


async def _health(holder: StoreHolder = Depends(get_holder)) -> JSONResponse:  # noqa: B008 - FastAPI idiom
    """Answers 200 with the release in service while the store can be opened."""
    holder.get()
    return JSONResponse({"status": "ok", "release": holder.release.name if holder.release else None})
