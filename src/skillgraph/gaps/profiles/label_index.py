"""The normalised labels of a model's skills and topics, built once per model and shared by every match.

Matching a profile line compares it with every fr and en label (:mod:`.matching`). What depends
only on the labels — folded texts, tokens, character counts, the token vocabulary — is computed
here once per :class:`~skillgraph.gaps.model.GapModel` (one per release: the holder caches it),
not once per line or per profile. A model is treated as immutable once built, like the holder
treats it.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
import weakref
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..model import ID, GapModel, short

__all__ = ["IndexedLabel", "LabelIndex", "Target", "fold", "index_for", "lcs_ratio_bound", "ratio_bound", "tokens"]

_STOP_WORDS = frozenset(
    "a au aux avec ce ces d dans de des du en et l la le les leur leurs ou par pour sa se ses son sur un une "
    "etre avoir savoir the of and to in on for an with or its be have has as at by is are".split()
)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"})
#: Two tokens are the same word when their SequenceMatcher ratio reaches this.
_SAME_TOKEN_RATIO = 0.8
#: How many query words' look-ups a label index remembers.
_SAME_TOKENS_CACHE = 4096


def fold(text: str) -> str:
    """Text for comparison: no accents (NFKD), case-folded, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def tokens(folded: str) -> tuple[str, ...]:
    """The words of a folded text that carry meaning: stop words and 1-letter words dropped, plurals trimmed."""
    out = []
    for token in folded.split():
        if len(token) < 2 or token in _STOP_WORDS:
            continue
        if len(token) > 4 and token[-1] in "sx":
            token = token[:-1]
        out.append(token)
    return tuple(dict.fromkeys(out))


def ratio_bound(a_length: int, a_chars: Counter[str], b_length: int, b_chars: Counter[str]) -> float:
    """An upper bound of ``SequenceMatcher(None, a, b).ratio()`` (its ``quick_ratio``), from character counts.

    Computed with the same formula as the ratio (``2.0 * matches / total``) so that a bound below a
    threshold proves the ratio is below it too.
    """
    total = a_length + b_length
    if not total:
        return 1.0
    if len(a_chars) > len(b_chars):
        a_chars, b_chars = b_chars, a_chars
    common = sum(min(n, b_chars[c]) for c, n in a_chars.items() if c in b_chars)
    return 2.0 * common / total


def lcs_ratio_bound(text: str, label: IndexedLabel) -> float:
    """A tighter upper bound of ``SequenceMatcher(None, text, label.folded).ratio()``: the longest common subsequence.

    The ratio's matching blocks form a common subsequence, so their size is at most the LCS,
    computed here bit-parallel (Hyyrö 2004: one integer of ``len(label)`` bits, a few operations
    per character of ``text``) — several times cheaper than the ratio itself.
    """
    length = len(label.folded)
    total = len(text) + length
    if not total:
        return 1.0
    mask = (1 << length) - 1
    row = mask
    for char in text:
        matched = row & label.positions.get(char, 0)
        row = ((row + matched) | (row - matched)) & mask
    return 2.0 * (length - row.bit_count()) / total


@dataclass(frozen=True)
class IndexedLabel:
    """One label of a target, with what comparing it needs."""

    lang: str
    text: str
    folded: str
    tokens: tuple[str, ...]
    token_set: frozenset[str]
    chars: Counter[str]
    positions: dict[str, int]  # each character of ``folded``: the bit mask of where it occurs


@dataclass(frozen=True)
class Target:
    """A skill or topic that a line can match (``kind`` skill | topic), with its labels (sorted by language)."""

    iri: str
    kind: str
    labels: tuple[IndexedLabel, ...]


class LabelIndex:
    """The skills then topics of a model, by IRI, by id, by folded label, and the vocabulary of their labels."""

    def __init__(self, model: GapModel) -> None:
        topics = {iri for iri in model.labels if iri.startswith(ID + "topic/")}
        topics |= set(model.ancestors)
        by_iri: dict[str, Target] = {}
        for kind, iris in (("skill", sorted(model.skills)), ("topic", sorted(topics))):
            for iri in iris:
                if iri not in by_iri:
                    by_iri[iri] = Target(iri, kind, tuple(_indexed(lang, text) for lang, text in sorted(model.labels.get(iri, {}).items())))
        self.by_iri = by_iri
        #: Targets in matching order: skills first (sorted by IRI), then topics.
        self.targets: tuple[Target, ...] = tuple(by_iri.values())
        self.by_id: dict[str, Target] = {}
        for target in self.targets:  # skills first: a skill id wins over a topic id
            self.by_id.setdefault(short(target.iri), target)
            self.by_id.setdefault(f"{target.kind}/{short(target.iri)}", target)
        #: The first target and label (in matching order) of each folded label.
        self.by_folded: dict[str, tuple[Target, IndexedLabel]] = {}
        for target in self.targets:
            for label in target.labels:
                self.by_folded.setdefault(label.folded, (target, label))
        self._vocabulary = {token: Counter(token) for target in self.targets for label in target.labels for token in label.tokens}
        # People write the same words in many lines and profiles: remember the answers (bounded).
        self.same_tokens = functools.lru_cache(maxsize=_SAME_TOKENS_CACHE)(self._same_tokens)

    def _same_tokens(self, token: str) -> frozenset[str]:
        """The words of the labels that count as ``token`` (equal, or 4+ letters and ratio ≥ 0.8)."""
        found = {token} if token in self._vocabulary else set()
        if len(token) < 4:
            return frozenset(found)
        chars = Counter(token)
        for word, word_chars in self._vocabulary.items():
            if word == token or len(word) < 4:
                continue
            # The character-count bound rejects most words before the (costly) exact ratio.
            if ratio_bound(len(token), chars, len(word), word_chars) < _SAME_TOKEN_RATIO:
                continue
            if SequenceMatcher(None, token, word).ratio() >= _SAME_TOKEN_RATIO:
                found.add(word)
        return frozenset(found)


def _indexed(lang: str, text: str) -> IndexedLabel:
    folded = fold(text)
    words = tokens(folded)
    positions: dict[str, int] = {}
    for i, char in enumerate(folded):
        positions[char] = positions.get(char, 0) | (1 << i)
    return IndexedLabel(lang, text, folded, words, frozenset(words), Counter(folded), positions)


_LOCK = threading.Lock()
_INDEXES: dict[int, tuple[weakref.ref[GapModel], LabelIndex]] = {}


def index_for(model: GapModel) -> LabelIndex:
    """The label index of ``model``, built on first use and kept as long as the model lives."""
    key = id(model)
    with _LOCK:
        cached = _INDEXES.get(key)
        if cached is not None and cached[0]() is model:
            return cached[1]
    index = LabelIndex(model)  # outside the lock: two threads may build it once each, harmlessly
    with _LOCK:
        cached = _INDEXES.get(key)
        if cached is not None and cached[0]() is model:
            return cached[1]
        _INDEXES[key] = (weakref.ref(model, lambda _ref, key=key: _forget(key, _ref)), index)
    return index


def _forget(key: int, ref: weakref.ref[GapModel]) -> None:
    with _LOCK:
        if key in _INDEXES and _INDEXES[key][0] is ref:
            del _INDEXES[key]

