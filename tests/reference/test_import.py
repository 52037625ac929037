"""Importing slices of the official ESCO / ROME / crosswalk files: what the graphs say, and the store."""

from __future__ import annotations

import csv
import io
import lzma
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.build import build
from skillgraph.reference import GRAPHS, ImportReport, import_reference
from skillgraph.store import GRAPHS as STUDY_GRAPHS
from skillgraph.store import current_release

from ..conftest import DATA, ONTOLOGY
from .conftest import SLICES, ask, copy_store, graph_sizes, rows

PHARMACIST = "occupation:7c132147-428b-4ea3-87e1-70f7abb691ce"
SPECIALIST = "occupation:8db28ebf-8818-4639-aa49-30324901836e"
INDUSTRIAL = "occupation:53cdcc84-e5ee-488c-aa09-88084e06d6d7"
REGULATORY = "occupation:779d13be-60b4-48f3-a339-fe483be96c7f"


def _slice(relpath: str) -> list[dict[str, str]]:
    text = lzma.decompress((SLICES / (relpath + ".xz")).read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# -- ESCO -------------------------------------------------------------------------------------------
def test_esco_occupation_has_french_and_english_labels_code_and_isco_group(ref: ox.Store) -> None:
    found = rows(ref, f"""SELECT ?en ?fr ?code ?isco WHERE {{
        {PHARMACIST} a esco:Occupation , skos:Concept ; skos:prefLabel ?en , ?fr ; skos:notation ?code ;
            esco:memberOfISCOGroup ?isco .
        FILTER(lang(?en) = "en" && lang(?fr) = "fr") }}""")
    assert found == [{"en": "pharmacist", "fr": "pharmacien/pharmacienne", "code": "2262.1",
                      "isco": "http://data.europa.eu/esco/isco/C2262"}]
    alt = {r["alt"] for r in rows(ref, f'SELECT ?alt WHERE {{ {PHARMACIST} skos:altLabel ?alt FILTER(lang(?alt) = "fr") }}')}
    assert "pharmacien" in alt and "pharmacien/pharmacienne" not in alt  # the preferred label is not repeated
    assert ask(ref, f'ASK {{ {PHARMACIST} <http://purl.org/dc/terms/description> ?d FILTER(lang(?d) = "fr") }}')
    assert ask(ref, f"ASK {{ {PHARMACIST} skos:inScheme <http://data.europa.eu/esco/concept-scheme/occupations> }}")


def test_isco_groups_have_labels_codes_and_a_hierarchy(ref: ox.Store) -> None:
    found = rows(ref, """SELECT ?en ?fr ?code ?up WHERE {
        <http://data.europa.eu/esco/isco/C2262> a sg:IscoGroup ; skos:prefLabel ?en , ?fr ; skos:notation ?code ; skos:broader ?up .
        FILTER(lang(?en) = "en" && lang(?fr) = "fr") }""")
    assert found == [{"en": "Pharmacists", "fr": "Pharmaciens", "code": "2262", "up": "http://data.europa.eu/esco/isco/C226"}]
    assert ask(ref, f"ASK {{ {INDUSTRIAL} skos:broader {SPECIALIST} . {SPECIALIST} skos:broader {PHARMACIST} . "
                    f"{PHARMACIST} skos:broader/skos:broader/skos:broader/skos:broader <http://data.europa.eu/esco/isco/C2> }}")


def test_esco_skill_has_type_reuse_level_and_labels(ref: ox.Store) -> None:
    found = rows(ref, """SELECT ?type ?level ?en ?fr WHERE {
        skill:9fcf9918-fdef-49c3-aedc-518eb1e7e1f5 a esco:Skill ; esco:skillType ?type ; esco:skillReuseLevel ?level ;
            skos:prefLabel ?en , ?fr FILTER(lang(?en) = "en" && lang(?fr) = "fr") }""")
    assert found == [{"type": "http://data.europa.eu/esco/skill-type/skill",
                      "level": "http://data.europa.eu/esco/skill-reuse-level/cross-sector",
                      "en": "comply with legislation related to health care",
                      "fr": "respecter la législation dans le domaine de la santé"}]
    knowledge = rows(ref, 'SELECT ?type ?fr WHERE { skill:34d247a0-23da-42d4-872e-df4698c1d5c1 esco:skillType ?type ; skos:prefLabel ?fr FILTER(lang(?fr) = "fr") }')
    assert knowledge == [{"type": "http://data.europa.eu/esco/skill-type/knowledge", "fr": "droit pharmaceutique"}]


def test_essential_and_optional_relations_in_both_directions(ref: ox.Store) -> None:
    assert ask(ref, f"ASK {{ {PHARMACIST} esco:relatedEssentialSkill skill:0450eaee-1a00-4622-8f4e-5356fce816d2 . "
                    f"skill:0450eaee-1a00-4622-8f4e-5356fce816d2 esco:isEssentialSkillFor {PHARMACIST} . "
                    f"{PHARMACIST} esco:relatedOptionalSkill skill:13d96098-2ff0-46b8-b326-b7c0e18cc1f1 . "
                    f"skill:13d96098-2ff0-46b8-b326-b7c0e18cc1f1 esco:isOptionalSkillFor {PHARMACIST} }}")
    assert not ask(ref, f"ASK {{ {PHARMACIST} esco:relatedOptionalSkill skill:0450eaee-1a00-4622-8f4e-5356fce816d2 }}")
    relations = _slice("esco_v1.1.1/relations/occupationSkillRelations.csv")
    for predicate, kind in (("esco:relatedEssentialSkill", "essential"), ("esco:isOptionalSkillFor", "optional")):
        count = rows(ref, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a {predicate} ?b }}")[0]["n"]
        assert int(count) == sum(1 for r in relations if r["relationType"] == kind)


def test_skills_sit_in_the_skill_hierarchy(ref: ox.Store) -> None:
    groups = rows(ref, """SELECT DISTINCT ?group ?label WHERE {
        skill:34d247a0-23da-42d4-872e-df4698c1d5c1 skos:broader+ ?group . ?group a sg:EscoSkillGroup ; skos:prefLabel ?label
        FILTER(lang(?label) = "fr") }""")
    assert len(groups) >= 2 and all(g["label"] for g in groups)


# -- ROME -------------------------------------------------------------------------------------------
def test_rome_fiche_with_code_flags_and_appellations(ref: ox.Store) -> None:
    found = rows(ref, """SELECT ?label ?code ?ogr ?cadre ?num WHERE {
        fiche:J1202 a sg:RomeFiche ; skos:inScheme sg:RomeFiches ; skos:prefLabel ?label ; sg:romeCode ?code ; sg:ogrCode ?ogr ;
            sg:managerialJob ?cadre ; sg:digitalTransition ?num }""")
    assert found == [{"label": "Pharmacien / Pharmacienne", "code": "J1202", "ogr": "337", "cadre": "true", "num": "false"}]
    titles = rows(ref, "SELECT ?a ?main WHERE { ?a sg:appellationOf fiche:J1202 ; skos:broader fiche:J1202 ; sg:principalAppellation ?main } ORDER BY ?a")
    expected = {r["code_ogr"]: r["classification"] == "PRINCIPALE"
                for r in _slice("rome_4.0_v460/unix_referentiel_appellation_v460_utf8.csv") if r["code_rome"] == "J1202"}
    assert {t["a"].rsplit("/", 1)[1]: t["main"] == "true" for t in titles} == expected
    assert rows(ref, "SELECT ?short WHERE { appellation:140907 skos:altLabel ?short }") == [{"short": "Pharmacien(ne) responsable BPDO"}]


def test_parent_fiche(ref: ox.Store) -> None:
    assert ask(ref, "ASK { fiche:H1507 sg:parentFiche fiche:H1502 ; skos:broader fiche:H1502 }")
    assert not ask(ref, "ASK { fiche:H1502 sg:parentFiche ?p }")  # a fiche métier is its own parent: no link


def test_core_and_emerging_items(ref: ox.Store) -> None:
    assert ask(ref, "ASK { fiche:J1202 sg:coreItem competence:483422 ; sg:item competence:483422 }")
    assert ask(ref, "ASK { fiche:J1202 sg:item savoir:100161 ; sg:item <https://w3id.org/skillgraph/rome/context/23376> }")
    assert not ask(ref, "ASK { fiche:J1202 sg:coreItem savoir:100161 }")
    coherence = _slice("rome_4.0_v460/unix_coherence_item_v460_utf8.csv")
    for predicate, flag in (("sg:coreItem", "Principale"), ("sg:emergingItem", "Émergente")):
        count = int(rows(ref, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?f {predicate} ?i . ?f sg:item ?i }}")[0]["n"])
        assert count == sum(1 for r in coherence if r["coeur_metier"] == flag) > 0
    assert int(rows(ref, "SELECT (COUNT(*) AS ?n) WHERE { ?f sg:item ?i }")[0]["n"]) == len(coherence)
    # A macro-compétence can itself be a core item of a fiche.
    assert ask(ref, "ASK { ?f sg:coreItem ?m . ?m a sg:RomeMacroCompetence }")


def test_competences_savoirs_and_contexts(ref: ox.Store) -> None:
    found = rows(ref, """SELECT ?label ?sub WHERE { competence:483422 a sg:RomeCompetence ; skos:inScheme sg:RomeCompetences ;
        sg:competenceKind sg:SavoirFaire ; skos:prefLabel ?label ; sg:competenceSubcategory ?sub }""")
    assert found == [{"label": "Identifier et prévenir les erreurs médicamenteuses (interactions, contre-indications)", "sub": "Technique"}]
    savoir = rows(ref, "SELECT ?label ?cat WHERE { savoir:100161 a sg:RomeSavoir ; skos:prefLabel ?label ; sg:knowledgeCategory ?cat }")
    assert savoir == [{"label": "Toxicologie", "cat": "Domaines d'expertise"}]
    context = rows(ref, "SELECT ?label ?type WHERE { <https://w3id.org/skillgraph/rome/context/23376> a sg:RomeWorkContext ; skos:prefLabel ?label ; sg:workContextType ?type }")
    assert context == [{"label": "Travail les week-ends et jours fériés", "type": "Horaires et durée du travail"}]


def test_competence_tree_up_to_the_domain(ref: ox.Store) -> None:
    found = rows(ref, """SELECT ?macro ?code ?objective ?stake ?domain ?dlabel WHERE {
        competence:483422 skos:broader ?macro . ?macro a sg:RomeMacroCompetence ; sg:romeCode ?code ; skos:broader ?objective .
        ?objective a sg:RomeCompetenceObjective ; skos:broader ?stake . ?stake a sg:RomeCompetenceStake ; skos:broader ?domain .
        ?domain a sg:RomeCompetenceDomain ; skos:prefLabel ?dlabel }""")
    assert len(found) == 1
    row = found[0]
    assert row["macro"].endswith("/rome/macro-competence/300151")
    code = row["code"]
    assert row["objective"].endswith(f"/rome/objectif/{code[:3]}") and row["stake"].endswith(f"/rome/enjeu/{code[:2]}")
    assert row["domain"].endswith(f"/rome/domaine/{code[0]}") and row["dlabel"]


def test_mobilities_with_rank(ref: ox.Store) -> None:
    found = rows(ref, """SELECT ?target ?rank WHERE { fiche:H1206 sg:mobilityTo ?target ; sg:mobility ?m .
        ?m a sg:RomeMobility ; sg:mobilityTarget ?target ; sg:mobilityRank ?rank } ORDER BY ?rank""")
    expected = sorted((int(r["numero_ordre"]), r["code_rome_cible"])
                      for r in _slice("rome_4.0_v460/unix_rubrique_mobilite_v460_utf8.csv") if r["code_rome"] == "H1206")
    assert [(int(r["rank"]), r["target"].rsplit("/", 1)[1]) for r in found] == expected
    assert expected[0] == (1, "H1102")


def test_fiche_texts_in_order_with_apostrophes_restored(ref: ox.Store) -> None:
    definition = rows(ref, 'SELECT ?d WHERE { fiche:J1202 skos:definition ?d FILTER(lang(?d) = "fr") }')[0]["d"]
    lines = definition.split("\n")
    assert len(lines) == 6 and lines[0].startswith("Le pharmacien est un acteur essentiel") and "à l'hôpital" in lines[0]
    access = rows(ref, "SELECT ?a WHERE { fiche:J1202 sg:accessToJob ?a }")[0]["a"]
    assert access.startswith("Cet emploi est accessible avec un Diplôme d'État de Docteur en Pharmacie.")


# -- crosswalk --------------------------------------------------------------------------------------
def test_crosswalk_links_esco_occupations_to_rome_appellations(ref: ox.Store) -> None:
    assert ask(ref, f"ASK {{ {PHARMACIST} skos:exactMatch appellation:17676 ; skos:broadMatch appellation:17686 . "
                    f"{REGULATORY} skos:exactMatch appellation:12358 ; skos:closeMatch appellation:12343 }}")
    # Through the ROME graph: the ESCO occupation reaches its ROME fiche.
    fiches = rows(ref, f"SELECT DISTINCT ?f WHERE {{ {PHARMACIST} skos:exactMatch ?a . ?a sg:appellationOf ?f }}")
    assert fiches == [{"f": "https://w3id.org/skillgraph/rome/fiche/J1202"}]
    mapping = rows(ref, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPHS['crosswalk']}> {{ ?o ?rel ?a FILTER(STRSTARTS(STR(?a), 'https://w3id.org/skillgraph/rome/')) }} }}")
    assert int(mapping[0]["n"]) == 19


def test_each_graph_describes_its_source_licence_and_attribution(ref: ox.Store) -> None:
    found = {r["g"]: r for r in rows(ref, """SELECT ?g ?licence ?rights WHERE { GRAPH ?g { ?d a <http://rdfs.org/ns/void#Dataset> ;
        <http://purl.org/dc/terms/license> ?licence ; <http://purl.org/dc/terms/rights> ?rights } }""")}
    assert set(found) == set(GRAPHS.values())
    assert "This service uses the ESCO classification of the European Commission" in found[GRAPHS["esco"]]["rights"]
    assert "Licence Ouverte / Etalab 2.0" in found[GRAPHS["rome"]]["rights"]
    files = rows(ref, f"SELECT ?id WHERE {{ GRAPH <{GRAPHS['rome']}> {{ ?f <http://purl.org/dc/terms/identifier> ?id }} }}")
    assert len(files) == 10


# -- the store --------------------------------------------------------------------------------------
def test_report_counts_quads_and_records(imported: tuple[Path, ImportReport]) -> None:
    root, report = imported
    sizes = graph_sizes(root)
    assert report.quads == {part: sizes[GRAPHS[part]] for part in GRAPHS}
    assert report.rows["esco_v1.1.1/en/occupations_en.csv"] == 4
    assert report.rows["crosswalk_esco_rome/FR_20230607_mapping_esco_rome.csv"] == 19
    assert report.release == current_release(root) and report.total_seconds > 0


def test_study_graphs_are_kept(imported: tuple[Path, ImportReport], study_store: Path) -> None:
    before, after = graph_sizes(study_store), graph_sizes(imported[0])
    for graph in STUDY_GRAPHS.values():
        assert after[graph.value] == before[graph.value] > 0


def test_reimport_is_idempotent(imported: tuple[Path, ImportReport], tmp_path: Path) -> None:
    root = copy_store(imported[0], tmp_path / "store")
    before = graph_sizes(root)
    first = current_release(root)
    report = import_reference(root, SLICES)
    assert report.release != first
    assert graph_sizes(root) == before


def test_a_rebuild_keeps_the_reference_graphs(imported: tuple[Path, ImportReport], tmp_path: Path) -> None:
    root = copy_store(imported[0], tmp_path / "store")
    before = graph_sizes(root)
    build(ONTOLOGY, DATA, root)
    after = graph_sizes(root)
    for part in GRAPHS.values():
        assert after[part] == before[part] > 0
    assert after[STUDY_GRAPHS["study"].value] == before[STUDY_GRAPHS["study"].value]


def test_import_into_a_store_where_nothing_was_built(tmp_path: Path) -> None:
    root = tmp_path / "store"
    report = import_reference(root, SLICES, parts=("rome",))
    assert set(graph_sizes(root)) == {GRAPHS["rome"]}
    assert report.quads["rome"] > 1000 and set(report.quads) == {"rome"}
    # Importing another part later keeps the first one.
    import_reference(root, SLICES, parts=("crosswalk",))
    assert set(graph_sizes(root)) == {GRAPHS["rome"], GRAPHS["crosswalk"]}


def test_progress_is_reported(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    import_reference(tmp_path / "store", SLICES, parts=("esco",), progress=lambda d, t, w: calls.append((d, t, w)))
    assert calls and all(0 <= d <= t for d, t, _ in calls)
    assert calls[-1][0] == calls[-1][1] and calls[-1][2] == "loading esco into the store"
    assert any(w.startswith("reading esco_v1.1.1/relations/") for _, _, w in calls)


def test_an_unknown_part_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown reference part"):
        import_reference(tmp_path / "store", SLICES, parts=("isco",))


@pytest.mark.parametrize(("parts", "copied"), [(("crosswalk",), True), (("rome",), False)])
def test_reimport_keeps_every_other_graph_whichever_way_the_release_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: tuple[str, ...], copied: bool
) -> None:
    """Small replacements copy the release in service and clear; big ones start empty and copy the rest."""
    import skillgraph.reference as reference
    from skillgraph.store import Release, load_into_new_release

    root = tmp_path / "store"
    import_reference(root, SLICES)
    mine = tmp_path / "mine.ttl"
    mine.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", encoding="utf-8")
    load_into_new_release(root, mine, "https://example.org/graph/mine")
    before = graph_sizes(root)
    starts: list[bool] = []

    def spy(root: Path, copy_of: Path | None = None) -> Release:
        starts.append(copy_of is not None)
        return Release(root, copy_of=copy_of)

    monkeypatch.setattr(reference, "Release", spy)
    import_reference(root, SLICES, parts=parts)
    assert starts == [copied]
    assert graph_sizes(root) == before
