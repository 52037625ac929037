"""The coverage matrix page (``/couverture``) and the detail of one cell
(``/couverture/{programme}/{family}``): job families × programmes for training bodies.

The matrix is an HTML table — colour *and* number in every cell, a caption, row and column
headers — filtered by a plain GET form (kind of programme, city, topic taught; see
:mod:`.matrix_filters`), so it works without script and every view has a URL. The downloads are
the API's own routes (`/coverage/matrix?format=csv`, `/coverage/heatmap.svg|png`) with the same
filters. A cell links to its detail: the family's requirements, their status in the programme,
the gaps and where else each gap is taught.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...errors import SkillgraphError, UnknownIdentifier
from ...gaps.coverage import coverage, providers_elsewhere
from ...gaps.identifiers import PROGRAMME_TYPES, resolve_programme
from ...gaps.matrix import CoverageMatrix
from ...gaps.model import SG, GapModel, short
from ...gaps.person import resolve_family
from .data import SiteData, site_data
from .i18n import Translator
from .matrix_filters import MatrixFilter, filtered_matrix, matrix_cities, matrix_topics
from .matrix_texts import TEXTS
from .rendering import not_found, page_lang, render_page, start_timer

__all__ = ["TEXTS", "heat_level", "router"]

router = APIRouter(include_in_schema=False, dependencies=[Depends(start_timer)])

_VALUES = ("guaranteed", "possible")
_SCOPES = ("all", "preparing")
_ELSEWHERE_SHOWN = 3


def heat_level(share: float) -> int:
    """The colour step (0-9) of a share 0..1: ten steps of ten points, 100 % in the last."""
    return min(9, max(0, int(share * 10 + 1e-9)))


def _choice(request: Request, name: str, allowed: tuple[str, ...]) -> str:
    asked = request.query_params.get(name, "")
    return asked if asked in allowed else allowed[0]


def _filter_from(request: Request) -> MatrixFilter:
    params = request.query_params
    return MatrixFilter(
        scope=_choice(request, "scope", _SCOPES),  # type: ignore[arg-type]
        kinds=tuple(k for k in params.getlist("programme_type") if k.strip()),
        cities=tuple(c for c in params.getlist("city") if c.strip()),
        topic=params.get("topic") or None,
    )


def _query(wanted: MatrixFilter, model: GapModel, value: str, lang: str, **extra: str) -> str:
    """The filter as URL parameters of the matrix routes (data ids, not labels)."""
    params: list[tuple[str, str]] = [("scope", wanted.scope), ("value", value), ("lang", lang)]
    params += [("programme_type", PROGRAMME_TYPES.get(k, k)) for k in wanted.kinds]
    params += [("city", c) for c in wanted.cities]
    if wanted.topic:
        params.append(("topic", short(wanted.topic)))
    params += list(extra.items())
    return urlencode(params)


def _table(matrix: CoverageMatrix, value: str, lang: str, t: Translator) -> dict[str, Any]:
    columns = [
        {"id": short(p), "short": matrix.label(p, lang, short_form=True), "label": matrix.label(p, lang),
         "providers": matrix.providers.get(p, [])}
        for p in matrix.programmes
    ]
    groups = [{"label": matrix.label(SG + kind, lang), "span": len(members)} for kind, members in matrix.groups()]
    rows = []
    for family in matrix.families:
        family_label = matrix.label(family, lang)
        cells = []
        for column, cell in zip(columns, matrix.row(family), strict=True):
            shown = getattr(cell, value)
            if shown is None or cell.guaranteed is None or cell.possible is None:
                cells.append({"scored": False, "prepares": cell.prepares, "programme": column["id"],
                              "aria": t("cell_unscored", family=family_label, programme=column["label"])})
                continue
            aria = t("cell_label", family=family_label, programme=column["label"],
                     guaranteed=t.percent(cell.guaranteed), possible=t.percent(cell.possible))
            if cell.prepares:
                aria += (" ; " if lang == "fr" else "; ") + t("cell_prepares")
            cells.append({
                "scored": True, "programme": column["id"], "prepares": cell.prepares, "aria": aria,
                "number": round(shown * 100), "heat": heat_level(shown),
                "extra": round(cell.possible * 100) if value == "guaranteed" and cell.possible > cell.guaranteed + 1e-9 else None,
            })
        rows.append({"id": short(family), "label": family_label, "cells": cells})
    return {"columns": columns, "groups": groups, "rows": rows}


@router.get("/couverture", response_class=HTMLResponse)
def matrix_page(request: Request, data: Annotated[SiteData, Depends(site_data)]) -> HTMLResponse:
    """Job families × programmes, coloured and numbered, filtered by kind, city and topic."""
    model = data.model
    lang = page_lang(request)
    t = Translator(lang, TEXTS)
    value = _choice(request, "value", _VALUES)
    wanted = _filter_from(request)
    error = None
    try:
        wanted = wanted.normalised(model)
    except SkillgraphError as exc:
        error = t("bad_filter", message=str(exc))
        wanted = MatrixFilter(scope=wanted.scope)
    matrix = filtered_matrix(model, wanted)
    return render_page(
        request, "matrix.html.j2", data, title=t("matrix_title"), texts=TEXTS,
        status_code=422 if error else 200,
        error=error,
        value=value,
        wanted=wanted,
        kinds=[(kind, PROGRAMME_TYPES[kind], model.label(SG + kind, lang))
               for kind in PROGRAMME_TYPES if any(p.type == kind for p in model.programmes.values())],
        cities=matrix_cities(model),
        topics=[(short(iri), model.label(iri, lang)) for iri in matrix_topics(model)],
        topic_id=short(wanted.topic) if wanted.topic else "",
        table=_table(matrix, value, lang, t),
        n_families=len(matrix.families),
        n_programmes=len(matrix.programmes),
        query=_query(wanted, model, value, lang),
    )


@router.get("/couverture/{programme}/{family}", response_class=HTMLResponse)
def cell_page(request: Request, programme: str, family: str, data: Annotated[SiteData, Depends(site_data)]) -> HTMLResponse:
    """One cell of the matrix: the family's requirements, their coverage by the programme, the gaps."""
    model = data.model
    lang = page_lang(request)
    t = Translator(lang, TEXTS)
    try:
        programme_iri = resolve_programme(model, programme)
    except UnknownIdentifier as exc:
        return not_found(request, data, t("unknown_programme"), exc)
    try:
        family_iri = resolve_family(model, family)
    except UnknownIdentifier as exc:
        return not_found(request, data, t("unknown_family"), exc)
    report = coverage(model, programme_iri, family_iri)
    requirements = sorted(report.requirements, key=lambda r: (r.requirement.lines, r.requirement.iri))
    elsewhere = {
        r.requirement.iri: providers_elsewhere(model, r.requirement, exclude=programme_iri)
        for r in report.gaps
    }
    return render_page(
        request, "matrix_cell.html.j2", data,
        title=t("detail_title", family=model.label(family_iri, lang), programme=model.label(programme_iri, lang)),
        texts=TEXTS,
        programme=programme_iri,
        programme_id=short(programme_iri),
        family=family_iri,
        family_id=short(family_iri),
        prepares=family_iri in model.programmes[programme_iri].prepares_for,
        report=report,
        requirements=requirements,
        gaps=report.gaps,
        elsewhere=elsewhere,
        elsewhere_shown=_ELSEWHERE_SHOWN,
        chosen=[model.label(o, lang) for o in report.chosen_options],
        phases=sorted(report.by_phase.items(), key=lambda kv: model.phase_rank(kv[0])),
        importance_label=lambda weight: model.label(SG + {3: "Essential", 2: "Important", 1: "Complementary"}[weight], lang),
        short=short,
    )
