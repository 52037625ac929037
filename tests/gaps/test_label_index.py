"""The label index of profile matching: built once per model and shared, and a matcher using it answers
exactly what a full scoring of every label answers (the straightforward algorithm, written out here)."""

from __future__ import annotations

import gc
import random
from collections import Counter
from difflib import SequenceMatcher

import pyoxigraph as ox
import pytest

from skillgraph.gaps.model import ID, GapModel, load_model
from skillgraph.gaps.profiles import Match, Matcher, fold, read_profile
from skillgraph.gaps.profiles import label_index as index_module
from skillgraph.gaps.profiles.label_index import index_for, lcs_ratio_bound, ratio_bound, tokens
from skillgraph.gaps.profiles.matching import AMBIGUITY_MARGIN, MATCH_THRESHOLD

from .test_profiles import EXAMPLES


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


# --- the index is built once per model ---


def test_matchers_of_one_model_share_its_index(model: GapModel) -> None:
    first = Matcher(model)
    assert Matcher(model, threshold=0.9).index is first.index is index_for(model)


def test_another_model_gets_its_own_index_and_a_dropped_model_frees_it(store: ox.Store, model: GapModel) -> None:
    other = load_model(store)
    index = index_for(other)
    assert index is not index_for(model)
    key = id(other)
    assert key in index_module._INDEXES
    del other, index
    gc.collect()
    assert key not in index_module._INDEXES


def test_word_lookups_are_remembered(model: GapModel) -> None:
    index = index_for(model)
    before = index.same_tokens.cache_info().hits
    assert index.same_tokens("reglementation") is index.same_tokens("reglementation")
    assert index.same_tokens.cache_info().hits == before + 1


# --- the bounds that let the matcher skip work are bounds ---


def _lcs(a: str, b: str) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def test_ratio_bounds_are_upper_bounds_and_lcs_is_exact(model: GapModel) -> None:
    rng = random.Random(11)
    labels = [label for target in index_for(model).targets for label in target.labels]
    words = sorted({word for label in labels for word in label.text.split()})
    for _ in range(300):
        label = rng.choice(labels)
        text = fold(" ".join(rng.sample(words, rng.randint(0, 3)) + [rng.choice(label.text.split())]))
        ratio = SequenceMatcher(None, text, label.folded).ratio()
        assert ratio_bound(len(text), Counter(text), len(label.folded), label.chars) >= ratio
        assert lcs_ratio_bound(text, label) >= ratio
        assert lcs_ratio_bound(text, label) == 2.0 * _lcs(text, label.folded) / (len(text) + len(label.folded))


# --- same answers as scoring every label ---


def _same_token(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.8)


def _token_score(query: tuple[str, ...], label: tuple[str, ...]) -> float:
    if not query or not label:
        return 0.0
    recall = sum(any(_same_token(q, t) for t in label) for q in query) / len(query)
    precision = sum(any(_same_token(q, t) for q in query) for t in label) / len(label)
    return 0.0 if recall == 0 or precision == 0 else 5 * precision * recall / (4 * precision + recall)


def _reference(model: GapModel, text: str, threshold: float) -> tuple[Match | None, str | None, tuple[Match, ...]]:
    """The fuzzy path, naively: every label of every skill then topic scored in full, then ranked."""
    folded = fold(text)
    topics = {iri for iri in model.labels if iri.startswith(ID + "topic/")} | set(model.ancestors)
    targets = [("skill", iri) for iri in sorted(model.skills)] + [("topic", iri) for iri in sorted(topics - set(model.skills))]
    candidates = []
    for kind, iri in targets:
        best = None
        for lang, label in sorted(model.labels.get(iri, {}).items()):
            score = max(_token_score(tokens(folded), tokens(fold(label))), SequenceMatcher(None, folded, fold(label)).ratio())
            if best is None or score > best[0]:
                best = (score, label, lang)
        if best is not None and best[0] > 0.3:
            candidates.append(Match(iri, kind, best[1], best[2], round(min(best[0], 0.99), 3), "label-fuzzy"))
    candidates.sort(key=lambda m: (-m.confidence, m.kind != "skill", m.iri))
    if not candidates:
        return None, "no label shares a word with it", ()
    best_match, others = candidates[0], tuple(candidates[1:4])
    if best_match.confidence < threshold:
        return None, "best candidate", tuple(candidates[:3])
    if others and best_match.confidence - others[0].confidence < AMBIGUITY_MARGIN:
        return None, "ambiguous", tuple(candidates[:3])
    return best_match, None, others


def _fuzzy_texts() -> list[str]:
    texts = ["ecosysteme sante digitale", "digital health ecosystem", "santé", "Communication et relations",
             "Savoir communiquer de façon synthétique et pertinente les résultats", "gestion projet agile",
             "réglementation des dispositifs", "data science", "Pharmacovigilance", "anglais courant"]
    for path in sorted(EXAMPLES.glob("*.csv")):
        texts += [line.skill for line in read_profile(path)]
    return list(dict.fromkeys(texts))


@pytest.mark.parametrize("threshold", [MATCH_THRESHOLD, 0.95], ids=["default-threshold", "strict"])
def test_matches_are_those_of_scoring_every_label(model: GapModel, threshold: float) -> None:
    matcher = Matcher(model, threshold)
    rng = random.Random(5)
    labels = sorted({text for by_lang in model.labels.values() for text in by_lang.values()})
    texts = _fuzzy_texts() + [" ".join(rng.sample(label.split(), max(1, len(label.split()) // 2))) for label in rng.sample(labels, 12)]
    checked = 0
    for text in texts:
        match, reason, nearest = matcher.match(text)
        if match is not None and match.method != "label-fuzzy":
            continue  # ids and exact labels do not score
        expected = _reference(model, text, threshold)
        assert (match, nearest) == (expected[0], expected[2]), text
        assert (reason or "").startswith(expected[1] or ""), text
        assert (reason is None) == (expected[1] is None), text
        checked += 1
    assert checked >= 15
