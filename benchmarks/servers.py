"""Start the servers compared, each on a free loopback port, and stop them afterwards.

- ``api``: ``skillgraph serve --workers N`` on a store;
- ``oxigraph``: the native ``oxigraph serve-read-only`` on the same release (the PyPI
  package ``oxigraph`` ships the binary), with the union default graph like the API;
- ``rdflib``: rdflib-endpoint over an rdflib Dataset holding the same quads (union default
  graph), served by uvicorn (``benchmarks/rdflib_server.py``).
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["Server", "api_server", "free_port", "oxigraph_server", "rdflib_server"]

_HERE = Path(__file__).resolve().parent


class Server:
    """A running server process and its base URL."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, name: str) -> None:
        self.process = process
        self.port = port
        self.name = name
        self.url = f"http://127.0.0.1:{port}"

    def wait_ready(self, path: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} before it was ready")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path)
                status = conn.getresponse().status
                conn.close()
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready on port {self.port} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            # The whole process group: uvicorn's workers and the query workers go too.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _running(command: list[str], name: str, ready_path: str, timeout: float, env: dict[str, str] | None = None,
             port: int | None = None) -> Iterator[Server]:
    port = port or free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    server = Server(process, port, name)
    try:
        server.wait_ready(ready_path, timeout)
        yield server
    finally:
        server.stop()


def _skillgraph() -> str:
    found = shutil.which("skillgraph", path=str(Path(sys.executable).parent)) or shutil.which("skillgraph")
    if found is None:
        raise RuntimeError("the skillgraph command is not installed (pip install -e '.[bench]')")
    return found


@contextmanager
def api_server(store: Path, workers: int, query_workers: int) -> Iterator[Server]:
    command = [_skillgraph(), "serve", "--store", str(store), "--port", "{port}", "--workers", str(workers)]
    # Every load client comes from 127.0.0.1, one "client" for the per-client limits: lifted.
    env = {"SKILLGRAPH_QUERY_WORKERS": str(query_workers), "SKILLGRAPH_ADMISSION_WAIT": "30",
           "SKILLGRAPH_CLIENT_MAX_CONCURRENT": "0", "SKILLGRAPH_CLIENT_BUDGET_SECONDS": "0"}
    with _running(command, f"skillgraph serve --workers {workers}", "/health", 120, env) as server:
        yield server


@contextmanager
def oxigraph_server(release: Path) -> Iterator[Server]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        raise RuntimeError("the oxigraph server binary is not installed (pip install oxigraph)")
    command = [binary, "serve-read-only", "--location", str(release), "--bind", "127.0.0.1:{port}", "--union-default-graph"]
    with _running(command, "oxigraph serve-read-only", "/query?query=ASK%7B%7D", 60) as server:
        yield server


@contextmanager
def rdflib_server(nquads: Path, timings: tuple[Path, Path] | None = None, timeout: float = 1800) -> Iterator[Server]:
    command = [sys.executable, str(_HERE / "rdflib_server.py"), str(nquads), "{port}", *map(str, timings or ())]
    with _running(command, "rdflib-endpoint", "/?query=ASK%7B%7D", timeout) as server:
        yield server
