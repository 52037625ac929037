"""Coverage of job families by training programmes, for training bodies: scores, the matrix and
its heatmap, the peer benchmark and the HTML report.

The gap model is read from the store in service (``request.app.state.holder``) once per release
and kept on the application; pictures are cached the same way (they are deterministic).
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ...errors import ReportError, SkillgraphError, UnknownIdentifier

from ...gaps.benchmark import benchmark as run_benchmark
from ...gaps.coverage import coverage as run_coverage
from ...gaps.matrix import heatmap, resolve_family, resolve_programme
from ...gaps.model import GapModel
from ...report.answers import (
    BenchmarkAnswer,
    CoverageAnswer,
    MatrixAnswer,
    benchmark_answer,
    coverage_answer,
    matrix_answer,
)
from ...report.recommendations import Recommendation, load_recommendations
from ...report.training import training_report
from ..web.matrix_filters import MatrixFilter, filtered_matrix

__all__ = ["router"]

router = APIRouter(tags=["training bodies: coverage"])

Lang = Annotated[Literal["fr", "en"], Query(description="Language of labels and texts (French by default, as the study).")]
ScopeParam = Annotated[
    Literal["all", "preparing"],
    Query(description="`all`: every family × programme pair; `preparing`: only programmes that prepare for the family."),
]
TypesParam = Annotated[
    list[str] | None,
    Query(description="Only these programme types (repeatable): Master2 / master2, UniversityDiploma, "
                      "InitialTraining, ContinuingTraining, EngineeringTrack, Master1And2."),
]
CitiesParam = Annotated[
    list[str] | None, Query(description="Only programmes given in these cities (repeatable; accents and case ignored).")
]
TopicParam = Annotated[
    str | None,
    Query(description="Only programmes with a module teaching this topic or a narrower one, e.g. `medical-device-regulation`."),
]
ValueParam = Annotated[
    Literal["guaranteed", "possible"], Query(description="The ratio the colours show (the other is written when higher).")
]

_PARAMETER = {"programme": "programme", "job family": "family", "topic": "topic", "programme type": "programme_type", "city": "city"}
_LOCK = threading.Lock()


class _Cache:
    def __init__(self, store: ox.Store, model: GapModel) -> None:
        self.store = store
        self.model = model
        self.recommendations: list[Recommendation] = load_recommendations(store)
        self.pictures: dict[tuple[Any, ...], bytes] = {}


def _cache(request: Request) -> _Cache:
    store = request.app.state.holder.get()
    with _LOCK:
        cache = getattr(request.app.state, "coverage_cache", None)
        if cache is None or cache.store is not store:
            cache = _Cache(store, request.app.state.holder.model())
            request.app.state.coverage_cache = cache
        return cache


def _invalid(exc: SkillgraphError, parameter: str | None = None) -> HTTPException:
    if isinstance(exc, UnknownIdentifier):
        parameter = _PARAMETER.get(exc.kind, parameter)
    return HTTPException(422, detail={"error": "invalid_parameter", "parameter": parameter, "message": str(exc)})


@router.get("/coverage", response_model=CoverageAnswer, summary="How a programme covers a job family")
def get_coverage(
    request: Request,
    programme: Annotated[str, Query(description="Programme identifier, e.g. `m2-strasbourg-reglementation-droit-pharmaceutique`.")],
    family: Annotated[str, Query(description="Job family identifier, e.g. `regulatory-affairs`.")],
    lang: Lang = "fr",
) -> CoverageAnswer:
    """Score a programme against the requirements of a job family, weighted by importance
    (essential 3, important 2, complementary 1): overall, by phase, by kind of skill and by topic.

    *Guaranteed* counts the mandatory modules only (what every graduate has); *possible* counts every
    module and the best admissible choice in each exclusive choice. Each requirement comes with its
    status, the study's source lines and the modules of the programme that teach it."""
    cache = _cache(request)
    try:
        report = run_coverage(cache.model, resolve_programme(cache.model, programme), resolve_family(cache.model, family))
    except SkillgraphError as exc:
        raise _invalid(exc) from exc
    return coverage_answer(cache.model, report, lang)


@router.get(
    "/coverage/matrix",
    response_model=MatrixAnswer,
    summary="Coverage matrix: job families × programmes",
    responses={200: {"content": {"application/json": {}, "text/csv": {}}}},
)
def get_matrix(
    request: Request,
    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv (one line per pair).")] = "json",
    scope: ScopeParam = "all",
    programme_type: TypesParam = None,
    city: CitiesParam = None,
    topic: TopicParam = None,
    lang: Lang = "fr",
) -> Any:
    """The guaranteed and possible coverage of every job family (rows) by every programme
    (columns, grouped by programme type). Ratios are in 0..1; a pair that is not scored
    (`scope=preparing`) has null ratios. `programme_type`, `city` and `topic` keep only some
    programmes (columns); rows always score all of a family's requirements."""
    cache = _cache(request)
    matrix = _matrix(cache.model, scope, programme_type, city, topic)
    if format == "csv":
        return Response(matrix.to_csv(lang), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="coverage-matrix.csv"'})
    return matrix_answer(matrix, lang)


def _matrix(model: GapModel, scope: str, programme_type: list[str] | None, city: list[str] | None,
            topic: str | None) -> Any:
    wanted = MatrixFilter(scope, tuple(programme_type or ()), tuple(city or ()), topic)  # type: ignore[arg-type]
    try:
        return filtered_matrix(model, wanted)
    except SkillgraphError as exc:
        raise _invalid(exc, "programme_type") from exc


def _heatmap(request: Request, fmt: str, scope: str, programme_type: list[str] | None, value: str, lang: str,
             city: list[str] | None = None, topic: str | None = None) -> bytes:
    cache = _cache(request)
    key = (fmt, scope, tuple(programme_type or ()), value, lang, tuple(city or ()), topic)
    with _LOCK:
        found = cache.pictures.get(key)
    if found is not None:
        return found
    matrix = _matrix(cache.model, scope, programme_type, city, topic)
    picture = heatmap(matrix, fmt, lang, value=value)  # type: ignore[arg-type]
    with _LOCK:
        cache.pictures[key] = picture
    return picture


@router.get("/coverage/heatmap.svg", summary="Heatmap of the coverage matrix (SVG)",
            response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
def get_heatmap_svg(
    request: Request, scope: ScopeParam = "all", programme_type: TypesParam = None,
    value: ValueParam = "guaranteed", lang: Lang = "fr", city: CitiesParam = None, topic: TopicParam = None,
) -> Response:
    """The coverage matrix drawn as a heatmap: rows are job families, columns programmes grouped
    by type, each cell's percentage written in it, a colourbar. Same data, same bytes. The
    filters are those of `/coverage/matrix`."""
    picture = _heatmap(request, "svg", scope, programme_type, value, lang, city, topic)
    return Response(picture, media_type="image/svg+xml")


@router.get("/coverage/heatmap.png", summary="Heatmap of the coverage matrix (PNG)",
            response_class=Response, responses={200: {"content": {"image/png": {}}}})
def get_heatmap_png(
    request: Request, scope: ScopeParam = "all", programme_type: TypesParam = None,
    value: ValueParam = "guaranteed", lang: Lang = "fr", city: CitiesParam = None, topic: TopicParam = None,
) -> Response:
    """The heatmap of `/coverage/heatmap.svg` as a PNG picture."""
    picture = _heatmap(request, "png", scope, programme_type, value, lang, city, topic)
    return Response(picture, media_type="image/png")


@router.get("/coverage/benchmark", response_model=BenchmarkAnswer, summary="A programme against its peers")
def get_benchmark(
    request: Request,
    programme: Annotated[str, Query(description="Programme identifier.")],
    family: Annotated[str | None, Query(description="Job family [default: the one the programme prepares for].")] = None,
    topic: Annotated[str | None, Query(description="Only topics at or under this one, e.g. `regulation`.")] = None,
    basis: Annotated[Literal["guaranteed", "possible"], Query(description="Count mandatory modules only, or the best choice of options too.")] = "guaranteed",
    lang: Lang = "fr",
) -> BenchmarkAnswer:
    """Compare a programme with the programmes of the same type preparing for the same job family:
    its rank on guaranteed and possible coverage, and how many of the family's topics it covers
    against the best and the median peer, with a sentence in French and in English."""
    cache = _cache(request)
    try:
        result = run_benchmark(cache.model, programme, family, subtree=topic, basis=basis)
    except ReportError as exc:
        raise _invalid(exc, "family") from exc
    except SkillgraphError as exc:
        raise _invalid(exc) from exc
    return benchmark_answer(cache.model, result, lang)


@router.get("/reports/training", response_class=HTMLResponse, summary="HTML report for a training body")
def get_training_report(
    request: Request,
    programme: Annotated[str | None, Query(description="One programme (identifier).")] = None,
    programme_type: Annotated[str | None, Query(description="Or every programme of this type, e.g. `master2`.")] = None,
    family: Annotated[str | None, Query(description="Only this job family.")] = None,
    lang: Lang = "fr",
) -> HTMLResponse:
    """A self-contained HTML page (inline CSS, inline SVG charts, no external link) for a programme
    director or a committee: summary, programme, coverage overall and by phase, gaps with the
    study's source lines and where else they are taught, peer comparison, coverage map of the
    programme type, the study's recommendations to training bodies, and the method. Give
    `programme` or `programme_type`, not both."""
    cache = _cache(request)
    try:
        html = training_report(cache.model, programme, programme_type, family, lang,
                               recommendations=cache.recommendations)
    except ReportError as exc:
        raise _invalid(exc, "programme" if programme_type is None else "programme_type") from exc
    except SkillgraphError as exc:
        raise _invalid(exc) from exc
    return HTMLResponse(html)
