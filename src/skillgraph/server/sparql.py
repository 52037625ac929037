"""The SPARQL 1.1 Protocol endpoint (``/sparql``): query via GET, form POST and direct POST.

Queries run in the worker pool (`executor`); updates only when enabled and authorised.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from ..settings import Settings
from .dependencies import get_executor, get_holder, get_settings
from .description import service_description
from .errors import ProtocolError
from .executor import QueryExecutor
from .guard import refusal
from .holder import StoreHolder
from .updates import apply_update
from .worker import Failure, Job

__all__ = ["router"]

router = APIRouter()
_log = logging.getLogger("skillgraph.server")

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_DATASET = ("default-graph-uri", "named-graph-uri")
_UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")

Holder = Annotated[StoreHolder, Depends(get_holder)]
Executor = Annotated[QueryExecutor, Depends(get_executor)]
Config = Annotated[Settings, Depends(get_settings)]


@router.get("/sparql", summary="SPARQL query (GET), or the service description without a query")
async def sparql_get(request: Request, holder: Holder, executor: Executor, settings: Config) -> Response:
    """Run a SPARQL 1.1 query given as `query` (with optional `default-graph-uri` and
    `named-graph-uri`); the answer is negotiated by `Accept` (SPARQL JSON, XML, CSV, TSV;
    Turtle, N-Triples, RDF/XML, JSON-LD). Without `query`, answers the SPARQL 1.1 Service
    Description of the endpoint."""
    params = _parse(request.url.query, "query string")
    if "query" not in params:
        if "update" in params:
            raise ProtocolError(400, "update_via_get", "updates cannot be sent with GET")
        return service_description(request, holder)
    return await _query(request, holder, executor, settings, params)


@router.post("/sparql", summary="SPARQL query or update (POST form or direct)")
async def sparql_post(request: Request, holder: Holder, executor: Executor, settings: Config) -> Response:
    """Run a SPARQL 1.1 query sent as `application/x-www-form-urlencoded` (field `query`) or
    `application/sparql-query` (the body is the query). Updates (`update` field or
    `application/sparql-update`) are refused unless enabled, and then need the bearer token."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    url_params = _parse(request.url.query, "query string")
    body = await request.body()
    if content_type == _FORM:
        params = _parse(_utf8(body), "form")
        for key in (*_DATASET, *_UPDATE_DATASET):
            params.setdefault(key, []).extend(url_params.get(key, []))
        if "update" in params:
            return await _update(request, holder, settings, params)
        return await _query(request, holder, executor, settings, params)
    if content_type == _QUERY:
        if "query" in url_params:
            raise ProtocolError(400, "ambiguous_query", "a direct POST carries the query in its body, not in the URL")
        params = {key: url_params[key] for key in _DATASET if key in url_params}
        params["query"] = [_utf8(body)]
        return await _query(request, holder, executor, settings, params)
    if content_type == _UPDATE:
        params = {key: url_params[key] for key in _UPDATE_DATASET if key in url_params}
        params["update"] = [_utf8(body)]
        return await _update(request, holder, settings, params)
    raise ProtocolError(
        415, "unsupported_media_type", f"POST needs {_FORM}, {_QUERY} or {_UPDATE}, not '{content_type or 'no content type'}'"
    )


def _parse(text: str, where: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, "not_utf8", f"the {where} is not UTF-8: {exc.reason}") from exc


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, "not_utf8", f"the request body is not UTF-8: {exc.reason} at byte {exc.start}") from exc


def _one(params: dict[str, list[str]], key: str) -> str:
    values = params.get(key, [])
    if len(values) != 1:
        raise ProtocolError(400, "malformed_request", f"exactly one '{key}' parameter is required")
    return values[0]


async def _query(
    request: Request, holder: StoreHolder, executor: QueryExecutor, settings: Settings, params: dict[str, list[str]]
) -> Response:
    text = _one(params, "query")
    request.state.query_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    why = refusal(text, settings.service_allowlist)
    if why:
        raise ProtocolError(403, "network_access_refused", why)
    job = Job(
        release=str(holder.current()),
        query=text,
        accept=request.headers.get("accept"),
        max_rows=settings.max_rows,
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
        base_iri=str(request.url.replace(query="", fragment="")),
    )
    outcome = await executor.run(job)
    if isinstance(outcome, Failure):
        raise ProtocolError(outcome.status, outcome.code, outcome.message)
    request.state.rows = outcome.rows
    charset = "; charset=utf-8" if outcome.media.startswith("text/") or outcome.media.endswith(("json", "xml")) else ""
    return Response(outcome.body, media_type=outcome.media + charset, headers={"Vary": "Accept"})


async def _update(request: Request, holder: StoreHolder, settings: Settings, params: dict[str, list[str]]) -> Response:
    if not settings.allow_updates:
        raise ProtocolError(403, "read_only", "this endpoint is read-only: SPARQL updates are refused")
    _authorise(request, settings)
    text = _one(params, "update")
    why = refusal(text, settings.service_allowlist)
    if why:
        raise ProtocolError(403, "network_access_refused", why)
    release = await apply_update(holder.root, text, params.get("using-graph-uri", []), params.get("using-named-graph-uri", []))
    return JSONResponse({"status": "updated", "release": release.name})


def _authorise(request: Request, settings: Settings) -> None:
    expected = settings.update_token.get_secret_value() if settings.update_token else None
    if not expected:
        raise ProtocolError(403, "updates_not_configured", "updates are enabled but no update token is set")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        client = request.client.host if request.client else "?"
        _log.warning("refused update from %s: missing or wrong bearer token", client)
        raise ProtocolError(401, "unauthorised", "updates need 'Authorization: Bearer <token>'")
