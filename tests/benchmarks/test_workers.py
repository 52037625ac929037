"""Several API worker processes: the setting, the app factory, and one real multi-process server."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from skillgraph.build import BuildReport
from skillgraph.server.app import create_app_from_env
from skillgraph.settings import Settings


@pytest.mark.parametrize(("env", "expected"), [(None, 1), ("3", 3)], ids=["default", "from-env"])
def test_http_workers_setting(monkeypatch: pytest.MonkeyPatch, env: str | None, expected: int) -> None:
    if env is None:
        monkeypatch.delenv("SKILLGRAPH_HTTP_WORKERS", raising=False)
    else:
        monkeypatch.setenv("SKILLGRAPH_HTTP_WORKERS", env)
    assert Settings().http_workers == expected


def test_the_factory_reads_the_environment(built: tuple[Path, BuildReport], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLGRAPH_STORE_DIR", str(built[0]))
    monkeypatch.setenv("SKILLGRAPH_QUERY_WORKERS", "3")
    app = create_app_from_env()
    assert app.state.settings.store_dir == built[0] and app.state.settings.query_workers == 3


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
def test_serve_with_two_workers_answers_from_two_processes(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # --store must reach the worker processes: run from a folder where the default store is absent.
    command = [sys.executable, "-m", "skillgraph", "serve", "--workers", "2", "--port", str(port), "--store", str(built[0])]
    env = {k: v for k, v in os.environ.items() if k != "SKILLGRAPH_STORE_DIR"}
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        answered = 0
        while time.monotonic() < deadline and answered < 5:
            assert process.poll() is None, f"the server exited with {process.returncode}"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/api/job-card")
                response = conn.getresponse()
                body = response.read()
                conn.close()
            except OSError:
                time.sleep(0.3)
                continue
            assert response.status == 200, body[:300]
            answered += 1
        assert answered == 5
        assert len(_children(process.pid)) >= 2  # uvicorn's supervisor and its two API processes
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
