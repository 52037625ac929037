"""SPARQL as tokens: enough lexing to find keywords that no comment, string or escape hides.

Codepoint escapes (``\\u0053``) are applied first, as the SPARQL grammar says they are,
then comments, strings and IRIs are set apart from words, so ``# SERVICE`` or
``"FROM"`` or ``<http://x/SERVICE>`` are never taken for keywords.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["has_dataset_clause", "keyword_targets", "token_spans", "tokens"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[?$]?[A-Za-z_\u00C0-\uFFFF][\w\u00B7\u00C0-\uFFFF.-]*(?::[\w\u00B7\u00C0-\uFFFF.%:-]*)?|:[\w\u00B7\u00C0-\uFFFF.%:-]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(query: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of every token but comments; kind is string, iri, word or other."""
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "comment":
            yield match.lastgroup or "other", match.group()


def token_spans(query: str) -> tuple[str, list[tuple[str, str, int]]]:
    """The query with its codepoint escapes applied, and (kind, text, offset) of every token
    but comments, offsets into that text (for inserting text between tokens)."""
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    spans = [(m.lastgroup or "other", m.group(), m.start()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    return text, spans


def keyword_targets(query: str, keywords: set[str], skip: frozenset[str] = frozenset({"SILENT", "NAMED"})) -> list[tuple[str, str]]:
    """(KEYWORD, target) for each keyword of ``keywords`` (upper case); an IRI target loses its brackets."""
    found = []
    toks = list(tokens(query))
    for i, (kind, value) in enumerate(toks):
        if kind == "word" and value.upper() in keywords:
            j = i + 1
            while j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() in skip:
                j += 1
            target = toks[j][1] if j < len(toks) else ""
            found.append((value.upper(), target[1:-1] if target.startswith("<") else target))
    return found


def has_dataset_clause(query: str) -> bool:
    """True when the query names its dataset with FROM / FROM NAMED."""
    return any(kind == "word" and value.upper() == "FROM" for kind, value in tokens(query))
