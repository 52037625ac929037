"""The HR routes: POST a profile (JSON or CSV) for its gaps, a team's readiness, or recommendations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.server.holder import StoreHolder
from skillgraph.server.routes.profiles import PersonProfile, ProfileItem, TeamProfile, router

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
CSV = {"content-type": "text/csv"}
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def client(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    app = FastAPI()
    app.include_router(router)
    app.state.holder = StoreHolder(built[0])
    with TestClient(app) as client:
        yield client


def _example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def test_gaps_from_csv(client: TestClient) -> None:
    response = client.post(
        "/profiles/gaps", params={"family": "regulatory-affairs", "lang": "en"},
        content=_example("pharmacist-regulatory-affairs.csv"), headers=CSV,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["matches"]["unmatched"] == 1
    unmatched = next(line for line in body["matches"]["lines"] if line["status"] == "unmatched")
    assert unmatched == {**unmatched, "line": 4, "text": "Pharmacovigilance", "match": None}
    gaps = {g["skill"]: g for g in body["gaps"]["gaps"]}
    device = gaps["pharma-md-health-data-regulation"]
    assert device["lines"] == [8108, 8112] and {"id": "medical-device-regulation", "label": "Medical-device regulation"} in device["missing"]
    assert any(p["programme"] == "du-toulouse-reglementation-ingenierie-dm" for p in device["providers"])
    assert [p["phase"] for p in body["gaps"]["phases"]] == ["conception", "realisation", "evaluation", "commercialisation"]


def test_gaps_from_json_match_csv(client: TestClient) -> None:
    params = {"family": "regulatory-affairs"}
    from_json = client.post("/profiles/gaps", params=params, content=_example("pharmacist-regulatory-affairs.json"), headers=JSON)
    from_csv = client.post("/profiles/gaps", params=params, content=_example("pharmacist-regulatory-affairs.csv"), headers=CSV)
    assert from_json.status_code == 200 and from_json.json()["gaps"] == from_csv.json()["gaps"]


def test_empty_profile_has_every_gap(client: TestClient) -> None:
    body = client.post("/profiles/gaps", params={"family": "quality"}, json=[]).json()
    assert body["gaps"]["gap_count"] == body["gaps"]["requirements"] == 5 and body["matches"]["lines"] == []


def test_recommendations(client: TestClient) -> None:
    profile = {"person": "Claire", "skills": [{"skill": "Réglementation du médicament", "level": "expert"}]}
    response = client.post("/profiles/recommendations", params={"family": "regulatory-affairs", "lang": "en"}, json=profile)
    assert response.status_code == 200, response.text
    picks = response.json()["recommendation"]["picks"]
    assert picks[0]["programme"] == "du-toulouse-reglementation-ingenierie-dm" and picks[0]["type"] == "UniversityDiploma"
    assert picks[0]["reason"].startswith("covers ") and "at cost 2" in picks[0]["reason"]
    assert response.json()["recommendation"]["uncovered"]
    exact = client.post(
        "/profiles/recommendations", params={"family": "regulatory-affairs", "solver": "exact", "cost": "Master2=3"}, json=profile
    ).json()["recommendation"]
    assert exact["solver"] == "exact" and exact["costs"]["Master2"] == 3


def test_team(client: TestClient) -> None:
    response = client.post("/profiles/team", params={"phase": ["1", "financement"]}, content=_example("smt-team.json"), headers=JSON)
    assert response.status_code == 200, response.text
    team = response.json()["team"]
    assert [p["phase"] for p in team["phases"]] == ["conception", "financement"]
    assert "ux-ui-designer" in team["uncovered_families"] and "data-jobs" not in team["uncovered_families"]
    cell = next(c for c in team["cells"] if c["family"] == "project-manager" and c["phase"] == "financement")
    assert cell["covered"] and cell["best_person"] == "Hugo Bernard"
    strict = client.post("/profiles/team", params={"cover": 1, "family": "data-jobs"}, content=_example("smt-team.csv"), headers=CSV)
    assert strict.json()["team"]["uncovered_families"] == ["data-jobs"]


def test_malformed_csv_is_422_with_line_and_field(client: TestClient) -> None:
    body = "person,skill,level\nAnne,drug-regulation,expert\nAnne,digital-health,wizard\n"
    response = client.post("/profiles/gaps", params={"family": "quality"}, content=body, headers=CSV)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_profile"
    assert response.json()["problems"] == [
        {"line": 3, "record": "Anne", "field": "level", "message": response.json()["problems"][0]["message"]}
    ]
    short = client.post("/profiles/gaps", params={"family": "quality"}, content="person,skill,level\nA,x\n", headers=CSV)
    assert short.status_code == 422 and short.json()["problems"][0]["line"] == 2


def test_malformed_json_is_422_with_line(client: TestClient) -> None:
    response = client.post("/profiles/team", content=b'[\n {"skill": "x"},\n {"skill": }\n]', headers=JSON)
    assert response.status_code == 422 and response.json()["problems"][0]["line"] == 3
    response = client.post("/profiles/team", content=b'{"people": [\n {"person": "A", "skils": []}]}', headers=JSON)
    assert response.status_code == 422 and response.json()["problems"][0]["field"] == "people[0].skils"
    empty = client.post("/profiles/team", content=b"", headers=JSON)
    assert empty.status_code == 422 and "empty" in empty.json()["message"]


def test_bad_parameters(client: TestClient) -> None:
    unknown = client.post("/profiles/gaps", params={"family": "nurse"}, json=[])
    assert unknown.status_code == 422
    assert unknown.json()["error"] == "invalid_parameter" and unknown.json()["parameter"] == "family"
    phase = client.post("/profiles/team", params={"phase": "launch"}, json=[])
    assert phase.status_code == 422 and phase.json()["parameter"] == "phase"
    person = client.post("/profiles/gaps", params={"family": "quality", "person": "Zoé"}, json=[])
    assert person.status_code == 422 and person.json()["parameter"] == "person"
    cost = client.post("/profiles/recommendations", params={"family": "quality", "cost": "Master2=-1"}, json=[])
    assert cost.status_code == 422 and cost.json()["parameter"] == "cost"
    assert client.post("/profiles/gaps", json=[]).status_code == 422  # family is required
    assert client.post("/profiles/gaps", params={"family": "quality", "min_level": 7}, json=[]).status_code == 422
    media = client.post("/profiles/gaps", params={"family": "quality"}, content=b"<x/>", headers={"content-type": "application/xml"})
    assert media.status_code == 415


def test_csv_charset(client: TestClient) -> None:
    body = "skill,level\nRéglementation des dispositifs médicaux,avancé\n".encode("cp1252")
    response = client.post("/profiles/gaps", params={"family": "regulatory-affairs"}, content=body,
                           headers={"content-type": "text/csv; charset=windows-1252"})
    assert response.status_code == 200 and response.json()["matches"]["matched"] == 1


def test_openapi_documents_both_bodies_and_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/profiles/gaps", "/profiles/team", "/profiles/recommendations"):
        operation = spec["paths"][path]["post"]
        assert operation["tags"] == ["HR: profiles and gaps"]
        assert set(operation["requestBody"]["content"]) == {"application/json", "text/csv"}
        assert "$defs" not in str(operation["requestBody"]) and {"200", "415", "422"} <= set(operation["responses"])
        assert operation["description"]
    assert "weighted set" in spec["paths"]["/profiles/recommendations"]["post"]["description"]


def test_documented_body_models_accept_the_examples() -> None:
    import json

    assert PersonProfile.model_validate(json.loads(_example("pharmacist-regulatory-affairs.json"))).person == "Claire Martin"
    assert len(TeamProfile.model_validate(json.loads(_example("smt-team.json"))).people) == 3
    assert ProfileItem.model_validate({"skill": "x", "level": "expert"}).person is None


def test_html_report_of_a_profile(client: TestClient) -> None:
    body = "skill\nRéglementation du médicament\n"
    response = client.post(
        "/profiles/report", params={"family": "regulatory-affairs"}, content=body.encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "8108" in response.text and "http://" not in response.text and "https://" not in response.text
    assert "Règlementation et ingénierie des dispositifs médicaux" in response.text
