"""A pool of query worker processes: time limits that really stop a query.

pyoxigraph cannot cancel a query from Python, and a thread that times out keeps burning
CPU. Each query therefore runs in a worker process; past the time limit the worker is
killed (its CPU freed at once), the client gets a 503, and a fresh worker takes its place.
When every worker is busy for longer than the admission wait, the request is refused at
once with 503 and ``Retry-After`` instead of queueing without bound. A worker that runs out
of its memory allowance dies (503 ``out_of_memory``), and a client that hangs up has its
worker killed at once (logged as 499): either way a fresh worker takes its place.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from .context import RequestContext, current_request
from .worker import Failure, Job, Success, serve_forever

__all__ = ["QueryExecutor"]

_log = logging.getLogger("skillgraph.server")
_CONTEXT = multiprocessing.get_context("spawn")
_START_TIMEOUT = 60.0
#: Seconds between two checks that the client of a running query is still connected.
_PROBE_EVERY = 0.2


class _ClientGone(Exception):
    """The client closed its connection while its query ran."""


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
        else:
            await run_in_threadpool(self._kill, fresh)  # closed meanwhile (shutdown): leave no orphan

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
        """Answer ``job`` in a worker; the request context (if any) is charged the worker time
        used, and a client that hangs up has its worker stopped at once."""
        idle = await self._ensure_started()
        try:
            worker = await asyncio.wait_for(idle.get(), timeout=self._admission_wait)
        except TimeoutError:
            return Failure(503, "busy", "every query worker is busy; retry shortly")
        context = current_request()
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            outcome = await self._ask(worker, job, context)
        except TimeoutError:
            _log.warning("query stopped after %.1fs: worker %s killed", self._timeout, worker.process.pid)
            self._in_background(self._replace(worker))
            return Failure(503, "timeout", f"the query ran past the time limit of {self._timeout:g} s and was stopped")
        except _ClientGone:
            _log.info("client hung up after %.1fs: worker %s killed", loop.time() - started, worker.process.pid)
            self._in_background(self._replace(worker))
            return Failure(499, "client_closed_request", "the client closed the connection; the query was stopped")
        except (EOFError, OSError):
            failure = await run_in_threadpool(self._death, worker)
            self._in_background(self._replace(worker))
            return failure
        except asyncio.CancelledError:
            self._in_background(self._replace(worker))
            raise  # the server cancelled the request: the worker is replaced, its query dropped
        finally:
            if context is not None:
                context.worker_seconds += loop.time() - started
        idle.put_nowait(worker)
        return outcome

    async def _ask(self, worker: _Worker, job: Job, context: RequestContext | None) -> Success | Failure:
        """Send the job and wait for the answer, checking meanwhile that the client is still there."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()
        worker.conn.send(job)
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        deadline = loop.time() + self._timeout
        probe = context.disconnected if context is not None else None
        try:
            while not ready.done():
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise TimeoutError
                await asyncio.wait({ready}, timeout=min(remaining, _PROBE_EVERY) if probe else remaining)
                if not ready.done() and probe is not None and await probe():
                    raise _ClientGone
        finally:
            loop.remove_reader(fd)
        # uvloop (libuv) makes a watched descriptor non-blocking and leaves it so: an answer
        # larger than one pipe write would then fail half-read, and look like a dead worker.
        os.set_blocking(fd, True)
        outcome: Success | Failure = await run_in_threadpool(worker.conn.recv)
        return outcome

    def _death(self, worker: _Worker) -> Failure:
        """Why a worker stopped in the middle of a query (blocking: call from a thread)."""
        worker.process.join(timeout=2)
        code = worker.process.exitcode
        # Rust aborts the process when an allocation fails (SIGABRT); the kernel's OOM killer sends SIGKILL.
        if code in (-signal.SIGABRT, -signal.SIGKILL) and self._memory_limit_mb > 0:
            _log.warning("worker %s stopped by signal %s: out of memory", worker.process.pid, -code)
            return Failure(
                503,
                "out_of_memory",
                f"the query needed more memory than a query worker may use ({self._memory_limit_mb} MB) and was stopped",
            )
        _log.error("worker %s stopped during a query (exit code %s)", worker.process.pid, code)
        return Failure(503, "worker_died", f"the query worker stopped unexpectedly (exit code {code}); retry the query")
