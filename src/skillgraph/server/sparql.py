"""The SPARQL 1.1 Protocol endpoint (``/sparql``): query via GET, form POST and direct POST."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..errors import QueryError
from ..query import run_query, serialize
from .dependencies import get_holder
from .description import service_description
from .errors import ProtocolError
from .holder import StoreHolder
from .negotiation import GRAPH_TYPES, RESULT_TYPES, choose

__all__ = ["router"]

router = APIRouter()

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


@router.get("/sparql", summary="SPARQL query (GET), or the service description without a query")
async def sparql_get(request: Request, holder: Annotated[StoreHolder, Depends(get_holder)]) -> Response:
    """Run a SPARQL 1.1 query given as `query` (with optional `default-graph-uri` and
    `named-graph-uri`); results are negotiated by `Accept`. Without `query`, answers the
    SPARQL 1.1 Service Description of the endpoint."""
    try:
        params = parse_qs(request.url.query, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, "not_utf8", f"the query string is not UTF-8: {exc.reason}") from exc
    if "query" not in params:
        if "update" in params:
            raise ProtocolError(400, "update_via_get", "updates cannot be sent with GET")
        return service_description(request, holder)
    return await _answer(request, holder, params)


@router.post("/sparql", summary="SPARQL query (POST form or direct)")
async def sparql_post(request: Request, holder: Annotated[StoreHolder, Depends(get_holder)]) -> Response:
    """Run a SPARQL 1.1 query sent as `application/x-www-form-urlencoded` (field `query`) or
    as `application/sparql-query` (the body is the query). Updates are refused: the
    endpoint is read-only."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    body = await request.body()
    if content_type == _FORM:
        params = parse_qs(_utf8(body), keep_blank_values=True, errors="strict")
        if "update" in params:
            raise ProtocolError(403, "read_only", "this endpoint is read-only: SPARQL updates are refused")
        for key in ("default-graph-uri", "named-graph-uri"):
            params.setdefault(key, []).extend(url_params.get(key, []))
        return await _answer(request, holder, params)
    if content_type == _QUERY:
        if "query" in url_params:
            raise ProtocolError(400, "ambiguous_query", "a direct POST carries the query in its body, not in the URL")
        params = {key: url_params[key] for key in ("default-graph-uri", "named-graph-uri") if key in url_params}
        params["query"] = [_utf8(body)]
        return await _answer(request, holder, params)
    if content_type == _UPDATE:
        raise ProtocolError(403, "read_only", "this endpoint is read-only: SPARQL updates are refused")
    raise ProtocolError(
        415, "unsupported_media_type", f"POST needs {_FORM} or {_QUERY}, not '{content_type or 'no content type'}'"
    )


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, "not_utf8", f"the request body is not UTF-8: {exc.reason} at byte {exc.start}") from exc


async def _answer(request: Request, holder: StoreHolder, params: dict[str, list[str]]) -> Response:
    queries = params.get("query", [])
    if len(queries) != 1:
        raise ProtocolError(400, "malformed_request", "exactly one 'query' parameter is required")
    store = holder.get()

    def evaluate() -> tuple[str, bytes] | ProtocolError:
        # pyoxigraph results must be dropped on the thread that made them: errors leave this
        # function as values, after the frames holding the results are gone.
        try:
            answer = run_query(
                store,
                queries[0],
                default_graphs=params.get("default-graph-uri") or None,
                named_graphs=params.get("named-graph-uri") or None,
            )
            offers = GRAPH_TYPES if answer.kind == "graph" else RESULT_TYPES
            media = choose(request.headers.get("accept"), offers)
            if media is None:
                return ProtocolError(406, "not_acceptable", f"this result can be sent as one of: {', '.join(offers)}")
            return media, serialize(answer, offers[media])
        except QueryError as exc:
            return ProtocolError(400, "malformed_query", str(exc))

    outcome = await run_in_threadpool(evaluate)
    if isinstance(outcome, ProtocolError):
        raise outcome
    media, body = outcome
    charset = "; charset=utf-8" if media.startswith("text/") or media.endswith(("json", "xml")) else ""
    return Response(body, media_type=media + charset, headers={"Vary": "Accept"})
