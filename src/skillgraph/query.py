"""Run SPARQL on the store and write the answer in the formats people and tools expect."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from .errors import QueryError
from .sparql_text import has_dataset_clause

__all__ = ["RESULT_FORMATS", "GRAPH_FORMATS", "Answer", "format_table", "run_query", "serialize"]

#: Media types of SELECT/ASK results, by short name.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: RDF syntaxes of CONSTRUCT/DESCRIBE results and exports, by short name.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass
class Answer:
    """The outcome of one query: solutions, a boolean, or triples."""

    kind: Literal["select", "ask", "graph"]
    value: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def run_query(
    store: ox.Store,
    text: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    base_iri: str | None = None,
) -> Answer:
    """Evaluate ``text``; the default graph is the union of all graphs unless the protocol
    (``default_graphs``) or the query (FROM) names it.

    ``substitutions`` bind variables to typed terms before evaluation (named-query parameters);
    relative IRIs resolve against ``base_iri`` (the endpoint's URL, for the HTTP protocol).
    """
    options: dict[str, object] = {}
    if base_iri:
        options["base_iri"] = base_iri
    if substitutions:
        options["substitutions"] = substitutions
    if default_graphs or named_graphs:
        # The protocol's dataset replaces the service's and the query's FROM entirely: no
        # default-graph-uri means an empty default graph, no named-graph-uri no named graphs.
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]
    elif not has_dataset_clause(text):
        options["use_default_graph_as_union"] = True
    try:
        result = store.query(text, **options)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise QueryError(str(exc)) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QuerySolutions):
        return Answer("select", result)
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", result)
    return Answer("graph", result)


def serialize(answer: Answer, fmt: str) -> bytes:
    """Serialise an answer; SELECT/ASK take a result format, CONSTRUCT/DESCRIBE an RDF one."""
    try:
        if answer.kind == "graph":
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a graph result cannot be written as '{fmt}' (use one of {sorted(GRAPH_FORMATS)})")
            return ox.serialize(answer.value, format=GRAPH_FORMATS[fmt]) or b""  # type: ignore[arg-type]
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a {answer.kind.upper()} result cannot be written as '{fmt}' (use one of {sorted(RESULT_FORMATS)})")
        return answer.value.serialize(format=RESULT_FORMATS[fmt]) or b""  # type: ignore[union-attr]
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc


def format_table(answer: Answer, max_width: int = 60) -> str:
    """A plain-text table for the terminal (graph results are written as Turtle)."""
    if answer.kind == "ask":
        return "true" if bool(answer.value) else "false"
    if answer.kind == "graph":
        return serialize(answer, "turtle").decode("utf-8")
    solutions = answer.value
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    rows = [[_cell(row[name], max_width) for name in names] for row in solutions]  # type: ignore[union-attr]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    out = io.StringIO()
    out.write(" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n")
    out.write("-+-".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


_SHORT = {
    "https://w3id.org/skillgraph/id/": "id:",
    "https://w3id.org/skillgraph/ontology#": "sg:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
}


def _cell(term: object, max_width: int) -> str:
    if term is None:
        return ""
    text = term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else str(term)
    if isinstance(term, ox.NamedNode):
        text = next((short + text[len(ns):] for ns, short in _SHORT.items() if text.startswith(ns)), text)
    if isinstance(term, ox.Literal) and term.language:
        text = f"{text} @{term.language}"
    text = " ".join(text.split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"
