"""An HTML reader for the page tests: URLs, headings, landmarks, form labels, table headers,
the ``data-*`` markers the templates put on rows, and the visible text."""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser

__all__ = ["Page", "is_local", "parse"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL_ATTRS = frozenset({"src", "href", "action", "formaction", "poster", "srcset", "data", "manifest"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def is_local(url: str) -> bool:
    """A URL that stays on the app: no scheme, no network-path ``//host``."""
    url = url.strip()
    return not _SCHEME.match(url) and not url.startswith("//") and not url.startswith("\\")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.urls: list[tuple[str, str, str]] = []
        self.headings: list[tuple[int, str]] = []
        self.tags: dict[str, int] = defaultdict(int)
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.controls: list[dict[str, str]] = []  # input/select/textarea attributes
        self.th_without_scope = 0
        self.data: dict[str, list[str]] = defaultdict(list)  # data-* attribute -> values in order
        self.current_nav: list[str] = []
        self.text_parts: list[str] = []
        self._heading: list[str] | None = None
        self._level = 0
        self._in_thead = False
        self._in_label = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.add(a["id"])
        for name, value in a.items():
            if name in _URL_ATTRS:
                self.urls.append((tag, name, value))
            if name.startswith("data-"):
                self.data[name].append(value)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._level = [], int(tag[1])
        if tag == "label":
            self._in_label += 1
            if "for" in a:
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append({**a, "_in_label": str(self._in_label > 0)})
        if tag == "th" and "scope" not in a:
            self.th_without_scope += 1
        if tag == "a" and a.get("aria-current") == "page":
            self.current_nav.append(a.get("href", ""))
        if tag not in _VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._level, " ".join("".join(self._heading).split())))
            self._heading = None
        if tag == "label":
            self._in_label -= 1
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if "script" in self._stack or "style" in self._stack:
            return
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page
