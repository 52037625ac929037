"""The application on a remote store: REST, /sparql, gap routes, a rebuild noticed, outages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.errors import RemoteStoreError, StoreError
from skillgraph.remote import RemoteEndpoint, RemoteStore, push_release
from skillgraph.server import create_app
from skillgraph.server.holder import StoreHolder
from skillgraph.server.worker import Failure, Job, Success, evaluate
from skillgraph.settings import Settings
from skillgraph.store import GRAPHS, Release, publish

from .conftest import OxigraphServer, free_port, start_oxigraph

_ALL = [g.value for g in GRAPHS.values()]


def _new_release(root: Path, source: Path) -> Path:
    """A new release of the same graph under a new name, as a rebuild would make."""
    return publish(Release(root, copy_of=source))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    own = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"))
    yield own
    own.stop()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory, built: tuple[Path, BuildReport], server: OxigraphServer) -> Path:
    root = tmp_path_factory.mktemp("staging")
    push_release(server.endpoint, _new_release(root, built[1].release), _ALL)
    return root


@pytest.fixture(scope="module")
def client(server: OxigraphServer, root: Path) -> Iterator[TestClient]:
    app = create_app(server.settings(root, query_workers=1, remote_release_ttl=0))
    with TestClient(app) as client:
        yield client


def _local_rows(built: tuple[Path, BuildReport], name: str, params: dict[str, str]) -> dict[str, object]:
    from skillgraph.catalogue import load_catalogue
    from skillgraph.resources import resource_dir

    query = load_catalogue(resource_dir("api") / "queries")[name]
    subs = {k.value: v for k, v in query.substitutions(params).items()}
    outcome = evaluate(Job(release=str(built[1].release), query=query.text, accept=None, max_rows=10_000,
                           substitutions=subs, offers="rows"))
    assert isinstance(outcome, Success)
    return json.loads(outcome.body)  # type: ignore[no-any-return]


@pytest.mark.parametrize("params", [{}, {"jobFamily": "quality", "lang": "en"}], ids=["defaults", "quality-en"])
def test_a_named_query_route_answers_as_on_the_embedded_store(
    client: TestClient, built: tuple[Path, BuildReport], params: dict[str, str]
) -> None:
    response = client.get("/api/job-card", params={**params, "limit": 1000})
    assert response.status_code == 200, response.text
    body = response.json()
    local = _local_rows(built, "job-card", params)
    assert body["vars"] == local["vars"] and body["total"] == len(local["rows"]) > 0  # type: ignore[arg-type]
    key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
    assert sorted(map(key, body["rows"])) == sorted(map(key, local["rows"]))  # type: ignore[arg-type]


def test_the_sparql_protocol_endpoint_runs_on_the_remote_store(client: TestClient) -> None:
    query = "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a <https://w3id.org/skillgraph/ontology#JobFamily> }"
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and answer.json()["results"]["bindings"][0]["n"]["value"] == "10"
    csv = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert csv.status_code == 200 and csv.text.split() == ["n", "10"]


def test_a_syntax_error_is_400_with_the_remote_parser_message(client: TestClient) -> None:
    answer = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert answer.status_code == 400 and "the remote store rejected the query" in answer.json()["message"]


def test_service_is_still_refused(client: TestClient) -> None:
    answer = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert answer.status_code == 403 and answer.json()["error"] == "network_access_refused"


def test_the_gap_routes_read_the_model_from_the_remote_store(client: TestClient) -> None:
    bridges = client.get("/analytics/bridges").json()
    assert bridges[0]["skill"]["id"] == "digital-health-ecosystem" and bridges[0]["family_count"] >= 3


def test_a_rebuild_pushed_from_elsewhere_is_noticed(
    client: TestClient, server: OxigraphServer, root: Path, built: tuple[Path, BuildReport]
) -> None:
    holder: StoreHolder = client.app.state.holder  # type: ignore[attr-defined]
    before = client.get("/health").json()["release"]
    model = holder.model()
    release = _new_release(root, built[1].release)
    push_release(server.endpoint, release, _ALL)  # as another machine would
    assert client.get("/health").json()["release"] == release.name != before
    assert holder.model() is not model
    assert client.get("/api/job-card").status_code == 200  # workers open the new release key


def test_a_worker_on_a_store_that_is_down_answers_503_without_its_url() -> None:
    dead = RemoteStore(RemoteEndpoint(f"http://127.0.0.1:{free_port()}/query"), release="r")
    outcome = evaluate(Job(release=dead.key(), query="ASK {}", accept=None, max_rows=10))
    assert isinstance(outcome, Failure) and outcome.status == 503 and outcome.code == "store_unavailable"
    assert "127.0.0.1" not in outcome.message


def test_a_store_that_goes_down_is_503(tmp_path: Path, built: tuple[Path, BuildReport]) -> None:
    own = start_oxigraph(tmp_path / "oxigraph")
    try:
        push_release(own.endpoint, built[1].release, _ALL)
        app = create_app(own.settings(tmp_path / "root", query_workers=1, remote_release_ttl=0))
    finally:
        own.stop()
    client = TestClient(app)  # no lifespan: no worker is started for this one
    for path in ("/health", "/api/job-card", "/analytics/bridges"):
        answer = client.get(path)
        assert answer.status_code == 503 and answer.json()["error"] == "store_unavailable", path
        assert "127.0.0.1" not in answer.text


def test_a_server_cannot_start_on_a_store_that_is_down(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(RemoteStoreError, match=f"{url}: cannot reach"):
        create_app(Settings(store_dir=tmp_path, remote_query_url=url))


def test_updates_are_not_served_for_a_remote_store(server: OxigraphServer, root: Path) -> None:
    with pytest.raises(StoreError, match="updates are not served for a remote store"):
        create_app(server.settings(root, allow_updates=True))
