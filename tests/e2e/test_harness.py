"""The harness itself: the server answers, the browser is Debian's, the guards catch what they must,
and the SPARQL query page (now at /explorer/sparql) works in the browser."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from tests.conftest import select
from tests.e2e.conftest import Watch, artefact_dir

pytestmark = pytest.mark.browser


def test_browser_is_debian_chromium(browser: Any) -> None:
    assert browser.browser_type.name == "chromium"
    assert browser.version.split(".")[0].isdigit()


def test_external_request_is_blocked_and_recorded(watched: tuple[Any, Watch], server: str) -> None:
    page, watch = watched
    page.goto(server + "/health")
    # TEST-NET-2 address: never routed; the request is aborted by the harness before any network I/O.
    outcome = page.evaluate("fetch('http://198.51.100.7/probe').then(() => 'answered', () => 'refused')")
    assert outcome == "refused"
    assert watch.external == ["http://198.51.100.7/probe"]
    watch.external.clear()  # seen: the guard works; the teardown must not fail this test
    watch.errors.clear()


def test_console_error_is_caught(watched: tuple[Any, Watch], server: str) -> None:
    page, watch = watched
    page.goto(server + "/health")
    page.evaluate("console.error('deliberate')")
    page.evaluate("setTimeout(() => { throw new Error('uncaught on purpose') }, 0)")
    page.wait_for_timeout(100)
    assert any("deliberate" in e for e in watch.errors)
    assert any("uncaught on purpose" in e for e in watch.errors)
    watch.errors.clear()


def test_screenshots_are_kept() -> None:
    # The screenshots of the tests above were written at their teardown.
    assert any(artefact_dir().glob("test_external_request_is_blocked_and_recorded*.png"))


def test_query_page_runs_a_query_and_matches_the_graph(page: Any, server: str, store: ox.Store) -> None:
    expected = len(select(store, "SELECT DISTINCT ?f WHERE { ?f a sg:JobFamily }"))
    page.goto(server + "/explorer/sparql")
    page.fill("#editor", "PREFIX sg: <https://w3id.org/skillgraph/ontology#>\n"
                         "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a sg:JobFamily }")
    page.click("#run")
    cell = page.locator("#output table tbody td").first
    cell.wait_for()
    assert cell.inner_text().strip() == str(expected)
