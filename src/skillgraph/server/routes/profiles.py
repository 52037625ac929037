"""HR routes: post a profile (JSON or CSV), get its gaps, a team's readiness, or training recommendations.

The body is a profile as described in :mod:`skillgraph.gaps.profiles`: JSON (``application/json``:
a list of ``{person?, skill, level?}``, one ``{person?, skills}`` or a team ``{people: [...]}``)
or CSV (``text/csv``: a header ``person,skill,level``). Every answer carries the match report:
each input line with what it matched, unmatched lines included. A malformed profile answers 422
with the line and the field at fault.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from ...gaps.model import GapModel
from ...gaps.person import DEFAULT_COVER_THRESHOLD, profile_gaps, team_readiness
from ...gaps.profiles import DEFAULT_MIN_LEVEL, MATCH_THRESHOLD, MatchReport, Profile
from ...gaps.recommend import recommend
from ...report.profile import profile_report
from .profile_input import answer, invalid_parameter
from .profile_models import (
    BODY,
    ERRORS,
    GapsResponse,
    PersonProfile,
    ProfileError,
    ProfileItem,
    RecommendationResponse,
    TeamProfile,
    TeamResponse,
)

__all__ = ["GapsResponse", "PersonProfile", "ProfileError", "ProfileItem", "RecommendationResponse", "TeamProfile", "TeamResponse", "router"]

router = APIRouter(prefix="/profiles", tags=["HR: profiles and gaps"])

Lang = Annotated[Literal["fr", "en"], Query(description="Language of the labels.")]
MinLevel = Annotated[int, Query(ge=0, le=4, description="Level (0-4) from which a skill counts as held.")]
MatchThreshold = Annotated[float, Query(ge=0, le=1, description="Confidence below which a line is unmatched.")]
Phases = Annotated[list[str] | None, Query(description="Phase ids, labels or orders (1-5); all when absent.")]
Person = Annotated[str | None, Query(description="Only this member of a team profile.")]
Family = Annotated[str, Query(description="Job family: id (regulatory-affairs), IRI or label.")]


# --- routes -----------------------------------------------------------------------------------------


@router.post("/gaps", response_model=GapsResponse, responses=ERRORS, openapi_extra=BODY, summary="Gaps of a profile for a job family")
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

    return await answer(request, match_threshold, compute)


@router.post("/team", response_model=TeamResponse, responses=ERRORS, openapi_extra=BODY, summary="Which SMT phases and job families a team can cover")
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

    return await answer(request, match_threshold, compute)


@router.post(
    "/recommendations", response_model=RecommendationResponse, responses=ERRORS, openapi_extra=BODY,
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
            return invalid_parameter("cost", f"cost takes TYPE=NUMBER with a positive number, got '{item}'")

    def compute(model: GapModel, profile: Profile, report: MatchReport) -> dict[str, Any] | JSONResponse:
        try:
            result = recommend(
                model, profile, family, person=person, phases=phase, costs=costs, min_level=min_level, solver=solver, lang=lang
            )
        except ValueError as exc:  # the exact solver refuses large instances
            return invalid_parameter("solver", str(exc))
        return {"matches": report.as_dict(model, lang), "recommendation": result.as_dict(model)}

    return await answer(request, match_threshold, compute)


@router.post(
    "/report", response_class=HTMLResponse, responses=ERRORS, openapi_extra=BODY,
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

    return await answer(request, match_threshold, compute)
