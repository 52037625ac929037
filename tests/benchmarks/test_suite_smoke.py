"""Smoke test of the benchmark code (the full benchmark is not part of the suite): the percentile,
the load generator against a real HTTP server, the answer comparison, and the report writer."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.answers import compare, concat_columns, embedded_answer, from_api_json, from_sparql_json
from benchmarks.embedded import catalogue, time_named_queries
from benchmarks.interleave import ratio_of_rounds
from benchmarks.load import percentile, run_load
from benchmarks.report import binding_verdict, ratios, write_report
from benchmarks.serving import bound_text
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


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [
        ([], 0.95, 0.0),
        ([7.0], 0.95, 7.0),
        ([3.0, 1.0, 2.0], 0.5, 2.0),  # ceil(1.5) = 2nd smallest
        (list(range(1, 101)), 0.95, 95),  # ceil(95) = 95th
        (list(range(1, 21)), 0.95, 19),  # ceil(19) = 19th of 20, not the maximum
        (list(range(1, 20)), 0.95, 19),  # ceil(18.05) = 19th of 19: nearest rank rounds up
        (list(range(1, 11)), 0.0, 1),
        (list(range(1, 11)), 1.0, 10),
    ],
    ids=["empty", "one-value", "median-of-three", "p95-of-100", "p95-of-20", "p95-of-19", "p0-is-min", "p100-is-max"],
)
def test_percentile_is_nearest_rank(values: list[float], share: float, expected: float) -> None:
    assert percentile(values, share) == expected


@pytest.mark.parametrize("share", [-0.1, 1.5], ids=["negative", "above-one"])
def test_percentile_refuses_a_share_outside_0_1(share: float) -> None:
    with pytest.raises(ValueError, match="within 0"):
        percentile([1.0], share)


def test_load_counts_answers_and_errors(http_server: ThreadingHTTPServer) -> None:
    port = http_server.server_address[1]
    ok = run_load(f"http://127.0.0.1:{port}/ok", clients=2, seconds=0.3, warmup=0)
    assert ok.requests > 0 and ok.errors == 0 and ok.throughput > 0 and ok.p95_ms >= ok.median_ms
    missing = run_load(f"http://127.0.0.1:{port}/missing", clients=1, seconds=0.2, warmup=0)
    assert missing.requests == 0 and missing.errors > 0


def test_load_records_the_first_error(http_server: ThreadingHTTPServer) -> None:
    port = http_server.server_address[1]
    missing = run_load(f"http://127.0.0.1:{port}/missing", clients=1, seconds=0.1, warmup=0)
    assert missing.first_error is not None and missing.first_error.startswith("HTTP 404")


@pytest.mark.parametrize("name", ["programmes-lacking-topic", "regulatory-masters-device-digital", "programme-coverage-by-phase"],
                         ids=["optional-and-minus", "values-only", "group-concat"])
def test_the_bound_text_asks_the_same_question(store: ox.Store, name: str) -> None:
    query = catalogue()[name]
    expected = embedded_answer(store, query)
    solutions = store.query(bound_text(query), use_default_graph_as_union=True)
    document = ox.QueryResultsFormat.JSON
    body = solutions.serialize(format=document)
    assert compare(expected, from_sparql_json(body, expected.variables, concat_columns(query.text))) is None
    assert expected.size > 0


def test_concat_columns_finds_group_concat_and_its_separator() -> None:
    text = """SELECT ?a (GROUP_CONCAT(DISTINCT ?x; separator=", ") AS ?xs)
                     (COALESCE(GROUP_CONCAT(?y; separator=" | "), "") AS ?ys)
                     (REPLACE(GROUP_CONCAT(?z), "a", "b") AS ?zs) (COUNT(?w) AS ?n) WHERE { }"""
    assert concat_columns(text) == {"xs": ", ", "ys": " | ", "zs": " "}


def test_compare_ignores_group_concat_order_but_not_a_missing_part() -> None:
    variables = ("p", "xs", "n")
    concat = {"xs": ", "}

    def answer(xs: str, n: str) -> object:
        row = {"p": {"type": "uri", "value": "http://x/p"}, "xs": {"type": "literal", "value": xs},
               "n": {"type": "literal", "value": n, "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}}
        return from_sparql_json(json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": [row]}}), variables, concat)

    expected = answer("a, b", "0.50")
    assert compare(expected, answer("b, a", "0.5")) is None  # order of parts, lexical form of a number
    assert compare(expected, answer("a", "0.5")) is not None
    assert compare(expected, answer("a, b", "0.6")) is not None
    api = json.dumps({"total": 1, "rows": [{"p": "http://x/p", "xs": "b, a", "n": 0.5}]})
    assert compare(expected, from_api_json(api, variables, concat)) is None
    with pytest.raises(ValueError, match="1 of 2 rows"):
        from_api_json(json.dumps({"total": 2, "rows": [{"p": "http://x/p"}]}), variables, concat)


def test_ratio_of_rounds_is_the_median_of_per_round_ratios() -> None:
    assert ratio_of_rounds([10, 20, 30], [10, 10, 10]) == 2.0
    assert ratio_of_rounds([10, 20], [0, 10]) == 2.0  # a round where the other had nothing is skipped
    assert ratio_of_rounds([10], []) is None


def _timing(server: str, query: str, route: str, rounds: list[float]) -> dict[str, object]:
    return {"server": server, "query": query, "route": route, "rounds": rounds, "throughput": sorted(rounds)[len(rounds) // 2],
            "requests": 10, "errors": 0, "seconds": 1, "median_ms": 1, "p95_ms": 2, "first_error": None}


def test_the_report_computes_targets_from_interleaved_rounds(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    embedded = time_named_queries(current_release(built[0]), repeats=1, budget=0.5)
    assert embedded["job-card"]["rows"] == 14 and embedded["job-card"]["runs"] >= 1
    api = {"label": "API", "command": "c", "processes": 1, "threads_idle": 1, "settings": {}}
    http = {
        "queries": ["job-card", "lookup"],
        "servers": {"api-1": api, "api-2": api, "oxigraph": api, "rdflib": api},
        "checks": [{"server": "rdflib", "query": "lookup", "route": "/ lookup", "status": "failed", "message": "HTTP 400: NotBound"}],
        "timings": {"1": {t["server"] + " " + t["route"]: t for t in [  # type: ignore[operator]
            _timing("api-1", "job-card", "/api/job-card", [10, 10, 10]),
            _timing("api-2", "job-card", "/api/job-card", [20, 30, 20]),
            _timing("oxigraph", "job-card", "/query job-card", [40, 20, 20]),
            _timing("rdflib", "job-card", "/ job-card", [0.1, 0.1, 0.1]),
            _timing("api-2", "lookup", "/api/lookup", [5, 5, 5]),
        ]}, "8": {t["server"] + " " + t["route"]: t for t in [  # type: ignore[operator]
            _timing("api-1", "job-card", "/api/job-card", [100, 100, 100]),
            _timing("api-2", "job-card", "/api/job-card", [150, 150, 150]),
            _timing("oxigraph", "job-card", "/query job-card", [300, 300, 300]),
            _timing("rdflib", "job-card", "/ job-card", [3, 3, 3]),
        ]}},
        "rounds": 3, "seconds_per_round": 1,
    }
    result = {
        "meta": {"date": "today", "machine": "test", "python": "3", "pyoxigraph": ox.__version__, "rdflib": "7", "command": "test",
                 "load_start": [1.0, 2.0, 3.0], "load_end": [2.0, 2.0, 3.0]},
        "scales": [{"name": "reference", "quads": 1, "embedded": embedded, "http": http,
                    "steps": [{"name": "build study", "command": "b", "seconds": 2.0, "peak_mb": 1.0},
                              {"name": "import all", "command": "i", "seconds": 70.0, "peak_mb": 1.0}]}],
        "notes": ["a note"],
    }
    first = ratios(http)[0]
    # Per-round ratios 0.5, 1.5, 1.0 -> median 1.0 (the ratio of the medians would be 20/20 too, but 2.0 for 1 worker).
    assert (first["api_vs_rdflib"], first["api_vs_oxigraph"], first["workers_speedup"]) == (200.0, 1.0, 2.0)
    json_path, md_path = write_report(result, tmp_path, "tiny")
    written = json.loads(json_path.read_text(encoding="utf-8"))
    met = {t["target"]: (t["met"], t["measured"]) for t in written["targets"]}
    assert met["study graph built in < 3 s"][0] is True and met["reference graphs imported in < 60 s"][0] is False
    # Throughput over rdflib-endpoint is judged under the most clients; with one it is a latency ratio, shown only.
    assert met["API ≥ 100× rdflib-endpoint, job-card, 8 clients"] == (False, "50.0×")
    assert met["API / rdflib-endpoint, job-card, 1 clients (latency-bound, not a throughput target)"] == (
        None, "200.0×; oxigraph serve itself 200.0×")
    assert met["API within 2× of oxigraph serve, job-card, 1 clients"] == (True, "1.0×")
    assert met["API within 2× of oxigraph serve, job-card, 8 clients"] == (True, "0.5×")
    assert met["API ≥ 100× rdflib-endpoint, lookup, 1 clients"] == (None, "no ratio: rdflib-endpoint failed: HTTP 400: NotBound")
    text = md_path.read_text(encoding="utf-8")
    assert "| job-card |" in text and "**no**" in text and "| n/a |" in text and "- a note" in text
    assert "at start 1.00 / 2.00 / 3.00" in text
    # Both binding forms are timed for every query, and the report sets them side by side.
    assert embedded["regulatory-masters-device-digital"]["binding"] == "values"
    assert embedded["job-card"]["binding"] == "substitutions" and embedded["job-card"]["other_median_ms"] > 0
    assert "| regulatory-masters-device-digital | values |" in text


@pytest.mark.slow
def test_the_quick_run_checks_every_answer_then_times_side_by_side(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    from benchmarks.run import main

    assert main(["--quick", "--study-store", str(built[0]), "--work", str(tmp_path / "work"), "--out", str(tmp_path),
                 "--stem", "quick"]) == 0
    result = json.loads((tmp_path / "quick.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in result["scales"]] == ["study"] and len(result["meta"]["load_end"]) == 3
    http = result["scales"][0]["http"]
    assert set(http["servers"]) == {"api-1", "api-2", "oxigraph", "rdflib"}
    assert http["servers"]["api-2"]["settings"] == {"SKILLGRAPH_CLIENT_MAX_CONCURRENT": "0", "SKILLGRAPH_CLIENT_BUDGET_SECONDS": "0"}
    status = {(c["server"], c["route"]): c["status"] for c in http["checks"]}
    # Our servers and oxigraph give the embedded answer to every gap query, on every route.
    assert all(v == "ok" for (server, _), v in status.items() if server in {"api-1", "api-2", "oxigraph"})
    assert status[("rdflib", "/ regulatory-masters-device-digital")] == "ok"
    assert status[("rdflib", "/ programmes-lacking-topic")] == "failed"  # rdflib's NotBoundError
    assert status[("rdflib", "/ programmes-teaching-two-topics")] == "wrong"
    timed = set(http["timings"]["1"])
    assert timed == {f"{server} {route}" for (server, route), v in status.items() if v == "ok" and "embedded" not in server}
    assert all(len(t["rounds"]) == 2 and t["requests"] > 0 for t in http["timings"]["1"].values())
    assert http["timings"]["1"]["oxigraph /query regulatory-masters-device-digital"]["max_threads"] >= 2
    rows = {r["query"]: r for r in ratios(http)}
    assert rows["regulatory-masters-device-digital"]["api_vs_rdflib"] is not None
    assert rows["programmes-lacking-topic"]["api_vs_rdflib"] is None and rows["programmes-lacking-topic"]["api_vs_oxigraph"] is not None
    assert "**failed**" in (tmp_path / "quick.md").read_text(encoding="utf-8")


def _forms(**scales: tuple[float, float]) -> dict[str, dict[str, float]]:
    return {name: {"median_ms": served, "other_median_ms": other} for name, (served, other) in scales.items()}


@pytest.mark.parametrize(
    ("form", "timed", "verdict"),
    [
        ("values", _forms(study=(2, 4), reference=(3, 8), synthetic=(10, 95)), "as measured"),
        ("substitutions", _forms(study=(2, 4), reference=(3, 8)), "as measured"),
        ("substitutions", _forms(study=(4, 2), reference=(8, 3)), "**revisit: values**"),
        # Faster inlined on the reference graph but slower on the study: stays substituted.
        ("substitutions", _forms(study=(6.2, 6.6), reference=(11.0, 9.0)), "as measured"),
        ("values", _forms(study=(6.6, 6.2), reference=(9.0, 11.0)), "**revisit: substitutions**"),
        # Faster inlined everywhere, but by less than 1.1x on the reference graph.
        ("values", _forms(study=(5, 6), reference=(10.0, 10.5)), "**revisit: substitutions**"),
        ("values", _forms(study=(5, 6)), ""),
    ],
    ids=["values-kept", "substitutions-kept", "substitutions-should-be-values", "mixed-stays-substituted",
         "values-slower-somewhere", "values-gain-too-small", "no-reference-scale"],
)
def test_the_report_checks_each_header_binding_form_against_its_timings(
        form: str, timed: dict[str, dict[str, float]], verdict: str) -> None:
    assert binding_verdict(form, timed) == verdict

