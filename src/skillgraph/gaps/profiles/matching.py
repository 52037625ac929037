"""Matching a profile line's text to a skill or topic of the graph: by id, exact label or fuzzy label.

Also the accent- and case-folding of texts, and the extension point for external identifiers
(ESCO URIs, ROME codes), which go through the curated alignment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ...errors import ExternalIdNotSupported
from ..model import ID, GapModel, short

__all__ = ["AMBIGUITY_MARGIN", "MATCH_THRESHOLD", "Match", "Matcher", "fold", "is_external_id", "map_external_id"]

#: Confidence below which a line is reported unmatched.
MATCH_THRESHOLD = 0.6
#: A fuzzy match closer than this to the next candidate (another skill or topic) is ambiguous: unmatched.
AMBIGUITY_MARGIN = 0.02

_STOP_WORDS = frozenset(
    "a au aux avec ce ces d dans de des du en et l la le les leur leurs ou par pour sa se ses son sur un une "
    "etre avoir savoir the of and to in on for an with or its be have has as at by is are".split()
)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"})
_ESCO = re.compile(r"^https?://data\.europa\.eu/esco/", re.IGNORECASE)
_ROME = re.compile(r"^(?:rome[:\s-]*)?([A-N]\d{4}|\d{3,7})$|^https://w3id\.org/skillgraph/rome/", re.IGNORECASE)


def fold(text: str) -> str:
    """Text for comparison: no accents (NFKD), case-folded, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _tokens(folded: str) -> tuple[str, ...]:
    out = []
    for token in folded.split():
        if len(token) < 2 or token in _STOP_WORDS:
            continue
        if len(token) > 4 and token[-1] in "sx":
            token = token[:-1]
        out.append(token)
    return tuple(dict.fromkeys(out))


def _same_token(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.8)


def _token_score(query: Sequence[str], label: Sequence[str]) -> float:
    if not query or not label:
        return 0.0
    recall = sum(any(_same_token(q, t) for t in label) for q in query) / len(query)
    precision = sum(any(_same_token(q, t) for q in query) for t in label) / len(label)
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


@dataclass(frozen=True)
class _Target:
    iri: str
    kind: str
    labels: tuple[tuple[str, str, str, tuple[str, ...]], ...]  # (lang, label, folded, tokens)


class Matcher:
    """Matches free text to the skills and topics of a model (build once, match many lines)."""

    def __init__(self, model: GapModel, threshold: float = MATCH_THRESHOLD) -> None:
        if not 0 <= threshold <= 1:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.model = model
        self.threshold = threshold
        topics = {iri for iri in model.labels if iri.startswith(ID + "topic/")}
        topics |= set(model.ancestors)
        self._by_iri: dict[str, _Target] = {}
        for kind, iris in (("skill", sorted(model.skills)), ("topic", sorted(topics))):
            for iri in iris:
                labels = tuple(
                    (lang, text, fold(text), _tokens(fold(text)))
                    for lang, text in sorted(model.labels.get(iri, {}).items())
                )
                self._by_iri.setdefault(iri, _Target(iri, kind, labels))
        self._by_id: dict[str, _Target] = {}
        for target in self._by_iri.values():  # skills first: a skill id wins over a topic id
            self._by_id.setdefault(short(target.iri), target)
            self._by_id.setdefault(f"{target.kind}/{short(target.iri)}", target)

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
            target = self._by_iri[iri]
            return Match(target.iri, target.kind, text, None, confidence, "external"), None, ()
        target = self._by_iri.get(text) or self._by_id.get(text.lower())
        if target is None and text.startswith(ID):
            target = self._by_id.get(text[len(ID):])
        if target is not None:
            return Match(target.iri, target.kind, short(target.iri), None, 1.0, "id"), None, ()
        if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
            return None, f"no skill or topic has the IRI <{text}>", ()
        folded = fold(text)
        if not folded:
            return None, "no letters or digits to match", ()
        for target in self._by_iri.values():
            for lang, label, label_folded, _ in target.labels:
                if folded == label_folded:
                    return Match(target.iri, target.kind, label, lang, 1.0, "label-exact"), None, ()
        candidates = sorted(self._fuzzy(folded), key=lambda m: (-m.confidence, m.kind != "skill", m.iri))
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

    def _fuzzy(self, folded: str) -> Iterable[Match]:
        tokens = _tokens(folded)
        for target in self._by_iri.values():
            best: tuple[float, str, str] | None = None
            for lang, label, label_folded, label_tokens in target.labels:
                score = max(_token_score(tokens, label_tokens), SequenceMatcher(None, folded, label_folded).ratio())
                if best is None or score > best[0]:
                    best = (score, label, lang)
            if best is not None and best[0] > 0.3:
                yield Match(target.iri, target.kind, best[1], best[2], round(min(best[0], 0.99), 3), "label-fuzzy")
