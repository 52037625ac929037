"""Synthetic graphs of the study's shape, for benchmarks and query-plan tests.

``python -m skillgraph.synthetic STORE --multiple N [--seed S]`` adds N − 1 seeded copies of the
study graph built in STORE to a new release of it.
"""

from __future__ import annotations

from .generate import COPY_MARK, SYNTHETIC_GRAPH, synthesize
from .release import write_synthetic

__all__ = ["COPY_MARK", "SYNTHETIC_GRAPH", "synthesize", "write_synthetic"]
