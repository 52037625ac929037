"""rdflib-endpoint over an N-Quads file, union default graph, for comparison.

``python rdflib_server.py FILE PORT [QUERIES_IN ANSWERS_OUT]``: loads FILE into an rdflib
Dataset; with the two JSON files, first runs each query of QUERIES_IN (``[{name, text,
budget}]``, parameters already joined in as VALUES blocks, as every text server gets them) on
rdflib's own engine: once for its answer (SPARQL JSON results, checked by the caller), then
timed while under the query's budget (at most 5 runs; none for a budget of 0), and writes ANSWERS_OUT; then serves the
dataset with rdflib-endpoint (the usual Python choice) under uvicorn on PORT.
"""

from __future__ import annotations

import json
import sys
import time

import rdflib
import uvicorn
from rdflib.plugins.sparql.sparql import SPARQLError
from rdflib_endpoint import SparqlEndpoint

# rdflib's evaluator raises many kinds (NotBoundError is a SPARQLError; some bugs surface as
# KeyError, TypeError or AttributeError): each is a result to report for that query.
_RDFLIB_FAILURES = (SPARQLError, KeyError, TypeError, AttributeError, ValueError)


def _run(dataset: rdflib.Dataset, item: dict[str, object]) -> dict[str, object]:
    text, budget = str(item["text"]), float(item["budget"])  # type: ignore[arg-type]
    try:
        answer = dataset.query(text).serialize(format="json")
    except _RDFLIB_FAILURES as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    times: list[float] = []
    while len(times) < 5 and sum(times) < budget:
        start = time.perf_counter()
        len(list(dataset.query(text)))
        times.append(time.perf_counter() - start)
    return {"answer": answer.decode("utf-8") if isinstance(answer, bytes) else answer, "times": times}


def main() -> None:
    start = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(sys.argv[1], format="nquads")
    loaded = round(time.perf_counter() - start, 2)
    if len(sys.argv) > 4:
        with open(sys.argv[3], encoding="utf-8") as handle:
            queries = json.load(handle)
        out = {str(item["name"]): _run(dataset, item) for item in queries}
        with open(sys.argv[4], "w", encoding="utf-8") as handle:
            json.dump({"load_seconds": loaded, "queries": out}, handle)
    app = SparqlEndpoint(graph=dataset, public_url=f"http://127.0.0.1:{sys.argv[2]}/")
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")


if __name__ == "__main__":
    main()
