"""The shipped alignment with ESCO and ROME 4.0 (``data/alignment/``), read through the built graph.

Targets and labels are checked against ``tests/align_slices/used_concepts.csv``, the complete list
of the ESCO URIs and ROME codes the alignment uses, extracted from the official files with
``skillgraph align snapshot``; a separate test checks that list against the full reference files
shipped under ``reference/`` (skipped when the folder is absent).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from skillgraph.align import ReferenceConcept, ReferenceIndex, check_alignment, load_alignment
from skillgraph.models.alignment import REFERENCE_PREFIXES, ReferenceScheme

from .conftest import DATA, select

USED = Path(__file__).parent / "align_slices" / "used_concepts.csv"
REFERENCE = Path(__file__).resolve().parents[1] / "reference"
ESCO_OCC = "http://data.europa.eu/esco/occupation/"
ROME_FICHE = REFERENCE_PREFIXES[ReferenceScheme.rome_fiche]
SKOS_MATCH = "skos:closeMatch|skos:exactMatch|skos:broadMatch|skos:narrowMatch|skos:relatedMatch"


def _listed() -> list[ReferenceConcept]:
    used = ReferenceIndex.from_concept_list(USED)
    return [c for scheme in used.schemes for c in used.concepts(scheme)]


@pytest.fixture(scope="module")
def alignment():  # type: ignore[no-untyped-def]
    return load_alignment(DATA)


def test_every_job_family_is_aligned_or_says_why(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?family (COUNT(DISTINCT ?a) AS ?mapped) (COUNT(DISTINCT ?n) AS ?refused) WHERE {
             ?family a sg:JobFamily .
             OPTIONAL { ?a a sg:Alignment ; sg:alignedConcept ?family }
             OPTIONAL { ?n a sg:NoAlignment ; sg:alignedConcept ?family ; skos:note ?why }
           } GROUP BY ?family""",
    )
    assert len(rows) == 10
    bare = [r["family"] for r in rows if r["mapped"] == "0" and r["refused"] == "0"]
    assert bare == []


def test_every_job_is_mapped_to_esco_and_rome(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?job (GROUP_CONCAT(DISTINCT STRAFTER(STR(?scheme), "#"); separator=" ") AS ?schemes) WHERE {
             ?family sg:hasJob ?job .
             OPTIONAL { ?a a sg:Alignment ; sg:alignedConcept ?job ; sg:referenceScheme ?scheme }
           } GROUP BY ?job""",
    )
    assert len(rows) == 13
    for row in rows:
        assert "EscoOccupations" in row["schemes"], row
        assert "RomeFiches" in row["schemes"] or "RomeAppellations" in row["schemes"], row


def test_every_skill_has_an_esco_mapping_or_a_no_match(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?skill WHERE {
             ?skill a sg:Skill .
             FILTER NOT EXISTS { ?a sg:alignedConcept ?skill ; sg:referenceScheme sg:EscoSkills }
           }""",
    )
    assert rows == []
    skills = select(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a sg:Skill }")
    assert skills == [{"n": "84"}]


def test_no_match_entries_say_why(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?concept ?scheme ?why WHERE {
             ?n a sg:NoAlignment ; sg:alignedConcept ?concept ; sg:referenceScheme ?scheme ; skos:note ?why
             FILTER(lang(?why) = "fr")
           }""",
    )
    by_concept = {(r["concept"].rsplit("/", 1)[1], r["scheme"].rsplit("#", 1)[1]): r["why"] for r in rows}
    assert "aucune occupation d’accès au marché" in by_concept[("market-access", "EscoOccupations")]
    medical = by_concept[("medical-affairs", "EscoOccupations")]
    assert "affaires médicales" in medical and "medical science liaison" in medical


def test_mapped_targets_exist_with_their_labels(alignment) -> None:  # type: ignore[no-untyped-def]
    """Every target and label of the shipped alignment is in the extract of the official files."""
    used = ReferenceIndex.from_concept_list(USED)
    assert check_alignment(alignment, used) == []
    mapped = {(m.scheme.value, m.target) for _, f in alignment for m in f.mappings}
    listed = {(c.scheme.value, c.target) for c in _listed()}
    assert mapped == listed, "regenerate with: skillgraph align snapshot -o tests/align_slices/used_concepts.csv"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference/ folder (compressed official files) is absent")
def test_used_concepts_match_the_full_reference_files() -> None:
    listed = _listed()
    full = ReferenceIndex.from_files(REFERENCE, schemes=sorted({c.scheme.value for c in listed}))
    checked = 0
    for row in listed:
        concept = full.get(row.scheme, row.target)
        if concept is None:
            # only the occupations added after ESCO v1.1.1 may be missing, when no v1.2 file is shipped
            assert (row.scheme, row.version) == (ReferenceScheme.esco_occupation, "1.2"), row
            assert not any("1.2" in str(p) for p in REFERENCE.rglob("occupations_*"))
            continue
        assert concept.label_fr == row.label_fr, row
        if concept.label_en:
            assert concept.label_en == row.label_en, row
        checked += 1
    assert checked >= len(listed) - 4


def test_alignment_ids_are_unique_and_one_line_per_target(alignment) -> None:  # type: ignore[no-untyped-def]
    ids = Counter(x.id for _, f in alignment for x in [*f.mappings, *f.no_match])
    assert [i for i, n in ids.items() if n > 1] == []
    pairs = Counter((m.family or m.job or m.skill, m.scheme, m.target) for _, f in alignment for m in f.mappings)
    assert [p for p, n in pairs.items() if n > 1] == []
    assert all(f.esco_version == "1.1.1" and f.rome_version == "4.0 v4.60" for _, f in alignment)


def test_regulatory_affairs_maps_to_h1507_and_h1509(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?code ?relation WHERE {
             ?a sg:alignedConcept id:job-family/regulatory-affairs ; sg:referenceScheme sg:RomeFiches ;
                sg:referenceCode ?code ; sg:matchRelation ?relation
           }""",
    )
    codes = {r["code"]: r["relation"].rsplit("#", 1)[1] for r in rows}
    assert {"H1507", "H1509"} <= set(codes)
    assert all(code.startswith("H150") for code in codes)  # the regulatory / quality fiches under H1502
    assert codes["H1507"] == "CloseMatchRelation"


def test_regulatory_affairs_esco_label_issue_is_stated(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?label ?note WHERE {
             ?a sg:alignedConcept id:job-family/regulatory-affairs ; sg:referenceScheme sg:EscoOccupations ;
                sg:alignmentTarget <http://data.europa.eu/esco/occupation/779d13be-60b4-48f3-a339-fe483be96c7f> ;
                sg:targetLabel ?label ; skos:note ?note
             FILTER(lang(?label) = "fr" && lang(?note) = "fr")
           }""",
    )
    assert len(rows) == 1
    assert rows[0]["label"] == "chef de service juridique"
    assert "trompeur" in rows[0]["note"] and "chef de service juridique" in rows[0]["note"]


@pytest.mark.parametrize(
    ("job", "uri", "relation"),
    [
        ("data-scientist", "258e46f9-0075-4a2e-adae-1ff0477e0f30", "exact"),
        ("data-analyst", "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2", "exact"),
        ("data-engineer", "2079755f-d809-49e6-8037-4de6180e54c0", "exact"),
        ("data-architect", "8d9ec84d-cf2d-4179-87bc-335cda54a427", "close"),
    ],
)
def test_data_jobs_map_to_their_esco_occupations(store: ox.Store, job: str, uri: str, relation: str) -> None:
    rows = select(
        store,
        f"""SELECT ?target WHERE {{ id:job/{job} skos:{relation}Match ?target
             FILTER(STRSTARTS(STR(?target), "{ESCO_OCC}")) }}""",
    )
    assert {r["target"] for r in rows} == {ESCO_OCC + uri}


def test_data_engineer_is_flagged_esco_v1_2_only(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?note WHERE { ?a sg:alignedConcept id:job/data-engineer ;
             sg:alignmentTarget <http://data.europa.eu/esco/occupation/2079755f-d809-49e6-8037-4de6180e54c0> ; skos:note ?note
             FILTER(lang(?note) = "en") }""",
    )
    assert len(rows) == 1 and "ESCO v1.2 only" in rows[0]["note"]


def test_skos_mappings_are_derived_for_sparql(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?family ?target WHERE {{
             ?family a sg:JobFamily ; {SKOS_MATCH} ?target
           }}""",
    )
    pairs = {(r["family"].rsplit("/", 1)[1], r["target"]) for r in rows}
    assert ("regulatory-affairs", ROME_FICHE + "H1507") in pairs
    assert ("regulatory-affairs", ESCO_OCC + "779d13be-60b4-48f3-a339-fe483be96c7f") in pairs
    assert ("ux-ui-designer", ROME_FICHE + "E1206") in pairs
    families = {family for family, _ in pairs}
    assert families == {
        "regulatory-affairs", "market-access", "medical-affairs", "quality", "ux-ui-designer",
        "data-jobs", "software-developer", "project-manager", "marketing-sales",
    }  # technical-jobs: mapped job by job, with a no_match for the family
    relations = select(
        store,
        "SELECT ?p (COUNT(*) AS ?n) WHERE { id:job-family/regulatory-affairs ?p ?t FILTER(STRSTARTS(STR(?p), STR(skos:))) } GROUP BY ?p",
    )
    assert {r["p"].rsplit("#", 1)[1] for r in relations} >= {"broadMatch", "closeMatch", "narrowMatch", "relatedMatch"}


def test_every_mapping_states_relation_confidence_and_method(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?method (COUNT(?a) AS ?n) (MIN(?c) AS ?min) (MAX(?c) AS ?max) WHERE {
             ?a a sg:Alignment ; sg:matchMethod ?method ; sg:confidence ?c ; sg:matchRelation ?r
           } GROUP BY ?method""",
    )
    by_method = {r["method"].rsplit("#", 1)[1]: r for r in rows}
    assert set(by_method) == {"CuratedMatch", "MatcherReviewedMatch"}
    assert all(0 < float(r["min"]) <= float(r["max"]) <= 1 for r in rows)
    assert sum(int(r["n"]) for r in rows) > 250
