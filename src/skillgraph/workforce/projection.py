"""The yearly series of a scenario: companies, new companies and new jobs since the base year."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, Field

from .readings import READINGS
from .scenario import Scenario

__all__ = ["Projection", "YearRow", "project"]


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
