"""Two halves of a job, one in a forked child: same result as one process, failures redone here."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from skillgraph import forked
from skillgraph.forked import run_halves

# Forking is refused while other threads run, and earlier tests of a session leave some (server
# fixtures, thread pools). The fork itself is therefore tested in a fresh interpreter.
_PRELUDE = """
import os
from skillgraph.forked import can_fork, run_halves
assert can_fork(), "a fresh interpreter on this machine should be able to fork"
parent = os.getpid()
"""


def _fresh(code: str) -> str:
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        pytest.skip("needs os.fork and two cores")
    done = subprocess.run([sys.executable, "-c", _PRELUDE + textwrap.dedent(code)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_second_half_runs_in_a_child_and_comes_back_in_order() -> None:
    out = _fresh("print(run_halves(lambda half: [(item, os.getpid() == parent) for item in half], ['a', 'b'], ['c']))")
    assert out == "[('a', True), ('b', True), ('c', False)]"


def test_a_half_that_fails_in_the_child_is_redone_in_the_parent() -> None:
    out = _fresh("""
        def job(half):
            if os.getpid() != parent:
                raise RuntimeError("only in the child")
            return [n * 2 for n in half]
        print(run_halves(job, [1], [2, 3]))
    """)
    assert out == "[2, 4, 6]"


@pytest.mark.parametrize("failing", ["first", "second"], ids=["parent-half", "child-half"])
def test_an_error_of_the_job_is_raised_as_without_forking(failing: str) -> None:
    out = _fresh(f"""
        def job(half):
            if half == {failing!r}:
                raise ValueError("bad " + half)
            return [half]
        try:
            run_halves(job, "first", "second")
        except ValueError as exc:
            print("raised:", exc)
    """)
    assert out == f"raised: bad {failing}"


def test_without_fork_both_halves_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    parent = os.getpid()
    assert run_halves(lambda half: [os.getpid() == parent for _ in half], [1], [2]) == [True, True]


@pytest.mark.parametrize(("load", "spare"), [(0.2, True), (5.0, False)], ids=["idle", "busy"])
def test_a_spare_core_is_one_the_load_average_leaves_idle(monkeypatch: pytest.MonkeyPatch, load: float, spare: bool) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert forked.spare_core() is spare
