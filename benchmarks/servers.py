"""Start the servers compared, each on a free loopback port, all at once, and stop them afterwards.

- the API: ``skillgraph serve --workers N`` on a store, with the settings a production user
  gets (every ``SKILLGRAPH_*`` of the caller's environment dropped, so defaults apply) except
  the per-client limits, lifted because every load client comes from 127.0.0.1:
  ``SKILLGRAPH_CLIENT_MAX_CONCURRENT=0`` and ``SKILLGRAPH_CLIENT_BUDGET_SECONDS=0``;
- ``oxigraph``: the native server run as its documentation says for serving a store that
  another process may also open, ``oxigraph serve-read-only --location <release>
  --union-default-graph`` (the PyPI package ``oxigraph`` ships the binary). It has no thread
  setting: its HTTP layer (oxhttp) starts one thread per connection, bounded by
  128 × available cores; the benchmark records the threads it saw;
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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Server", "ServerSpec", "api_spec", "free_port", "oxigraph_spec", "rdflib_spec", "running"]

_HERE = Path(__file__).resolve().parent
_UNLIMITED_CLIENTS = {"SKILLGRAPH_CLIENT_MAX_CONCURRENT": "0", "SKILLGRAPH_CLIENT_BUDGET_SECONDS": "0"}


@dataclass(frozen=True)
class ServerSpec:
    """How to start one server: ``{port}`` in the command is replaced by a free port."""

    key: str
    label: str
    command: tuple[str, ...]
    ready_path: str
    timeout: float
    env: dict[str, str] = field(default_factory=dict)
    clean_env_prefix: str | None = None  # variables of the caller's environment dropped


class Server:
    """A running server process and its base URL."""

    def __init__(self, spec: ServerSpec, process: subprocess.Popen[bytes], port: int) -> None:
        self.spec = spec
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.command = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(process.args))  # type: ignore[arg-type]

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.spec.label} exited with {self.process.returncode} before it was ready")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", self.spec.ready_path)
                status = conn.getresponse().status
                conn.close()
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.spec.label} not ready on port {self.port} within {self.spec.timeout:.0f} s")

    def threads(self) -> int:
        """Threads of the server's main process now (0 where /proc is absent)."""
        return _threads(self.process.pid)

    def processes(self) -> int:
        return len(_tree(self.process.pid))

    def terminate(self) -> None:
        """Ask the whole process group to stop (uvicorn's workers and the query workers go too)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _tree(root: int) -> list[int]:
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    parents: dict[int, int] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _threads(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("Threads:")), 0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _launch(spec: ServerSpec) -> Server:
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in spec.command]
    base = {k: v for k, v in os.environ.items() if not (spec.clean_env_prefix and k.startswith(spec.clean_env_prefix))}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                               env={**base, **spec.env})
    return Server(spec, process, port)


@contextmanager
def running(specs: Sequence[ServerSpec]) -> Iterator[dict[str, Server]]:
    """Start every server at once (their start-up overlaps), wait until each answers, stop them all."""
    servers: dict[str, Server] = {}
    try:
        for spec in specs:
            servers[spec.key] = _launch(spec)
        for server in servers.values():
            server.wait_ready(time.monotonic() + server.spec.timeout)
        yield servers
    finally:
        for server in servers.values():  # all asked at once: their shutdowns overlap
            server.terminate()
        for server in servers.values():
            server.stop()


def _binary(name: str, hint: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise RuntimeError(f"the {name} command is not installed ({hint})")
    return found


def api_spec(store: Path, workers: int, query_workers: int | None = None) -> ServerSpec:
    """``skillgraph serve --workers N``; ``query_workers`` None keeps the production default."""
    command = (_binary("skillgraph", "pip install -e '.[bench]'"), "serve", "--store", str(store), "--port", "{port}",
               "--workers", str(workers))
    env = dict(_UNLIMITED_CLIENTS)
    if query_workers is not None:
        env["SKILLGRAPH_QUERY_WORKERS"] = str(query_workers)
    return ServerSpec(f"api-{workers}", f"API, {workers} worker{'s' if workers > 1 else ''}", command, "/health", 120,
                      env, clean_env_prefix="SKILLGRAPH_")


def oxigraph_spec(release: Path) -> ServerSpec:
    command = (_binary("oxigraph", "pip install oxigraph"), "serve-read-only", "--location", str(release),
               "--bind", "127.0.0.1:{port}", "--union-default-graph")
    return ServerSpec("oxigraph", "oxigraph serve-read-only", command, "/query?query=ASK%7B%7D", 60)


def rdflib_spec(nquads: Path, queries: Path, answers: Path, timeout: float = 3600) -> ServerSpec:
    command = (sys.executable, str(_HERE / "rdflib_server.py"), str(nquads), "{port}", str(queries), str(answers))
    return ServerSpec("rdflib", "rdflib-endpoint", command, "/?query=ASK%7B%7D", timeout)
