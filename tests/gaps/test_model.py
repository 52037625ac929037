"""The gap model's orderings: phases in the development order, lists by label."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from skillgraph.gaps.model import ID, GapModel, load_model

_PHASES = ["conception", "realisation", "evaluation", "financement", "commercialisation"]


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


def test_phases_sort_in_the_smt_development_order_unknown_ones_last(model: GapModel) -> None:
    known = sorted(model.phase_order, key=lambda p: model.phase_order[p])
    assert [p.rsplit("/", 1)[1] for p in known] == _PHASES
    assert model.in_phase_order([ID + "phase/unknown", *reversed(known)]) == [*known, ID + "phase/unknown"]
    assert model.phase_rank(known[0]) == 1 and model.phase_rank(ID + "phase/unknown") == 99


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lists_sort_by_label_in_the_language_case_ignored(model: GapModel, lang: str) -> None:
    ordered = model.by_label(reversed(sorted(model.families)), lang)
    labels = [model.label(f, lang).casefold() for f in ordered]
    assert labels == sorted(labels) and set(ordered) == set(model.families)
