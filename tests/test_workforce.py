"""The workforce projection: the study's assumptions from the graph, its series recomputed and compared."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.commands.workforce import app
from skillgraph.workforce import GrowthReading, Scenario, compare_with_study, project, study_scenario, study_series

runner = CliRunner()
YEARS = [2021, 2022, 2023, 2024, 2025]


def printed(value: float, digits: int = 0) -> float:
    """As the study prints it (half away from zero)."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def test_study_assumptions_are_read_from_the_graph(store: ox.Store) -> None:
    scenario = study_scenario(store)
    assert (scenario.cagr, scenario.employees_per_company, scenario.headcount_growth) == (0.07, 42, 0.30)
    assert scenario.companies_start == 10 and scenario.existing_headcount == 635 and scenario.job_types == 15
    assert scenario == Scenario() == study_scenario(None)  # the constants in code are the same figures


def test_default_projection_reproduces_companies_and_new_company_jobs(store: ox.Store) -> None:
    projection = project(study_scenario(store))
    assert [r.year for r in projection.years] == YEARS
    assert [printed(r.companies, 1) for r in projection.years] == [10.7, 11.4, 12.3, 13.1, 14.0]
    assert [printed(r.new_companies, 1) for r in projection.years] == [0.7, 1.4, 2.3, 3.1, 4.0]
    assert [printed(r.jobs_new_companies) for r in projection.years] == [29, 59, 97, 130, 168]
    assert [printed(r.total) for r in projection.years] == [68, 137, 216, 294, 377]
    for row, study in zip(projection.years, [38, 78, 120, 164, 209], strict=True):
        assert abs(row.jobs_growth - study) < 0.52  # 2024 is 0.012 short of the rounding boundary
        assert row.total == pytest.approx(row.jobs_new_companies + row.jobs_growth)
    assert printed(projection.years[-1].jobs_per_job_type) == 25


def test_comparison_reports_every_published_figure_with_an_explanation(store: ox.Store) -> None:
    published = study_series(store)
    comparison = compare_with_study(project(study_scenario(store)), store)
    expected = {
        (sid, year)
        for sid in ("smt-companies-estimated", "smt-new-companies-estimated", "smt-new-jobs-new-companies",
                    "smt-new-jobs-headcount-growth", "smt-new-jobs-total", "smt-new-jobs-job-types-2025",
                    "smt-new-jobs-per-job-type-2025")
        for year in published[sid].points
    }
    assert {(r.study_series, r.year) for r in comparison.rows} == expected and len(comparison.rows) == 27
    for row in comparison.rows:
        assert row.study == published[row.study_series].points[row.year]
        assert row.difference == pytest.approx(row.model - row.study, abs=1e-3)
        assert row.explanation and row.reproduced == (row.printed_model == row.study)
    missed = [(r.series, r.year) for r in comparison.rows if not r.reproduced]
    assert missed == [("jobs_growth", 2024)]
    miss = next(r for r in comparison.rows if (r.series, r.year) == ("jobs_growth", 2024))
    assert "rounding boundary" in miss.explanation and "163.488" in miss.explanation
    assert comparison.scenario_differences == []
    assert "26 of 27" in comparison.summary


def test_readings_of_the_headcount_growth_are_tested_honestly(store: ox.Store) -> None:
    hypotheses = compare_with_study(project(), store).hypotheses
    assert {h.reading for h in hypotheses} == set(GrowthReading)
    best = hypotheses[0]
    assert best.reading is GrowthReading.actual_headcount
    assert (best.growth_reproduced, best.totals_reproduced) == (4, 5) and best.max_abs_difference < 0.52
    stated = next(h for h in hypotheses if h.reading is GrowthReading.stated_linear)
    assert stated.values[2025] == pytest.approx(126)  # 30 % x 10 x 42: not the study's 209
    assert stated.growth_reproduced == 0


def test_stated_reading_is_explained_against_the_best_one(store: ox.Store) -> None:
    scenario = study_scenario(store).model_copy(update={"growth_reading": GrowthReading.stated_linear})
    comparison = compare_with_study(project(scenario), store)
    row = next(r for r in comparison.rows if (r.series, r.year) == ("jobs_growth", 2025))
    assert row.model == pytest.approx(126) and row.difference == pytest.approx(-83)
    assert "cannot be obtained" in row.explanation and "actual-headcount" in row.explanation
    assert comparison.scenario_differences == ["growth_reading stated-linear (default: actual-headcount)"]


def test_own_scenario_changes_the_output(store: ox.Store) -> None:
    study = project(study_scenario(store))
    faster = project(study_scenario(store).model_copy(update={"cagr": 0.10}))
    assert faster.years[-1].companies == pytest.approx(10 * 1.1**5)
    assert faster.years[-1].total > study.years[-1].total
    comparison = compare_with_study(faster, store)
    assert comparison.scenario_differences == ["cagr 0.1 (study: 0.07)"]
    assert all(r.explanation.startswith("Scenario differs") for r in comparison.rows)
    longer = project(Scenario(end_year=2030))
    assert [r.year for r in longer.years][-1] == 2030


def test_scenario_is_validated() -> None:
    with pytest.raises(ValidationError, match="end_year"):
        Scenario(end_year=2020)
    with pytest.raises(ValidationError):
        Scenario(cagr=5)
    with pytest.raises(ValidationError):
        Scenario(unknown=1)  # type: ignore[call-arg]


# -- the commands -------------------------------------------------------------------------


def test_cli_project(built: tuple[Path, BuildReport]) -> None:
    store = str(built[0])
    table = runner.invoke(app, ["project", "--store", store])
    assert table.exit_code == 0, table.output
    last = table.stdout.splitlines()[-1].split("|")
    assert last[0].strip() == "2025" and last[5].strip() == "377"
    custom = json.loads(runner.invoke(app, ["project", "--cagr", "0.10", "--format", "json", "--store", store]).stdout)
    assert custom["scenario"]["cagr"] == 0.10 and custom["years"][-1]["total"] > 377
    mine = json.loads(
        runner.invoke(app, ["project", "--employees", "30", "--growth", "0.5", "-f", "json", "--store", store]).stdout
    )
    assert mine["years"][-1]["jobs_new_companies"] == pytest.approx(4.0 * 30)


def test_cli_project_without_a_store_uses_the_built_in_figures(tmp_path: Path) -> None:
    result = runner.invoke(app, ["project", "--store", str(tmp_path / "none")])
    assert result.exit_code == 0 and "377" in result.stdout and result.stderr.startswith("note:")


def test_cli_compare(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "--store", str(built[0])])
    assert result.exit_code == 0, result.output
    assert "26 of 27 published figures reproduced" in result.stdout and "actual-headcount" in result.stdout
    body = json.loads(runner.invoke(app, ["compare", "-f", "json", "--cagr", "0.1", "--store", str(built[0])]).stdout)
    assert body["scenario_differences"] == ["cagr 0.1 (study: 0.07)"]
    missing = runner.invoke(app, ["compare", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 1 and missing.stderr.startswith("error: ")
