"""Filters of the coverage matrix shared by the page ``/couverture`` and the ``/coverage/matrix``
and heatmap routes: the kind of programme, the city and the topic taught.

All three narrow the *columns* (programmes): a family's row keeps its meaning (coverage of all
its requirements) whatever the filter, so a cell reads the same in every view.

* **kind** — programme types, either spelling (``Master2`` / ``master2``), see
  :data:`~skillgraph.gaps.identifiers.PROGRAMME_TYPES`;
* **city** — programmes given in one of these cities (accents and case ignored);
* **topic** — programmes with at least one module (mandatory, elective or option) that teaches
  the topic or a narrower one, or names a skill about it — the rule of
  :mod:`skillgraph.gaps.coverage`.

Matrices are cached per gap model (a release is immutable): the page and its downloads then
answer from memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Literal

from ...errors import UnknownIdentifier
from ...gaps.matrix import CoverageMatrix, coverage_matrix, resolve_programme_type, resolve_topic
from ...gaps.model import GapModel
from ...gaps.profiles import fold

__all__ = ["MatrixFilter", "Scope", "filtered_matrix", "matrix_cities", "matrix_topics", "programmes_teaching", "resolve_city"]

Scope = Literal["all", "preparing"]

_MAX_CACHED = 64
_LOCK = threading.Lock()
_CACHE: OrderedDict[tuple[int, "MatrixFilter"], tuple[GapModel, CoverageMatrix]] = OrderedDict()


@dataclass(frozen=True)
class MatrixFilter:
    """What the matrix shows: scope, and the programme kinds, cities and topic kept (empty: all)."""

    scope: Scope = "all"
    kinds: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    topic: str | None = None

    def normalised(self, model: GapModel) -> MatrixFilter:
        """The same filter with every value resolved (model type names, city names, topic IRI),
        sorted: two spellings of one filter share a cache entry. Raises `UnknownIdentifier`."""
        kinds = tuple(sorted({resolve_programme_type(k) for k in self.kinds if k.strip()}))
        cities = tuple(sorted({resolve_city(model, c) for c in self.cities if c.strip()}))
        topic = resolve_topic(model, self.topic) if self.topic and self.topic.strip() else None
        return replace(self, kinds=kinds, cities=cities, topic=topic)


def matrix_cities(model: GapModel) -> list[str]:
    """Every city a programme is given in, alphabetically (accents ignored)."""
    return sorted({c for p in model.programmes.values() for c in p.cities}, key=lambda c: (fold(c), c))


def resolve_city(model: GapModel, value: str) -> str:
    """The city's name as the graph writes it, from any case or accents."""
    wanted = fold(value)
    for city in matrix_cities(model):
        if fold(city) == wanted:
            return city
    raise UnknownIdentifier("city", value, matrix_cities(model))


def _taught(model: GapModel, module_iri: str) -> set[str]:
    """Topics a module teaches, with every broader topic (a narrower topic counts for them)."""
    module = model.modules[module_iri]
    topics = set(module.topics) | {t for s in module.skills for t in model.skills[s].topics if s in model.skills}
    return {a for t in topics for a in model.ancestors.get(t, {t})}


def matrix_topics(model: GapModel) -> list[str]:
    """Topics at least one programme teaches (those a filter can keep columns for), as IRIs."""
    return sorted({t for m in model.modules for t in _taught(model, m)}, key=lambda t: (fold(model.label(t)), t))


def programmes_teaching(model: GapModel, topic_iri: str) -> set[str]:
    """Programmes with a module that teaches the topic or a narrower one."""
    return {model.modules[m].programme for m in model.modules if topic_iri in _taught(model, m)}


def _restrict(matrix: CoverageMatrix, keep: set[str]) -> CoverageMatrix:
    programmes = [p for p in matrix.programmes if p in keep]
    return CoverageMatrix(
        scope=matrix.scope,
        families=matrix.families,
        programmes=programmes,
        types={p: matrix.types[p] for p in programmes},
        cells={k: c for k, c in matrix.cells.items() if k[1] in keep},
        labels=matrix.labels,
        providers={p: matrix.providers.get(p, []) for p in programmes},
    )


def filtered_matrix(model: GapModel, wanted: MatrixFilter) -> CoverageMatrix:
    """The coverage matrix with only the programmes the filter keeps. Raises `UnknownIdentifier`
    for an unknown programme type, city or topic (its ``kind`` names which)."""
    wanted = wanted.normalised(model)
    key = (id(model), wanted)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None and found[0] is model:
            _CACHE.move_to_end(key)
            return found[1]
    matrix = coverage_matrix(model, wanted.scope, programme_types=list(wanted.kinds) or None)
    if wanted.cities or wanted.topic:
        keep = set(matrix.programmes)
        if wanted.cities:
            keep &= {p for p in keep if model.programmes[p].cities & set(wanted.cities)}
        if wanted.topic:
            keep &= programmes_teaching(model, wanted.topic)
        matrix = _restrict(matrix, keep)
    with _LOCK:
        # The model is kept in the entry so that its id cannot be reused by another model.
        _CACHE[key] = (model, matrix)
        while len(_CACHE) > _MAX_CACHED:
            _CACHE.popitem(last=False)
    return matrix
