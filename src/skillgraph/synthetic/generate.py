"""A deterministic synthetic graph of the study's shape, several times larger.

The study graph is copied ``multiple - 1`` times: every node of the study's own namespace
(job families, jobs, requirements, skills, topics, programmes, modules, choices, providers,
alignments…) gets a new IRI per copy (``…/skill/quality--s3``), while the shared vocabulary —
the ontology, the five phases, the sources and the reference graphs' IRIs — stays one node.
Each copy is therefore a study graph of the same shape (requirements by phase and kind,
programmes with core modules and exclusive choices, a topic hierarchy), and copy 0 is the
study itself, untouched: a named query asked about the study's identifiers gives the same
answer on the synthetic graph, only among more data.

So that the copies are not isolated islands, a seeded generator adds, in each copy after the
first, links to the previous copy: programmes also preparing for a family of the previous
copy, modules also covering one of its topics. The same ``seed`` and ``multiple`` always give
the same quads. Everything generated lives in one named graph, `SYNTHETIC_GRAPH`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pyoxigraph as ox

from ..errors import StoreError
from ..store import GRAPHS

__all__ = ["COPY_MARK", "SYNTHETIC_GRAPH", "synthesize"]

#: The named graph holding every generated quad.
SYNTHETIC_GRAPH = ox.NamedNode("https://w3id.org/skillgraph/graph/synthetic")
#: What separates a node's identifier from its copy number: ``quality--s3``.
COPY_MARK = "--s"

_ID = "https://w3id.org/skillgraph/id/"
_SG = "https://w3id.org/skillgraph/ontology#"
# Kinds of node shared by every copy: the phases of SMT development and the provenance.
_SHARED_KINDS = frozenset({"phase", "source", "dataset", "data-file"})
_PREPARES_FOR = ox.NamedNode(_SG + "preparesFor")
_COVERS_TOPIC = ox.NamedNode(_SG + "coversTopic")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LINK_SHARE = 0.2  # share of programmes / modules of a copy linked to the previous copy


def _copied(term: ox.NamedNode, copy: int) -> ox.NamedNode:
    value = term.value
    if copy == 0 or not value.startswith(_ID):
        return term
    kind = value[len(_ID) :].split("/", 1)[0]
    if kind in _SHARED_KINDS:
        return term
    return ox.NamedNode(f"{value}{COPY_MARK}{copy}")


def _term(term: object, copy: int) -> object:
    if isinstance(term, ox.NamedNode):
        return _copied(term, copy)
    if isinstance(term, ox.BlankNode):
        # Blank nodes are local to a copy: one new blank node per copy and original.
        return ox.BlankNode(f"{term.value}c{copy}")
    return term


def _instances(source: ox.Store, cls: str) -> list[ox.NamedNode]:
    found = {
        q.subject
        for q in source.quads_for_pattern(None, _TYPE, ox.NamedNode(_SG + cls))
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(_ID)
    }
    return sorted(found, key=lambda n: n.value)


def synthesize(source: ox.Store, multiple: int, seed: int = 0) -> Iterator[ox.Quad]:
    """The quads of copies 1 … ``multiple - 1`` of the study and inferred graphs of ``source``,
    plus the seeded links between consecutive copies, all in `SYNTHETIC_GRAPH`.

    ``multiple`` 1 yields nothing (the study alone). Raises `StoreError` when ``source`` holds
    no study graph.
    """
    if multiple < 1:
        raise StoreError(f"the synthetic multiple must be 1 or more, got {multiple}")
    originals = [
        q for name in ("study", "inferred") for q in source.quads_for_pattern(None, None, None, GRAPHS[name])
    ]
    if not originals:
        raise StoreError("the store holds no study graph to copy (run 'skillgraph build' first)")
    programmes = _instances(source, "Programme")
    families = _instances(source, "JobFamily")
    modules = _instances(source, "Module")
    topics = _instances(source, "Topic")
    rng = random.Random(seed)
    for copy in range(1, multiple):
        for quad in originals:
            subject, obj = _term(quad.subject, copy), _term(quad.object, copy)
            # A fact about shared nodes only is already in the study graph: the union default
            # graph would see it twice.
            if subject != quad.subject or obj != quad.object:
                yield ox.Quad(subject, quad.predicate, obj, SYNTHETIC_GRAPH)  # type: ignore[arg-type]
        if copy < 2:
            continue  # copy 1 links to nothing: copy 0 is the study, kept as it is
        for programme in rng.sample(programmes, max(1, int(len(programmes) * _LINK_SHARE))):
            family = rng.choice(families)
            yield ox.Quad(_copied(programme, copy), _PREPARES_FOR, _copied(family, copy - 1), SYNTHETIC_GRAPH)
        for module in rng.sample(modules, max(1, int(len(modules) * _LINK_SHARE))):
            topic = rng.choice(topics)
            yield ox.Quad(_copied(module, copy), _COVERS_TOPIC, _copied(topic, copy - 1), SYNTHETIC_GRAPH)
