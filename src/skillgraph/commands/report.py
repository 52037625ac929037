"""``skillgraph report``: how training programmes cover job families.

    skillgraph report coverage --programme ID --family ID [--format table|json]
    skillgraph report matrix [--format json|csv|svg|png] [-o FILE]
    skillgraph report benchmark --programme ID [--family ID] [--topic ID] [--basis guaranteed|possible]
    skillgraph report training --programme ID | --programme-type TYPE [--family ID] [--lang fr|en] -o report.html

Errors print ``error: …`` on standard error and exit 1, as every skillgraph command.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import SkillgraphError
from ._shared import Lang, fail, open_release

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ..gaps.model import GapModel

__all__ = ["app"]

app = typer.Typer(
    name="report",
    help="Coverage of job families by training programmes: scores, matrix, heatmap, benchmark, HTML reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[Path | None, typer.Option("--store", help="Store folder [env SKILLGRAPH_STORE_DIR].")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="File to write [default: stdout].")]



class CoverageFormat(str, Enum):
    table = "table"
    json = "json"


class MatrixFormat(str, Enum):
    json = "json"
    csv = "csv"
    svg = "svg"
    png = "png"


class Scope(str, Enum):
    all = "all"
    preparing = "preparing"


class Basis(str, Enum):
    guaranteed = "guaranteed"
    possible = "possible"


LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of labels and texts.")]



def _open(store: Path | None) -> tuple[ox.Store, GapModel]:
    """The store in service and its gap model."""
    from ..gaps.model import load_model

    opened = open_release(store)
    return opened, load_model(opened)


def _write(body: bytes, to: Path | None) -> None:
    if to is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    try:
        to.write_bytes(body)
    except OSError as exc:
        raise fail(SkillgraphError(f"{to}: {exc.strerror}")) from exc
    typer.echo(f"wrote {len(body)} bytes to {to}", err=True)


def _pct(value: float) -> str:
    return f"{value * 100:5.1f} %"


@app.command()
def coverage(
    programme: Annotated[str, typer.Option("--programme", "-p", help="Programme identifier.")],
    family: Annotated[str, typer.Option("--family", "-f", help="Job family identifier.")],
    output: Annotated[CoverageFormat, typer.Option("--format", help="table or json.")] = CoverageFormat.table,
    lang: LangOpt = Lang.fr,
    store: StoreOpt = None,
) -> None:
    """Score a programme against a job family: overall, by phase and by kind, guaranteed vs possible,
    and every requirement with its status, source lines and covering modules."""
    from ..gaps.coverage import coverage as run_coverage
    from ..gaps.matrix import resolve_family, resolve_programme
    from ..report.answers import coverage_answer

    try:
        _, model = _open(store)
        report = run_coverage(model, resolve_programme(model, programme), resolve_family(model, family))
    except SkillgraphError as exc:
        raise fail(exc) from exc
    answer = coverage_answer(model, report, lang.value)
    if output is CoverageFormat.json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    typer.echo(f"{answer.programme_label} ({answer.programme}) — {answer.family_label} ({answer.family})")
    if not answer.prepares:
        typer.echo("note: the study does not say this programme prepares for this family")
    typer.echo(f"{'':28} {'guaranteed':>10} {'possible':>10} {'weight':>7}")
    rows = [("overall", answer.overall)] + [(f"phase {k}", v) for k, v in answer.by_phase.items()]
    rows += [(f"kind {k}", v) for k, v in answer.by_kind.items()]
    for name, score in rows:
        typer.echo(f"{name:28} {_pct(score.guaranteed):>10} {_pct(score.possible):>10} {score.weight:>7}")
    if answer.chosen_options:
        typer.echo(f"best choice of options: {', '.join(answer.chosen_options)}")
    typer.echo("")
    typer.echo(f"{'status':12} {'imp':>3} {'lines':>11}  skill  [covered by]")
    for r in answer.requirements:
        by = ", ".join(f"{t.module} ({t.availability} {t.share:.0%})" for t in r.covered_by)
        lines = f"{r.lines[0]}-{r.lines[1]}"
        typer.echo(f"{r.status:12} {r.importance:>3} {lines:>11}  {r.skill_label}" + (f"  [{by}]" if by else ""))


@app.command()
def matrix(
    output: Annotated[MatrixFormat, typer.Option("--format", help="json, csv, svg or png.")] = MatrixFormat.json,
    to: OutputOpt = None,
    scope: Annotated[Scope, typer.Option("--scope", help="all pairs, or only programmes preparing for each family.")] = Scope.all,
    programme_type: Annotated[list[str] | None, typer.Option("--programme-type", "-t", help="Only this programme type (repeatable).")] = None,
    value: Annotated[Basis, typer.Option("--value", help="Ratio the heatmap colours (svg/png).")] = Basis.guaranteed,
    lang: LangOpt = Lang.fr,
    store: StoreOpt = None,
) -> None:
    """The coverage matrix job families × programmes, as JSON, CSV or a heatmap picture (SVG, PNG)."""
    from ..gaps.matrix import coverage_matrix, heatmap

    try:
        _, model = _open(store)
        built = coverage_matrix(model, scope.value, programme_types=programme_type or None)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    if output is MatrixFormat.json:
        body = (built.to_json(lang.value) + "\n").encode("utf-8")
    elif output is MatrixFormat.csv:
        body = built.to_csv(lang.value).encode("utf-8")
    else:
        if to is None and output is MatrixFormat.png and sys.stdout.isatty():
            raise fail(SkillgraphError("a PNG is not for a terminal: give -o FILE"))
        body = heatmap(built, output.value, lang.value, value=value.value)
    _write(body, to)


@app.command()
def benchmark(
    programme: Annotated[str, typer.Option("--programme", "-p", help="Programme identifier.")],
    family: Annotated[str | None, typer.Option("--family", "-f", help="Job family [default: the one it prepares for].")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only topics at or under this one (e.g. regulation).")] = None,
    basis: Annotated[Basis, typer.Option("--basis", help="Count mandatory modules only, or the best choice of options.")] = Basis.guaranteed,
    output: Annotated[CoverageFormat, typer.Option("--format", help="table or json.")] = CoverageFormat.table,
    lang: LangOpt = Lang.fr,
    store: StoreOpt = None,
) -> None:
    """Benchmark a programme against the programmes of its type preparing for the same family:
    score rank and topic coverage against the best and the median."""
    from ..gaps.benchmark import benchmark as run_benchmark
    from ..report.answers import benchmark_answer

    try:
        _, model = _open(store)
        result = run_benchmark(model, programme, family, subtree=topic, basis=basis.value)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    answer = benchmark_answer(model, result, lang.value)
    if output is CoverageFormat.json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    typer.echo(result.sentence(lang.value))
    typer.echo("")
    typer.echo(f"{'rank g':>6} {'rank p':>6} {'guaranteed':>10} {'possible':>10} {'topics':>7}  programme")
    for p in answer.peers:
        mark = "*" if p.programme == answer.programme else " "
        topics = f"{len(p.covered_topics)}/{answer.topics_total}"
        typer.echo(f"{p.rank_guaranteed:>6} {p.rank_possible:>6} {_pct(p.guaranteed):>10} {_pct(p.possible):>10} "
                   f"{topics:>7} {mark}{p.label} ({', '.join(p.providers)})")


@app.command()
def training(
    programme: Annotated[str | None, typer.Option("--programme", "-p", help="Programme identifier.")] = None,
    programme_type: Annotated[str | None, typer.Option("--programme-type", "-t", help="Every programme of this type (e.g. master2).")] = None,
    family: Annotated[str | None, typer.Option("--family", "-f", help="Only this job family.")] = None,
    lang: LangOpt = Lang.fr,
    to: OutputOpt = None,
    store: StoreOpt = None,
) -> None:
    """Write the HTML report for a training body: one programme, or every programme of a type.

    Self-contained (inline CSS and SVG charts, no external link), French by default."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..report import report_pairs, training_report

    try:
        opened, model = _open(store)
        pairs = report_pairs(model, programme, programme_type, family)
        if len(pairs) > 1:
            columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn())
            with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
                task = bar.add_task("report", total=len(pairs))

                def advance(done: int, total: int, label: str) -> None:
                    bar.update(task, completed=done, description=label[:40])

                html = training_report(model, programme, programme_type, family, lang.value, store=opened,
                                       progress=advance)
        else:
            html = training_report(model, programme, programme_type, family, lang.value, store=opened)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    _write(html.encode("utf-8"), to)
