"""Two halves of a job, one in a forked child: same result as one process, failures redone here."""

from __future__ import annotations

import os

import pytest

from skillgraph import forked
from skillgraph.forked import can_fork, run_halves

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs os.fork, two cores and no other thread")


def test_the_second_half_runs_in_a_child_and_comes_back_in_order() -> None:
    parent = os.getpid()
    results = run_halves(lambda half: [(item, os.getpid() == parent) for item in half], ["a", "b"], ["c"])
    assert results == [("a", True), ("b", True), ("c", False)]


def test_a_half_that_fails_in_the_child_is_redone_in_the_parent() -> None:
    parent = os.getpid()

    def job(half: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return [n * 2 for n in half]

    assert run_halves(job, [1], [2, 3]) == [2, 4, 6]


@pytest.mark.parametrize("failing", ["first", "second"], ids=["parent-half", "child-half"])
def test_an_error_of_the_job_is_raised_as_without_forking(failing: str) -> None:
    def job(half: str) -> list[str]:
        if half == failing:
            raise ValueError(f"bad {half}")
        return [half]

    with pytest.raises(ValueError, match=f"bad {failing}"):
        run_halves(job, "first", "second")


def test_without_fork_both_halves_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    parent = os.getpid()
    assert run_halves(lambda half: [os.getpid() == parent for _ in half], [1], [2]) == [True, True]


@pytest.mark.parametrize(("load", "spare"), [(0.2, True), (5.0, False)], ids=["idle", "busy"])
def test_a_spare_core_is_one_the_load_average_leaves_idle(monkeypatch: pytest.MonkeyPatch, load: float, spare: bool) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert forked.spare_core() is spare
