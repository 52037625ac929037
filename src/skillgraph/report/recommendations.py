"""The study's recommendations to training bodies, read from the store.

A recommendation is kept for a report when it addresses training bodies
(``sg:audience sg:TrainingBodiesAudience``) and targets one of the report's job families
(``sg:targetsJobFamily``) or programme types (``sg:targetsProgrammeType``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ..gaps.model import SG

__all__ = ["Recommendation", "load_recommendations", "relevant_recommendations"]

_QUERY = """
PREFIX sg: <https://w3id.org/skillgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?rec ?labelFr ?labelEn ?textFr ?textEn ?first ?last ?status
       (GROUP_CONCAT(DISTINCT STR(?family); separator=" ") AS ?families)
       (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
       (GROUP_CONCAT(DISTINCT STR(?topic); separator=" ") AS ?topics)
WHERE {
  ?rec a sg:Recommendation ; sg:audience sg:TrainingBodiesAudience ;
       rdfs:label ?labelFr ; sg:text ?textFr ; sg:citation ?citation .
  ?citation sg:firstLine ?first ; sg:lastLine ?last .
  FILTER (lang(?labelFr) = "fr" && lang(?textFr) = "fr")
  OPTIONAL { ?citation sg:readingStatus ?status }
  OPTIONAL { ?rec rdfs:label ?labelEn FILTER (lang(?labelEn) = "en") }
  OPTIONAL { ?rec sg:text ?textEn FILTER (lang(?textEn) = "en") }
  OPTIONAL { ?rec sg:targetsJobFamily ?family }
  OPTIONAL { ?rec sg:targetsProgrammeType ?type }
  OPTIONAL { ?rec sg:targetsTopic ?topic }
}
GROUP BY ?rec ?labelFr ?labelEn ?textFr ?textEn ?first ?last ?status
ORDER BY ?first ?rec
"""


@dataclass(frozen=True)
class Recommendation:
    iri: str
    label: dict[str, str]  # lang -> label
    text: dict[str, str]  # lang -> text
    lines: tuple[int, int]
    interpretation: bool  # the targets are the curators' reading of the study
    families: tuple[str, ...]  # job family IRIs
    programme_types: tuple[str, ...]  # model programme types (Master2, InitialTraining, …)
    topics: tuple[str, ...]  # topic IRIs

    def get(self, what: str, lang: str) -> str:
        values = self.label if what == "label" else self.text
        return values.get(lang) or values["fr"]


def load_recommendations(store: ox.Store) -> list[Recommendation]:
    """Every recommendation of the study addressed to training bodies, in the order of the study."""
    solutions = store.query(_QUERY, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    found: dict[str, Recommendation] = {}
    for solution in solutions:
        row = {n: solution[n].value for n in names if solution[n] is not None}
        iri = row["rec"]
        lines = (int(row["first"]), int(row["last"]))
        if iri in found and found[iri].lines <= lines:
            continue
        found[iri] = Recommendation(
            iri=iri,
            label={"fr": row["labelFr"], **({"en": row["labelEn"]} if "labelEn" in row else {})},
            text={"fr": row["textFr"], **({"en": row["textEn"]} if "textEn" in row else {})},
            lines=lines,
            interpretation=row.get("status", "").endswith("InterpretedReading"),
            families=tuple(sorted(row.get("families", "").split())),
            programme_types=tuple(sorted(t.removeprefix(SG) for t in row.get("types", "").split())),
            topics=tuple(sorted(row.get("topics", "").split())),
        )
    return sorted(found.values(), key=lambda r: (r.lines, r.iri))


def relevant_recommendations(
    recommendations: Iterable[Recommendation], families: Iterable[str], programme_types: Iterable[str]
) -> list[Recommendation]:
    """The recommendations that target one of these job families (IRIs) or programme types."""
    families, programme_types = set(families), set(programme_types)
    return [
        r for r in recommendations if families & set(r.families) or programme_types & set(r.programme_types)
    ]
