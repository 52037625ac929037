"""The whole application on the shipped data's store, for the page tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.gaps.model import GapModel, load_model
from skillgraph.server.app import create_app
from skillgraph.settings import Settings
from skillgraph.store import open_store


@pytest.fixture(scope="module")
def web(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store_dir=built[0], query_workers=1))) as client:
        yield client


@pytest.fixture(autouse=True)
def _no_language_cookie(request: pytest.FixtureRequest) -> None:
    """Each page test starts French-first: a ``?lang=en`` request leaves a cookie behind."""
    if "web" in request.fixturenames:
        request.getfixturevalue("web").cookies.clear()


@pytest.fixture(scope="module")
def gap_model(built: tuple[Path, BuildReport]) -> GapModel:
    return load_model(open_store(built[0]))
