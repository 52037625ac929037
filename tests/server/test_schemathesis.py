"""The OpenAPI contract fuzzed with schemathesis: no generated request gets a 5xx.

Requests go to the application in process (ASGI); examples per operation are few, so that
the whole contract runs in well under a minute on two cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.schemas import OpenApiSchema

from skillgraph.build import BuildReport
from skillgraph.server import create_app
from skillgraph.settings import Settings

#: Examples per operation: enough to cross every parameter's types and bounds at least once.
EXAMPLES = 6


@pytest.fixture(scope="module")
def app(built: tuple[Path, BuildReport]) -> Iterator[FastAPI]:
    # No per-client budget here: every generated request comes from one client.
    application = create_app(Settings(store_dir=built[0], query_workers=2, client_budget_seconds=0, client_max_concurrent=0))
    yield application
    application.state.executor.close()


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> OpenApiSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_generated_request_gets_a_server_error(api_schema: OpenApiSchema) -> None:
    # One test over every operation (the schema is only known once a store is built); hypothesis
    # reports the failing operation and the smallest request that failed.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 20
    failures: dict[str, str] = {}
    for operation in operations:
        cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

        @settings(
            max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        )
        @given(case=cases)
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        try:
            check()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures[operation.label] = str(exc)[:1500]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
