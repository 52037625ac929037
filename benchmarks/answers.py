"""Is a server's answer the embedded answer? Rows compared as multisets of plain values.

Every answer is brought to the same form: one tuple per row, a value per variable of the
embedded answer (in its order), each value plain — an IRI or a string as is, a number (any
numeric datatype) as a float, a boolean as ``true``/``false``, unbound as ``None`` — so that
servers writing ``0.50`` or ``0.5``, or answering JSON numbers (``/api/<name>``), agree.
``GROUP_CONCAT``'s order is undefined in SPARQL (engines concatenate in the order they met the
values), so a column it makes is compared as the sorted list of its parts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from skillgraph.catalogue import NamedQuery
from skillgraph.query import run_query
from skillgraph.sparql_text import tokens

__all__ = ["Answer", "compare", "concat_columns", "embedded_answer", "from_api_json", "from_sparql_json"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                               "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
                               "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'"}

Value = str | float | tuple[str, ...] | None
Row = tuple[Value, ...]


@dataclass(frozen=True)
class Answer:
    """An answer in comparable form: its variables and its rows (a multiset)."""

    variables: tuple[str, ...]
    rows: Counter[Row]

    @property
    def size(self) -> int:
        return sum(self.rows.values())


def concat_columns(query_text: str) -> dict[str, str]:
    """Variables whose expression ``( … AS ?var)`` holds a ``GROUP_CONCAT`` → its separator
    (SPARQL's default: a space)."""
    out: dict[str, str] = {}
    # One entry per open parenthesis: the separators of the GROUP_CONCATs closed inside it, and,
    # for a GROUP_CONCAT's own argument list, its separator (None for any other parenthesis).
    groups: list[tuple[list[str], list[str] | None]] = []
    toks = list(tokens(query_text))
    for i, (kind, value) in enumerate(toks):
        word = value.upper() if kind == "word" else ""
        previous = toks[i - 1][1].upper() if i else ""
        if value == "(":
            groups.append(([], [" "] if previous == "GROUP_CONCAT" else None))
        elif value == ")" and groups:
            seps, own = groups.pop()
            if groups:
                groups[-1][0].extend(seps + (own or []))
        elif word == "SEPARATOR" and groups and groups[-1][1] is not None and i + 2 < len(toks) and toks[i + 2][0] == "string":
            groups[-1][1][0] = _unquote(toks[i + 2][1])
        elif word == "AS" and groups and groups[-1][0] and i + 1 < len(toks):
            out[toks[i + 1][1][1:]] = groups[-1][0][0]
    return out


def _unquote(token: str) -> str:
    body = token[3:-3] if token[:3] in ('"""', "\'\'\'") else token[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def _plain(value: Any, datatype: str | None, separator: str | None) -> Value:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return round(float(value), 9)
    if datatype in _NUMERIC:
        try:
            return round(float(value), 9)
        except ValueError:
            return str(value)
    if datatype == _XSD + "boolean":
        return "true" if str(value) in ("true", "1") else "false"
    if separator is not None:
        # An empty separator leaves no boundary to split on: the multiset of characters, then.
        return tuple(sorted(str(value).split(separator) if separator else str(value)))
    return str(value)


def _answer(variables: Iterable[str], rows: Iterable[Mapping[str, tuple[Any, str | None]]], concat: Mapping[str, str]) -> Answer:
    names = tuple(variables)
    return Answer(names, Counter(tuple(_plain(*row.get(n, (None, None)), concat.get(n)) for n in names) for row in rows))


def embedded_answer(store: ox.Store, query: NamedQuery) -> Answer:
    """The reference: ``query`` with its default parameters, in process (pyoxigraph, ``substitutions=``)."""
    solutions = run_query(store, query.text, substitutions=query.substitutions({})).value
    names = [v.value for v in solutions.variables]

    def term(t: object) -> tuple[Any, str | None]:
        if t is None:
            return (None, None)
        return (t.value, t.datatype.value if isinstance(t, ox.Literal) else None)  # type: ignore[attr-defined]

    rows = [{n: term(s[n]) for n in names} for s in solutions]
    return _answer(names, rows, concat_columns(query.text))


def from_sparql_json(body: bytes | str, variables: tuple[str, ...], concat: Mapping[str, str]) -> Answer:
    """A SPARQL 1.1 JSON results document, on the variables of the reference answer."""
    document = json.loads(body)
    rows = [{n: (b["value"], b.get("datatype")) for n, b in binding.items()} for binding in document["results"]["bindings"]]
    return _answer(variables, rows, concat)


def from_api_json(body: bytes | str, variables: tuple[str, ...], concat: Mapping[str, str]) -> Answer:
    """A page of ``/api/<name>`` (``NamedQueryAnswer``: JSON values), on the reference's variables."""
    document = json.loads(body)
    if document["total"] > len(document["rows"]):
        raise ValueError(f"the page holds {len(document['rows'])} of {document['total']} rows: ask for all of them")
    return _answer(variables, [{n: (v, None) for n, v in row.items()} for row in document["rows"]], concat)


def compare(expected: Answer, got: Answer) -> str | None:
    """``None`` when ``got`` has the same rows as ``expected``; otherwise what differs, briefly."""
    if got.rows == expected.rows:
        return None
    missing, extra = expected.rows - got.rows, got.rows - expected.rows
    parts = [f"{got.size} rows against {expected.size} expected"]
    if missing:
        parts.append(f"{sum(missing.values())} missing, e.g. {_show(expected.variables, next(iter(missing)))}")
    if extra:
        parts.append(f"{sum(extra.values())} unexpected, e.g. {_show(expected.variables, next(iter(extra)))}")
    return "; ".join(parts)


def _show(variables: tuple[str, ...], row: Row) -> str:
    shown = {v: x for v, x in zip(variables, row, strict=True) if x is not None}
    text = json.dumps(shown, ensure_ascii=False)
    return text if len(text) <= 240 else text[:237] + "…"
