"""``skillgraph import esco|rome|crosswalk|all``: load the ESCO / ROME 4.0 reference graphs.

Registered by the main command as ``skillgraph import``. Each sub-command reads the official
CSV files (``--from DIR``, by default the checkout's ``reference/`` folder; a wheel does not
carry them), writes a new store release holding the study graphs plus the imported graphs,
and switches to it. Errors print ``error: …`` and exit 1; the release in service stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import SkillgraphError
from ._shared import fail, push_if_remote

__all__ = ["app"]

app = typer.Typer(
    help="Import the reference graphs (ESCO v1.1.1, ROME 4.0 v4.60, ESCO–ROME crosswalk) into a new store release.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

FromOpt = Annotated[
    Path | None,
    typer.Option("--from", help="Folder of the reference CSV files (.csv.xz, .csv.gz or .csv) [default: the checkout's reference/]."),
]
StoreOpt = Annotated[Path | None, typer.Option("--store", help="Store folder [env SKILLGRAPH_STORE_DIR].")]


def _run(parts: tuple[str, ...], source: Path | None, store: Path | None) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    from ..reference import GRAPHS, import_reference
    from ..settings import Settings

    settings = Settings(**({"store_dir": store} if store else {}))
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task("reading", total=None)

            def progress(done: int, total: int, what: str) -> None:
                bar.update(task, completed=done, total=total, description=what)

            report = import_reference(settings.store_dir, source, parts, progress=progress)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    try:
        push_if_remote(settings, report.release, [GRAPHS[p] for p in parts])
    except SkillgraphError as exc:
        raise fail(exc) from exc
    for part, count in report.quads.items():
        typer.echo(f"{part}: {count:,} quads in <{GRAPHS[part]}>")
    rows = sum(report.rows.values())
    steps = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in report.timings.items())
    typer.echo(f"release {report.release.name}: {rows:,} records from {len(report.rows)} files")
    typer.echo(f"in {report.total_seconds:.1f}s ({steps})")


@app.command()
def esco(source: FromOpt = None, store: StoreOpt = None) -> None:
    """ESCO v1.1.1: occupations, skills, essential/optional relations, hierarchies, ISCO and skill groups."""
    _run(("esco",), source, store)


@app.command()
def rome(source: FromOpt = None, store: StoreOpt = None) -> None:
    """ROME 4.0 v4.60: fiches, appellations, compétences (cœur de métier), savoirs, tree, mobilities."""
    _run(("rome",), source, store)


@app.command()
def crosswalk(source: FromOpt = None, store: StoreOpt = None) -> None:
    """The official ESCO–ROME mapping: ESCO occupation skos:*Match ROME appellation."""
    _run(("crosswalk",), source, store)


@app.command(name="all")
def all_(source: FromOpt = None, store: StoreOpt = None) -> None:
    """ESCO, ROME and the crosswalk, in one new release."""
    _run(("esco", "rome", "crosswalk"), source, store)
