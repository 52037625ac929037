"""The ontology, the SHACL shapes and the build rules, read once and checked up front."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import OntologyError

__all__ = ["Rule", "Schema", "load_schema"]


@dataclass(frozen=True)
class Rule:
    """A SPARQL Update (``INSERT … WHERE``) the build runs to a fixpoint."""

    name: str
    path: Path
    text: str


@dataclass(frozen=True)
class Schema:
    ontology: Graph
    shapes: Graph
    rules: tuple[Rule, ...]
    checks: tuple[Rule, ...]


def load_schema(ontology_dir: Path) -> Schema:
    """Parse the ontology, shapes, rules and checks; an error names the file at fault."""
    ontology = _parse(ontology_dir / "skillgraph.ttl")
    # Further vocabularies (e.g. reference.ttl for the ESCO / ROME graphs) join the ontology.
    for path in sorted(ontology_dir.glob("*.ttl")):
        if path.name not in {"skillgraph.ttl", "shapes.ttl"}:
            ontology += _parse(path)
    return Schema(
        ontology=ontology,
        shapes=_parse(ontology_dir / "shapes.ttl"),
        rules=tuple(_sparql(path, update=True) for path in sorted((ontology_dir / "rules").glob("*.ru"))),
        checks=tuple(_sparql(path, update=False) for path in sorted((ontology_dir / "checks").glob("*.rq"))),
    )


def _sparql(path: Path, *, update: bool) -> Rule:
    text = path.read_text(encoding="utf-8")
    try:
        # Parsing needs an evaluation in pyoxigraph; on an empty store it is instant and harmless.
        (ox.Store().update if update else ox.Store().query)(text)
    except SyntaxError as exc:
        raise OntologyError(f"{path}: {exc}") from exc
    return Rule(path.stem, path, text)


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise OntologyError(f"{path}: file not found") from exc
    except BadSyntax as exc:
        raise OntologyError(f"{path}: {exc}") from exc
    return graph
