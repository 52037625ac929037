"""The SPARQL query page at ``/explorer/sparql``: served by the app in the site's layout, and working
offline (nothing fetched from another host)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.server.app import create_app
from skillgraph.server.web import explore
from skillgraph.server.web.rendering import TEMPLATES_DIR
from skillgraph.settings import Settings

from skillgraph.server.pages import STATIC_DIR

from ..web.pagecheck import parse

SCRIPT = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
STYLE = (STATIC_DIR / "app.css").read_text(encoding="utf-8")

#: IRIs that may appear as text: the PREFIX lines and prefix shortening of app.js, the SVG
#: namespace of the icon. They are names, never fetched.
NAMESPACES = {
    "https://w3id.org/skillgraph/ontology#",
    "https://w3id.org/skillgraph/id/",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2002/07/owl#",
    "https://schema.org/",
    "http://data.europa.eu/esco/model#",
}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_URL = re.compile(r"https?://[^\s\"'<>()]*")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _local(url: str) -> bool:
    """A URL that stays on the app: relative or absolute-path, no scheme, no network-path ``//host``."""
    url = url.strip()
    return not _SCHEME.match(url) and not url.startswith("//") and not url.startswith("\\")


class _Links(HTMLParser):
    """Every URL-bearing attribute of a page, and the ``lang`` of its root element."""

    URL_ATTRS = frozenset({"src", "href", "action", "formaction", "poster", "srcset", "data", "manifest"})

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        for name, value in attrs:
            if name in self.URL_ATTRS and value is not None:
                self.urls.append((tag, name, value))


def _links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def client(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store_dir=built[0], query_workers=1))) as client:
        yield client


@pytest.fixture(scope="module")
def page(client: TestClient) -> str:
    return client.get("/explorer/sparql").text


def test_page_is_french_html(client: TestClient, page: str) -> None:
    response = client.get("/explorer/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert _links(page).lang == "fr"
    assert '<textarea id="editor"' in page and '<label id="editor-label" for="editor"' in page


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("chosen", ["", "regulatory-masters-device-digital"], ids=["none-chosen", "named-query-chosen"])
def test_fixed_texts_are_rendered_in_the_pages_language(client: TestClient, lang: str, chosen: str) -> None:
    """The server writes the page's fixed texts in its language: the script translates nothing
    after loading, and no heading is left empty for it to fill."""
    params = {"lang": lang, **({"requete": chosen} if chosen else {})}
    html = client.get("/explorer/sparql", params=params).text
    page = parse(html)
    texts = explore.TEXTS[lang]
    assert [text for _, text in page.headings] == [
        texts["sparql_title"], texts["examples"], " ".join(f"{texts['chosen_query']} {chosen}".split()), texts["sparql_results"]]
    for key in ("examples_intro", "params", "run_rest", "editor_label", "editor_hint", "run"):
        assert texts[key] in page.text, key
    assert "data-i18n" not in html
    other = explore.TEXTS["en" if lang == "fr" else "fr"]
    assert other["examples_intro"] not in page.text


def test_root_is_the_dashboard_not_the_query_page(client: TestClient) -> None:
    assert '<textarea id="editor"' not in client.get("/").text


def test_page_is_not_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/explorer/sparql" not in paths


def test_page_assets_are_local_and_served(client: TestClient, page: str) -> None:
    links = _links(page)
    assert {url for tag, attr, url in links.urls if tag in ("script", "link")} >= {
        "/static/app.js",
        "/static/app.css",
        "/static/favicon.svg",
    }
    for tag, attr, url in links.urls:
        assert _local(url), f"<{tag} {attr}={url!r}> leaves the app"
        if tag in ("script", "link"):  # the page's links are crawled by tests/web/test_site.py
            assert client.get(urljoin("/explorer/sparql", url)).status_code == 200, url
    assert _URL.findall(page) == [], "the page names no absolute URL at all"


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("app.js", ("text/javascript", "application/javascript")),
        ("app.css", ("text/css",)),
        ("favicon.svg", ("image/svg+xml",)),
    ],
)
def test_static_files_have_their_content_type(client: TestClient, name: str, media: tuple[str, ...]) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0].strip() in media
    assert response.content == (STATIC_DIR / name).read_bytes()


def test_style_sheet_fetches_nothing_from_outside() -> None:
    targets = re.findall(r"url\(\s*(['\"]?)(.*?)\1\s*\)", STYLE)
    for _, target in targets:
        assert _local(target) or target.startswith("data:"), target
    assert "@import" not in STYLE and "@font-face" not in STYLE
    assert _URL.findall(STYLE) == []


def test_style_sheet_uses_only_colours_the_site_defines() -> None:
    # The palette lives in the site's sheet, where its contrast is checked (tests/web/test_site.py).
    site = (TEMPLATES_DIR.parent / "static" / "site.css").read_text(encoding="utf-8")
    defined = set(re.findall(r"(--[\w-]+)\s*:", site + STYLE))
    used = set(re.findall(r"var\((--[\w-]+)\)", STYLE))
    assert used and used <= defined, sorted(used - defined)
    assert not set(re.findall(r"(--[\w-]+)\s*:", STYLE)) & set(re.findall(r"(--[\w-]+)\s*:", site))


def test_script_fetches_only_the_app() -> None:
    # Every request goes to the app's root (the page's data-root) followed by a literal path.
    assert 'const ROOT = document.body.dataset.root || "/";' in SCRIPT
    targets = re.findall(r"\bfetch\(\s*(.+?)[,)]", SCRIPT)
    assert len(targets) >= 4  # the SPARQL run, the downloads, the catalogue, the REST run
    for target in targets:
        literal = re.match(r"^ROOT \+ (['\"`])(.*?)\1", target)
        assert literal, f"fetch({target}…) must be ROOT + a literal path"
        assert _local(literal.group(2)) and not literal.group(2).startswith("/"), target
    for target in re.findall(r"\.(?:href|src)\s*=\s*([^;]+);", SCRIPT):
        literal = re.match(r"^ROOT \+ (['\"])(.*?)\1", target)
        assert (literal and _local(literal.group(2))) or target == "objectUrl", target
    for forbidden in ("XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon", "importScripts", "import("):
        assert forbidden not in SCRIPT


def test_script_names_only_namespace_iris() -> None:
    assert set(_URL.findall(SCRIPT)) <= NAMESPACES


def test_icon_names_only_the_svg_namespace() -> None:
    assert _URL.findall((STATIC_DIR / "favicon.svg").read_text(encoding="utf-8")) == [SVG_NAMESPACE]


def test_script_never_writes_html() -> None:
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in SCRIPT, sink


def _dictionary(lang: str) -> set[str]:
    block = re.search(rf"^    {lang}: \{{\n(.*?)^    \}},", SCRIPT, re.S | re.M)
    assert block, lang
    return set(re.findall(r"^      (\w+):", block.group(1), re.M))


def test_every_string_is_in_both_languages() -> None:
    french, english = _dictionary("fr"), _dictionary("en")
    assert french == english
    used = set(re.findall(r'data-i18n="(\w+)"', (TEMPLATES_DIR / "sparql.html.j2").read_text(encoding="utf-8")))
    used |= set(re.findall(r"\b(?:say|t)\([^,()]*?,?\s*\"(\w+)\"", SCRIPT))
    used |= set(re.findall(r"(?:i18nLabel|i18nTitle) = \"(\w+)\"", SCRIPT))
    assert used and used <= french, used - french


def test_editor_starts_with_the_project_prefixes() -> None:
    for prefix, iri in [("sg", "https://w3id.org/skillgraph/ontology#"), ("id", "https://w3id.org/skillgraph/id/"),
                        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"), ("skos", "http://www.w3.org/2004/02/skos/core#"),
                        ("xsd", "http://www.w3.org/2001/XMLSchema#"), ("dcterms", "http://purl.org/dc/terms/"),
                        ("prov", "http://www.w3.org/ns/prov#")]:
        assert f'["{prefix}", "{iri}"]' in SCRIPT


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to parse the script")
def test_script_parses() -> None:
    result = subprocess.run(["node", "--check", str(STATIC_DIR / "app.js")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_offline_docs_serve_their_own_assets() -> None:
    """fastapi-offline: /docs and /redoc reference no CDN, and their assets answer from the app."""
    offline = pytest.importorskip("fastapi_offline")
    client = TestClient(offline.FastAPIOffline(title="skillgraph"))
    for page in ("/docs", "/redoc"):
        response = client.get(page)
        assert response.status_code == 200
        assert _URL.findall(response.text) == [], page
        urls = _links(response.text).urls
        scripts = [url for tag, attr, url in urls if tag == "script" and attr == "src"]
        assert scripts, page
        for tag, attr, url in urls:
            assert _local(url), f"{page}: <{tag} {attr}={url!r}> leaves the app"
            assert client.get(urljoin(page, url)).status_code == 200, url
        for url in scripts:
            asset = client.get(urljoin(page, url))
            assert asset.headers["content-type"].split(";")[0] in ("text/javascript", "application/javascript")
            assert len(asset.content) > 100_000  # the whole bundle, not a stub
