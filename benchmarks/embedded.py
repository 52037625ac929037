"""Latency of every named query of the catalogue, embedded (pyoxigraph in process)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from skillgraph.catalogue import NamedQuery, load_catalogue
from skillgraph.query import run_query
from skillgraph.resources import resource_dir

from .load import percentile

__all__ = ["catalogue", "time_named_queries", "time_query"]


def catalogue() -> dict[str, NamedQuery]:
    return load_catalogue(resource_dir("api") / "queries")


def time_query(store: ox.Store, query: NamedQuery, repeats: int, budget: float) -> dict[str, float | int]:
    """Run ``query`` with its defaults up to ``repeats`` times (fewer past ``budget`` seconds),
    after one warm-up run; every answer is read to the last row."""
    substitutions = query.substitutions({})
    rows = len(list(run_query(store, query.text, substitutions=substitutions).value))  # warm-up
    times: list[float] = []
    spent = 0.0
    while len(times) < repeats and (spent < budget or not times):
        start = time.perf_counter()
        count = len(list(run_query(store, query.text, substitutions=substitutions).value))
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
        if count != rows:
            raise RuntimeError(f"{query.name}: {count} rows, then {rows}: the store changed during the run")
        if elapsed > budget:
            break  # one slow run says enough
    return {
        "rows": rows,
        "runs": len(times),
        "median_ms": round(statistics.median(times) * 1000, 3),
        "p95_ms": round(percentile(times, 0.95) * 1000, 3),
    }


def time_named_queries(release: Path, repeats: int = 20, budget: float = 2.0) -> dict[str, dict[str, float | int]]:
    store = ox.Store.read_only(str(release))
    return {name: time_query(store, query, repeats, budget) for name, query in catalogue().items()}
