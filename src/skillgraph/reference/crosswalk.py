"""The official ESCO–ROME mapping -> the graph ``https://w3id.org/skillgraph/graph/crosswalk``.

"Mapping project ESCO - ROME" by Pôle emploi (now France Travail), version V1.4, published
on the ESCO portal: one row per ROME appellation (OGR code), each mapped to one ESCO
occupation with a SKOS mapping relation. The triples are written as published:
``<ESCO occupation> skos:exactMatch|closeMatch|broadMatch|narrowMatch <ROME appellation>``.
Every OGR code of the mapping still exists in ROME 4.0 v4.60, so the appellation IRIs are
those of the ROME graph (``https://w3id.org/skillgraph/rome/appellation/<code>``).
"""

from __future__ import annotations

from rdflib.namespace import SKOS

from . import DatasetInfo, Sources
from ._csv import NTriplesWriter, literal
from .rome import ROME

__all__ = ["FILES", "INFO", "MAPPING", "convert"]

MAPPING = "crosswalk_esco_rome/FR_20230607_mapping_esco_rome.csv"
FILES = (MAPPING,)

INFO = DatasetInfo(
    title_fr="Table de correspondance ESCO – ROME (Pôle emploi, V1.4)",
    title_en="ESCO – ROME crosswalk (Pôle emploi, V1.4)",
    publisher="Pôle emploi – France (now France Travail), published on the ESCO portal",
    version="V1.4 (07/06/2022)",
    licence="http://data.europa.eu/eli/dec/2011/833/oj",
    rights="This service uses the ESCO classification of the European Commission. "
    "ESCO–ROME mapping by Pôle emploi (France Travail); ROME 4.0, France Travail, Licence Ouverte / Etalab 2.0.",
    source="https://esco.ec.europa.eu/en/use-esco/download",
)

_ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
_RELATIONS = {
    f"skos:{name}": f"<{SKOS[name]}>" for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch")
}
_RELATIONS.update({value[1:-1]: value for value in list(_RELATIONS.values())})
_DATASET = "<https://w3id.org/skillgraph/id/dataset/crosswalk>"


def convert(sources: Sources, out: NTriplesWriter) -> None:
    """Write the crosswalk graph's triples."""
    table = sources.table(
        MAPPING, ["classification 1 ID", "classification 2 ID", "mapping relation"], header_first="classification 1 ID"
    )
    for line, row in table:
        occupation = row["classification 1 ID"].strip()
        appellation = row["classification 2 ID"].strip()
        relation = row["mapping relation"].strip()
        if not (occupation.startswith(_ESCO_OCCUPATION) and len(occupation) > len(_ESCO_OCCUPATION) and out.valid_iri(occupation)):
            table.problem(line, None, "classification 1 ID", f"'{occupation}' is not an ESCO occupation URI ({_ESCO_OCCUPATION}…)")
            continue
        if not appellation.isdigit():
            table.problem(line, occupation, "classification 2 ID", f"'{appellation}' is not a ROME appellation (OGR) code")
            continue
        if relation not in _RELATIONS:
            table.problem(line, occupation, "mapping relation", f"unknown relation '{relation}' (expected skos:exactMatch, closeMatch, broadMatch or narrowMatch)")
            continue
        out.add(f"<{occupation}>", _RELATIONS[relation], f"<{ROME}appellation/{appellation}>")
    # The mapping's own header (project, author, version, classifications) describes the graph.
    notes = [f"{row[0].strip()}: {row[1].strip()}" for row in table.metadata if len(row) >= 2 and row[0].strip()]
    if notes:
        out.add(_DATASET, "<http://purl.org/dc/terms/description>", literal("\n".join(notes), "en"))
