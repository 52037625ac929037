"""How well a programme covers the requirements of a job family, and why.

A module covers a requirement in proportion to the required skill's topics it teaches: a
topic counts when the module covers it or a narrower topic (``skos:broader*``); a module
that names the skill itself covers it whole. A requirement's coverage is the best over the
modules available, weighted by its importance (essential 3, important 2, complementary 1).

*Guaranteed* coverage counts the mandatory modules of the core only: what every graduate
has. *Possible* coverage counts every core module and the best admissible choice of options
in each exclusive choice (between ``min`` and ``max`` options per group, all groups chosen
together): what the best-advised student can have.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, product

from .model import GapModel, Module, Programme, Requirement

__all__ = ["CoverageReport", "RequirementCoverage", "Score", "Teaching", "coverage", "covered_share", "module_covers", "providers_elsewhere"]


def module_covers(model: GapModel, module: Module, requirement: Requirement) -> float:
    """The share (0..1) of the requirement's skill that one module teaches."""
    return covered_share(model, [module], requirement)


def covered_share(model: GapModel, modules: Iterable[Module], requirement: Requirement) -> float:
    """The share (0..1) of the requirement's skill that a set of modules teaches together:
    the skill's topics taught by at least one of them (or 1 if one names the skill)."""
    skill = model.skills[requirement.skill]
    taught_topics: set[str] = set()
    for module in modules:
        if requirement.skill in module.skills:
            return 1.0
        for topic in module.topics:
            taught_topics |= model.ancestors.get(topic, {topic})
    if not skill.topics:
        return 0.0
    return len(skill.topics & taught_topics) / len(skill.topics)


@dataclass(frozen=True)
class Teaching:
    """A module that covers (part of) a requirement, where it is and how available it is."""

    module: str
    programme: str
    availability: str  # guaranteed | elective | option
    share: float


@dataclass
class RequirementCoverage:
    requirement: Requirement
    phases: tuple[str, ...]
    guaranteed: float
    possible: float
    by: list[Teaching] = field(default_factory=list)  # modules of this programme that cover it

    @property
    def status(self) -> str:
        if self.guaranteed >= 1.0:
            return "guaranteed"
        if self.possible >= 1.0:
            return "possible"
        if self.possible > 0:
            return "partial"
        return "not-covered"


@dataclass
class Score:
    guaranteed: float
    possible: float
    weight: int


@dataclass
class CoverageReport:
    programme: str
    family: str
    requirements: list[RequirementCoverage]
    chosen_options: list[str]
    overall: Score
    by_phase: dict[str, Score]
    by_kind: dict[str, Score]
    by_topic: dict[str, Score]

    @property
    def gaps(self) -> list[RequirementCoverage]:
        """Requirements not covered for every graduate, most important first."""
        return sorted(
            (r for r in self.requirements if r.guaranteed < 1.0),
            key=lambda r: (-r.requirement.weight, r.guaranteed, r.requirement.lines),
        )


def _availability(programme: Programme, module: Module) -> str:
    if module.option is not None:
        return "option"
    return "guaranteed" if module.status == "mandatory" else "elective"


def _selections(programme: Programme) -> Iterator[list[str]]:
    """Every admissible choice of options, across all exclusive choices of the programme."""
    per_group = []
    for group in programme.groups:
        options = sorted(group.options)
        per_group.append(
            [list(c) for k in range(group.min_choices, group.max_choices + 1) for c in combinations(options, k)]
        )
    for choice in product(*per_group):
        yield [option for picked in choice for option in picked]


def coverage(model: GapModel, programme_iri: str, family_iri: str) -> CoverageReport:
    """Score ``programme`` against ``family``: overall, per phase, kind and topic, with every requirement's status."""
    programme = model.programmes[programme_iri]
    family = model.families[family_iri]
    core = [model.modules[m] for m in programme.core]
    mandatory = [m for m in core if m.status == "mandatory"]

    best_total, best_selection, best_values = -1.0, [], {}
    for selection in _selections(programme):
        chosen = core + [model.modules[m] for g in programme.groups for o in selection for m in g.options.get(o, [])]
        values = {r.iri: covered_share(model, chosen, r) for r in family.requirements}
        total = sum(values[r.iri] * r.weight for r in family.requirements)
        if total > best_total:
            best_total, best_selection, best_values = total, selection, values

    every_module = core + [model.modules[m] for g in programme.groups for ms in g.options.values() for m in ms]
    rows = []
    for requirement in family.requirements:
        teaching = [
            Teaching(m.iri, programme.iri, _availability(programme, m), share)
            for m in every_module
            if (share := module_covers(model, m, requirement)) > 0
        ]
        rows.append(
            RequirementCoverage(
                requirement=requirement,
                phases=model.phases_of(requirement),
                guaranteed=covered_share(model, mandatory, requirement),
                possible=best_values.get(requirement.iri, 0.0),
                by=sorted(teaching, key=lambda t: (-t.share, t.availability, t.module)),
            )
        )
    return CoverageReport(
        programme=programme.iri,
        family=family.iri,
        requirements=rows,
        chosen_options=best_selection,
        overall=_score(rows),
        by_phase=_grouped(rows, lambda r: r.phases),
        by_kind=_grouped(rows, lambda r: (model.skills[r.requirement.skill].kind,)),
        by_topic=_grouped(rows, lambda r: tuple(sorted(model.skills[r.requirement.skill].topics))),
    )


def _score(rows: list[RequirementCoverage]) -> Score:
    weight = sum(r.requirement.weight for r in rows)
    if weight == 0:
        return Score(0.0, 0.0, 0)
    return Score(
        guaranteed=sum(r.guaranteed * r.requirement.weight for r in rows) / weight,
        possible=sum(r.possible * r.requirement.weight for r in rows) / weight,
        weight=weight,
    )


def _grouped(rows: list[RequirementCoverage], keys) -> dict[str, Score]:  # type: ignore[no-untyped-def]
    groups: dict[str, list[RequirementCoverage]] = defaultdict(list)
    for row in rows:
        for key in keys(row):
            groups[key].append(row)
    return {key: _score(members) for key, members in sorted(groups.items())}


def providers_elsewhere(model: GapModel, requirement: Requirement, exclude: str | None = None) -> list[Teaching]:
    """Modules of other programmes that cover (part of) a requirement, best first."""
    found = []
    for module in model.modules.values():
        if module.programme == exclude:
            continue
        share = module_covers(model, module, requirement)
        if share > 0:
            programme = model.programmes[module.programme]
            found.append(Teaching(module.iri, programme.iri, _availability(programme, module), share))
    return sorted(found, key=lambda t: (-t.share, t.availability != "guaranteed", t.programme, t.module))
