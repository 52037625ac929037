"""Every page in the browser: it renders with one heading, marks its navigation entry, has no console
error and sends nothing off the host (screenshots kept); the skip link works from the keyboard; the
pages' answers agree with the graph; a tablet shows each page without sideways scrolling."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from skillgraph.gaps.model import ID, load_model, short
from tests.conftest import select
from tests.e2e.conftest import horizontal_overflow

pytestmark = pytest.mark.browser

STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"
PAGES = {
    "home": ("/", "/"),
    "families": ("/metiers", "/metiers"),
    "family-card": ("/metiers/regulatory-affairs", "/metiers"),
    "programmes": ("/formations", "/formations"),
    "programme": (f"/formations/{STRASBOURG}", "/formations"),
    "matrix": ("/couverture", "/couverture"),
    "gap-tool": ("/ecarts", "/ecarts"),
    "explore": ("/explorer?q=r%C3%A9glementation", "/explorer"),
    "sparql": ("/explorer/sparql", "/explorer"),
}


@pytest.mark.parametrize("path, section", PAGES.values(), ids=PAGES.keys())
def test_page_renders_cleanly_and_skip_link_works(page: Any, server: str, path: str, section: str) -> None:
    response = page.goto(server + path)
    assert response is not None and response.status == 200
    assert page.locator("h1").count() == 1 and page.locator("h1").inner_text().strip()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator('nav a[aria-current="page"]').get_attribute("href") == section
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_home_figures_are_the_graphs(page: Any, server: str, store: ox.Store) -> None:
    page.goto(server + "/")
    figures = [int(x) for x in page.locator(".figures .figure").all_inner_texts()]
    for kind in ("JobFamily", "Programme"):
        count = len(select(store, f"SELECT DISTINCT ?x WHERE {{ ?x a sg:{kind} }}"))
        assert count in figures, kind


def test_family_card_lists_the_familys_skills(page: Any, server: str, store: ox.Store) -> None:
    page.goto(server + "/metiers/regulatory-affairs")
    shown = set(page.locator("table.skills tr[data-skill]").evaluate_all("rows => rows.map(r => r.dataset.skill)"))
    model = load_model(store)
    expected = {short(r.skill) for r in model.families[ID + "job-family/regulatory-affairs"].requirements}
    assert shown == expected


def test_programme_page_lists_its_modules(page: Any, server: str, store: ox.Store) -> None:
    page.goto(server + f"/formations/{STRASBOURG}")
    shown = set(page.locator("tr[data-module]").evaluate_all("rows => rows.map(r => r.dataset.module)"))
    model = load_model(store)
    expected = {short(m.iri) for m in model.modules.values() if m.programme == ID + "programme/" + STRASBOURG}
    assert shown == expected


def test_explore_search_from_the_keyboard(page: Any, server: str, store: ox.Store) -> None:
    page.goto(server + "/explorer")
    page.focus("#q")
    page.keyboard.type("dispositifs médicaux")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    text = page.locator("main").inner_text()
    label = select(store, 'SELECT ?l WHERE { id:topic/medical-device-regulation rdfs:label ?l FILTER(lang(?l) = "fr") }')[0]["l"]
    assert label in text


@pytest.mark.parametrize("path", [path for path, _ in PAGES.values()], ids=PAGES.keys())
def test_tablet_shows_the_page_without_sideways_scrolling(tablet_page: Any, server: str, path: str) -> None:
    tablet_page.goto(server + path)
    assert horizontal_overflow(tablet_page) == 0
