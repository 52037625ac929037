"""Export the graph in service, whole or one named graph, in a standard RDF syntax."""

from __future__ import annotations

import pyoxigraph as ox

from .errors import QueryError
from .query import GRAPH_FORMATS
from .store import GRAPHS

__all__ = ["export_graph"]

_DATASET_FORMATS = {"nquads", "trig"}


def export_graph(store: ox.Store, graph: str, fmt: str) -> bytes:
    """Serialise ``graph`` ('all' or a name of `GRAPHS`) as ``fmt`` (a key of `GRAPH_FORMATS`)."""
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"unknown RDF format '{fmt}'")
    if graph != "all" and graph not in GRAPHS:
        raise QueryError(f"unknown graph '{graph}' (use all or one of {sorted(GRAPHS)})")
    names = list(GRAPHS.values()) if graph == "all" else [GRAPHS[graph]]
    if fmt in _DATASET_FORMATS:
        quads = [q for name in names for q in store.quads_for_pattern(None, None, None, name)]
        return ox.serialize(quads, format=GRAPH_FORMATS[fmt]) or b""
    # A triple syntax merges the chosen graphs; the same triple from two graphs appears once.
    triples = {q.triple for name in names for q in store.quads_for_pattern(None, None, None, name)}
    return ox.serialize(sorted(triples, key=str), format=GRAPH_FORMATS[fmt]) or b""
