"""The cited lines of a source document (``/sources/{doc}/{first}-{last}``): where every
"lines 12–15" link of the pages leads, so a reader checks a fact against the study's text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...errors import UnknownIdentifier
from ..dependencies import get_settings
from ...settings import Settings
from .data import SiteData, site_data
from .i18n import Translator
from .rendering import not_found, page_lang, render_page, start_timer

__all__ = ["TEXTS", "router", "source_lines"]

_MAX_LINES = 600  # the longest passage a citation spans is 471 lines (a whole table of programmes)

TEXTS = {
    "fr": {
        "source_page": "« {title} », {lines}",
        "source_lead": "Texte de l'étude ({creator}, {year}) tel qu'extrait dans {file} : les numéros de ligne sont ceux que citent les faits du graphe.",
        "unknown_passage": "Le passage",
    },
    "en": {
        "source_page": "“{title}”, {lines}",
        "source_lead": "The study's text ({creator}, {year}) as extracted in {file}: line numbers are those the graph's facts cite.",
        "unknown_passage": "The passage",
    },
}


@lru_cache(maxsize=4)
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def source_lines(path: Path, first: int, last: int) -> list[tuple[int, str]]:
    """Lines ``first``..``last`` (1-based, inclusive) of a text file; `UnknownIdentifier` when
    the range is empty, reversed, too long or past the end."""
    lines = _lines(path)
    if not (1 <= first <= last <= len(lines)) or last - first >= _MAX_LINES:
        raise UnknownIdentifier("passage", f"{first}-{last}", (), "lines")
    return [(n, lines[n - 1]) for n in range(first, last + 1)]


router = APIRouter(include_in_schema=False, dependencies=[Depends(start_timer)])


@router.get("/sources/{doc}/{first}-{last}", response_class=HTMLResponse)
def passage(
    request: Request,
    doc: str,
    first: int,
    last: int,
    data: Annotated[SiteData, Depends(site_data)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> HTMLResponse:
    """The lines of a source document a fact cites."""
    lang = page_lang(request)
    t = Translator(lang, TEXTS)
    documents = {d["id"]: d for d in data.rows("source-documents", lang=lang)}
    document = documents.get(doc)
    if document is None or "file" not in document:
        return not_found(request, data, t("unknown_passage"), UnknownIdentifier("source document", doc, documents, "doc"))
    try:
        lines = source_lines(settings.data_path() / document["file"], first, last)
    except UnknownIdentifier as error:
        return not_found(request, data, t("unknown_passage"), error)
    span = t("source_line", first=first) if first == last else t("source_lines", first=first, last=last)
    return render_page(
        request, "source.html.j2", data, title=t("source_page", title=document["title"], lines=span), texts=TEXTS,
        document=document, lines=lines,
    )
