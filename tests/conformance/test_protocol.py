"""The W3C SPARQL 1.1 Protocol test suite, run against a live `skillgraph serve`.

One test per entry of ``w3c-sparql11-protocol/manifest.ttl`` (w3c/rdf-tests, see LICENSE.md).
Each entry is an ``ht:Connection`` whose ``ht:requests`` are sent in order, exactly as written
(``/sparql/`` becomes ``/sparql``), and each answer is checked against its ``ht:resp``:
``mf:expectedStatus`` (a status class), ``mf:expectedFormat`` and ``mf:expectedBoolean``.

The endpoint is read-only, which the manifest does not foresee: every update request must be
refused with a 4xx (the manifest expects 2xx from an endpoint that accepts updates), and an ASK
that checks the effect of a refused update must then answer ``false``. After each test that sent
an update, the store must still hold exactly the three graphs.

Beyond the manifest, the answers are checked for content: SELECT results are parsed in the
syntax their Content-Type names, RDF is parsed with rdflib, and for the dataset tests a probe
query sent with the same protocol dataset shows which graphs really formed the default graph
and the named graphs.
"""

from __future__ import annotations

import base64
import codecs
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, quote, urlencode, urlsplit

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node, Variable

from ._client import Exchange, HttpRequest, media_type, parse_boolean, parse_rdf, parse_tabular, send
from .conftest import GRAPH_FILES, PROTOCOL_DIR

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

MANIFEST = PROTOCOL_DIR / "manifest.ttl"
ENDPOINT = "/sparql"
RESULTS_JSON = "application/sparql-results+json"

READ_ONLY = "4xx because the endpoint is read-only (the manifest expects 2xx/3xx from an endpoint that applies updates)"
REFUSED = "false because the update before it was refused (read-only endpoint); the manifest expects true once the update applied"
#: A base no answer should ever need: RDF parsed against it shows any IRI the server left relative.
CLIENT_BASE = "http://client.invalid/unresolved/"
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")

_FORM = "application/x-www-form-urlencoded"
_DIRECT_QUERY = "application/sparql-query"
_DIRECT_UPDATE = "application/sparql-update"


# --------------------------------------------------------------------------- the manifest


@dataclass(frozen=True)
class ProtocolTest:
    name: str  # the local name of the entry, e.g. "query_post_form"
    title: str  # mf:name
    requests: tuple[HttpRequest, ...]
    graph_data: frozenset[str]  # ut:graphData labels: graphs the test expects the endpoint to hold


def _one(graph: rdflib.Graph, subject: Node, predicate: URIRef) -> Node:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"manifest: {subject} needs exactly one {predicate}, has {values}"
    return values[0]


def _optional(graph: rdflib.Graph, subject: Node, predicate: URIRef) -> Node | None:
    values = list(graph.objects(subject, predicate))
    assert len(values) <= 1, f"manifest: {subject} has several {predicate}: {values}"
    return values[0] if values else None


def _body(graph: rdflib.Graph, node: Node | None) -> bytes | None:
    if node is None:
        return None
    if (node, RDF.type, CNT.ContentAsText) in graph:
        chars = str(_one(graph, node, CNT.chars))
        encoding = _optional(graph, node, CNT.characterEncoding)
        return chars.encode(codecs.lookup(str(encoding or "UTF-8")).name)
    if (node, RDF.type, CNT.ContentAsBase64) in graph:
        return base64.b64decode(str(_one(graph, node, CNT.bytes)), validate=True)
    raise AssertionError(f"manifest: body {node} is neither cnt:ContentAsText nor cnt:ContentAsBase64")


def _status_class(node: Node) -> int:
    match = re.fullmatch(re.escape(str(HTS)) + r"StatusCode([1-5])xx", str(node))
    assert match, f"manifest: unknown expected status {node}"
    return int(match.group(1))


def _path(absolute_path: str) -> str:
    assert absolute_path.startswith("/sparql/"), f"manifest: path outside /sparql/: {absolute_path}"
    return ENDPOINT + absolute_path[len("/sparql/") :]


def _request(graph: rdflib.Graph, node: Node) -> HttpRequest:
    assert (node, RDF.type, HT.Request) in graph, f"manifest: {node} is not an ht:Request"
    headers: list[tuple[str, str]] = []
    header_list = _optional(graph, node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            assert (header, RDF.type, HT.RequestHeader) in graph
            headers.append((str(_one(graph, header, HT.fieldName)), str(_one(graph, header, HT.fieldValue))))
    response = _one(graph, node, HT.resp)
    assert (response, RDF.type, HT.Response) in graph
    boolean = _optional(graph, response, MF.expectedBoolean)
    expected_format = _optional(graph, response, MF.expectedFormat)
    assert expected_format is None or str(expected_format) in ("boolean", "tabular", "RDF"), expected_format
    return HttpRequest(
        method=str(_one(graph, node, HT.methodName)),
        path=_path(str(_one(graph, node, HT.absolutePath))),
        headers=tuple(headers),
        body=_body(graph, _optional(graph, node, HT.body)),
        expected_status=frozenset(_status_class(s) for s in graph.objects(response, MF.expectedStatus)),
        expected_format=None if expected_format is None else str(expected_format),
        expected_boolean=None if boolean is None else bool(boolean.toPython()),  # type: ignore[union-attr]
    )


def _params(request: HttpRequest) -> dict[str, list[str]]:
    """Protocol parameters from the URL and, for a form POST, from the body."""
    params = parse_qs(urlsplit(request.path).query, keep_blank_values=True)
    if media_type(request.header("content-type") or "") == _FORM and request.body is not None:
        for key, values in parse_qs(request.body.decode("utf-8"), keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
    return params


def is_update(request: HttpRequest) -> bool:
    """Whether the request carries a SPARQL update (direct, form field or URL parameter)."""
    return media_type(request.header("content-type") or "") == _DIRECT_UPDATE or "update" in _params(request)


def _read_only(name: str, request: HttpRequest) -> HttpRequest:
    """Adapt one request of an ``update_*`` entry to a read-only endpoint."""
    if is_update(request):
        assert request.expected_status == {2, 3} and request.expected_format is None, (name, request)
        return replace(request, expected_status=frozenset({4}), notes=(READ_ONLY,))
    # The ASK that checks the effect of the update: the update was refused, so no effect.
    assert request.expected_format == "boolean" and request.expected_boolean is True, (name, request)
    return replace(request, expected_boolean=False, notes=(REFUSED,))


def load_manifest(path: Path = MANIFEST) -> list[ProtocolTest]:
    graph = rdflib.Graph().parse(path, format="turtle")
    manifests = list(graph.subjects(RDF.type, MF.Manifest))
    assert len(manifests) == 1, manifests
    tests = []
    for entry in Collection(graph, _one(graph, manifests[0], MF.entries)):
        assert (entry, RDF.type, MF.ProtocolTest) in graph, f"manifest: {entry} is not an mf:ProtocolTest"
        name = str(entry).rpartition("#")[2]
        action = _one(graph, entry, MF.action)
        assert (action, RDF.type, HT.Connection) in graph, f"manifest: the action of {name} is not an ht:Connection"
        requests = tuple(_request(graph, node) for node in Collection(graph, _one(graph, action, HT.requests)))
        assert requests, f"manifest: {name} has no request"
        if name.startswith("update_"):
            requests = tuple(_read_only(name, r) for r in requests)
        labels = frozenset(str(_one(graph, g, rdflib.RDFS.label)) for g in graph.objects(entry, UT.graphData))
        tests.append(ProtocolTest(name, str(_one(graph, entry, MF.name)), requests, labels))
    return tests


TESTS = load_manifest()


def test_manifest_has_the_34_protocol_tests() -> None:
    names = [t.name for t in TESTS]
    assert len(names) == len(set(names)) == 34
    updates = [t.name for t in TESTS if any(is_update(r) for r in t.requests)]
    assert all(n.startswith(("update_", "bad_update_", "bad_multiple_updates")) for n in updates), updates
    # Every update request of the suite is expected to be refused.
    for test in TESTS:
        for request in test.requests:
            if is_update(request):
                assert request.expected_status == {4}, (test.name, request)


# --------------------------------------------------------------------------- the data


def _triples(path: Path) -> frozenset[tuple[Node, Node, Node]]:
    return frozenset(rdflib.Graph().parse(path, format="nt"))  # type: ignore[arg-type]


#: The triples of each named graph of the store.
GRAPH_TRIPLES: dict[str, frozenset[tuple[Node, Node, Node]]] = {g: _triples(p) for g, p in GRAPH_FILES.items()}


def test_the_three_graphs_are_distinct() -> None:
    triples = list(GRAPH_TRIPLES.values())
    assert all(len(t) == 1 for t in triples) and len(frozenset().union(*triples)) == 3


# --------------------------------------------------------------------------- checks

_PROBE = "SELECT ?g ?s ?p ?o {dataset}WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
_DATASET_CLAUSE = re.compile(r"\bFROM\s+(?:NAMED\s+)?<[^>]*>", re.IGNORECASE)


def _query_text(request: HttpRequest) -> str:
    if media_type(request.header("content-type") or "") == _DIRECT_QUERY:
        assert request.body is not None
        return request.body.decode("utf-8")
    (text,) = _params(request)["query"]
    return text


def _with_query(request: HttpRequest, text: str) -> HttpRequest:
    """The same request (method, URL parameters, headers) carrying another query."""
    content_type = media_type(request.header("content-type") or "")
    if content_type == _DIRECT_QUERY:
        return replace(request, body=text.encode("utf-8"))
    if content_type == _FORM and request.body is not None and "query" in parse_qs(request.body.decode("utf-8")):
        pairs = [(k, text if k == "query" else v) for k, v in parse_qsl(request.body.decode("utf-8"), keep_blank_values=True)]
        return replace(request, body=urlencode(pairs, quote_via=quote).encode("ascii"))
    split = urlsplit(request.path)
    pairs = [(k, text if k == "query" else v) for k, v in parse_qsl(split.query, keep_blank_values=True)]
    return replace(request, path=f"{split.path}?{urlencode(pairs, quote_via=quote)}")


def _dataset_seen(exchange: Exchange) -> tuple[set[tuple[Node, ...]], set[tuple[Node, ...]]]:
    """(triples of the default graph, (graph, triple) of the named graphs) from a probe answer."""
    result = parse_tabular(exchange)
    default: set[tuple[Node, ...]] = set()
    named: set[tuple[Node, ...]] = set()
    for row in result.bindings:
        triple = (row[Variable("s")], row[Variable("p")], row[Variable("o")])
        graph = row.get(Variable("g"))
        if graph is None:
            default.add(triple)
        else:
            named.add((graph, *triple))
    return default, named


def _expected(defaults: list[str], nameds: list[str]) -> tuple[set[tuple[Node, ...]], set[tuple[Node, ...]]]:
    """The dataset made of these graphs (a graph the store does not hold contributes nothing)."""
    default = {t for g in defaults for t in GRAPH_TRIPLES.get(g, ())}
    named = {(URIRef(g), *t) for g in nameds for t in GRAPH_TRIPLES.get(g, ())}
    return default, named


def _show(triples: set[tuple[Node, ...]]) -> str:
    # Each graph holds one triple, about the graph's own IRI: its subject (and graph) name it.
    return "{" + ", ".join(sorted(" ".join(n.n3() for n in t[:-2]) for t in triples)) + "}"


def _assert_dataset(what: str, exchange: Exchange, expected: tuple[set[tuple[Node, ...]], set[tuple[Node, ...]]]) -> None:
    default, named = _dataset_seen(exchange)
    honoured = (default, named) == expected
    assert honoured, (
        f"{what} was not the one queried.\n"
        f"  default graph (subjects): expected {_show(expected[0])}, got {_show(default)}\n"
        f"  named graphs (graph subject): expected {_show(expected[1])}, got {_show(named)}\n"
        f"  probe: {exchange.describe(200)}"
    )


def _check_dataset(host: str, port: int, name: str, request: HttpRequest) -> None:
    """Ask, with the same protocol dataset, which triples form the default graph and the named graphs.

    SPARQL 1.1 Protocol §2.1.4: the default-graph-uri / named-graph-uri parameters specify the
    RDF dataset, and they override any FROM / FROM NAMED of the query. As in SPARQL 1.1 Query
    §13.2, named graphs given without default graphs leave an empty default graph, and default
    graphs given without named graphs leave no named graph.
    """
    params = _params(request)
    defaults, nameds = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
    assert defaults or nameds, f"{name}: a dataset test without dataset parameters"
    dataset = " ".join(_DATASET_CLAUSE.findall(_query_text(request)))
    probe = _with_query(request, _PROBE.format(dataset=dataset + " " if dataset else "")).with_header("Accept", RESULTS_JSON)
    exchange = send(host, port, probe)
    answered = exchange.status // 100 == 2
    assert answered, f"{name}: dataset probe failed: {exchange.describe()}"
    what = f"{name}: the protocol dataset (default-graph-uri={defaults}, named-graph-uri={nameds})"
    if dataset:
        what += f", which must override the query's {dataset},"
    _assert_dataset(what, exchange, _expected(defaults, nameds))


def _check_select(name: str, exchange: Exchange) -> None:
    result = parse_tabular(exchange)
    if name == "query_content_type_select":  # SELECT (1 AS ?value) {}
        assert [str(v) for v in result.vars or []] == ["value"], exchange.describe()
        rows = result.bindings
        assert len(rows) == 1, exchange.describe()
        value = rows[0][Variable("value")]
        assert isinstance(value, Literal) and str(value) == "1", exchange.describe()
        if media_type(exchange.content_type) != "text/csv":  # CSV carries no datatypes
            assert value.datatype == XSD_INTEGER, exchange.describe()


def _check_graph(name: str, exchange: Exchange) -> None:
    graph = parse_rdf(exchange, CLIENT_BASE)
    left_relative = [t for t in graph if any(str(n).startswith(CLIENT_BASE) for n in t)]
    assert not left_relative, f"{name}: the answer holds relative IRIs: {left_relative}; {exchange.describe()}"
    if name == "query_content_type_construct":  # CONSTRUCT { <s> <p> 1 } WHERE {}
        triples = list(graph)
        assert len(triples) == 1, exchange.describe()
        s, p, o = triples[0]
        assert isinstance(s, URIRef) and isinstance(p, URIRef), exchange.describe()
        # <s> and <p> are resolved against the service's base IRI (which it chooses).
        assert str(s).endswith("s") and str(p).endswith("p"), exchange.describe()
        assert o == Literal(1), exchange.describe()


def _check_intact(host: str, port: int, name: str) -> None:
    """The store still holds exactly the three graphs (no update went through)."""
    query = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = HttpRequest("GET", f"{ENDPOINT}?{urlencode({'query': query}, quote_via=quote)}", (("Accept", RESULTS_JSON),))
    exchange = send(host, port, request)
    assert exchange.status == 200, f"{name}: {exchange.describe()}"
    _, named = _dataset_seen(exchange)
    expected = {(URIRef(g), *t) for g, triples in GRAPH_TRIPLES.items() for t in triples}
    intact = named == expected
    assert intact, f"{name}: the store changed after an update was sent: {sorted(map(str, named))}"


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol(conformance_server: tuple[str, int], test: ProtocolTest) -> None:
    host, port = conformance_server
    assert test.graph_data <= set(GRAPH_FILES), f"{test.name} needs graphs the store lacks: {test.graph_data}"
    dataset_test = test.name.startswith("query_dataset_") or test.name == "query_multiple_dataset"
    for index, request in enumerate(test.requests, start=1):
        where = f"{test.name} ({test.title}), request {index}/{len(test.requests)}"
        exchange = send(host, port, request)
        classes = "/".join(f"{c}xx" for c in sorted(request.expected_status))
        why = f" ({'; '.join(request.notes)})" if request.notes else ""
        status_ok = exchange.status // 100 in request.expected_status
        assert status_ok, f"{where}: expected {classes}{why}, got {exchange.describe()}"
        if request.expected_format == "boolean":
            value = parse_boolean(exchange)
            if request.expected_boolean is not None:
                assert value is request.expected_boolean, (
                    f"{where}: expected {str(request.expected_boolean).lower()}{why}, got {exchange.describe()}"
                )
        elif request.expected_format == "tabular":
            _check_select(test.name, exchange)
        elif request.expected_format == "RDF":
            _check_graph(test.name, exchange)
        if dataset_test and not is_update(request):
            _check_dataset(host, port, test.name, request)
    if test.name.startswith(("update_", "bad_update_")) or any(is_update(r) for r in test.requests):
        _check_intact(host, port, test.name)


def test_query_dataset_from_the_query(conformance_server: tuple[str, int]) -> None:
    """Not a manifest entry: without default-graph-uri / named-graph-uri, the query's own FROM /
    FROM NAMED make the dataset (SPARQL 1.1 Query §13.2). Protocol §2.1.4 lets a service refuse
    (4xx) a dataset it does not support; silently querying another dataset is not allowed."""
    data1, _, data3 = GRAPH_FILES
    query = _PROBE.format(dataset=f"FROM <{data3}> FROM NAMED <{data1}> ")
    request = HttpRequest("GET", f"{ENDPOINT}?{urlencode({'query': query}, quote_via=quote)}", (("Accept", RESULTS_JSON),))
    exchange = send(*conformance_server, request)
    if exchange.status // 100 == 4:
        return  # refused: allowed
    answered = exchange.status == 200
    assert answered, exchange.describe()
    _assert_dataset(f"the query's dataset (FROM <{data3}> FROM NAMED <{data1}>)", exchange, _expected([data3], [data1]))
