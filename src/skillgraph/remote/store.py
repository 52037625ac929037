"""`RemoteStore`: the few `pyoxigraph.Store` calls skillgraph makes, answered by a remote
SPARQL 1.1 server over the standard protocol.

Answers are real pyoxigraph objects — SELECT and ASK come back as SPARQL JSON results parsed
by `pyoxigraph.parse_query_results` (so ``QuerySolutions`` and ``QueryBoolean``), CONSTRUCT
and DESCRIBE as N-Triples parsed by `pyoxigraph.parse` — so the gap model, the named queries
and every route work on it unchanged. SELECT rows are parsed as they arrive: a worker that
stops at its row cap stops reading.

Decisions (docs/deployment.md): the union default graph is asked for portably, by listing
every named graph of the server as ``default-graph-uri`` and ``named-graph-uri`` (the list is
read once per store object, that is once per release); parameters are joined into the query
as inline VALUES blocks (`skillgraph.binding`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox

from ..errors import RemoteStoreError, StoreError
from ..store import GRAPHS
from ..binding import bind_values, with_base
from .http import RemoteEndpoint, form, send

__all__ = ["RELEASE_PREDICATE", "RemoteStore"]

#: The meta graph says which release was pushed last: ``<dataset> owl:versionInfo "<release>"``.
RELEASE_PREDICATE = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
DATASET = ox.NamedNode("https://w3id.org/skillgraph/id/dataset")

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
_RELEASE = "SELECT ?release WHERE { ?dataset ?versionInfo ?release }"
_PATTERN = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"

Term = ox.NamedNode | ox.Literal


class RemoteStore:
    """A read-only view of the graph on a remote SPARQL server, for one release."""

    def __init__(self, endpoint: RemoteEndpoint, release: str | None = None) -> None:
        self.endpoint = endpoint
        self._release = release
        self._graphs: list[ox.NamedNode] | None = None

    @classmethod
    def from_key(cls, key: str) -> RemoteStore:
        """The store a query worker opens for a release key (`key`)."""
        endpoint, release = RemoteEndpoint.from_key(key)
        return cls(endpoint, release)

    def key(self) -> str:
        return self.endpoint.key(self.release())

    def release(self) -> str:
        """The release this object reads: given, or the one pushed last (read once)."""
        if self._release is None:
            self._release = read_release(self.endpoint)
        return self._release

    # -- the pyoxigraph.Store calls ---------------------------------------------------------
    def query(
        self,
        query: str,
        *,
        substitutions: Mapping[ox.Variable, Term] | None = None,
        default_graph: Sequence[ox.NamedNode] | None = None,
        named_graphs: Sequence[ox.NamedNode] | None = None,
        use_default_graph_as_union: bool = False,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Evaluate on the server; a query it refuses raises `SyntaxError` with its message."""
        text = bind_values(query, substitutions) if substitutions else query
        if base_iri:
            text = with_base(text, base_iri)
        params = [("query", text)]
        if default_graph is not None or named_graphs is not None:
            params += [("default-graph-uri", _graph_iri(g)) for g in default_graph or []]
            params += [("named-graph-uri", _graph_iri(g)) for g in named_graphs or []]
        elif use_default_graph_as_union:
            names = [g.value for g in self.named_graphs()]
            params += [("default-graph-uri", g) for g in names] + [("named-graph-uri", g) for g in names]
        return self._post(params)

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        if self._graphs is None:
            solutions = self._post([("query", _GRAPHS)])
            self._graphs = sorted((row["g"] for row in solutions if isinstance(row["g"], ox.NamedNode)),  # type: ignore[union-attr,index]
                                  key=lambda g: g.value)
        return iter(self._graphs)

    def quads_for_pattern(
        self, subject: Term | None, predicate: ox.NamedNode | None, object: Term | None,  # noqa: A002 - pyoxigraph's name
        graph_name: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads of one named graph matching the pattern (the only form skillgraph uses)."""
        if not isinstance(graph_name, ox.NamedNode):
            raise StoreError(f"{self.endpoint.query_url}: a remote store is read one named graph at a time, not {graph_name!r}")
        bound = {ox.Variable(name): term for name, term in (("s", subject), ("p", predicate), ("o", object)) if term is not None}
        triples = self.query(_PATTERN, substitutions=bound or None, default_graph=[graph_name], named_graphs=[])
        for triple in triples:  # type: ignore[union-attr]
            yield ox.Quad(triple.subject, triple.predicate, triple.object, graph_name)  # type: ignore[union-attr]

    # -- HTTP -----------------------------------------------------------------------------------
    def _post(self, params: list[tuple[str, str]]) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        url = self.endpoint.query_url
        try:
            response = send(self.endpoint, "POST", url, body=form(params),
                            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT})
        except RemoteStoreError as exc:
            if exc.status == 400:
                # The query's fault, not the store's: the caller gets the server's parser message.
                raise SyntaxError("the remote store rejected the query: " + str(exc).split(": ", 1)[-1]) from exc
            raise
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            if media == _RESULTS_JSON:
                # Parsed lazily from the open response: rows are read as they are used.
                return ox.parse_query_results(response, format=ox.QueryResultsFormat.JSON)  # type: ignore[arg-type]
            if media == _NTRIPLES:
                with response:
                    return [quad.triple for quad in ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES)]
        except SyntaxError as exc:
            raise RemoteStoreError(f"{url}: the remote store's answer does not parse: {exc}") from exc
        response.close()
        raise RemoteStoreError(f"{url}: the remote store answered '{media or 'no content type'}', not SPARQL JSON or N-Triples")


def read_release(endpoint: RemoteEndpoint) -> str:
    """The release pushed last to the remote store, read from its meta graph."""
    store = RemoteStore(endpoint, release="")
    bound = {ox.Variable("dataset"): DATASET, ox.Variable("versionInfo"): RELEASE_PREDICATE}
    solutions = store.query(_RELEASE, substitutions=bound, default_graph=[GRAPHS["meta"]], named_graphs=[])
    releases = sorted(row["release"].value for row in solutions)  # type: ignore[union-attr,index]
    if not releases:
        raise StoreError(
            f"{endpoint.query_url}: no skillgraph release on the remote store "
            "(run 'skillgraph build' with SKILLGRAPH_REMOTE_STORE_URL set)"
        )
    return releases[-1]


def _graph_iri(graph: object) -> str:
    if isinstance(graph, ox.NamedNode):
        return graph.value
    raise StoreError(f"the SPARQL protocol names graphs by IRI; {graph!r} cannot be sent to a remote store")
