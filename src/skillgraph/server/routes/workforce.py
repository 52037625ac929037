"""``/workforce/*``: the study's projection of new SMT jobs to 2025, recomputed, and set against the study.

The default scenario is the study's, read from the graph's ``sg:ProjectionAssumption``
nodes; query parameters override its assumptions.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from ...workforce import (
    Comparison,
    GrowthReading,
    Projection,
    Scenario,
    compare_with_study,
    project,
    study_scenario,
)

__all__ = ["router"]

router = APIRouter(prefix="/workforce", tags=["workforce"])

Cagr = Annotated[float | None, Query(ge=-0.9, le=2.0, description="Yearly growth of the number of companies (study: 0.07).")]
Employees = Annotated[float | None, Query(ge=0, le=100_000, description="Employees of a new company (study: 42).")]
Growth = Annotated[
    float | None, Query(ge=-0.9, le=10.0, description="Headcount growth within a company over 2021-2025 (study: 0.30).")
]
Reading = Annotated[
    GrowthReading | None,
    Query(description="How the headcount growth is applied (default actual-headcount, the reading that reproduces the study)."),
]
_INVALID = {422: {"description": "A parameter is out of range or the scenario is inconsistent; the body says which."}}


def _scenario(request: Request, updates: dict[str, Any]) -> Scenario | JSONResponse:
    base = study_scenario(request.app.state.holder.get())
    try:
        return Scenario.model_validate({**base.model_dump(), **{k: v for k, v in updates.items() if v is not None}})
    except ValidationError as exc:
        first = exc.errors()[0]
        return JSONResponse(
            {"error": "invalid_parameter", "parameter": ".".join(str(p) for p in first["loc"]) or None, "message": first["msg"]},
            status_code=422,
        )


@router.get("/projection", response_model=Projection, summary="New SMT jobs per year under a scenario", responses=_INVALID)  # type: ignore[arg-type]
def projection(
    request: Request,
    cagr: Cagr = None,
    employees: Employees = None,
    growth: Growth = None,
    reading: Reading = None,
    end_year: Annotated[int | None, Query(ge=2021, le=2070, description="Last projected year (study: 2025).")] = None,
) -> Projection | JSONResponse:
    """Companies developing SMT, new companies, jobs from new companies, jobs from headcount
    growth, total and jobs per job type, each year (cumulative since 2020, unrounded).

    Without parameters: the study's assumptions (+7 % companies a year from 10 in 2020, 42
    employees per new company, +30 % headcount over 2021-2025), which give the study's
    10.7 … 14.0 companies and 68 … 377 new jobs."""
    scenario = _scenario(
        request,
        {"cagr": cagr, "employees_per_company": employees, "headcount_growth": growth, "growth_reading": reading, "end_year": end_year},
    )
    if isinstance(scenario, JSONResponse):
        return scenario
    return project(scenario)


@router.get("/comparison", response_model=Comparison, summary="The projection against the study's published figures", responses=_INVALID)  # type: ignore[arg-type]
def comparison(
    request: Request,
    cagr: Cagr = None,
    employees: Employees = None,
    growth: Growth = None,
    reading: Reading = None,
) -> Comparison | JSONResponse:
    """Every figure the study publishes (`sg:ProjectionSeries`) against the model: value,
    value at the study's printed precision, difference, whether it is reproduced, and an
    explanation. Also ranks the readings of "+30 % headcount in a same company between 2021
    and 2025" by how well they reproduce the study's series: the study's 38, 78, 120, 164,
    209 cannot come from 30 % x 10 x 42 = 126."""
    scenario = _scenario(
        request, {"cagr": cagr, "employees_per_company": employees, "headcount_growth": growth, "growth_reading": reading}
    )
    if isinstance(scenario, JSONResponse):
        return scenario
    return compare_with_study(project(scenario), request.app.state.holder.get())
