"""A build writes a new release and switches to it; a failed build changes nothing."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import BuildReport, CheckedGraph, build, check
from skillgraph.errors import DataError, ReferenceError_, SchemaError, ValidationFailed, YamlSyntaxError
from skillgraph.store import GRAPHS, current_release, open_store

from .conftest import DATA, ONTOLOGY, select


def test_build_of_shipped_data_takes_seconds(built: tuple[Path, BuildReport]) -> None:
    root, report = built
    assert report.release == current_release(root)
    assert report.triples["study"] > 5000 and report.triples["inferred"] > 1000
    # Not a timing test: a generous bound that only a pathological regression crosses.
    assert report.total_seconds < 60, report.timings


def test_release_holds_named_graphs_and_a_void_description(built: tuple[Path, BuildReport]) -> None:
    store = open_store(built[0])
    assert {g.value for g in store.named_graphs()} == {g.value for g in GRAPHS.values()}
    rows = select(store, """PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?triples WHERE { GRAPH <https://w3id.org/skillgraph/graph/meta> { ?d a void:Dataset ; void:triples ?triples ; void:subset ?s } }""")
    assert int(rows[0]["triples"]) == sum(built[1].triples.values()) - built[1].triples["meta"]


def _break(kind: str, data: Path) -> type[Exception]:
    if kind == "yaml":
        (data / "phases.yaml").write_text("phases: [\n", encoding="utf-8")
        return YamlSyntaxError
    if kind == "missing-field":
        path = data / "jobcards" / "quality.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("card_type:", "card_typo:", 1), encoding="utf-8")
        return SchemaError
    if kind == "unknown-reference":
        path = data / "curricula" / "m2-strasbourg-reglementation-droit-pharmaceutique.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("prepares_for: [regulatory-affairs]", "prepares_for: [regulatory-affair]", 1), encoding="utf-8")
        return ReferenceError_
    path = data / "skills.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.strip().startswith("topics:"))
    path.write_text(text.replace(line, line.split("topics:")[0] + "topics: []", 1), encoding="utf-8")
    return ValidationFailed


@pytest.mark.parametrize("kind", ["yaml", "missing-field", "unknown-reference", "shacl"])
def test_a_failed_build_leaves_the_previous_release_in_service(kind: str, data_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "store"
    first = build(ONTOLOGY, data_copy, root)
    before = len(open_store(root))
    expected = _break(kind, data_copy)
    with pytest.raises(expected):
        build(ONTOLOGY, data_copy, root)
    assert current_release(root) == first.release
    assert len(open_store(root)) == before
    assert [p.name for p in (root / "releases").iterdir()] == [first.release.name]


def test_a_second_build_switches_atomically_and_keeps_recent_releases(data_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "store"
    releases = [build(ONTOLOGY, data_copy, root).release for _ in range(4)]
    assert current_release(root) == releases[-1]
    kept = sorted(p.name for p in (root / "releases").iterdir())
    assert kept == sorted(r.name for r in releases[-3:])
    # With nothing but its own graphs to keep, a rebuild starts from an empty release: same graphs, same size.
    previous, last = (ox.Store.read_only(str(release)) for release in releases[-2:])
    assert {g.value for g in last.named_graphs()} == {g.value for g in GRAPHS.values()}
    assert len(last) == len(previous) > 0


def test_data_errors_are_data_errors() -> None:
    assert issubclass(YamlSyntaxError, DataError) and issubclass(ReferenceError_, DataError)


@pytest.fixture(scope="module")
def checked() -> CheckedGraph:
    return check(ONTOLOGY, DATA)


@pytest.mark.parametrize("name", ["ontology", "study", "inferred"])
def test_release_graphs_hold_what_an_n_triples_load_of_the_checked_graphs_holds(
    name: str, built: tuple[Path, BuildReport], checked: CheckedGraph
) -> None:
    # The release is written from Oxigraph terms; the reference is the checked rdflib graph written
    # as N-Triples and loaded (Oxigraph normalises literals either way: 0.60 is stored as 0.6).
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic

    def as_rdflib(quads: object) -> Graph:
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)  # type: ignore[attr-defined]
        return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")

    reference = ox.Store()
    part = {"ontology": checked.ontology, "study": checked.asserted, "inferred": checked.inferred}[name]
    reference.bulk_load(part.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    expected = as_rdflib(reference)
    written = as_rdflib(open_store(built[0]).quads_for_pattern(None, None, None, GRAPHS[name]))
    assert len(written) == len(expected) == built[1].triples[name]
    assert isomorphic(written, expected)
