"""The readings of the study's "+30 % headcount in a same company": how the headcount growth is applied."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .scenario import Scenario

__all__ = ["READINGS", "GrowthReading", "describe"]


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
_Reading = Callable[["Scenario", list[float], list[float]], list[float]]

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
