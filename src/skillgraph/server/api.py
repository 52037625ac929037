"""The named gap questions as a typed REST API: ``/api/<name>`` for every ``api/queries/*.rq``.

Each route is generated from the query's header: its parameters become typed, documented
query parameters of the OpenAPI document, are validated, and are bound to the query as typed
RDF terms, in the form its header asks for (`NamedQuery.bind`). Answers are paginated, JSON or CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Awaitable, Callable
from enum import Enum
from inspect import Parameter, Signature
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..catalogue import NamedQuery, Param
from ..errors import QueryError
from ..settings import Settings
from .dependencies import get_catalogue, get_executor, get_holder, get_settings
from .errors import ProtocolError
from .executor import QueryExecutor
from .holder import StoreHolder
from .worker import Failure, Job

__all__ = ["CatalogueEntry", "NamedQueryAnswer", "build_router"]

_MAX_PAGE = 1000


class ParamInfo(BaseModel):
    name: str
    type: str
    description: str | None = None
    default: str | int | float | bool | None = None
    enum: list[str] | None = None


class CatalogueEntry(BaseModel):
    """A named query: what it answers, its parameters, its SPARQL text and its REST path."""

    name: str
    summary: str
    description: str
    tags: list[str]
    params: list[ParamInfo]
    sparql: str
    path: str
    requires: list[str] = Field(default_factory=list, description="Reference graphs the answer needs (skillgraph import).")
    binding: str = Field("substitutions", description="How the parameters are bound: pyoxigraph substitutions, or an "
                         "inline VALUES block of typed terms for the queries measured faster so (docs/architecture.md).")


class NamedQueryAnswer(BaseModel):
    """One page of the answer of a named query."""

    query: str = Field(description="Name of the query.")
    params: dict[str, str | int | float | bool] = Field(description="Parameters as bound (defaults included).")
    total: int = Field(description="Rows in the whole answer.")
    offset: int
    limit: int
    vars: list[str] = Field(description="Column names, in order.")
    rows: list[dict[str, Any]] = Field(description="The rows of this page: column -> value (IRI, text or number).")


def _entry(query: NamedQuery) -> CatalogueEntry:
    return CatalogueEntry(
        name=query.name,
        summary=query.summary,
        description=query.description,
        tags=list(query.tags),
        params=[ParamInfo(**p.model_dump(include={"name", "type", "description", "default", "enum"})) for p in query.params],
        sparql=query.text,
        path=f"/api/{query.name}",
        requires=list(query.requires),
        binding=query.binding,
    )


def build_router(catalogue: dict[str, NamedQuery]) -> APIRouter:
    """One GET route per named query, plus ``/api/queries`` (the catalogue)."""
    router = APIRouter(prefix="/api", tags=["gap questions"])

    @router.get("/queries", response_model=list[CatalogueEntry], summary="The catalogue of named queries")
    async def list_queries(entries: Annotated[dict[str, NamedQuery], Depends(get_catalogue)]) -> list[CatalogueEntry]:
        """Every named query with its parameters and SPARQL text, to reuse at `/sparql`."""
        return [_entry(q) for q in entries.values()]

    for query in catalogue.values():
        router.add_api_route(
            f"/{query.name}",
            _endpoint(query),
            methods=["GET"],
            summary=query.summary,
            description=query.description + "\n\nSPARQL:\n\n```sparql\n" + query.text + "\n```",
            response_model=NamedQueryAnswer,
            responses={
                200: {"content": {"text/csv": {}}, "description": "One page of rows (JSON, or CSV with format=csv)."},
                422: {"description": "A parameter is invalid; the body names it."},
                503: {"description": "Time limit reached or no worker free; retry later."},
            },
            tags=["gap questions", *query.tags],
            operation_id=query.name.replace("-", "_"),
        )
    return router


def _annotation(query: NamedQuery, param: Param) -> Any:
    if param.enum:
        # One enum class per query and parameter, so OpenAPI component names never collide.
        name = "".join(part.capitalize() for part in query.name.split("-")) + param.name[0].upper() + param.name[1:]
        return Enum(name, {v: v for v in param.enum}, type=str)  # type: ignore[misc]
    return {"integer": int, "decimal": float, "boolean": bool}.get(param.type, str)


def _endpoint(query: NamedQuery) -> Callable[..., Awaitable[Response]]:
    async def endpoint(request: Request, **kwargs: Any) -> Response:
        holder: StoreHolder = kwargs.pop("_holder")
        executor: QueryExecutor = kwargs.pop("_executor")
        settings: Settings = kwargs.pop("_settings")
        fmt, limit, offset = kwargs.pop("format"), kwargs.pop("limit"), kwargs.pop("offset")
        values = {k: (v.value if isinstance(v, Enum) else v) for k, v in kwargs.items() if v is not None}
        try:
            bound = query.bind({k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in values.items()})
        except QueryError as exc:
            name = next((p.name for p in query.params if f"'{p.name}'" in str(exc)), None)
            return JSONResponse({"error": "invalid_parameter", "parameter": name, "message": str(exc)}, status_code=422)
        job = Job(
            release=str(holder.current()),
            query=bound.text,
            accept=None,
            max_rows=settings.max_rows,
            substitutions={str(k.value): v for k, v in bound.substitutions.items()},
            offers="rows",
        )
        outcome = await executor.run(job)
        if isinstance(outcome, Failure):
            raise ProtocolError(outcome.status, outcome.code, outcome.message)
        answer = json.loads(outcome.body)
        page = answer["rows"][offset : offset + limit]
        request.state.rows = len(page)
        bound = {p.name: values.get(p.name, p.default) for p in query.params}
        if fmt == "csv":
            return Response(_csv(answer["vars"], page), media_type="text/csv; charset=utf-8",
                            headers={"X-Total-Count": str(len(answer["rows"]))})
        return JSONResponse(
            NamedQueryAnswer(
                query=query.name, params=bound, total=len(answer["rows"]), offset=offset, limit=limit,
                vars=answer["vars"], rows=page,
            ).model_dump()
        )

    parameters = [Parameter("request", Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for param in query.params:
        parameters.append(
            Parameter(
                param.name,
                Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[
                    _annotation(query, param) | None,
                    Query(description=_describe(param), examples=[param.default] if param.default is not None else None),
                ],
            )
        )
    parameters += [
        Parameter("format", Parameter.KEYWORD_ONLY, default="json",
                  annotation=Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]),
        Parameter("limit", Parameter.KEYWORD_ONLY, default=100,
                  annotation=Annotated[int, Query(ge=1, le=_MAX_PAGE, description="Rows per page.")]),
        Parameter("offset", Parameter.KEYWORD_ONLY, default=0,
                  annotation=Annotated[int, Query(ge=0, description="Rows to skip.")]),
        Parameter("_holder", Parameter.KEYWORD_ONLY, annotation=Annotated[StoreHolder, Depends(get_holder)]),
        Parameter("_executor", Parameter.KEYWORD_ONLY, annotation=Annotated[QueryExecutor, Depends(get_executor)]),
        Parameter("_settings", Parameter.KEYWORD_ONLY, annotation=Annotated[Settings, Depends(get_settings)]),
    ]
    endpoint.__signature__ = Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = query.name.replace("-", "_")
    endpoint.__doc__ = query.description
    return endpoint


def _describe(param: Param) -> str:
    text = param.description or ""
    if param.type == "iri":
        text += f" An identifier, expanded to <{param.prefix}…>."
    if param.default is not None:
        text += f" Default: {param.default}."
    return text.strip()


def _csv(variables: list[str], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if row.get(v) is None else row[v] for v in variables])
    return out.getvalue().encode("utf-8")
