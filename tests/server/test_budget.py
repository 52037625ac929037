"""Per-client time budget: a greedy client gets 429 with Retry-After, the others are still served."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from skillgraph.build import BuildReport
from skillgraph.server import create_app
from skillgraph.server.budget import ClientBudget, client_key_hash
from skillgraph.settings import Settings

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
GREEDY = {"X-API-Key": "greedy-key"}
OTHER = {"X-API-Key": "other-key"}


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_query_is_charged_and_the_account_refills() -> None:
    clock = _Clock()
    budget = ClientBudget(seconds=10, window=60, max_concurrent=0, clock=clock)
    assert budget.admit("a") is None
    budget.release("a", worker_seconds=14)
    refusal = budget.admit("a")
    assert refusal is not None and refusal.code == "budget_exhausted"
    assert refusal.retry_after == 24  # 4 s of debt at 10 s per minute
    assert budget.admit("b") is None  # another client is not affected
    clock.now += 23
    assert budget.admit("a") is not None
    clock.now += 2
    assert budget.admit("a") is None
    budget.release("a", 0)
    clock.now += 3600
    assert budget.balance("a") == 10  # never more than the budget


def test_concurrent_queries_are_capped_per_client() -> None:
    budget = ClientBudget(seconds=10, window=60, max_concurrent=2, clock=_Clock())
    assert budget.admit("a") is None and budget.admit("a") is None
    refusal = budget.admit("a")
    assert refusal is not None and refusal.code == "too_many_queries" and refusal.retry_after >= 1
    assert budget.admit("b") is None
    budget.release("a", 0.1)
    assert budget.admit("a") is None


def test_without_a_time_budget_only_the_cap_applies() -> None:
    budget = ClientBudget(seconds=0, window=60, max_concurrent=1, clock=_Clock())
    for _ in range(5):  # however much time each query used
        assert budget.admit("a") is None
        budget.release("a", 10)
    assert budget.admit("a") is None and budget.admit("a") is not None


def test_without_a_cap_only_the_time_budget_applies() -> None:
    budget = ClientBudget(seconds=5, window=60, max_concurrent=0, clock=_Clock())
    assert all(budget.admit("a") is None for _ in range(5))  # all in flight at once


def test_idle_full_accounts_are_forgotten() -> None:
    clock = _Clock()
    budget = ClientBudget(seconds=1, window=1, max_concurrent=1, clock=clock)
    for n in range(1500):
        assert budget.admit(f"client-{n}") is None
        budget.release(f"client-{n}", 0.5)
    clock.now += 2
    budget.admit("late")
    assert len(budget) < 10


@pytest.fixture
def greedy_app(built: tuple[Path, BuildReport]) -> Iterator[TestClient]:
    settings = Settings(
        store_dir=built[0], query_workers=2, query_timeout=1.5, client_budget_seconds=0.5, client_budget_window=2,
        client_max_concurrent=1, api_keys=["greedy-key", "other-key"],
    )
    with TestClient(create_app(settings)) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}, headers=OTHER).status_code == 200
        yield client


def test_a_greedy_client_gets_429_while_another_gets_200_and_its_budget_refills(
    greedy_app: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    slow = greedy_app.get("/sparql", params={"query": CARTESIAN}, headers=GREEDY)
    assert slow.status_code == 503 and slow.json()["error"] == "timeout"
    started = time.perf_counter()
    with caplog.at_level("INFO", logger="skillgraph.access"):
        refused = greedy_app.get("/sparql", params={"query": "ASK {}"}, headers=GREEDY)
    assert refused.status_code == 429 and refused.json()["error"] == "budget_exhausted"
    assert time.perf_counter() - started < 1.0  # refused at once, no worker involved
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= 8
    assert greedy_app.get("/api/queries", headers=OTHER).status_code == 200
    assert greedy_app.get("/sparql", params={"query": "ASK {}"}, headers=OTHER).status_code == 200
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "skillgraph.access"]
    assert logged[-1]["status"] == 429 and logged[-1]["api_key"] == client_key_hash("greedy-key")
    assert "greedy-key" not in caplog.text
    time.sleep(wait + 0.2)
    assert greedy_app.get("/sparql", params={"query": "ASK {}"}, headers=GREEDY).status_code == 200


def test_a_second_concurrent_query_of_one_client_is_429(greedy_app: TestClient) -> None:
    results: dict[str, int] = {}
    heavy = threading.Thread(
        target=lambda: results.update(heavy=greedy_app.get("/sparql", params={"query": CARTESIAN}, headers=GREEDY).status_code)
    )
    heavy.start()
    time.sleep(0.5)
    second = greedy_app.get("/sparql", params={"query": "ASK {}"}, headers=GREEDY)
    other = greedy_app.get("/sparql", params={"query": "ASK {}"}, headers=OTHER)
    heavy.join(timeout=30)
    assert second.status_code == 429 and second.json()["error"] == "too_many_queries" and "Retry-After" in second.headers
    assert other.status_code == 200
    assert results["heavy"] == 503


def test_an_unknown_api_key_is_401_and_health_is_never_metered(greedy_app: TestClient) -> None:
    response = greedy_app.get("/sparql", params={"query": "ASK {}"}, headers={"X-API-Key": "guessed"})
    assert response.status_code == 401 and response.json()["error"] == "unknown_api_key"
    assert greedy_app.get("/health", headers={"X-API-Key": "guessed"}).status_code == 200
