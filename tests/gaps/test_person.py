"""Gaps of a person or a team for a job family, and team readiness per phase and job family."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.commands.profile import app
from skillgraph.gaps.model import ID, GapModel, load_model
from skillgraph.gaps.person import (
    Gap,
    ProfileGaps,
    held_share,
    knowledge_of,
    profile_gaps,
    requirement_units,
    resolve_family,
    resolve_phase,
    team_readiness,
)
from skillgraph.gaps.profiles import Profile, load_profile, profile_from_text
from skillgraph.errors import UnknownIdentifier

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
SKILL, TOPIC, PHASE, FAMILY = ID + "skill/", ID + "topic/", ID + "phase/", ID + "job-family/"
RA = FAMILY + "regulatory-affairs"


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


@pytest.fixture(scope="module")
def pharmacist(model: GapModel) -> Profile:
    return load_profile(model, EXAMPLES / "pharmacist-regulatory-affairs.csv")[0]


@pytest.fixture(scope="module")
def team(model: GapModel) -> Profile:
    return load_profile(model, EXAMPLES / "smt-team.csv")[0]


def _by_skill(result: ProfileGaps) -> dict[str, Gap]:
    return {g.skill[len(SKILL):]: g for g in result.gaps}


def test_pharmacist_lacks_device_and_digital_health_regulation(model: GapModel, pharmacist: Profile) -> None:
    result = profile_gaps(model, pharmacist, "regulatory-affairs", lang="en")
    gaps = _by_skill(result)
    # Drug regulation is held: it is missing from no gap.
    assert all(TOPIC + "drug-regulation" not in g.missing for g in result.gaps)
    # Medical-device regulation: the two regulation requirements, with their study lines.
    for skill, lines in (("pharma-md-health-data-regulation", (8108, 8112)), ("drug-md-regulations", (5925, 5927))):
        gap = gaps[skill]
        assert TOPIC + "medical-device-regulation" in gap.missing and gap.lines == lines
        assert 0 < gap.held_share < 1 and "Medical-device regulation" in gap.missing_labels
    assert gaps["pharma-md-health-data-regulation"].importance == "essential"
    # Digital-health regulation.
    for skill, lines in (("digital-health-regulatory-watch", (8096, 8098)), ("digital-health-law-training", (8136, 8136)),
                         ("registration-strategy-training", (8120, 8124))):
        assert TOPIC + "digital-health-regulation" in gaps[skill].missing and gaps[skill].lines == lines
        assert gaps[skill].new_for_smt
    # Regulation in general (a broader topic) comes with drug regulation: not a gap.
    assert "change-impact-analysis" not in gaps and "cross-indication-extension" not in gaps
    assert result.requirements == 16 and len(result.gaps) == 14


def test_gaps_carry_the_trainings_that_teach_them(model: GapModel, pharmacist: Profile) -> None:
    gaps = _by_skill(profile_gaps(model, pharmacist, "regulatory-affairs"))
    device = gaps["drug-md-regulations"]
    programmes = {p.programme[len(ID + "programme/"):] for p in device.providers}
    assert {"du-paris-descartes-affaires-reglementaires-dm", "du-toulouse-reglementation-ingenierie-dm"} <= programmes
    strasbourg = [p for p in device.providers if "strasbourg" in p.programme]
    assert strasbourg and strasbourg[0].availability == "option"
    # A drug-regulation-only module closes nothing missing: never offered.
    assert all(not p.module.endswith("/focus") for p in device.providers)
    assert all(p.share == 1.0 for p in device.providers)
    assert gaps["expert-collaboration"].providers == ()


def test_gaps_per_phase(model: GapModel, pharmacist: Profile) -> None:
    result = profile_gaps(model, pharmacist, "regulatory-affairs")
    assert list(result.by_phase) == [PHASE + p for p in ("conception", "realisation", "evaluation", "commercialisation")]
    rd = SKILL + "digital-health-rd"
    assert [p for p, gaps in result.by_phase.items() if any(g.skill == rd for g in gaps)] == [PHASE + "realisation"]
    assert len(result.by_phase[PHASE + "realisation"]) == 14 and len(result.by_phase[PHASE + "conception"]) == 13
    only = profile_gaps(model, pharmacist, "regulatory-affairs", phases=["Réalisation"])
    assert list(only.by_phase) == [PHASE + "realisation"] and len(only.gaps) == 14


def test_empty_profile_has_every_requirement_as_a_gap(model: GapModel) -> None:
    for text, fmt in (("person,skill,level\n", "csv"), ("[]", "json")):
        profile, _ = profile_from_text(model, text, fmt)
        for family in model.families.values():
            result = profile_gaps(model, profile, family.iri)
            assert len(result.gaps) == len(family.requirements) == result.requirements
            assert all(g.held_share == 0 for g in result.gaps)
            assert result.missing_weight == result.weight
            for gap in result.gaps:
                requirement = next(r for r in family.requirements if r.iri == gap.requirement)
                assert [u[1] for u in requirement_units(model, requirement)] == list(gap.missing)


def test_levels_below_the_minimum_are_gaps(model: GapModel) -> None:
    profile, _ = profile_from_text(model, "skill,level\nRéglementation des dispositifs médicaux,débutant\n", "csv")
    device = SKILL + "drug-md-regulations"
    assert device in {g.skill for g in profile_gaps(model, profile, "regulatory-affairs").gaps}
    gaps = {g.skill: g for g in profile_gaps(model, profile, "regulatory-affairs", min_level=1).gaps}
    assert gaps[device].missing == (TOPIC + "drug-regulation",)


def test_holding_a_skill_holds_its_requirement(model: GapModel) -> None:
    profile, _ = profile_from_text(model, "skill\npharma-md-health-data-regulation\n", "csv")
    assert SKILL + "pharma-md-health-data-regulation" not in {g.skill for g in profile_gaps(model, profile, "regulatory-affairs").gaps}
    knowledge = knowledge_of(model, profile)
    requirement = next(r for r in model.families[RA].requirements if r.skill.endswith("/pharma-md-health-data-regulation"))
    assert held_share(model, knowledge, requirement) == 1.0


def test_team_gaps_count_what_anyone_holds(model: GapModel, team: Profile) -> None:
    together = {g.skill for g in profile_gaps(model, team, "data-jobs").gaps}
    amina = {g.skill for g in profile_gaps(model, team, "data-jobs", person="Amina Diallo").gaps}
    hugo = {g.skill for g in profile_gaps(model, team, "data-jobs", person="Hugo Bernard").gaps}
    assert together <= amina and together <= hugo and together != amina
    with pytest.raises(UnknownIdentifier, match="unknown person 'Nobody'"):
        profile_gaps(model, team, "data-jobs", person="Nobody")


def test_families_and_phases_resolve_by_id_iri_label_and_order(model: GapModel) -> None:
    for value in ("regulatory-affairs", RA, "Affaires Réglementaires", "regulatory affairs"):
        assert resolve_family(model, value) == RA
    for value in ("evaluation", "3", PHASE + "evaluation", "Évaluation"):
        assert resolve_phase(model, value) == PHASE + "evaluation"
    with pytest.raises(UnknownIdentifier, match="unknown job family 'pharmacist'.*regulatory-affairs"):
        resolve_family(model, "pharmacist")
    with pytest.raises(UnknownIdentifier, match="unknown phase '9'"):
        resolve_phase(model, "9")


def test_team_readiness(model: GapModel, team: Profile) -> None:
    result = team_readiness(model, team)
    cells = {(c.phase[len(PHASE):], c.family[len(FAMILY):]): c for c in result.cells}
    data = cells["conception", "data-jobs"]
    assert data.covered and data.best_person == "Amina Diallo" and data.best_score >= 0.5
    assert set(data.scores) == {"Hugo Bernard", "Amina Diallo", "Léa Moreau"}
    assert cells["conception", "project-manager"].covered and cells["conception", "project-manager"].best_person == "Hugo Bernard"
    ux = cells["conception", "ux-ui-designer"]
    assert not ux.covered and ux.best_score < 0.5
    # Only families taking part in a phase are checked: UX/UI design is not in funding.
    assert ("financement", "ux-ui-designer") not in cells and ("financement", "market-access") in cells
    assert {short[len(FAMILY):] for short in result.uncovered_families} >= {"ux-ui-designer", "market-access", "regulatory-affairs"}
    assert FAMILY + "data-jobs" not in result.uncovered_families
    assert result.uncovered_phases == [PHASE + p for p in ("conception", "realisation", "evaluation", "financement", "commercialisation")]
    # Regulatory affairs: Léa holds less than half, the team together more.
    ra = cells["conception", "regulatory-affairs"]
    assert ra.best_person == "Léa Moreau" and ra.best_score < 0.5 < ra.team_score


def test_team_readiness_parameters(model: GapModel, team: Profile) -> None:
    result = team_readiness(model, team, phases=["financement"], families=["project-manager", "market-access"])
    assert [(c.phase, c.family, c.covered) for c in result.cells] == [
        (PHASE + "financement", FAMILY + "project-manager", True),
        (PHASE + "financement", FAMILY + "market-access", False),
    ]
    assert result.phase_ready == {PHASE + "financement": False}
    everyone = team_readiness(model, team, threshold=0.0)
    assert not everyone.uncovered and not everyone.uncovered_phases
    nobody = team_readiness(model, team, threshold=1.0)
    assert len(nobody.uncovered) == len(nobody.cells)
    with pytest.raises(ValueError):
        team_readiness(model, team, threshold=50)


def test_empty_team_covers_nothing(model: GapModel) -> None:
    profile, _ = profile_from_text(model, "[]", "json")
    result = team_readiness(model, profile)
    assert result.cells and all(not c.covered and c.best_person is None for c in result.cells)


def test_results_serialise_to_json(model: GapModel, pharmacist: Profile, team: Profile) -> None:
    gaps = profile_gaps(model, pharmacist, "regulatory-affairs").as_dict()
    assert json.loads(json.dumps(gaps))["gaps"][0]["lines"]
    readiness = team_readiness(model, team).as_dict(model, "en")
    assert json.loads(json.dumps(readiness))["phases"][0] == {"phase": "conception", "label": "Design", "ready": False}


# --- command line ---

runner = CliRunner()


def test_cli_gaps_table_and_json(built: tuple[Path, BuildReport]) -> None:
    args = ["gaps", str(EXAMPLES / "pharmacist-regulatory-affairs.json"), "--family", "regulatory-affairs", "--store", str(built[0])]
    table = runner.invoke(app, [*args, "--lang", "en"])
    assert table.exit_code == 0, table.output
    assert "Regulatory affairs: 14 gaps out of 16 requirements for Claire Martin" in table.stdout
    assert "Phase 2 · Development: 14 gaps" in table.stdout
    assert "(lines 8108-8112, new for SMT) — missing: Health data and GDPR, Medical-device regulation; held 33 %" in table.stdout
    as_json = runner.invoke(app, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    body = json.loads(as_json.stdout)
    assert body["matches"]["unmatched"] == 1 and body["gaps"]["gap_count"] == 14


def test_cli_team(built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(app, ["team", str(EXAMPLES / "smt-team.json"), "--phase", "1", "--store", str(built[0])])
    assert result.exit_code == 0, result.output
    assert "Phase 1 · Conception: NOT READY" in result.stdout and "Phase 2" not in result.stdout
    assert "Job families not covered in some phase:" in result.stdout and "ux-ui-designer" in result.stdout
    body = json.loads(runner.invoke(app, ["team", str(EXAMPLES / "smt-team.csv"), "-f", "json", "--store", str(built[0])]).stdout)
    assert "data-jobs" not in body["team"]["uncovered_families"]


def test_cli_unknown_family_is_an_error(built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(app, ["gaps", str(EXAMPLES / "smt-team.csv"), "--family", "nurse", "--store", str(built[0])])
    assert result.exit_code == 1 and result.stderr.startswith("error: unknown job family 'nurse'")
