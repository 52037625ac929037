"""Build the graph: data -> RDF -> rules -> OWL-RL closure -> SHACL -> new store release."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from .errors import StoreError, ValidationFailed
from .loader import LoadedFile, load_data
from .mapper import map_data
from .ontology import load_schema
from .reasoning import Closure, close, oxigraph_triples
from .store import GRAPHS, Release, current_release, publish, release_lock
from .validation import validate

__all__ = ["BuildReport", "CheckedGraph", "build", "check"]

_VOID = Namespace("http://rdfs.org/ns/void#")
_DCT = Namespace("http://purl.org/dc/terms/")
_PROV = Namespace("http://www.w3.org/ns/prov#")
_DATASET = URIRef("https://w3id.org/skillgraph/id/dataset")


@dataclass
class CheckedGraph:
    """A graph that passed every check, ready to be written."""

    ontology: Graph
    asserted: Graph
    inferred: Graph
    files: list[LoadedFile]
    #: The same three graphs in Oxigraph's terms, written to the store as they are.
    closure: Closure
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildReport:
    release: Path
    triples: dict[str, int]
    files: int
    timings: dict[str, float]

    @property
    def total_seconds(self) -> float:
        return sum(self.timings.values())


def check(ontology_dir: Path, data_dir: Path) -> CheckedGraph:
    """Load, map, reason and validate; raise on the first kind of error met."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    schema = load_schema(ontology_dir)
    files = load_data(data_dir)
    asserted, origins = map_data(files)
    timings["load"] = time.perf_counter() - started

    started = time.perf_counter()
    closure = close(schema.ontology, asserted, schema.rules)
    timings["reason"] = time.perf_counter() - started

    started = time.perf_counter()
    closed = ox.Store()
    closed.extend(ox.Quad(*triple) for triple in (*closure.data_triples, *closure.inferred_triples))
    violations = validate((asserted, closure.inferred), schema.shapes, schema.checks, origins, store=closed)
    timings["validate"] = time.perf_counter() - started
    if violations:
        raise ValidationFailed(violations)
    return CheckedGraph(schema.ontology, asserted, closure.inferred, files, closure, timings)


def build(ontology_dir: Path, data_dir: Path, store_dir: Path) -> BuildReport:
    """Check everything, then write a new release and switch to it; on error nothing changes."""
    checked = check(ontology_dir, data_dir)
    started = time.perf_counter()
    with release_lock(store_dir):
        release = _new_release(store_dir)
        try:
            counts = _write(release.store, checked)
        except BaseException:
            release.discard()
            raise
        path = publish(release)
    checked.timings["store"] = time.perf_counter() - started
    return BuildReport(path, counts, len(checked.files), checked.timings)


def _new_release(root: Path) -> Release:
    """A release to write the study graphs into, keeping the graphs others loaded there.

    Graphs loaded with ``skillgraph load`` or ``skillgraph import`` (ESCO, ROME: over a
    million quads) are kept by starting from a copy of the release in service — a file-level
    backup, fast — and replacing only the build's own graphs.
    """
    try:
        previous = current_release(root)
    except StoreError:
        return Release(root)
    if not _holds_other_graphs(previous):
        # Nothing to keep: an empty release is quicker than a copy whose graphs are then cleared.
        return Release(root)
    release = Release(root, copy_of=previous)
    for graph in GRAPHS.values():
        release.store.clear_graph(graph)
    return release


def _holds_other_graphs(release: Path) -> bool:
    """Whether the release has triples outside the build's own graphs (reference graphs, a default graph)."""
    store = ox.Store.read_only(str(release))
    ours = set(GRAPHS.values())
    if any(graph not in ours for graph in store.named_graphs()):
        return True
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def _write(store: ox.Store, checked: CheckedGraph) -> dict[str, int]:
    parts = {"ontology": checked.ontology, "study": checked.asserted, "inferred": checked.inferred}
    counts = {name: len(graph) for name, graph in parts.items()}
    meta = _describe(checked, counts)
    counts["meta"] = len(meta)
    closure = checked.closure
    triples = {
        "ontology": closure.ontology_triples,
        "study": closure.data_triples,
        "inferred": closure.inferred_triples,
        "meta": oxigraph_triples(meta, {}),
    }
    # Terms go straight to the store: no N-Triples text written and parsed again.
    store.bulk_extend(ox.Quad(*triple, GRAPHS[name]) for name, part in triples.items() for triple in part)
    return counts


def _describe(checked: CheckedGraph, counts: dict[str, int]) -> Graph:
    """VoID and PROV description of the release: what it holds and what it was built from."""
    meta = Graph()
    meta.add((_DATASET, RDF.type, _VOID.Dataset))
    meta.add((_DATASET, _DCT.title, Literal("skillgraph — compétences et formations pour les SMT", lang="fr")))
    meta.add((_DATASET, _DCT.title, Literal("skillgraph — skills and training for multi-technology health solutions", lang="en")))
    meta.add((_DATASET, _DCT.license, URIRef("https://opensource.org/licenses/MIT")))
    meta.add((_DATASET, _DCT.source, URIRef("https://w3id.org/skillgraph/id/source/aec-2020")))
    meta.add((_DATASET, _DCT.created, Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    meta.add((_DATASET, _VOID.triples, Literal(sum(counts.values()))))
    # Counted over the three graphs without merging them (a merge costs more than the build's store step).
    graphs = (checked.ontology, checked.asserted, checked.inferred)
    classes = set().union(*(graph.objects(None, RDF.type) for graph in graphs))
    properties = set().union(*(graph.predicates() for graph in graphs))
    subjects = set().union(*(graph.subjects() for graph in graphs))
    meta.add((_DATASET, _VOID.classes, Literal(len(classes))))
    meta.add((_DATASET, _VOID.properties, Literal(len(properties))))
    meta.add((_DATASET, _VOID.distinctSubjects, Literal(len(subjects))))
    for name, count in counts.items():
        part = URIRef(f"https://w3id.org/skillgraph/id/dataset/{name}")
        meta.add((_DATASET, _VOID.subset, part))
        meta.add((part, RDF.type, _VOID.Dataset))
        meta.add((part, _VOID.triples, Literal(count)))
        meta.add((part, _VOID.sparqlGraphEndpoint, URIRef(GRAPHS[name].value)))
    for loaded in checked.files:
        entity = URIRef(f"https://w3id.org/skillgraph/id/data-file/{loaded.relpath}")
        meta.add((_DATASET, _PROV.wasDerivedFrom, entity))
        meta.add((entity, RDF.type, _PROV.Entity))
        meta.add((entity, _DCT.identifier, Literal(loaded.relpath)))
        meta.add((entity, _DCT.hasVersion, Literal("sha256:" + hashlib.sha256(loaded.path.read_bytes()).hexdigest())))
    return meta
