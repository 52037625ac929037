"""The built graph says what the study says: counts and key facts, queried through SPARQL."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from skillgraph.catalogue import load_catalogue
from skillgraph.query import run_query

from .conftest import API, select

FAMILIES = {
    "project-manager", "ux-ui-designer", "medical-affairs", "regulatory-affairs", "quality",
    "market-access", "marketing-sales", "data-jobs", "technical-jobs", "software-developer",
}


def _ids(rows: list[dict[str, str]], key: str) -> set[str]:
    return {row[key].rsplit("/", 1)[-1] for row in rows}


def test_ten_job_families_each_with_bilingual_label(store: ox.Store) -> None:
    rows = select(store, """SELECT ?f WHERE { ?f a sg:JobFamily ;
        rdfs:label ?fr , ?en FILTER(lang(?fr) = "fr" && lang(?en) = "en") }""")
    assert _ids(rows, "f") == FAMILIES


def test_new_and_hard_to_recruit_families(store: ox.Store) -> None:
    new = select(store, "SELECT ?f WHERE { ?f sg:newToPharma true }")
    hard = select(store, "SELECT ?f WHERE { ?f sg:hardToRecruit true }")
    assert _ids(new, "f") == {"ux-ui-designer", "data-jobs", "software-developer"}
    assert _ids(hard, "f") == {"ux-ui-designer", "data-jobs", "software-developer"}


def test_jobs_inside_families(store: ox.Store) -> None:
    rows = select(store, "SELECT ?f ?j WHERE { ?f sg:hasJob ?j }")
    data = {r["j"].rsplit("/", 1)[-1] for r in rows if r["f"].endswith("data-jobs")}
    technical = [r for r in rows if r["f"].endswith("technical-jobs")]
    assert data == {"data-architect", "data-engineer", "data-scientist", "data-analyst"}
    assert len(technical) == 9


def test_five_ordered_phases(store: ox.Store) -> None:
    rows = select(store, """SELECT ?order ?label WHERE { ?p a sg:Phase ; sg:order ?order ; rdfs:label ?label
        FILTER(lang(?label) = "fr") } ORDER BY ?order""")
    assert [r["label"] for r in rows] == ["Conception", "Réalisation", "Évaluation", "Financement", "Commercialisation"]


def test_project_manager_takes_part_in_every_phase_and_each_phase_has_families(store: ox.Store) -> None:
    rows = select(store, "SELECT ?p WHERE { id:job-family/project-manager sg:takesPartIn ?p }")
    assert len(rows) == 5
    empty = select(store, "SELECT ?p WHERE { ?p a sg:Phase FILTER NOT EXISTS { ?f sg:takesPartIn ?p } }")
    assert empty == []


def test_phase_involvement_from_flattened_figures_is_marked_as_interpretation(store: ox.Store) -> None:
    rows = select(store, """SELECT ?status (COUNT(*) AS ?n) WHERE {
        ?f sg:hasPhaseInvolvement/sg:citation/sg:readingStatus ?status } GROUP BY ?status""")
    assert {r["status"].rsplit("#", 1)[-1] for r in rows} == {"InterpretedReading"}


def test_common_transverse_skills_apply_to_every_family(store: ox.Store) -> None:
    rows = select(store, """SELECT ?f (COUNT(DISTINCT ?s) AS ?n) WHERE {
        ?set a sg:CommonRequirementSet ; sg:hasRequirement/sg:requiresSkill ?s . ?f a sg:JobFamily ; sg:needsSkill ?s
    } GROUP BY ?f""")
    assert _ids(rows, "f") == FAMILIES and {r["n"] for r in rows} == {"3"}


def test_regulatory_affairs_needs_both_regulations_and_gdpr(store: ox.Store) -> None:
    rows = select(store, """SELECT DISTINCT ?t WHERE { id:job-family/regulatory-affairs sg:needsSkill/sg:hasTopic ?t }""")
    assert {"drug-regulation", "medical-device-regulation", "health-data", "cybersecurity", "digital-health"} <= _ids(rows, "t")


def test_market_access_knows_the_assessment_bodies(store: ox.Store) -> None:
    rows = select(store, """SELECT ?label WHERE { id:job-family/market-access sg:needsSkill ?s .
        ?s sg:hasTopic id:topic/market-access-bodies ; rdfs:label ?label FILTER(lang(?label) = "fr") }""")
    assert len(rows) == 1 and all(b in rows[0]["label"] for b in ("CNEDiMTS", "CEESP", "CEPS"))


def test_eight_regulatory_masters(store: ox.Store) -> None:
    rows = select(store, """SELECT ?p WHERE { ?p sg:programmeType sg:Master2 ; sg:preparesFor id:job-family/regulatory-affairs }""")
    assert len(rows) == 8


def _run_named(store: ox.Store, name: str, **values: str) -> list[dict[str, str]]:
    query = load_catalogue(API / "queries")[name]
    answer = run_query(store, query.text, substitutions=query.substitutions(values))
    names = [v.value for v in answer.value.variables]  # type: ignore[union-attr]
    return [{n: row[n].value for n in names if row[n] is not None} for row in answer.value]  # type: ignore[union-attr]


def test_half_the_masters_teach_device_regulation_strasbourg_only_as_a_choice(store: ox.Store) -> None:
    rows = _run_named(store, "regulatory-masters-device-digital")
    by_provider = {(r["provider"], r["label"][:20]): r["deviceRegulation"] for r in rows}
    assert len(rows) == 8
    assert sum(1 for v in by_provider.values() if v != "none") == 4
    assert {k[0] for k, v in by_provider.items() if v == "mandatory"} == {
        "Université Paris Saclay", "Université de Lille", "Université de Montpellier"}
    assert [k[0] for k, v in by_provider.items() if v == "exclusive-choice"] == ["Université de Strasbourg"]


def test_only_strasbourg_teaches_digital_health(store: ox.Store) -> None:
    rows = _run_named(store, "regulatory-masters-device-digital")
    teaching = [(r["provider"], r["digitalHealth"]) for r in rows if r["digitalHealth"] != "none"]
    assert teaching == [("Université de Strasbourg", "mandatory")]


def test_strasbourg_choice_is_exclusive_between_device_and_pharma_blocks(store: ox.Store) -> None:
    rows = select(store, """SELECT ?option ?units ?min ?max WHERE {
        ?p sg:hasChoiceGroup ?g . ?p sg:providedBy id:organisation/universite-strasbourg .
        ?g sg:minChoices ?min ; sg:maxChoices ?max ; sg:hasOption ?o . ?o sg:optionModule ?m .
        ?m sg:unitCount ?units ; sg:coversTopic ?option }""")
    assert {r["option"].rsplit("/", 1)[-1] for r in rows} == {"medical-device-regulation", "drug-regulation"}
    assert {(r["min"], r["max"], r["units"]) for r in rows} == {("1", "1", "3")}


def test_two_university_diplomas_with_four_modules_and_no_digital_health(store: ox.Store) -> None:
    rows = select(store, """SELECT ?p (COUNT(?m) AS ?n) WHERE { ?p sg:programmeType sg:UniversityDiploma ;
        sg:offersModule ?m } GROUP BY ?p""")
    assert len(rows) == 2 and {r["n"] for r in rows} == {"4"}
    digital = select(store, """SELECT ?m WHERE { ?p sg:programmeType sg:UniversityDiploma ; sg:offersModule ?m .
        ?m sg:coversTopic/skos:broader* ?t VALUES ?t { id:topic/digital-health id:topic/digital-health-regulation } }""")
    assert digital == []


def test_ux_ui_initial_training_providers(store: ox.Store) -> None:
    rows = select(store, """SELECT DISTINCT ?org ?type WHERE { ?p sg:programmeType sg:InitialTraining ;
        sg:preparesFor id:job-family/ux-ui-designer ; sg:providedBy ?org . ?org sg:providerType ?type }""")
    types = [r["type"].rsplit("#", 1)[-1] for r in rows]
    assert len(rows) == 14
    assert (types.count("PrivateSchool"), types.count("University"), types.count("EngineeringSchool")) == (10, 2, 2)


def test_ux_ui_continuing_training_bodies(store: ox.Store) -> None:
    rows = select(store, """SELECT DISTINCT ?org WHERE { ?p sg:programmeType sg:ContinuingTraining ;
        sg:preparesFor id:job-family/ux-ui-designer ; sg:providedBy ?org }""")
    assert len(rows) == 5


@pytest.mark.parametrize("topic", ["health-system", "patient-pathway", "regulation"])
def test_no_ux_ui_training_opens_onto_health(store: ox.Store, topic: str) -> None:
    lacking = _run_named(store, "programmes-lacking-topic", jobFamily="ux-ui-designer", topic=topic)
    all_ux = select(store, "SELECT ?p WHERE { ?p sg:preparesFor id:job-family/ux-ui-designer }")
    assert len(lacking) == len(all_ux) > 0


def test_engineering_programmes_bridge_drug_device_and_digital(store: ox.Store) -> None:
    rows = select(store, """SELECT ?p (GROUP_CONCAT(DISTINCT STRAFTER(STR(?t), "topic/")) AS ?topics) WHERE {
        ?p sg:programmeType ?type ; sg:offersModule/sg:coversTopic ?t
        VALUES ?type { sg:EngineeringTrack sg:Master1And2 } } GROUP BY ?p""")
    assert len(rows) == 2
    assert all("data-science" in r["topics"] for r in rows)


def test_three_smt_categories_and_named_solutions(store: ox.Store) -> None:
    categories = select(store, "SELECT ?c ?n WHERE { ?c a sg:SolutionCategory ; sg:order ?n }")
    assert sorted(r["n"] for r in categories) == ["1", "2", "3"]
    internal = select(store, """SELECT ?s WHERE { ?s sg:category ?c ; sg:digitalTherapeutic false . ?c sg:order 3 }""")
    assert len(internal) == 4


def test_ten_french_smt_companies(store: ox.Store) -> None:
    rows = select(store, """SELECT DISTINCT ?c WHERE { ?c sg:french true . ?s sg:developedBy ?c }""")
    assert len(rows) >= 10


def test_workforce_projection_reaches_377_new_jobs_in_2025(store: ox.Store) -> None:
    rows = select(store, """SELECT ?series ?value WHERE { ?series a sg:ProjectionSeries ; sg:dataPoint [ sg:year 2025 ; sg:value ?value ] }""")
    values = {r["series"].rsplit("/", 1)[-1]: float(r["value"]) for r in rows}
    assert 377.0 in values.values()
    assumptions = select(store, "SELECT ?v WHERE { ?a a sg:ProjectionAssumption ; sg:value ?v }")
    assert {42.0, 7.0, 30.0} <= {float(r["v"]) for r in assumptions}


def test_recommendations_to_training_bodies_target_regulatory_affairs(store: ox.Store) -> None:
    rows = select(store, """SELECT ?r WHERE { ?r sg:audience sg:TrainingBodiesAudience ;
        sg:targetsJobFamily id:job-family/regulatory-affairs }""")
    assert len(rows) >= 2


def test_every_fact_node_has_a_citation_in_the_study(store: ox.Store) -> None:
    rows = select(store, """SELECT (COUNT(?c) AS ?n) WHERE { ?x sg:citation ?c .
        ?c sg:inDocument id:source/aec-2020 ; sg:firstLine ?f ; sg:lastLine ?l FILTER(?f >= 1 && ?l <= 8973) }""")
    total = select(store, "SELECT (COUNT(?c) AS ?n) WHERE { ?x sg:citation ?c }")
    assert rows[0]["n"] == total[0]["n"] != "0"
