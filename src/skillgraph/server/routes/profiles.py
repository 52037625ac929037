"""HR routes: post a profile (JSON or CSV), get its gaps, a team's readiness, or training recommendations.

The body is a profile as described in :mod:`skillgraph.gaps.profiles`: JSON (``application/json``:
a list of ``{person?, skill, level?}``, one ``{person?, skills}`` or a team ``{people: [...]}``)
or CSV (``text/csv``: a header ``person,skill,level``). Every answer carries the match report:
each input line with what it matched, unmatched lines included. A malformed profile answers 422
with the line and the field at fault.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, TypeAdapter
from starlette.concurrency import run_in_threadpool

from ...errors import DataError, UnknownIdentifier
from ...gaps.model import GapModel, load_model
from ...gaps.person import DEFAULT_COVER_THRESHOLD, profile_gaps, team_readiness
from ...gaps.profiles import DEFAULT_MIN_LEVEL, MATCH_THRESHOLD, MatchReport, Profile, profile_from_text
from ...gaps.recommend import recommend
from ...report.profile import profile_report

__all__ = ["GapsResponse", "PersonProfile", "ProfileError", "ProfileItem", "RecommendationResponse", "TeamProfile", "TeamResponse", "router"]

router = APIRouter(prefix="/profiles", tags=["HR: profiles and gaps"])

_SOURCE = Path("<request body>")


# --- request body (documentation; the body is parsed by skillgraph.gaps.profiles for line numbers) ---


class SkillItem(BaseModel):
    """A skill (or topic) a person holds: id, IRI or French/English label, and a level 0-4 or a word."""

    skill: str = Field(description="Skill or topic: id (digital-health-ecosystem), IRI, or label in French or English.")
    level: int | str | None = Field(
        default=None, description="0-4, or aucun / débutant / intermédiaire / avancé / expert (and English words); default 2."
    )


class ProfileItem(SkillItem):
    """One line of a profile: who (optional) holds what."""

    person: str | None = Field(default=None, description="Who; lines without a person belong to one unnamed person.")


class PersonProfile(BaseModel):
    """One person's profile."""

    person: str | None = None
    skills: list[SkillItem | str]


class TeamMember(BaseModel):
    person: str
    skills: list[SkillItem | str]


class TeamProfile(BaseModel):
    """A team: several people with their skills."""

    people: list[TeamMember]


ProfileBody = list[ProfileItem] | PersonProfile | TeamProfile

_CSV_EXAMPLE = "person,skill,level\nClaire Martin,Réglementation du médicament,expert\nClaire Martin,Pharmacovigilance,expert\n"
_JSON_EXAMPLE = {
    "person": "Claire Martin",
    "skills": [{"skill": "Réglementation du médicament", "level": "expert"}, {"skill": "Pharmacovigilance", "level": 4}],
}


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema with its ``$defs`` inlined (the OpenAPI document has no room for them here)."""
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(copy.deepcopy(defs[ref.rsplit("/", 1)[-1]]))
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)  # type: ignore[no-any-return]


_BODY = {
    "requestBody": {
        "required": True,
        "description": "The profile, as JSON or as CSV (header: person,skill,level; separator , ; or tab).",
        "content": {
            "application/json": {"schema": _inline(TypeAdapter(ProfileBody).json_schema()), "example": _JSON_EXAMPLE},
            "text/csv": {"schema": {"type": "string"}, "example": _CSV_EXAMPLE},
        },
    }
}


# --- answers -----------------------------------------------------------------------------------------


class MatchOut(BaseModel):
    iri: str
    id: str
    kind: Literal["skill", "topic"]
    matched_label: str = Field(description="The label (or id) the text matched.")
    lang: str | None
    confidence: float = Field(ge=0, le=1)
    method: str = Field(description="id | label-exact | label-fuzzy")
    label: str | None = Field(default=None, description="The label in the requested language.")


class LineOut(BaseModel):
    line: int | None
    person: str
    text: str
    level: int | None
    status: Literal["matched", "unmatched"]
    match: MatchOut | None
    reason: str | None = Field(description="Why the line is unmatched.")
    alternatives: list[MatchOut] = Field(description="The nearest other candidates.")


class MatchReportOut(BaseModel):
    """Every input line and what became of it."""

    source: str
    threshold: float
    matched: int
    unmatched: int
    lines: list[LineOut]


class TopicOut(BaseModel):
    id: str
    label: str


class ProviderOut(BaseModel):
    module: str
    module_label: str
    programme: str
    programme_iri: str
    programme_label: str
    programme_type: str
    providers: list[str]
    availability: Literal["guaranteed", "elective", "option"]
    share: float = Field(description="Share of the requirement's missing part the module teaches.")


class GapOut(BaseModel):
    requirement: str
    skill: str
    skill_iri: str
    skill_label: str
    importance: str
    weight: int
    new_for_smt: bool
    section: str
    lines: list[int] = Field(description="First and last line of the study (data/sources/aec-2020.txt).")
    phases: list[str]
    missing: list[TopicOut] = Field(description="The topics of the skill not held.")
    held_share: float
    providers: list[ProviderOut] = Field(description="Modules of the graph that teach what is missing.")


class PhaseGapsOut(BaseModel):
    phase: str
    label: str
    gaps: list[str] = Field(description="Requirement IRIs, most important first.")


class GapsOut(BaseModel):
    family: str
    family_iri: str
    family_label: str
    people: list[str]
    person: str | None
    lang: str
    min_level: int
    requirements: int
    gap_count: int
    weight: int
    missing_weight: float
    gaps: list[GapOut]
    phases: list[PhaseGapsOut]


class GapsResponse(BaseModel):
    matches: MatchReportOut
    gaps: GapsOut


class PhaseReadyOut(BaseModel):
    phase: str
    label: str
    ready: bool


class CellOut(BaseModel):
    phase: str
    family: str
    family_label: str
    covered: bool
    best_person: str | None
    best_score: float
    scores: dict[str, float]
    team_score: float
    requirements: int
    weight: int


class TeamOut(BaseModel):
    people: list[str]
    threshold: float
    min_level: int
    phases: list[PhaseReadyOut]
    uncovered_phases: list[str]
    uncovered_families: list[str]
    cells: list[CellOut]


class TeamResponse(BaseModel):
    matches: MatchReportOut
    team: TeamOut


class ModuleOut(BaseModel):
    id: str
    iri: str
    label: str


class EquivalentOut(BaseModel):
    programme: str
    label: str


class PickOut(BaseModel):
    programme: str
    programme_iri: str
    label: str
    type: str
    type_label: str
    providers: list[str]
    cities: list[str]
    cost: float
    options: list[TopicOut] = Field(description="Options to choose in the programme's exclusive choice, if any.")
    modules: list[ModuleOut]
    topics: list[TopicOut]
    requirements: list[str]
    units: int
    ratio: float = Field(description="Cost per newly covered unit.")
    reason: str
    equivalents: list[EquivalentOut]


class UnitGroupOut(BaseModel):
    requirement: str
    skill: str
    skill_label: str
    importance: str
    lines: list[int]
    topics: list[TopicOut]


class RecommendationOut(BaseModel):
    family: str
    family_iri: str
    family_label: str
    people: list[str]
    person: str | None
    solver: str
    lang: str
    costs: dict[str, float]
    missing_units: int
    missing_requirements: int
    total_cost: float
    covered_units: int
    picks: list[PickOut]
    uncovered: list[UnitGroupOut] = Field(description="What no training of the graph teaches.")
    blocked: list[UnitGroupOut] = Field(description="What only an option ruled out by an exclusive choice teaches.")


class RecommendationResponse(BaseModel):
    matches: MatchReportOut
    recommendation: RecommendationOut


class ProblemOut(BaseModel):
    line: int | None
    record: str | None
    field: str | None
    message: str


class ProfileError(BaseModel):
    """Why a request was refused: a malformed profile (with each problem's line and field) or a bad parameter."""

    error: str
    message: str
    problems: list[ProblemOut] | None = None
    parameter: str | None = None


_ERRORS: dict[int | str, dict[str, Any]] = {
    415: {"model": ProfileError, "description": "The body is neither JSON nor CSV."},
    422: {"model": ProfileError, "description": "Malformed profile (line and field given) or invalid parameter."},
}

Lang = Annotated[Literal["fr", "en"], Query(description="Language of the labels.")]
MinLevel = Annotated[int, Query(ge=0, le=4, description="Level (0-4) from which a skill counts as held.")]
MatchThreshold = Annotated[float, Query(ge=0, le=1, description="Confidence below which a line is unmatched.")]
Phases = Annotated[list[str] | None, Query(description="Phase ids, labels or orders (1-5); all when absent.")]
Person = Annotated[str | None, Query(description="Only this member of a team profile.")]
Family = Annotated[str, Query(description="Job family: id (regulatory-affairs), IRI or label.")]


# --- plumbing ---------------------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, response: JSONResponse) -> None:
        self.response = response


def _model(request: Request) -> GapModel:
    """The gap model of the release in service (kept while the release stays the same)."""
    store = request.app.state.holder.get()
    cached = getattr(request.app.state, "profiles_gap_model", None)
    if cached is not None and cached[0] is store:
        return cached[1]  # type: ignore[no-any-return]
    model = load_model(store)
    request.app.state.profiles_gap_model = (store, model)
    return model


async def _profile(request: Request, model: GapModel, threshold: float) -> tuple[Profile, MatchReport]:
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    charset = next(
        (p.split("=", 1)[1].strip().strip('"') for p in content_type.split(";")[1:] if p.strip().lower().startswith("charset=")),
        None,
    )
    if media in {"text/csv", "application/csv", "text/plain"}:
        fmt: str | None = "csv"
    elif media == "application/json" or media.endswith("+json"):
        fmt = "json"
    elif media == "":
        fmt = None
    else:
        raise _Refused(
            JSONResponse(
                {"error": "unsupported_media_type", "message": f"send the profile as application/json or text/csv, not {media}"},
                status_code=415,
            )
        )
    data: bytes | str = body
    if charset:
        try:
            data = body.decode(charset)
        except (LookupError, UnicodeDecodeError) as exc:
            raise _Refused(JSONResponse({"error": "invalid_profile", "message": f"cannot decode the body as {charset}: {exc}"}, 422)) from exc
    try:
        return await run_in_threadpool(profile_from_text, model, data, fmt, _SOURCE, threshold)
    except DataError as exc:
        raise _Refused(_invalid_profile(exc)) from exc


def _invalid_profile(exc: DataError) -> JSONResponse:
    problems = [{"line": p.line, "record": p.record, "field": p.field, "message": p.message} for p in exc.problems]
    return JSONResponse({"error": "invalid_profile", "message": str(exc), "problems": problems}, status_code=422)


_PARAMETER = {"job family": "family", "phase": "phase", "person": "person"}


def _invalid_parameter(parameter: str, message: str) -> JSONResponse:
    return JSONResponse({"error": "invalid_parameter", "parameter": parameter, "message": message}, status_code=422)


async def _answer(request: Request, threshold: float, compute: Any) -> Any:
    try:
        model = _model(request)
        profile, report = await _profile(request, model, threshold)
        return await run_in_threadpool(compute, model, profile, report)
    except _Refused as refused:
        return refused.response
    except UnknownIdentifier as exc:
        return _invalid_parameter(_PARAMETER.get(exc.kind, exc.kind), str(exc))


# --- routes -----------------------------------------------------------------------------------------


@router.post("/gaps", response_model=GapsResponse, responses=_ERRORS, openapi_extra=_BODY, summary="Gaps of a profile for a job family")
async def gaps(
    request: Request,
    family: Family,
    person: Person = None,
    phase: Phases = None,
    lang: Lang = "fr",
    min_level: MinLevel = DEFAULT_MIN_LEVEL,
    match_threshold: MatchThreshold = MATCH_THRESHOLD,
) -> Any:
    """The requirements of the job family the profile does not hold, per phase of the family.

    Each gap gives the skill, its importance (essential, important, complementary), whether the
    study lists it as new for SMT, the lines of the study it is read from, what part of it is
    missing (the skill's topics not held), and the modules of the graph's programmes that teach
    that part. For a team, what anyone holds counts (`person` restricts it to one member).
    """

    def compute(model: GapModel, profile: Profile, report: MatchReport) -> dict[str, Any]:
        result = profile_gaps(model, profile, family, person=person, phases=phase, min_level=min_level, lang=lang)
        return {"matches": report.as_dict(model, lang), "gaps": result.as_dict()}

    return await _answer(request, match_threshold, compute)


@router.post("/team", response_model=TeamResponse, responses=_ERRORS, openapi_extra=_BODY, summary="Which SMT phases and job families a team can cover")
async def team(
    request: Request,
    phase: Phases = None,
    family: Annotated[list[str] | None, Query(description="Job families to check; all when absent.")] = None,
    cover: Annotated[float, Query(ge=0, le=1, description="Share of a family's weighted requirements one member must hold.")] = DEFAULT_COVER_THRESHOLD,
    lang: Lang = "fr",
    min_level: MinLevel = DEFAULT_MIN_LEVEL,
    match_threshold: MatchThreshold = MATCH_THRESHOLD,
) -> Any:
    """For every phase of an SMT project and every job family taking part in it, whether one member
    of the team can take the role: a family is covered in a phase when one member holds at least
    `cover` (default 50 %) of the family's requirements of that phase, weighted by importance.
    Lists the phases and the families the team cannot cover.
    """

    def compute(model: GapModel, profile: Profile, report: MatchReport) -> dict[str, Any]:
        result = team_readiness(model, profile, phase, family, threshold=cover, min_level=min_level)
        return {"matches": report.as_dict(model, lang), "team": result.as_dict(model, lang)}

    return await _answer(request, match_threshold, compute)


@router.post(
    "/recommendations", response_model=RecommendationResponse, responses=_ERRORS, openapi_extra=_BODY,
    summary="Trainings that close a profile's gaps",
)
async def recommendations(
    request: Request,
    family: Family,
    person: Person = None,
    phase: Phases = None,
    cost: Annotated[list[str] | None, Query(description="Cost of a programme type, TYPE=NUMBER (e.g. UniversityDiploma=2).")] = None,
    solver: Annotated[Literal["greedy", "exact"], Query(description="greedy (default) or exact (small instances).")] = "greedy",
    lang: Lang = "fr",
    min_level: MinLevel = DEFAULT_MIN_LEVEL,
    match_threshold: MatchThreshold = MATCH_THRESHOLD,
) -> Any:
    """The cheapest set of programmes that closes the profile's gaps for the job family (weighted set
    cover, greedy by cost per closed gap), each with the reason it was picked and equivalent
    programmes; then what no training of the graph teaches. Costs by programme type default to:
    continuing training 1, university diploma (DU) 2, Master 2 4, two-year master, engineering
    track and initial training 6. In a programme with an exclusive choice, only one option is taken.
    """
    costs: dict[str, float] = {}
    for item in cost or []:
        key, sep, value = item.partition("=")
        try:
            costs[key.strip()] = float(value) if sep else float("nan")
        except ValueError:
            costs[key.strip()] = float("nan")
        if not costs[key.strip()] > 0:
            return _invalid_parameter("cost", f"cost takes TYPE=NUMBER with a positive number, got '{item}'")

    def compute(model: GapModel, profile: Profile, report: MatchReport) -> dict[str, Any] | JSONResponse:
        try:
            result = recommend(
                model, profile, family, person=person, phases=phase, costs=costs, min_level=min_level, solver=solver, lang=lang
            )
        except ValueError as exc:  # the exact solver refuses large instances
            return _invalid_parameter("solver", str(exc))
        return {"matches": report.as_dict(model, lang), "recommendation": result.as_dict(model)}

    return await _answer(request, match_threshold, compute)


@router.post(
    "/report", response_class=HTMLResponse, responses=_ERRORS, openapi_extra=_BODY,
    summary="The HTML report of a profile for HR",
)
async def report(
    request: Request,
    family: Family,
    person: Person = None,
    phase: Phases = None,
    lang: Lang = "fr",
    min_level: MinLevel = DEFAULT_MIN_LEVEL,
    match_threshold: MatchThreshold = MATCH_THRESHOLD,
) -> Any:
    """A self-contained HTML report (works offline, charts inline) to hand to a committee: the
    profile's gaps for the job family, phase by phase, each with its importance and the lines of
    the study it is read from, and the recommended trainings with the reason for each pick."""

    def compute(model: GapModel, profile: Profile, report: MatchReport) -> HTMLResponse:
        found = profile_gaps(model, profile, family, person=person, phases=phase, min_level=min_level, lang=lang)
        picks = recommend(model, profile, family, person=person, phases=phase, min_level=min_level, lang=lang)
        return HTMLResponse(profile_report(model, found, picks, lang=lang))

    return await _answer(request, match_threshold, compute)
