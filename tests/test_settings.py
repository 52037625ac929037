"""One settings object: environment variables and a .env file, read when asked, never at import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.server import create_app
from skillgraph.settings import Settings


def test_environment_variables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SKILLGRAPH_QUERY_TIMEOUT", "3.5")
    monkeypatch.setenv("SKILLGRAPH_SERVICE_ALLOWLIST", '["http://example.org/sparql"]')
    settings = Settings()
    assert settings.query_timeout == 3.5 and settings.service_allowlist == ["http://example.org/sparql"]
    assert settings.update_token is None and settings.allow_updates is False


def test_a_dot_env_file_in_the_working_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("SKILLGRAPH_PORT=8123\nSKILLGRAPH_UPDATE_TOKEN=t0ken\n", encoding="utf-8")
    settings = Settings()
    assert settings.port == 8123 and settings.update_token is not None
    assert "t0ken" not in repr(settings)  # a secret is never printed


def test_invalid_settings_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SKILLGRAPH_QUERY_WORKERS", "0")
    with pytest.raises(ValueError, match="query_workers"):
        Settings()


@pytest.fixture
def cors_client(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    settings = Settings(store_dir=built[0], query_workers=1, cors_origins=["https://hr.example.org"])
    with TestClient(create_app(settings)) as client:
        yield client


def test_cors_origins(cors_client: TestClient) -> None:
    allowed = cors_client.get("/health", headers={"Origin": "https://hr.example.org"})
    other = cors_client.get("/health", headers={"Origin": "https://evil.example.org"})
    assert allowed.headers.get("access-control-allow-origin") == "https://hr.example.org"
    assert "access-control-allow-origin" not in other.headers
