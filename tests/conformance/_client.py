"""A raw HTTP client for the conformance tests, and parsers for the answers it gets.

`http.client` rather than `urllib.request`: the W3C requests must go out exactly as the
manifest writes them (no Content-Type added to a POST that has none, bodies byte for byte).
"""

from __future__ import annotations

import http.client
import io
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import rdflib
from rdflib.query import Result

__all__ = [
    "BOOLEAN_TYPES",
    "RDF_TYPES",
    "TABULAR_TYPES",
    "Exchange",
    "HttpRequest",
    "media_type",
    "parse_boolean",
    "parse_rdf",
    "parse_tabular",
    "send",
]

#: SPARQL results media types -> rdflib result parser (SELECT: XML, JSON, CSV, TSV).
TABULAR_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: ASK results come as XML or JSON only.
BOOLEAN_TYPES: dict[str, str] = {k: v for k, v in TABULAR_TYPES.items() if v in ("json", "xml")}
#: RDF media types -> rdflib parser (RDFa cannot be parsed by rdflib 7 and is not offered by the server).
RDF_TYPES: dict[str, str] = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",  # the old N-Triples media type
}

_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class HttpRequest:
    """One HTTP request as the manifest describes it, with the response it expects."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    expected_status: frozenset[int] = frozenset()  # status classes: 2 for 2xx, 4 for 4xx …
    expected_format: str | None = None  # "boolean", "tabular", "RDF"
    expected_boolean: bool | None = None
    notes: tuple[str, ...] = field(default=())  # why an expectation differs from the manifest's

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def with_header(self, name: str, value: str) -> HttpRequest:
        kept = tuple((k, v) for k, v in self.headers if k.lower() != name.lower())
        return replace(self, headers=(*kept, (name, value)))


@dataclass(frozen=True)
class Exchange:
    """What came back: the final status, headers and the whole body (the response is closed)."""

    request: HttpRequest
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    location: str  # the path finally answered (after redirects)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    @property
    def content_type(self) -> str:
        return self.header("content-type") or ""

    def describe(self, limit: int = 400) -> str:
        text = self.body[:limit].decode("utf-8", errors="replace")
        more = "…" if len(self.body) > limit else ""
        return (
            f"{self.request.method} {self.location} -> {self.status} "
            f"[{self.content_type or 'no content type'}]: {text!r}{more}"
        )


def send(host: str, port: int, request: HttpRequest, timeout: float = 30.0) -> Exchange:
    """Send the request as is (only Host and Content-Length are added), following redirects."""
    method, path, body = request.method, request.path, request.body
    for _ in range(5):
        status, headers, payload = _once(host, port, method, path, request.headers, body, timeout)
        if status not in _REDIRECTS:
            return Exchange(request, status, headers, payload, path)
        target = next((v for k, v in headers if k.lower() == "location"), None)
        if target is None:
            return Exchange(request, status, headers, payload, path)
        split = urlsplit(urljoin(f"http://{host}:{port}{path}", target))
        assert (split.hostname, split.port) == (host, port), f"redirected off the server to {target}"
        path = split.path + (f"?{split.query}" if split.query else "")
        if status == 303:
            method, body = "GET", None
    raise AssertionError(f"{request.method} {request.path}: too many redirects")


def _once(
    host: str, port: int, method: str, path: str, headers: tuple[tuple[str, str], ...], body: bytes | None, timeout: float
) -> tuple[int, tuple[tuple[str, str], ...], bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        # putrequest/putheader rather than request(): nothing is added behind our back
        # (no Accept-Encoding, no Content-Type), and Content-Length only when there is a body.
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        elif method in ("POST", "PUT", "PATCH"):
            connection.putheader("Content-Length", "0")
        connection.endheaders(body)
        response = connection.getresponse()
        try:
            return response.status, tuple(response.getheaders()), response.read()
        finally:
            response.close()
    finally:
        connection.close()


def media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def parse_tabular(exchange: Exchange) -> Result:
    """SELECT results in the syntax the Content-Type names; fails on any other type."""
    media = media_type(exchange.content_type)
    assert media in TABULAR_TYPES, f"not a SPARQL results type (want one of {sorted(TABULAR_TYPES)}): {exchange.describe()}"
    try:
        result = Result.parse(io.BytesIO(exchange.body), format=TABULAR_TYPES[media], content_type=media)
    except Exception as exc:  # noqa: BLE001 - any parser error is a failed expectation
        raise AssertionError(f"{media} body does not parse as SPARQL results ({exc}): {exchange.describe()}") from exc
    assert result.type == "SELECT", f"expected a SELECT result, got {result.type}: {exchange.describe()}"
    return result


def parse_boolean(exchange: Exchange) -> bool:
    """The boolean of an ASK result, in SPARQL results XML or JSON."""
    media = media_type(exchange.content_type)
    assert media in BOOLEAN_TYPES, f"not a boolean results type (want one of {sorted(BOOLEAN_TYPES)}): {exchange.describe()}"
    try:
        result = Result.parse(io.BytesIO(exchange.body), format=BOOLEAN_TYPES[media], content_type=media)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"{media} body does not parse as SPARQL results ({exc}): {exchange.describe()}") from exc
    assert result.type == "ASK" and isinstance(result.askAnswer, bool), f"not an ASK result: {exchange.describe()}"
    return result.askAnswer


def parse_rdf(exchange: Exchange, base: str) -> rdflib.Graph:
    """The RDF graph of the body, parsed by its Content-Type."""
    media = media_type(exchange.content_type)
    assert media in RDF_TYPES, f"not an RDF type (want one of {sorted(RDF_TYPES)}): {exchange.describe()}"
    graph = rdflib.Graph()
    try:
        graph.parse(data=exchange.body, format=RDF_TYPES[media], publicID=base)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"{media} body does not parse as RDF ({exc}): {exchange.describe()}") from exc
    return graph
