"""Smoke test of the benchmark code (the full benchmark is not part of the suite): a tiny run of
the embedded timer, the load generator against a real HTTP server, and the report writer."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.embedded import catalogue, time_named_queries
from benchmarks.load import percentile, run_load
from benchmarks.report import ratios, write_report
from benchmarks.serving import with_values
from skillgraph.build import BuildReport
from skillgraph.store import current_release


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status = 200 if self.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_server() -> object:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("values", "share", "expected"), [([], 0.95, 0.0), ([3.0, 1.0, 2.0], 0.5, 2.0), (list(range(1, 101)), 0.95, 95)],
                         ids=["empty", "median", "p95"])
def test_percentile(values: list[float], share: float, expected: float) -> None:
    assert percentile(values, share) == expected


def test_load_counts_answers_and_errors(http_server: ThreadingHTTPServer) -> None:
    port = http_server.server_address[1]
    ok = run_load(f"http://127.0.0.1:{port}/ok", clients=2, seconds=0.3, warmup=0)
    assert ok.requests > 0 and ok.errors == 0 and ok.throughput > 0 and ok.p95_ms >= ok.median_ms
    missing = run_load(f"http://127.0.0.1:{port}/missing", clients=1, seconds=0.2, warmup=0)
    assert missing.requests == 0 and missing.errors > 0


def test_with_values_asks_the_same_question(store: ox.Store) -> None:
    query = catalogue()["regulatory-masters-device-digital"]
    bound = list(store.query(query.text, use_default_graph_as_union=True, substitutions=query.substitutions({})))
    inlined = list(store.query(with_values(query), use_default_graph_as_union=True))
    assert len(bound) == len(inlined) == 8


def test_a_tiny_run_writes_both_reports(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    embedded = time_named_queries(current_release(built[0]), repeats=1, budget=0.5)
    assert embedded["job-card"]["rows"] == 14 and embedded["job-card"]["runs"] >= 1
    load = {"1": {"clients": 1, "requests": 10, "errors": 0, "seconds": 1, "throughput": 10.0, "median_ms": 1, "p95_ms": 2}}
    http = {
        "queries": ["job-card"],
        "api": {"1": {"/api/job-card": load}, "2": {"/api/job-card": {"1": {**load["1"], "throughput": 20.0}}}},
        "oxigraph": {"job-card": {"1": {**load["1"], "throughput": 30.0}}},
        "rdflib_endpoint": {"job-card": {"1": {**load["1"], "throughput": 0.1}}},
    }
    result = {
        "meta": {"date": "today", "machine": "test", "python": "3", "pyoxigraph": ox.__version__, "rdflib": "7", "command": "test"},
        "scales": [{"name": "reference", "quads": 1, "embedded": embedded, "http": http,
                    "steps": [{"name": "build study", "command": "b", "seconds": 2.0, "peak_mb": 1.0},
                              {"name": "import all", "command": "i", "seconds": 70.0, "peak_mb": 1.0}]}],
        "notes": ["a note"],
    }
    assert ratios(http)[0] | {} == {**ratios(http)[0], "api_vs_rdflib": 200.0, "api_vs_oxigraph": 0.667, "workers_speedup": 2.0}
    json_path, md_path = write_report(result, tmp_path, "tiny")
    written = json.loads(json_path.read_text(encoding="utf-8"))
    met = {t["target"]: t["met"] for t in written["targets"]}
    assert met["study graph built in < 3 s"] is True and met["reference graphs imported in < 60 s"] is False
    assert met["API ≥ 100× rdflib-endpoint, job-card, 1 clients"] is True
    assert met["API within 2× of oxigraph serve, job-card, 1 clients"] is True
    text = md_path.read_text(encoding="utf-8")
    assert "| job-card |" in text and "**no**" in text and "- a note" in text
