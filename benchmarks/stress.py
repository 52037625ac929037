"""Bounded load test of the endpoint's protections, on loopback, stopping by itself.

One command (``benchmarks/load.py`` is the serving benchmark's load generator; this is the
abuse test of issue 7)::

    python benchmarks/stress.py --store .skillgraph/store --duration 180 --clients 6 --abusers 2 \
        --report benchmarks/results/load-$(date +%F).md

It starts ``skillgraph serve`` on a free loopback port, then for ``--duration`` seconds runs
``--clients`` well-behaved clients mixing cheap lookups (``/health``, a small named query) and
gap questions (``/api/…`` ranking, phases, coverage matrix), and ``--abusers`` clients sending
only abusive queries (cartesian products past the time limit, a sort past the memory limit),
each client with its own API key. It reports throughput, the p95 latency of the cheap requests,
answers by status, and checks the invariants: every request got an HTTP answer (none lost), the
pool is back to its configured size with no zombie afterwards, and no worker outlives the server.
Exit status 1 when an invariant fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
_MARKER = "SKILLGRAPH_LOAD_RUN"
RUNAWAY_SORT = "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?b ?d LIMIT 5"

#: (kind, path) of each request a client may send; well-behaved clients pick by weight.
CHEAP = [("health", "/health"), ("named", "/api/source-documents")]
GAP = [
    ("ranking", "/api/programme-ranking-for-job-family?jobFamily=regulatory-affairs"),
    ("phase", "/api/job-families-in-phase?phase=conception"),
    ("matrix", "/api/coverage-matrix"),
]
ABUSIVE = [
    ("cartesian", "/sparql?" + urlencode({"query": CARTESIAN})),
    ("runaway-sort", "/sparql?" + urlencode({"query": RUNAWAY_SORT})),
]


@dataclass
class Outcome:
    role: str
    kind: str
    status: int  # 0: no HTTP answer (lost)
    seconds: float


@dataclass
class Run:
    settings: dict[str, str]
    duration: float
    clients: int
    abusers: int
    outcomes: list[Outcome] = field(default_factory=list)
    workers_after: int = -1
    zombies: int = -1
    survivors_after_stop: int = -1

    def summary(self) -> dict[str, object]:
        cheap = sorted(o.seconds for o in self.outcomes if o.role == "client" and o.kind.split(":")[0] in dict(CHEAP))
        health = sorted(o.seconds for o in self.outcomes if o.kind.startswith("health"))
        statuses = Counter(f"{o.role}/{o.kind}/{o.status}" for o in self.outcomes)
        answered = [o for o in self.outcomes if o.status]
        return {
            "settings": self.settings,
            "duration_s": self.duration,
            "clients": self.clients,
            "abusers": self.abusers,
            "requests": len(self.outcomes),
            "throughput_rps": round(len(answered) / self.duration, 1),
            "cheap_requests": len(cheap),
            "cheap_p50_ms": round(_percentile(cheap, 0.50) * 1000, 1),
            "cheap_p95_ms": round(_percentile(cheap, 0.95) * 1000, 1),
            "health_p95_ms": round(_percentile(health, 0.95) * 1000, 1),
            "lost": len(self.outcomes) - len(answered),
            "by_status": dict(sorted(statuses.items())),
            "workers_configured": int(self.settings["SKILLGRAPH_QUERY_WORKERS"]),
            "workers_after": self.workers_after,
            "zombies": self.zombies,
            "survivors_after_stop": self.survivors_after_stop,
        }

    def ok(self) -> bool:
        s = self.summary()
        return s["lost"] == 0 and s["workers_after"] == s["workers_configured"] and s["zombies"] == 0 \
            and s["survivors_after_stop"] == 0


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, state) of the query workers of the server ``pid`` (read from /proc: no column cut)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace").rsplit(") ", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == pid and (b"spawn_main" in cmdline or stat[0] == "Z"):  # a zombie has no cmdline
            found.append((int(entry.name), stat[0]))
    return found


def _marked(marker: str) -> list[int]:
    """Live processes started by this run's server (whatever their parent is now)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"{_MARKER}={marker}".encode() in environ.split(b"\0") and _alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def _client(port: int, role: str, key: str, deadline: float, seed: int, out: list[Outcome], lock: threading.Lock) -> None:
    pick = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < deadline:
        if role == "abuser":
            kind, path = pick.choice(ABUSIVE)
        else:
            kind, path = pick.choice(CHEAP) if pick.random() < 0.6 else pick.choice(GAP)
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"X-API-Key": key})
            response = conn.getresponse()
            body = response.read()
            status = response.status
            if status >= 400 and body.startswith(b"{"):
                kind += ":" + str(json.loads(body).get("error"))
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            status = 0
        with lock:
            out.append(Outcome(role, kind, status, time.perf_counter() - started))
        # Abusers do not wait for Retry-After; a short pause keeps the test's own load bounded.
        time.sleep(0.1 if role == "abuser" else pick.uniform(0.0, 0.05))
    conn.close()


def run(store: Path, duration: float, clients: int, abusers: int, settings: dict[str, str], log: Path) -> Run:
    keys = [f"load-key-{n}" for n in range(clients + abusers)]
    marker = f"{os.getpid()}-{time.time_ns()}"  # inherited by the workers: finds them even orphaned
    env = {**os.environ, **settings, "SKILLGRAPH_API_KEYS": json.dumps(keys), "RUST_BACKTRACE": "0", _MARKER: marker}
    port = _free_port()
    with open(log, "wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "skillgraph", "serve", "--port", str(port), "--store", str(store)],
            stdout=sink, stderr=subprocess.STDOUT, env=env,
        )
    result = Run(settings, duration, clients, abusers)
    try:
        _wait_ready(port, server, log)
        deadline = time.monotonic() + duration
        lock = threading.Lock()
        roles = ["client"] * clients + ["abuser"] * abusers
        threads = [
            threading.Thread(target=_client, args=(port, role, keys[n], deadline, n, result.outcomes, lock))
            for n, role in enumerate(roles)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=duration + 120)
        result.workers_after, result.zombies = _settled(server.pid, int(settings["SKILLGRAPH_QUERY_WORKERS"]))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _marked(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    result.survivors_after_stop = len(_marked(marker))
    return result


def _wait_ready(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/sparql?" + urlencode({"query": "ASK {}"}), headers={"X-API-Key": "load-key-0"})
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(log.read_text(errors="replace")) from None
        time.sleep(0.3)
    raise RuntimeError(f"the server did not start: {log.read_text(errors='replace')}")


def _settled(pid: int, size: int) -> tuple[int, int]:
    """Workers and zombies once replacements have started (up to 60 s)."""
    deadline = time.monotonic() + 60
    while True:
        children = _children(pid)
        live = [p for p, state in children if not state.startswith("Z")]
        zombies = len(children) - len(live)
        if (len(live) == size and not zombies) or time.monotonic() > deadline:
            return len(live), zombies
        time.sleep(0.5)


def markdown(summary: dict[str, object], command: str) -> str:
    lines = [
        f"# Load test of the protections — {time.strftime('%Y-%m-%d')}",
        "",
        f"Command: `{command}`",
        "",
        "Server settings: " + ", ".join(f"`{k}={v}`" for k, v in summary["settings"].items()),  # type: ignore[union-attr]
        "",
        "| figure | value |",
        "| --- | --- |",
    ]
    for key in ("duration_s", "clients", "abusers", "requests", "throughput_rps", "cheap_requests", "cheap_p50_ms",
                "cheap_p95_ms", "health_p95_ms", "lost", "workers_configured", "workers_after", "zombies", "survivors_after_stop"):
        lines.append(f"| {key} | {summary[key]} |")
    lines += ["", "Answers by role / kind / status:", "", "| role/kind/status | count |", "| --- | --- |"]
    lines += [f"| {name} | {count} |" for name, count in summary["by_status"].items()]  # type: ignore[union-attr]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=Path(".skillgraph/store"))
    parser.add_argument("--duration", type=float, default=180.0, help="seconds of load (default 180)")
    parser.add_argument("--clients", type=int, default=6, help="well-behaved clients (default 6)")
    parser.add_argument("--abusers", type=int, default=2, help="clients sending abusive queries (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="query workers of the server (default 2)")
    parser.add_argument("--timeout", type=float, default=3.0, help="query time limit of the server (default 3 s)")
    parser.add_argument("--budget", type=float, help="worker-seconds per client per minute (default: the server's)")
    parser.add_argument("--json", type=Path, help="write the summary as JSON here")
    parser.add_argument("--report", type=Path, help="write the summary as Markdown here")
    parser.add_argument("--log", type=Path, default=Path("/tmp/skillgraph-load-server.log"))
    args = parser.parse_args(argv)
    settings = {"SKILLGRAPH_QUERY_WORKERS": str(args.workers), "SKILLGRAPH_QUERY_TIMEOUT": str(args.timeout)}
    if args.budget is not None:
        settings |= {"SKILLGRAPH_CLIENT_BUDGET_SECONDS": str(args.budget), "SKILLGRAPH_CLIENT_BUDGET_WINDOW": "60"}
    result = run(args.store, args.duration, args.clients, args.abusers, settings, args.log)
    summary = result.summary()
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(markdown(summary, "python benchmarks/stress.py " + " ".join(argv or sys.argv[1:])), encoding="utf-8")
    return 0 if result.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
