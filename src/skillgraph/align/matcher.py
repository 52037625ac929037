"""The candidate matcher: TF-IDF cosine and difflib ratio of a label against every field of a scheme's concepts.

How a label is scored is described in the docstring of the :mod:`skillgraph.align` package.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..models.alignment import ReferenceScheme
from .concept import ReferenceConcept
from .text import tokens

if TYPE_CHECKING:
    from .index import ReferenceIndex

__all__ = ["Candidate", "rank_candidates"]


@dataclass(frozen=True)
class Candidate:
    """A ranked reference concept: its score in [0, 1] and the field that matched best."""

    scheme: ReferenceScheme
    target: str
    label: str
    label_en: str | None
    score: float
    field: str
    matched_text: str
    cosine: float
    ratio: float
    parent: str | None = None
    version: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "scheme": self.scheme.value,
            "target": self.target,
            "label": self.label,
            "label_en": self.label_en,
            "score": round(self.score, 4),
            "field": self.field,
            "matched_text": self.matched_text,
            "cosine": round(self.cosine, 4),
            "ratio": round(self.ratio, 4),
            "parent": self.parent,
            "version": self.version,
        }


# -- ranking ---------------------------------------------------------------------------------------

_FIELD_WEIGHT = {"prefLabel": 1.0, "altLabel": 0.9, "description": 0.6}
_COSINE_SHARE = 0.7
_FUZZY_POOL = 300


class _TextIndex:
    """TF-IDF vectors of every field of every concept of one scheme, with an inverted index."""

    def __init__(self, concepts: list[ReferenceConcept]) -> None:
        self.concepts = concepts
        self.entries: list[tuple[int, str, str, str]] = []  # concept, field, text, normalised text
        self.by_concept: list[list[int]] = [[] for _ in concepts]
        entry_tokens: list[list[str]] = []
        df: dict[str, int] = defaultdict(int)
        for i, concept in enumerate(concepts):
            seen: set[str] = set()
            for name, text in concept.fields():
                toks = tokens(text)
                if not toks:
                    continue
                self.by_concept[i].append(len(self.entries))
                self.entries.append((i, name, text, " ".join(toks)))
                entry_tokens.append(toks)
                seen.update(toks)
            for tok in seen:
                df[tok] += 1
        n = len(concepts)
        self.idf = {tok: math.log((1 + n) / (1 + count)) + 1.0 for tok, count in df.items()}
        self.default_idf = math.log(1 + n) + 1.0
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for e, toks in enumerate(entry_tokens):
            for tok, weight in self._vector(toks).items():
                self.postings[tok].append((e, weight))

    def _vector(self, toks: list[str]) -> dict[str, float]:
        counts: dict[str, int] = defaultdict(int)
        for tok in toks:
            counts[tok] += 1
        vec = {tok: (1 + math.log(c)) * self.idf.get(tok, self.default_idf) for tok, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {tok: v / norm for tok, v in vec.items()}

    def rank(self, label: str, limit: int) -> list[Candidate]:
        query_tokens = tokens(label)
        if not query_tokens:
            return []
        query = self._vector(query_tokens)
        query_norm = " ".join(query_tokens)
        cosines: dict[int, float] = defaultdict(float)
        for tok, weight in query.items():
            for entry, w in self.postings.get(tok, ()):
                cosines[entry] += weight * w
        # Best cosine-only score per concept decides the pool that gets the (slower) fuzzy ratio.
        best: dict[int, float] = defaultdict(float)
        for entry, cos in cosines.items():
            concept, name = self.entries[entry][0], self.entries[entry][1]
            best[concept] = max(best[concept], _FIELD_WEIGHT[name] * cos)
        pool = sorted(best, key=lambda c: -best[c])[: max(_FUZZY_POOL, limit)]
        results: list[Candidate] = []
        for concept_id in pool:
            top: tuple[float, str, str, float, float] | None = None
            for entry in self.by_concept[concept_id]:
                _, name, text, normalised = self.entries[entry]
                cos = cosines.get(entry, 0.0)
                if name == "description":
                    ratio = 0.0
                    score = _FIELD_WEIGHT[name] * cos
                else:
                    ratio = _ratio(query_norm, normalised, text)
                    score = _FIELD_WEIGHT[name] * (_COSINE_SHARE * cos + (1 - _COSINE_SHARE) * ratio)
                if top is None or score > top[0]:
                    top = (score, name, text, cos, ratio)
            if top is None:
                continue
            concept = self.concepts[concept_id]
            results.append(
                Candidate(
                    scheme=concept.scheme,
                    target=concept.target,
                    label=concept.label,
                    label_en=concept.label_en,
                    score=min(top[0], 1.0),
                    field=top[1],
                    matched_text=top[2],
                    cosine=top[3],
                    ratio=top[4],
                    parent=concept.parent,
                    version=concept.version,
                )
            )
        results.sort(key=lambda c: (-c.score, c.label, c.target))
        return results[:limit]


def _ratio(query_norm: str, normalised: str, text: str) -> float:
    """difflib ratio of the query with the label and with each of its "/"-separated forms."""
    forms = {normalised}
    if "/" in text:
        forms.update(" ".join(tokens(part)) for part in text.split("/") if tokens(part))
    best = 0.0
    for form in forms:
        matcher = SequenceMatcher(None, query_norm, form, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def rank_candidates(label: str, scheme: ReferenceScheme | str, index: ReferenceIndex, limit: int = 10) -> list[Candidate]:
    """The ``limit`` concepts of ``scheme`` closest to ``label`` (French or English), best first."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    return index.text_index(scheme).rank(label, limit)
