"""Materialise what the ontology entails, and the build's domain rules.

The rules are SPARQL Update files in ``ontology/rules/`` (``owlrl-*`` implement the
OWL 2 RL rules the ontology relies on; ``domain-*`` apply study facts stated once), run
in an in-memory Oxigraph store until nothing new is inferred. owlrl, the reference
OWL 2 RL reasoner in Python, computes the same entailments ~20× slower; a test checks
that both agree on the shipped data, so a construct added to the ontology that these
rules miss is caught.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from .ontology import Rule
from .rdfterms import to_oxigraph, to_rdflib

__all__ = ["entail"]

_MAX_ROUNDS = 20


def entail(ontology: Graph, data: Graph, rules: tuple[Rule, ...]) -> Graph:
    """Return the triples entailed by ``ontology`` + ``data`` under ``rules`` (IRI subjects only)."""
    store = ox.Store()
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple)) for triple in (*ontology, *data))
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
    entailed = Graph()
    for quad in store:
        if quad in given or isinstance(quad.subject, ox.BlankNode):
            continue
        entailed.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return entailed
