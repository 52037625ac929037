"""The ``skillgraph`` command: build, validate, query, export, serve.

Errors are translated here, at the edge: ``error: …`` on standard error and exit code 1.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .commands._shared import fail, open_backend, push_if_remote
from .errors import SkillgraphError

__all__ = ["app"]

app = typer.Typer(
    name="skillgraph",
    help="Competency and training-gap knowledge graph for multi-technology health solutions (SMT).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[Path | None, typer.Option("--store", help="Store folder [env SKILLGRAPH_STORE_DIR].")]
DataOpt = Annotated[Path | None, typer.Option("--data", help="Data folder [default: shipped data].")]
OntologyOpt = Annotated[Path | None, typer.Option("--ontology", help="Ontology folder [default: shipped].")]


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"


class ExportFormat(str, Enum):
    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"
    rdfxml = "rdfxml"


class GraphChoice(str, Enum):
    all = "all"
    study = "study"
    inferred = "inferred"
    ontology = "ontology"
    meta = "meta"


def _settings(store: Path | None = None, data: Path | None = None, ontology: Path | None = None):  # type: ignore[no-untyped-def]
    from .settings import Settings

    overrides = {k: v for k, v in {"store_dir": store, "data_dir": data, "ontology_dir": ontology}.items() if v}
    return Settings(**overrides)




@app.command()
def build(store: StoreOpt = None, data: DataOpt = None, ontology: OntologyOpt = None) -> None:
    """Build the graph from the data into a new store release, and switch to it.

    On any error nothing changes: the release in service stays in service. With a remote
    store set (SKILLGRAPH_REMOTE_*), the checked release is then pushed there.
    """
    from .build import build as run_build
    from .store import GRAPHS

    settings = _settings(store, data, ontology)
    try:
        report = run_build(settings.ontology_path(), settings.data_path(), settings.store_dir)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    counts = ", ".join(f"{name} {count}" for name, count in report.triples.items())
    steps = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in report.timings.items())
    typer.echo(f"built {report.release} from {report.files} files: {counts} triples")
    typer.echo(f"in {report.total_seconds:.2f}s ({steps})")
    try:
        push_if_remote(settings, report.release, [g.value for g in GRAPHS.values()])
    except SkillgraphError as exc:
        raise fail(exc) from exc


@app.command()
def validate(data: DataOpt = None, ontology: OntologyOpt = None) -> None:
    """Check the data against the models, references, ontology rules and SHACL shapes, without writing."""
    from .build import check

    settings = _settings(None, data, ontology)
    try:
        checked = check(settings.ontology_path(), settings.data_path())
    except SkillgraphError as exc:
        raise fail(exc) from exc
    typer.echo(
        f"ok: {len(checked.files)} files, {len(checked.asserted)} asserted and {len(checked.inferred)} inferred triples conform"
    )


@app.command()
def query(
    sparql: Annotated[
        str, typer.Argument(help="SPARQL text, a .rq file, - for standard input, or with --named a query name.")
    ],
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    named: Annotated[bool, typer.Option("--named", "-n", help="Run the named query of the catalogue.")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for a named query.")] = None,
    store: StoreOpt = None,
) -> None:
    """Run a SPARQL query on the graph in service and print the answer."""
    from .query import format_table, run_query, serialize

    try:
        if named:
            text, substitutions = _named(sparql, param or [])
        else:
            text, substitutions = _read_query(sparql), None
        answer = run_query(open_backend(_settings(store)), text, substitutions=substitutions)  # type: ignore[arg-type]
        if output is OutputFormat.table:
            typer.echo(format_table(answer), nl=False)
        else:
            sys.stdout.buffer.write(serialize(answer, output.value))
            sys.stdout.buffer.flush()
    except SkillgraphError as exc:
        raise fail(exc) from exc


@app.command()
def load(
    file: Annotated[Path, typer.Argument(help="RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD).")],
    graph: Annotated[str, typer.Option("--graph", "-g", help="Named graph IRI to load it into (replaced).")],
    store: StoreOpt = None,
) -> None:
    """Load your own RDF next to the study graph, in a new release switched atomically.

    `skillgraph build` keeps graphs loaded this way.
    """
    from .store import load_into_new_release

    settings = _settings(store)
    try:
        release, count = load_into_new_release(settings.store_dir, file, graph)
        typer.echo(f"loaded {count} quads from {file} into <{graph}>; release {release.name}")
        push_if_remote(settings, release, [graph])
    except SkillgraphError as exc:
        raise fail(exc) from exc


@app.command()
def queries() -> None:
    """List the named queries of the catalogue with their parameters."""
    from .catalogue import load_catalogue
    from .resources import resource_dir

    try:
        catalogue = load_catalogue(resource_dir("api") / "queries")
    except SkillgraphError as exc:
        raise fail(exc) from exc
    for item in catalogue.values():
        typer.echo(f"{item.name}: {item.summary}")
        for p in item.params:
            extra = f" one of {', '.join(p.enum)}" if p.enum else ""
            typer.echo(f"    --param {p.name}=<{p.type}> (default {p.default}){extra}")


@app.command()
def export(
    output: Annotated[ExportFormat, typer.Option("--format", "-f", help="RDF syntax.")] = ExportFormat.turtle,
    graph: Annotated[GraphChoice, typer.Option("--graph", "-g", help="Which named graph.")] = GraphChoice.all,
    to: Annotated[Path | None, typer.Option("--output", "-o", help="File to write [default: stdout].")] = None,
    store: StoreOpt = None,
) -> None:
    """Write the graph in service as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML."""
    from .export import export_graph

    try:
        body = export_graph(open_backend(_settings(store)), graph.value, output.value)  # type: ignore[arg-type]
    except SkillgraphError as exc:
        raise fail(exc) from exc
    if to is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        to.write_bytes(body)
        typer.echo(f"wrote {len(body)} bytes to {to}", err=True)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on [default 127.0.0.1].")] = None,
    port: Annotated[int | None, typer.Option(help="Port [default 8000].")] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, max=64, help="API processes [env SKILLGRAPH_HTTP_WORKERS, default 1].")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Serve the SPARQL endpoint on http://HOST:PORT/sparql over the graph in service.

    With several workers, each API process opens the store read-only and has its own pool of
    query worker processes: WORKERS × (1 + SKILLGRAPH_QUERY_WORKERS) processes in all.
    """
    import os

    import uvicorn

    from .server import create_app
    from .server.logging_config import log_config
    from .server.transport import NoDelayHttpToolsProtocol

    settings = _settings(store)
    try:
        application = create_app(settings)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    count = workers or settings.http_workers
    # asyncio, not uvicorn's "auto" (uvloop when installed): the one loop the query pool is
    # tested on; uvloop measured no faster here (docs/architecture.md, "Serving").
    if count == 1:
        uvicorn.run(
            application, host=host or settings.host, port=port or settings.port,
            log_level="info", log_config=log_config(), http=NoDelayHttpToolsProtocol, loop="asyncio", access_log=False,
        )
        return
    # Each worker process builds its own application from the environment it inherits, so
    # the options given here must reach it there.
    os.environ["SKILLGRAPH_STORE_DIR"] = str(settings.store_dir.resolve())
    uvicorn.run(
        "skillgraph.server.app:create_app_from_env", factory=True, workers=count,
        host=host or settings.host, port=port or settings.port,
        log_level="info", log_config=log_config(), http=NoDelayHttpToolsProtocol, loop="asyncio", access_log=False,
    )


def _named(name: str, params: list[str]) -> tuple[str, dict]:  # type: ignore[type-arg]
    from .catalogue import load_catalogue
    from .errors import QueryError
    from .resources import resource_dir

    catalogue = load_catalogue(resource_dir("api") / "queries")
    if name not in catalogue:
        raise QueryError(f"no named query '{name}' (run 'skillgraph queries' for the list)")
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise QueryError(f"--param takes NAME=VALUE, got '{item}'")
        values[key.strip()] = value
    bound = catalogue[name].bind(values)
    return bound.text, bound.substitutions


def _register_subcommands() -> None:
    # Imported here so that `skillgraph --help` stays quick and each module stays optional-free.
    from .commands import align, analytics, profile, reference, report, workforce

    app.add_typer(reference.app, name="import", help="Import the ESCO / ROME 4.0 reference graphs (opt-in) into a new release.")
    app.add_typer(align.app, name="align", help="Rank ESCO / ROME candidates, check the curated alignment.")
    app.add_typer(analytics.app, name="analytics", help="Graph analytics: bridging skills, clusters, mobility.")
    app.add_typer(workforce.app, name="workforce", help="The study's workforce projection to 2025, and your scenarios.")
    app.add_typer(profile.app, name="profile", help="HR: a person's or a team's gaps and training recommendations.")
    app.add_typer(report.app, name="report", help="Coverage of programmes, matrix, benchmarks and HTML reports.")


def _read_query(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    if arg.endswith((".rq", ".sparql")) or (len(arg) < 4096 and "\n" not in arg and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            typer.echo(f"error: {arg}: {exc.strerror}", err=True)
            raise typer.Exit(1) from exc
    return arg


_register_subcommands()
