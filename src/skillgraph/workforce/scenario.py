"""The parameters of the projection (:class:`Scenario`) and the study's own, read from the graph."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .readings import GrowthReading

__all__ = ["Scenario", "StudySeries", "study_scenario", "study_series"]

_SG = "https://w3id.org/skillgraph/ontology#"
_WORKFORCE = "https://w3id.org/skillgraph/id/workforce/"

# The study's figures, used when no store is given (and as fallbacks for a store that lacks one).
_CAGR = 0.07  # lines 6390-6404
_EMPLOYEES = 42.0  # lines 6396-6398
_GROWTH = 0.30  # lines 6400-6402, "30% entre 2021 et 2025"
_GROWTH_YEARS = 5  # 2021, 2022, 2023, 2024, 2025
_COMPANIES_2020 = 10.0  # historical series, 2019 = 10 and "2020 stable vs 2019"
_HEADCOUNT_2020 = 635.0  # line 3977: "Les 10 entreprises Françaises ... emploient environ 635 personnes"
_JOB_TYPES = 15  # lines 6495-6517, "approx. 15 types de métiers"


class Scenario(BaseModel):
    """Parameters of the projection. Defaults are the study's assumptions (see :func:`study_scenario`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start_year: int = Field(default=2020, ge=1900, le=2100, description="Base year (new jobs are counted from it).")
    end_year: int = Field(default=2025, ge=1901, le=2100, description="Last projected year.")
    companies_start: float = Field(default=_COMPANIES_2020, gt=0, description="Companies developing SMT in the base year.")
    cagr: float = Field(default=_CAGR, ge=-0.9, le=2.0, description="Yearly growth of the number of companies (0.07 = +7 %).")
    employees_per_company: float = Field(default=_EMPLOYEES, ge=0, le=100_000, description="Employees of a new company.")
    headcount_growth: float = Field(
        default=_GROWTH, ge=-0.9, le=10.0, description="Headcount growth within a company over growth_years (0.30 = +30 %)."
    )
    growth_years: int = Field(default=_GROWTH_YEARS, ge=1, le=100, description="Years the headcount growth is spread over.")
    existing_headcount: float = Field(
        default=_HEADCOUNT_2020, ge=0, description="Actual headcount of the companies of the base year (the study: 635)."
    )
    growth_reading: GrowthReading = Field(
        default=GrowthReading.actual_headcount, description="How the headcount growth is applied (see READINGS)."
    )
    new_company_decimals: int | None = Field(
        default=1, ge=0, le=6, description="Round new companies to this many decimals before counting their jobs (the study: 1)."
    )
    job_types: int = Field(default=_JOB_TYPES, ge=1, le=1000, description="Job types the new jobs are spread over (the study: approx. 15).")

    @model_validator(mode="after")
    def _years_in_order(self) -> Scenario:
        if self.end_year <= self.start_year:
            raise ValueError("end_year must be after start_year")
        if self.end_year - self.start_year > 50:
            raise ValueError("at most 50 projected years")
        return self


class StudySeries(BaseModel):
    """A yearly series published by the study, read from the graph."""

    id: str
    label: dict[str, str]
    unit: str
    points: dict[int, float]
    lines: tuple[int, int]


# -- the study's figures, from the graph ----------------------------------------------------


def _rows(store: ox.Store, query: str) -> list[dict[str, Any]]:
    solutions = store.query("PREFIX sg: <" + _SG + ">\n" + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]  # type: ignore[union-attr]


def study_series(store: ox.Store) -> dict[str, StudySeries]:
    """The study's workforce series (``sg:ProjectionSeries``) by short id."""
    found: dict[str, StudySeries] = {}
    query = """SELECT ?s ?label ?lang ?unit ?year ?value ?first ?last WHERE {
      ?s a sg:ProjectionSeries ; sg:unit ?unit ; rdfs:label ?label ; sg:dataPoint [ sg:year ?year ; sg:value ?value ] ;
         sg:citation [ sg:firstLine ?first ; sg:lastLine ?last ] .
      BIND (lang(?label) AS ?lang) }"""
    for row in _rows(store, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + query):
        key = row["s"].rsplit("/", 1)[-1]
        series = found.setdefault(
            key, StudySeries(id=key, label={}, unit=row["unit"], points={}, lines=(int(row["first"]), int(row["last"])))
        )
        series.label[row["lang"]] = row["label"]
        series.points[int(row["year"])] = float(row["value"])
    return dict(sorted(found.items()))


def study_scenario(store: ox.Store | None = None) -> Scenario:
    """The study's assumptions as a Scenario: read from the graph's ``sg:ProjectionAssumption``
    nodes (and the headcount of the French SMT companies) when a store is given, else the
    constants of this module (the same figures). A figure missing from the store falls back
    to its constant."""
    if store is None:
        return Scenario()
    assumptions = {
        row["a"].rsplit("/", 1)[-1]: float(row["value"])
        for row in _rows(store, "SELECT ?a ?value WHERE { ?a a sg:ProjectionAssumption ; sg:value ?value }")
    }
    historical = study_series(store).get("smt-companies-historical")
    companies = _COMPANIES_2020
    if historical and 2019 in historical.points:
        # "2020 stable par rapport à 2019": the base is 2019's count, changed by that assumption.
        companies = historical.points[2019] * (1 + assumptions.get("smt-companies-2020-stable", 0.0) / 100)
    headcount = _rows(
        store,
        "SELECT (SUM(?v) AS ?total) WHERE { ?c a sg:Company ; sg:french true ; sg:employees/sg:value ?v }",
    )
    job_types = study_series(store).get("smt-new-jobs-job-types-2025")
    return Scenario(
        companies_start=companies,
        cagr=assumptions.get("smt-company-creation-cagr", _CAGR * 100) / 100,
        employees_per_company=assumptions.get("smt-employees-per-company", _EMPLOYEES),
        headcount_growth=assumptions.get("smt-headcount-growth-2021-2025", _GROWTH * 100) / 100,
        existing_headcount=float(headcount[0]["total"]) if headcount and "total" in headcount[0] else _HEADCOUNT_2020,
        job_types=int(job_types.points[2025]) if job_types and 2025 in job_types.points else _JOB_TYPES,
    )
