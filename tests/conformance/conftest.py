"""A live `skillgraph serve` over a store holding the three graphs of the W3C protocol tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.store import Release, load_into_new_release, publish

HERE = Path(__file__).resolve().parent
PROTOCOL_DIR = HERE / "w3c-sparql11-protocol"
SERVICE_DESCRIPTION_DIR = HERE / "w3c-sparql11-service-description"

_DATA = "http://kasei.us/2009/09/sparql/data/"
#: The named graphs the protocol tests expect the endpoint to hold, and the file of each.
GRAPH_FILES: dict[str, Path] = {f"{_DATA}data{n}.rdf": PROTOCOL_DIR / f"data{n}.nt" for n in (1, 2, 3)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
    port = _free_port()
    workdir = tmp_path_factory.mktemp("conformance-serve")
    log = workdir / "server.log"
    # The suite tests the endpoint as shipped: read-only, whatever the caller's SKILLGRAPH_*
    # variables or .env say (the server runs in an empty folder, so no .env is found).
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLGRAPH_")}
    env.update({"PYTHONUNBUFFERED": "1", "SKILLGRAPH_ALLOW_UPDATES": "false"})
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "skillgraph", "serve", "--store", str(conformance_store), "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=workdir,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=1) as response:
                    response.read()
                break
            except urllib.error.HTTPError as error:
                error.close()  # an answer, but not yet healthy: try again
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not become healthy: {log.read_text()}") from None
                time.sleep(0.2)
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {log.read_text()}") from None
                time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
