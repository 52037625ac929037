"""Validation of the built graph: SHACL Core shapes (pyshacl) and SPARQL checks (Oxigraph).

Each result is traced back to the data file and line its focus node came from.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Namespace, URIRef

from .errors import Violation
from .mapper import Origins
from .ontology import Rule
from .rdfterms import to_oxigraph

__all__ = ["run_checks", "validate"]

_SH = Namespace("http://www.w3.org/ns/shacl#")
_HEADER = re.compile(r"^#\s*(\w+):\s*(.+)$", re.M)


def validate(graph: Graph, shapes: Graph, checks: tuple[Rule, ...], origins: Origins) -> list[Violation]:
    """Validate ``graph`` (already closed under the ontology); return every violation."""
    violations = _shacl(graph, shapes, origins) + run_checks(graph, checks, origins)
    return sorted(violations, key=lambda v: (v.origin or "", v.focus, v.path or "", v.message))


def _shacl(graph: Graph, shapes: Graph, origins: Origins) -> list[Violation]:
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True)
    if conforms:
        return []
    violations = []
    for result in report.subjects(_SH.resultSeverity, None):
        focus = report.value(result, _SH.focusNode)
        path = report.value(result, _SH.resultPath)
        value = report.value(result, _SH.value)
        message = report.value(result, _SH.resultMessage)
        violations.append(
            Violation(
                focus=_show(focus),
                path=_show(path) if isinstance(path, URIRef) else None,
                value=_show(value) if value is not None else None,
                message=str(message) if message is not None else "constraint violated",
                severity=str(report.value(result, _SH.resultSeverity)).rsplit("#", 1)[-1],
                origin=_origin(focus, origins),
            )
        )
    return violations


def run_checks(graph: Graph, checks: tuple[Rule, ...], origins: Origins) -> list[Violation]:
    """Run each SPARQL check (a SELECT of ``?this ?value``); each row is a violation."""
    if not checks:
        return []
    store = ox.Store()
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple)) for triple in graph)
    violations = []
    for check in checks:
        header = dict(_HEADER.findall(check.text))
        for row in store.query(check.text):
            focus = URIRef(row["this"].value)
            value = row["value"]
            violations.append(
                Violation(
                    focus=_show(focus),
                    path=_show(header["path"]) if "path" in header else None,
                    value=_show(value.value) if value is not None else None,
                    message=header.get("message", check.name),
                    severity="Violation",
                    origin=_origin(focus, origins),
                )
            )
    return violations


def _origin(focus: object, origins: Origins) -> str | None:
    # A nested node without an entry of its own (a citation...) is traced through its IRI.
    if not isinstance(focus, URIRef):
        return None
    text = str(focus)
    while "/" in text:
        if URIRef(text) in origins:
            return origins[URIRef(text)]
        text = text.rpartition("/")[0]
    return None


def _show(term: object) -> str:
    text = str(term)
    for prefix, ns in (("sg:", "https://w3id.org/skillgraph/ontology#"), ("id:", "https://w3id.org/skillgraph/id/")):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text
