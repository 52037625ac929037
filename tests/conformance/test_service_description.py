"""The W3C SPARQL 1.1 Service Description tests, run against a live `skillgraph serve`.

The manifest (``w3c-sparql11-service-description/manifest.ttl``, w3c/rdf-tests, see LICENSE.md)
names three tests and carries no requests; their meaning is the conformance section of SPARQL 1.1
Service Description (§2 and §3 of the Recommendation):

- ``returns-rdf``: ``GET`` on the endpoint URL, without a query, returns RDF;
- ``has-endpoint-triple``: that RDF holds ``?service sd:endpoint <U>``, U the URL dereferenced;
- ``conforms-to-schema``: it uses the vocabulary as the Recommendation specifies. As in the W3C
  validator, every ``sd:NamedGraph`` must have an ``sd:name``; here also the values whose range
  the vocabulary fixes are checked, and, the endpoint being query-only, that it does not
  advertise SPARQL Update.
"""

from __future__ import annotations

import warnings

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.collection import Collection

from ._client import Exchange, HttpRequest, media_type, send
from .conftest import GRAPH_FILES, SERVICE_DESCRIPTION_DIR

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

MANIFEST = SERVICE_DESCRIPTION_DIR / "manifest.ttl"
ENDPOINT = "/sparql"

#: RDF syntaxes a service description may come in (rdflib parser names).
RDF_SYNTAXES = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
}
#: The syntaxes the service offers: content negotiation must honour each.
NEGOTIATED = ("text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json")
_LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
_QUERY_LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query}


def _entries() -> list[str]:
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    (manifest,) = graph.subjects(RDF.type, MF.Manifest)
    names = []
    for entry in Collection(graph, graph.value(manifest, MF.entries)):
        assert (entry, RDF.type, MF.ServiceDescriptionTest) in graph, entry
        names.append(str(entry).rpartition("#")[2])
    return names


ENTRIES = _entries()


def _describe(server: tuple[str, int], accept: str | None = None) -> Exchange:
    headers = (("Accept", accept),) if accept else ()
    return send(*server, HttpRequest("GET", ENDPOINT, headers))


def _parse(exchange: Exchange, endpoint: str) -> rdflib.Graph:
    assert exchange.status == 200, exchange.describe()
    media = media_type(exchange.content_type)
    assert media in RDF_SYNTAXES, f"not an RDF media type: {exchange.describe()}"
    graph = rdflib.Graph()
    try:
        with warnings.catch_warnings():
            # rdflib's own JSON-LD parser builds a ConjunctiveGraph, deprecated by rdflib itself.
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning, module="rdflib")
            graph.parse(data=exchange.body, format=RDF_SYNTAXES[media], publicID=endpoint)
    except Exception as exc:  # noqa: BLE001 - any parser error fails the test
        raise AssertionError(f"the service description does not parse as {media} ({exc}): {exchange.describe()}") from exc
    assert len(graph) > 0, exchange.describe()
    return graph


def _returns_rdf(server: tuple[str, int], endpoint: str) -> None:
    _parse(_describe(server), endpoint)
    for accept in NEGOTIATED:
        exchange = _describe(server, accept)
        assert media_type(exchange.content_type) == accept, f"asked for {accept}: {exchange.describe()}"
        _parse(exchange, endpoint)


def _has_endpoint_triple(server: tuple[str, int], endpoint: str) -> None:
    graph = _parse(_describe(server), endpoint)
    services = set(graph.subjects(SD.endpoint, URIRef(endpoint)))
    assert services, f"no ?service sd:endpoint <{endpoint}>: {sorted(map(str, graph.objects(None, SD.endpoint)))}"
    assert any((s, RDF.type, SD.Service) in graph for s in services), "the service is not typed sd:Service"


def _conforms_to_schema(server: tuple[str, int], endpoint: str) -> None:
    graph = _parse(_describe(server), endpoint)
    problems = []
    for named in graph.subjects(RDF.type, SD.NamedGraph):
        names = list(graph.objects(named, SD.name))
        if not names:
            problems.append(f"sd:NamedGraph {named.n3()} has no sd:name")
        problems += [f"sd:name {n.n3()} is not an IRI" for n in names if not isinstance(n, URIRef)]
    for prop in (SD.endpoint, SD.supportedLanguage, SD.feature, SD.resultFormat, SD.inputFormat, SD.namedGraph,
                 SD.defaultDataset, SD.defaultGraph):
        problems += [f"{prop.n3(graph.namespace_manager)} {o.n3()} is a literal" for o in graph.objects(None, prop)
                     if isinstance(o, Literal)]
    languages = set(graph.objects(None, SD.supportedLanguage))
    problems += [f"unknown sd:supportedLanguage {lang.n3()}" for lang in languages - _LANGUAGES]
    if not languages & _QUERY_LANGUAGES:
        problems.append("no SPARQL query language among sd:supportedLanguage")
    if SD.SPARQL11Update in languages:
        problems.append("sd:SPARQL11Update is advertised, but the endpoint is read-only")
    for dataset in graph.objects(None, SD.defaultDataset):
        if (dataset, RDF.type, SD.Dataset) not in graph:
            problems.append(f"sd:defaultDataset {dataset.n3()} is not an sd:Dataset")
        named = {graph.value(n, SD.name) for n in graph.objects(dataset, SD.namedGraph)}
        if named != {URIRef(g) for g in GRAPH_FILES}:
            problems.append(f"the default dataset lists named graphs {sorted(map(str, named))}, the store holds {sorted(GRAPH_FILES)}")
    assert not problems, "\n".join(problems)


CHECKS = {
    "returns-rdf": _returns_rdf,
    "has-endpoint-triple": _has_endpoint_triple,
    "conforms-to-schema": _conforms_to_schema,
}


def test_manifest_names_the_three_tests() -> None:
    assert sorted(ENTRIES) == sorted(CHECKS)


@pytest.mark.parametrize("name", ENTRIES)
def test_service_description(conformance_server: tuple[str, int], name: str) -> None:
    host, port = conformance_server
    CHECKS[name](conformance_server, f"http://{host}:{port}{ENDPOINT}")
