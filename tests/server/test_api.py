"""The named queries as typed REST routes, the catalogue, VoID, and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.catalogue import load_catalogue
from skillgraph.server import create_app
from skillgraph.settings import Settings

from ..conftest import API

CATALOGUE = load_catalogue(API / "queries")


@pytest.fixture(scope="module")
def client(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store_dir=built[0], query_workers=1))) as client:
        yield client


def test_catalogue_lists_every_query_with_its_sparql(client: TestClient) -> None:
    entries = client.get("/api/queries").json()
    assert {e["name"] for e in entries} == set(CATALOGUE)
    entry = next(e for e in entries if e["name"] == "regulatory-masters-device-digital")
    assert entry["path"] == "/api/regulatory-masters-device-digital"
    assert "SELECT" in entry["sparql"] and {p["name"] for p in entry["params"]} >= {"jobFamily", "programmeType"}
    assert entry["binding"] == "values" and "VALUES" not in entry["sparql"]  # the text is the file's, unbound
    assert {e["binding"] for e in entries} == {"substitutions", "values"}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_named_query_answers_with_its_defaults(client: TestClient, name: str) -> None:
    body = client.get(f"/api/{name}").json()
    assert body["query"] == name
    if CATALOGUE[name].requires:  # needs the ESCO / ROME graphs, not imported here
        return
    assert body["total"] > 0 and body["rows"]
    assert set(body["rows"][0]) == set(body["vars"])


def test_study_answer_through_rest(client: TestClient) -> None:
    body = client.get("/api/regulatory-masters-device-digital", params={"limit": 1000}).json()
    statuses = {(r["provider"], r["deviceRegulation"]) for r in body["rows"]}
    assert ("Université de Strasbourg", "exclusive-choice") in statuses
    assert body["params"]["programmeType"] == "Master2"


def test_parameters_are_validated_and_named(client: TestClient) -> None:
    bad_enum = client.get("/api/regulatory-masters-device-digital", params={"programmeType": "Licence"})
    assert bad_enum.status_code == 422 and "programmeType" in bad_enum.text
    injection = client.get("/api/regulatory-masters-device-digital", params={"jobFamily": "x> } UNION { ?s ?p ?o"})
    assert injection.status_code == 422
    assert injection.json() == {
        "error": "invalid_parameter",
        "parameter": "jobFamily",
        "message": injection.json()["message"],
    }


def test_an_unknown_identifier_is_a_plain_value_with_no_rows(client: TestClient) -> None:
    body = client.get("/api/regulatory-masters-device-digital", params={"jobFamily": "no-such-family"}).json()
    assert body["total"] == 0 and body["rows"] == []


def test_pagination_and_csv(client: TestClient) -> None:
    full = client.get("/api/programmes-lacking-topic", params={"limit": 1000}).json()
    page = client.get("/api/programmes-lacking-topic", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == full["total"] > 10 and page["rows"] == full["rows"][5:10]
    csv = client.get("/api/programmes-lacking-topic", params={"format": "csv", "limit": 3})
    assert csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text.strip().splitlines()) == 4 and csv.headers["x-total-count"] == str(full["total"])
    assert client.get("/api/programmes-lacking-topic", params={"limit": 0}).status_code == 422


def test_openapi_documents_typed_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/regulatory-masters-device-digital"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert {"jobFamily", "programmeType", "format", "limit", "offset"} <= set(params)
    assert "Master2" in str(params["programmeType"]["schema"])
    assert params["jobFamily"]["schema"]["examples"] == ["regulatory-affairs"]
    assert "Default: regulatory-affairs" in params["jobFamily"]["description"]
    assert "_holder" not in params and "request" not in params
    assert "200" in operation["responses"] and "422" in operation["responses"]


def test_void_description(client: TestClient) -> None:
    response = client.get("/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    for needle in ("void#triples", "void#classes", "void#properties", "opensource.org/licenses/MIT", "source/aec-2020", "void#sparqlEndpoint"):
        assert needle in response.text


def test_access_log_has_one_json_line_per_request(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    import json

    with caplog.at_level("INFO", logger="skillgraph.access"):
        client.get("/sparql", params={"query": "ASK {}"})
    record = json.loads(caplog.records[-1].getMessage())
    assert record["path"] == "/sparql" and record["status"] == 200 and len(record["query_hash"]) == 12
    assert record["rows"] == 1 and record["ms"] >= 0


def test_the_application_serves_the_query_page_and_offline_docs(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'lang="fr"' in page.text
    assert client.get("/static/app.js").status_code == 200
    for path in ("/docs", "/redoc"):
        html = client.get(path).text
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html and "https://" not in html


def test_a_bug_is_a_500_with_an_incident_id_and_no_trace(built: tuple[Path, BuildReport], monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(Settings(store_dir=built[0], query_workers=1))

    def broken(self: object) -> None:
        raise RuntimeError("secret detail at /srv/skillgraph/store")

    with TestClient(app, raise_server_exceptions=False) as client:
        monkeypatch.setattr(type(app.state.holder), "current", broken)
        with caplog.at_level("ERROR", logger="skillgraph.server"):
            response = client.get("/sparql", params={"query": "ASK {}"})
    body = response.json()
    assert response.status_code == 500 and body["error"] == "internal_error" and len(body["incident"]) == 12
    assert "secret" not in response.text and "/srv" not in response.text and "Traceback" not in response.text
    assert body["incident"] in caplog.text and "secret detail" in caplog.text


def test_an_unreadable_store_is_a_503_without_its_path(built: tuple[Path, BuildReport], monkeypatch: pytest.MonkeyPatch) -> None:
    from skillgraph.errors import StoreError

    app = create_app(Settings(store_dir=built[0], query_workers=1))

    def gone(self: object) -> None:
        raise StoreError("/srv/skillgraph/store: 'current' points to a missing release")

    with TestClient(app) as client:
        monkeypatch.setattr(type(app.state.holder), "current", gone)
        response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 503 and "/srv" not in response.text and response.json()["incident"]
