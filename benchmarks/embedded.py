"""Latency of every named query of the catalogue, embedded (pyoxigraph in process)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from skillgraph.binding import bind_values
from skillgraph.catalogue import BoundQuery, NamedQuery, load_catalogue
from skillgraph.query import run_query
from skillgraph.resources import resource_dir

from .load import percentile

__all__ = ["catalogue", "time_named_queries", "time_query"]


def catalogue() -> dict[str, NamedQuery]:
    return load_catalogue(resource_dir("api") / "queries")


def time_query(store: ox.Store, query: NamedQuery, repeats: int, budget: float) -> dict[str, Any]:
    """Run ``query`` with its defaults up to ``repeats`` times (fewer past ``budget`` seconds),
    after one warm-up run; every answer is read to the last row.

    The query is timed as the API runs it (the binding form of its header) and, alternating run
    by run so that both see the same machine, in the other form: ``other_median_ms`` is what
    the header's choice is measured against (`skillgraph.binding`, docs/architecture.md).
    """
    served = query.bind({})
    subs = query.substitutions({})
    other = BoundQuery(bind_values(query.text, subs), {}) if query.binding == "substitutions" else BoundQuery(query.text, subs)
    rows = _count(store, served)
    if _count(store, other) != rows:  # warm-up of both, and the two forms must agree
        raise RuntimeError(f"{query.name}: the two binding forms give different row counts")
    times: list[float] = []
    others: list[float] = []
    spent = 0.0
    while len(times) < repeats and (spent < budget or not times):
        for form, into in ((served, times), (other, others)):
            start = time.perf_counter()
            count = _count(store, form)
            elapsed = time.perf_counter() - start
            into.append(elapsed)
            spent += elapsed
            if count != rows:
                raise RuntimeError(f"{query.name}: {count} rows, then {rows}: the store changed during the run")
        if times[-1] > budget:
            break  # one slow run says enough
    return {
        "rows": rows,
        "runs": len(times),
        "median_ms": round(statistics.median(times) * 1000, 3),
        "p95_ms": round(percentile(times, 0.95) * 1000, 3),
        "binding": query.binding,
        "other_median_ms": round(statistics.median(others) * 1000, 3),
    }


def _count(store: ox.Store, bound: BoundQuery) -> int:
    return len(list(run_query(store, bound.text, substitutions=bound.substitutions).value))  # type: ignore[arg-type]


def time_named_queries(release: Path, repeats: int = 20, budget: float = 2.0) -> dict[str, dict[str, Any]]:
    store = ox.Store.read_only(str(release))
    return {name: time_query(store, query, repeats, budget) for name, query in catalogue().items()}
