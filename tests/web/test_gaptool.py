"""The gap tool (``/ecarts``) in process: the form, every profile source, both targets, the errors
shown in the page, the report export — answers checked against the gap gap_model."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from skillgraph.errors import DataError
from skillgraph.gaps.model import ID, GapModel, short
from skillgraph.gaps.person import profile_gaps, team_readiness
from skillgraph.gaps.profiles import profile_from_text
from skillgraph.gaps.recommend import recommend
from skillgraph.server.web.gaptool_input import SAMPLES, SAMPLES_DIR, GapRequest, load_profile, skills_to_csv

PHARMACIST = "pharmacist-regulatory-affairs.csv"
ESCO_PROGRAMMING = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97"


def _gap_ids(html: str) -> list[str]:
    return re.findall(r'<li data-requirement="([^"]+)"', html)


def _phase_sections(html: str) -> dict[str, list[str]]:
    sections = re.split(r'<details class="phase" data-phase="', html)[1:]
    return {part.split('"', 1)[0]: _gap_ids(part.split("</details>", 1)[0]) for part in sections}


def _picks(html: str) -> list[str]:
    return re.findall(r'<li data-programme="([^"]+)"', html)


# --- the form ---------------------------------------------------------------------------------


def test_form_offers_samples_families_phases_and_labelled_controls(web: TestClient, gap_model: GapModel) -> None:
    response = web.get("/ecarts")
    assert response.status_code == 200
    html = response.text
    for sample in SAMPLES:
        assert f'value="{sample.file}"' in html
    assert len(re.findall(r'<select id="family"', html)) == 1
    for family in gap_model.families:
        assert f'<option value="{short(family)}"' in html
    assert len(re.findall(r'name="phase" value="', html)) == len(gap_model.phase_order) == 5
    for ident in ("sample", "profile-file", "profile-text", "skill-search", "skills", "family"):
        assert f'<label for="{ident}">' in html, ident
    # radios and checkboxes sit inside their label
    assert len(re.findall(r'<label class="check"><input type="(?:radio|checkbox)"', html)) == 3 + 2 + 5
    skill = ID + "skill/regulatory-watch"
    labels = gap_model.labels.get(skill) or next(iter(gap_model.labels[s] for s in gap_model.skills))
    for text in labels.values():  # the picker's autocomplete knows French and English labels
        assert f'<option value="{text}">' in html.replace("&#39;", "'")


def test_family_in_the_query_is_preselected(web: TestClient) -> None:
    html = web.get("/ecarts?family=quality").text
    assert '<option value="quality" selected>' in html and 'id="results"' not in html


# --- profiles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sample, unmatched", [
    (PHARMACIST, ["Pharmacovigilance"]),  # on purpose: the page shows an unmatched line and its near misses
    ("developer-esco-rome.csv", []),  # ESCO URIs and ROME codes, all through the alignment
    ("smt-team.json", []),
])
def test_samples_match_the_graph(gap_model: GapModel, sample: str, unmatched: list[str]) -> None:
    profile, report, _ = load_profile(gap_model, GapRequest(source="sample", sample=sample))
    assert [o.text for o in report.unmatched] == unmatched
    assert all(o.reason for o in report.unmatched)
    assert len(report.outcomes) > len(unmatched) and not profile.is_empty
    assert {s.file for s in SAMPLES} == {p.name for p in SAMPLES_DIR.iterdir() if p.suffix in {".csv", ".json"}}


@pytest.mark.parametrize("text, expected", [
    ("Gestion de projet; expert", "skill,level\nGestion de projet,expert\n"),
    ("  Pharmacovigilance  \n\n", "skill,level\nPharmacovigilance,\n"),
    ("Design; thinking", "skill,level\nDesign; thinking,\n"),
    ("300428;3", "skill,level\n300428,3\n"),
    ("a, b; avancé", 'skill,level\n"a, b",avancé\n'),
], ids=["label-level", "blank-lines", "semicolon-in-text", "rome-code", "comma-quoted"])
def test_picked_skills_become_a_csv_profile(text: str, expected: str) -> None:
    assert skills_to_csv(text) == expected


def test_no_picked_skill_is_a_data_error() -> None:
    with pytest.raises(DataError, match="no skill given"):
        skills_to_csv(" \n \n")


# --- a job family -----------------------------------------------------------------------------


def test_sample_against_its_family_matches_the_gap_model(web: TestClient, gap_model: GapModel) -> None:
    response = web.get(f"/ecarts?source=sample&sample={PHARMACIST}&family=regulatory-affairs")
    assert response.status_code == 200
    text = (SAMPLES_DIR / PHARMACIST).read_text(encoding="utf-8")
    profile, report = profile_from_text(gap_model, text)
    gaps = profile_gaps(gap_model, profile, "regulatory-affairs")
    picks = recommend(gap_model, profile, "regulatory-affairs")
    sections = _phase_sections(response.text)
    assert list(sections) == [short(p) for p in gaps.by_phase]
    for phase, items in gaps.by_phase.items():
        assert sections[short(phase)] == [g.requirement for g in items]
    assert _picks(response.text) == [short(p.programme) for p in picks.picks] and picks.picks
    for pick in picks.picks:  # each pick comes with its reason
        assert pick.reason.replace("'", "&#39;") in response.text.replace("&#34;", '"')
    assert f'data-gaps="{len(gaps.gaps)}"' in response.text
    assert len(re.findall(r'<tr data-status="matched"', response.text)) == len(report.matched) == 2
    assert len(re.findall(r'<tr data-status="unmatched"', response.text)) == len(report.unmatched) == 1


def test_picked_skills_with_esco_and_rome_ids(web: TestClient, gap_model: GapModel) -> None:
    skills = f"{ESCO_PROGRAMMING}; expert\n300428; avancé\nGestion de projet; 3"
    response = web.post("/ecarts", data={"source": "skills", "skills": skills, "family": "software-developer",
                                                "target": "family"})
    assert response.status_code == 200
    assert len(re.findall(r'<tr data-status="matched"', response.text)) == 3
    profile, _ = profile_from_text(gap_model, skills_to_csv(skills), "csv")
    gaps = profile_gaps(gap_model, profile, "software-developer")
    assert _gap_ids(response.text.split('id="gaps-by-phase"', 1)[1].split('id="recommendations"', 1)[0]) == [
        g.requirement for items in gaps.by_phase.values() for g in items]


def test_pasted_json_profile_and_phase_restriction(web: TestClient, gap_model: GapModel) -> None:
    text = (SAMPLES_DIR / "smt-team.json").read_text(encoding="utf-8")
    response = web.post("/ecarts", data={"source": "text", "profile_text": text, "family": "data-jobs",
                                                "phase": ["evaluation"]})
    assert response.status_code == 200
    profile, _ = profile_from_text(gap_model, text)
    gaps = profile_gaps(gap_model, profile, "data-jobs", phases=["evaluation"])
    assert _phase_sections(response.text) == {"evaluation": [g.requirement for g in gaps.by_phase[ID + "phase/evaluation"]]}
    assert "Léa Moreau" in response.text  # the team's people are listed


def test_english_results(web: TestClient, gap_model: GapModel) -> None:
    response = web.get(f"/ecarts?source=sample&sample={PHARMACIST}&family=regulatory-affairs&lang=en")
    assert response.status_code == 200 and '<html lang="en">' in response.text
    assert "Recommended trainings" in response.text and "Gaps by phase" in response.text
    assert gap_model.label(ID + "phase/conception", "en") in response.text


# --- an SMT project ---------------------------------------------------------------------------


def test_team_against_project_phases_matches_team_readiness(web: TestClient, gap_model: GapModel) -> None:
    response = web.post("/ecarts", data={"source": "sample", "sample": "smt-team.json", "target": "project",
                                                "phase": ["conception", "realisation"]})
    assert response.status_code == 200
    profile, _ = profile_from_text(gap_model, (SAMPLES_DIR / "smt-team.json").read_text(encoding="utf-8"))
    readiness = team_readiness(gap_model, profile, ["conception", "realisation"])
    header = re.findall(r'<th scope="col" data-phase="([^"]+)" data-ready="(true|false)"', response.text)
    assert header == [(short(p), "true" if readiness.phase_ready[p] else "false") for p in readiness.phases]
    rows = dict(re.findall(r'<tr data-family="([^"]+)">(.*?)</tr>', response.text, flags=re.S))
    for cell in readiness.cells:
        assert rows[short(cell.family)].count("data-covered") >= 1
    covered = {short(c.family) for c in readiness.cells if c.covered}
    for family, row in rows.items():
        assert ('data-covered="true"' in row) == (family in covered), family
    buttons = re.findall(r'name="family" value="([^"]+)">\s*<button', response.text)
    assert buttons == [short(f) for f in readiness.uncovered_families]


# --- errors in the page -----------------------------------------------------------------------


@pytest.mark.parametrize("data, fragment", [
    ({"source": "text", "profile_text": "person,skill,level\nA,Pharmacovigilance,ninja\n"}, "ligne 2"),
    ({"source": "text", "profile_text": '{"skills": [{"skill": 3}]'}, "JSON"),
    ({"source": "text", "profile_text": ""}, "empty"),
    ({"source": "skills", "skills": ""}, "no skill given"),
    ({"source": "sample", "sample": "../../settings.py"}, "sample profile"),
], ids=["bad-level", "bad-json", "empty-text", "no-skill", "unknown-sample"])
def test_a_bad_profile_is_explained_in_the_page(web: TestClient, data: dict[str, str], fragment: str) -> None:
    response = web.post("/ecarts", data={**data, "family": "quality"})
    assert response.status_code == 422
    alert = re.search(r'role="alert">(.*?)</div>', response.text, flags=re.S)
    assert alert and fragment in alert.group(1)
    assert 'id="gap-form"' in response.text  # the form stays, with what was typed
    if data.get("profile_text"):
        assert "A,Pharmacovigilance,ninja" in response.text or data["profile_text"][:10] in response.text.replace("&#34;", '"')


@pytest.mark.parametrize("data, fragment", [
    ({"family": ""}, "Choisissez une famille de métiers."),
    ({"family": "astronaut"}, "astronaut"),
    ({"family": "quality", "phase": "phase-9"}, "phase-9"),
], ids=["no-family", "unknown-family", "unknown-phase"])
def test_a_bad_target_is_explained_and_the_match_report_kept(web: TestClient, data: dict[str, str], fragment: str) -> None:
    response = web.post("/ecarts", data={"source": "sample", "sample": PHARMACIST, **data})
    assert response.status_code == 422
    assert 'id="target-error" role="alert"' in response.text and fragment in response.text
    assert 'id="match-report"' in response.text


# --- the report and the samples ---------------------------------------------------------------


def test_report_export_is_the_hr_report_of_the_result(web: TestClient, gap_model: GapModel) -> None:
    page = web.get(f"/ecarts?source=sample&sample={PHARMACIST}&family=regulatory-affairs").text
    export = page.split('id="export-form"', 1)[1].split("</form>", 1)[0]
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', export)
    assert ("family", "regulatory-affairs") in fields and ("sample", PHARMACIST) in fields
    form: dict[str, list[str]] = {}
    for name, value in fields:
        form.setdefault(name, []).append(value)
    response = web.post("/ecarts/rapport", data=form)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="rapport-ecarts-regulatory-affairs.html"'
    profile, _ = profile_from_text(gap_model, (SAMPLES_DIR / PHARMACIST).read_text(encoding="utf-8"))
    gaps = profile_gaps(gap_model, profile, "regulatory-affairs")
    assert gaps.gaps[0].skill_label in response.text
    assert not re.search(r'(?:src|href)="(?:https?:)?//', response.text)  # self-contained


def test_report_of_a_bad_profile_shows_the_page_with_the_error(web: TestClient) -> None:
    response = web.post("/ecarts/rapport", data={"source": "skills", "skills": "", "family": "quality"})
    assert response.status_code == 422 and 'role="alert"' in response.text


def test_samples_are_served_and_an_unknown_one_is_404(web: TestClient) -> None:
    response = web.get(f"/ecarts/exemples/{PHARMACIST}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text == (SAMPLES_DIR / PHARMACIST).read_text(encoding="utf-8")
    assert web.get("/ecarts/exemples/secret.csv").status_code == 404
