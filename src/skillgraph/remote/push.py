"""Push a local release's graphs to a remote store with the SPARQL 1.1 Graph Store Protocol.

Each graph is dumped from the local release to an N-Triples file and sent with
``PUT <store>?graph=<iri>``, streamed from the file (the ESCO graph alone is 570,000 quads).
A PUT replaces one graph; nothing in the protocol replaces several at once, so during a push a
reader can see some graphs new and some old. The meta graph, which carries the release id
(``owl:versionInfo``), always goes last: a server notices the new release — and reloads its
gap model — only once every other graph is in place (docs/deployment.md).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from ..errors import RemoteStoreError, StoreError
from ..store import GRAPHS
from .http import RemoteEndpoint, send
from .store import DATASET, RELEASE_PREDICATE

__all__ = ["PushReport", "push_release"]


@dataclass(frozen=True)
class PushReport:
    """What a push sent: the release id, triples per graph IRI, and the seconds it took."""

    release: str
    triples: dict[str, int]
    seconds: float


def push_release(endpoint: RemoteEndpoint, release: Path, graphs: Iterable[str]) -> PushReport:
    """PUT ``graphs`` (IRIs) of the local ``release`` folder, then its meta graph with the
    release id (the folder's name), to the endpoint's Graph Store Protocol URL."""
    if not endpoint.store_url:
        raise StoreError("a remote store is set but no Graph Store Protocol URL to push to (set SKILLGRAPH_REMOTE_STORE_URL)")
    started = time.perf_counter()
    meta = GRAPHS["meta"].value
    order = [g for g in dict.fromkeys(graphs) if g != meta] + [meta]
    try:
        local = ox.Store.read_only(str(release))
    except OSError as exc:
        raise StoreError(f"{release}: cannot open the release to push: {exc}") from exc
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="skillgraph-push-") as tmp:
        for graph in order:
            dump = Path(tmp) / "graph.nt"
            local.dump(output=str(dump), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            if graph == meta:
                stamp = ox.Triple(DATASET, RELEASE_PREDICATE, ox.Literal(release.name))
                with open(dump, "ab") as handle:
                    handle.write(ox.serialize([stamp], format=ox.RdfFormat.N_TRIPLES) or b"")
            counts[graph] = _put(endpoint, graph, dump)
    return PushReport(release.name, counts, time.perf_counter() - started)


def _put(endpoint: RemoteEndpoint, graph: str, dump: Path) -> int:
    separator = "&" if "?" in (endpoint.store_url or "") else "?"
    url = f"{endpoint.store_url}{separator}graph={quote(graph, safe='')}"
    with open(dump, "rb") as body:
        try:
            response = send(endpoint, "PUT", url, body=body, length=dump.stat().st_size,
                            headers={"Content-Type": "application/n-triples"})
        except RemoteStoreError as exc:
            raise RemoteStoreError(f"pushing <{graph}>: {exc}", status=exc.status) from exc
    response.close()
    with open(dump, "rb") as lines:
        return sum(1 for line in lines if line.strip())
