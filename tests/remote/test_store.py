"""`RemoteStore` against a real ``oxigraph serve``: the same answers as the embedded store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import BuildReport
from skillgraph.catalogue import load_catalogue
from skillgraph.errors import QueryError, RemoteStoreError, StoreError
from skillgraph.export import export_graph
from skillgraph.query import run_query
from skillgraph.remote import PushReport, RemoteEndpoint, RemoteStore
from skillgraph.resources import resource_dir
from skillgraph.store import GRAPHS

from ..answers import case_id, comparable, named_cases
from .conftest import OxigraphServer, free_port

CATALOGUE = load_catalogue(resource_dir("api") / "queries")
CASES = named_cases()


@pytest.fixture(scope="module")
def remote(oxigraph: OxigraphServer, pushed: PushReport) -> RemoteStore:
    return RemoteStore(oxigraph.endpoint)


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_every_named_query_answers_the_same_embedded_and_remote(
    store: ox.Store, remote: RemoteStore, case: tuple[str, dict[str, str]]
) -> None:
    name, values = case
    query = CATALOGUE[name]
    subs = query.substitutions(values)
    embedded = run_query(store, query.text, substitutions=subs)
    answer = run_query(remote, query.text, substitutions=subs)  # type: ignore[arg-type]
    assert answer.kind == embedded.kind == "select"
    assert comparable(answer.value) == comparable(embedded.value)


def test_the_remote_release_is_the_one_pushed(remote: RemoteStore, pushed: PushReport, built: tuple[Path, BuildReport]) -> None:
    assert remote.release() == pushed.release == built[1].release.name
    assert {g.value for g in remote.named_graphs()} >= {g.value for g in GRAPHS.values()}


@pytest.mark.parametrize("graph", ["meta", "ontology"])
def test_a_named_graph_reads_back_as_pushed(store: ox.Store, remote: RemoteStore, graph: str) -> None:
    local = {str(q.triple) for q in store.quads_for_pattern(None, None, None, GRAPHS[graph])}
    far = {str(q.triple) for q in remote.quads_for_pattern(None, None, None, GRAPHS[graph])}
    if graph == "ontology":  # blank nodes are relabelled by the server: compare the rest
        local, far = {t for t in local if "_:" not in t}, {t for t in far if "_:" not in t}
    else:  # the pushed meta graph also says which release it is
        assert len(far - local) == 1 and "versionInfo" in next(iter(far - local))
        far = far & local
    assert far == local and local


def test_export_reads_the_remote_graph(store: ox.Store, remote: RemoteStore) -> None:
    assert export_graph(remote, "study", "ntriples") == export_graph(store, "study", "ntriples")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "kind"),
    [("ASK { ?s a <https://w3id.org/skillgraph/ontology#JobFamily> }", "ask"),
     ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5", "graph"),
     ("SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/skillgraph/graph/study> WHERE { ?s ?p ?o }", "select")],
    ids=["ask", "construct", "from-clause"],
)
def test_every_query_form_comes_back_as_pyoxigraph_objects(store: ox.Store, remote: RemoteStore, query: str, kind: str) -> None:
    embedded, answer = run_query(store, query), run_query(remote, query)  # type: ignore[arg-type]
    assert answer.kind == embedded.kind == kind
    if kind == "ask":
        assert bool(answer.value) is bool(embedded.value) is True
    elif kind == "graph":
        assert len(list(answer.value)) == 5  # type: ignore[arg-type]
    else:
        assert comparable(answer.value) == comparable(embedded.value)


def test_the_protocol_dataset_is_sent(store: ox.Store, remote: RemoteStore) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    meta = [GRAPHS["meta"].value]
    local = comparable(run_query(store, query, default_graphs=meta).value)
    far = comparable(run_query(remote, query, default_graphs=meta).value)  # type: ignore[arg-type]
    assert far[1] != local[1]  # the pushed meta graph holds one more triple: the release id
    assert int(far[1][0][0].split('"')[1]) == int(local[1][0][0].split('"')[1]) + 1


def test_a_syntax_error_is_a_query_error_with_the_server_message(remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match="the remote store rejected the query: .*error at"):
        run_query(remote, "SELECT * WHERE { ?s ?p }")  # type: ignore[arg-type]


def test_a_store_that_is_down_is_a_store_error_naming_its_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(RemoteStoreError, match=rf"{url}: cannot reach the remote store") as caught:
        RemoteStore(RemoteEndpoint(url)).release()
    assert isinstance(caught.value, StoreError) and caught.value.status is None


def test_a_store_without_a_release_says_to_build(tmp_path: Path) -> None:
    from .conftest import start_oxigraph

    empty = start_oxigraph(tmp_path / "empty")
    try:
        with pytest.raises(StoreError, match="no skillgraph release on the remote store"):
            RemoteStore(empty.endpoint).release()
    finally:
        empty.stop()
