"""The SPARQL 1.1 Protocol endpoint, in process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.errors import StoreError
from skillgraph.server import create_app
from skillgraph.settings import Settings

ASK = "ASK { ?s a <https://w3id.org/skillgraph/ontology#JobFamily> }"
SELECT = "SELECT ?f WHERE { ?f a <https://w3id.org/skillgraph/ontology#JobFamily> }"
CONSTRUCT = "CONSTRUCT { ?f a ?c } WHERE { ?f a <https://w3id.org/skillgraph/ontology#JobFamily> , ?c }"


@pytest.fixture(scope="module")
def client(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    # One client context: one event loop, so the query workers start once.
    with TestClient(create_app(Settings(store_dir=built[0]))) as client:
        yield client


def test_get_select_json_by_default(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert len(response.json()["results"]["bindings"]) == 10


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_negotiation(client: TestClient, accept: str, media: str) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)


def test_post_form_and_direct(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": ASK})
    direct = client.post("/sparql", content=ASK, headers={"Content-Type": "application/sparql-query"})
    assert form.json()["boolean"] is True and direct.json()["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "media"),
    [("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
     ("application/ld+json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml")],
)
def test_construct_negotiation(client: TestClient, accept: str, media: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert len(response.content) > 100


def test_malformed_query_is_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "malformed_query" and "1:" in body["message"]


def test_unacceptable_format_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_wrong_content_type_is_415(client: TestClient) -> None:
    response = client.post("/sparql", content=ASK, headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_updates_are_refused(client: TestClient) -> None:
    direct = client.post("/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    form = client.post("/sparql", data={"update": "DROP ALL"})
    assert direct.status_code == 403 and form.status_code == 403
    assert client.get("/sparql", params={"query": ASK}).json()["boolean"] is True


def test_two_queries_is_400(client: TestClient) -> None:
    response = client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert response.status_code == 400


def test_default_graph_uri_selects_the_dataset(client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    onto = client.get("/sparql", params={"query": query, "default-graph-uri": "https://w3id.org/skillgraph/graph/ontology"})
    study = client.get("/sparql", params={"query": query, "default-graph-uri": "https://w3id.org/skillgraph/graph/study"})
    n = [int(r.json()["results"]["bindings"][0]["n"]["value"]) for r in (onto, study)]
    assert n[0] != n[1] and min(n) > 0


def test_named_graph_uri_restricts_graph_clauses(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query, "named-graph-uri": "https://w3id.org/skillgraph/graph/meta"})
    graphs = [b["g"]["value"] for b in response.json()["results"]["bindings"]]
    assert graphs == ["https://w3id.org/skillgraph/graph/meta"]


def test_service_description_without_query(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert "sd:Service" in response.text or "sparql-service-description#Service" in response.text
    assert "https://w3id.org/skillgraph/graph/study" in response.text


def test_health(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"


def test_app_refuses_to_start_without_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(Settings(store_dir=tmp_path))
