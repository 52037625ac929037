"""The benchmark suite, in one command: ``python -m benchmarks.run`` (after ``pip install -e ".[bench]"``).

Builds the three scales (study; study + ESCO + ROME; synthetic), measures build/import time and
peak memory, every named query embedded, the API over HTTP at 1 and 8 clients (1 and N API
worker processes, /health as the floor), and — side by side in the same run, interleaved —
the native ``oxigraph serve`` and rdflib-endpoint / rdflib on the same gap queries, every
answer checked first; writes ``benchmarks/results/<date>.md`` and ``.json``. The full run takes
many minutes; ``--quick`` (study scale, short rounds) is the smoke run the test suite makes.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path

import pyoxigraph
import rdflib

from .embedded import time_named_queries
from .serving import GAP_QUERIES, HttpPlan, bench_http
from .report import write_report
from .scales import prepare_scales

_SCALES = ("study", "reference", "synthetic")


def _machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: study scale only, 1 client, 2 rounds of 0.1 s per target, answers checked "
                             "but rdflib embedded not timed, 1 embedded run per named query")
    parser.add_argument("--work", type=Path, default=Path(".skillgraph/bench"), help="where the scales' stores are built")
    parser.add_argument("--study-store", type=Path, default=None,
                        help="use this already built study store instead of building one (its build is not timed)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    parser.add_argument("--scales", default=",".join(_SCALES), help="comma-separated among study,reference,synthetic")
    parser.add_argument("--comparators", default=",".join(_SCALES), help="scales with oxigraph serve and rdflib ('' for none)")
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded named-query timings (HTTP only)")
    parser.add_argument("--multiple", type=int, default=25, help="synthetic graph size, × the study graph")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2, help="API processes of the multi-worker runs")
    parser.add_argument("--query-workers", type=int, default=None,
                        help="query worker processes per API process (default: the production default)")
    parser.add_argument("--clients", default="1,8", help="concurrent clients, comma-separated")
    parser.add_argument("--queries", default=",".join(GAP_QUERIES), help="gap queries compared over HTTP")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per target")
    parser.add_argument("--seconds", type=float, default=1.0, help="duration of one round of one target")
    parser.add_argument("--repeats", type=int, default=20, help="embedded runs per named query (fewer when slow)")
    parser.add_argument("--stem", default=time.strftime("%Y-%m-%d"), help="report file name")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.quick:
        args.scales, args.rounds, args.seconds, args.repeats, args.clients = "study", 2, 0.1, 1, "1"
    names = tuple(s for s in args.scales.split(",") if s)
    compared = {s for s in args.comparators.split(",") if s}
    plan = HttpPlan(workers=tuple(sorted({1, args.workers})), query_workers=args.query_workers,
                    clients=tuple(int(c) for c in args.clients.split(",")), rounds=args.rounds, seconds=args.seconds,
                    queries=tuple(q for q in args.queries.split(",") if q),
                    rdflib_budget=0.0 if args.quick else 10.0)
    result: dict[str, object] = {
        "meta": {
            "date": time.strftime("%Y-%m-%d %H:%M"), "machine": _machine(), "python": platform.python_version(),
            "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__,
            "command": "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:]),
            "workers": args.workers, "query_workers": args.query_workers, "rounds": args.rounds,
            "seconds_per_round": args.seconds, "load_start": list(os.getloadavg()),
        },
        "scales": [],
        "notes": [],
    }
    for scale in prepare_scales(args.work, args.multiple, args.seed, names, args.study_store):
        print(f"[{scale.name}] {scale.quads} quads; named queries…", flush=True)
        entry: dict[str, object] = {
            "name": scale.name, "quads": scale.quads, "steps": [vars(s) for s in scale.steps],
            "embedded": {} if args.no_embedded else time_named_queries(scale.release, args.repeats, 0.5 if args.quick else 2.0),
        }
        print(f"[{scale.name}] HTTP…", flush=True)
        kind = scale.name.split()[0]
        entry["http"] = bench_http(scale, replace(plan, comparators=kind in compared))
        result["scales"].append(entry)  # type: ignore[attr-defined]
    result["meta"]["load_end"] = list(os.getloadavg())  # type: ignore[index]
    json_path, md_path = write_report(result, args.out, args.stem)
    print(f"wrote {md_path} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
