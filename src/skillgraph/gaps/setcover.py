"""Weighted set cover with at most one candidate per group: a greedy solver with the H(n) bound and an exact one.

:func:`greedy_cover` is the classic greedy algorithm: repeatedly take the candidate with the
lowest cost per newly covered element. Exclusive choices are respected by running it once per
admissible assignment of variants to the programmes that have several (after dropping dominated
variants; there is one such programme in the shipped data) and keeping the best result: most
elements covered, then lowest cost. Under the assignment an optimum uses, the greedy covers the
same elements at a cost ≤ H(n) × optimum (H the harmonic number, n the elements), so the result
keeps that bound. Above ``max_assignments`` it falls back to one greedy run that enforces one
variant per programme on the fly (no bound). :func:`exact_cover` is an exact branch-and-bound
for small instances (and the tests' reference); both return a :class:`CoverResult`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from math import prod

__all__ = ["Candidate", "CoverResult", "CoverStep", "exact_cover", "greedy_cover", "harmonic"]

_EPS = 1e-9


@dataclass(frozen=True)
class Candidate:
    """A set of the cover: ``key`` unique, at most one candidate per ``group`` taken, ``cost`` > 0."""

    key: str
    group: str
    cost: float
    covers: frozenset[Hashable]


@dataclass(frozen=True)
class CoverStep:
    candidate: Candidate
    new: frozenset[Hashable]  # the elements it covers that no earlier step covered

    @property
    def ratio(self) -> float:
        return self.candidate.cost / len(self.new) if self.new else float("inf")


@dataclass(frozen=True)
class CoverResult:
    steps: tuple[CoverStep, ...]
    cost: float
    covered: frozenset[Hashable]
    blocked: frozenset[Hashable]  # covered by some candidate, left out because of a one-per-group constraint
    uncoverable: frozenset[Hashable]  # no candidate covers them

    @property
    def picks(self) -> tuple[Candidate, ...]:
        return tuple(s.candidate for s in self.steps)


def harmonic(n: int) -> float:
    """H(n) = 1 + 1/2 + … + 1/n (H(0) = 0): the greedy's approximation factor."""
    return sum(1.0 / k for k in range(1, n + 1))


def _prepare(elements: frozenset[Hashable], candidates: Iterable[Candidate]) -> list[Candidate]:
    """Candidates restricted to the elements, empty ones dropped, dominated ones pruned.

    ``d`` dominates ``c`` when it covers at least as much for no more, and can stand in for ``c`` in
    any solution: same group, or alone in its group. Ties are broken by key so one of equals stays."""
    pool: list[Candidate] = []
    keys: set[str] = set()
    for c in candidates:
        if c.key in keys:
            raise ValueError(f"duplicate candidate key '{c.key}'")
        keys.add(c.key)
        if not c.cost > 0:
            raise ValueError(f"candidate '{c.key}' has cost {c.cost}; costs must be positive")
        covers = frozenset(c.covers) & elements
        if covers:
            pool.append(Candidate(c.key, c.group, c.cost, covers))
    size: dict[str, int] = defaultdict(int)
    for c in pool:
        size[c.group] += 1

    def dominates(d: Candidate, c: Candidate) -> bool:
        if d is c or not (d.covers >= c.covers and d.cost <= c.cost + _EPS):
            return False
        if d.group != c.group and size[d.group] != 1:
            return False
        strictly = d.covers != c.covers or d.cost < c.cost - _EPS
        return strictly or d.key < c.key

    return [c for c in pool if not any(dominates(d, c) for d in pool)]


def _better(a: CoverResult, b: CoverResult) -> bool:
    if len(a.covered) != len(b.covered):
        return len(a.covered) > len(b.covered)
    if abs(a.cost - b.cost) > _EPS:
        return a.cost < b.cost
    return len(a.steps) < len(b.steps)


def _result(elements: frozenset[Hashable], coverable: frozenset[Hashable], steps: list[CoverStep]) -> CoverResult:
    covered = frozenset().union(*(s.new for s in steps)) if steps else frozenset()
    return CoverResult(
        steps=tuple(steps),
        cost=sum(s.candidate.cost for s in steps),
        covered=covered,
        blocked=coverable - covered,
        uncoverable=elements - coverable,
    )


def _greedy(elements: frozenset[Hashable], pool: Sequence[Candidate], coverable: frozenset[Hashable]) -> CoverResult:
    uncovered = set().union(*(c.covers for c in pool)) if pool else set()
    used: set[str] = set()
    steps: list[CoverStep] = []
    while uncovered:
        best: tuple[tuple[float, int, float, str], Candidate, frozenset[Hashable]] | None = None
        for c in pool:
            if c.group in used:
                continue
            new = c.covers & uncovered
            if not new:
                continue
            rank = (c.cost / len(new), -len(new), c.cost, c.key)
            if best is None or rank < best[0]:
                best = (rank, c, frozenset(new))
        if best is None:
            break
        _, chosen, new = best
        steps.append(CoverStep(chosen, new))
        used.add(chosen.group)
        uncovered -= new
    return _result(elements, coverable, steps)


def greedy_cover(elements: Iterable[Hashable], candidates: Iterable[Candidate], *, max_assignments: int = 256) -> CoverResult:
    """Greedy weighted set cover with at most one candidate per group (see the module docstring)."""
    elements = frozenset(elements)
    pool = _prepare(elements, candidates)
    coverable = frozenset().union(*(c.covers for c in pool)) if pool else frozenset()
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c in pool:
        groups[c.group].append(c)
    multi = sorted(g for g, members in groups.items() if len(members) > 1)
    if prod(len(groups[g]) for g in multi) > max_assignments:
        return _greedy(elements, pool, coverable)
    singles = [c for c in pool if len(groups[c.group]) == 1]
    # product() of no groups yields one empty choice, so there is always a first result.
    results = (_greedy(elements, singles + list(chosen), coverable) for chosen in product(*(groups[g] for g in multi)))
    best = next(results)
    for result in results:
        if _better(result, best):
            best = result
    return best


def exact_cover(elements: Iterable[Hashable], candidates: Iterable[Candidate], *, max_candidates: int = 40) -> CoverResult:
    """An optimal cover: most elements covered, then lowest cost (branch and bound, for small instances).

    Raises ``ValueError`` when more than ``max_candidates`` useful candidates remain after pruning."""
    elements = frozenset(elements)
    candidates = list(candidates)
    pool = _prepare(elements, candidates)
    if len(pool) > max_candidates:
        raise ValueError(f"{len(pool)} candidates: too many for the exact solver (at most {max_candidates})")
    coverable = frozenset().union(*(c.covers for c in pool)) if pool else frozenset()
    incumbent = greedy_cover(elements, candidates)
    best_missed, best_cost, best_picks = len(incumbent.blocked), incumbent.cost, incumbent.picks
    by_element = {e: sorted((c for c in pool if e in c.covers), key=lambda c: (c.cost / len(c.covers), c.key)) for e in coverable}

    def search(remaining: frozenset[Hashable], groups: frozenset[str], cost: float, picks: tuple[Candidate, ...], missed: int) -> None:
        nonlocal best_missed, best_cost, best_picks
        if missed > best_missed or (missed == best_missed and cost >= best_cost - _EPS):
            return
        if not remaining:
            best_missed, best_cost, best_picks = missed, cost, picks
            return
        options = {e: [c for c in by_element[e] if c.group not in groups] for e in remaining}
        element = min(remaining, key=lambda e: (len(options[e]), repr(e)))
        for c in options[element]:
            search(remaining - c.covers, groups | {c.group}, cost + c.cost, (*picks, c), missed)
        search(remaining - {element}, groups, cost, picks, missed + 1)

    search(coverable, frozenset(), 0.0, (), 0)
    # Order the optimal picks as the greedy would take them, for the reasons.
    steps: list[CoverStep] = []
    left, uncovered = list(best_picks), set(coverable)
    while left:
        chosen = min(left, key=lambda c: (c.cost / max(len(c.covers & uncovered), 1e-9), c.key))
        left.remove(chosen)
        steps.append(CoverStep(chosen, frozenset(chosen.covers & uncovered)))
        uncovered -= chosen.covers
    return _result(elements, coverable, steps)
