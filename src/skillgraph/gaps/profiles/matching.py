"""Matching a profile line's text to a skill or topic of the graph: by id, exact label or fuzzy label.

Also the accent- and case-folding of texts, and the extension point for external identifiers
(ESCO URIs, ROME codes), which go through the curated alignment.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ...errors import ExternalIdNotSupported
from ..model import ID, GapModel, short
from .label_index import IndexedLabel, Target, fold, index_for, lcs_ratio_bound, ratio_bound, tokens

__all__ = ["AMBIGUITY_MARGIN", "MATCH_THRESHOLD", "Match", "Matcher", "fold", "is_external_id", "map_external_id"]

#: Confidence below which a line is reported unmatched.
MATCH_THRESHOLD = 0.6
#: A fuzzy match closer than this to the next candidate (another skill or topic) is ambiguous: unmatched.
AMBIGUITY_MARGIN = 0.02
#: A target whose best label scores no more than this is no candidate at all.
_CANDIDATE_FLOOR = 0.3
#: How many fuzzy candidates a match needs: the best and the three nearest others.
_NEAREST = 4

_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/", re.IGNORECASE)
_ROME = re.compile(r"^(?:rome[:\s-]*)?([A-N]\d{4}|\d{3,7})$|^https://w3id\.org/skillgraph/rome/", re.IGNORECASE)


def _token_score(query: Sequence[str], same: Mapping[str, frozenset[str]], anywhere: frozenset[str], label: IndexedLabel) -> float:
    """F2 of the query's words found in the label (recall) and the label's words found in the query.

    ``same[q]`` holds the label words that count as ``q``; ``anywhere`` their union.
    """
    if not query or not label.tokens:
        return 0.0
    recall = sum(not same[q].isdisjoint(label.token_set) for q in query) / len(query)
    precision = sum(t in anywhere for t in label.tokens) / len(label.tokens)
    if recall == 0 or precision == 0:
        return 0.0
    return 5 * precision * recall / (4 * precision + recall)


def is_external_id(text: str) -> bool:
    """Whether the text is an ESCO URI or a ROME code (handled by :func:`map_external_id`)."""
    text = text.strip()
    return bool(_ESCO.match(text) or _ROME.match(text))


def map_external_id(model: GapModel, identifier: str) -> list[tuple[str, float]]:
    """The internal skills an external identifier stands for, with the alignment's confidence.

    ESCO skill URIs (``http://data.europa.eu/esco/skill/…``) and ROME 4.0 compétence / savoir
    codes map through the curated alignment (``data/alignment/``). An ESCO occupation or a ROME
    fiche names a job, not a skill: it is refused here (it works where a job family is asked).
    """
    identifier = identifier.strip()
    code = _ROME.match(identifier)
    if code and code.group(1):
        identifier = code.group(1).upper()  # "rome:h1507" and "H1507" are one code
    found = model.skills_for_external(identifier)
    if found:
        return [(a.concept, a.confidence) for a in found if a.concept in model.skills]
    if model.family_for_external(identifier):
        raise ExternalIdNotSupported(f"'{identifier}' names an occupation, not a skill: give it as the job family instead")
    raise ExternalIdNotSupported(f"no skill of the graph is aligned with '{identifier}' (see data/alignment/)")


# --- matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """What one profile line was matched to.

    ``iri`` is the matched skill (or topic, ``kind == "topic"``); ``label`` the label (or id) it
    matched, in ``lang``; ``confidence`` 0..1; ``method`` id | label-exact | label-fuzzy.
    """

    iri: str
    kind: str
    label: str
    lang: str | None
    confidence: float
    method: str

    @property
    def id(self) -> str:
        return short(self.iri)


class Matcher:
    """Matches free text to the skills and topics of a model (build once, match many lines).

    The labels' normalised forms come from the model's :func:`~.label_index.index_for`, built
    once per model: a matcher costs nothing to make, and matching a line costs the comparisons only.
    """

    def __init__(self, model: GapModel, threshold: float = MATCH_THRESHOLD) -> None:
        if not 0 <= threshold <= 1:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.model = model
        self.threshold = threshold
        self.index = index_for(model)

    def match(self, text: str) -> tuple[Match | None, str | None, tuple[Match, ...]]:
        """(match, reason when unmatched, nearest other candidates) for one line's text."""
        text = text.strip()
        if not text:
            return None, "empty skill", ()
        if is_external_id(text):
            try:
                iris = map_external_id(self.model, text)
            except ExternalIdNotSupported as exc:
                return None, str(exc), ()
            if not iris:
                return None, f"no skill of the graph is aligned with '{text}'", ()
            iri, confidence = iris[0]
            target = self.index.by_iri[iri]
            return Match(target.iri, target.kind, text, None, confidence, "external"), None, ()
        target = self.index.by_iri.get(text) or self.index.by_id.get(text.lower())
        if target is None and text.startswith(ID):
            target = self.index.by_id.get(text[len(ID):])
        if target is not None:
            return Match(target.iri, target.kind, short(target.iri), None, 1.0, "id"), None, ()
        if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
            return None, f"no skill or topic has the IRI <{text}>", ()
        folded = fold(text)
        if not folded:
            return None, "no letters or digits to match", ()
        exact = self.index.by_folded.get(folded)
        if exact is not None:
            target, label = exact
            return Match(target.iri, target.kind, label.text, label.lang, 1.0, "label-exact"), None, ()
        candidates = self._fuzzy(folded)
        if not candidates:
            return None, "no label shares a word with it", ()
        best, others = candidates[0], tuple(candidates[1:4])
        if best.confidence < self.threshold:
            return None, f"best candidate '{best.label}' scores {best.confidence:.2f}, below {self.threshold:.2f}", tuple(candidates[:3])
        if others and best.confidence - others[0].confidence < AMBIGUITY_MARGIN:
            return None, (
                f"ambiguous: '{best.label}' and '{others[0].label}' score {best.confidence:.2f} and "
                f"{others[0].confidence:.2f}; name the skill by its id or its full label"
            ), tuple(candidates[:3])
        return best, None, others

    def _fuzzy(self, folded: str) -> list[Match]:
        """The best :data:`_NEAREST` fuzzy candidates, best first (all that score above the floor, ranked).

        Only the first few candidates are ever shown, so the whole-string ratios (the costly part)
        are computed lazily, best bound first: every target gets a cheap upper bound of its score
        (exact word overlap, character-count bound of the ratio); the target with the highest bound
        gets a tighter one (the longest common subsequence), then, if still on top, its exact score.
        Scoring stops once no bound can reach the last kept candidate: the answer is the one a full
        scoring of every label gives (``tests/gaps/test_label_index.py`` checks it).
        """
        query = tokens(folded)
        same = {q: self.index.same_tokens(q) for q in query}
        anywhere = frozenset().union(*same.values())
        chars = Counter(folded)
        heap: list[tuple[float, int, bool, Target, list[tuple[float, float]]]] = []
        for order, target in enumerate(self.index.targets):
            scored = [
                (_token_score(query, same, anywhere, label), ratio_bound(len(folded), chars, len(label.folded), label.chars))
                for label in target.labels
            ]
            bound = _bound(scored)
            if bound > _CANDIDATE_FLOOR:  # otherwise no label of it can make it a candidate
                heap.append((-bound, order, False, target, scored))
        heapq.heapify(heap)
        kept: list[Match] = []
        while heap:
            negative, order, refined, target, scored = heapq.heappop(heap)
            if len(kept) >= _NEAREST and _confidence(-negative) < kept[_NEAREST - 1].confidence:
                break
            if not refined:
                scored = [
                    (overlap, min(bound, lcs_ratio_bound(folded, label)) if bound > overlap else bound)
                    for label, (overlap, bound) in zip(target.labels, scored, strict=True)
                ]
                bound = _bound(scored)
                if bound > _CANDIDATE_FLOOR:
                    heapq.heappush(heap, (-bound, order, True, target, scored))
                continue
            found = _score_target(folded, target, scored)
            if found is not None:
                kept.append(found)
                kept.sort(key=_rank)
        return kept[:_NEAREST]


def _bound(scored: Sequence[tuple[float, float]]) -> float:
    """An upper bound of a target's score from its labels' (word overlap, ratio bound)."""
    return max((max(pair) for pair in scored), default=0.0)


def _confidence(score: float) -> float:
    """A fuzzy score as a confidence: capped at 0.99 (only id and exact label reach 1), 3 decimals."""
    return round(min(score, 0.99), 3)


def _rank(match: Match) -> tuple[float, bool, str]:
    return -match.confidence, match.kind != "skill", match.iri


def _score_target(folded: str, target: Target, scored: Sequence[tuple[float, float]]) -> Match | None:
    """The target's best label (the first of the best scores) as a candidate, or None below the floor.

    ``scored`` holds each label's word-overlap score and the bound of its whole-string ratio: the
    ratio is computed only when the bound could beat both the overlap and the best label so far.
    """
    best_score, best = _CANDIDATE_FLOOR, None
    for label, (overlap, bound) in zip(target.labels, scored, strict=True):
        score = overlap
        if bound > max(overlap, best_score):
            score = max(overlap, SequenceMatcher(None, folded, label.folded).ratio())
        if score > best_score:
            best_score, best = score, label
    if best is None:
        return None
    return Match(target.iri, target.kind, best.text, best.lang, _confidence(best_score), "label-fuzzy")
