"""The pages with the ESCO / ROME reference graphs imported (small slices of the official files):
they answer, and say what they say on the study graph alone — the reference graphs are opt-in
context, never a change to the study's answers. (With the whole graphs, ~1.2 million quads, the
render times are measured by hand: see docs/web.md.)"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.reference import import_reference
from skillgraph.server.app import create_app
from skillgraph.settings import Settings

from ..reference.conftest import SLICES
from .pagecheck import parse

FAMILIES = ["data-jobs", "market-access", "marketing-sales", "medical-affairs", "project-manager", "quality",
            "regulatory-affairs", "software-developer", "technical-jobs", "ux-ui-designer"]
PAGES = [
    "/", "/?lang=en", "/metiers", "/formations", "/formations/m2-strasbourg-reglementation-droit-pharmaceutique",
    "/formations/master-numerique-sante", "/formations/ux-initial-ecole-webstart?lang=en", "/explorer?q=qualite",
    "/explorer?q=data", "/explorer/sparql", "/explorer/sparql?requete=esco-occupation-skills-coverage",
    "/sources/aec-2020/7052-7071", *[f"/metiers/{f}" for f in FAMILIES],
]


@pytest.fixture(scope="module")
def with_reference(built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("web-reference") / "store"
    shutil.copytree(built[0], root, symlinks=True)
    report = import_reference(root, SLICES)
    assert all(report.quads[graph] > 0 for graph in ("esco", "rome", "crosswalk"))
    with TestClient(create_app(Settings(store_dir=root, query_workers=1))) as client:
        yield client


def _said(html: str) -> tuple[object, ...]:
    """What a page says, without the footer's release id: headings, data markers, links, text."""
    page = parse(html)
    text = page.text.rsplit("Version du graphe", 1)[0].rsplit("Graph release", 1)[0]
    return page.headings, dict(page.data), sorted(page.urls), text


@pytest.mark.parametrize("path", PAGES)
def test_page_says_the_same_with_the_reference_graphs(web: TestClient, with_reference: TestClient, path: str) -> None:
    with_reference.cookies.clear()  # French first, as the web client (a ?lang=en leaves a cookie)
    alone = web.get(path)
    together = with_reference.get(path)
    assert together.status_code == alone.status_code == 200, path
    assert _said(together.text) == _said(alone.text)
