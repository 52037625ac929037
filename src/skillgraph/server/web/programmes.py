"""Programmes: the list (``/formations``, filterable by kind and city) and each programme's page
(``/formations/{id}``): provider, city, level, modules (mandatory / elective / exclusive
choices), coverage of its target job family by phase (guaranteed vs possible), the missing
skills with where else they are taught, and the comparison with its peers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ...errors import UnknownIdentifier
from ...gaps.benchmark import Benchmark, benchmark
from ...gaps.coverage import CoverageReport, RequirementCoverage, Teaching, coverage, providers_elsewhere
from ...gaps.model import ID, GapModel, short
from .data import SiteData, site_data
from .i18n import Translator
from .programme_texts import TEXTS
from .rendering import not_found, page_lang, render_page, start_timer

__all__ = ["Gap", "ProgrammeView", "programme_view", "router", "target_family"]

SG = "https://w3id.org/skillgraph/ontology#"
PROGRAMME = f"{ID}programme/"
FAMILY = f"{ID}job-family/"
_ELSEWHERE = 4  # programmes named for a missing skill; the rest are counted


@dataclass
class Gap:
    """A requirement not guaranteed to every graduate, and the other programmes that teach it."""

    row: RequirementCoverage
    elsewhere: list[Teaching]  # one per programme, best first
    n_elsewhere: int


@dataclass
class ProgrammeView:
    programme: str
    family: str
    report: CoverageReport
    gaps: list[Gap]
    peers: Benchmark
    details: dict[str, Any]


def target_family(model: GapModel, programme_iri: str, asked: str | None) -> str:
    """The job family the page scores against: the one asked (``?metier=``), else the first the
    programme prepares for, else the first family."""
    if asked:
        iri = FAMILY + asked
        if iri not in model.families:
            raise UnknownIdentifier("job family", asked, (short(f) for f in model.families), "metier")
        return iri
    prepared = sorted(f for f in model.programmes[programme_iri].prepares_for if f in model.families)
    return prepared[0] if prepared else sorted(model.families)[0]


def _gaps(model: GapModel, report: CoverageReport) -> list[Gap]:
    found = []
    for row in report.gaps:
        best: dict[str, Teaching] = {}
        for teaching in providers_elsewhere(model, row.requirement, exclude=report.programme):
            best.setdefault(teaching.programme, teaching)  # best first: keep each programme's best module
        found.append(Gap(row, list(best.values())[:_ELSEWHERE], len(best)))
    return found


def programme_view(data: SiteData, programme_iri: str, family_iri: str, lang: str) -> ProgrammeView:
    """Everything the programme page shows, from the gap model and the named query ``programme-details``."""
    model = data.model
    report = coverage(model, programme_iri, family_iri)
    details = data.rows("programme-details", programme=short(programme_iri), lang=lang)
    return ProgrammeView(
        programme=programme_iri,
        family=family_iri,
        report=report,
        gaps=_gaps(model, report),
        peers=benchmark(model, programme_iri, family_iri),
        details=details[0] if details else {},
    )


router = APIRouter(include_in_schema=False, dependencies=[Depends(start_timer)])


@router.get("/formations", response_class=HTMLResponse)
def programmes(
    request: Request,
    data: Annotated[SiteData, Depends(site_data)],
    type: Annotated[str, Query(max_length=64)] = "",  # noqa: A002 - the URL's word
    ville: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    """Every programme of the study, filtered by kind of programme and city."""
    model = data.model
    lang = page_lang(request)
    kinds = sorted({p.type for p in model.programmes.values()}, key=lambda k: model.label(SG + k, lang).casefold())
    cities = sorted({c for p in model.programmes.values() for c in p.cities}, key=str.casefold)
    shown = [
        iri
        for iri, p in model.programmes.items()
        if (not type or p.type == type) and (not ville or ville in p.cities)
    ]
    shown.sort(key=lambda p: (model.label(SG + model.programmes[p].type, lang).casefold(), model.label(p, lang).casefold()))
    return render_page(
        request, "programmes.html.j2", data, title=Translator(lang, TEXTS)("programmes_title"), texts=TEXTS,
        shown=shown, kinds=kinds, cities=cities, kind=type, city=ville, short=short, SG=SG,
    )


@router.get("/formations/{programme_id}", response_class=HTMLResponse)
def programme_page(
    request: Request,
    programme_id: str,
    data: Annotated[SiteData, Depends(site_data)],
    metier: Annotated[str, Query(max_length=128)] = "",
) -> HTMLResponse:
    """The page of one programme, scored against a job family (``?metier=``; default: the one it prepares for)."""
    model = data.model
    lang = page_lang(request)
    t = Translator(lang, TEXTS)
    iri = PROGRAMME + programme_id
    if iri not in model.programmes:
        error = UnknownIdentifier("programme", programme_id, (short(p) for p in model.programmes), "programme_id")
        return not_found(request, data, t("unknown_programme"), error)
    try:
        family = target_family(model, iri, metier or None)
    except UnknownIdentifier as error:
        return not_found(request, data, t("unknown_family"), error)
    view = programme_view(data, iri, family, lang)
    programme = model.programmes[iri]
    return render_page(
        request,
        "programme.html.j2",
        data,
        title=model.label(iri, lang),
        texts=TEXTS,
        view=view,
        programme=programme,
        programme_id=programme_id,
        family_id=short(family),
        families=model.by_label(model.families, lang),
        phases=model.in_phase_order(view.report.by_phase),
        short=short,
        SG=SG,
    )
