"""Side-by-side timing of the build's reasoning: SPARQL rules on Oxigraph vs owlrl.

Run: python benchmarks/reasoning.py [rounds]. Prints medians and the ratio measured in
this one run (the machines are shared: only ratios from the same run mean anything).
"""

from __future__ import annotations

import statistics
import sys
import time

import owlrl

from skillgraph.loader import load_data
from skillgraph.mapper import map_data
from skillgraph.ontology import load_schema
from skillgraph.reasoning import entail
from skillgraph.resources import resource_dir


def main(rounds: int) -> None:
    schema = load_schema(resource_dir("ontology"))
    data, _ = map_data(load_data(resource_dir("data")))
    rules = tuple(r for r in schema.rules if r.name.startswith("owlrl-"))
    ours, reference = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        entail(schema.ontology, data, rules)
        ours.append(time.perf_counter() - started)
        closure = schema.ontology + data
        started = time.perf_counter()
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
        reference.append(time.perf_counter() - started)
    a, b = statistics.median(ours), statistics.median(reference)
    print(f"{len(data)} asserted triples, {rounds} rounds")
    print(f"rules on Oxigraph: median {a * 1000:.0f} ms")
    print(f"owlrl:             median {b * 1000:.0f} ms")
    print(f"ratio owlrl / rules: {b / a:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
