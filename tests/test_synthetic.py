"""The synthetic graph generator: deterministic, the study's shape at a multiple, copy 0 untouched."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import BuildReport
from skillgraph.catalogue import load_catalogue
from skillgraph.errors import StoreError
from skillgraph.query import run_query
from skillgraph.synthetic import COPY_MARK, SYNTHETIC_GRAPH, synthesize

from .conftest import API, select, synthetic_copy


@pytest.fixture(scope="module")
def tripled(built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    return synthetic_copy(built[0], tmp_path_factory.mktemp("synthetic"), multiple=3, seed=7)


def test_same_seed_same_quads(store: ox.Store) -> None:
    first = list(synthesize(store, 3, seed=1))
    assert first == list(synthesize(store, 3, seed=1))
    assert set(first) != set(synthesize(store, 3, seed=2))


def test_multiple_one_is_the_study_alone(store: ox.Store) -> None:
    assert list(synthesize(store, 1)) == []


def test_a_bad_multiple_is_refused(store: ox.Store) -> None:
    with pytest.raises(StoreError, match="multiple"):
        list(synthesize(store, 0))


def test_an_empty_store_is_refused() -> None:
    with pytest.raises(StoreError, match="no study graph"):
        list(synthesize(ox.Store(), 2))


@pytest.mark.parametrize("cls", ["JobFamily", "Skill", "Programme", "Module", "Topic", "Organisation"])
def test_each_kind_of_node_is_multiplied(store: ox.Store, tripled: ox.Store, cls: str) -> None:
    query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a sg:{cls} }}"
    assert int(select(tripled, query)[0]["n"]) == 3 * int(select(store, query)[0]["n"])


def test_phases_are_shared_not_copied(store: ox.Store, tripled: ox.Store) -> None:
    query = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a sg:Phase }"
    assert select(tripled, query) == select(store, query)


def test_requirements_keep_their_phase_and_kind_mix(store: ox.Store, tripled: ox.Store) -> None:
    query = """SELECT ?kind (COUNT(?r) AS ?n) WHERE { ?f sg:hasRequirement ?r . ?r sg:requiresSkill/sg:skillKind ?kind }
               GROUP BY ?kind"""
    study = {row["kind"]: int(row["n"]) for row in select(store, query)}
    assert {k: int(r["n"]) for k in study for r in select(tripled, query) if r["kind"] == k} == {k: 3 * n for k, n in study.items()}


def test_copies_are_linked_to_the_previous_copy(tripled: ox.Store) -> None:
    rows = select(tripled, """SELECT ?p ?f WHERE { GRAPH <https://w3id.org/skillgraph/graph/synthetic> { ?p sg:preparesFor ?f }
                              FILTER (STRENDS(STR(?p), "--s2") && STRENDS(STR(?f), "--s1")) }""")
    assert COPY_MARK == "--s" and SYNTHETIC_GRAPH.value.endswith("/synthetic")
    assert rows


@pytest.mark.parametrize("name", ["job-card", "job-family-skills", "profile-gaps", "regulatory-masters-device-digital"])
def test_the_study_answers_the_same_among_the_copies(store: ox.Store, tripled: ox.Store, name: str) -> None:
    query = load_catalogue(API / "queries")[name]

    def answer(on: ox.Store) -> Counter[tuple[str, ...]]:
        solutions = run_query(on, query.text, substitutions=query.substitutions({})).value
        names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        return Counter(tuple(str(row[n]) for n in names) for row in solutions)  # type: ignore[union-attr]

    assert answer(tripled) == answer(store)
