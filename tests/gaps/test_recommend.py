"""Training recommendations: weighted set cover, greedy against exact and brute force."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.commands.profile import app
from skillgraph.gaps.model import ID, GapModel, load_model
from skillgraph.gaps.profiles import Profile, load_profile, profile_from_text
from skillgraph.gaps.recommend import (
    DEFAULT_COSTS,
    Candidate,
    CoverResult,
    exact_cover,
    greedy_cover,
    harmonic,
    recommend,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
PROGRAMME, TOPIC, SKILL = ID + "programme/", ID + "topic/", ID + "skill/"
DU = {PROGRAMME + "du-paris-descartes-affaires-reglementaires-dm", PROGRAMME + "du-toulouse-reglementation-ingenierie-dm"}
MASTERS = {"Master2", "Master1And2", "EngineeringTrack"}


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


@pytest.fixture(scope="module")
def pharmacist(model: GapModel) -> Profile:
    return load_profile(model, EXAMPLES / "pharmacist-regulatory-affairs.csv")[0]


# --- the shipped data ---


def test_pharmacist_gets_a_du_for_medical_devices_before_any_master(model: GapModel, pharmacist: Profile) -> None:
    result = recommend(model, pharmacist, "regulatory-affairs", lang="en")
    types = [p.type for p in result.picks]
    first_du = next(i for i, p in enumerate(result.picks) if p.programme in DU)
    first_master = next(i for i, t in enumerate(types) if t in MASTERS)
    assert first_du < first_master
    du = result.picks[first_du]
    assert TOPIC + "medical-device-regulation" in du.topics and du.type == "UniversityDiploma" and du.cost == 2
    # No later pick teaches medical-device regulation again.
    assert all(TOPIC + "medical-device-regulation" not in p.topics for p in result.picks[first_du + 1:])
    assert du.reason.startswith("covers ") and "Medical-device regulation" in du.reason
    assert f"for {len(du.requirements)} missing requirements at cost 2 (University diploma (DU))" in du.reason
    # Digital-health regulation comes from the only master that teaches it (Strasbourg's e-health module).
    strasbourg = next(p for p in result.picks if "strasbourg" in p.programme)
    assert TOPIC + "digital-health-regulation" in strasbourg.topics
    assert [m.rsplit("/", 1)[-1] for m in strasbourg.modules] == ["strasbourg-m2-esante-production"]


def test_what_no_training_teaches_is_reported(model: GapModel, pharmacist: Profile) -> None:
    result = recommend(model, pharmacist, "regulatory-affairs", lang="en")
    uncovered = {g.skill[len(SKILL):]: g for g in result.uncovered}
    assert uncovered["expert-collaboration"].topic_labels == ("Communication and relations",)
    assert uncovered["expert-collaboration"].lines == (8100, 8104)
    assert "results-oriented" in uncovered
    assert not result.blocked
    assert result.covered_units + sum(len(g.topics) for g in result.uncovered) == result.missing_units
    assert result.total_cost == sum(p.cost for p in result.picks)
    assert len({p.programme for p in result.picks}) == len(result.picks)


def test_french_reasons_and_equivalents(model: GapModel, pharmacist: Profile) -> None:
    result = recommend(model, pharmacist, "regulatory-affairs")
    ux = next(p for p in result.picks if p.type == "ContinuingTraining")
    assert ux.reason == "couvre Design UX / UI pour 1 exigence manquante au coût 1 (Formation continue)"
    assert len(ux.equivalents) >= 10 and ux.programme not in ux.equivalents


def test_exact_solver_on_the_pharmacist(model: GapModel, pharmacist: Profile) -> None:
    greedy = recommend(model, pharmacist, "regulatory-affairs")
    exact = recommend(model, pharmacist, "regulatory-affairs", solver="exact")
    assert exact.covered_units == greedy.covered_units
    assert exact.total_cost <= greedy.total_cost <= harmonic(greedy.missing_units) * exact.total_cost
    with pytest.raises(ValueError, match="unknown solver"):
        recommend(model, pharmacist, "regulatory-affairs", solver="ilp")


def test_costs_are_a_parameter(model: GapModel, pharmacist: Profile) -> None:
    result = recommend(model, pharmacist, "regulatory-affairs", costs={"UniversityDiploma": 50})
    assert result.costs["UniversityDiploma"] == 50 and result.costs["Master2"] == DEFAULT_COSTS["Master2"]
    device = next(p for p in result.picks if TOPIC + "medical-device-regulation" in p.topics)
    assert device.type == "Master2"


def test_exclusive_choice_takes_one_option(model: GapModel) -> None:
    # Knowing nothing: Strasbourg's options (drug law or medical devices) both teach something missing.
    profile, _ = profile_from_text(model, "[]", "json")
    result = recommend(model, profile, "regulatory-affairs", costs={"Master2": 0.5}, lang="en")
    strasbourg = [p for p in result.picks if "strasbourg" in p.programme]
    assert len(strasbourg) == 1 and len(strasbourg[0].options) == 1
    assert strasbourg[0].reason.endswith("of an exclusive choice")


def test_empty_profile_and_nothing_missing(model: GapModel) -> None:
    profile, _ = profile_from_text(model, "[]", "json")
    result = recommend(model, profile, "quality")
    assert result.missing_requirements == len(model.families[ID + "job-family/quality"].requirements)
    full = "skill\n" + "\n".join(r.skill for r in model.families[ID + "job-family/quality"].requirements)
    everything, _ = profile_from_text(model, full, "csv")
    nothing = recommend(model, everything, "quality")
    assert nothing.picks == [] and nothing.missing_units == 0 and nothing.total_cost == 0


def test_result_serialises(model: GapModel, pharmacist: Profile) -> None:
    body = json.loads(json.dumps(recommend(model, pharmacist, "regulatory-affairs").as_dict(model)))
    assert body["picks"][0]["programme"] == "du-toulouse-reglementation-ingenierie-dm"
    assert body["picks"][0]["modules"] and body["uncovered"][0]["lines"]


# --- the solvers ---


def _brute_force(elements: frozenset[int], candidates: list[Candidate]) -> tuple[int, float]:
    """(most elements coverable together, least cost to cover them) over every admissible subset."""
    best = (0, 0.0)
    for k in range(1, len(candidates) + 1):
        for subset in combinations(candidates, k):
            if len({c.group for c in subset}) < k:
                continue
            covered = len(elements & frozenset().union(*(c.covers for c in subset)))
            cost = sum(c.cost for c in subset)
            if covered > best[0] or (covered == best[0] and cost < best[1] - 1e-9):
                best = (covered, cost)
    return best


def _check(result: CoverResult, elements: frozenset[int], candidates: list[Candidate]) -> None:
    keys = {c.key: c for c in candidates}
    groups = [c.group for c in result.picks]
    assert len(groups) == len(set(groups)), "two candidates of one group"
    union = frozenset().union(*(keys[c.key].covers for c in result.picks)) & elements if result.picks else frozenset()
    assert result.covered == union
    assert result.cost == pytest.approx(sum(keys[c.key].cost for c in result.picks))
    assert all(step.new for step in result.steps)
    coverable = frozenset().union(*(c.covers for c in candidates)) & elements if candidates else frozenset()
    assert result.uncoverable == elements - coverable
    assert result.covered | result.blocked == coverable and not result.covered & result.blocked


@st.composite
def instances(draw: st.DrawFn) -> tuple[frozenset[int], list[Candidate]]:
    n = draw(st.integers(0, 7))
    elements = frozenset(range(n))
    count = draw(st.integers(0, 7))
    candidates = []
    for i in range(count):
        covers = draw(st.frozensets(st.integers(0, n + 1), max_size=n + 2))  # may name elements not asked for
        group = draw(st.sampled_from(["g0", "g1", "g2", f"solo{i}", f"solo{i}", f"solo{i}"]))
        cost = draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 5.0]))
        candidates.append(Candidate(f"c{i}", group, cost, covers))
    return elements, candidates


@settings(max_examples=300, deadline=None)
@given(instances())
def test_greedy_against_brute_force(instance: tuple[frozenset[int], list[Candidate]]) -> None:
    elements, candidates = instance
    most, least = _brute_force(elements, candidates)
    greedy = greedy_cover(elements, candidates)
    exact = exact_cover(elements, candidates)
    _check(greedy, elements, candidates)
    _check(exact, elements, candidates)
    # The exact solver finds the optimum.
    assert len(exact.covered) == most and exact.cost == pytest.approx(least)
    # The greedy covers as much, within H(n) of the optimal cost.
    assert len(greedy.covered) == most
    assert greedy.cost <= harmonic(most) * least + 1e-9


@settings(max_examples=200, deadline=None)
@given(instances())
def test_without_groups_greedy_covers_everything_coverable(instance: tuple[frozenset[int], list[Candidate]]) -> None:
    elements, candidates = instance
    solo = [Candidate(c.key, c.key, c.cost, c.covers) for c in candidates]
    result = greedy_cover(elements, solo)
    assert not result.blocked and result.covered == elements - result.uncoverable


def test_greedy_is_not_always_optimal_but_within_the_bound() -> None:
    # The classic case: one cheap set per element beats the big set the greedy likes.
    elements = frozenset(range(4))
    candidates = [
        Candidate("big", "big", 2.2, frozenset(range(4))),
        Candidate("a", "a", 1.0, frozenset({0, 1})),
        Candidate("b", "b", 1.0, frozenset({2, 3})),
    ]
    assert greedy_cover(elements, candidates).cost == 2.0  # ratio 0.5 beats 0.55
    candidates[0] = Candidate("big", "big", 1.9, frozenset(range(4)))
    assert [c.key for c in greedy_cover(elements, candidates).picks] == ["big"]


def test_one_candidate_per_group_blocks_elements() -> None:
    elements = frozenset({1, 2})
    candidates = [Candidate("p|a", "p", 1.0, frozenset({1})), Candidate("p|b", "p", 1.0, frozenset({2}))]
    for result in (greedy_cover(elements, candidates), exact_cover(elements, candidates)):
        assert len(result.covered) == 1 and len(result.blocked) == 1 and result.cost == 1.0
    # With another way to cover one of them, the greedy picks the option that leaves nothing blocked.
    candidates.append(Candidate("q", "q", 3.0, frozenset({1})))
    result = greedy_cover(elements, candidates)
    assert sorted(c.key for c in result.picks) == ["p|b", "q"] and not result.blocked


def test_solver_input_errors() -> None:
    with pytest.raises(ValueError, match="positive"):
        greedy_cover({1}, [Candidate("a", "a", 0.0, frozenset({1}))])
    with pytest.raises(ValueError, match="duplicate"):
        greedy_cover({1}, [Candidate("a", "a", 1.0, frozenset({1})), Candidate("a", "b", 1.0, frozenset({1}))])
    many = [Candidate(f"c{i}", f"c{i}", 1.0 + i, frozenset({i, i + 1})) for i in range(10)]
    with pytest.raises(ValueError, match="too many"):
        exact_cover(range(11), many, max_candidates=5)


def test_harmonic() -> None:
    assert harmonic(0) == 0 and harmonic(1) == 1 and harmonic(3) == pytest.approx(11 / 6)


# --- command line ---

runner = CliRunner()


def test_cli_recommend(built: tuple[Path, BuildReport]) -> None:
    args = ["recommend", str(EXAMPLES / "pharmacist-regulatory-affairs.csv"), "--family", "regulatory-affairs", "--store", str(built[0])]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "'Pharmacovigilance' [level 4] -> UNMATCHED" in result.stdout
    assert " 1. Regulation and engineering of medical devices — University diploma (DU), University of Toulouse" in result.stdout
    assert "Not taught by any training in the graph:" in result.stdout
    body = json.loads(runner.invoke(app, [*args, "-f", "json", "--exact", "--cost", "ContinuingTraining=1.5"]).stdout)
    assert body["recommendation"]["solver"] == "exact" and body["recommendation"]["costs"]["ContinuingTraining"] == 1.5
    bad = runner.invoke(app, [*args, "--cost", "Master2"])
    assert bad.exit_code == 1 and bad.stderr.startswith("error: --cost takes TYPE=NUMBER")
