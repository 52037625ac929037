"""The projection set against the figures the study publishes, with an explanation of every difference."""

from __future__ import annotations

from enum import Enum

import pyoxigraph as ox
from pydantic import BaseModel, Field

from .projection import Projection, YearRow, _half_up, project
from .readings import GrowthReading, describe
from .scenario import Scenario, study_scenario, study_series

__all__ = ["Comparison", "ComparisonRow", "HypothesisFit", "compare_with_study"]


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
