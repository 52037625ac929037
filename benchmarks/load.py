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
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

__all__ = ["LoadResult", "percentile", "run_load"]


@dataclass(frozen=True)
class LoadResult:
    clients: int
    requests: int
    errors: int
    seconds: float
    throughput: float  # successful requests per second
    median_ms: float
    p95_ms: float

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of ``values`` (``share`` in 0…1); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))
    return ordered[rank]


def _client(url: str, body: bytes | None, headers: dict[str, str], deadline: float, out: list[float], errors: list[int]) -> None:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        try:
            conn.request("POST" if body is not None else "GET", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            ok = False
        if ok:
            out.append(time.perf_counter() - start)
        else:
            errors.append(1)
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
    answer 200 to count. ``body`` makes them POSTs (a SPARQL query, say)."""
    sent_headers = {"Connection": "keep-alive", **(headers or {})}
    for _ in range(warmup):
        _client(url, body, sent_headers, time.perf_counter() + 0.2, [], [])
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[int]] = [[] for _ in range(clients)]
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
    flat = [x for xs in latencies for x in xs]
    return LoadResult(
        clients=clients,
        requests=len(flat),
        errors=sum(len(e) for e in errors),
        seconds=round(elapsed, 3),
        throughput=round(len(flat) / elapsed, 2),
        median_ms=round(statistics.median(flat) * 1000, 3) if flat else 0.0,
        p95_ms=round(percentile(flat, 0.95) * 1000, 3),
    )
