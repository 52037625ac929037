"""The gap tool for HR (``/ecarts``): a profile against a job family or the phases of an SMT project.

* ``GET /ecarts`` — the form (``?family=`` preselects a job family); with ``source=`` in the
  query it also computes, so a result has a URL when its profile is a sample;
* ``POST /ecarts`` — the form posted (urlencoded, see :mod:`.gaptool_input`): the match report
  of every profile line, then either the gaps by phase and the recommended trainings with their
  reasons (a job family), or which roles of the project the profile can fill, phase by phase;
* ``POST /ecarts/rapport`` — the same form, answered with the self-contained HTML report for HR
  (:mod:`skillgraph.report.profile`) as a download;
* ``GET /ecarts/exemples/{file}`` — a sample profile, to see the expected format.

The page works without script; `gaptool.js` adds the file upload (read into the text field), the
skill picker and the progress sign.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...errors import DataError, UnknownIdentifier
from ...gaps.model import SG, GapModel, short
from ...gaps.person import DEFAULT_COVER_THRESHOLD, profile_gaps, team_readiness
from ...gaps.recommend import recommend
from ...report.profile import profile_report
from .data import SiteData, site_data
from .gaptool_input import SAMPLES, SAMPLES_DIR, GapRequest, load_profile, parse_form
from .gaptool_texts import TEXTS
from .i18n import Translator
from .rendering import not_found, page_lang, render_page, start_timer

__all__ = ["TEXTS", "router"]

router = APIRouter(include_in_schema=False, dependencies=[Depends(start_timer)])

_PROVIDERS_SHOWN = 3
#: Every part of a result the template may show (StrictUndefined: absent parts are explicit).
_NOTHING: dict[str, Any] = {
    "problems": (), "target_error": None, "report": None, "people": [], "profile_text": "",
    "gaps": None, "picks": None, "readiness": None, "threshold": None,
}


def _choices(model: GapModel, lang: str) -> dict[str, Any]:
    """What the form offers: samples, job families, phases, and every skill and topic label (fr and en)."""
    families = sorted(((short(f), model.label(f, lang)) for f in model.families), key=lambda item: item[1].casefold())
    phases = [(short(p), model.label(p, lang)) for p in sorted(model.phase_order, key=lambda p: model.phase_order[p])]
    topics = set(model.ancestors) | {t for s in model.skills.values() for t in s.topics}
    names = {text for iri in [*model.skills, *topics] for text in model.labels.get(iri, {}).values()}
    return {
        "samples": [(s.file, s.title[lang], s.family) for s in SAMPLES],
        "families": families,
        "phases": phases,
        "skill_names": sorted(names, key=str.casefold),
    }


def _readiness_grid(model: GapModel, readiness: Any, lang: str) -> dict[str, Any]:
    cells = {(c.family, c.phase): c for c in readiness.cells}
    families = model.by_label((f for f in readiness.families if any(f == c.family for c in readiness.cells)), lang)
    return {
        "phases": [(p, model.label(p, lang), readiness.phase_ready[p]) for p in readiness.phases],
        "rows": [(f, model.label(f, lang), [cells.get((f, p)) for p in readiness.phases]) for f in families],
        "uncovered": [(short(f), model.label(f, lang)) for f in readiness.uncovered_families],
    }


def _compute(model: GapModel, form: GapRequest, lang: str, t: Translator) -> tuple[dict[str, Any], int]:
    """The result part of the page and its status (422 when the profile or the target is refused)."""
    try:
        profile, report, text = load_profile(model, form)
    except DataError as exc:
        return {"problems": exc.problems}, 422
    except UnknownIdentifier as exc:
        return {"target_error": str(exc)}, 422
    found: dict[str, Any] = {"report": report, "people": profile.persons, "profile_text": text}
    try:
        if form.target == "project":
            readiness = team_readiness(model, profile, form.phases or None)
            found["readiness"] = _readiness_grid(model, readiness, lang)
            found["threshold"] = t.percent(readiness.threshold)
            return found, 200
        if not form.family:
            found["target_error"] = t("no_family")
            return found, 422
        found["gaps"] = profile_gaps(model, profile, form.family, phases=form.phases or None, lang=lang)
        found["picks"] = recommend(model, profile, form.family, phases=form.phases or None, lang=lang)
    except UnknownIdentifier as exc:
        found["target_error"] = t("error_target", message=str(exc))
        return found, 422
    return found, 200


def _respond(request: Request, data: SiteData, form: GapRequest, compute: bool) -> HTMLResponse:
    model = data.model
    lang = page_lang(request)
    t = Translator(lang, TEXTS)
    result: dict[str, Any] = dict(_NOTHING)
    status = 200
    if compute:
        found, status = _compute(model, form, lang, t)
        result.update(found)
    return render_page(
        request, "gaps.html.j2", data, title=t("gaps_title"), texts=TEXTS, status_code=status,
        form=form,
        computed=compute,
        result=result,
        repost=form.as_params() if compute else [],
        providers_shown=_PROVIDERS_SHOWN,
        cover_threshold=DEFAULT_COVER_THRESHOLD,
        short=short,
        labels=lambda iris: [model.label(i, lang) for i in iris],
        importance=lambda name: model.label(SG + name.capitalize(), lang),
        **_choices(model, lang),
    )


@router.get("/ecarts", response_class=HTMLResponse)
def gaps_page(request: Request, data: Annotated[SiteData, Depends(site_data)]) -> HTMLResponse:
    """The form; computes too when the query names a profile source (``source=sample&sample=…``)."""
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    return _respond(request, data, GapRequest.from_params(params), compute="source" in params)


@router.post("/ecarts", response_class=HTMLResponse)
async def gaps_post(request: Request, data: Annotated[SiteData, Depends(site_data)]) -> HTMLResponse:
    """The form posted: the gaps and recommendations, or the project's readiness."""
    form = GapRequest.from_params(parse_form(await request.body()))
    return await run_in_threadpool(_respond, request, data, form, True)


@router.post("/ecarts/rapport", response_model=None)
async def gaps_report(request: Request, data: Annotated[SiteData, Depends(site_data)]) -> Response:
    """The HR report of the posted profile against its job family, as a self-contained HTML file."""
    form = GapRequest.from_params(parse_form(await request.body()))
    lang = page_lang(request)

    def build() -> Response:
        result, status = _compute(data.model, GapRequest(**{**form.__dict__, "target": "family"}), lang, Translator(lang, TEXTS))
        if status != 200:
            return _respond(request, data, form, True)
        html = profile_report(data.model, result["gaps"], result["picks"], lang=lang)
        name = f"rapport-ecarts-{short(result['gaps'].family)}.html"
        return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return await run_in_threadpool(build)


@router.get("/ecarts/exemples/{name}", response_model=None)
def sample_file(request: Request, name: str, data: Annotated[SiteData, Depends(site_data)]) -> Response:
    """A shipped sample profile as a file, to see the expected format."""
    for sample in SAMPLES:
        if sample.file == name:
            media = "text/csv" if name.endswith(".csv") else "application/json"
            return FileResponse(SAMPLES_DIR / name, media_type=f"{media}; charset=utf-8")
    error = UnknownIdentifier("sample profile", name, (s.file for s in SAMPLES))
    return not_found(request, data, Translator(page_lang(request), TEXTS)("sample_label"), error)
