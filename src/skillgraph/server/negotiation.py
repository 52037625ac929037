"""HTTP content negotiation for SPARQL results (RFC 9110 ``Accept`` with q-values)."""

from __future__ import annotations

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "choose"]

#: Media type -> short format name of ``skillgraph.query``; the first is the default.
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "jsonld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "text/plain": "ntriples",
}


def choose(accept: str | None, offers: dict[str, str]) -> str | None:
    """The offered media type the client prefers, or None when it accepts none of them.

    Each offer takes the quality of the most specific range that matches it (RFC 9110
    §12.5.1); ties go to the server's order, so the first offer is the default.
    """
    if not accept or not accept.strip():
        return next(iter(offers))
    ranges = [r for r in (_parse_range(part) for part in accept.split(",")) if r is not None]
    best: tuple[float, int, str] | None = None
    for order, offer in enumerate(offers):
        matching = [(specificity, quality) for media, specificity, quality in ranges if _matches(media, offer)]
        if not matching:
            continue
        quality = max(matching)[1]
        if quality > 0 and (best is None or (quality, -order) > best[:2]):
            best = (quality, -order, offer)
    return best[2] if best else None


def _parse_range(part: str) -> tuple[str, int, float] | None:
    media, *params = (p.strip() for p in part.split(";"))
    media = media.lower()
    if not media:
        return None
    quality = 1.0
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                quality = min(max(float(value), 0.0), 1.0)
            except ValueError:
                quality = 0.0
    specificity = 0 if media in ("*/*", "*") else (1 if media.endswith("/*") else 2)
    return media, specificity, quality


def _matches(media: str, offer: str) -> bool:
    if media in ("*/*", "*"):
        return True
    if media.endswith("/*"):
        return offer.startswith(media[:-1])
    return media == offer
