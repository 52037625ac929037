"""With the reference graphs loaded, the gap questions work across ESCO, ROME and the study."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import build
from skillgraph.catalogue import load_catalogue
from skillgraph.query import run_query
from skillgraph.reference import default_source_dir, import_reference
from skillgraph.store import open_store

from ..conftest import API, DATA, ONTOLOGY

SHIPPED = default_source_dir()
CATALOGUE = load_catalogue(API / "queries")
REGULATORY_AFFAIRS_MANAGER = "http://data.europa.eu/esco/occupation/779d13be-60b4-48f3-a339-fe483be96c7f"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SHIPPED.is_dir(), reason="no reference/ folder")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    root = tmp_path_factory.mktemp("with-reference") / "store"
    build(ONTOLOGY, DATA, root)
    import_reference(root, SHIPPED)
    build(ONTOLOGY, DATA, root)  # a rebuild keeps the reference graphs
    return open_store(root)


def _rows(store: ox.Store, name: str, **values: str) -> list[dict[str, str]]:
    query = CATALOGUE[name]
    answer = run_query(store, query.text, substitutions=query.substitutions(values))
    names = [v.value for v in answer.value.variables]  # type: ignore[union-attr]
    return [{n: row[n].value for n in names if row[n] is not None} for row in answer.value]  # type: ignore[union-attr]


def test_every_essential_esco_skill_of_the_occupation_gets_a_status(store: ox.Store) -> None:
    expected = next(iter(store.query(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ <{REGULATORY_AFFAIRS_MANAGER}> "
        "<http://data.europa.eu/esco/model#relatedEssentialSkill> ?s }",
        use_default_graph_as_union=True,
    )))["n"].value  # type: ignore[index]
    rows = _rows(store, "esco-occupation-skills-coverage")
    assert len(rows) == int(expected) > 10
    assert {r["status"] for r in rows} <= {"taught", "not-taught", "not-aligned"}
    taught = [r for r in rows if r["status"] == "taught"]
    assert taught and all(r["studySkills"] and int(r["programmes"]) > 0 for r in taught)
    assert all(r["status"] == "not-aligned" for r in rows if not r.get("studySkills"))


def test_core_rome_competences_of_the_regulatory_affairs_fiches(store: ox.Store) -> None:
    rows = _rows(store, "rome-core-competences-untaught")
    assert {r["ficheCode"] for r in rows} >= {"H1507"}
    assert {r["core"] for r in rows} <= {"principale", "émergente"} and rows
    assert {r["status"] for r in rows} <= {"taught", "not-taught", "not-aligned"}


def test_the_study_answers_are_unchanged_with_reference_graphs_loaded(store: ox.Store) -> None:
    rows = _rows(store, "regulatory-masters-device-digital")
    assert len(rows) == 8
    assert [r["provider"] for r in rows if r["deviceRegulation"] == "exclusive-choice"] == ["Université de Strasbourg"]
