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

from .comparison import Comparison, ComparisonRow, HypothesisFit, compare_with_study
from .projection import Projection, YearRow, project
from .readings import READINGS, GrowthReading, describe
from .scenario import Scenario, StudySeries, study_scenario, study_series

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
