"""HTTP throughput and latency, side by side: the API, its /sparql, the native Oxigraph server,
rdflib-endpoint and rdflib's own engine, on the same gap queries of one scale."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from skillgraph.catalogue import NamedQuery

from .embedded import catalogue
from .load import run_load
from .scales import Scale
from .servers import api_server, oxigraph_server, rdflib_server

__all__ = ["GAP_QUERIES", "bench_http", "with_values"]

#: The main gap questions compared across servers (default parameters).
GAP_QUERIES = ("regulatory-masters-device-digital", "programmes-lacking-topic")
_SPARQL = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def with_values(query: NamedQuery) -> str:
    """The query with its default parameters as a VALUES block opening its WHERE clause: the
    SPARQL protocol has no parameter binding, so this is how other servers get the same
    question. Terms are written by pyoxigraph (``str`` of a typed term), never by hand."""
    terms = query.substitutions({})
    block = "VALUES (" + " ".join(f"?{v.value}" for v in terms) + ") { (" + " ".join(str(t) for t in terms.values()) + ") }"
    head, sep, rest = query.text.partition("WHERE {")
    if not sep:
        raise ValueError(f"{query.name}: no 'WHERE {{' to open")
    return f"{head}WHERE {{\n  {block}\n{rest}"


def _loads(url: str, clients: tuple[int, ...], seconds: float, body: bytes | None = None,
           headers: dict[str, str] | None = None) -> dict[str, dict[str, float | int]]:
    return {str(c): run_load(url, c, seconds, body, headers).as_dict() for c in clients}


def _nquads(scale: Scale, folder: Path) -> Path:
    path = folder / "dataset.nq"
    ox.Store.read_only(str(scale.release)).dump(str(path), ox.RdfFormat.N_QUADS)
    return path


def bench_http(scale: Scale, workers: int, query_workers: int, clients: tuple[int, ...], seconds: float,
               comparators: bool) -> dict[str, object]:
    """Every measurement for ``scale``; with ``comparators``, also Oxigraph's server and rdflib."""
    named = catalogue()
    gaps = {name: named[name] for name in GAP_QUERIES if name in named}
    texts = {name: with_values(q).encode("utf-8") for name, q in gaps.items()}
    out: dict[str, object] = {"queries": list(gaps), "api": {}}
    for count in sorted({1, workers}):
        with api_server(scale.store, count, query_workers) as api:
            runs: dict[str, object] = {"health": _loads(api.url + "/health", clients, seconds)}
            for name in gaps:
                runs[f"/api/{name}"] = _loads(f"{api.url}/api/{name}?{urlencode({'limit': 1000})}", clients, seconds)
                runs[f"/sparql {name}"] = _loads(api.url + "/sparql", clients, seconds, texts[name], _SPARQL)
            out["api"][str(count)] = runs  # type: ignore[index]
    if not comparators:
        return out
    with oxigraph_server(scale.release) as native:
        runs = {"floor ASK": _loads(native.url + "/query?query=ASK%7B%7D", clients, seconds)}
        for name in gaps:
            runs[name] = _loads(native.url + "/query", clients, seconds, texts[name], _SPARQL)
        out["oxigraph"] = runs
    with tempfile.TemporaryDirectory(prefix="skillgraph-bench-") as tmp:
        folder = Path(tmp)
        plan = [{"name": n, "text": q.text, "bindings": {v.value: str(t) for v, t in q.substitutions({}).items()}}
                for n, q in gaps.items()]
        (folder / "queries.json").write_text(json.dumps(plan), encoding="utf-8")
        timings = (folder / "queries.json", folder / "timings.json")
        with rdflib_server(_nquads(scale, folder), timings) as endpoint:
            out["rdflib_embedded"] = json.loads(timings[1].read_text(encoding="utf-8"))
            runs = {}
            for name in gaps:
                runs[name] = _loads(endpoint.url + "/", clients, seconds, texts[name], _SPARQL)
            out["rdflib_endpoint"] = runs
    return out
