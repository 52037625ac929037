"""A live `skillgraph serve` over a store holding the three graphs of the W3C protocol tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.store import Release, load_into_new_release, publish

from ..live import serving

HERE = Path(__file__).resolve().parent
PROTOCOL_DIR = HERE / "w3c-sparql11-protocol"
SERVICE_DESCRIPTION_DIR = HERE / "w3c-sparql11-service-description"

_DATA = "http://kasei.us/2009/09/sparql/data/"
#: The named graphs the protocol tests expect the endpoint to hold, and the file of each.
GRAPH_FILES: dict[str, Path] = {f"{_DATA}data{n}.rdf": PROTOCOL_DIR / f"data{n}.nt" for n in (1, 2, 3)}


@pytest.fixture(scope="module")
def conformance_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose release holds data1.nt … data3.nt as three named graphs, and nothing else."""
    root = tmp_path_factory.mktemp("conformance-store")
    publish(Release(root))  # an empty first release to load into
    for graph, source in GRAPH_FILES.items():
        _, loaded = load_into_new_release(root, source, graph, ox.RdfFormat.N_TRIPLES)
        assert loaded == 1, f"{source.name}: expected 1 triple in {graph}, loaded {loaded}"
    return root


@pytest.fixture(scope="module")
def conformance_server(conformance_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """``python -m skillgraph serve`` on a free loopback port; yields (host, port)."""
    workdir = tmp_path_factory.mktemp("conformance-serve")
    # The suite tests the endpoint as shipped: read-only, whatever the caller's SKILLGRAPH_*
    # variables or .env say (the server runs in an empty folder, so no .env is found).
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLGRAPH_")}
    env["SKILLGRAPH_ALLOW_UPDATES"] = "false"
    with serving(conformance_store, workdir / "server.log", env=env, cwd=workdir, start_timeout=30) as live:
        yield "127.0.0.1", live.port
