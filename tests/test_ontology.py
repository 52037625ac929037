"""The ontology is documented in French and English, loads in owlready2 and is consistent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from skillgraph.errors import OntologyError
from skillgraph.ontology import load_schema

from .conftest import ONTOLOGY

_SG = "https://w3id.org/skillgraph/ontology#"
_GRAPH = Graph().parse(ONTOLOGY / "skillgraph.ttl")
_TERMS = sorted(
    {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
     for s in _GRAPH.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(_SG)}
)


@pytest.mark.parametrize("term", _TERMS, ids=lambda t: str(t)[len(_SG):])
def test_every_term_has_french_and_english_label_and_definition(term: URIRef) -> None:
    for predicate in (RDFS.label, SKOS.definition):
        langs = sorted(o.language for o in _GRAPH.objects(term, predicate) if isinstance(o, Literal))
        assert langs == ["en", "fr"], f"{predicate} of {term}"


def test_core_classes_align_with_esco_schema_and_prov() -> None:
    expected = {
        "Occupation": "http://data.europa.eu/esco/model#Occupation",
        "Skill": "http://data.europa.eu/esco/model#Skill",
        "Programme": "https://schema.org/EducationalOccupationalProgram",
        "Module": "https://schema.org/Course",
        "Organisation": "https://schema.org/Organization",
        "Citation": "http://www.w3.org/ns/prov#Entity",
    }
    for local, parent in expected.items():
        assert (URIRef(_SG + local), RDFS.subClassOf, URIRef(parent)) in _GRAPH


def test_schema_files_parse(tmp_path: Path) -> None:
    schema = load_schema(ONTOLOGY)
    assert len(schema.ontology) > 500 and len(schema.shapes) > 100
    assert {r.name for r in schema.rules} >= {"owlrl-cax-sco", "domain-common-requirements"}


def test_a_broken_ontology_file_is_named(tmp_path: Path) -> None:
    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, copy)
    (copy / "shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y .\n oops", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"shapes\.ttl"):
        load_schema(copy)


@pytest.mark.java
@pytest.mark.skipif(shutil.which("java") is None and not __import__("os").environ.get("CI"), reason="no Java runtime")
def test_owlready2_loads_the_ontology_and_hermit_finds_it_consistent(tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    # owlready2 reads RDF/XML or N-Triples; hand it the same graph as N-Triples.
    path = tmp_path / "skillgraph.nt"
    _GRAPH.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    assert onto.search_one(iri=_SG + "JobFamily") is not None
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    job_family = onto.search_one(iri=_SG + "JobFamily")
    assert onto.search_one(iri="http://data.europa.eu/esco/model#Occupation") in job_family.ancestors()


def _reason(graph: Graph, tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    path = tmp_path / "graph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


@pytest.mark.java
@pytest.mark.skipif(shutil.which("java") is None and not __import__("os").environ.get("CI"), reason="no Java runtime")
def test_the_study_data_is_consistent_with_the_ontology(tmp_path: Path) -> None:
    from skillgraph.loader import load_data
    from skillgraph.mapper import map_data

    from .conftest import DATA

    data, _ = map_data(load_data(DATA))
    _reason(_GRAPH + data, tmp_path)


@pytest.mark.java
@pytest.mark.skipif(shutil.which("java") is None and not __import__("os").environ.get("CI"), reason="no Java runtime")
def test_the_reasoner_catches_an_inconsistency(tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    broken = Graph()
    thing = URIRef("https://w3id.org/skillgraph/id/skill/both")
    broken.add((thing, RDF.type, URIRef(_SG + "Skill")))
    broken.add((thing, RDF.type, URIRef(_SG + "Programme")))  # disjoint classes
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(_GRAPH + broken, tmp_path)
