"""Gap answers and profiles accept ESCO URIs and ROME codes, through the curated alignment."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from skillgraph.errors import UnknownIdentifier
from skillgraph.gaps.model import ID, GapModel, load_model, resolve_family
from skillgraph.gaps.person import profile_gaps
from skillgraph.gaps.profiles import profile_from_text


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


@pytest.mark.parametrize("given", ["H1507", "rome:H1507", "https://w3id.org/skillgraph/rome/fiche/H1507"])
def test_a_rome_fiche_names_the_regulatory_affairs_family(model: GapModel, given: str) -> None:
    if given.startswith("rome:"):
        given = given.split(":", 1)[1]
    assert resolve_family(model, given) == ID + "job-family/regulatory-affairs"


def test_an_esco_occupation_names_the_data_jobs(model: GapModel) -> None:
    data = next(a for a in model.alignments if a.scheme == "EscoOccupations" and a.concept.endswith("/data-jobs"))
    assert resolve_family(model, data.code) == ID + "job-family/data-jobs"


def test_an_unaligned_code_is_an_unknown_family(model: GapModel) -> None:
    with pytest.raises(UnknownIdentifier, match="unknown job family 'Z9999'"):
        resolve_family(model, "Z9999")


def test_a_profile_in_esco_skills_and_rome_competences(model: GapModel) -> None:
    esco = next(a for a in model.alignments if a.scheme == "EscoSkills" and a.relation in {"ExactMatchRelation", "CloseMatchRelation"})
    rome = next(a for a in model.alignments if a.scheme == "RomeCompetences" and a.relation in {"ExactMatchRelation", "CloseMatchRelation"})
    csv = f"skill,level\n{esco.code},3\nrome:{rome.code},3\n"
    profile, report = profile_from_text(model, csv, "csv")
    matched = report.matched
    assert {o.match.iri for o in matched} == {esco.concept, rome.concept}
    assert all(o.match.method == "external" and 0 < o.match.confidence <= 1 for o in matched)


def test_an_occupation_in_a_skill_profile_is_reported_not_dropped(model: GapModel) -> None:
    profile, report = profile_from_text(model, "skill\nH1507\n", "csv")
    (line,) = report.outcomes
    assert line.match is None and "occupation, not a skill" in (line.reason or "")


def test_gaps_against_a_rome_code(model: GapModel) -> None:
    profile, _ = profile_from_text(model, "skill\nRéglementation du médicament\n", "csv")
    by_code = profile_gaps(model, profile, "H1507")
    by_id = profile_gaps(model, profile, "regulatory-affairs")
    assert by_code.family == by_id.family and len(by_code.gaps) == len(by_id.gaps) > 0
