"""End-to-end harness: one real server, one headless Chromium, per test session.

* The server is ``skillgraph serve`` in a subprocess on a free loopback port, over a store
  built from the shipped data into a temporary folder (the ``built`` fixture).
* The browser is Debian's Chromium (``/usr/bin/chromium``, or ``SKILLGRAPH_E2E_CHROMIUM``)
  driven through the ``playwright`` Python package; no browser is ever downloaded. When it is
  missing the browser tests *fail* with the command that installs it: a green run must mean
  the pages were really driven.
* Each test gets a fresh browser context and page. Every request is recorded; one to any host
  other than the test server is aborted and fails the test, as does any console error or
  uncaught page error. A full-page screenshot of every test is kept in ``build/e2e/``
  (``SKILLGRAPH_E2E_ARTEFACTS`` to put them elsewhere).
"""

from __future__ import annotations

import os
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from skillgraph.build import BuildReport

from ..live import serving

CHROMIUM = "/usr/bin/chromium"
_REPO = Path(__file__).resolve().parents[2]
_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--no-default-browser-check",
    "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
]
#: Laptop and tablet (portrait) viewports.
LAPTOP = {"width": 1366, "height": 900}
TABLET = {"width": 768, "height": 1024}


def artefact_dir() -> Path:
    """Where screenshots go: ``SKILLGRAPH_E2E_ARTEFACTS`` or ``build/e2e`` in the checkout."""
    configured = os.environ.get("SKILLGRAPH_E2E_ARTEFACTS")
    folder = Path(configured) if configured else _REPO / "build" / "e2e"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def server(built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real ``skillgraph serve`` on loopback, over the session's built store."""
    with serving(built[0], tmp_path_factory.mktemp("e2e-serve") / "server.log") as live:
        yield live.base


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for these tests; fails (does not skip) when it is missing.

    Package scope, not session: Playwright's sync API keeps an event loop running in the main
    thread until it stops, and the tests collected after this folder call ``asyncio.run``.
    """
    executable = os.environ.get("SKILLGRAPH_E2E_CHROMIUM", CHROMIUM)
    if not Path(executable).exists():
        pytest.fail(
            f"browser tests need Debian's Chromium at {executable}: run `apt-get install chromium` "
            "(.ci/run does), or point SKILLGRAPH_E2E_CHROMIUM at a Chromium binary; "
            "deselect them with `-m 'not browser'`",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("browser tests need the playwright package: pip install -e '.[test]'", pytrace=False)
    driver = sync_playwright().start()
    try:
        chromium = driver.chromium.launch(executable_path=executable, headless=True, args=_ARGS, timeout=60_000)
        yield chromium
        chromium.close()
    finally:
        driver.stop()


@dataclass
class Watch:
    """What a page did: every request URL, the ones refused (not the test server), console errors."""

    base: str
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def local(self, url: str) -> bool:
        return url.startswith(self.base + "/") or url == self.base or url.startswith(("data:", "blob:", "about:"))


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", nodeid.split("::", 1)[-1]).strip("_")[:150]


def open_page(browser: Any, server: str, viewport: dict[str, int], locale: str = "fr-FR") -> tuple[Any, Any, Watch]:
    """A fresh context and page on the server, watched (see :class:`Watch`)."""
    context = browser.new_context(viewport=viewport, locale=locale, service_workers="block")
    context.set_default_timeout(20_000)
    watch = Watch(server)

    def route(route: Any) -> None:
        url = route.request.url
        if watch.local(url):
            route.continue_()
        else:
            watch.external.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("console", lambda msg: watch.errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))
    return context, page, watch


def _close(request: pytest.FixtureRequest, context: Any, page: Any, watch: Watch, suffix: str = "") -> None:
    try:
        if not page.is_closed():
            page.screenshot(path=str(artefact_dir() / f"{_slug(request.node.nodeid)}{suffix}.png"), full_page=True)
    finally:
        context.close()
    assert not watch.external, f"requests left the host: {watch.external}"
    assert not watch.errors, f"the page reported errors: {watch.errors}"


@pytest.fixture
def watched(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[tuple[Any, Watch]]:
    """A laptop-sized page and its :class:`Watch`; screenshot, then fail on errors or external requests."""
    context, page, watch = open_page(browser, server, LAPTOP)
    yield page, watch
    _close(request, context, page, watch)


@pytest.fixture
def page(watched: tuple[Any, Watch]) -> Any:
    return watched[0]


@pytest.fixture
def tablet_page(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A tablet-sized (768 × 1024) page, watched like :func:`page`."""
    context, page, watch = open_page(browser, server, TABLET)
    yield page
    _close(request, context, page, watch, "-tablet")


def tab_reaches(page: Any, selectors: list[str], presses: int = 80) -> list[str]:
    """Press Tab from the top of the page; the selectors whose element never took the focus."""
    page.locator("body").focus()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    left = list(selectors)
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate("sels => sels.filter(s => document.activeElement && document.activeElement.matches(s))", left)
        left = [s for s in left if s not in focused]
        if not left:
            break
    return left


def horizontal_overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def fetch_json(url: str) -> Any:
    import json

    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def query_string(params: dict[str, Any]) -> str:
    return urllib.parse.urlencode(params, doseq=True)
