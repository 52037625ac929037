"""The /analytics and /workforce routes on a small app over the shipped data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.server.holder import StoreHolder
from skillgraph.server.routes import analytics, workforce


@pytest.fixture(scope="module")
def client(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    app = FastAPI()
    app.state.holder = StoreHolder(built[0])
    app.include_router(analytics.router)
    app.include_router(workforce.router)
    with TestClient(app) as client:
        yield client


def test_bridges(client: TestClient) -> None:
    body = client.get("/analytics/bridges").json()
    first = body[0]
    assert first["skill"]["id"] == "digital-health-ecosystem" and first["family_count"] >= 3
    assert not any(b["common"] for b in body)
    common = client.get("/analytics/bridges", params={"include_common": True, "min_families": 10, "lang": "en"}).json()
    assert len(common) == 3 and all(b["common"] for b in common) and common[0]["skill"]["label"].startswith("Be ")


def test_clusters_and_similarity(client: TestClient) -> None:
    clusters = client.get("/analytics/clusters").json()
    assert clusters[0]["index"] == 1 and clusters[0]["skills"] and clusters[0]["main_families"]
    pairs = client.get("/analytics/similarity", params={"lang": "en"}).json()
    assert len(pairs) == 45 and {"first", "second", "skills", "topics", "shared_skills", "shared_topics"} <= set(pairs[0])


def test_mobility(client: TestClient) -> None:
    body = client.get("/analytics/mobility", params={"source": "medical-affairs", "target": "data-jobs"}).json()
    assert body["source"]["id"] == "medical-affairs" and body["target"]["id"] == "data-jobs"
    assert {s["skill"]["id"] for s in body["shared"]} == {"results-oriented", "development-process-oriented", "end-user-oriented"}
    programming = next(s for s in body["to_acquire"] if s["skill"]["id"] == "programming")
    assert programming["lines"] == [8700, 8700] and programming["phases"]
    assert body["path"][0]["id"] == "medical-affairs" and body["gentle_path"][-1]["id"] == "data-jobs"


def test_unknown_or_malformed_family_is_422_with_its_name(client: TestClient) -> None:
    unknown = client.get("/analytics/mobility", params={"source": "biostatistician", "target": "data-jobs"})
    assert unknown.status_code == 422
    body = unknown.json()
    assert body["error"] == "invalid_parameter" and body["parameter"] == "source"
    assert "biostatistician" in body["message"] and "data-jobs" in body["known"]
    target = client.get("/analytics/mobility", params={"source": "quality", "target": "nope"}).json()
    assert target["parameter"] == "target"
    malformed = client.get("/analytics/mobility", params={"source": "x> }", "target": "data-jobs"})
    assert malformed.status_code == 422 and "source" in malformed.text
    assert client.get("/analytics/mobility", params={"source": "quality"}).status_code == 422
    assert client.get("/analytics/bridges", params={"lang": "de"}).status_code == 422
    assert client.get("/analytics/bridges", params={"min_families": 0}).status_code == 422


def test_projection_defaults_and_own_scenario(client: TestClient) -> None:
    body = client.get("/workforce/projection").json()
    assert [round(y["companies"], 1) for y in body["years"]] == [10.7, 11.4, 12.3, 13.1, 14.0]
    assert body["scenario"]["cagr"] == 0.07 and body["scenario"]["existing_headcount"] == 635
    custom = client.get("/workforce/projection", params={"cagr": 0.1, "employees": 50, "growth": 0.2}).json()
    assert custom["scenario"]["employees_per_company"] == 50 and custom["years"][0]["jobs_new_companies"] == pytest.approx(50)
    assert custom["years"] != body["years"]
    assert client.get("/workforce/projection", params={"cagr": 5}).status_code == 422
    assert client.get("/workforce/projection", params={"reading": "guess"}).status_code == 422
    assert client.get("/workforce/projection", params={"reading": "stated-linear"}).json()["years"][-1]["jobs_growth"] == pytest.approx(126)


def test_comparison(client: TestClient) -> None:
    body = client.get("/workforce/comparison").json()
    assert len(body["rows"]) == 27 and body["best_reading"] == "actual-headcount"
    assert [r["year"] for r in body["rows"] if not r["reproduced"]] == [2024]
    assert all(r["explanation"] for r in body["rows"])
    changed = client.get("/workforce/comparison", params={"cagr": 0.1}).json()
    assert changed["scenario_differences"] == ["cagr 0.1 (study: 0.07)"]


def test_openapi_documents_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/analytics/bridges", "/analytics/clusters", "/analytics/similarity", "/analytics/mobility",
            "/workforce/projection", "/workforce/comparison"} <= set(paths)
    mobility = paths["/analytics/mobility"]["get"]
    assert "biostatistician" in mobility["description"] and "422" in mobility["responses"]
    assert {p["name"] for p in paths["/workforce/projection"]["get"]["parameters"]} >= {"cagr", "employees", "growth"}
