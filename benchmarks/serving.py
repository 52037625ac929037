"""HTTP throughput and latency, side by side: the API (1 and N processes, its REST route and its
/sparql), the native Oxigraph server, rdflib-endpoint, and rdflib's own engine embedded, on the
same gap queries of one scale.

Every server that gets the query as text gets the same text: the named query with its default
parameters joined in by `skillgraph.binding` (a VALUES block in every group that names the
parameter, terms written by pyoxigraph), the form proven equivalent to ``substitutions=`` by
``tests/test_binding.py`` and ``tests/remote/``. Every answer is checked once against the
embedded answer (`answers`) before anything is timed; a server that answers wrongly or fails is
reported with its status and message and never timed. The servers run at the same time and
are timed in interleaved rounds (`interleave`).
"""

from __future__ import annotations

import http.client
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from skillgraph.catalogue import NamedQuery
from skillgraph.binding import bind_values

from .answers import Answer, compare, concat_columns, embedded_answer, from_api_json, from_sparql_json
from .embedded import catalogue
from .interleave import Target, interleaved
from .load import percentile
from .scales import Scale
from .servers import Server, ServerSpec, api_spec, oxigraph_spec, rdflib_spec, running

__all__ = ["GAP_QUERIES", "HttpPlan", "bench_http", "bound_text"]

#: The main gap questions compared across servers (default parameters): the first is answered
#: right by every comparator (so the ratios exist); rdflib fails the second (NotBoundError on an
#: unbound GROUP_CONCAT variable) and answers the third wrongly.
GAP_QUERIES = ("regulatory-masters-device-digital", "programmes-lacking-topic", "programmes-teaching-two-topics")
_SPARQL = (("Content-Type", "application/sparql-query"), ("Accept", "application/sparql-results+json"))
_FLOOR_ASK = "/query?query=ASK%7B%7D"


@dataclass(frozen=True)
class HttpPlan:
    """What to measure on one scale."""

    workers: tuple[int, ...] = (1, 2)
    query_workers: int | None = None  # None: the production default
    clients: tuple[int, ...] = (1, 8)
    rounds: int = 5
    seconds: float = 1.0
    comparators: bool = True
    queries: tuple[str, ...] = GAP_QUERIES
    rdflib_budget: float = 10.0  # seconds of rdflib embedded timing per query


def bound_text(query: NamedQuery) -> str:
    """The query with its default parameters joined in, as every text server gets it."""
    return bind_values(query.text, query.substitutions({}))


def _targets(servers: dict[str, Server], gaps: dict[str, NamedQuery]) -> list[Target]:
    out = []
    for key, server in servers.items():
        if key.startswith("api-"):
            out.append(Target(key, "floor", "/health", server.url + "/health"))
        elif key == "oxigraph":
            out.append(Target(key, "floor", "ASK {}", server.url + _FLOOR_ASK))
        else:
            out.append(Target(key, "floor", "ASK {}", server.url + "/?query=ASK%7B%7D"))
        for name, query in gaps.items():
            body = bound_text(query).encode("utf-8")
            if key.startswith("api-"):
                out.append(Target(key, name, f"/api/{name}", f"{server.url}/api/{name}?{urlencode({'limit': 1000})}"))
                out.append(Target(key, name, f"/sparql {name}", server.url + "/sparql", body, _SPARQL))
            elif key == "oxigraph":
                out.append(Target(key, name, f"/query {name}", server.url + "/query", body, _SPARQL))
            else:
                out.append(Target(key, name, f"/ {name}", server.url + "/", body, _SPARQL))
    return out


def _fetch(target: Target) -> tuple[int, bytes]:
    parts = urlsplit(target.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("POST" if target.body is not None else "GET", path, body=target.body, headers=dict(target.headers))
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def check(target: Target, expected: Answer | None, concat: dict[str, str]) -> dict[str, str]:
    """One request to ``target``; its answer against the embedded one: status ok, wrong or failed."""
    out = {"server": target.server, "query": target.query, "route": target.route}
    try:
        status, body = _fetch(target)
    except (OSError, http.client.HTTPException) as exc:
        return {**out, "status": "failed", "message": f"{type(exc).__name__}: {exc}"}
    if status != 200:
        return {**out, "status": "failed", "message": f"HTTP {status}: {body[:400].decode('utf-8', 'replace')}"}
    if expected is None:
        return {**out, "status": "ok", "message": "HTTP 200"}
    parse = from_api_json if target.route.startswith("/api/") else from_sparql_json
    try:
        got = parse(body, expected.variables, concat)
    except (ValueError, KeyError, TypeError) as exc:
        return {**out, "status": "failed", "message": f"unreadable answer ({type(exc).__name__}: {exc}): {body[:200]!r}"}
    difference = compare(expected, got)
    if difference:
        return {**out, "status": "wrong", "message": difference}
    return {**out, "status": "ok", "message": f"same {expected.size} rows"}


def _rdflib_embedded(path: Path, expected: dict[str, Answer], concat: dict[str, dict[str, str]]) -> list[dict[str, object]]:
    produced = json.loads(path.read_text(encoding="utf-8"))
    rows: list[dict[str, object]] = []
    for name, item in produced["queries"].items():
        entry: dict[str, object] = {"server": "rdflib (embedded)", "query": name, "route": f"Dataset.query {name}"}
        if "error" in item:
            rows.append({**entry, "status": "failed", "message": item["error"]})
            continue
        difference = compare(expected[name], from_sparql_json(item["answer"], expected[name].variables, concat[name]))
        if difference:
            rows.append({**entry, "status": "wrong", "message": difference})
            continue
        times = sorted(item["times"])
        rows.append({**entry, "status": "ok", "message": f"same {expected[name].size} rows", "runs": len(times),
                     "median_ms": round(times[len(times) // 2] * 1000, 3) if times else None,
                     "p95_ms": round(percentile(times, 0.95) * 1000, 3) if times else None})
    rows.append({"server": "rdflib (embedded)", "query": "load", "route": "Dataset.parse", "status": "ok",
                 "message": f"{produced['load_seconds']} s to load the N-Quads"})
    return rows


@contextmanager
def _comparator_files(scale: Scale, gaps: dict[str, NamedQuery], plan: HttpPlan) -> Iterator[tuple[Path, Path, Path]]:
    with tempfile.TemporaryDirectory(prefix="skillgraph-bench-") as tmp:
        folder = Path(tmp)
        nquads = folder / "dataset.nq"
        if not plan.comparators:
            yield nquads, folder / "queries.json", folder / "answers.json"
            return
        ox.Store.read_only(str(scale.release)).dump(str(nquads), ox.RdfFormat.N_QUADS)
        items = [{"name": n, "text": bound_text(q), "budget": plan.rdflib_budget} for n, q in gaps.items()]
        (folder / "queries.json").write_text(json.dumps(items), encoding="utf-8")
        yield nquads, folder / "queries.json", folder / "answers.json"


def bench_http(scale: Scale, plan: HttpPlan) -> dict[str, object]:
    """Check, then time, every server on ``scale`` (see the module)."""
    named = catalogue()
    gaps = {name: named[name] for name in plan.queries if name in named}
    store = ox.Store.read_only(str(scale.release))
    expected = {name: embedded_answer(store, q) for name, q in gaps.items()}
    concat = {name: concat_columns(q.text) for name, q in gaps.items()}
    specs: list[ServerSpec] = [api_spec(scale.store, w, plan.query_workers) for w in plan.workers]
    with _comparator_files(scale, gaps, plan) as (nquads, queries, answers):
        if plan.comparators:
            specs += [oxigraph_spec(scale.release), rdflib_spec(nquads, queries, answers)]
        with running(specs) as servers:
            targets = _targets(servers, gaps)
            checks = [check(t, expected.get(t.query), concat.get(t.query, {})) for t in targets]
            if plan.comparators:
                checks += _rdflib_embedded(answers, expected, concat)
            passed = {(c["server"], c["route"]) for c in checks if c["status"] == "ok"}
            timed = [t for t in targets if (t.server, t.route) in passed]

            def sample(target: Target) -> int | None:
                return servers[target.server].threads() if target.server == "oxigraph" else None

            timings = {str(c): interleaved(timed, c, plan.rounds, plan.seconds, sample) for c in plan.clients}
            info = {key: {"label": s.spec.label, "command": s.command, "processes": s.processes(),
                          "threads_idle": s.threads(), "settings": {k: v for k, v in s.spec.env.items()}}
                    for key, s in servers.items()}
    return {"queries": list(gaps), "servers": info, "checks": checks, "timings": timings,
            "rounds": plan.rounds, "seconds_per_round": plan.seconds}
