"""How a page is rendered: the language of the request, the Jinja2 environment, the layout's
context (navigation, language switch, source attribution) and the response headers.

Every page handler ends with ``return render_page(request, "x.html.j2", data, title=..., ...)``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...errors import UnknownIdentifier
from .data import SiteData
from .i18n import DEFAULT_LANG, LANGS, Translator

__all__ = ["LANG_COOKIE", "NAVIGATION", "TEMPLATES_DIR", "not_found", "page_lang", "render_page", "start_timer"]

TEMPLATES_DIR = Path(__file__).parent / "templates"
LANG_COOKIE = "skillgraph_lang"
_ONE_YEAR = 365 * 24 * 3600

#: The main navigation: text key, path, and the path prefix that marks the entry as current.
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("nav_home", "/"),
    ("nav_families", "/metiers"),
    ("nav_programmes", "/formations"),
    ("nav_matrix", "/couverture"),
    ("nav_gaps", "/ecarts"),
    ("nav_explore", "/explorer"),
)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # Autoescape everywhere: labels and notes come from curated data and from user input (search).
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_lang(request: Request) -> str:
    """The page's language: ``?lang=`` when it names one we have, else the cookie, else French."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    remembered = request.cookies.get(LANG_COOKIE)
    return remembered if remembered in LANGS else DEFAULT_LANG


def start_timer(request: Request) -> None:
    """Mark the start of a page's work; `render_page` reports the elapsed time (Server-Timing)."""
    request.state.web_started = time.perf_counter()


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _switch_url(request: Request, lang: str) -> str:
    """This page in the other language: same path and parameters, ``lang`` replaced (never a host)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang))
    return f"{request.url.path}?{urlencode(params)}"


def _current(path: str, nav_path: str) -> bool:
    return path == "/" if nav_path == "/" else path == nav_path or path.startswith(nav_path + "/")


def render_page(
    request: Request,
    template: str,
    data: SiteData,
    *,
    title: str,
    texts: Mapping[str, Mapping[str, str]] | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render ``template`` (which extends ``base.html.j2``) in the request's language.

    ``texts`` are the page module's own fixed texts ({"fr": {...}, "en": {...}}), merged over the
    shared ones. The template sees ``t``, ``lang``, ``url``, ``label``, ``cite``, ``model`` and
    ``context``.
    """
    lang = page_lang(request)
    t = Translator(lang, texts)
    root = _root(request)
    path = request.url.path[len(root):] or "/"
    model = data.model
    documents = data.rows("source-documents", lang=lang)
    html = _environment().get_template(template).render(
        t=t,
        lang=lang,
        other_lang="en" if lang == "fr" else "fr",
        switch_url=_switch_url(request, "en" if lang == "fr" else "fr"),
        url=lambda target: root + target,
        nav=[(t(key), root + target, _current(path, target)) for key, target in NAVIGATION],
        page_title=title,
        release=data.release,
        documents=documents,
        model=model,
        label=lambda iri: model.label(iri, lang),
        cite=data.cite,
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    started = getattr(request.state, "web_started", None)
    if started is not None:
        response.headers["Server-Timing"] = f"page;dur={(time.perf_counter() - started) * 1000:.1f}"
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Cookie"
    response.headers["Cache-Control"] = "no-cache"
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=_ONE_YEAR, samesite="lax", httponly=True, path=root + "/")
    return response


def not_found(request: Request, data: SiteData, what: str, error: UnknownIdentifier) -> HTMLResponse:
    """The 404 page for an identifier the graph does not hold, with the closest known ones."""
    return render_page(
        request,
        "not_found.html.j2",
        data,
        title=Translator(page_lang(request))("not_found_title"),
        status_code=404,
        what=what,
        error=error,
    )

