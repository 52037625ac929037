"""Profiles: reading CSV and JSON, matching lines to skills and topics, the match report, errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from skillgraph.build import BuildReport
from skillgraph.commands.profile import app
from skillgraph.errors import DataError
from skillgraph.gaps.model import ID, GapModel, load_model
from skillgraph.gaps.profiles import (
    DEFAULT_LEVEL,
    ExternalIdNotSupported,
    Matcher,
    fold,
    load_profile,
    map_external_id,
    parse_level,
    parse_profile,
    profile_from_text,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
SKILL = ID + "skill/"
TOPIC = ID + "topic/"


@pytest.fixture(scope="module")
def model(store: ox.Store) -> GapModel:
    return load_model(store)


@pytest.fixture(scope="module")
def matcher(model: GapModel) -> Matcher:
    return Matcher(model)


def _data_error(model: GapModel, text: str | bytes, fmt: str | None = None) -> DataError:
    with pytest.raises(DataError) as caught:
        profile_from_text(model, text, fmt, source="profile.csv" if fmt == "csv" else "profile.json")
    return caught.value


# --- matching ---


def test_ids_iris_and_paths_match_exactly(matcher: Matcher) -> None:
    for text in ("digital-health-ecosystem", SKILL + "digital-health-ecosystem", "skill/digital-health-ecosystem"):
        match, reason, _ = matcher.match(text)
        assert match is not None and reason is None
        assert (match.iri, match.kind, match.method, match.confidence) == (SKILL + "digital-health-ecosystem", "skill", "id", 1.0)
    match, _, _ = matcher.match("drug-regulation")
    assert match is not None and (match.iri, match.kind) == (TOPIC + "drug-regulation", "topic")


def test_labels_match_ignoring_accents_case_and_punctuation(matcher: Matcher) -> None:
    for text, iri, lang in (
        ("RÉGLEMENTATION DU MÉDICAMENT", TOPIC + "drug-regulation", "fr"),
        ("reglementation du medicament", TOPIC + "drug-regulation", "fr"),
        ("Be adaptable and flexible", SKILL + "adaptability", "en"),
        ("Etre adaptable et flexible", SKILL + "adaptability", "fr"),
    ):
        match, _, _ = matcher.match(text)
        assert match is not None and match.iri == iri and match.method == "label-exact" and match.lang == lang
        assert match.confidence == 1.0


def test_fuzzy_matching_finds_the_digital_health_ecosystem_skill(matcher: Matcher) -> None:
    match, reason, alternatives = matcher.match("ecosysteme sante digitale")
    assert reason is None and match is not None
    assert match.iri == SKILL + "digital-health-ecosystem" and match.method == "label-fuzzy"
    assert 0.6 <= match.confidence < 1.0
    assert match.label == "Avoir une vision et appréhension de l’écosystème en santé digitale"
    assert alternatives and all(a.confidence <= match.confidence for a in alternatives)
    english, _, _ = matcher.match("digital health ecosystem")
    assert english is not None and english.iri == match.iri and english.lang == "en"


def test_fuzzy_threshold_is_a_parameter(model: GapModel) -> None:
    strict = Matcher(model, threshold=0.95)
    match, reason, nearest = strict.match("ecosysteme sante digitale")
    assert match is None and "below 0.95" in (reason or "")
    assert nearest[0].iri == SKILL + "digital-health-ecosystem"
    with pytest.raises(ValueError):
        Matcher(model, threshold=1.5)


def test_unknown_and_ambiguous_text_is_unmatched(matcher: Matcher) -> None:
    for text in ("Pharmacovigilance", "Excel", "anglais courant"):
        match, reason, _ = matcher.match(text)
        assert match is None and reason, text
    match, reason, nearest = matcher.match("santé")
    assert match is None and reason is not None and reason.startswith("ambiguous")
    assert len(nearest) >= 2
    match, reason, _ = matcher.match(ID + "skill/no-such-skill")
    assert match is None and "no skill or topic" in (reason or "")


def test_fold() -> None:
    assert fold("  L’Écosystème  de la  SANTÉ-digitale ") == "l ecosysteme de la sante digitale"
    assert fold("Cœur") == "coeur"


# --- ESCO / ROME extension point ---


@pytest.mark.parametrize(
    ("identifier", "reason"),
    [
        ("http://data.europa.eu/esco/skill/0a3e9b8c-1234", "no skill of the graph is aligned"),
        ("A1101", "no skill of the graph is aligned"),
        ("M1805", "occupation, not a skill"),
        ("ROME:H1507", "occupation, not a skill"),
    ],
)
def test_external_ids_without_a_skill_alignment_are_reported(model: GapModel, identifier: str, reason: str) -> None:
    with pytest.raises(ExternalIdNotSupported, match=reason):
        map_external_id(model, identifier)
    profile, report = profile_from_text(model, f"skill\n{identifier}\n", "csv")
    assert profile.is_empty
    (outcome,) = report.unmatched
    assert outcome.line == 2 and reason in (outcome.reason or "")


# --- levels ---


@pytest.mark.parametrize(
    ("value", "level"),
    [(None, None), ("", None), (0, 0), (4, 4), ("3", 3), (2.0, 2), ("Débutant", 1), ("intermédiaire", 2),
     ("AVANCÉ", 3), ("expert", 4), ("aucun", 0), ("beginner", 1), ("Confirmé", 3)],
)
def test_levels(value: object, level: int | None) -> None:
    assert parse_level(value) == level


@pytest.mark.parametrize("value", [5, -1, "7", "ninja", True, 2.5, [1]])
def test_bad_levels(value: object) -> None:
    with pytest.raises(ValueError):
        parse_level(value)


# --- the example profiles ---


def test_pharmacist_csv_and_json_give_the_same_profile(model: GapModel) -> None:
    from_csv, csv_report = load_profile(model, EXAMPLES / "pharmacist-regulatory-affairs.csv")
    from_json, json_report = load_profile(model, EXAMPLES / "pharmacist-regulatory-affairs.json")
    assert from_csv.persons == from_json.persons == ["Claire Martin"]
    assert {h.iri: h.level for h in from_csv.holdings(min_level=0)} == {h.iri: h.level for h in from_json.holdings(min_level=0)}
    assert {h.iri for h in from_csv.holdings()} == {TOPIC + "drug-regulation", SKILL + "health-product-communication-regulation"}
    for report in (csv_report, json_report):
        assert len(report.outcomes) == 3 and len(report.matched) == 2
        (unmatched,) = report.unmatched
        assert unmatched.text == "Pharmacovigilance" and unmatched.status == "unmatched" and unmatched.line
    assert [o.line for o in csv_report.outcomes] == [2, 3, 4]
    assert [o.line for o in json_report.outcomes] == [4, 5, 6]


def test_team_examples_agree(model: GapModel) -> None:
    from_csv, csv_report = load_profile(model, EXAMPLES / "smt-team.csv")
    from_json, _ = load_profile(model, EXAMPLES / "smt-team.json")
    assert from_csv.persons == from_json.persons == ["Hugo Bernard", "Amina Diallo", "Léa Moreau"]
    for person in from_csv.persons:
        assert from_csv.people[person].keys() == from_json.people[person].keys()
    assert not csv_report.unmatched
    amina = from_csv.people["Amina Diallo"]
    assert amina[SKILL + "digital-health-ecosystem"].level == 2
    assert from_csv.people["Léa Moreau"][TOPIC + "medical-device-regulation"].level == 1


def test_report_lists_every_line(model: GapModel) -> None:
    _, report = load_profile(model, EXAMPLES / "pharmacist-regulatory-affairs.csv")
    text = report.format(model, "en")
    assert "3 lines, 2 matched, 1 unmatched" in text
    assert "line 4: Claire Martin: 'Pharmacovigilance' [level 4] -> UNMATCHED" in text
    data = report.as_dict(model, "en")
    assert [line["status"] for line in data["lines"]] == ["matched", "matched", "unmatched"]
    assert data["lines"][0]["match"]["label"] == "Drug regulation"


# --- formats and errors ---


def test_semicolon_csv_french_headers_and_windows_1252(model: GapModel) -> None:
    text = "Personne;Compétence;Niveau\nAnne;Réglementation des dispositifs médicaux;Avancé\nAnne;Cybersécurité;\n"
    profile, report = profile_from_text(model, text.encode("cp1252"), "csv")
    holdings = {h.iri: h.level for h in profile.people["Anne"].values()}
    assert holdings == {TOPIC + "medical-device-regulation": 3, TOPIC + "cybersecurity": DEFAULT_LEVEL}
    assert not report.unmatched


def test_profile_without_person_and_duplicates(model: GapModel) -> None:
    profile, report = profile_from_text(model, "skill,level\ndrug-regulation,1\nRéglementation du médicament,expert\n", "csv")
    assert profile.persons == ["(unnamed)"]
    assert profile.people["(unnamed)"][TOPIC + "drug-regulation"].level == 4
    assert len(report.outcomes) == 2


def test_empty_profiles_are_valid(model: GapModel) -> None:
    for text, fmt in (("person,skill,level\n", "csv"), ("[]", "json"), ('{"skills": []}', "json"), ('{"people": []}', "json")):
        profile, report = profile_from_text(model, text, fmt)
        assert profile.is_empty and report.outcomes == []


def test_team_member_without_skills_is_kept(model: GapModel) -> None:
    text = '{"people": [{"person": "A", "skills": ["drug-regulation"]}, {"person": "B", "skills": []}]}'
    profile, _ = profile_from_text(model, text, "json")
    assert profile.persons == ["A", "B"] and profile.people["B"] == {}


def test_malformed_csv_names_the_line(model: GapModel) -> None:
    error = _data_error(model, "person,skill,level\nAnne,drug-regulation,3\nAnne,digital-health\n", "csv")
    (problem,) = error.problems
    assert problem.line == 3 and problem.record == "Anne" and "2 fields" in problem.message
    assert str(error).startswith("profile.csv:3, record 'Anne'")


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("person,competency\nA,x\n", 1, "competency", "unknown column"),
        ("person,level\nA,3\n", 1, "skill", "missing column 'skill'"),
        ("skill,skill\nx,y\n", 1, "skill", "twice"),
        ("person,skill,level\nA,drug-regulation,genius\n", 2, "level", "unknown level"),
        ("person,skill,level\n\nA,drug-regulation,9\n", 3, "level", "between 0 and 4"),
        ("person,skill\nA,\n", 2, "skill", "empty skill"),
    ],
)
def test_csv_errors_name_line_and_field(model: GapModel, text: str, line: int, field: str, message: str) -> None:
    (problem,) = _data_error(model, text, "csv").problems
    assert (problem.line, problem.field) == (line, field) and message in problem.message


@pytest.mark.parametrize("text", ["", "   \n\n", b"\xef\xbb\xbf"])
def test_empty_file_is_an_error(model: GapModel, text: str | bytes) -> None:
    (problem,) = _data_error(model, text).problems
    assert "empty" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ('[\n  {"skill": "x",\n   "level": 2,}\n]', 3, None, "not valid JSON"),
        ('[\n  {"skill": "x"},\n  {"skil": "y"}\n]', 3, "[1].skil", "unknown key"),
        ('[\n  {"person": "A"}\n]', 2, "[0].skill", "missing skill"),
        ('{"person": "A",\n "skills": [\n  {"skill": "x", "level": "wizard"}]}', 3, "skills[0].level", "unknown level"),
        ('{"people": [\n {"skills": ["x"]}]}', 2, "people[0].person", "needs a person"),
        ('{"people": {"A": []}}', 1, "people", "must be a list"),
        ('{"team": []}', 1, None, "expected a list"),
        ('"drug-regulation"', 1, None, "expected a list"),
        ('[{"skill": "x",\n  "skill": "y"}]', 1, "skill", "twice"),
        ('[\n 42\n]', 2, "[0]", "must be an object"),
        ('{"skills": [\n  {"skill": 3}]}', 2, "skills[0].skill", "non-empty string"),
    ],
)
def test_json_errors_name_line_and_field(model: GapModel, text: str, line: int, field: str | None, message: str) -> None:
    (problem,) = _data_error(model, text, "json").problems
    assert problem.line == line and problem.field == field and message in problem.message, problem


def test_format_is_guessed_from_content(model: GapModel) -> None:
    assert [line.skill for line in parse_profile('["drug-regulation"]')] == ["drug-regulation"]
    assert [line.skill for line in parse_profile("skill\ndrug-regulation\n")] == ["drug-regulation"]


def test_unreadable_file(model: GapModel, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        load_profile(model, tmp_path / "missing.csv")


# --- command line ---

runner = CliRunner()


def test_cli_prints_the_match_report_with_unmatched_lines(built: tuple[Path, BuildReport]) -> None:
    result = runner.invoke(
        app, ["gaps", str(EXAMPLES / "pharmacist-regulatory-affairs.csv"), "--family", "regulatory-affairs", "--store", str(built[0])]
    )
    assert result.exit_code == 0, result.output
    assert "2 matched, 1 unmatched" in result.stdout
    assert "'Pharmacovigilance' [level 4] -> UNMATCHED" in result.stdout


def test_cli_malformed_profile_is_an_error(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("person,skill,level\nA,drug-regulation\n", encoding="utf-8")
    result = runner.invoke(app, ["gaps", str(path), "--family", "quality", "--store", str(built[0])])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:2, record 'A'")
