from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.catalogue import load_catalogue
from skillgraph.errors import CatalogueError, QueryError
from skillgraph.query import run_query

from .conftest import API

CATALOGUE = load_catalogue(API / "queries")


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_named_query_runs_with_its_defaults_and_returns_rows(name: str, store: ox.Store) -> None:
    query = CATALOGUE[name]
    bound = query.bind({})
    answer = run_query(store, bound.text, substitutions=bound.substitutions)
    rows = list(answer.value)  # type: ignore[arg-type]
    # A question over the ESCO / ROME graphs has no rows until they are imported (tested in tests/reference/).
    assert query.summary and (len(rows) > 0 or bool(query.requires))


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_parameter_is_projected_so_it_can_be_substituted(name: str) -> None:
    # pyoxigraph substitutes only variables of the SELECT projection.
    query = CATALOGUE[name]
    projection = query.text.split("SELECT", 1)[1].split("WHERE", 1)[0]
    for param in query.params:
        assert f"?{param.name}" in projection


def test_parameters_become_typed_terms_not_text() -> None:
    query = CATALOGUE["regulatory-masters-device-digital"]
    bound = query.substitutions({"jobFamily": "quality"})
    assert bound[ox.Variable("jobFamily")] == ox.NamedNode("https://w3id.org/skillgraph/id/job-family/quality")
    assert bound[ox.Variable("programmeType")] == ox.NamedNode("https://w3id.org/skillgraph/ontology#Master2")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"jobFamily": "x> } UNION { ?s ?p ?o"}, "not an identifier"),
        ({"programmeType": "Licence"}, "not one of"),
        ({"colour": "blue"}, "no parameter colour"),
    ],
)
def test_bad_parameters_are_refused(values: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        CATALOGUE["regulatory-masters-device-digital"].substitutions(values)


def test_a_query_declaring_values_binding_gets_a_values_block_and_no_substitutions() -> None:
    query = CATALOGUE["regulatory-masters-device-digital"]
    assert query.binding == "values"
    bound = query.bind({"jobFamily": "quality"})
    assert bound.substitutions == {}
    assert "<https://w3id.org/skillgraph/id/job-family/quality>" in bound.text
    assert bound.text.count("VALUES (") == 3  # the WHERE group and the two OPTIONALs naming a topic


def test_a_query_without_a_binding_keeps_its_text_and_substitutes() -> None:
    query = CATALOGUE["programmes-lacking-topic"]
    assert query.binding == "substitutions"
    bound = query.bind({})
    assert bound.text == query.text
    assert bound.substitutions == query.substitutions({})


def test_parameter_errors_are_the_same_in_both_binding_forms() -> None:
    with pytest.raises(QueryError, match="not an identifier"):
        CATALOGUE["regulatory-masters-device-digital"].bind({"jobFamily": "x> } UNION { ?s ?p ?o"})


@pytest.mark.parametrize(
    ("binding", "query", "message"),
    [
        ("inline", "SELECT ?x WHERE { ?x ?y ?z }", "binding"),
        ("values", "SELECT ?x WHERE { BIND (1 AS ?x) }", r"values\.rq: binding: values: the query assigns \?x"),
    ],
    ids=["unknown-form", "parameter-assigned-by-the-query"],
)
def test_a_binding_the_query_cannot_take_is_refused_at_load(tmp_path: Path, binding: str, query: str, message: str) -> None:
    (tmp_path / "values.rq").write_text(
        f"#+ summary: s\n#+ binding: {binding}\n#+ params:\n#+   - {{name: x, type: string, default: a}}\n{query}\n")
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(tmp_path)


def test_a_malformed_query_file_is_refused_at_load(tmp_path: Path) -> None:
    (tmp_path / "broken.rq").write_text("#+ summary: broken\nSELECT ?x WHERE { ?x ?y }\n")
    with pytest.raises(CatalogueError, match=r"broken\.rq"):
        load_catalogue(tmp_path)


def test_a_bad_header_is_refused_at_load(tmp_path: Path) -> None:
    (tmp_path / "nohead.rq").write_text("SELECT ?x WHERE { ?x ?y ?z }\n")
    with pytest.raises(CatalogueError, match=r"nohead\.rq: bad query header"):
        load_catalogue(tmp_path)
