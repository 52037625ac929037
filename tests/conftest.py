"""Shared fixtures: the shipped resources, one build of the shipped data, copies to break."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import BuildReport, build
from skillgraph.resources import resource_dir
from skillgraph.store import open_store

ONTOLOGY = resource_dir("ontology")
DATA = resource_dir("data")
API = resource_dir("api")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The shipped data built once into a store shared by the read-only tests."""
    root = tmp_path_factory.mktemp("store")
    report = build(ONTOLOGY, DATA, root)
    return root, report


@pytest.fixture(scope="session")
def store(built: tuple[Path, BuildReport]) -> ox.Store:
    return open_store(built[0])


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the shipped data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    yield target


def synthetic_copy(built: Path, folder: Path, multiple: int, seed: int) -> ox.Store:
    """A copy of the built store under ``folder`` with a synthetic graph ``multiple`` × the study added."""
    from skillgraph.synthetic import write_synthetic

    root = folder / "store"
    shutil.copytree(built, root, symlinks=True)
    write_synthetic(root, multiple=multiple, seed=seed)
    return open_store(root)


_ID_PATH = re.compile(r"\bid:([a-z0-9-]+/[a-z0-9/-]+)")


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Run a SELECT on the union graph; each row as a dict of plain string values.

    SPARQL prefixed names cannot hold a slash, so ``id:job-family/quality`` in a test's
    query text stands for the full IRI (test-only shorthand).
    """
    query = _ID_PATH.sub(r"<https://w3id.org/skillgraph/id/\1>", query)
    prefixes = (
        "PREFIX sg: <https://w3id.org/skillgraph/ontology#>\n"
        "PREFIX id: <https://w3id.org/skillgraph/id/>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    )
    solutions = store.query(prefixes + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]
