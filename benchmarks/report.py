"""Write the benchmark results as JSON (everything) and Markdown (tables and ratios)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .interleave import ratio_of_rounds

__all__ = ["binding_verdict", "ratios", "targets", "to_markdown", "write_report"]

_QUERY_P95_MS = 50.0
_API_VS_RDFLIB = 100.0
_API_VS_NATIVE = 0.5
_VALUES_GAIN = 1.1  # a query is bound inline when that is this much faster on the reference scale


def _timing(http: dict[str, Any], clients: str, server: str, route: str) -> dict[str, Any] | None:
    return http.get("timings", {}).get(clients, {}).get(f"{server} {route}")


def _ratio(mine: dict[str, Any] | None, other: dict[str, Any] | None) -> float | None:
    if not mine or not other:
        return None
    return ratio_of_rounds(mine["rounds"], other["rounds"])


def ratios(http: dict[str, Any]) -> list[dict[str, Any]]:
    """Per gap query and number of clients: the API's REST route (most workers) against each
    other server, each ratio the median of per-round ratios (`interleave`)."""
    rows = []
    api = sorted((int(k.split("-")[1]) for k in http.get("servers", {}) if k.startswith("api-")))
    if not api:
        return rows
    best, one = f"api-{api[-1]}", f"api-{api[0]}"
    for name in http.get("queries", []):
        for clients in sorted(http.get("timings", {}), key=int):
            mine = _timing(http, clients, best, f"/api/{name}")
            single = _timing(http, clients, one, f"/api/{name}")
            native = _timing(http, clients, "oxigraph", f"/query {name}")
            rdflib = _timing(http, clients, "rdflib", f"/ {name}")
            rows.append({
                "query": name, "clients": int(clients), "api_workers": api[-1],
                "api_rps": mine["throughput"] if mine else None,
                "api_1_worker_rps": single["throughput"] if single else None,
                "oxigraph_rps": native["throughput"] if native else None,
                "rdflib_endpoint_rps": rdflib["throughput"] if rdflib else None,
                "api_vs_rdflib": _ratio(mine, rdflib), "api_vs_oxigraph": _ratio(mine, native),
                "workers_speedup": _ratio(mine, single) if best != one else None,
            })
    return rows


def _status(http: dict[str, Any], server: str, query: str) -> str:
    found = [c for c in http.get("checks", []) if c["server"] == server and c["query"] == query]
    bad = next((c for c in found if c["status"] != "ok"), None)
    return f"{bad['status']}: {bad['message'][:120]}" if bad else "not run"


def _throughput_targets(http: dict[str, Any], row: dict[str, Any], most: int) -> list[dict[str, Any]]:
    """The two HTTP targets for one query and number of clients.

    Within 2× of ``oxigraph serve`` is judged at every number of clients. The 100× over
    rdflib-endpoint is a throughput target, judged under the most concurrent clients: with one
    client, requests/s is the inverse of latency, a figure the native server itself may not
    reach (its own ratio is shown beside). A query rdflib cannot answer has no ratio: n/a.
    """
    where = f"{row['query']}, {row['clients']} clients"
    out = []
    rdflib = row["api_vs_rdflib"]
    if rdflib is None:
        out.append({"target": f"API ≥ 100× rdflib-endpoint, {where}", "met": None,
                    "measured": "no ratio: rdflib-endpoint " + _status(http, "rdflib", row["query"])})
    elif row["clients"] == most:
        out.append({"target": f"API ≥ 100× rdflib-endpoint, {where}", "met": rdflib >= _API_VS_RDFLIB, "measured": f"{rdflib}×"})
    else:
        native = row["oxigraph_rps"] / row["rdflib_endpoint_rps"] if row["oxigraph_rps"] and row["rdflib_endpoint_rps"] else None
        shown = f"; oxigraph serve itself {native:.1f}×" if native else ""
        out.append({"target": f"API / rdflib-endpoint, {where} (latency-bound, not a throughput target)", "met": None,
                    "measured": f"{rdflib}×{shown}"})
    native_ratio = row["api_vs_oxigraph"]
    out.append({"target": f"API within 2× of oxigraph serve, {where}",
                "met": native_ratio is not None and native_ratio >= _API_VS_NATIVE,
                "measured": f"{native_ratio}×" if native_ratio is not None else "no ratio: " + _status(http, "oxigraph", row["query"])})
    return out


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the figure measured and whether it is met."""
    out = []
    by_name = {s["name"]: s for s in result["scales"]}
    ref = by_name.get("reference")
    if ref:
        slow = {n: q["p95_ms"] for n, q in ref["embedded"].items() if q["p95_ms"] > _QUERY_P95_MS}
        out.append({"target": "every named query < 50 ms p95 embedded (study+ESCO+ROME)", "met": not slow,
                    "measured": "all under" if not slow else ", ".join(f"{n} {v:.0f} ms" for n, v in sorted(slow.items()))})
        http = ref.get("http", {})
        rows = ratios(http)
        most = max((r["clients"] for r in rows), default=0)
        for row in rows:
            out += _throughput_targets(http, row, most)
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


def _met(met: bool | None) -> str:
    return "n/a" if met is None else "yes" if met else "**no**"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return lines


def _http_markdown(scale: str, http: dict[str, Any]) -> list[str]:
    servers = http.get("servers", {})
    lines = ["", f"## HTTP, {scale}", "", "Servers (all running at once; the per-client limits lifted for the API, "
             "every other setting its production default):", ""]
    lines += _table(["server", "command", "processes", "threads idle", "settings"],
                    [[v["label"], f"`{v['command']}`", v["processes"], v["threads_idle"],
                      " ".join(f"{k}={x}" for k, x in v["settings"].items())] for v in servers.values()])
    lines += ["", "Answers checked before timing (rows as multisets of plain values against the embedded answer):", ""]
    label = {k: v["label"] for k, v in servers.items()}
    lines += _table(["server", "route", "status", "message / embedded time"],
                    [[label.get(c["server"], c["server"]), c["route"], c["status"] if c["status"] == "ok" else f"**{c['status']}**",
                      (c["message"] + (f"; median {c['median_ms']} ms, p95 {c['p95_ms']} ms over {c['runs']} runs"
                                       if c.get("median_ms") is not None else "")).replace("|", "\\|").replace("\n", " ")]
                     for c in http.get("checks", [])])
    lines += ["", f"Interleaved: {http.get('rounds')} rounds of {http.get('seconds_per_round')} s per target; req/s is "
              "the median of rounds, latency over every request (nearest-rank p95).", ""]
    rows = []
    for clients, runs in sorted(http.get("timings", {}).items(), key=lambda kv: int(kv[0])):
        for r in runs.values():
            rows.append([label.get(r["server"], r["server"]), r["route"], clients, r["throughput"],
                         " ".join(str(x) for x in r["rounds"]), f"{r['median_ms']} / {r['p95_ms']}", r["errors"],
                         r.get("max_threads", "")])
    lines += _table(["server", "route", "clients", "req/s", "rounds req/s", "latency ms median / p95", "errors",
                     "threads under load"], rows)
    lines += ["", "Ratios (the API's REST route with the most workers; medians of per-round ratios):", ""]
    lines += _table(["query", "clients", "API req/s", "1 worker", "oxigraph serve", "rdflib-endpoint",
                     "API / rdflib-endpoint", "API / oxigraph", "N / 1 workers"],
                    [[r["query"], r["clients"], r["api_rps"], r["api_1_worker_rps"], r["oxigraph_rps"],
                      r["rdflib_endpoint_rps"], r["api_vs_rdflib"], r["api_vs_oxigraph"], r["workers_speedup"]]
                     for r in ratios(http)])
    return lines


def _load(values: list[float] | None) -> str:
    return " / ".join(f"{v:.2f}" for v in values) if values else "unknown"


def to_markdown(result: dict[str, Any]) -> str:
    meta = result["meta"]
    lines = [f"# skillgraph benchmark, {meta['date']}", "",
             f"Machine: {meta['machine']}; Python {meta['python']}, pyoxigraph {meta['pyoxigraph']}, "
             f"rdflib {meta['rdflib']}. Command: `{meta['command']}`. The load generator (threads, keep-alive) "
             "runs on the same cores as the servers. Load average (1, 5, 15 min) at start "
             f"{_load(meta.get('load_start'))}, at end {_load(meta.get('load_end'))}.", ""]
    lines += ["## Targets", ""] + _table(["target", "measured", "met"],
                                          [[t["target"], t["measured"], _met(t["met"])] for t in result["targets"]])
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
    lines += _binding_markdown(result["scales"], names)
    for s in result["scales"]:
        if s.get("http"):
            lines += _http_markdown(s["name"], s["http"])
    if result.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in result["notes"]]
    return "\n".join(lines) + "\n"


def _binding_markdown(scales: list[dict[str, Any]], names: list[str]) -> list[str]:
    """The binding form each header declares against the other form, timed alternately."""
    body = []
    for n in names:
        form = next((s["embedded"][n].get("binding") for s in scales if n in s["embedded"]), None)
        if form is None:
            return []  # a result written before both forms were timed
        cells = [n, form]
        timed = {s["name"]: s["embedded"][n] for s in scales if n in s["embedded"] and s["embedded"][n]["median_ms"]}
        for s in scales:
            q = timed.get(s["name"])
            cells.append(f"{q['median_ms']:.1f} / {q['other_median_ms']:.1f} ({q['other_median_ms'] / q['median_ms']:.2f}×)"
                         if q else "")
        body.append(cells + [binding_verdict(form, timed)])
    return ["", "### Binding form (median ms, as served / the other form, and how many times faster the served one is)", "",
            "`substitutions`: pyoxigraph's `substitutions=`; `values`: an inline VALUES block (`skillgraph.binding`). "
            "The two forms alternate run by run. The rule (docs/architecture.md, \"Binding form\"): `values` for a query "
            "faster inlined at every scale and by at least 1.1× on study + ESCO + ROME.", ""
            ] + _table(["query", "served as"] + [s["name"] for s in scales] + ["header"], body)


def binding_verdict(form: str, timed: dict[str, dict[str, Any]]) -> str:
    """"as measured" when the header's binding form follows the rule on these timings, else
    which form the rule asks for (a header to revisit)."""
    values_ms = {name: q["median_ms"] if form == "values" else q["other_median_ms"] for name, q in timed.items()}
    subs_ms = {name: q["other_median_ms"] if form == "values" else q["median_ms"] for name, q in timed.items()}
    reference = timed.get("reference")
    if reference is None:
        return ""
    wanted = "values" if (all(values_ms[k] < subs_ms[k] for k in timed)
                          and subs_ms["reference"] >= _VALUES_GAIN * values_ms["reference"]) else "substitutions"
    return "as measured" if wanted == form else f"**revisit: {wanted}**"


def write_report(result: dict[str, Any], folder: Path, stem: str) -> tuple[Path, Path]:
    """``<stem>.json`` and ``<stem>.md`` in ``folder``; the targets are computed here."""
    folder.mkdir(parents=True, exist_ok=True)
    result = {**result, "targets": targets(result)}
    json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(result), encoding="utf-8")
    return json_path, md_path
