"""The benchmark suite, in one command: ``python -m benchmarks.run`` (after ``pip install -e ".[bench]"``).

Builds the three scales (study; study + ESCO + ROME; synthetic), measures build/import time and
peak memory, every named query embedded, the API over HTTP at 1 and 8 clients (1 and N API
worker processes, /health as the floor), and — side by side in the same run — the native
``oxigraph serve`` and rdflib-endpoint / rdflib on the same gap queries; writes
``benchmarks/results/<date>.md`` and ``.json``. Not part of the test suite (minutes, not seconds).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import pyoxigraph
import rdflib

from .embedded import time_named_queries
from .serving import bench_http
from .report import write_report
from .scales import prepare_scales

_SCALES = ("study", "reference", "synthetic")


def _machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--work", type=Path, default=Path(".skillgraph/bench"), help="where the scales' stores are built")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    parser.add_argument("--scales", default=",".join(_SCALES), help="comma-separated among study,reference,synthetic")
    parser.add_argument("--comparators", default=",".join(_SCALES), help="scales with oxigraph serve and rdflib ('' for none)")
    parser.add_argument("--multiple", type=int, default=25, help="synthetic graph size, × the study graph")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2, help="API processes of the multi-worker runs")
    parser.add_argument("--query-workers", type=int, default=2, help="query worker processes per API process")
    parser.add_argument("--seconds", type=float, default=4.0, help="duration of each load run")
    parser.add_argument("--repeats", type=int, default=20, help="embedded runs per named query (fewer when slow)")
    parser.add_argument("--stem", default=time.strftime("%Y-%m-%d"), help="report file name")
    args = parser.parse_args(argv)
    names = tuple(s for s in args.scales.split(",") if s)
    compared = {s for s in args.comparators.split(",") if s}
    result: dict[str, object] = {
        "meta": {
            "date": time.strftime("%Y-%m-%d %H:%M"), "machine": _machine(), "python": platform.python_version(),
            "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__,
            "command": "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:]),
            "workers": args.workers, "query_workers": args.query_workers, "seconds_per_load_run": args.seconds,
        },
        "scales": [],
        "notes": [],
    }
    for scale in prepare_scales(args.work, args.multiple, args.seed, names):
        print(f"[{scale.name}] {scale.quads} quads; named queries…", flush=True)
        entry: dict[str, object] = {
            "name": scale.name, "quads": scale.quads, "steps": [vars(s) for s in scale.steps],
            "embedded": time_named_queries(scale.release, args.repeats),
        }
        print(f"[{scale.name}] HTTP…", flush=True)
        kind = scale.name.split()[0]
        entry["http"] = bench_http(scale, args.workers, args.query_workers, (1, 8), args.seconds, kind in compared)
        result["scales"].append(entry)  # type: ignore[attr-defined]
    json_path, md_path = write_report(result, args.out, args.stem)
    print(f"wrote {md_path} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
