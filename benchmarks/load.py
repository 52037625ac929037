"""A small HTTP load generator: N client threads with keep-alive connections, for a duration.

Threads and ``http.client`` rather than an asyncio client: no extra dependency, and on two
cores the client's own cost is the same for every server compared (it is reported as such).
"""

from __future__ import annotations

import http.client
import math
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = ["LoadResult", "percentile", "run_load", "summarise"]


@dataclass(frozen=True)
class LoadResult:
    """One load run: counts, throughput of successful requests, and their latencies (seconds)."""

    clients: int
    requests: int
    errors: int
    seconds: float
    throughput: float  # successful requests per second
    median_ms: float
    p95_ms: float
    first_error: str | None = None  # the first failure seen: HTTP status and body start, or the exception
    latencies: tuple[float, ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, float | int | str | None]:
        return {"clients": self.clients, "requests": self.requests, "errors": self.errors, "seconds": self.seconds,
                "throughput": self.throughput, "median_ms": self.median_ms, "p95_ms": self.p95_ms,
                "first_error": self.first_error}


def percentile(values: list[float] | tuple[float, ...], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of the values at or
    below it, i.e. the ``ceil(share × n)``-th smallest (1-based; the smallest for ``share`` 0).
    No interpolation: it is always a value that was measured. 0 for no values."""
    if not 0 <= share <= 1:
        raise ValueError(f"percentile share must be within 0…1, not {share}")
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summarise(clients: int, latencies: list[float], errors: int, seconds: float, first_error: str | None = None) -> LoadResult:
    """A `LoadResult` from raw latencies (seconds) measured over ``seconds`` of wall time."""
    return LoadResult(
        clients=clients,
        requests=len(latencies),
        errors=errors,
        seconds=round(seconds, 3),
        throughput=round(len(latencies) / seconds, 2) if seconds > 0 else 0.0,
        median_ms=round(statistics.median(latencies) * 1000, 3) if latencies else 0.0,
        p95_ms=round(percentile(latencies, 0.95) * 1000, 3),
        first_error=first_error,
        latencies=tuple(latencies),
    )


def _client(url: str, body: bytes | None, headers: dict[str, str], deadline: float, out: list[float], errors: list[str]) -> None:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            conn.request("POST" if body is not None else "GET", path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if response.status == 200:
                out.append(time.perf_counter() - start)
                continue
            errors.append(f"HTTP {response.status}: {payload[:300].decode('utf-8', 'replace')}")
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            errors.append(f"{type(exc).__name__}: {exc}")
    conn.close()


def run_load(
    url: str,
    clients: int,
    seconds: float,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    warmup: int = 2,
) -> LoadResult:
    """Send requests to ``url`` from ``clients`` threads for ``seconds``; every request must
    answer 200 to count. ``body`` makes them POSTs (a SPARQL query, say). Requests started
    before the deadline are waited for, so a round may last longer than ``seconds``."""
    sent_headers = {"Connection": "keep-alive", **(headers or {})}
    for _ in range(warmup):
        _client(url, body, sent_headers, time.perf_counter() + 0.2, [], [])
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]
    start = time.perf_counter()
    deadline = start + seconds
    threads = [
        threading.Thread(target=_client, args=(url, body, sent_headers, deadline, latencies[i], errors[i]))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    failures = [e for es in errors for e in es]
    return summarise(clients, [x for xs in latencies for x in xs], len(failures), elapsed, failures[0] if failures else None)
