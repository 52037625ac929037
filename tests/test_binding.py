"""Parameters joined in as inline VALUES blocks answer exactly as pyoxigraph's substitutions."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from skillgraph.catalogue import load_catalogue
from skillgraph.errors import QueryError
from skillgraph.binding import bind_values, with_base
from skillgraph.resources import resource_dir

from .answers import case_id, comparable, named_cases

EX = "http://example.org/"
_DATA = f"""
<{EX}a> <{EX}p> <{EX}b> . <{EX}a> <{EX}label> "A" . <{EX}b> <{EX}label> "B" .
<{EX}c> <{EX}p> <{EX}d> . <{EX}c> <{EX}label> "C" . <{EX}d> <{EX}q> "x" .
"""


@pytest.fixture(scope="module")
def tiny() -> ox.Store:
    store = ox.Store()
    store.load(_DATA.encode(), format=ox.RdfFormat.TURTLE)
    return store


def _both(store: ox.Store, query: str, subs: dict[ox.Variable, ox.NamedNode | ox.Literal]) -> tuple[object, object]:
    return comparable(store.query(query, substitutions=subs)), comparable(store.query(bind_values(query, subs)))


SHAPES = {
    "top-level": f"SELECT ?x ?l WHERE {{ ?x <{EX}label> ?l }}",
    "filter-in-union-branch": f"SELECT ?x ?y WHERE {{ {{ ?x <{EX}p> ?y FILTER (?x = ?x0) }} UNION {{ ?y <{EX}q> ?x }} }}",
    "filter-in-optional": f"SELECT ?x ?l WHERE {{ ?x <{EX}p> ?y OPTIONAL {{ ?y <{EX}label> ?l FILTER (?l = ?l0) }} }}",
    "minus": f"SELECT ?x WHERE {{ ?x <{EX}label> ?l MINUS {{ ?x <{EX}p> ?x0 }} }}",
    "exists": f"SELECT ?x WHERE {{ ?x <{EX}label> ?l FILTER EXISTS {{ ?x <{EX}p> ?x0 }} }}",
    "nested-group": f"SELECT ?x WHERE {{ ?x <{EX}label> ?l {{ {{ ?x <{EX}p> ?x0 }} }} }}",
    "values-data-block": f"SELECT ?x ?k WHERE {{ VALUES ?k {{ 1 2 }} ?x <{EX}label> ?l FILTER (?x != ?x0) }}",
}
PARAMS = {"x0": ox.NamedNode(f"{EX}b"), "l0": ox.Literal("B")}


@pytest.mark.parametrize("query", SHAPES.values(), ids=SHAPES.keys())
def test_every_group_shape_answers_as_a_substitution(tiny: ox.Store, query: str) -> None:
    used = {ox.Variable(k): v for k, v in PARAMS.items() if "?" + k in query}
    # The substitutions only reach projected variables: project them, as the named queries do.
    projected = query.replace("SELECT ", "SELECT " + " ".join(str(v) for v in used) + " ", 1)
    embedded, bound = _both(tiny, projected, used)
    assert bound == embedded
    assert embedded[1], "the case must have rows, or it proves nothing"


def test_a_filter_in_a_union_branch_needs_its_own_block(tiny: ox.Store) -> None:
    query = SHAPES["filter-in-union-branch"].replace("SELECT ", "SELECT ?x0 ", 1)
    bound = bind_values(query, {ox.Variable("x0"): PARAMS["x0"]})
    assert bound.count("VALUES (?x0)") == 2  # the top group and the branch that filters on it


def test_a_subquery_that_does_not_project_the_parameter_keeps_its_own_variable(tiny: ox.Store) -> None:
    query = f"SELECT ?x0 ?n WHERE {{ ?x0 <{EX}label> ?l {{ SELECT (COUNT(?x0) AS ?n) WHERE {{ ?x0 <{EX}label> ?m }} }} }}"
    subs = {ox.Variable("x0"): PARAMS["x0"]}
    bound = bind_values(query, subs)
    assert bound.count("VALUES (?x0)") == 1
    three = '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'  # every label, not only b's
    assert comparable(tiny.query(bound))[1] == [(str(PARAMS["x0"]), three)]
    assert comparable(tiny.query(query, substitutions=subs)) == comparable(tiny.query(bound))


def test_construct_templates_and_data_blocks_are_left_alone(tiny: ox.Store) -> None:
    query = f"CONSTRUCT {{ ?x <{EX}seen> ?k }} WHERE {{ VALUES ?k {{ 1 }} ?x <{EX}p> ?x0 }}"
    bound = bind_values(query, {ox.Variable("x0"): PARAMS["x0"]})
    assert bound.startswith("CONSTRUCT { ?x")
    triples = list(tiny.query(bound))  # type: ignore[arg-type]
    assert [str(t.subject) for t in triples] == [f"<{EX}a>"]


@pytest.mark.parametrize(
    "text",
    ['say "hi"', "two\nlines", "back\\slash", "accents é ü — « »", "}) } UNION { ?s ?p ?o"],
    ids=["quotes", "newline", "backslash", "unicode", "sparql-in-the-value"],
)
def test_a_literal_is_escaped_by_pyoxigraph(text: str) -> None:
    bound = bind_values("SELECT ?v WHERE { }", {ox.Variable("v"): ox.Literal(text, language="fr")})
    row = next(iter(ox.Store().query(bound)))  # type: ignore[call-overload]
    assert row["v"] == ox.Literal(text, language="fr")


@pytest.mark.parametrize(
    "query",
    ["SELECT ?v WHERE { BIND (1 AS ?v) }", "SELECT ?v WHERE { VALUES ?v { 1 } }", "SELECT (1 AS ?v) WHERE { }"],
    ids=["bind", "values", "projection"],
)
def test_a_query_assigning_a_parameter_is_refused(query: str) -> None:
    with pytest.raises(QueryError, match=r"assigns \?v"):
        bind_values(query, {ox.Variable("v"): ox.Literal("x")})


def test_a_blank_node_cannot_be_sent() -> None:
    with pytest.raises(QueryError, match="only an IRI or a literal"):
        bind_values("SELECT ?v WHERE { }", {ox.Variable("v"): ox.BlankNode()})  # type: ignore[dict-item]


def test_a_base_iri_resolves_relative_iris_as_the_embedded_option_does() -> None:
    query = "SELECT ?r WHERE { BIND (<relative> AS ?r) }"
    embedded = next(iter(ox.Store().query(query, base_iri="http://host/sparql")))["r"]  # type: ignore[call-overload]
    remote = next(iter(ox.Store().query(with_base(query, "http://host/sparql"))))["r"]  # type: ignore[call-overload]
    assert remote == embedded == ox.NamedNode("http://host/relative")


CATALOGUE = load_catalogue(resource_dir("api") / "queries")
CASES = named_cases()


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_every_named_query_answers_the_same_with_values_blocks(store: ox.Store, case: tuple[str, dict[str, str]]) -> None:
    """Same store, same engine: only the way parameters are bound differs."""
    name, values = case
    query = CATALOGUE[name]
    subs = query.substitutions(values)
    embedded = comparable(store.query(query.text, substitutions=subs, use_default_graph_as_union=True))
    bound = comparable(store.query(bind_values(query.text, subs), use_default_graph_as_union=True))
    assert bound == embedded
