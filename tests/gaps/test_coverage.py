"""Coverage scores reproduce the study's conclusions, with reasons, from the graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from skillgraph.gaps.coverage import coverage, covered_share, providers_elsewhere
from skillgraph.gaps.model import ID, GapModel, Module, load_model

RA = ID + "job-family/regulatory-affairs"
STRASBOURG = ID + "programme/m2-strasbourg-reglementation-droit-pharmaceutique"
SACLAY = ID + "programme/m2-paris-saclay-affaires-reglementaires"
BORDEAUX = ID + "programme/m2-bordeaux-strategies-juridiques-economiques"


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


def test_model_holds_every_requirement_including_common_ones(model: GapModel) -> None:
    assert len(model.families) == 10
    assert all(len(f.requirements) >= 5 for f in model.families.values())
    common = {r.iri for f in model.families.values() for r in f.requirements if "common-requirements" in r.iri}
    assert len(common) == 3


def test_strasbourg_guarantees_less_than_it_makes_possible(model: GapModel) -> None:
    report = coverage(model, STRASBOURG, RA)
    assert report.overall.possible > report.overall.guaranteed
    assert [o.rsplit("/", 1)[-1] for o in report.chosen_options] == ["strasbourg-m2-option-dm"]
    device = [r for r in report.requirements if "medical-device-regulation" in
              {t.rsplit("/", 1)[-1] for t in model.skills[r.requirement.skill].topics}]
    assert device and all(r.possible > r.guaranteed for r in device)
    assert {t.availability for r in device for t in r.by if "bloc-reglementation-dm" in t.module} == {"option"}


def test_masters_with_a_device_module_beat_those_without(model: GapModel) -> None:
    with_module = coverage(model, SACLAY, RA).overall.guaranteed
    without = coverage(model, BORDEAUX, RA).overall.guaranteed
    assert with_module > without > 0  # Bordeaux still teaches drug regulation (its focus)


def test_regulatory_masters_ranked_strasbourg_first(model: GapModel) -> None:
    scores = {p: coverage(model, p, RA).overall.possible for p, prog in model.programmes.items()
              if RA in prog.prepares_for and prog.type == "Master2"}
    assert len(scores) == 8 and max(scores, key=scores.__getitem__) == STRASBOURG


def test_every_gap_has_source_lines_and_where_else_it_is_taught(model: GapModel) -> None:
    report = coverage(model, BORDEAUX, RA)
    assert report.gaps and all(g.requirement.lines[0] >= 1 for g in report.gaps)
    device_gap = next(g for g in report.gaps if "medical-device-regulation" in
                      {t.rsplit("/", 1)[-1] for t in model.skills[g.requirement.skill].topics})
    elsewhere = providers_elsewhere(model, device_gap.requirement, exclude=BORDEAUX)
    assert any("du-paris-descartes" in t.programme for t in elsewhere)


def test_scores_by_phase_only_use_the_familys_phases(model: GapModel) -> None:
    report = coverage(model, SACLAY, RA)
    assert set(report.by_phase) <= model.families[RA].phases
    assert all(0 <= s.guaranteed <= s.possible <= 1 for s in report.by_phase.values())


def test_covered_share_is_a_union_of_topics(model: GapModel) -> None:
    requirement = next(r for r in model.families[RA].requirements
                       if {"drug-regulation", "medical-device-regulation"} <= {t.rsplit("/", 1)[-1] for t in model.skills[r.skill].topics})
    n = len(model.skills[requirement.skill].topics)
    drug = Module("x", "p", "mandatory", topics={ID + "topic/drug-regulation"})
    device = Module("y", "p", "mandatory", topics={ID + "topic/medical-device-regulation"})
    assert covered_share(model, [drug], requirement) == pytest.approx(1 / n)
    assert covered_share(model, [drug, device], requirement) == pytest.approx(2 / n)
    regulation = Module("z", "p", "mandatory", topics={ID + "topic/regulation"})
    assert covered_share(model, [regulation], requirement) == 0  # broader teaching does not cover a narrower skill


def test_ux_ui_programmes_never_cover_the_health_system(model: GapModel) -> None:
    family = ID + "job-family/ux-ui-designer"
    for iri, programme in model.programmes.items():
        if family in programme.prepares_for:
            report = coverage(model, iri, family)
            health = [r for r in report.requirements if ID + "topic/health-system" in model.skills[r.requirement.skill].topics]
            assert health and all(r.possible == 0 for r in health)
