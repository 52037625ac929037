"""Regenerate the term list of ``src/skillgraph/namespace.py`` from ``ontology/*.ttl``.

Run after adding a term to the ontology: ``python tools/gen_namespace.py``.
``tests/test_namespace.py`` fails while the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
NS = "https://w3id.org/skillgraph/ontology#"
MARKER = '    _NS = Namespace("https://w3id.org/skillgraph/ontology#")'


def main() -> None:
    graph = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        if path.name != "shapes.ttl":
            graph.parse(path)
    terms = sorted({str(s)[len(NS):] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)})
    target = ROOT / "src" / "skillgraph" / "namespace.py"
    lines = target.read_text(encoding="utf-8").rstrip("\n").split("\n")
    head = lines[: lines.index(MARKER) + 2]
    target.write_text("\n".join([*head, *(f"    {t}: URIRef" for t in terms)]) + "\n", encoding="utf-8")
    print(f"{len(terms)} terms")


if __name__ == "__main__":
    main()
