"""``skillgraph workforce``: the study's projection of new SMT jobs to 2025, and your own scenarios.

``project`` computes the yearly series from a scenario (the study's assumptions, read from
the graph, unless overridden); ``compare`` sets a scenario's figures against those the study
publishes and explains each difference. Errors print ``error: …`` and exit 1.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import SkillgraphError, StoreError
from ..workforce import GrowthReading
from ._shared import fail, table

if TYPE_CHECKING:
    from ..workforce import Scenario

__all__ = ["app"]

app = typer.Typer(
    help="The study's projection of new SMT jobs in France to 2025: recompute it, change it, compare it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"


StoreOpt = Annotated[Path | None, typer.Option("--store", help="Store folder [env SKILLGRAPH_STORE_DIR].")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
CagrOpt = Annotated[float | None, typer.Option("--cagr", min=-0.9, max=2.0, help="Yearly growth of the number of companies [study: 0.07].")]
EmployeesOpt = Annotated[float | None, typer.Option("--employees", min=0, help="Employees of a new company [study: 42].")]
GrowthOpt = Annotated[
    float | None, typer.Option("--growth", min=-0.9, max=10.0, help="Headcount growth in a company over 2021-2025 [study: 0.30].")
]
ReadingOpt = Annotated[
    GrowthReading | None, typer.Option("--reading", help="How the headcount growth is applied [default: actual-headcount].")
]
EndOpt = Annotated[int | None, typer.Option("--end-year", min=2021, max=2070, help="Last projected year [study: 2025].")]



def _scenario(store_dir: Path | None, updates: dict[str, Any], required: bool) -> Scenario:
    """The study's scenario from the store, with the options given on the command line.

    ``project`` also works before any build (the same figures are built into the code);
    ``compare`` needs the study's published series, so it needs the store.
    """
    from pydantic import ValidationError

    from ..settings import Settings
    from ..store import open_store
    from ..workforce import Scenario, study_scenario

    settings = Settings(**({"store_dir": store_dir} if store_dir else {}))
    try:
        base = study_scenario(open_store(settings.store_dir))
    except StoreError:
        if required:
            raise
        typer.echo("note: no graph built yet; using the study's assumptions built into skillgraph", err=True)
        base = study_scenario(None)
    try:
        return Scenario.model_validate({**base.model_dump(), **{k: v for k, v in updates.items() if v is not None}})
    except ValidationError as exc:
        raise SkillgraphError(f"invalid scenario: {exc.errors()[0]['msg']}") from exc




def _updates(cagr: float | None, employees: float | None, growth: float | None, reading: GrowthReading | None, end_year: int | None) -> dict[str, Any]:
    return {"cagr": cagr, "employees_per_company": employees, "headcount_growth": growth, "growth_reading": reading, "end_year": end_year}


@app.command()
def project(
    cagr: CagrOpt = None,
    employees: EmployeesOpt = None,
    growth: GrowthOpt = None,
    reading: ReadingOpt = None,
    end_year: EndOpt = None,
    fmt: FormatOpt = Format.table,
    store: StoreOpt = None,
) -> None:
    """New jobs in the companies developing SMT, year by year (cumulative since 2020).

    Without options: the study's assumptions (+7 % companies a year, 42 employees per new
    company, +30 % headcount over 2021-2025), read from the graph.
    """
    from ..workforce import project as run_projection

    try:
        projection = run_projection(_scenario(store, _updates(cagr, employees, growth, reading, end_year), required=False))
    except SkillgraphError as exc:
        raise fail(exc) from exc
    if fmt is Format.json:
        typer.echo(json.dumps(projection.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    s = projection.scenario
    typer.echo(
        f"scenario: companies {s.companies_start:g} in {s.start_year}, +{s.cagr:.1%}/year; {s.employees_per_company:g} employees "
        f"per new company; headcount +{s.headcount_growth:.0%} over {s.growth_years} years ({s.growth_reading.value}"
        + (f", base {s.existing_headcount:g} people" if s.growth_reading.value.startswith("actual-headcount") else "")
        + f"); {s.job_types} job types"
    )
    headers = ["year", "companies", "new companies", "jobs: new companies", "jobs: headcount growth", "total", "per job type"]
    rows = [
        [r.year, f"{r.companies:.1f}", f"{r.new_companies:.1f}", f"{r.jobs_new_companies:.0f}", f"{r.jobs_growth:.0f}",
         f"{r.total:.0f}", f"{r.jobs_per_job_type:.1f}"]
        for r in projection.years
    ]
    typer.echo(table(headers, rows), nl=False)


@app.command()
def compare(
    cagr: CagrOpt = None,
    employees: EmployeesOpt = None,
    growth: GrowthOpt = None,
    reading: ReadingOpt = None,
    fmt: FormatOpt = Format.table,
    store: StoreOpt = None,
) -> None:
    """Each figure the study publishes against the projection, with the difference and why.

    Also ranks the readings of the headcount-growth assumption by how well they reproduce
    the study's series.
    """
    from ..settings import Settings
    from ..store import open_store
    from ..workforce import compare_with_study
    from ..workforce import project as run_projection

    try:
        scenario = _scenario(store, _updates(cagr, employees, growth, reading, None), required=True)
        graph = open_store(Settings(**({"store_dir": store} if store else {})).store_dir)
        comparison = compare_with_study(run_projection(scenario), graph)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    if fmt is Format.json:
        typer.echo(json.dumps(comparison.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    headers = ["#", "series", "year", "model", "printed", "study", "difference", "reproduced"]
    rows = [
        [i, r.series, r.year, f"{r.model:.3f}", f"{r.printed_model:g}", f"{r.study:g}", f"{r.difference:+.3f}", "yes" if r.reproduced else "NO"]
        for i, r in enumerate(comparison.rows, start=1)
    ]
    typer.echo(table(headers, rows))
    typer.echo("why:")
    for i, r in enumerate(comparison.rows, start=1):
        typer.echo(f"  {i}. {r.explanation}")
    typer.echo("\nreadings of '+30 % headcount in a same company between 2021 and 2025', best first:")
    hyp_rows = [
        [h.reading.value, f"{h.growth_reproduced}", f"{h.totals_reproduced}", f"{h.max_abs_difference:g}",
         " ".join(f"{v:.1f}" for v in h.values.values())]
        for h in comparison.hypotheses
    ]
    typer.echo(table(["reading", "growth ok", "totals ok", "max diff", "values"], hyp_rows))
    typer.echo(comparison.summary)
