"""The VoID description of the dataset: counts, licence, source, subsets (``GET /void``)."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ..query import GRAPH_FORMATS
from ..store import GRAPHS
from .dependencies import get_holder
from .errors import ProtocolError
from .holder import StoreHolder
from .negotiation import GRAPH_TYPES, choose

__all__ = ["router"]

router = APIRouter()


@router.get("/void", summary="VoID description of the dataset")
async def void(request: Request, holder: Annotated[StoreHolder, Depends(get_holder)]) -> Response:
    """The dataset's VoID description written by the build: triples, classes, properties and
    distinct subjects, one subset per named graph, licence, source and the data files it was
    built from (PROV)."""
    media = choose(request.headers.get("accept"), GRAPH_TYPES)
    if media is None:
        raise ProtocolError(406, "not_acceptable", f"the description can be sent as one of: {', '.join(GRAPH_TYPES)}")
    store = holder.get()
    triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, GRAPHS["meta"])]
    endpoint = ox.NamedNode(str(request.url_for("sparql_get")))
    dataset = ox.NamedNode("https://w3id.org/skillgraph/id/dataset")
    triples.append(ox.Triple(dataset, ox.NamedNode("http://rdfs.org/ns/void#sparqlEndpoint"), endpoint))
    body = ox.serialize(triples, format=GRAPH_FORMATS[GRAPH_TYPES[media]]) or b""
    return Response(body, media_type=media, headers={"Vary": "Accept"})
