"""The query worker pool: answers of any size come back whole, whatever the event loop does
to the pipe it watches."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skillgraph.build import BuildReport
from skillgraph.server.executor import QueryExecutor
from skillgraph.server.worker import Job, Success
from skillgraph.store import current_release

# Every quad of the study graph as SPARQL JSON: some MB, far more than one pipe write.
_EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def _run(release: Path, job: Job, nonblocking: bool) -> tuple[Any, int]:
    async def main() -> tuple[Any, int]:
        loop = asyncio.get_running_loop()
        if nonblocking:
            original: Callable[..., None] = loop.add_reader

            def add_reader(fd: int, callback: Callable[..., object], *args: object) -> None:
                os.set_blocking(fd, False)  # what uvloop (libuv) does to a watched descriptor
                original(fd, callback, *args)

            loop.add_reader = add_reader  # type: ignore[method-assign]
        executor = QueryExecutor(size=1, timeout=60, admission_wait=10, release=lambda: release)
        try:
            first = await executor.run(job)
            second = await executor.run(job)  # the same worker, its pipe watched a second time
            assert first == second
            return first, len(executor.pids())
        finally:
            executor.close()

    return asyncio.run(main())


@pytest.mark.parametrize("nonblocking", [False, True], ids=["asyncio", "descriptor-made-non-blocking"])
def test_a_large_answer_comes_back_whole(built: tuple[Path, BuildReport], nonblocking: bool) -> None:
    release = current_release(built[0])
    job = Job(release=str(release), query=_EVERYTHING, accept="application/sparql-results+json", max_rows=1_000_000)
    outcome, workers = _run(release, job, nonblocking)
    assert isinstance(outcome, Success), outcome
    assert len(outcome.body) > 1_000_000 and outcome.rows == sum(built[1].triples.values())
    assert workers == 1  # the worker answered and was kept, not replaced as dead
