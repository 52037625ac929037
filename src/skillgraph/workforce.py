"""The study's projection of new SMT jobs in France to 2025, recomputed from its assumptions.

The study (lines 6330-6520) counts only the companies developing SMT (pharmaceutical
companies' SMT teams are expected to stay stable) and states three assumptions: the number
of companies grows at the 2009-2020 CAGR (+7 %, 2020 stable vs 2019, i.e. 10 companies),
42 employees per new company, and +30 % headcount in a same company between 2021 and 2025.

* Companies and new companies are reproduced exactly: 10 x 1.07^n, printed to one decimal.
* Jobs from new companies are reproduced exactly when, as the study does, the number of new
  companies is rounded to one decimal before multiplying by 42 (2.3 x 42 = 97, not 2.25 x 42).
* Jobs from headcount growth (38, 78, 120, 164, 209) cannot come from the stated figures
  (30 % of 10 x 42 = 126 by 2025). Of the readings tested (:data:`READINGS`), the one that
  fits grows by 30 % / 5 = 6 % a year, without compounding, the *actual* headcount of the ten
  French SMT companies (635 people, study line 3977) plus the staff of the companies created
  before the year: 38.1, 78.0, 119.6, 163.5, 209.4. It reproduces four of the five printed
  values and all five printed totals; it misses 2024 by 0.01 at the rounding boundary
  (163.49 prints 163, the study 164). It is the default reading, labelled as a reconstruction.
  (The study calls 42 the average of the ten companies, yet their headcounts sum to 635,
  an average of 63.5; it does not say how 42 was obtained.)

:class:`Scenario` holds the parameters (defaults: the study's), :func:`project` computes the
yearly series and :func:`compare_with_study` sets them against the figures the study
publishes, with an explanation of every difference.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Comparison",
    "ComparisonRow",
    "GrowthReading",
    "HypothesisFit",
    "Projection",
    "READINGS",
    "Scenario",
    "StudySeries",
    "YearRow",
    "compare_with_study",
    "describe",
    "project",
    "study_scenario",
    "study_series",
]

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


class GrowthReading(str, Enum):
    """Ways of reading "+30 % headcount in a same company between 2021 and 2025"."""

    stated_linear = "stated-linear"
    stated_compound = "stated-compound"
    all_companies_linear = "all-companies-linear"
    all_companies_compound = "all-companies-compound"
    existing_companies_yearly = "existing-companies-yearly"
    actual_headcount_linear = "actual-headcount-linear"
    actual_headcount = "actual-headcount"
    actual_headcount_compound = "actual-headcount-compound"


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


class YearRow(BaseModel):
    """One projected year; job counts are cumulative since the base year, unrounded."""

    year: int
    companies: float
    new_companies: float = Field(description="Companies created since the base year (cumulative).")
    created: float = Field(description="Companies created during the year.")
    jobs_new_companies: float
    jobs_growth: float
    total: float
    jobs_per_job_type: float


class Projection(BaseModel):
    """The yearly series of a scenario."""

    scenario: Scenario
    years: list[YearRow]

    def value(self, series: str, year: int) -> float | None:
        """One value by series name (a YearRow field, or ``job_types``) and year."""
        for row in self.years:
            if row.year == year:
                return float(self.scenario.job_types) if series == "job_types" else float(getattr(row, series))
        return None


class StudySeries(BaseModel):
    """A yearly series published by the study, read from the graph."""

    id: str
    label: dict[str, str]
    unit: str
    points: dict[int, float]
    lines: tuple[int, int]


class ComparisonRow(BaseModel):
    year: int
    series: str = Field(description="Name of the projected series (a YearRow field, or job_types).")
    study_series: str = Field(description="Id of the study's series in the graph (workforce/series/<id>).")
    model: float
    study: float
    printed_model: float = Field(description="The model's value at the study's printed precision.")
    difference: float = Field(description="model - study, unrounded.")
    reproduced: bool = Field(description="The model's value, printed like the study's, is the study's.")
    explanation: str


class HypothesisFit(BaseModel):
    """How well one reading of the headcount growth reproduces the study's series."""

    reading: GrowthReading
    description: str
    values: dict[int, float]
    max_abs_difference: float
    growth_reproduced: int = Field(description="Printed headcount-growth values reproduced after rounding.")
    totals_reproduced: int = Field(description="Printed totals reproduced after rounding.")


class Comparison(BaseModel):
    scenario: Scenario
    scenario_differences: list[str] = Field(description="Parameters that differ from the study's assumptions.")
    rows: list[ComparisonRow]
    hypotheses: list[HypothesisFit] = Field(description="Readings of the headcount growth, best fit first.")
    best_reading: GrowthReading
    summary: str


# -- readings of the headcount growth ---------------------------------------------------


def _linear_rate(s: Scenario) -> float:
    return s.headcount_growth / s.growth_years


def _compound_factor(s: Scenario, n: int) -> float:
    return float((1 + s.headcount_growth) ** (n / s.growth_years) - 1)


def _accumulate(base: Callable[[int, float], float], rate: float, years: int) -> list[float]:
    """Growth jobs added year after year: ``rate`` of the base of year n (given the growth so far)."""
    out, total = [], 0.0
    for n in range(1, years + 1):
        total += rate * base(n, total)
        out.append(total)
    return out


# Each reading: (description template, see describe(); function of (scenario, companies by n (0..N), new-company jobs by n) -> growth jobs for n=1..N)
_Reading = Callable[[Scenario, list[float], list[float]], list[float]]

READINGS: dict[GrowthReading, tuple[str, _Reading]] = {
    GrowthReading.stated_linear: (
        "{growth} of {companies} companies x {employees} employees = {base} people, spread evenly over {years} years",
        lambda s, c, j: [_linear_rate(s) * n * s.companies_start * s.employees_per_company for n in range(1, len(c))],
    ),
    GrowthReading.stated_compound: (
        "{base} people ({companies} x {employees}) growing {growth} over {years} years, compounded yearly",
        lambda s, c, j: [s.companies_start * s.employees_per_company * _compound_factor(s, n) for n in range(1, len(c))],
    ),
    GrowthReading.all_companies_linear: (
        "the companies of each year (new ones included) x {employees}, grown {rate} per elapsed year",
        lambda s, c, j: [c[n] * s.employees_per_company * _linear_rate(s) * n for n in range(1, len(c))],
    ),
    GrowthReading.all_companies_compound: (
        "the companies of each year (new ones included) x {employees}, grown {growth} over {years} years, compounded",
        lambda s, c, j: [c[n] * s.employees_per_company * _compound_factor(s, n) for n in range(1, len(c))],
    ),
    GrowthReading.existing_companies_yearly: (
        "each year, {rate} of {employees} x the companies existing at the start of the year, accumulated",
        lambda s, c, j: _accumulate(lambda n, g: c[n - 1] * s.employees_per_company, _linear_rate(s), len(c) - 1),
    ),
    GrowthReading.actual_headcount_linear: (
        "each year, {rate} of the actual headcount of the base year's companies ({headcount})",
        lambda s, c, j: [_linear_rate(s) * n * s.existing_headcount for n in range(1, len(c))],
    ),
    GrowthReading.actual_headcount: (
        "each year, {rate} ({growth} / {years}, not compounded) of the actual headcount of the base year's companies ({headcount}) "
        "plus the staff of the companies created before that year, accumulated",
        lambda s, c, j: _accumulate(lambda n, g: s.existing_headcount + j[n - 1], _linear_rate(s), len(c) - 1),
    ),
    GrowthReading.actual_headcount_compound: (
        "as actual-headcount, the jobs already added by growth growing too (compounded)",
        lambda s, c, j: _accumulate(lambda n, g: s.existing_headcount + j[n - 1] + g, _linear_rate(s), len(c) - 1),
    ),
}


def describe(reading: GrowthReading, scenario: Scenario) -> str:
    """The reading in words, with the scenario's figures."""
    s = scenario
    return READINGS[reading][0].format(
        growth=f"{s.headcount_growth:.0%}",
        rate=f"{_linear_rate(s):.1%}",
        years=s.growth_years,
        companies=f"{s.companies_start:g}",
        employees=f"{s.employees_per_company:g}",
        base=f"{s.companies_start * s.employees_per_company:g}",
        headcount=f"{s.existing_headcount:g}",
    )


# -- projection ---------------------------------------------------------------------------


def _half_up(value: float, digits: int) -> float:
    """Round like a spreadsheet (half away from zero), not like Python's round (half to even)."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _new_company_jobs(s: Scenario, companies: list[float]) -> list[float]:
    out = []
    for count in companies:
        new = count - s.companies_start
        if s.new_company_decimals is not None:
            new = _half_up(new, s.new_company_decimals)
        out.append(new * s.employees_per_company)
    return out


def project(scenario: Scenario | None = None) -> Projection:
    """Yearly companies, new companies and new jobs (cumulative since the base year) of a scenario."""
    s = scenario or Scenario()
    horizon = s.end_year - s.start_year
    companies = [s.companies_start * (1 + s.cagr) ** n for n in range(horizon + 1)]
    jobs_new = _new_company_jobs(s, companies)
    growth = READINGS[s.growth_reading][1](s, companies, jobs_new)
    rows = []
    for n in range(1, horizon + 1):
        total = jobs_new[n] + growth[n - 1]
        rows.append(
            YearRow(
                year=s.start_year + n,
                companies=companies[n],
                new_companies=companies[n] - s.companies_start,
                created=companies[n] - companies[n - 1],
                jobs_new_companies=jobs_new[n],
                jobs_growth=growth[n - 1],
                total=total,
                jobs_per_job_type=total / s.job_types,
            )
        )
    return Projection(scenario=s, years=rows)


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


# -- comparison ---------------------------------------------------------------------------

# Projected series -> (study series id, printed decimals).
_SERIES: dict[str, tuple[str, int]] = {
    "companies": ("smt-companies-estimated", 1),
    "new_companies": ("smt-new-companies-estimated", 1),
    "jobs_new_companies": ("smt-new-jobs-new-companies", 0),
    "jobs_growth": ("smt-new-jobs-headcount-growth", 0),
    "total": ("smt-new-jobs-total", 0),
    "job_types": ("smt-new-jobs-job-types-2025", 0),
    "jobs_per_job_type": ("smt-new-jobs-per-job-type-2025", 0),
}


def _fit(study: Scenario, reading: GrowthReading, printed: dict[str, dict[int, float]]) -> HypothesisFit:
    projection = project(study.model_copy(update={"growth_reading": reading}))
    values = {row.year: row.jobs_growth for row in projection.years}
    growth, totals = printed.get("jobs_growth", {}), printed.get("total", {})
    years = [y for y in sorted(growth) if y in values]
    return HypothesisFit(
        reading=reading,
        description=describe(reading, study),
        values={y: round(v, 3) for y, v in values.items()},
        max_abs_difference=round(max((abs(values[y] - growth[y]) for y in years), default=0.0), 3),
        growth_reproduced=sum(_half_up(values[y], 0) == growth[y] for y in years),
        totals_reproduced=sum(
            _half_up(projection.value("total", y) or 0.0, 0) == totals[y] for y in sorted(totals) if y in values
        ),
    )


def _differences(scenario: Scenario, study: Scenario) -> list[str]:
    def shown(value: object) -> str:
        return value.value if isinstance(value, Enum) else str(value)

    # The reading and the rounding are this module's reconstruction of the study's method, not its assumptions.
    ours = {"growth_reading", "new_company_decimals"}
    return [
        f"{name} {shown(getattr(scenario, name))} ({'default' if name in ours else 'study'}: {shown(getattr(study, name))})"
        for name in Scenario.model_fields
        if getattr(scenario, name) != getattr(study, name)
    ]


def _explain(  # noqa: PLR0911 - one answer per series and case
    series: str, row: YearRow, p: Projection, study_value: float, reproduced: bool, best: HypothesisFit, changed: bool
) -> str:
    s = p.scenario
    n = row.year - s.start_year
    if series in ("companies", "new_companies"):
        what = f"{s.companies_start:g} x {1 + s.cagr:g}^{n} = {row.companies:.3f}"
        if series == "new_companies":
            what += f", minus {s.companies_start:g} = {row.new_companies:.3f}"
        return what + ("; the study prints one decimal." if reproduced else f"; the study prints {study_value:g}.")
    if series == "jobs_new_companies":
        new = row.jobs_new_companies / s.employees_per_company if s.employees_per_company else 0.0
        text = f"{s.employees_per_company:g} x {new:g} new companies = {row.jobs_new_companies:.1f}"
        if s.new_company_decimals is not None:
            text += f" (new companies rounded to {s.new_company_decimals} decimal(s) first, as the study does: unrounded {row.new_companies:.3f})"
        return text + ("; printed as whole jobs." if reproduced else f"; the study prints {study_value:g}.")
    if series == "jobs_growth":
        description = describe(s.growth_reading, s)
        if reproduced:
            return f"{row.jobs_growth:.2f} by reading '{s.growth_reading.value}' ({description}); printed as whole jobs."
        if abs(row.jobs_growth - study_value) < 1:
            # Within a job of the printed value: only the rounding differs.
            boundary = study_value - 0.5 if row.jobs_growth < study_value else study_value + 0.5
            return (
                f"{row.jobs_growth:.3f} by reading '{s.growth_reading.value}' prints {_half_up(row.jobs_growth, 0):g}, "
                f"the study {study_value:g}: {abs(row.jobs_growth - boundary):.3f} short of the rounding boundary "
                f"({boundary:g}); the study's unrounded inputs are not published."
            )
        if changed:
            return f"{row.jobs_growth:.1f} by reading '{s.growth_reading.value}' ({description}); the study's {study_value:g} comes from its own assumptions."
        return (
            f"{row.jobs_growth:.1f} by reading '{s.growth_reading.value}' ({description}); the study's {study_value:g} "
            f"cannot be obtained from it. The best-fitting reading, '{best.reading.value}', gives "
            f"{best.values.get(row.year, float('nan')):.1f} ({best.growth_reproduced}/{len(best.values)} values reproduced)."
        )
    if series == "total":
        parts = f"{row.jobs_new_companies:.1f} + {row.jobs_growth:.2f} = {row.total:.2f}"
        if reproduced:
            return (
                f"{parts}; the study rounds the unrounded sum, which is why its printed parts do not always add up "
                "to its printed total."
            )
        if changed:
            return f"{parts}; the study prints {study_value:g}."
        return f"{parts}; the study prints {study_value:g} (the difference comes from the headcount-growth series)."
    if series == "job_types":
        return "The study's figure ('approx. 15 types de métiers'), an input of the scenario, not computed."
    return (
        f"{row.total:.1f} new jobs / {s.job_types} job types = {row.jobs_per_job_type:.1f}; the study says 'approx. 25' "
        "and gives no breakdown by job type (the jobs are spread evenly)."
    )


def compare_with_study(projection: Projection, store: ox.Store) -> Comparison:
    """Set each projected value against the study's published figure (``sg:ProjectionSeries``).

    Every published figure of a projected year gets a row with the model's value, the
    difference, whether it is reproduced at the study's printed precision, and why it differs.
    The readings of the headcount growth (:data:`READINGS`) are all tried on the study's
    assumptions and ranked by fit; a scenario that departs from the study's assumptions is
    said so in every explanation.
    """
    published = study_series(store)
    study = study_scenario(store)
    printed = {name: published[sid].points for name, (sid, _) in _SERIES.items() if sid in published}
    hypotheses = sorted(
        (_fit(study, reading, printed) for reading in GrowthReading),
        key=lambda h: (-(h.growth_reproduced + h.totals_reproduced), h.max_abs_difference, h.reading.value),
    )
    best = hypotheses[0]
    differences = _differences(projection.scenario, study)
    prefix = f"Scenario differs from the study's ({'; '.join(differences)}). " if differences else ""
    # The readings are ours, not the study's: a reading alone does not change the study's assumptions.
    assumptions_changed = any(not d.startswith(("growth_reading ", "new_company_decimals ")) for d in differences)
    rows = []
    for name, (sid, digits) in _SERIES.items():
        for year, value in sorted(printed.get(name, {}).items()):
            row = next((r for r in projection.years if r.year == year), None)
            if row is None:
                continue
            model = projection.value(name, year) or 0.0
            shown = _half_up(model, digits)
            reproduced = shown == value
            rows.append(
                ComparisonRow(
                    year=year,
                    series=name,
                    study_series=sid,
                    model=round(model, 4),
                    study=value,
                    printed_model=shown,
                    difference=round(model - value, 4),
                    reproduced=reproduced,
                    explanation=prefix + _explain(name, row, projection, value, reproduced, best, assumptions_changed),
                )
            )
    rows.sort(key=lambda r: (list(_SERIES).index(r.series), r.year))
    missed = [f"{r.series} {r.year}" for r in rows if not r.reproduced]
    summary = (
        f"{len(rows) - len(missed)} of {len(rows)} published figures reproduced"
        + (f"; not reproduced: {', '.join(missed)}." if missed else ".")
        + f" Best reading of the headcount growth: '{best.reading.value}' ({best.description}):"
        f" {best.growth_reproduced}/{len(printed.get('jobs_growth', {}))} growth values and"
        f" {best.totals_reproduced}/{len(printed.get('total', {}))} totals reproduced,"
        f" largest difference {best.max_abs_difference:g} job."
    )
    return Comparison(
        scenario=projection.scenario,
        scenario_differences=differences,
        rows=rows,
        hypotheses=hypotheses,
        best_reading=best.reading,
        summary=summary,
    )
