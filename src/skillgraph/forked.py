"""Run two independent halves of a CPU-bound job on two cores: one in a forked child.

Python threads share one interpreter lock, and a spawned process would re-import and
re-build everything the job reads; a fork starts with it all in memory (copy-on-write)
and sends back only the result. Forking is skipped where it is unsafe or pointless: no
``os.fork``, a single core, or other threads running (a forked copy of a multi-threaded
process may deadlock on a lock another thread held).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import NoReturn, TypeVar

__all__ = ["can_fork", "run_halves", "spare_core"]

T = TypeVar("T")
A = TypeVar("A")


def can_fork() -> bool:
    """Whether `run_halves` would fork here."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


def spare_core() -> bool:
    """Whether a core looks idle (1-minute load average): on busy cores a second process only
    adds its start and its share of the switching, measured ~10 % slower than one process."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return True
    return load < (os.cpu_count() or 1) - 0.5


def run_halves(job: Callable[[A], list[T]], first: A, second: A) -> list[T]:
    """``job(first) + job(second)``, the second half in a forked child when `can_fork`.

    Whatever goes wrong in the child (an exception, a crash, a result that does not
    pickle) the parent runs that half itself, so errors surface exactly as they would
    without forking.
    """
    if not can_fork():
        return job(first) + job(second)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(reader)
        _child(job, second, writer)
    os.close(writer)
    try:
        mine = job(first)
    finally:
        # Read before waiting: a child blocked on a full pipe would never exit.
        with os.fdopen(reader, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
    try:
        theirs: list[T] = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError):
        # The child failed (an exception, a crash): nothing came back.
        theirs = job(second)
    return mine + theirs


def _child(job: Callable[[A], list[T]], half: A, writer: int) -> NoReturn:  # pragma: no cover
    code = 1
    try:
        payload = pickle.dumps(job(half))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
        code = 0
    finally:
        # Leave at once, whatever happened: no atexit handlers, no flushing of buffers
        # copied from the parent, and an exception here ends here (the parent redoes the half).
        os._exit(code)
