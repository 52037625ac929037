"""A real ``skillgraph serve`` on a loopback port, for the tests where the protocol matters.

One way to start, wait for and stop a server, shared by the live, limits, conformance and
browser tests: the server runs as its own process (as a user runs it), its output goes to a
log file that start-up errors quote, and stopping it also stops query workers a request kept
alive past the graceful shutdown.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LiveServer", "free_port", "serving", "stop"]


@dataclass(frozen=True)
class LiveServer:
    base: str
    port: int
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(
    store: Path, log: Path, *, env: Mapping[str, str] | None = None, cwd: Path | None = None, start_timeout: float = 60
) -> Iterator[LiveServer]:
    """``python -m skillgraph serve --store STORE`` on a free port, once ``/health`` answers 200."""
    port = free_port()
    environment = dict(os.environ if env is None else env)
    environment.setdefault("PYTHONUNBUFFERED", "1")
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "skillgraph", "serve", "--host", "127.0.0.1", "--port", str(port), "--store", str(store)],
            stdout=sink, stderr=subprocess.STDOUT, env=environment, cwd=cwd,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process, log, start_timeout)
        yield LiveServer(base, port, process)
    finally:
        stop(process)


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:
                response.read()
            return
        except urllib.error.HTTPError as error:
            error.close()  # an answer, but not yet healthy: try again
        except (urllib.error.URLError, ConnectionError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not become healthy: {log.read_text()}")
        time.sleep(0.2)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server; if a request holds up its graceful shutdown, kill it and its query workers."""
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(process.pid)], capture_output=True, text=True, check=False)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    for pid in children.stdout.split():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if b"spawn_main" in cmdline.read():  # still our query worker, not a reused pid
                    os.kill(int(pid), 9)
        except (FileNotFoundError, ProcessLookupError):
            pass
