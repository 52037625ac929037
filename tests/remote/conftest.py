"""A real ``oxigraph serve`` (the ``oxigraph`` PyPI package) for the remote-store tests.

One server per test session on a free local port and a temporary folder, stopped at the end;
the shipped data built once locally and pushed to it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import BuildReport
from skillgraph.remote import PushReport, RemoteEndpoint, push_release
from skillgraph.settings import Settings
from skillgraph.store import GRAPHS

_START_TIMEOUT = 30.0


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]' installs it (package oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class OxigraphServer:
    process: subprocess.Popen[bytes]
    base: str

    @property
    def endpoint(self) -> RemoteEndpoint:
        return RemoteEndpoint(query_url=self.base + "/query", store_url=self.base + "/store", timeout=30.0)

    def settings(self, store_dir: Path, **more: object) -> Settings:
        return Settings(store_dir=store_dir, remote_query_url=self.base + "/query",
                        remote_store_url=self.base + "/store", **more)  # type: ignore[arg-type]

    def env(self, store_dir: Path) -> dict[str, str]:
        return {"SKILLGRAPH_REMOTE_QUERY_URL": self.base + "/query", "SKILLGRAPH_REMOTE_STORE_URL": self.base + "/store",
                "SKILLGRAPH_STORE_DIR": str(store_dir)}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_oxigraph(location: Path) -> OxigraphServer:
    """Start ``oxigraph serve`` and wait until it answers a query."""
    port = free_port()
    process = subprocess.Popen(
        [_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = OxigraphServer(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + _START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(server.base + "/query?query=ASK%7B%7D", timeout=2):
                return server
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                pytest.fail(f"oxigraph serve did not answer on {server.base} within {_START_TIMEOUT} s")
            time.sleep(0.1)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pushed(built: tuple[Path, BuildReport], oxigraph: OxigraphServer) -> PushReport:
    """The session's local build, pushed to the session's oxigraph server."""
    return push_release(oxigraph.endpoint, built[1].release, [g.value for g in GRAPHS.values()])
