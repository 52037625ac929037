"""Every ontology term the code, mapping, shapes, rules and queries use is defined in ontology/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

import skillgraph
from skillgraph.namespace import SG

from .conftest import API, ONTOLOGY

_SG = "https://w3id.org/skillgraph/ontology#"
_ONTOLOGY = Graph()
for _path in sorted(ONTOLOGY.glob("*.ttl")):
    if _path.name != "shapes.ttl":
        _ONTOLOGY.parse(_path)
DEFINED = {str(s)[len(_SG):] for s in _ONTOLOGY.subjects(RDF.type, None) if str(s).startswith(_SG)}
_PACKAGE = Path(skillgraph.__file__).parent


def _used_in(text: str) -> set[str]:
    full = set(re.findall(r"https://w3id\.org/skillgraph/ontology#(\w+)", text))
    return full | set(re.findall(r"\bsg:(\w+)", text)) | set(re.findall(r"\bSG\.(\w+)", text))


def _files() -> list[Path]:
    files = [*ONTOLOGY.glob("*.ttl"), *ONTOLOGY.glob("rules/*.ru"), *ONTOLOGY.glob("checks/*.rq"), *API.glob("queries/*.rq")]
    return sorted([*files, *_PACKAGE.rglob("*.py"), _PACKAGE / "mapping.yaml"])


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_terms_used_are_defined(path: Path) -> None:
    undefined = _used_in(path.read_text(encoding="utf-8")) - DEFINED
    assert undefined == set()


def test_namespace_class_lists_exactly_the_ontology_terms() -> None:
    declared = {name for name in SG.__annotations__}
    assert declared == DEFINED


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        SG.NoSuchTerm  # noqa: B018
    assert SG.JobFamily == URIRef(_SG + "JobFamily")


def test_every_term_is_typed_once_as_a_kind_of_owl_entity() -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual}
    untyped = [t for t in DEFINED if not set(_ONTOLOGY.objects(URIRef(_SG + t), RDF.type)) & kinds]
    assert untyped == []
