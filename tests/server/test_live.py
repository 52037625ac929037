"""`skillgraph serve` as a real HTTP server on loopback: the protocol over a socket."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from skillgraph.build import BuildReport

from ..live import serving


@pytest.fixture(scope="module")
def server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve") / "server.log"


@pytest.fixture(scope="module")
def server(built: tuple[Path, BuildReport], server_log: Path) -> Iterator[str]:
    with serving(built[0], server_log) as live:
        yield live.base


def test_get_sparql_over_http(server: str) -> None:
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/skillgraph/ontology#JobFamily> }"})
    with urllib.request.urlopen(f"{server}/sparql?{query}", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
        assert json.load(response)["results"]["bindings"][0]["n"]["value"] == "10"


def test_malformed_query_over_http_is_400(server: str) -> None:
    query = urllib.parse.urlencode({"query": "SELEKT"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{server}/sparql?{query}", timeout=10)
    with info.value as error:
        assert error.code == 400
        assert json.loads(error.read())["error"] == "malformed_query"


def test_a_standard_sparql_client_works(server: str) -> None:
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(
        "PREFIX sg: <https://w3id.org/skillgraph/ontology#> SELECT ?p WHERE { ?p a sg:Phase } ORDER BY ?p"
    )
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert len(rows) == 5
    client.setMethod(POST)
    client.setQuery("CONSTRUCT { ?p a ?c } WHERE { ?p a <https://w3id.org/skillgraph/ontology#Phase> , ?c }")
    client.setReturnFormat(TURTLE)
    assert b"ontology#Phase" in client.queryAndConvert()  # type: ignore[operator]


def test_every_request_is_logged_as_a_json_line_by_the_served_app(server: str, server_log: Path) -> None:
    # Under uvicorn, the access logger needs its own handler: without it these lines were dropped.
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o } # access-log probe"})
    with urllib.request.urlopen(f"{server}/sparql?{query}", timeout=10) as response:
        assert response.status == 200
    deadline = time.monotonic() + 10
    while True:
        lines = [json.loads(line) for line in server_log.read_text().splitlines() if line.startswith("{")]
        entries = [e for e in lines if e.get("path") == "/sparql" and e.get("query_hash")]
        if entries or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert entries, server_log.read_text()[-2000:]
    assert {"status", "ms", "rows", "client"} <= set(entries[-1])
    assert entries[-1]["status"] == 200
    # uvicorn's own access line would repeat it without the query hash.
    assert '"GET /sparql?' not in server_log.read_text()
