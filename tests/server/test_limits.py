"""Time limits, row caps, network refusal and updates, against a live server where it matters."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport, build
from skillgraph.server import create_app
from skillgraph.settings import Settings

from ..conftest import DATA, ONTOLOGY
from ..live import serving

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _get(base: str, query: str, timeout: float = 30) -> tuple[int, dict, float]:
    started = time.perf_counter()
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.load(response), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        with error:
            body = json.loads(error.read())
            if error.code == 503:
                body["retry_after"] = error.headers.get("Retry-After")
            return error.code, body, time.perf_counter() - started


#: The process id of each server started by `_serve`, by base URL.
SERVER_PIDS: dict[str, int] = {}


def _serve(root: Path, log: Path, settings: dict[str, str]) -> Iterator[str]:
    # The pool's own limits are tested here: no per-client cap unless a test asks for one.
    env = {**os.environ, "SKILLGRAPH_CLIENT_MAX_CONCURRENT": "0", "SKILLGRAPH_CLIENT_BUDGET_SECONDS": "0", **settings}
    with serving(root, log, env=env) as live:
        SERVER_PIDS[live.base] = live.process.pid
        _get(live.base, "ASK {}")  # start the workers
        yield live.base


@pytest.fixture(scope="module")
def server(built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("limits") / "server.log"
    limits = {"SKILLGRAPH_QUERY_TIMEOUT": "1", "SKILLGRAPH_QUERY_WORKERS": "2", "SKILLGRAPH_MAX_ROWS": "50"}
    yield from _serve(built[0], log, limits)


@pytest.fixture(scope="module")
def one_worker(built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("busy") / "server.log"
    limits = {"SKILLGRAPH_QUERY_TIMEOUT": "3", "SKILLGRAPH_QUERY_WORKERS": "1", "SKILLGRAPH_ADMISSION_WAIT": "0.2"}
    yield from _serve(built[0], log, limits)


def test_more_heavy_queries_than_workers_are_refused_at_once(one_worker: str) -> None:
    results: dict[str, tuple[int, dict, float]] = {}
    heavy = threading.Thread(target=lambda: results.update(heavy=_get(one_worker, CARTESIAN)))
    heavy.start()
    time.sleep(0.5)
    status, body, elapsed = _get(one_worker, "ASK {}")
    started = time.perf_counter()
    with urllib.request.urlopen(f"{one_worker}/health", timeout=5) as health:
        assert health.status == 200
    health_time = time.perf_counter() - started
    heavy.join(timeout=30)
    assert status == 503 and body["error"] == "busy" and elapsed < 1.5 and body["retry_after"] == "2"
    assert health_time < 0.3  # /health needs no worker
    assert results["heavy"][0] == 503 and results["heavy"][1]["error"] == "timeout"


def _workers(server_pid_parent: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server_pid_parent)], capture_output=True, text=True, check=False)
    return {int(p) for p in out.stdout.split()}


def test_a_runaway_query_is_stopped_with_503_while_others_are_answered(server: str) -> None:
    results: dict[str, tuple[int, dict, float]] = {}
    slow = threading.Thread(target=lambda: results.update(slow=_get(server, CARTESIAN)))
    slow.start()
    time.sleep(0.3)
    results["fast"] = _get(server, "ASK {}")
    slow.join(timeout=30)
    status, body, elapsed = results["slow"]
    assert status == 503 and body["error"] == "timeout"
    assert elapsed < 5
    assert results["fast"][0] == 200 and results["fast"][2] < 0.3
    # The pool refills: the next queries are answered.
    time.sleep(1.5)
    assert _get(server, "ASK {}")[0] == 200
    assert _get(server, "ASK {}")[0] == 200


def test_the_killed_worker_frees_its_cpu(built: tuple[Path, BuildReport]) -> None:
    with TestClient(create_app(Settings(store_dir=built[0], query_timeout=0.5, query_workers=1))) as client:
        client.get("/sparql", params={"query": "ASK {}"})
        executor = client.app.state.executor  # type: ignore[attr-defined]
        (before,) = executor.pids()
        response = client.get("/sparql", params={"query": CARTESIAN})
        assert response.status_code == 503 and response.json()["error"] == "timeout"
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline and _alive(before):
            time.sleep(0.05)
        assert not _alive(before), "the worker past its time limit is still running"
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        assert executor.pids() and before not in executor.pids()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child not yet reaped is a zombie: it uses no CPU.
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def test_the_row_cap_is_explicit_never_a_truncated_200(server: str) -> None:
    status, body, _ = _get(server, "SELECT ?s WHERE { ?s a ?c } LIMIT 51")
    assert status == 422 and body["error"] == "row_limit" and "50" in body["message"]
    assert _get(server, "SELECT ?s WHERE { ?s a ?c } LIMIT 50")[0] == 200


class _Listener:
    """A TCP listener on loopback that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE # comment\n <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX r: <{url}> SELECT * WHERE {{ SERVICE r: {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ],
    ids=["plain", "lower-silent", "escaped", "comment", "prefixed", "variable"],
)
def test_service_never_reaches_the_network(server: str, template: str) -> None:
    listener = _Listener()
    try:
        status, body, _ = _get(server, template.format(url=f"http://127.0.0.1:{listener.port}/sparql"))
        time.sleep(0.2)
        assert status == 403 and body["error"] == "network_access_refused"
        assert listener.connections == 0
    finally:
        listener.close()


@pytest.mark.parametrize(
    "template",
    ["SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"],
    ids=["from", "from-named"],
)
def test_from_does_not_fetch(server: str, template: str) -> None:
    listener = _Listener()
    try:
        status, _, _ = _get(server, template.format(url=f"http://127.0.0.1:{listener.port}/g.ttl"))
        time.sleep(0.2)
        assert status == 200 and listener.connections == 0
    finally:
        listener.close()


def test_updates_need_enabling_and_the_token(data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "store"
    build(ONTOLOGY, data_copy if data_copy.exists() else DATA, root)
    update = 'INSERT DATA { GRAPH <http://example.org/mine> { <http://example.org/a> <http://example.org/p> "v" } }'
    ask = "ASK { GRAPH <http://example.org/mine> { ?s ?p ?o } }"
    headers = {"Content-Type": "application/sparql-update"}
    with TestClient(create_app(Settings(store_dir=root, query_workers=1))) as client:
        assert client.post("/sparql", content=update, headers=headers).status_code == 403
    settings = Settings(store_dir=root, query_workers=1, allow_updates=True, update_token="s3cret")
    with TestClient(create_app(settings)) as client:
        assert client.post("/sparql", content=update, headers=headers).status_code == 401
        with caplog.at_level("WARNING", logger="skillgraph.server"):
            wrong = client.post("/sparql", content=update, headers={**headers, "Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "wrong bearer token" in caplog.text
        assert client.get("/sparql", params={"query": ask}).json()["boolean"] is False
        done = client.post("/sparql", content=update, headers={**headers, "Authorization": "Bearer s3cret"})
        assert done.status_code == 200, done.text
        assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True
        load = client.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"}, headers={"Authorization": "Bearer s3cret"})
        assert load.status_code == 403 and load.json()["error"] == "network_access_refused"


def _raw(base: str, request: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_an_oversized_url_is_414(server: str) -> None:
    status, body, _ = _get(server, "ASK { " + "?s ?p ?o . " * 3000 + "}")
    assert status == 414 and body["error"] == "uri_too_long"


def test_an_oversized_declared_body_is_413_before_it_is_sent(server: str) -> None:
    # Only the headers go out: the server must answer without waiting for 50 MB.
    answer = _raw(server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                          b"Content-Length: 50000000\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413") and b"body_too_large" in answer


def test_an_oversized_chunked_body_is_413(server: str) -> None:
    # A body with no declared length is counted as it arrives: past the limit (1 MB) the
    # server answers 413 without waiting for the end of the body, which never comes here.
    host, port = server.removeprefix("http://").split(":")
    chunk = b"#" * 65536
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        for _ in range(17):  # 1.1 MB
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        answer = b""
        while b"body_too_large" not in answer and (piece := sock.recv(65536)):
            answer += piece
    assert answer.startswith(b"HTTP/1.1 413") and b"body_too_large" in answer


def test_a_body_under_the_limit_is_answered(server: str) -> None:
    query = b"ASK {}" + b" " * 5000
    answer = _raw(server, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                          b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(query), query))
    assert answer.startswith(b"HTTP/1.1 200")


RUNAWAY = {
    "sort": "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?b ?d LIMIT 5",
    "group": "SELECT ?b ?d (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d } GROUP BY ?b ?d LIMIT 5",
}


@pytest.fixture(scope="module")
def small_memory(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    # A long time limit, so that only the memory limit can stop these queries.
    settings = Settings(store_dir=built[0], query_timeout=60, query_workers=1, worker_memory_mb=256)
    with TestClient(create_app(settings)) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        yield client


@pytest.mark.parametrize("kind", sorted(RUNAWAY))
def test_a_runaway_query_past_the_memory_limit_is_503_and_the_next_is_answered(small_memory: TestClient, kind: str) -> None:
    executor = small_memory.app.state.executor  # type: ignore[attr-defined]
    (before,) = executor.pids()
    started = time.perf_counter()
    response = small_memory.get("/sparql", params={"query": RUNAWAY[kind]})
    assert time.perf_counter() - started < 30
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert response.json()["error"] == "out_of_memory" and "256 MB" in response.json()["message"]
    assert small_memory.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    (after,) = executor.pids()
    assert after != before and not _alive(before)


def test_the_memory_limit_is_on_by_default_and_leaves_room_for_real_queries(built: tuple[Path, BuildReport]) -> None:
    settings = Settings(store_dir=built[0], query_workers=1)
    assert settings.worker_memory_mb > 0
    whole = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)"
    with TestClient(create_app(settings)) as client:
        assert client.get("/sparql", params={"query": whole}).status_code == 200
        (pid,) = client.app.state.executor.pids()  # type: ignore[attr-defined]
        with open(f"/proc/{pid}/limits", encoding="ascii") as limits:
            line = next(row for row in limits if row.startswith("Max address space"))
        limit = int(line.split()[3])
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        assert size < limit <= size + (settings.worker_memory_mb + 512) * 1024 * 1024
