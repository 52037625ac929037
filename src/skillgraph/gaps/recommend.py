"""Training recommendations: the cheapest set of programmes that closes a profile's gaps.

The problem is a **weighted set cover**:

* *elements* — the missing units of the profile for a job family (:mod:`skillgraph.gaps.person`:
  one unit per (requirement, topic of its skill) the person or team does not hold);
* *candidate sets* — programmes. Taking a module means following the programme that offers it,
  so a candidate is a programme with what its modules teach (the rule of
  :mod:`skillgraph.gaps.coverage`: a module covers a unit when it teaches the unit's topic or a
  narrower one, or names the skill). Core modules count, mandatory and elective. When a module is
  only an *option* of an exclusive choice, a student picks one admissible choice of options per
  programme: each admissible choice is a variant of the programme, and **at most one variant of a
  programme** can be taken;
* *costs* — by programme type (:data:`DEFAULT_COSTS`, a parameter). People in work prefer short
  trainings: continuing training (a few days) 1, university diploma (DU, part-time over a year)
  2, one-year master 4, two-year master, engineering track and full-time initial programmes 6.

The solvers (greedy with its H(n) bound under exclusive choices, exact branch-and-bound) live in
:mod:`skillgraph.gaps.setcover` and are re-exported here.

:func:`recommend` wraps them for a profile: the picks in order with the reason for each
("covers X, Y for Z missing requirements at cost c"), equivalent programmes, what no training of
the graph teaches (``uncovered``) and what an exclusive choice prevents (``blocked``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product
from typing import Any

from .model import SG, GapModel, Programme, Requirement, short
from .person import IMPORTANCE, knowledge_of, missing_units, resolve_family, resolve_phase
from .profiles import DEFAULT_MIN_LEVEL, Profile
from .setcover import _EPS, Candidate, CoverResult, CoverStep, exact_cover, greedy_cover, harmonic

__all__ = [
    "DEFAULT_COSTS",
    "UNKNOWN_TYPE_COST",
    "Candidate",
    "CoverResult",
    "CoverStep",
    "Pick",
    "Recommendation",
    "UnitGroup",
    "exact_cover",
    "greedy_cover",
    "harmonic",
    "programme_candidates",
    "recommend",
]

#: Cost of following a programme, by programme type (sg:programmeType): short trainings first.
DEFAULT_COSTS: dict[str, float] = {
    "ContinuingTraining": 1.0,
    "UniversityDiploma": 2.0,
    "Master2": 4.0,
    "Master1And2": 6.0,
    "EngineeringTrack": 6.0,
    "InitialTraining": 6.0,
}
#: Cost of a programme whose type is not in the cost table.
UNKNOWN_TYPE_COST = 6.0


@dataclass(frozen=True)
class _Variant:
    programme: Programme
    options: tuple[str, ...]
    modules: tuple[str, ...]


def _variants(programme: Programme) -> list[tuple[str, ...]]:
    """Every admissible choice of options across the programme's exclusive choices (as coverage.py)."""
    per_group = [
        [c for k in range(group.min_choices, group.max_choices + 1) for c in combinations(sorted(group.options), k)]
        for group in programme.groups
    ]
    return [tuple(o for picked in choice for o in picked) for choice in product(*per_group)]


def _module_units(model: GapModel, module_iri: str, units: Iterable[tuple[Requirement, tuple[str, str]]]) -> set[tuple[str, str]]:
    module = model.modules[module_iri]
    taught: set[str] = set()
    for topic in module.topics:
        taught |= model.ancestors.get(topic, {topic})
    return {unit for requirement, unit in units if requirement.skill in module.skills or unit[1] in taught}


def programme_candidates(
    model: GapModel, units: Sequence[tuple[Requirement, tuple[str, str]]], costs: Mapping[str, float] | None = None
) -> tuple[list[Candidate], dict[str, _Variant], dict[str, dict[str, set[tuple[str, str]]]]]:
    """One candidate per programme variant that covers some of ``units``: (candidates, variant of each
    key, units of each module by key)."""
    table = {**DEFAULT_COSTS, **(costs or {})}
    candidates, variants, by_module = [], {}, {}
    for iri in sorted(model.programmes):
        programme = model.programmes[iri]
        cost = table.get(programme.type, UNKNOWN_TYPE_COST)
        choices = _variants(programme)
        for options in choices:
            modules = list(programme.core)
            for group in programme.groups:
                for option in options:
                    modules += group.options.get(option, [])
            per_module = {m: _module_units(model, m, units) for m in modules}
            covers = frozenset().union(*per_module.values()) if per_module else frozenset()
            if not covers:
                continue
            key = iri if len(choices) == 1 else f"{iri}|{'+'.join(short(o) for o in options) or 'none'}"
            candidates.append(Candidate(key, iri, cost, covers))
            variants[key] = _Variant(programme, options, tuple(modules))
            by_module[key] = per_module
    return candidates, variants, by_module


@dataclass(frozen=True)
class UnitGroup:
    """Units of one requirement left open, with where the study states the requirement."""

    requirement: str
    skill: str
    skill_label: str
    importance: str
    lines: tuple[int, int]
    topics: tuple[str, ...]
    topic_labels: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "requirement": self.requirement, "skill": short(self.skill), "skill_label": self.skill_label,
            "importance": self.importance, "lines": list(self.lines),
            "topics": [{"id": short(t), "label": label} for t, label in zip(self.topics, self.topic_labels, strict=True)],
        }


@dataclass(frozen=True)
class Pick:
    """One programme to follow, what it closes and why it was picked."""

    programme: str
    label: str
    type: str
    type_label: str
    providers: tuple[str, ...]
    cities: tuple[str, ...]
    cost: float
    options: tuple[str, ...]
    option_labels: tuple[str, ...]
    modules: tuple[str, ...]  # the modules that close something
    module_labels: tuple[str, ...]
    topics: tuple[str, ...]
    topic_labels: tuple[str, ...]
    requirements: tuple[str, ...]
    units: int
    ratio: float
    reason: str
    equivalents: tuple[str, ...]  # other programmes closing the same units at no higher cost

    def as_dict(self, model: GapModel, lang: str) -> dict[str, Any]:
        return {
            "programme": short(self.programme), "programme_iri": self.programme, "label": self.label,
            "type": self.type, "type_label": self.type_label, "providers": list(self.providers),
            "cities": list(self.cities), "cost": self.cost,
            "options": [{"id": short(o), "label": label} for o, label in zip(self.options, self.option_labels, strict=True)],
            "modules": [{"id": short(m), "iri": m, "label": label} for m, label in zip(self.modules, self.module_labels, strict=True)],
            "topics": [{"id": short(t), "label": label} for t, label in zip(self.topics, self.topic_labels, strict=True)],
            "requirements": list(self.requirements), "units": self.units, "ratio": round(self.ratio, 3),
            "reason": self.reason,
            "equivalents": [{"programme": short(e), "label": model.label(e, lang)} for e in self.equivalents],
        }


@dataclass
class Recommendation:
    family: str
    family_label: str
    people: tuple[str, ...]
    person: str | None
    solver: str
    lang: str
    costs: dict[str, float]
    missing_units: int
    missing_requirements: int
    picks: list[Pick]
    total_cost: float
    covered_units: int
    uncovered: list[UnitGroup]  # no training of the graph teaches them
    blocked: list[UnitGroup]  # taught, but only in an option the chosen variant excludes

    def as_dict(self, model: GapModel) -> dict[str, Any]:
        return {
            "family": short(self.family), "family_iri": self.family, "family_label": self.family_label,
            "people": list(self.people), "person": self.person, "solver": self.solver, "lang": self.lang,
            "costs": self.costs, "missing_units": self.missing_units, "missing_requirements": self.missing_requirements,
            "total_cost": self.total_cost, "covered_units": self.covered_units,
            "picks": [p.as_dict(model, self.lang) for p in self.picks],
            "uncovered": [u.as_dict() for u in self.uncovered],
            "blocked": [u.as_dict() for u in self.blocked],
        }


_REASON = {
    "en": "covers {topics} for {n} missing requirement{s} at cost {cost:g} ({type})",
    "fr": "couvre {topics} pour {n} exigence{s} manquante{s} au coût {cost:g} ({type})",
}
_OPTION = {"en": "; option «{options}» of an exclusive choice", "fr": " ; option «{options}» d'un choix exclusif"}


def _groups(model: GapModel, units: Iterable[tuple[str, str]], requirements: Mapping[str, Requirement], lang: str) -> list[UnitGroup]:
    by_requirement: dict[str, list[str]] = defaultdict(list)
    for requirement, topic in sorted(units):
        by_requirement[requirement].append(topic)
    out = []
    for iri, topics in by_requirement.items():
        r = requirements[iri]
        out.append(
            UnitGroup(iri, r.skill, model.label(r.skill, lang), IMPORTANCE.get(r.weight, str(r.weight)), r.lines,
                      tuple(topics), tuple(model.label(t, lang) for t in topics))
        )
    return sorted(out, key=lambda g: (-requirements[g.requirement].weight, g.lines))


def recommend(
    model: GapModel,
    profile: Profile,
    family: str,
    *,
    person: str | None = None,
    phases: Sequence[str] | None = None,
    costs: Mapping[str, float] | None = None,
    min_level: int = DEFAULT_MIN_LEVEL,
    solver: str = "greedy",
    lang: str = "fr",
) -> Recommendation:
    """The programmes to follow to close the profile's gaps for ``family`` (``solver`` greedy or exact)."""
    if solver not in {"greedy", "exact"}:
        raise ValueError(f"unknown solver '{solver}' (greedy or exact)")
    family_iri = resolve_family(model, family)
    wanted = {resolve_phase(model, p) for p in phases} if phases else None
    knowledge = knowledge_of(model, profile, person, min_level)
    requirements = {
        r.iri: r for r in model.families[family_iri].requirements if wanted is None or set(model.phases_of(r)) & wanted
    }
    units = [(r, u) for r in requirements.values() for u in missing_units(model, knowledge, r)]
    elements = frozenset(u for _, u in units)
    candidates, variants, by_module = programme_candidates(model, units, costs)
    result = (greedy_cover if solver == "greedy" else exact_cover)(elements, candidates)
    table = {**DEFAULT_COSTS, **(costs or {})}
    picks = []
    for step in result.steps:
        variant = variants[step.candidate.key]
        programme = variant.programme
        modules = tuple(m for m in variant.modules if by_module[step.candidate.key][m] & step.new)
        # The options to choose: those whose modules close something (any option will do otherwise).
        options = tuple(
            o for o in variant.options if any(m in modules for g in programme.groups for m in g.options.get(o, []))
        )
        topics = tuple(dict.fromkeys(t for _, t in sorted(step.new)))
        closed = tuple(dict.fromkeys(r for r, _ in sorted(step.new)))
        type_label = model.label(SG + programme.type, lang)
        text = _REASON.get(lang, _REASON["en"]).format(
            topics=", ".join(model.label(t, lang) for t in topics), n=len(closed), s="s" if len(closed) > 1 else "",
            cost=step.candidate.cost, type=type_label,
        )
        if options:
            text += _OPTION.get(lang, _OPTION["en"]).format(options=", ".join(model.label(o, lang) for o in options))
        equivalents = tuple(sorted({
            c.group for c in candidates
            if c.group != programme.iri and c.covers >= step.new and c.cost <= step.candidate.cost + _EPS
        }))
        picks.append(
            Pick(
                programme=programme.iri, label=model.label(programme.iri, lang), type=programme.type,
                type_label=type_label, providers=tuple(sorted(model.label(p, lang) for p in programme.providers)),
                cities=tuple(sorted(programme.cities)), cost=step.candidate.cost, options=options,
                option_labels=tuple(model.label(o, lang) for o in options), modules=modules,
                module_labels=tuple(model.label(m, lang) for m in modules), topics=topics,
                topic_labels=tuple(model.label(t, lang) for t in topics), requirements=closed, units=len(step.new),
                ratio=step.ratio, reason=text, equivalents=equivalents,
            )
        )
    return Recommendation(
        family=family_iri,
        family_label=model.label(family_iri, lang),
        people=tuple(profile.persons) if person is None else (person,),
        person=person,
        solver=solver,
        lang=lang,
        costs=table,
        missing_units=len(elements),
        missing_requirements=len({r for r, _ in elements}),
        picks=picks,
        total_cost=result.cost,
        covered_units=len(result.covered),
        uncovered=_groups(model, result.uncoverable, requirements, lang),
        blocked=_groups(model, result.blocked, requirements, lang),
    )
