"""The reference files shipped in the checkout's ``reference/`` folder, and (slow) their full import."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.reference import GRAPHS, crosswalk, default_source_dir, esco, import_reference, rome
from skillgraph.reference._csv import find_source
from skillgraph.store import current_release

SHIPPED = default_source_dir()
FILES = [*esco.FILES, *rome.FILES, *crosswalk.FILES]

pytestmark = pytest.mark.skipif(not SHIPPED.is_dir(), reason="no reference/ folder (installed from a wheel)")


def test_every_file_the_import_reads_is_shipped_compressed_and_documented() -> None:
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    for relpath in FILES:
        assert find_source(SHIPPED, relpath).name.endswith(".csv.xz")
        assert relpath in readme, f"{relpath} is not described in reference/README.md"
    shipped = {str(p.relative_to(SHIPPED))[: -len(".xz")] for p in SHIPPED.rglob("*.xz")}
    undocumented = {p for p in shipped if p not in readme}
    assert undocumented == set()
    assert sum(p.stat().st_size for p in SHIPPED.rglob("*.xz")) < 25_000_000


@pytest.mark.slow
def test_the_full_import(tmp_path: Path) -> None:
    """All of ESCO v1.1.1, ROME 4.0 v4.60 and the crosswalk (about 40 s on a 2-core machine)."""
    root = tmp_path / "store"
    started = time.perf_counter()
    report = import_reference(root, SHIPPED)
    assert time.perf_counter() - started < 180
    assert report.rows[esco.OCCUPATIONS_EN] == 3007 and report.rows[esco.SKILLS_EN] == 13896
    assert report.rows[esco.RELATIONS] == 123855
    assert report.rows[rome.FICHES] == 1584 and report.rows[rome.APPELLATIONS] == 13120
    assert report.rows[rome.COHERENCE] == 104219 and report.rows[crosswalk.MAPPING] == 11118
    assert report.quads == {"esco": 572305, "rome": 660275, "crosswalk": 11134}
    store = ox.Store.read_only(str(current_release(root)))

    def count(pattern: str, graph: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPHS[graph]}> {{ {pattern} }} }}"
        return int(next(iter(store.query(query)))["n"].value)  # type: ignore[call-overload,index]

    assert count("?o <http://data.europa.eu/esco/model#relatedEssentialSkill> ?s", "esco") == 64946
    assert count("?o <http://data.europa.eu/esco/model#relatedOptionalSkill> ?s", "esco") == 58909
    assert count("?f <https://w3id.org/skillgraph/ontology#coreItem> ?i", "rome") == 18900
    assert count("?f <https://w3id.org/skillgraph/ontology#emergingItem> ?i", "rome") == 1731
    assert count("?f <https://w3id.org/skillgraph/ontology#item> ?i", "rome") == 104219
    assert count("?f a <https://w3id.org/skillgraph/ontology#RomeFiche>", "rome") == 1584
    assert count("?o <http://www.w3.org/2004/02/skos/core#exactMatch> ?a", "crosswalk") == 1144
