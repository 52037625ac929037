"""Every page in French and English, at laptop (1366 × 768) and tablet (820 × 1180) widths: a full-page
screenshot kept for review (``build/e2e/screens/``), in the page's language, without sideways scrolling,
and — in English — without a fixed French text of the interface left untranslated (and the other way)."""

from __future__ import annotations

from typing import Any

import pytest

from skillgraph.server.web import explore, families, gaptool_texts, headline_texts, home, i18n, matrix_texts, programme_texts, sources
from tests.e2e.conftest import artefact_dir, horizontal_overflow, open_page

pytestmark = pytest.mark.browser

STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"
PAGES = {
    "home": "/",
    "families": "/metiers",
    "family-card": "/metiers/regulatory-affairs",
    "programmes": "/formations",
    "programme": f"/formations/{STRASBOURG}",
    "matrix": "/couverture",
    "matrix-cell": f"/couverture/{STRASBOURG}/regulatory-affairs",
    "gap-tool": "/ecarts",
    "gap-tool-family": "/ecarts?source=sample&sample=smt-team.json&target=family&family=project-manager",
    "gap-tool-project": "/ecarts?source=sample&sample=smt-team.json&target=project",
    "explore": "/explorer?q=strasbourg",
    "sparql": "/explorer/sparql?requete=search",
    "source": "/sources/aec-2020/7400-7436",
}
VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "tablet": {"width": 820, "height": 1180}}
_TABLES = [i18n.UI_TEXTS, explore.TEXTS, families.TEXTS, gaptool_texts.TEXTS, headline_texts.TEXTS, home.TEXTS,
           matrix_texts.TEXTS, programme_texts.TEXTS, sources.TEXTS]


def _only_in(lang: str) -> set[str]:
    """Fixed texts (without placeholders) of ``lang`` that the other language writes differently."""
    other = "en" if lang == "fr" else "fr"
    found = set()
    for table in _TABLES:
        for key, text in table[lang].items():
            if "{" not in text and text != table[other].get(key) and len(text) > 3:
                found.add(" ".join(text.split()))
    return found


# Text nodes of the page outside elements in another language (the study's quotes are marked lang="fr").
_TEXT_NODES = """lang => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const marked = node.parentElement.closest('[lang]');
    if (marked && marked.getAttribute('lang') !== lang) continue;
    if (node.parentElement.closest('script, style, code, pre, textarea, option, datalist')) continue;
    const text = node.textContent.split(/\\s+/).join(' ').trim();
    if (text) out.push(text);
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS.keys())
def test_every_page_in_each_language_and_width(browser: Any, server: str, viewport: str, lang: str) -> None:
    folder = artefact_dir() / "screens"
    folder.mkdir(exist_ok=True)
    context, page, watch = open_page(browser, server, VIEWPORTS[viewport])
    foreign = _only_in("fr" if lang == "en" else "en")
    problems: list[str] = []
    try:
        for name, path in PAGES.items():
            response = page.goto(server + path + ("&" if "?" in path else "?") + f"lang={lang}")
            assert response is not None and response.status == 200, name
            # JPEG: quicker than PNG for these tall pages (this file took 28 s instead of 39 s), still legible.
            page.screenshot(path=str(folder / f"{viewport}-{lang}-{name}.jpg"), full_page=True, type="jpeg", quality=80)
            if page.locator("html").get_attribute("lang") != lang:
                problems.append(f"{name}: <html lang> is not {lang}")
            if horizontal_overflow(page):
                problems.append(f"{name}: {horizontal_overflow(page)} px of sideways scrolling")
            untranslated = sorted(set(page.evaluate(_TEXT_NODES, lang)) & foreign)
            if untranslated:
                problems.append(f"{name}: texts of the other language {untranslated}")
    finally:
        context.close()
    assert not problems
    assert not watch.external, f"requests left the host: {watch.external}"
    assert not watch.errors, f"the pages reported errors: {watch.errors}"
