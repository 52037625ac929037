"""What the pages read, for the release in service: the gap model, the citations of every fact,
and the answers of named queries — each computed once per release (a release is immutable).

Pages never hold SPARQL text: they ask the catalogue's named queries (``api/queries/*.rq``),
whose parameters are bound as typed terms, and run them in-process on the embedded store. They
are the project's own bounded questions, answered in milliseconds, so they skip the worker pool
that guards the public SPARQL endpoint against arbitrary queries.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pyoxigraph as ox
from fastapi import Request

from ...catalogue import NamedQuery
from ...errors import QueryError
from ...gaps.model import GapModel
from ...query import run_query

__all__ = ["Citation", "SiteData", "site_data"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_DECIMALS = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}
_MAX_CACHED_ANSWERS = 512
_SITE_LOCK = threading.Lock()  # one SiteData per release even when the first requests race


@dataclass(frozen=True)
class Citation:
    """The passage of a source document a fact is read from."""

    document: str  # the document's id (``aec-2020``)
    first: int
    last: int
    section: str | None
    interpretation: bool
    note: str | None


def _value(term: Any) -> Any:
    """A result term as a Python value: numbers and booleans typed, IRIs and text as strings."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype in _DECIMALS:
            return float(term.value)
        if datatype == f"{_XSD}boolean":
            return term.value == "true"
    return term.value


class SiteData:
    """The data of one release, as the pages need it."""

    def __init__(self, store: ox.Store, model: GapModel, catalogue: Mapping[str, NamedQuery], release: str) -> None:
        self.store = store
        self.model = model
        self.catalogue = catalogue
        self.release = release
        self._answers: dict[tuple[str, tuple[tuple[str, str], ...]], list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def rows(self, name: str, **params: str) -> list[dict[str, Any]]:
        """The rows of the named query ``name`` with ``params`` (typed and checked by the catalogue)."""
        key = (name, tuple(sorted(params.items())))
        with self._lock:
            cached = self._answers.get(key)
        if cached is not None:
            return cached
        query = self.catalogue.get(name)
        if query is None:
            raise QueryError(f"no named query '{name}' in the catalogue (api/queries/{name}.rq)")
        bound = query.bind(dict(params))
        answer = run_query(self.store, bound.text, substitutions=bound.substitutions)
        solutions = answer.value
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError(f"named query '{name}' is not a select query (it gives no rows)")
        names = [v.value for v in solutions.variables]
        found = [{n: _value(row[n]) for n in names if row[n] is not None} for row in solutions]
        with self._lock:
            if len(self._answers) >= _MAX_CACHED_ANSWERS:
                self._answers.clear()  # parameters come from users: bound the memory
            self._answers[key] = found
        return found

    @cached_property
    def citations(self) -> dict[str, list[Citation]]:
        """Every record's citations, by the record's IRI, in line order."""
        found: dict[str, list[Citation]] = defaultdict(list)
        for row in self.rows("citations"):
            found[row["record"]].append(
                Citation(
                    document=row.get("document", "").rsplit("/", 1)[-1],
                    first=row["firstLine"],
                    last=row["lastLine"],
                    section=row.get("section"),
                    interpretation=row["interpretation"],
                    note=row.get("note"),
                )
            )
        return dict(found)

    def cite(self, iri: str) -> list[Citation]:
        """The citations of a record; empty when it cites nothing (e.g. a programme's focus)."""
        return self.citations.get(iri, [])


def site_data(request: Request) -> SiteData:
    """FastAPI dependency: the `SiteData` of the release in service, built once per release."""
    state = request.app.state
    holder = state.holder
    store = holder.get()
    with _SITE_LOCK:
        cached: tuple[ox.Store, SiteData] | None = getattr(state, "_web_data", None)
        if cached is None or cached[0] is not store:
            release = holder.release.name if holder.release else ""
            cached = (store, SiteData(store, holder.model(), state.catalogue, release))
            state._web_data = cached
    return cached[1]
