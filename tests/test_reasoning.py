"""The build's rule-based materialisation agrees with owlrl, the reference OWL 2 RL reasoner."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import OWL, RDF, BNode, Graph, Literal, URIRef

from skillgraph.loader import load_data
from skillgraph.mapper import map_data
from skillgraph.ontology import load_schema
from skillgraph.reasoning import entail

from .conftest import DATA, ONTOLOGY

_ID = "https://w3id.org/skillgraph/id/"


def _abox(graph: Graph) -> set[tuple]:
    """Triples about data nodes, in a form both reasoners share (no blank nodes, plain strings)."""
    out = set()
    for s, p, o in graph:
        if not str(s).startswith(_ID) or isinstance(o, BNode) or p in (OWL.sameAs,):
            continue
        if p == RDF.type and o in (OWL.Thing, OWL.NamedIndividual):
            continue
        if isinstance(o, Literal):
            o = Literal(str(o), lang=o.language) if o.language or o.datatype is None else Literal(o.toPython())
        out.add((s, p, o))
    return out


@pytest.fixture(scope="module")
def asserted() -> Graph:
    graph, _ = map_data(load_data(DATA))
    return graph


def test_rules_entail_what_owlrl_entails(asserted: Graph) -> None:
    schema = load_schema(ONTOLOGY)
    owl_rules = tuple(r for r in schema.rules if r.name.startswith("owlrl-"))
    ours = _abox(asserted + entail(schema.ontology, asserted, owl_rules))
    closure = schema.ontology + asserted
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    reference = _abox(closure)
    assert reference - ours == set(), "owlrl entails triples the build's rules miss"
    assert ours - reference == set(), "the build's rules entail triples owlrl does not"


def test_key_entailments(asserted: Graph) -> None:
    schema = load_schema(ONTOLOGY)
    inferred = entail(schema.ontology, asserted, schema.rules)
    sg = "https://w3id.org/skillgraph/ontology#"
    family = URIRef(_ID + "job-family/quality")
    assert (family, URIRef(sg + "takesPartIn"), URIRef(_ID + "phase/evaluation")) in inferred
    assert (family, RDF.type, URIRef("http://data.europa.eu/esco/model#Occupation")) in inferred
    common = URIRef(_ID + "common-requirements/requirement/1")
    assert (family, URIRef(sg + "hasRequirement"), common) in inferred
    strasbourg = URIRef(_ID + "programme/m2-strasbourg-reglementation-droit-pharmaceutique")
    offered = set(inferred.objects(strasbourg, URIRef(sg + "offersModule")))
    assert len(offered) == 3  # the core e-health module and one module per exclusive option


def test_entailment_reaches_a_fixpoint_and_adds_nothing_twice(asserted: Graph) -> None:
    schema = load_schema(ONTOLOGY)
    once = entail(schema.ontology, asserted, schema.rules)
    twice = entail(schema.ontology, asserted + once, schema.rules)
    assert len(twice) == 0
