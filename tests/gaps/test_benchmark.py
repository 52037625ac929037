"""A programme against its peers: the study's comparisons of regulatory masters and UX/UI trainings."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.commands.report import app
from skillgraph.gaps.benchmark import benchmark, family_topics
from skillgraph.errors import ReportError
from skillgraph.errors import UnknownIdentifier
from skillgraph.gaps.model import ID, GapModel, load_model

RA = ID + "job-family/regulatory-affairs"
UX = ID + "job-family/ux-ui-designer"
STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"
WITH_DEVICE_MODULE = {
    "m2-strasbourg-reglementation-droit-pharmaceutique",
    "m2-paris-saclay-affaires-reglementaires",
    "m2-lille-affaires-reglementaires-europeennes-internationales",
    "m2-montpellier-environnement-reglementaire-international",
}

runner = CliRunner()


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def test_strasbourg_ranks_first_of_the_eight_regulatory_masters(model: GapModel) -> None:
    result = benchmark(model, STRASBOURG)
    assert result.family == RA and result.programme_type == "Master2"
    assert result.n_peers == 8
    assert result.me.rank_possible == 1 and result.me.rank_guaranteed == 1
    assert result.me.guaranteed < result.me.possible
    assert result.peers[0].programme == result.programme
    assert "1er rang sur 8" in result.sentence_fr and "ranks 1st of 8" in result.sentence_en


def test_regulatory_topics_best_and_median(model: GapModel) -> None:
    regulatory = benchmark(model, STRASBOURG, subtree="regulation", basis="possible")
    assert {_short(t) for t in regulatory.topics} == {
        "regulation", "drug-regulation", "medical-device-regulation", "digital-health-regulation"}
    assert regulatory.covered == 4 == regulatory.best_topics
    assert regulatory.median_topics == 2.5
    assert "4 des 4 thèmes" in regulatory.sentence_fr and "la médiane 2,5" in regulatory.sentence_fr
    assert "covers 4 of the 4 topics" in regulatory.sentence_en
    guaranteed = benchmark(model, STRASBOURG, subtree="regulation")
    assert guaranteed.covered == 3  # the device block is one side of an exclusive choice


@pytest.mark.parametrize("basis, expected", [("possible", WITH_DEVICE_MODULE),
                                              ("guaranteed", WITH_DEVICE_MODULE - {STRASBOURG})])
def test_masters_with_a_device_module_beat_those_without_on_the_device_topic(
    model: GapModel, basis: str, expected: set[str]
) -> None:
    result = benchmark(model, "m2-bordeaux-strategies-juridiques-economiques",
                       subtree="medical-device-regulation", basis=basis)  # type: ignore[arg-type]
    assert len(result.topics) == 1 and result.n_peers == 8
    covering = {_short(p.programme) for p in result.peers if p.covered_topics}
    assert covering == expected
    without = {_short(p.programme) for p in result.peers} - WITH_DEVICE_MODULE
    assert len(without) == 4 and not covering & without
    assert result.covered == 0
    if basis == "possible":
        assert "4 formations sur 8 le couvrent" in result.sentence_fr


@pytest.mark.parametrize("topic", ["health-system", "patient-pathway"])
@pytest.mark.parametrize("programme, peers", [("ux-initial-hetic", 14), ("ux-cont-pyramyd-ux-design", 16)])
def test_no_ux_ui_programme_covers_the_health_system_or_patient_pathway(
    model: GapModel, topic: str, programme: str, peers: int
) -> None:
    for basis in ("guaranteed", "possible"):
        result = benchmark(model, programme, subtree=topic, basis=basis)  # type: ignore[arg-type]
        assert result.family == UX and result.n_peers == peers
        assert [_short(t) for t in result.topics] == [topic]
        assert result.best_topics == 0 and result.median_topics == 0
        assert all(count == 0 for count in result.topic_counts().values())
    assert "none of the" in result.sentence_en and "aucune des" in result.sentence_fr


def test_family_topics_are_the_topics_of_the_required_skills(model: GapModel) -> None:
    topics = family_topics(model, RA)
    skills = {t for r in model.families[RA].requirements for t in model.skills[r.skill].topics}
    assert set(topics) == skills
    assert set(family_topics(model, RA, ID + "topic/regulation")) < set(topics)


def test_errors_name_the_problem(model: GapModel) -> None:
    with pytest.raises(ReportError, match="several job families"):
        benchmark(model, "master-numerique-sante")
    assert benchmark(model, "master-numerique-sante", family="data-jobs").n_peers == 1
    with pytest.raises(UnknownIdentifier, match="unknown programme 'm2-nowhere'"):
        benchmark(model, "m2-nowhere")
    with pytest.raises(UnknownIdentifier, match="unknown topic"):
        benchmark(model, STRASBOURG, subtree="regul")


def test_cli_benchmark(built: tuple[Path, BuildReport]) -> None:
    store = str(built[0])
    result = runner.invoke(app, ["benchmark", "--programme", STRASBOURG, "--topic", "regulation", "--store", store])
    assert result.exit_code == 0, result.output
    assert "1er rang sur 8" in result.stdout and "*Réglementation et droit pharmaceutique" in result.stdout
    result = runner.invoke(app, ["benchmark", "--programme", STRASBOURG, "--format", "json", "--lang", "en",
                                 "--store", store])
    assert result.exit_code == 0 and '"rank_possible": 1' in result.stdout
    result = runner.invoke(app, ["benchmark", "--programme", "master-numerique-sante", "--store", store])
    assert result.exit_code == 1 and result.stderr.startswith("error: ") and "several job families" in result.stderr
