"""ontology/reference.ttl: documented in French and English, and what the importers write agrees with it.

(``tests/test_ontology.py`` checks the labels of ``skillgraph.ttl`` only; this file does the same for
``reference.ttl``, and checks the imported slices against the declarations.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from skillgraph.reference import GRAPHS

from ..conftest import ONTOLOGY

_SG = "https://w3id.org/skillgraph/ontology#"
_ESCO_MODEL = "http://data.europa.eu/esco/model#"
_REFERENCE = Graph().parse(ONTOLOGY / "reference.ttl")
_ALL = Graph().parse(ONTOLOGY / "skillgraph.ttl") + _REFERENCE
_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual, OWL.AnnotationProperty)
_TERMS = sorted(
    {s for kind in _KINDS for s in _REFERENCE.subjects(RDF.type, kind)
     if isinstance(s, URIRef) and (str(s).startswith(_SG) or str(s).startswith(_ESCO_MODEL))}
    | {s for s in _REFERENCE.subjects(RDFS.subClassOf, None) if str(s).startswith(_ESCO_MODEL)}
)
#: The dataset description each graph carries uses these vocabularies, not the ontology.
_DESCRIPTION = ("http://purl.org/dc/terms/", "http://rdfs.org/ns/void#", "http://www.w3.org/ns/prov#")


def _short(term: URIRef) -> str:
    return str(term).replace(_SG, "sg:").replace(_ESCO_MODEL, "esco:")


@pytest.mark.parametrize("term", _TERMS, ids=_short)
def test_every_term_has_french_and_english_label_and_definition(term: URIRef) -> None:
    for predicate in (RDFS.label, SKOS.definition):
        langs = sorted(o.language for o in _ALL.objects(term, predicate) if isinstance(o, Literal))
        assert langs == ["en", "fr"], f"{predicate} of {term}"


def test_the_rome_classes_and_the_fixed_iri_prefixes() -> None:
    for name in ("RomeFiche", "RomeAppellation", "RomeCompetence", "RomeMacroCompetence", "RomeSavoir"):
        assert (URIRef(_SG + name), RDFS.subClassOf, SKOS.Concept) in _REFERENCE
    from skillgraph.models.alignment import REFERENCE_PREFIXES, ReferenceScheme
    from skillgraph.reference.rome import ROME

    for scheme, kind in (("rome_fiche", "fiche"), ("rome_appellation", "appellation"), ("rome_competence", "competence"), ("rome_savoir", "savoir")):
        assert REFERENCE_PREFIXES[ReferenceScheme[scheme]] == f"{ROME}{kind}/"
    assert (URIRef(_SG + "coreItem"), RDFS.subPropertyOf, URIRef(_SG + "item")) in _REFERENCE
    assert (URIRef(_SG + "emergingItem"), RDFS.subPropertyOf, URIRef(_SG + "item")) in _REFERENCE


def _data(ref: ox.Store) -> list[ox.Quad]:
    return [q for g in GRAPHS.values() for q in ref.quads_for_pattern(None, None, None, ox.NamedNode(g))]


def test_every_predicate_and_class_written_is_declared(ref: ox.Store) -> None:
    declared = {str(s) for kind in _KINDS for s in _ALL.subjects(RDF.type, kind)}
    used = {q.predicate.value for q in _data(ref)} | {q.object.value for q in _data(ref) if q.predicate.value == str(RDF.type)}
    undeclared = {u for u in used - declared - {str(RDF.type)} if not u.startswith(_DESCRIPTION)}
    assert undeclared == set()


def test_literals_and_iris_go_where_the_ontology_says(ref: ox.Store) -> None:
    datatype = {str(s) for s in _ALL.subjects(RDF.type, OWL.DatatypeProperty)}
    objects = {str(s) for s in _ALL.subjects(RDF.type, OWL.ObjectProperty)}
    wrong = [q for q in _data(ref)
             if (q.predicate.value in datatype and not isinstance(q.object, ox.Literal))
             or (q.predicate.value in objects and not isinstance(q.object, ox.NamedNode))]
    assert wrong == []


def test_subjects_and_objects_are_typed_as_domains_and_ranges_say(ref: ox.Store) -> None:
    """The reference graphs are not entailed: the importers must write the types themselves."""
    quads = _data(ref)
    types: dict[str, set[str]] = {}
    for s, o in _ALL.subject_objects(RDF.type):  # individuals of the ontology (sg:SavoirFaire…)
        types.setdefault(str(s), set()).add(str(o))
    for q in quads:
        if q.predicate.value == str(RDF.type):
            types.setdefault(q.subject.value, set()).add(q.object.value)

    def closure(classes: set[str]) -> set[str]:
        out, todo = set(classes), list(classes)
        while todo:
            for parent in _ALL.objects(URIRef(todo.pop()), RDFS.subClassOf):
                if isinstance(parent, URIRef) and str(parent) not in out:
                    out.add(str(parent))
                    todo.append(str(parent))
        return out

    problems = []
    for q in quads:
        predicate = URIRef(q.predicate.value)
        for axis, node in ((RDFS.domain, q.subject), (RDFS.range, q.object)):
            for expected in _ALL.objects(predicate, axis):
                if isinstance(node, ox.NamedNode) and isinstance(expected, URIRef) and str(expected) not in closure(types.get(node.value, set())):
                    problems.append((q.predicate.value, axis, node.value, str(expected)))
    assert problems[:5] == []


@pytest.mark.java
@pytest.mark.skipif(shutil.which("java") is None and not __import__("os").environ.get("CI"), reason="no Java runtime")
def test_hermit_finds_the_ontology_and_the_imported_slices_consistent(ref: ox.Store, tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    path = tmp_path / "reference.nt"
    data = Graph()
    data.parse(data=ref.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPHS["rome"])), format="nt")
    data.parse(data=ref.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPHS["esco"])), format="nt")
    data.parse(data=ref.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPHS["crosswalk"])), format="nt")
    # Keep the concepts and their links; drop the dataset descriptions (VoID / PROV are not declared).
    for s, p, o in list(data):
        if str(p).startswith(_DESCRIPTION) or str(o).startswith(_DESCRIPTION) or str(s).startswith("https://w3id.org/skillgraph/id/"):
            data.remove((s, p, o))
    (_ALL + data).serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    fiche = world.search_one(iri=_SG + "RomeFiche")
    assert fiche is not None and len(list(fiche.instances())) == 14
