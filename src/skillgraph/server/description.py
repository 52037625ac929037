"""SPARQL 1.1 Service Description of the endpoint (answered to GET /sparql without a query)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from rdflib import RDF, BNode, Graph, Namespace, URIRef

from .holder import StoreHolder
from .negotiation import GRAPH_TYPES, choose

__all__ = ["service_description"]

_SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
_FORMATS = Namespace("http://www.w3.org/ns/formats/")
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                   "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG")
_RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld", "nquads": "nquads", "trig": "trig"}


def service_description(request: Request, holder: StoreHolder) -> Response:
    """Describe the endpoint: language, result formats, features and its default dataset."""
    graph = Graph()
    graph.bind("sd", _SD)
    service = BNode()
    endpoint = URIRef(str(request.url.replace(query="", fragment="")))
    graph.add((service, RDF.type, _SD.Service))
    graph.add((service, _SD.endpoint, endpoint))
    graph.add((service, _SD.supportedLanguage, _SD.SPARQL11Query))
    graph.add((service, _SD.feature, _SD.UnionDefaultGraph))
    for name in _RESULT_FORMATS:
        graph.add((service, _SD.resultFormat, _FORMATS[name]))
    dataset = BNode()
    graph.add((service, _SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, _SD.Dataset))
    default = BNode()
    graph.add((dataset, _SD.defaultGraph, default))
    graph.add((default, RDF.type, _SD.Graph))
    store = holder.get()
    for name in store.named_graphs():
        named = BNode()
        graph.add((dataset, _SD.namedGraph, named))
        graph.add((named, RDF.type, _SD.NamedGraph))
        graph.add((named, _SD.name, URIRef(name.value)))
    media = choose(request.headers.get("accept"), GRAPH_TYPES) or "text/turtle"
    body = graph.serialize(format=_RDFLIB_FORMATS[GRAPH_TYPES[media]], encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})

