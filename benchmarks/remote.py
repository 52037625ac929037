"""Measure the API on a remote store, behind one and two replicas, in one run.

Starts ``oxigraph serve`` on a temporary folder, builds the shipped data and pushes it there
(``skillgraph build`` with SKILLGRAPH_REMOTE_*), then starts API replicas (``skillgraph serve``
on their own ports, all reading the one oxigraph server) and drives them with concurrent
clients that spread their requests over the replicas in turn, as a round-robin reverse proxy
would. For comparison, one replica on the embedded store (the local release) is measured too.

    python benchmarks/remote.py [--seconds 8] [--clients 4] [--workers 2]

Prints requests per second and latency percentiles for ``/health`` and a gap question
(``/api/programme-requirement-coverage``), and the ratio of two replicas to one. Every process
it starts is stopped at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on the path, where a module of the general suite
# named like a standard one (there was a benchmarks/http.py) would shadow it.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse  # noqa: E402
import http.client  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

_PATHS = {
    "health": "/health",
    "gap query": "/api/programme-requirement-coverage?programme=m2-strasbourg-reglementation-droit-pharmaceutique",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, path: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port} within {timeout} s")


def _drive(ports: list[int], path: str, clients: int, seconds: float) -> tuple[float, list[float], int]:
    """``clients`` threads, each with one keep-alive connection per replica, in turn."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        conns = [http.client.HTTPConnection("127.0.0.1", p, timeout=60) for p in ports]
        mine: list[float] = []
        failed = 0
        turn = offset
        while time.monotonic() < stop:
            conn = conns[turn % len(conns)]
            turn += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1  # refused (503 busy, 429): counted, not timed
                    continue
            except OSError:
                failed += 1
                conn.close()
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds per measurement")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="query workers per replica")
    args = parser.parse_args()

    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    tmp = Path(tempfile.mkdtemp(prefix="skillgraph-bench-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        ox_port = _free_port()
        processes.append(subprocess.Popen([oxigraph, "serve", "--location", str(tmp / "oxigraph"), "--bind", f"127.0.0.1:{ox_port}"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        base = f"http://127.0.0.1:{ox_port}"
        _wait(ox_port, "/query?query=ASK%7B%7D")
        # Every client of this run comes from 127.0.0.1: the per-client budgets would count them
        # as one client, so they are off here (behind a proxy, see docs/deployment.md).
        common = {**os.environ, "SKILLGRAPH_STORE_DIR": str(tmp / "store"), "SKILLGRAPH_QUERY_WORKERS": str(args.workers),
                  "SKILLGRAPH_CLIENT_BUDGET_SECONDS": "0", "SKILLGRAPH_CLIENT_MAX_CONCURRENT": "0"}
        remote = {**common, "SKILLGRAPH_REMOTE_QUERY_URL": base + "/query", "SKILLGRAPH_REMOTE_STORE_URL": base + "/store"}
        subprocess.run([sys.executable, "-m", "skillgraph", "build"], env=remote, check=True, stdout=subprocess.DEVNULL)

        def serve(env: dict[str, str]) -> int:
            port = _free_port()
            processes.append(subprocess.Popen([sys.executable, "-m", "skillgraph", "serve", "--port", str(port)], env=env,
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            return port

        replicas = [serve(remote), serve(remote)]
        embedded = serve({key: value for key, value in common.items() if not key.startswith("SKILLGRAPH_REMOTE_")})
        for port in (*replicas, embedded):
            _wait(port, "/health")
            _wait(port, _PATHS["gap query"])  # workers started, first answer out of the way

        print(f"{os.cpu_count()} CPUs, {args.clients} clients, {args.seconds:g} s each, {args.workers} query worker(s) per replica")
        print(f"{'what':10} {'setup':28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
        for what, path in _PATHS.items():
            rates = {}
            for setup, ports in (("embedded, 1 replica", [embedded]), ("remote, 1 replica", replicas[:1]),
                                 ("remote, 2 replicas", replicas)):
                rate, latencies, errors = _drive(ports, path, args.clients, args.seconds)
                rates[setup] = rate
                cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [0.0] * 19
                print(f"{what:10} {setup:28} {rate:8.1f} {cuts[9] * 1000:8.1f} {cuts[18] * 1000:8.1f} {errors:6d}")
            print(f"{what:10} {'2 replicas / 1 replica':28} {rates['remote, 2 replicas'] / rates['remote, 1 replica']:8.2f}x"
                  f"   remote / embedded (1 replica) {rates['remote, 1 replica'] / rates['embedded, 1 replica']:.2f}x")
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
