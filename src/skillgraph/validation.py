"""Validation of the built graph: SHACL Core shapes (pyshacl) and SPARQL checks (Oxigraph).

Each result is traced back to the data file and line its focus node came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox
import pyshacl
from rdflib import OWL, RDF, RDFS, BNode, Graph, Namespace, URIRef

from .errors import Violation
from .forked import can_fork, run_halves, spare_core
from .mapper import Origins
from .ontology import Rule
from .rdfterms import to_oxigraph

__all__ = ["run_checks", "shapes_view", "validate"]

_SH = Namespace("http://www.w3.org/ns/shacl#")
_HEADER = re.compile(r"^#\s*(\w+):\s*(.+)$", re.M)
# Constraints that read predicates no shape names (closed shapes, SPARQL, JavaScript, rules):
# with any of them the shapes must see the whole graph.
_TARGETS = (_SH.targetClass, _SH.targetNode, _SH.targetSubjectsOf, _SH.targetObjectsOf)
_NESTING = {_SH['or'], _SH['and'], _SH['not'], _SH.xone, _SH.node, _SH.qualifiedValueShape}
_OPEN_ENDED = {_SH.closed, _SH.sparql, _SH.select, _SH.ask, _SH.js, _SH.rule, _SH.target, _SH.parameter}


def validate(
    parts: Sequence[Graph], shapes: Graph, checks: tuple[Rule, ...], origins: Origins, store: ox.Store | None = None
) -> list[Violation]:
    """Validate the union of ``parts`` (already closed under the ontology); return every violation.

    ``store``, when given, holds the same triples in Oxigraph for the SPARQL checks.
    """
    view = shapes_view(parts, shapes)
    halves = _halves(view, shapes)
    if halves is None or not spare_core():
        violations = _shacl(view, shapes, origins)
    else:
        # pyshacl is most of a build's time, and each shape is checked on its own: two cores, two halves.
        violations = run_halves(lambda use: _shacl(view, shapes, origins, use), *halves)
    if store is None:
        store = ox.Store()
        store.extend(ox.Quad(*(to_oxigraph(t) for t in triple)) for part in parts for triple in part)
    violations += _checks(store, checks, origins)
    return sorted(violations, key=lambda v: (v.origin or "", v.focus, v.path or "", v.message))


def shapes_view(parts: Sequence[Graph], shapes: Graph) -> Graph:
    """The triples of ``parts`` that SHACL Core ``shapes`` can read: those of the predicates they name.

    A Core shape reaches data only through its paths, its targets and ``sh:class``
    (``rdf:type`` / ``rdfs:subClassOf``), so the view gives the same results on a graph
    smaller and quicker to build than the union.
    """
    vocabulary: set[URIRef] | None = None
    if not any((None, predicate, None) in shapes for predicate in _OPEN_ENDED):
        vocabulary = {term for triple in shapes for term in triple if isinstance(term, URIRef)} | {RDF.type, RDFS.subClassOf}
    view = Graph()
    for part in parts:
        for triple in part:
            if vocabulary is None or triple[1] in vocabulary:
                view.add(triple)
    return view


def _halves(view: Graph, shapes: Graph) -> tuple[list[str], list[str]] | None:
    """The shapes with targets in two groups of about equal work, or None when they cannot be split.

    pyshacl validates only the shapes that have targets, each on its own, so the two groups
    together report what one run reports. A shape pyshacl could not be told to run by name
    (a blank node, an implicit class target, a SPARQL target) keeps the run whole.
    """
    if not can_fork() or (None, _SH.target, None) in shapes:
        return None
    work: dict[URIRef, int] = {}
    for predicate in _TARGETS:
        for shape, target in shapes.subject_objects(predicate):
            if not isinstance(shape, URIRef):
                return None
            focus = sum(1 for _ in view.subjects(RDF.type, target)) if predicate == _SH.targetClass else 1
            work[shape] = work.get(shape, 0) + focus * _size(shapes, shape)
    for kind in (_SH.NodeShape, _SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
                return None
    if len(work) < 2:
        return None
    halves: tuple[list[str], list[str]] = ([], [])
    loads = [0, 0]
    for shape in sorted(work, key=lambda s: (-work[s], str(s))):
        lighter = loads.index(min(loads))
        halves[lighter].append(str(shape))
        loads[lighter] += work[shape]
    return halves


def _size(shapes: Graph, shape: URIRef) -> int:
    """The work per focus node of ``shape``: the triples describing it, through its blank nodes.

    A nested shape (sh:or, sh:xone, sh:qualifiedValueShape…) is validated anew on each value
    node; measured on the shipped shapes, one costs about as much as forty constraint triples.
    """
    seen, todo, size = set(), [shape], 0
    while todo:
        node = todo.pop()
        for predicate, obj in shapes.predicate_objects(node):
            size += 41 if predicate in _NESTING else 1
            if isinstance(obj, BNode) and obj not in seen:
                seen.add(obj)
                todo.append(obj)
    return size


def _shacl(graph: Graph, shapes: Graph, origins: Origins, use_shapes: list[str] | None = None) -> list[Violation]:
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True, use_shapes=use_shapes
    )
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
    """Run each SPARQL check (a SELECT of ``?this ?value``) on ``graph``; each row is a violation."""
    if not checks:
        return []
    store = ox.Store()
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple)) for triple in graph)
    return _checks(store, checks, origins)


def _checks(store: ox.Store, checks: tuple[Rule, ...], origins: Origins) -> list[Violation]:
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
