"""A pool of query worker processes: time limits that really stop a query.

pyoxigraph cannot cancel a query from Python, and a thread that times out keeps burning
CPU. Each query therefore runs in a worker process; past the time limit the worker is
killed (its CPU freed at once), the client gets a 503, and a fresh worker takes its place.
When every worker is busy for longer than the admission wait, the request is refused at
once with 503 and ``Retry-After`` instead of queueing without bound.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from .worker import Failure, Job, Success, serve_forever

__all__ = ["QueryExecutor"]

_log = logging.getLogger("skillgraph.server")
_CONTEXT = multiprocessing.get_context("spawn")
_START_TIMEOUT = 60.0


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection


class QueryExecutor:
    """Runs `Job`s in ``size`` worker processes, each answer within ``timeout`` seconds."""

    def __init__(
        self,
        size: int,
        timeout: float,
        admission_wait: float,
        memory_limit_mb: int = 0,
        release: Callable[[], Path] | None = None,
    ) -> None:
        self._size = size
        self._timeout = timeout
        self._admission_wait = admission_wait
        self._memory_limit_mb = memory_limit_mb
        self._release = release
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting: asyncio.Lock | None = None
        self._background: set[asyncio.Task[None]] = set()

    # -- life cycle ---------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        """Start a worker and wait until it is ready (blocking: call from a thread)."""
        parent, child = _CONTEXT.Pipe()
        release = str(self._release()) if self._release is not None else None
        process = _CONTEXT.Process(target=serve_forever, args=(child, self._memory_limit_mb, release), daemon=True)
        process.start()
        child.close()
        if not parent.poll(_START_TIMEOUT) or parent.recv() != "ready":
            process.kill()
            raise RuntimeError(f"a query worker did not start within {_START_TIMEOUT} s")
        worker = _Worker(process, parent)
        self._all.add(worker)
        return worker

    async def _ensure_started(self) -> asyncio.Queue[_Worker]:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            # Started on first use, on the loop that serves requests (TestClient or uvicorn).
            self.close()
            self._loop = loop
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._idle is None:
                workers = await run_in_threadpool(lambda: [self._spawn() for _ in range(self._size)])
                self._idle = asyncio.Queue()
                for worker in workers:
                    self._idle.put_nowait(worker)
        return self._idle

    def close(self) -> None:
        """Stop every worker (at shutdown)."""
        for worker in list(self._all):
            self._kill(worker)
        self._idle = None

    def _kill(self, worker: _Worker) -> None:
        self._all.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()

    async def _replace(self, worker: _Worker) -> None:
        idle = self._idle
        await run_in_threadpool(self._kill, worker)
        fresh = await run_in_threadpool(self._spawn)
        if idle is not None and idle is self._idle:
            idle.put_nowait(fresh)

    # -- running ------------------------------------------------------------------------
    def pids(self) -> set[int]:
        """Process ids of the live workers (for health checks and tests)."""
        return {w.process.pid for w in self._all if w.process.pid is not None and w.process.is_alive()}

    @property
    def busy(self) -> int:
        return self._size - (self._idle.qsize() if self._idle is not None else self._size)

    def _in_background(self, coroutine: Coroutine[None, None, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def run(self, job: Job) -> Success | Failure:
        idle = await self._ensure_started()
        try:
            worker = await asyncio.wait_for(idle.get(), timeout=self._admission_wait)
        except TimeoutError:
            return Failure(503, "busy", "every query worker is busy; retry shortly")
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()
        try:
            worker.conn.send(job)
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
            try:
                await asyncio.wait_for(ready, timeout=self._timeout)
            finally:
                loop.remove_reader(fd)
            outcome: Success | Failure = await run_in_threadpool(worker.conn.recv)
        except TimeoutError:
            _log.warning("query stopped after %.1fs: worker %s killed", self._timeout, worker.process.pid)
            self._in_background(self._replace(worker))
            return Failure(503, "timeout", f"the query ran past the time limit of {self._timeout:g} s and was stopped")
        except (EOFError, OSError, asyncio.CancelledError) as exc:
            self._in_background(self._replace(worker))
            if isinstance(exc, asyncio.CancelledError):
                raise  # the client went away: the worker is replaced, its query dropped
            return Failure(503, "worker_died", "the query worker stopped (out of memory?); the query was not answered")
        idle.put_nowait(worker)
        return outcome
