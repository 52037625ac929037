"""Side-by-side load: short rounds of every target in turn, several rounds, medians of rounds.

On a shared machine the load drifts over minutes; measuring server A for N seconds and then
server B compares two different machines. Here every round runs each target once for a short
time, the order rotating from round to round (no target always follows the same one), and a
target's throughput is the median of its rounds. Ratios between two targets are the median of
their per-round ratios: each is taken under the same load. Latency median and p95 are over
every request of every round (nearest-rank, `load.percentile`).
"""

from __future__ import annotations

import statistics
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .load import LoadResult, run_load, summarise

__all__ = ["Target", "interleaved", "ratio_of_rounds"]


@dataclass(frozen=True)
class Target:
    """One thing timed: a server's route for one query (``query`` "floor" for the trivial route)."""

    server: str
    query: str
    route: str
    url: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        return f"{self.server} {self.route}"


def interleaved(
    targets: Sequence[Target],
    clients: int,
    rounds: int,
    seconds: float,
    sample: Callable[[Target], int | None] | None = None,
) -> dict[str, dict[str, object]]:
    """Per target key: its rounds' throughputs, their median, latency over all rounds, errors;
    with ``sample`` (None for targets not watched), the largest value it returned while the
    target was under load (a server's threads)."""
    per_round: dict[str, list[LoadResult]] = {t.key: [] for t in targets}
    peaks: dict[str, int] = {}
    for turn in range(rounds):
        shift = turn % len(targets) if targets else 0
        for target in [*targets[shift:], *targets[:shift]]:
            stop = threading.Event()
            seen: list[int] = []
            watcher = None
            if sample is not None and sample(target) is not None:
                watcher = threading.Thread(target=_watch, args=(sample, target, stop, seen), daemon=True)
                watcher.start()
            result = run_load(target.url, clients, seconds, target.body, dict(target.headers), warmup=0)
            stop.set()
            if watcher is not None:
                watcher.join()
                peaks[target.key] = max([peaks.get(target.key, 0), *seen])
            per_round[target.key].append(result)
    out: dict[str, dict[str, object]] = {}
    for target in targets:
        results = per_round[target.key]
        pooled = summarise(clients, [x for r in results for x in r.latencies], sum(r.errors for r in results),
                           sum(r.seconds for r in results), next((r.first_error for r in results if r.first_error), None))
        entry: dict[str, object] = {
            "server": target.server, "query": target.query, "route": target.route,
            "rounds": [r.throughput for r in results],
            "throughput": round(statistics.median(r.throughput for r in results), 2) if results else 0.0,
            **{k: v for k, v in pooled.as_dict().items() if k != "throughput"},
        }
        if target.key in peaks:
            entry["max_threads"] = peaks[target.key]
        out[target.key] = entry
    return out


def _watch(sample: Callable[[Target], int | None], target: Target, stop: threading.Event, seen: list[int]) -> None:
    while not stop.is_set():
        seen.append(sample(target) or 0)
        stop.wait(0.05)


def ratio_of_rounds(mine: Sequence[float], other: Sequence[float]) -> float | None:
    """Median over rounds of ``mine[i] / other[i]`` (rounds where the other had no answer skipped)."""
    pairs = [m / o for m, o in zip(mine, other, strict=False) if o > 0]
    return round(statistics.median(pairs), 3) if pairs else None
