"""The coverage routes for training bodies, on a small app with just this router."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.server.holder import StoreHolder
from skillgraph.server.routes.coverage import router

STRASBOURG = "m2-strasbourg-reglementation-droit-pharmaceutique"


@pytest.fixture(scope="module")
def client(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    app = FastAPI()
    app.include_router(router)
    app.state.holder = StoreHolder(built[0])
    with TestClient(app) as client:
        yield client


def test_coverage_of_a_programme(client: TestClient) -> None:
    response = client.get("/coverage", params={"programme": STRASBOURG, "family": "regulatory-affairs"})
    assert response.status_code == 200
    body = response.json()
    assert body["programme_label"] == "Réglementation et droit pharmaceutique" and body["prepares"] is True
    assert 0 < body["overall"]["guaranteed"] < body["overall"]["possible"] <= 1
    assert set(body["by_phase"]) == {"conception", "realisation", "evaluation", "commercialisation"}
    assert body["gaps"] and all(r["lines"][0] <= r["lines"][1] for r in body["requirements"])
    english = client.get("/coverage", params={"programme": STRASBOURG, "family": "regulatory-affairs", "lang": "en"})
    assert english.json()["family_label"] == "Regulatory affairs"


@pytest.mark.parametrize("params, parameter, value", [
    ({"programme": "m2-nowhere", "family": "regulatory-affairs"}, "programme", "m2-nowhere"),
    ({"programme": STRASBOURG, "family": "regulatory"}, "family", "regulatory"),
])
def test_unknown_ids_are_named_in_a_422(client: TestClient, params: dict[str, str], parameter: str, value: str) -> None:
    response = client.get("/coverage", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["parameter"] == parameter and f"'{value}'" in detail["message"]


def test_matrix_json_and_csv(client: TestClient) -> None:
    body = client.get("/coverage/matrix").json()
    assert len(body["families"]) == 10 and len(body["cells"]) == 420
    assert all(0 <= c["guaranteed"] <= c["possible"] <= 1 for c in body["cells"])
    regulatory = [c for c in body["cells"] if c["family"] == "regulatory-affairs" and c["prepares"]
                  and c["programme"].startswith("m2-")]
    assert max(regulatory, key=lambda c: c["possible"])["programme"] == STRASBOURG
    response = client.get("/coverage/matrix", params={"format": "csv", "scope": "preparing"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 10 * 42 and sum(1 for r in rows if r["guaranteed"]) == 43  # 41 programmes + 1 with 2 families
    bad = client.get("/coverage/matrix", params={"programme_type": "licence"})
    assert bad.status_code == 422 and bad.json()["detail"]["parameter"] == "programme_type"


def test_heatmaps(client: TestClient) -> None:
    svg = client.get("/coverage/heatmap.svg", params={"programme_type": "master2"})
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    ET.fromstring(svg.content)
    again = client.get("/coverage/heatmap.svg", params={"programme_type": "master2"})
    assert again.content == svg.content
    png = client.get("/coverage/heatmap.png", params={"programme_type": "Master2", "lang": "en"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_benchmark(client: TestClient) -> None:
    body = client.get("/coverage/benchmark", params={"programme": STRASBOURG, "topic": "regulation",
                                                    "basis": "possible"}).json()
    assert body["n_peers"] == 8 and body["rank_possible"] == 1
    assert body["topics_covered"] == 4 == body["topics_total"] and body["median_topics"] == 2.5
    assert "1er rang sur 8" in body["sentence_fr"] and "ranks 1st of 8" in body["sentence_en"]
    ambiguous = client.get("/coverage/benchmark", params={"programme": "master-numerique-sante"})
    assert ambiguous.status_code == 422 and ambiguous.json()["detail"]["parameter"] == "family"
    unknown = client.get("/coverage/benchmark", params={"programme": STRASBOURG, "topic": "regul"})
    assert unknown.status_code == 422 and unknown.json()["detail"]["parameter"] == "topic"


def test_training_report(client: TestClient) -> None:
    response = client.get("/reports/training", params={"programme": STRASBOURG, "lang": "en"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="en">' in html and "Coverage report" in html
    assert not re.search(r"https?://", html)
    assert "The study's recommendations to training bodies" in html.replace("&#39;", "'")
    typed = client.get("/reports/training", params={"programme_type": "university-diploma"})
    assert typed.status_code == 200 and typed.text.count('class="programme"') == 2
    neither = client.get("/reports/training")
    assert neither.status_code == 422 and neither.json()["detail"]["parameter"] == "programme"
    unknown = client.get("/reports/training", params={"programme_type": "licence"})
    assert unknown.status_code == 422 and unknown.json()["detail"]["parameter"] == "programme_type"


def test_openapi_documents_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/coverage", "/coverage/matrix", "/coverage/heatmap.svg", "/coverage/heatmap.png",
                 "/coverage/benchmark", "/reports/training"):
        operation = paths[path]["get"]
        assert operation["tags"] == ["training bodies: coverage"] and operation["description"]
    assert paths["/coverage"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "CoverageAnswer")


# --- filters of the matrix and heatmaps: kind of programme, city, topic -------------------------


def _programmes(client: TestClient, **params: object) -> set[str]:
    response = client.get("/coverage/matrix", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert {c["programme"] for c in body["cells"]} == {p["id"] for p in body["programmes"]}
    return {p["id"] for p in body["programmes"]}


def test_matrix_city_filter_keeps_the_programmes_given_there(client: TestClient, built: tuple[Path, BuildReport]) -> None:
    from skillgraph.gaps.model import load_model, short
    from skillgraph.store import open_store

    model = load_model(open_store(built[0]))
    in_lyon = {short(p) for p, prog in model.programmes.items() if "Lyon" in prog.cities}
    assert in_lyon and _programmes(client, city="lyon") == in_lyon  # case ignored
    both = {short(p) for p, prog in model.programmes.items() if prog.cities & {"Lyon", "Compiègne"}}
    assert _programmes(client, city=["Lyon", "compiegne"]) == both  # accents ignored, repeatable


def test_matrix_topic_filter_keeps_programmes_teaching_it_or_narrower(client: TestClient) -> None:
    device = _programmes(client, topic="medical-device-regulation")
    regulation = _programmes(client, topic="regulation")
    assert STRASBOURG in device  # its medical-device option
    assert device < regulation  # a narrower topic counts for its broader one
    assert "m2-reims-chimie-substances-naturelles-medicament" not in device


def test_matrix_filters_combine_and_cells_keep_their_values(client: TestClient) -> None:
    full = {(c["family"], c["programme"]): c for c in client.get("/coverage/matrix").json()["cells"]}
    body = client.get("/coverage/matrix", params={"programme_type": "master2", "city": "Strasbourg",
                                                 "topic": "regulation"}).json()
    assert [p["id"] for p in body["programmes"]] == [STRASBOURG]
    for cell in body["cells"]:
        assert cell == full[(cell["family"], cell["programme"])]
    rows = list(csv.DictReader(io.StringIO(client.get("/coverage/matrix", params={
        "format": "csv", "city": "Strasbourg", "programme_type": "master2"}).text)))
    assert {r["programme"] for r in rows} == {STRASBOURG} and len(rows) == 10


@pytest.mark.parametrize("params, parameter", [
    ({"city": "Atlantis"}, "city"),
    ({"topic": "astrology"}, "topic"),
], ids=["unknown-city", "unknown-topic"])
def test_matrix_unknown_filter_is_a_422_naming_it(client: TestClient, params: dict[str, str], parameter: str) -> None:
    for path in ("/coverage/matrix", "/coverage/heatmap.svg", "/coverage/heatmap.png"):
        response = client.get(path, params=params)
        assert response.status_code == 422, path
        assert response.json()["detail"]["parameter"] == parameter


def test_heatmap_follows_the_filters(client: TestClient) -> None:
    lyon = client.get("/coverage/heatmap.svg", params={"city": "Lyon"})
    everything = client.get("/coverage/heatmap.svg")
    assert lyon.status_code == 200 and lyon.content != everything.content
    ET.fromstring(lyon.content)
    png = client.get("/coverage/heatmap.png", params={"city": "Lyon", "topic": "regulation"})
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
