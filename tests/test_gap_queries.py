"""The named gap queries give the study's answers on the shipped data, through the catalogue."""

from __future__ import annotations

from itertools import groupby

import pyoxigraph as ox
import pytest

from skillgraph.catalogue import load_catalogue
from skillgraph.query import run_query

from .conftest import API, DATA, select

CATALOGUE = load_catalogue(API / "queries")
STUDY_LINES = len((DATA / "sources" / "aec-2020.txt").read_text(encoding="utf-8").splitlines())

QUERIES = [
    "programme-requirement-coverage", "programme-coverage-by-phase", "programmes-of-type-lacking-topic",
    "programmes-lacking-topic", "coverage-matrix", "programme-ranking-for-job-family", "job-card",
    "job-family-skills", "job-families-in-phase", "bridging-skills", "profile-gaps", "lookup",
    "programmes-for-job-family", "regulatory-masters-device-digital",
]
WITH_LINES = [  # the queries whose rows carry the study lines they are read from
    "programme-requirement-coverage", "programmes-of-type-lacking-topic", "programmes-lacking-topic", "job-card",
    "job-family-skills", "job-families-in-phase", "profile-gaps", "programmes-for-job-family",
]
STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"
SACLAY_AR = "m2-paris-saclay-affaires-reglementaires"
DU_DESCARTES = "du-paris-descartes-affaires-reglementaires-dm"
BORDEAUX = "m2-bordeaux-strategies-juridiques-economiques"


def run(store: ox.Store, name: str, **values: str) -> list[dict[str, str]]:
    """Rows of a named query, parameters bound as typed terms; each row as plain string values."""
    query = CATALOGUE[name]
    solutions = run_query(store, query.text, substitutions=query.substitutions(values)).value
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]  # type: ignore[union-attr]


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def by_skill(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {local(r["skill"]): r for r in rows}


def family_skills(store: ox.Store, family: str) -> set[str]:
    rows = select(store, f"SELECT ?s WHERE {{ id:job-family/{family} sg:needsSkill ?s }}")
    return {local(r["s"]) for r in rows}


# --- properties of every query ----------------------------------------------------------------


@pytest.mark.parametrize("name", QUERIES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_query_returns_rows_with_its_defaults_and_echoes_its_parameters(store: ox.Store, name: str, lang: str) -> None:
    rows = run(store, name, lang=lang)
    assert rows, f"{name} returned no row with its defaults"
    for param in CATALOGUE[name].params:  # the substitution reached the projection
        assert all(param.name in row for row in rows), param.name


@pytest.mark.parametrize("name", WITH_LINES)
def test_every_source_line_range_lies_in_the_study(store: ox.Store, name: str) -> None:
    rows = run(store, name)
    assert all(1 <= int(r["firstLine"]) <= int(r["lastLine"]) <= STUDY_LINES for r in rows)


def test_every_query_declares_lang_with_fr_and_en() -> None:
    for name in QUERIES:
        lang = {p.name: p for p in CATALOGUE[name].params}["lang"]
        assert (lang.type, lang.default, lang.enum) == ("language", "fr", ["fr", "en"]), name


# --- 1. programme-requirement-coverage ------------------------------------------------------


def test_strasbourg_covers_device_regulation_only_as_an_option(store: ox.Store) -> None:
    rows = by_skill(run(store, "programme-requirement-coverage", programme=STRASBOURG))
    assert rows["drug-md-regulations"]["status"] == "option"
    assert "Réglementation et Dispositifs Médicaux (option)" in rows["drug-md-regulations"]["coveringModules"]
    assert rows["digital-health-ecosystem"]["status"] == "guaranteed"  # its mandatory e-health module
    assert len(rows) == len(family_skills(store, "regulatory-affairs")) == 16


@pytest.mark.parametrize("programme", [SACLAY_AR, DU_DESCARTES], ids=["saclay-ar-master", "du-paris-descartes"])
def test_device_regulation_is_guaranteed_by_a_mandatory_module(store: ox.Store, programme: str) -> None:
    rows = by_skill(run(store, "programme-requirement-coverage", programme=programme))
    assert rows["drug-md-regulations"]["status"] == "guaranteed"
    assert rows["digital-health-ecosystem"]["status"] == "not-covered"  # neither teaches digital health


def test_a_programme_without_modules_covers_nothing(store: ox.Store) -> None:
    rows = run(store, "programme-requirement-coverage", programme=BORDEAUX)
    assert {r["status"] for r in rows} == {"not-covered"} and all(r["coveringModules"] == "" for r in rows)


def test_requirement_rows_say_why(store: ox.Store) -> None:
    rows = by_skill(run(store, "programme-requirement-coverage", programme=STRASBOURG, lang="en"))
    assert rows["digital-health-rd"]["phases"] == "Development"  # tied by the card to one phase
    assert rows["results-oriented"]["phases"] == "Design, Development, Evaluation, Commercialisation"
    regulations = rows["pharma-md-health-data-regulation"]
    assert (regulations["firstLine"], regulations["lastLine"]) == ("8108", "8112")
    assert "Medical-device regulation" in rows["drug-md-regulations"]["skillTopics"]


def test_a_programme_can_be_checked_against_another_family(store: ox.Store) -> None:
    rows = run(store, "programme-requirement-coverage", programme="master-numerique-sante", jobFamily="project-manager")
    assert {local(r["family"]) for r in rows} == {"project-manager"}
    assert set(by_skill(rows)) == family_skills(store, "project-manager")


def test_by_default_every_family_the_programme_prepares_for(store: ox.Store) -> None:
    rows = run(store, "programme-requirement-coverage", programme="master-numerique-sante")
    assert {local(r["family"]) for r in rows} == {"data-jobs", "technical-jobs"}


# --- 2. programme-coverage-by-phase ----------------------------------------------------------


def test_strasbourg_coverage_by_phase(store: ox.Store) -> None:
    rows = {local(r["phase"]): r for r in run(store, "programme-coverage-by-phase", programme=STRASBOURG)}
    assert set(rows) == {"conception", "realisation", "evaluation", "commercialisation"}
    # digital-health-rd (essential, 3) is tied to realisation; the other 15 requirements count everywhere
    assert (rows["realisation"]["requirements"], rows["realisation"]["totalWeight"]) == ("16", "32")
    assert (rows["conception"]["requirements"], rows["conception"]["totalWeight"]) == ("15", "29")
    # the device block is an option: possible (+4) but not guaranteed
    assert (rows["realisation"]["guaranteedWeight"], rows["realisation"]["possibleWeight"]) == ("19", "23")
    assert "Être orienté « résultats »" in rows["conception"]["notCovered"]


def test_a_core_only_programme_guarantees_all_it_offers(store: ox.Store) -> None:
    rows = run(store, "programme-coverage-by-phase", programme=SACLAY_AR)
    assert all(r["guaranteedShare"] == r["possibleShare"] for r in rows)
    assert all(0 < float(r["guaranteedShare"]) < 1 for r in rows)


def test_coverage_by_phase_against_a_family_in_every_phase(store: ox.Store) -> None:
    rows = run(store, "programme-coverage-by-phase", programme="master-numerique-sante", jobFamily="project-manager")
    assert [r["phaseOrder"] for r in rows] == ["1", "2", "3", "4", "5"]


# --- 3. programmes-of-type-lacking-topic (and programmes-lacking-topic) -----------------------


def test_seven_of_eight_regulatory_masters_teach_no_digital_health(store: ox.Store) -> None:
    rows = run(store, "programmes-of-type-lacking-topic")
    assert len(rows) == 7 and STRASBOURG not in {local(r["programme"]) for r in rows}


def test_half_the_regulatory_masters_teach_no_device_regulation(store: ox.Store) -> None:
    rows = run(store, "programmes-of-type-lacking-topic", topic="medical-device-regulation")
    assert {local(r["programme"]) for r in rows} == {
        BORDEAUX, "m2-lyon-pharmacie-industrielle-affaires-technico-reglementaires",
        "m2-paris-saclay-developpement-enregistrement", "m2-reims-chimie-substances-naturelles-medicament"}
    assert {r["modules"] for r in rows} == {"0"}


@pytest.mark.parametrize(("programme_type", "count"), [("InitialTraining", 14), ("ContinuingTraining", 16)])
def test_no_ux_ui_training_covers_the_health_system(store: ox.Store, programme_type: str, count: int) -> None:
    rows = run(store, "programmes-of-type-lacking-topic", programmeType=programme_type, jobFamily="ux-ui-designer",
               topic="health-system")
    assert len(rows) == count


def test_neither_university_diploma_teaches_digital_health_regulation(store: ox.Store) -> None:
    rows = run(store, "programmes-of-type-lacking-topic", programmeType="UniversityDiploma",
               topic="digital-health-regulation")
    assert {local(r["programme"]) for r in rows} == {DU_DESCARTES, "du-toulouse-reglementation-ingenierie-dm"}
    assert all(r["modules"] == "4" and r["note"] for r in rows)


def test_regulatory_programmes_of_any_type_without_digital_health(store: ox.Store) -> None:
    rows = run(store, "programmes-lacking-topic", jobFamily="regulatory-affairs", topic="digital-health")
    assert len(rows) == 9  # 7 masters and 2 DU


# --- 4. coverage-matrix ----------------------------------------------------------------------


def test_coverage_matrix_has_one_row_per_family_and_programme(store: ox.Store) -> None:
    rows = run(store, "coverage-matrix")
    families = select(store, "SELECT ?f WHERE { ?f a sg:JobFamily }")
    programmes = select(store, "SELECT DISTINCT ?p WHERE { ?p a sg:Programme ; sg:preparesFor ?f }")
    pairs = [(r["family"], r["programme"]) for r in rows]
    assert len(pairs) == len(set(pairs)) == len(families) * len(programmes) == 420
    for r in rows:
        assert 0 <= float(r["guaranteedShare"]) <= float(r["possibleShare"]) <= 1
        assert int(r["guaranteedWeight"]) <= int(r["possibleWeight"]) <= int(r["totalWeight"])
    prepared = select(store, "SELECT ?p ?f WHERE { ?p sg:preparesFor ?f }")
    assert sum(r["preparesFor"] == "true" for r in rows) == len(prepared)


def test_coverage_matrix_agrees_with_the_coverage_by_phase(store: ox.Store) -> None:
    matrix = run(store, "coverage-matrix")
    cell = next(r for r in matrix if local(r["programme"]) == STRASBOURG and local(r["family"]) == "regulatory-affairs")
    assert (cell["totalWeight"], cell["guaranteedWeight"], cell["possibleWeight"]) == ("32", "19", "23")


# --- 5. programme-ranking-for-job-family -------------------------------------------------------


def test_ranking_puts_device_regulation_programmes_above_bordeaux(store: ox.Store) -> None:
    ranking = [local(r["programme"]) for r in run(store, "programme-ranking-for-job-family")]
    assert len(ranking) == 10 and ranking[0] == STRASBOURG
    assert ranking.index(SACLAY_AR) < ranking.index(BORDEAUX)
    assert ranking.index(DU_DESCARTES) < ranking.index(BORDEAUX)


def test_ranking_is_by_possible_then_guaranteed_share(store: ox.Store) -> None:
    rows = run(store, "programme-ranking-for-job-family", onlyPreparing="false")
    keys = [(float(r["possibleShare"]), float(r["guaranteedShare"])) for r in rows]
    assert keys == sorted(keys, reverse=True) and len(rows) == 42
    assert "master-numerique-sante" in {local(r["programme"]) for r in rows if r["preparesFor"] == "false"}


# --- 6. job-card and job-family-skills -------------------------------------------------------


def test_job_card_in_card_order(store: ox.Store) -> None:
    rows = run(store, "job-card", lang="en")
    sections = [local(r["section"]) for r in rows]
    assert [k for k, _ in groupby(sections)] == [
        "mission", "activity", "profileSought", "recruitmentNote", "hasPhaseInvolvement"]
    activities = [r for r in rows if local(r["section"]) == "activity"]
    assert [r["position"] for r in activities] == ["1", "2", "3", "4", "5", "6"]
    assert activities[0]["text"].startswith("Defines a regulatory strategy")
    assert {r["reading"] for r in rows if local(r["section"]) == "hasPhaseInvolvement"} == {"Interpretation"}


def test_job_card_lists_the_jobs_of_a_family(store: ox.Store) -> None:
    rows = run(store, "job-card", jobFamily="data-jobs")
    assert {r["text"] for r in rows if local(r["section"]) == "hasJob"} == {
        "Data Engineer", "Data Scientist", "Data Analyst", "Data Architect"}


def test_job_family_skills_with_scope_topics_and_common_skills(store: ox.Store) -> None:
    rows = by_skill(run(store, "job-family-skills", lang="en"))
    assert set(rows) == family_skills(store, "regulatory-affairs")
    assert {s for s, r in rows.items() if r["common"] == "true"} == {
        "results-oriented", "development-process-oriented", "end-user-oriented"}
    assert rows["digital-health-ecosystem"]["scope"] == "Transversal"
    assert rows["pharma-md-health-data-regulation"]["scope"] == "Job-specific"
    assert "Medical-device regulation" in rows["pharma-md-health-data-regulation"]["topics"]
    assert rows["digital-health-rd"]["phase"] == "Development"


# --- 7. job-families-in-phase ----------------------------------------------------------------


def test_families_taking_part_in_funding(store: ox.Store) -> None:
    rows = run(store, "job-families-in-phase", phase="financement", lang="en")
    assert {local(r["family"]) for r in rows} == {"project-manager", "market-access", "marketing-sales"}
    assert all(r["interpretationNote"] for r in rows)  # read from flattened figures
    tied = {local(r["family"]): r["skillsTiedToPhase"] for r in rows}
    assert "funding" in tied["market-access"] and tied["project-manager"] == ""


@pytest.mark.parametrize("phase", ["conception", "realisation", "evaluation", "financement", "commercialisation"])
def test_project_manager_takes_part_in_every_phase(store: ox.Store, phase: str) -> None:
    assert "project-manager" in {local(r["family"]) for r in run(store, "job-families-in-phase", phase=phase)}


# --- 8. bridging-skills ----------------------------------------------------------------------


def test_digital_health_ecosystem_bridges_four_families(store: ox.Store) -> None:
    rows = by_skill(run(store, "bridging-skills", lang="en"))
    ecosystem = rows["digital-health-ecosystem"]
    assert ecosystem["families"] == "4" and ecosystem["common"] == "false"
    for family in ("Regulatory affairs", "Medical affairs", "Market access", "Marketing / sales"):
        assert family in ecosystem["familiesAndLines"]
    assert {s for s, r in rows.items() if r["families"] == "10"} == {
        "results-oriented", "development-process-oriented", "end-user-oriented"}


@pytest.mark.parametrize("least", [2, 4, 10])
def test_bridging_skills_are_needed_by_at_least_min_families(store: ox.Store, least: int) -> None:
    rows = run(store, "bridging-skills", minFamilies=str(least))
    assert rows and all(int(r["families"]) >= least for r in rows)


# --- 9. profile-gaps -------------------------------------------------------------------------


def test_a_profile_with_every_regulatory_skill_has_no_gap(store: ox.Store) -> None:
    profile = ", ".join(sorted(family_skills(store, "regulatory-affairs")))
    assert run(store, "profile-gaps", skills=profile) == []


def test_an_empty_profile_lacks_every_requirement(store: ox.Store) -> None:
    rows = run(store, "profile-gaps", skills="")
    assert {local(r["skill"]) for r in rows} == family_skills(store, "regulatory-affairs")
    assert {local(r["phase"]) for r in rows if local(r["skill"]) == "digital-health-rd"} == {"realisation"}
    assert {r["status"] for r in rows if local(r["skill"]) == "results-oriented"} == {"no-training"}


def test_a_profile_lacks_only_what_it_does_not_have(store: ox.Store) -> None:
    rows = run(store, "profile-gaps", skills="drug-md-regulations,results-oriented", jobFamily="ux-ui-designer")
    assert {local(r["skill"]) for r in rows} == family_skills(store, "ux-ui-designer") - {"results-oriented"}


def test_gaps_offer_continuing_courses_then_university_diplomas_first(store: ox.Store) -> None:
    rows = run(store, "profile-gaps", lang="en")
    order = {"Continuing training": 1, "University diploma (DU)": 2}
    for _, group in groupby(rows, key=lambda r: (r["phase"], r["skill"])):
        ranks = [order.get(r.get("typeLabel", ""), 3) for r in group]
        assert ranks == sorted(ranks)
    status = {local(r["programme"]): r["status"] for r in rows
              if "programme" in r and local(r["skill"]) == "drug-md-regulations"}
    assert (status[DU_DESCARTES], status[SACLAY_AR], status[STRASBOURG]) == ("guaranteed", "guaranteed", "option")


# --- 10. lookup ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["REGLEMENTAIRE", "reglementaire", "Réglementaire", "  réglementaire "])
def test_lookup_ignores_case_and_accents(store: ox.Store, text: str) -> None:
    rows = run(store, "lookup", text=text)
    ids = {r["id"] for r in rows}
    assert "regulatory-affairs" in ids and SACLAY_AR in ids
    assert all("glementaire" in r["matchedLabels"].lower() for r in rows)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [("SANTE DIGITALE", "fr", "digital-health"), ("DIGITAL-HEALTH ECOSYSTEM", "en", "digital-health-ecosystem"),
     ("cybersécurité", "fr", "cybersecurity"), ("Experience utilisateur", "fr", "ux-ui-designer")],
    ids=["fr-topic", "en-skill", "fr-accented-query", "fr-family"],
)
def test_lookup_finds_each_kind(store: ox.Store, text: str, lang: str, expected: str) -> None:
    assert expected in {r["id"] for r in run(store, "lookup", text=text, lang=lang)}
