"""The gap tool in the browser, used as HR would: a sample profile, an uploaded file, skills picked
with the autocomplete, a project's phases, a bad file, the report export; answers compared with
the HR API (`/profiles/gaps`, `/profiles/recommendations`, `/profiles/team`)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from skillgraph.server.web.gaptool_input import SAMPLES_DIR
from tests.e2e.conftest import Watch, horizontal_overflow, query_string, tab_reaches

pytestmark = pytest.mark.browser

PHARMACIST = "pharmacist-regulatory-affairs.csv"
DEVELOPER = "developer-esco-rome.csv"


def _post(server: str, route: str, params: dict[str, Any], body: bytes, media: str) -> Any:
    request = urllib.request.Request(f"{server}{route}?{query_string(params)}", data=body,
                                     headers={"Content-Type": media}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _sections(page: Any) -> dict[str, list[str]]:
    return page.locator("details.phase").evaluate_all(
        "els => Object.fromEntries(els.map(d => [d.dataset.phase,"
        " [...d.querySelectorAll('li[data-requirement]')].map(li => li.dataset.requirement)]))")


def _api_sections(answer: dict[str, Any]) -> dict[str, list[str]]:
    return {p["phase"]: p["gaps"] for p in answer["gaps"]["phases"]}


def _submit(page: Any) -> str:
    """Submit the form; the progress sign the submit shows, read as the request leaves."""
    with page.expect_navigation():
        shown = page.evaluate("() => { document.getElementById('gap-form').requestSubmit();"
                              " return document.getElementById('gap-progress').textContent; }")
    return str(shown)


def test_sample_profile_end_to_end(page: Any, server: str) -> None:
    page.goto(server + "/ecarts")
    page.select_option("#sample", PHARMACIST)
    assert page.input_value("#family") == "regulatory-affairs"  # the sample suggests its family
    assert _submit(page) == "Calcul en cours…"
    assert page.locator("#results").is_visible()

    body = (SAMPLES_DIR / PHARMACIST).read_bytes()
    gaps = _post(server, "/profiles/gaps", {"family": "regulatory-affairs"}, body, "text/csv")
    assert _sections(page) == _api_sections(gaps)
    assert page.locator("#gap-summary").get_attribute("data-gaps") == str(gaps["gaps"]["gap_count"])
    picks = _post(server, "/profiles/recommendations", {"family": "regulatory-affairs"}, body, "text/csv")
    shown = page.locator("#recommendations li[data-programme]")
    assert shown.evaluate_all("els => els.map(e => e.dataset.programme)") == [
        p["programme"] for p in picks["recommendation"]["picks"]]
    first = picks["recommendation"]["picks"][0]
    assert first["reason"] in shown.first.inner_text()
    assert page.locator('#match-report tr[data-status="unmatched"]').count() == gaps["matches"]["unmatched"] == 1


def test_uploaded_file_with_esco_and_rome_ids(page: Any, server: str) -> None:
    page.goto(server + "/ecarts")
    page.set_input_files("#profile-file", str(SAMPLES_DIR / DEVELOPER))
    page.wait_for_function("document.getElementById('profile-text').value.length > 0")
    assert page.is_checked("#src-text")
    page.select_option("#family", "software-developer")
    _submit(page)
    body = (SAMPLES_DIR / DEVELOPER).read_bytes()
    gaps = _post(server, "/profiles/gaps", {"family": "software-developer"}, body, "text/csv")
    assert gaps["matches"]["unmatched"] == 0
    assert page.locator('#match-report tr[data-status="matched"]').count() == gaps["matches"]["matched"] == 6
    assert _sections(page) == _api_sections(gaps)


def test_skills_picked_with_the_autocomplete(page: Any, server: str) -> None:
    page.goto(server + "/ecarts")
    options = page.locator("#skill-options option").evaluate_all("els => els.map(e => e.value)")
    assert "Gestion de projet" in options and "Project management" in options  # fr and en labels
    for text in ("Gestion de projet", "Software development"):
        page.fill("#skill-search", text)
        page.press("#skill-search", "Enter")
    assert page.input_value("#skills").splitlines() == ["Gestion de projet", "Software development"]
    assert "Software development" in page.inner_text("#picker-status")
    assert page.is_checked("#src-skills")
    page.select_option("#family", "quality")
    page.check("#phase-realisation")
    _submit(page)
    body = "skill\nGestion de projet\nSoftware development\n".encode()
    gaps = _post(server, "/profiles/gaps", {"family": "quality", "phase": "realisation"}, body, "text/csv")
    assert gaps["matches"]["matched"] == 2
    assert _sections(page) == _api_sections(gaps)


def test_project_phases_then_one_family(page: Any, server: str) -> None:
    page.goto(server + "/ecarts")
    page.select_option("#sample", "smt-team.json")
    page.check("#tgt-project")
    page.check("#phase-conception")
    _submit(page)
    body = (SAMPLES_DIR / "smt-team.json").read_bytes()
    team = _post(server, "/profiles/team", {"phase": "conception"}, body, "application/json")["team"]
    covered = {c["family"]: c["covered"] for c in team["cells"]}
    shown = page.locator("#readiness tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.family, r.querySelector('td[data-covered]').dataset.covered])")
    assert {family: flag == "true" for family, flag in shown} == covered
    buttons = page.locator("#uncovered-families button")
    assert buttons.count() == len(team["uncovered_families"]) > 0
    with page.expect_navigation():
        buttons.first.click()
    assert page.locator("#gap-summary").is_visible()


def test_report_export_downloads_the_hr_report(page: Any, server: str) -> None:
    page.goto(server + "/ecarts?" + query_string({"source": "sample", "sample": PHARMACIST, "family": "regulatory-affairs"}))
    with page.expect_download() as info:
        page.click("#export-report")
    download = info.value
    assert download.suggested_filename == "rapport-ecarts-regulatory-affairs.html"
    html = Path(download.path()).read_text(encoding="utf-8")
    first_gap = page.locator("details.phase li[data-requirement] strong").first.inner_text()
    assert first_gap in html and "<html" in html


def test_bad_file_is_explained_in_the_page(watched: tuple[Any, Watch], server: str) -> None:
    page, watch = watched
    page.goto(server + "/ecarts")
    page.set_input_files("#profile-file", files=[{"name": "profil.csv", "mimeType": "text/csv",
                                                  "buffer": "person,skill,level\nA,Pharmacovigilance,ninja\n".encode()}])
    page.wait_for_function("document.getElementById('profile-text').value.includes('ninja')")
    page.select_option("#family", "quality")
    _submit(page)
    alert = page.locator("#profile-errors[role=alert]")
    assert alert.is_visible() and "ligne 2" in alert.inner_text()
    assert "ninja" in page.input_value("#profile-text")  # what was sent stays, to be corrected
    # The page answers 422 (the profile is refused), which Chromium logs for the document; nothing else.
    assert watch.errors == ["console error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"]
    watch.errors.clear()


def test_keyboard_reaches_every_control(page: Any, server: str) -> None:
    page.goto(server + "/ecarts")
    missing = tab_reaches(page, ["#src-sample", "#sample", "#profile-file", "#profile-text", "#skill-search", "#skill-add",
                                 "#skills", "#tgt-family", "#family", "#phase-conception", "#submit-gaps"])
    assert not missing
    page.focus("#skill-search")
    page.keyboard.type("Pharmacovigilance")
    page.keyboard.press("Enter")
    assert page.input_value("#skills") == "Pharmacovigilance"


def test_tablet_gap_tool(tablet_page: Any, server: str) -> None:
    tablet_page.goto(server + "/ecarts?" + query_string({"source": "sample", "sample": PHARMACIST, "family": "regulatory-affairs"}))
    assert horizontal_overflow(tablet_page) == 0
    assert tablet_page.locator("#submit-gaps").is_visible() and tablet_page.locator("#export-report").is_visible()
