"""Materialise what the ontology entails, and the build's domain rules.

The rules are SPARQL Update files in ``ontology/rules/`` (``owlrl-*`` implement the
OWL 2 RL rules the ontology relies on; ``domain-*`` apply study facts stated once), run
in an in-memory Oxigraph store until nothing new is inferred. owlrl, the reference
OWL 2 RL reasoner in Python, computes the same entailments ~20× slower; a test checks
that both agree on the shipped data, so a construct added to the ontology that these
rules miss is caught.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from .ontology import Rule
from .rdfterms import to_oxigraph, to_rdflib

__all__ = ["Closure", "close", "entail", "oxigraph_triples"]

_MAX_ROUNDS = 20


@dataclass(frozen=True)
class Closure:
    """What the rules entail, in both libraries' terms (SHACL reads rdflib, the store Oxigraph)."""

    inferred: Graph
    inferred_triples: list[ox.Triple]
    ontology_triples: list[ox.Triple]
    data_triples: list[ox.Triple]


def entail(ontology: Graph, data: Graph, rules: tuple[Rule, ...]) -> Graph:
    """Return the triples entailed by ``ontology`` + ``data`` under ``rules`` (IRI subjects only)."""
    return close(ontology, data, rules).inferred


def close(ontology: Graph, data: Graph, rules: tuple[Rule, ...]) -> Closure:
    """Entail as `entail` does, and keep the Oxigraph triples so no caller converts them again."""
    memo: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
    ontology_triples = oxigraph_triples(ontology, memo)
    data_triples = oxigraph_triples(data, memo)
    store = ox.Store()
    store.extend(ox.Quad(*triple) for triple in (*ontology_triples, *data_triples))
    # Compare in Oxigraph's terms: it normalises literals (29.0 and 29.00 are one decimal).
    given = set(store)
    size = len(store)
    for _ in range(_MAX_ROUNDS):
        for rule in rules:
            store.update(rule.text)
        grown = len(store)
        if grown == size:
            break
        size = grown
    else:
        raise RuntimeError(f"the rules did not reach a fixpoint in {_MAX_ROUNDS} rounds")
    inferred = Graph()
    inferred_triples = []
    back: dict[object, Node] = {}
    for quad in store:
        if quad in given or isinstance(quad.subject, ox.BlankNode):
            continue
        inferred_triples.append(quad.triple)
        inferred.add(tuple(_rdflib(term, back) for term in quad.triple))  # type: ignore[arg-type]
    return Closure(inferred, inferred_triples, ontology_triples, data_triples)


def oxigraph_triples(
    triples: Iterable[tuple[Node, Node, Node]], memo: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal]
) -> list[ox.Triple]:
    """The triples in Oxigraph's terms; ``memo`` converts each distinct term once."""
    out = []
    for triple in triples:
        terms = []
        for term in triple:
            converted = memo.get(term)
            if converted is None:
                converted = memo[term] = to_oxigraph(term)
            terms.append(converted)
        out.append(ox.Triple(*terms))
    return out


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal, back: dict[object, Node]) -> Node:
    converted = back.get(term)
    if converted is None:
        converted = back[term] = to_rdflib(term)
    return converted
