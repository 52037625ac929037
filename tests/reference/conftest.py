"""Fixtures of the reference-graph tests: the slices, a study store, a store with the slices imported."""

from __future__ import annotations

import lzma
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import build
from skillgraph.reference import ImportReport, import_reference
from skillgraph.store import current_release

from ..conftest import DATA, ONTOLOGY

#: Small slices of the official files (same headers and quoting, compressed the same way).
SLICES = Path(__file__).parent / "slices"

PREFIXES = """
PREFIX sg: <https://w3id.org/skillgraph/ontology#>
PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX fiche: <https://w3id.org/skillgraph/rome/fiche/>
PREFIX appellation: <https://w3id.org/skillgraph/rome/appellation/>
PREFIX competence: <https://w3id.org/skillgraph/rome/competence/>
PREFIX savoir: <https://w3id.org/skillgraph/rome/savoir/>
PREFIX occupation: <http://data.europa.eu/esco/occupation/>
PREFIX skill: <http://data.europa.eu/esco/skill/>
"""


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """A SELECT on the union of the graphs; each row as a dict of plain string values."""
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]  # type: ignore[union-attr]


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def graph_sizes(root: Path) -> dict[str, int]:
    """Quads per named graph of the release in service."""
    store = ox.Store.read_only(str(current_release(root)))
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    return {row["g"].value: int(row["n"].value) for row in store.query(query)}  # type: ignore[union-attr]


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a store folder (releases and the ``current`` link)."""
    shutil.copytree(source, target, symlinks=True)
    return target


def rewrite_slice(folder: Path, relpath: str, edit) -> None:  # type: ignore[no-untyped-def]
    """Decompress a slice file of ``folder``, pass its text through ``edit``, compress it back."""
    path = folder / (relpath + ".xz")
    text = lzma.decompress(path.read_bytes()).decode("utf-8")
    path.write_bytes(lzma.compress(edit(text).encode("utf-8")))


@pytest.fixture(scope="session")
def study_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped study data built once; tests copy it before changing it."""
    root = tmp_path_factory.mktemp("study") / "store"
    build(ONTOLOGY, DATA, root)
    return root


@pytest.fixture(scope="session")
def imported(study_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    """The study store with the three slices imported (read-only for the tests)."""
    root = copy_store(study_store, tmp_path_factory.mktemp("imported") / "store")
    return root, import_reference(root, SLICES)


@pytest.fixture(scope="session")
def ref(imported: tuple[Path, ImportReport]) -> ox.Store:
    return ox.Store.read_only(str(current_release(imported[0])))


@pytest.fixture
def slices(tmp_path: Path) -> Path:
    """A private copy of the slices that a test may break."""
    return Path(shutil.copytree(SLICES, tmp_path / "slices"))
