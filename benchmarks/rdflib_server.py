"""rdflib-endpoint over an N-Quads file, union default graph, for comparison.

``python rdflib_server.py FILE PORT [TIMINGS_IN TIMINGS_OUT]``: loads FILE into an rdflib
Dataset; with the two JSON files, first times each query of TIMINGS_IN on rdflib's own engine
(embedded, parameters bound with ``initBindings``) and writes TIMINGS_OUT; then serves the
dataset with rdflib-endpoint (the usual Python choice) under uvicorn on PORT.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

import rdflib
import uvicorn
from rdflib.util import from_n3
from rdflib_endpoint import SparqlEndpoint


def _time(dataset: rdflib.Dataset, queries: list[dict[str, object]], budget: float = 20.0) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in queries:
        bindings = {rdflib.Variable(k): from_n3(v) for k, v in item["bindings"].items()}  # type: ignore[union-attr]
        times: list[float] = []
        rows = 0
        try:
            while len(times) < 5 and (sum(times) < budget or not times):
                start = time.perf_counter()
                rows = len(list(dataset.query(item["text"], initBindings=bindings)))  # type: ignore[arg-type]
                times.append(time.perf_counter() - start)
        except Exception as exc:  # noqa: BLE001 - rdflib's own failures are a result to report
            out[str(item["name"])] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        out[str(item["name"])] = {"rows": rows, "runs": len(times), "median_ms": round(statistics.median(times) * 1000, 3)}
    return out


def main() -> None:
    start = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(sys.argv[1], format="nquads")
    loaded = round(time.perf_counter() - start, 2)
    if len(sys.argv) > 4:
        with open(sys.argv[3], encoding="utf-8") as handle:
            queries = json.load(handle)
        with open(sys.argv[4], "w", encoding="utf-8") as handle:
            json.dump({"load_seconds": loaded, "queries": _time(dataset, queries)}, handle)
    app = SparqlEndpoint(graph=dataset, public_url=f"http://127.0.0.1:{sys.argv[2]}/")
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")


if __name__ == "__main__":
    main()
