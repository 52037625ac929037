"""Write the benchmark results as JSON (everything) and Markdown (tables and ratios)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["ratios", "targets", "to_markdown", "write_report"]

_QUERY_P95_MS = 50.0
_API_VS_RDFLIB = 100.0
_API_VS_NATIVE = 0.5


def _tp(runs: dict[str, Any], key: str, clients: str) -> float | None:
    try:
        return float(runs[key][clients]["throughput"])
    except (KeyError, TypeError):
        return None


def ratios(http: dict[str, Any]) -> list[dict[str, Any]]:
    """API throughput against each other server, per gap query and number of clients."""
    rows = []
    api = http.get("api", {})
    best = max(api, key=int) if api else None
    for name in http.get("queries", []):
        for clients in sorted({c for runs in api.values() for c in runs.get(f"/api/{name}", {})}, key=int):
            mine = _tp(api[best], f"/api/{name}", clients) if best else None
            one = _tp(api.get("1", {}), f"/api/{name}", clients)
            native = _tp(http.get("oxigraph", {}), name, clients)
            rdflib = _tp(http.get("rdflib_endpoint", {}), name, clients)
            rows.append({
                "query": name, "clients": int(clients), "api_workers": int(best) if best else None,
                "api_rps": mine, "api_1_worker_rps": one, "oxigraph_rps": native, "rdflib_endpoint_rps": rdflib,
                "api_vs_rdflib": round(mine / rdflib, 1) if mine and rdflib else None,
                "api_vs_oxigraph": round(mine / native, 3) if mine and native else None,
                "workers_speedup": round(mine / one, 2) if mine and one else None,
            })
    return rows


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the figure measured and whether it is met."""
    out = []
    by_name = {s["name"]: s for s in result["scales"]}
    ref = by_name.get("reference")
    if ref:
        slow = {n: q["p95_ms"] for n, q in ref["embedded"].items() if q["p95_ms"] > _QUERY_P95_MS}
        out.append({"target": "every named query < 50 ms p95 embedded (study+ESCO+ROME)", "met": not slow,
                    "measured": "all under" if not slow else ", ".join(f"{n} {v:.0f} ms" for n, v in sorted(slow.items()))})
        for row in ratios(ref.get("http", {})):
            if row["api_vs_rdflib"] is not None:
                out.append({"target": f"API ≥ 100× rdflib-endpoint, {row['query']}, {row['clients']} clients",
                            "met": row["api_vs_rdflib"] >= _API_VS_RDFLIB, "measured": f"{row['api_vs_rdflib']}×"})
            if row["api_vs_oxigraph"] is not None:
                out.append({"target": f"API within 2× of oxigraph serve, {row['query']}, {row['clients']} clients",
                            "met": row["api_vs_oxigraph"] >= _API_VS_NATIVE, "measured": f"{row['api_vs_oxigraph']}×"})
        for step in ref["steps"]:
            if step["name"] == "import all":
                out.append({"target": "reference graphs imported in < 60 s", "met": step["seconds"] < 60,
                            "measured": f"{step['seconds']} s"})
    for scale in result["scales"]:
        for step in scale["steps"]:
            if step["name"] == "build study":
                out.append({"target": "study graph built in < 3 s", "met": step["seconds"] < 3, "measured": f"{step['seconds']} s"})
                break
        else:
            continue
        break
    return out


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return lines


def _embedded_pair(name: str, rdflib: dict[str, Any], mine: dict[str, Any] | None) -> str:
    if "error" in rdflib:
        return f"{name}: rdflib cannot answer it ({rdflib['error']})"
    if mine is None:
        return f"{name}: rdflib {rdflib['median_ms']:.1f} ms"
    factor = rdflib["median_ms"] / max(mine["median_ms"], 1e-6)
    return f"{name}: rdflib {rdflib['median_ms']:.1f} ms vs pyoxigraph {mine['median_ms']:.1f} ms ({factor:.0f}×)"


def to_markdown(result: dict[str, Any]) -> str:
    meta = result["meta"]
    lines = [f"# skillgraph benchmark, {meta['date']}", "",
             f"Machine: {meta['machine']}; Python {meta['python']}, pyoxigraph {meta['pyoxigraph']}, "
             f"rdflib {meta['rdflib']}. Command: `{meta['command']}`. The load generator (threads, keep-alive) "
             "runs on the same cores as the servers.", ""]
    lines += ["## Targets", ""] + _table(["target", "measured", "met"],
                                          [[t["target"], t["measured"], "yes" if t["met"] else "**no**"] for t in result["targets"]])
    lines += ["", "## Build and import", ""]
    lines += _table(["scale", "quads", "step", "seconds", "peak MB"],
                    [[s["name"], s["quads"], st["name"], st["seconds"], st["peak_mb"]] for s in result["scales"] for st in s["steps"]])
    lines += ["", "## Named queries, embedded (ms; default parameters)", ""]
    names = sorted({n for s in result["scales"] for n in s["embedded"]})
    header = ["query"] + [f"{s['name']} median / p95 (rows)" for s in result["scales"]]
    body = []
    for n in names:
        cells = [n]
        for s in result["scales"]:
            q = s["embedded"].get(n)
            cells.append(f"{q['median_ms']:.1f} / {q['p95_ms']:.1f} ({q['rows']})" if q else "")
        body.append(cells)
    lines += _table(header, body)
    for s in result["scales"]:
        http = s.get("http")
        if not http:
            continue
        lines += ["", f"## HTTP, {s['name']} (requests/s, median / p95 ms)", ""]
        rows = []
        for server in ("api", "oxigraph", "rdflib_endpoint"):
            groups = http.get(server, {})
            per = groups.items() if server == "api" else [("", groups)]
            for workers, runs in per:
                label = f"API, {workers} worker(s)" if server == "api" else server
                for route, by_clients in runs.items():
                    for clients, r in by_clients.items():
                        rows.append([label, route, clients, r["throughput"], f"{r['median_ms']} / {r['p95_ms']}", r["errors"]])
        lines += _table(["server", "route / query", "clients", "req/s", "latency ms", "errors"], rows)
        embedded = http.get("rdflib_embedded", {}).get("queries", {})
        if embedded:
            lines += ["", "Embedded, same queries: " + "; ".join(_embedded_pair(n, v, s["embedded"].get(n)) for n, v in embedded.items()) + "."]
        lines += ["", "Ratios (API with the most workers):", ""]
        lines += _table(["query", "clients", "API req/s", "1 worker", "oxigraph serve", "rdflib-endpoint",
                         "API / rdflib-endpoint", "API / oxigraph", "N / 1 workers"],
                        [[r["query"], r["clients"], r["api_rps"], r["api_1_worker_rps"], r["oxigraph_rps"],
                          r["rdflib_endpoint_rps"], r["api_vs_rdflib"], r["api_vs_oxigraph"], r["workers_speedup"]]
                         for r in ratios(http)])
    if result.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in result["notes"]]
    return "\n".join(lines) + "\n"


def write_report(result: dict[str, Any], folder: Path, stem: str) -> tuple[Path, Path]:
    """``<stem>.json`` and ``<stem>.md`` in ``folder``; the targets are computed here."""
    folder.mkdir(parents=True, exist_ok=True)
    result = {**result, "targets": targets(result)}
    json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(result), encoding="utf-8")
    return json_path, md_path
