"""The candidate matcher and the ``align`` commands, on small slices of the official ESCO / ROME files.

``tests/align_slices/official/`` holds a handful of rows of each official layout (ESCO v1.1.1
occupations and skills, the ESCO v1.2 French occupations, the merged French skill labels, ROME 4.0
v4.60 fiches, appellations, definitions, compétences and savoirs), some of them compressed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillgraph.align import (
    AlignmentError,
    ReferenceIndex,
    check_alignment,
    normalise,
    rank_candidates,
    tokens,
    write_concept_list,
)
from skillgraph.commands.align import app
from skillgraph.models.alignment import AlignmentFile, ReferenceScheme

from .conftest import DATA

SLICES = Path(__file__).parent / "align_slices" / "official"
ESCO_OCC = "http://data.europa.eu/esco/occupation/"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
DATA_SCIENTIST = ESCO_OCC + "258e46f9-0075-4a2e-adae-1ff0477e0f30"
DATA_ENGINEER = ESCO_OCC + "2079755f-d809-49e6-8037-4de6180e54c0"
REGULATORY_AFFAIRS_MANAGER = ESCO_OCC + "779d13be-60b4-48f3-a339-fe483be96c7f"
FIELDS = {"prefLabel", "altLabel", "description"}

runner = CliRunner()


@pytest.fixture(scope="module")
def index() -> ReferenceIndex:
    return ReferenceIndex.from_files(SLICES)


# -- text normalisation -------------------------------------------------------------------------


def test_normalise_is_accent_and_case_insensitive() -> None:
    assert normalise("Ingénieure QUALITÉ") == "ingenieure qualite"
    assert normalise("Chargé / Chargée d’affaires réglementaires") == "charge chargee d affaires reglementaires"
    assert normalise("Cœur de MÉTIER") == "coeur de metier"


def test_tokens_drop_stop_words_and_meet_plural_and_feminine() -> None:
    assert tokens("la protection des données") == tokens("Protection donnée")
    assert tokens("ingénieure") == tokens("Ingénieur")
    assert tokens("le de la des and the of") == []


# -- reading the official layouts -----------------------------------------------------------------


def test_index_reads_plain_and_compressed_layouts(index: ReferenceIndex) -> None:
    assert {s.value for s in index.schemes} == {
        "esco-occupation", "esco-skill", "rome-fiche", "rome-appellation", "rome-competence", "rome-savoir",
    }
    scientist = index.get("esco-occupation", DATA_SCIENTIST)
    assert scientist is not None
    assert scientist.label_fr == "scientifique des données"
    assert scientist.label_en == "data scientist"  # read from occupations_en.csv.gz
    assert "data engineer" in scientist.alt_labels
    architect = index.get("rome-fiche", "M1868")
    assert architect is not None and "Data architect" in architect.alt_labels  # appellations .csv.xz
    assert architect.parent == "M1802"
    assert index.get("rome-appellation", "509606").parent == "M1868"  # type: ignore[union-attr]
    h1507 = index.get("rome-fiche", "H1507")
    assert h1507 is not None and h1507.description and "autorisations de mise sur le marché" in h1507.description


def test_esco_versions_oldest_first(index: ReferenceIndex) -> None:
    engineer = index.get("esco-occupation", DATA_ENGINEER)
    assert engineer is not None
    assert (engineer.label_fr, engineer.label_en, engineer.version) == ("ingénieur/ingénieure de données", None, "1.2")
    assert index.get("esco-occupation", DATA_SCIENTIST).version == "1.1.1"  # type: ignore[union-attr]


def test_skill_without_french_label_falls_back_to_english(index: ReferenceIndex) -> None:
    design_thinking = index.get("esco-skill", ESCO_SKILL + "df64a7cc-2e96-4304-95d3-56fe0ac2dd39")
    assert design_thinking is not None
    assert design_thinking.label_fr is None and design_thinking.label == "design thinking"


def test_only_the_requested_schemes_are_read() -> None:
    only = ReferenceIndex.from_files(SLICES, schemes=["rome-fiche"])
    assert [s.value for s in only.schemes] == ["rome-fiche"]
    with pytest.raises(AlignmentError, match="no esco-skill concepts loaded"):
        only.concepts("esco-skill")


def test_missing_folder_or_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AlignmentError, match="reference folder not found"):
        ReferenceIndex.from_files(tmp_path / "nowhere")
    with pytest.raises(AlignmentError, match="no rome-savoir file"):
        ReferenceIndex.from_files(tmp_path, schemes=["rome-savoir"])


# -- ranking --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "scheme", "expected", "field"),
    [
        ("Data Scientist", "esco-occupation", DATA_SCIENTIST, "prefLabel"),
        ("SCIENTIFIQUE DES DONNEES", "esco-occupation", DATA_SCIENTIST, "prefLabel"),
        ("ingenieur de donnees", "esco-occupation", DATA_ENGINEER, "prefLabel"),
        ("Regulatory Affairs Manager", "esco-occupation", REGULATORY_AFFAIRS_MANAGER, "prefLabel"),
        ("Ingénieure biomédicale", "esco-occupation", ESCO_OCC + "0c7c9606-fde3-4658-8136-8fe0c9b8bd09", "prefLabel"),
        ("affaires reglementaires", "rome-fiche", "H1507", "prefLabel"),
        ("Regulatory affairs officer", "rome-fiche", "H1507", "altLabel"),
        ("DATA ARCHITECT", "rome-fiche", "M1868", "altLabel"),
        ("maintien des AMM de médicament", "rome-fiche", "H1507", "description"),
        ("Maîtriser la prise de parole en public", "rome-competence", "300413", "prefLabel"),
        ("reglementation de la protection des donnees", "rome-savoir", "497222", "prefLabel"),
        ("S'ADRESSER À UN AUDITOIRE", "esco-skill", ESCO_SKILL + "609a8ac1-9d29-4237-9886-596dbbe7ca8a", "prefLabel"),
        ("Design Thinking", "esco-skill", ESCO_SKILL + "df64a7cc-2e96-4304-95d3-56fe0ac2dd39", "prefLabel"),
        ("réglementation des dispositifs médicaux", "esco-skill", ESCO_SKILL + "ef539e4d-8907-4a88-b2f7-8f8fa95e3117", "prefLabel"),
    ],
)
def test_right_concept_ranks_first(index: ReferenceIndex, label: str, scheme: str, expected: str, field: str) -> None:
    found = rank_candidates(label, scheme, index, limit=5)
    assert found, label
    best = found[0]
    assert best.target == expected, [(c.target, round(c.score, 3), c.field) for c in found]
    assert best.field == field
    assert 0 < best.score <= 1
    assert best.scheme is ReferenceScheme(scheme)


def test_candidates_carry_score_and_field_and_are_sorted(index: ReferenceIndex) -> None:
    found = rank_candidates("data", "esco-occupation", index, limit=4)
    assert 1 < len(found) <= 4
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    for c in found:
        assert c.field in FIELDS and c.matched_text
        assert 0 <= c.cosine <= 1.0000001 and 0 <= c.ratio <= 1
        as_dict = c.as_dict()
        assert as_dict["target"] == c.target and as_dict["field"] == c.field and as_dict["scheme"] == "esco-occupation"


def test_exact_label_scores_higher_than_alternative_label(index: ReferenceIndex) -> None:
    found = {c.target: c for c in rank_candidates("data scientist", "esco-occupation", index, limit=10)}
    assert found[DATA_SCIENTIST].score == pytest.approx(1.0)
    bioinformatician = found[ESCO_OCC + "68d973df-bf10-4bf7-9a1b-fbd9f604b9db"]  # alt label "data scientist"
    assert bioinformatician.field == "altLabel" and bioinformatician.score < found[DATA_SCIENTIST].score


def test_no_content_word_no_candidate(index: ReferenceIndex) -> None:
    assert rank_candidates("de la des", "rome-fiche", index) == []
    assert rank_candidates("xylophone quantique", "rome-fiche", index) == []
    with pytest.raises(ValueError):
        rank_candidates("data", "rome-fiche", index, limit=0)


# -- checking an alignment against the reference ---------------------------------------------------


def _alignment(label_fr: str, target: str = "H1507") -> list[tuple[str, AlignmentFile]]:
    return [
        (
            "alignment/test.yaml",
            AlignmentFile.model_validate(
                {
                    "esco_version": "1.1.1",
                    "rome_version": "4.0 v4.60",
                    "mappings": [
                        {
                            "id": "ra-to-esco",
                            "family": "regulatory-affairs",
                            "scheme": "esco-occupation",
                            "target": REGULATORY_AFFAIRS_MANAGER,
                            "target_label": {"fr": "chef de service juridique", "en": "regulatory affairs manager"},
                            "relation": "broad",
                            "confidence": 0.8,
                            "method": "curated",
                        },
                        {
                            "id": "ra-to-rome",
                            "family": "regulatory-affairs",
                            "scheme": "rome-fiche",
                            "target": target,
                            "target_label": {"fr": label_fr},
                            "relation": "close",
                            "confidence": 0.9,
                            "method": "matcher-reviewed",
                        },
                    ],
                }
            ),
        )
    ]


def test_check_alignment(index: ReferenceIndex) -> None:
    assert check_alignment(_alignment("Chargé / Chargée des affaires réglementaires"), index) == []
    # typographic apostrophes and white space do not count
    assert check_alignment(_alignment("Responsable  des affaires règlementaires en industrie pharmaceutique", "H1509"), index) == []
    [problem] = check_alignment(_alignment("Affaires réglementaires"), index)
    assert (problem.kind, problem.mapping, problem.target) == ("label", "ra-to-rome", "H1507")
    assert "Chargé / Chargée des affaires réglementaires" in str(problem)
    [problem] = check_alignment(_alignment("Inconnu", "N9999"), index)
    assert problem.kind == "missing" and "N9999" in problem.message


def test_concept_list_round_trip(index: ReferenceIndex, tmp_path: Path) -> None:
    path = tmp_path / "used.csv"
    targets = [(ReferenceScheme.rome_fiche, "H1507"), (ReferenceScheme.esco_occupation, DATA_ENGINEER)]
    assert write_concept_list(index, targets, path) == 2
    again = ReferenceIndex.from_concept_list(path)
    assert again.get("rome-fiche", "H1507").label_fr == "Chargé / Chargée des affaires réglementaires"  # type: ignore[union-attr]
    assert again.get("esco-occupation", DATA_ENGINEER).version == "1.2"  # type: ignore[union-attr]
    with pytest.raises(AlignmentError, match="N9999"):
        write_concept_list(index, [(ReferenceScheme.rome_fiche, "N9999")], path)


# -- the command line -----------------------------------------------------------------------------


def test_cli_candidates_table_and_json() -> None:
    result = runner.invoke(app, ["candidates", "Chargée des AFFAIRES réglementaires", "--scheme", "rome-fiche", "--from", str(SLICES), "-n", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["#", "score", "target", "label", "field"]
    assert lines[2].split()[2] == "H1507"
    result = runner.invoke(app, ["candidates", "data scientist", "-s", "esco-occupation", "--from", str(SLICES), "-f", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["candidates"][0]["target"] == DATA_SCIENTIST
    assert body["candidates"][0]["field"] == "prefLabel" and body["candidates"][0]["score"] == 1.0


def test_cli_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["candidates", "data", "-s", "rome-fiche", "--from", str(tmp_path / "none")])
    assert result.exit_code == 1 and "error: reference folder not found" in result.stderr
    result = runner.invoke(app, ["candidates", "data", "-s", "rome-savoir", "--from", str(tmp_path)])
    assert result.exit_code == 1 and result.stderr.startswith("error: no rome-savoir file")
    result = runner.invoke(app, ["suggest", "--family", "quality", "--skill", "programming", "--from", str(SLICES)])
    assert result.exit_code == 1 and "exactly one of --family, --job, --skill" in result.stderr
    result = runner.invoke(app, ["suggest", "--family", "astrology", "--from", str(SLICES)])
    assert result.exit_code == 1 and "no family 'astrology'" in result.stderr


def test_cli_suggest_marks_mapped_targets() -> None:
    result = runner.invoke(app, ["suggest", "--family", "regulatory-affairs", "--from", str(SLICES), "-n", "3"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("family regulatory-affairs: Affaires Réglementaires / Regulatory affairs")
    h1507 = next(line for line in out.splitlines() if line.split()[1:2] == ["H1507"])
    assert "✓ close" in h1507
    ra_manager = next(line for line in out.splitlines() if REGULATORY_AFFAIRS_MANAGER in line)
    assert "✓ broad" in ra_manager and "(en)" in ra_manager  # found through the English label
    result = runner.invoke(app, ["suggest", "--job", "data-engineer", "-s", "esco-occupation", "--from", str(SLICES), "-f", "json"])
    assert result.exit_code == 0, result.output
    [scheme] = json.loads(result.stdout)["schemes"]
    # "Data Engineer" only meets the English alternative label of data scientist in ESCO v1.1.1; the
    # v1.2 concept (French labels only in the shipped files) is mapped but not found by the labels.
    first = scheme["candidates"][0]
    assert (first["target"], first["field"], first["matched_text"]) == (DATA_SCIENTIST, "altLabel", "data engineer")
    assert first["mapped"] is None
    assert {"target": DATA_ENGINEER, "mapped": "exact 0.9"} in scheme["mapped_not_ranked"]


def test_cli_suggest_shows_no_match() -> None:
    result = runner.invoke(app, ["suggest", "--family", "market-access", "-s", "esco-occupation", "--from", str(SLICES)])
    assert result.exit_code == 0, result.output
    assert "no_match: ESCO (v1.1.1 comme v1.2) n’a aucune occupation d’accès au marché" in result.stdout


def _small_alignment(data: Path, label: str) -> None:
    for old in (data / "alignment").glob("*.yaml"):
        old.unlink()
    (data / "alignment" / "test.yaml").write_text(
        f"""esco_version: "1.1.1"
rome_version: "4.0 v4.60"
mappings:
  - id: regulatory-affairs-to-rome-h1507
    family: regulatory-affairs
    scheme: rome-fiche
    target: "H1507"
    target_label: {{fr: "{label}"}}
    relation: close
    confidence: 0.9
    method: curated
  - id: data-engineer-to-esco-data-engineer
    job: data-engineer
    scheme: esco-occupation
    target: {DATA_ENGINEER}
    target_label: {{fr: "ingénieur/ingénieure de données", en: "data engineer"}}
    relation: exact
    confidence: 0.9
    method: curated
""",
        encoding="utf-8",
    )


def test_cli_check(data_copy: Path) -> None:
    _small_alignment(data_copy, "Chargé / Chargée des affaires réglementaires")
    result = runner.invoke(app, ["check", "--data", str(data_copy), "--from", str(SLICES)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ok: 2 mappings in 1 files match the reference files"
    _small_alignment(data_copy, "Chargé des affaires réglementaires")
    result = runner.invoke(app, ["check", "--data", str(data_copy), "--from", str(SLICES)])
    assert result.exit_code == 1
    assert "label: alignment/test.yaml: regulatory-affairs-to-rome-h1507:" in result.stdout
    assert "error: 1 problem(s) in 2 mappings" in result.stderr
    result = runner.invoke(app, ["check", "--data", str(data_copy), "--from", str(SLICES), "-f", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"][0]["kind"] == "label"


def test_cli_check_needs_every_version(data_copy: Path, tmp_path: Path) -> None:
    """Without the ESCO v1.2 file, the v1.2 concept is reported missing, with a hint."""
    _small_alignment(data_copy, "Chargé / Chargée des affaires réglementaires")
    v111 = tmp_path / "ref"
    shutil.copytree(SLICES, v111, ignore=shutil.ignore_patterns("esco_v1.2*"))
    result = runner.invoke(app, ["check", "--data", str(data_copy), "--from", str(v111)])
    assert result.exit_code == 1
    assert "missing:" in result.stdout and "ESCO v1.2" in result.stdout
    result = runner.invoke(app, ["check", "--data", str(data_copy), "--from", str(v111), "--from", str(SLICES / "esco_v1.2_fr_partial")])
    assert result.exit_code == 0, result.output


def test_cli_snapshot(data_copy: Path, tmp_path: Path) -> None:
    _small_alignment(data_copy, "Chargé / Chargée des affaires réglementaires")
    out = tmp_path / "used.csv"
    result = runner.invoke(app, ["snapshot", "-o", str(out), "--data", str(data_copy), "--from", str(SLICES)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == "scheme,target,label_fr,label_en,version,parent,origin"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_shipped_data_is_readable_by_suggest() -> None:
    """--data defaults to the shipped data; the shipped alignment names real families, jobs and skills."""
    result = runner.invoke(app, ["suggest", "--skill", "public-speaking", "-s", "rome-competence", "--from", str(SLICES), "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.split()[1:2] == ["300413"])
    assert "✓ exact" in line
