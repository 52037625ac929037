"""A client that hangs up frees its worker at once: checked against a real uvicorn server."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.types import Message

from skillgraph.build import BuildReport
from skillgraph.server.context import DisconnectProbe

from .test_limits import CARTESIAN, SERVER_PIDS, _alive, _get, _serve

WORKERS = 2


@pytest.fixture(scope="module")
def server(built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("disconnect") / "server.log"
    # A long time limit: only the hang-up can stop the query within the test's bounds.
    limits = {"SKILLGRAPH_QUERY_TIMEOUT": "60", "SKILLGRAPH_QUERY_WORKERS": str(WORKERS)}
    yield from _serve(built[0], log, limits)


def _workers(base: str) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(SERVER_PIDS[base])], capture_output=True, text=True, check=False)
    return {int(p) for p in out.stdout.split() if _alive(int(p)) and _is_query_worker(int(p))}


def _is_query_worker(pid: int) -> bool:
    """A multiprocessing child running a query worker (not, say, the resource tracker)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return b"spawn_main" in cmdline.read()
    except FileNotFoundError:
        return False


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().split(") ")[1].split()
    except FileNotFoundError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _busy_worker(base: str, deadline: float) -> int:
    while time.monotonic() < deadline:
        before = {pid: _cpu_ticks(pid) for pid in _workers(base)}
        time.sleep(0.3)
        busy = [pid for pid, ticks in before.items() if _cpu_ticks(pid) - ticks >= 5]
        if busy:
            return busy[0]
    raise AssertionError("no worker started on the query")


def test_closing_the_connection_kills_the_worker_and_the_pool_refills(server: str) -> None:
    assert len(_workers(server)) == WORKERS
    host, port = server.removeprefix("http://").split(":")
    request = f"GET /sparql?{urllib.parse.urlencode({'query': CARTESIAN})} HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request.encode("ascii"))
        busy = _busy_worker(server, time.monotonic() + 10)
    hung_up = time.monotonic()
    # The server looks every 0.2 s; 5 s leaves room for a loaded machine, far below the 60 s
    # time limit that would otherwise be the first thing to stop this query.
    while _alive(busy) and time.monotonic() - hung_up < 5.0:
        time.sleep(0.05)
    assert not _alive(busy), "the worker of a query whose client hung up is still running"
    deadline = time.monotonic() + 30  # a fresh worker starts (imports, opens the store)
    while len(_workers(server)) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = _workers(server)
    assert len(workers) == WORKERS and busy not in workers
    assert _get(server, "ASK {}")[0] == 200


def test_a_client_that_waits_gets_its_answer(server: str) -> None:
    # The probe must not mistake a quiet client for a gone one.
    status, body, _ = _get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200 and int(body["results"]["bindings"][0]["n"]["value"]) > 10_000


def _probe(messages: list[Message]) -> tuple[DisconnectProbe, list[Message]]:
    queue = list(messages)

    async def receive() -> Message:
        if queue:
            return queue.pop(0)
        await asyncio.sleep(3600)  # nothing more from this client yet
        raise AssertionError("unreachable")

    return DisconnectProbe(receive), queue


def test_the_probe_never_steals_the_body() -> None:
    async def scenario() -> tuple[bool, Message, bool]:
        probe, _ = _probe([{"type": "http.request", "body": b"ASK {}", "more_body": False}])
        gone = await probe.disconnected()
        message = await probe.receive()
        return gone, message, await probe.disconnected()

    gone, message, still = asyncio.run(scenario())
    assert not gone and not still and message["body"] == b"ASK {}"


def test_the_probe_sees_a_hang_up() -> None:
    async def scenario() -> bool:
        probe, _ = _probe([{"type": "http.disconnect"}])
        return await probe.disconnected()

    assert asyncio.run(scenario())
