"""Every page of the framework: French by default and English with the switch, accessible
structure, nothing that leaves the host, links that answer, assets served, render time."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from skillgraph.server.web import STATIC_DIR, explore, families, home, programme_texts, sources
from skillgraph.server.web.i18n import UI_TEXTS
from skillgraph.server.web.rendering import LANG_COOKIE, NAVIGATION

from .pagecheck import is_local, parse

STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"
PAGES = [
    "/",
    "/metiers",
    "/metiers/regulatory-affairs",
    "/metiers/ux-ui-designer",
    "/formations",
    "/formations?type=Master2&ville=Strasbourg",
    f"/formations/{STRASBOURG}",
    f"/formations/{STRASBOURG}?metier=quality",
    "/explorer",
    "/explorer?q=donn%C3%A9es",
    "/explorer/sparql",
    "/explorer/sparql?requete=regulatory-masters-device-digital",
    "/sources/aec-2020/7018-7030",
]
_ABSOLUTE_URL = re.compile(r"https?://")


@pytest.mark.parametrize("path", PAGES)
def test_page_is_french_by_default_and_english_on_request(web: TestClient, path: str) -> None:
    french = web.get(path)
    assert french.status_code == 200, french.text[:500]
    assert french.headers["content-type"].startswith("text/html")
    assert parse(french.text).lang == "fr" and french.headers["content-language"] == "fr"
    assert LANG_COOKIE not in french.cookies
    english = web.get(path, params={"lang": "en"})
    assert parse(english.text).lang == "en" and english.cookies.get(LANG_COOKIE) == "en"
    # The cookie keeps English on the next page, until ?lang=fr switches back.
    assert parse(web.get(path).text).lang == "en"
    assert parse(web.get(path, params={"lang": "fr"}).text).lang == "fr"
    assert parse(web.get(path).text).lang == "fr"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_structure_is_accessible(web: TestClient, path: str, lang: str) -> None:
    page = parse(web.get(path, params={"lang": lang}).text)
    for landmark in ("header", "nav", "main", "footer"):
        assert page.tags[landmark] >= 1, landmark
    assert page.tags["main"] == 1
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1, page.headings
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), page.headings
    assert all(text for _, text in page.headings), page.headings
    for control in page.controls:
        assert control.get("id") in page.label_for or control.get("aria-label") or control["_in_label"] == "True", control
    assert page.th_without_scope == 0
    assert "main" in page.ids  # the skip link's target
    assert ("a", "href", "#main") in page.urls


@pytest.mark.parametrize("path", PAGES)
def test_page_names_no_other_host(web: TestClient, path: str) -> None:
    for lang in ("fr", "en"):
        html = web.get(path, params={"lang": lang}).text
        page = parse(html)
        for tag, attr, url in page.urls:
            assert is_local(url), f"{path}: <{tag} {attr}={url!r}> leaves the app"
        assert not _ABSOLUTE_URL.search(html), _ABSOLUTE_URL.search(html)


def test_every_link_of_every_page_answers(web: TestClient) -> None:
    """Crawl from the home page through every page the site links to (both languages)."""
    seen: set[str] = set()
    queue = ["/", "/?lang=en"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = web.get(url)
        assert response.status_code == 200, url
        if not response.headers["content-type"].startswith("text/html"):
            continue
        for tag, attr, target in parse(response.text).urls:
            target = target.split("#")[0]
            if not target or target in seen:
                continue
            # Other engineers' pages and the API are tested where they live: only that they answer.
            if target.startswith(("/couverture", "/ecarts", "/api/", "/docs", "/static/", "/assets/")):
                if target not in seen:
                    seen.add(target)
                    assert web.get(target).status_code in (200, 404 if target.startswith("/ecarts") else 200), target
                continue
            queue.append(target)
    web.cookies.clear()
    assert len([u for u in seen if u.startswith("/metiers/")]) >= 10
    assert len([u for u in seen if u.startswith("/formations/")]) >= 30
    assert any(u.startswith("/sources/aec-2020/") for u in seen)


def test_navigation_marks_the_current_section(web: TestClient) -> None:
    assert [key for key, _ in NAVIGATION] == ["nav_home", "nav_families", "nav_programmes", "nav_matrix", "nav_gaps", "nav_explore"]
    assert parse(web.get("/metiers/quality").text).current_nav == ["/metiers"]
    assert parse(web.get("/explorer/sparql").text).current_nav == ["/explorer"]
    assert parse(web.get("/").text).current_nav == ["/"]
    nav = parse(web.get("/").text).text
    for word in ("Accueil", "Métiers", "Formations", "Couverture", "Outil d'écarts", "Explorer"):
        assert word in nav


def test_language_switch_keeps_the_page_and_its_parameters(web: TestClient) -> None:
    page = parse(web.get("/formations", params={"type": "Master2"}).text)
    switch = [url for tag, attr, url in page.urls if "lang=en" in url]
    assert switch == ["/formations?type=Master2&lang=en"]


def test_unknown_language_falls_back_to_french(web: TestClient) -> None:
    response = web.get("/", params={"lang": "de"})
    assert parse(response.text).lang == "fr" and LANG_COOKIE not in response.cookies


@pytest.mark.parametrize(
    "texts",
    [UI_TEXTS, home.TEXTS, families.TEXTS, programme_texts.TEXTS, explore.TEXTS, sources.TEXTS],
    ids=["shared", "home", "families", "programmes", "explore", "sources"],
)
def test_every_text_is_in_both_languages(texts: dict[str, dict[str, str]]) -> None:
    assert set(texts["fr"]) == set(texts["en"])
    for key in texts["fr"]:
        assert set(re.findall(r"\{(\w+)\}", texts["fr"][key])) == set(re.findall(r"\{(\w+)\}", texts["en"][key])), key


def test_pages_render_in_milliseconds(web: TestClient) -> None:
    """Warm pages (the release's data read once) render well under a generous bound on a busy machine."""
    for path in PAGES:
        web.get(path)
    for path in PAGES:
        started = time.perf_counter()
        response = web.get(path)
        elapsed = time.perf_counter() - started
        timing = re.fullmatch(r"page;dur=([\d.]+)", response.headers["server-timing"])
        assert timing, response.headers["server-timing"]
        assert float(timing.group(1)) < 1000 and elapsed < 2.0, (path, timing.group(1), elapsed)


@pytest.mark.parametrize(("name", "media"), [("site.css", "text/css"), ("site.js", "text/javascript")])
def test_assets_are_served_and_fetch_nothing_from_outside(web: TestClient, name: str, media: str) -> None:
    response = web.get(f"/assets/{name}")
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == media
    text = (STATIC_DIR / name).read_text(encoding="utf-8")
    assert response.text == text
    assert not _ABSOLUTE_URL.search(text)
    for forbidden in ("@import", "@font-face", "url(", "fetch(", "XMLHttpRequest", "innerHTML", "eval("):
        assert forbidden not in text, forbidden


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


_COLOURS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", (STATIC_DIR / "site.css").read_text(encoding="utf-8")))
_WHITE = "#ffffff"


@pytest.mark.parametrize(
    ("foreground", "background"),
    [("text", "bg"), ("text", "panel"), ("muted", "bg"), ("muted", "panel"), ("accent", "bg"), ("accent", "panel"),
     ("accent-dark", "panel"), ("text", "accent-soft"), ("new", "new-bg"), ("interp", "interp-bg"), ("ok", "ok-bg"),
     ("warn", "warn-bg"), ("bad", "bad-bg"), ("white", "accent-dark"), ("white", "accent"), ("accent", "accent-soft")],
)
def test_text_colours_have_aa_contrast(foreground: str, background: str) -> None:
    colour = _WHITE if foreground == "white" else _COLOURS[foreground]
    assert _contrast(colour, _COLOURS[background]) >= 4.5, (foreground, background)
