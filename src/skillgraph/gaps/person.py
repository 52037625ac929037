"""What a person or a team lacks for a job family, and which SMT phases a team can staff.

**Units.** A requirement is split into *units*, one per topic of its skill (a skill without
topics is one unit, keyed by the skill itself). A person holds a unit when they hold the
requirement's skill (at the minimum level, :data:`~skillgraph.gaps.profiles.DEFAULT_MIN_LEVEL`
by default), or when they know a topic that is the unit's topic or a narrower one — the rule
:mod:`skillgraph.gaps.coverage` applies to modules. A requirement is a **gap** while one of its
units is missing; ``held_share`` says how much of it is held.

**Teams.** :func:`profile_gaps` on a team profile counts what *anyone* in the team holds
(``person=`` restricts it to one member). :func:`team_readiness` asks, for every phase and job
family of an SMT project, whether *one* member can take the role: a family is covered in a phase
when at least one member holds at least :data:`DEFAULT_COVER_THRESHOLD` (50 %) of the family's
requirements of that phase, weighted by importance (essential 3, important 2, complementary 1) —
the majority of what the role needs, the rest being trainable. The threshold is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .coverage import providers_elsewhere
from .model import ID, GapModel, Requirement, short
from .model import resolve_family as _resolve_family
from .profiles import DEFAULT_MIN_LEVEL, Profile, fold
from ..errors import UnknownIdentifier

__all__ = ["DEFAULT_COVER_THRESHOLD", "IMPORTANCE", "Gap", "Knowledge", "ProfileGaps", "Provider", "ReadinessCell", "TeamReadiness", "held_share", "knowledge_of", "missing_units", "profile_gaps", "requirement_units", "resolve_family", "resolve_phase", "team_readiness"]

#: Share of a family's weighted requirements of a phase one member must hold for the family to be covered.
DEFAULT_COVER_THRESHOLD = 0.5
#: Weight -> importance name (docs/data-model.md).
IMPORTANCE = {3: "essential", 2: "important", 1: "complementary"}

Unit = tuple[str, str]  # (requirement IRI, topic IRI — or the skill IRI for a skill without topics)


def resolve_family(model: GapModel, value: str) -> str:
    """The IRI of a job family given its id, IRI, label (fr/en), ESCO occupation or ROME code."""
    return _resolve_family(model, value)


def resolve_phase(model: GapModel, value: str) -> str:
    """The IRI of a phase given its id (``conception``), IRI, label (fr/en) or order (1..5)."""
    by_order = {str(order): iri for iri, order in model.phase_order.items()}
    if value.strip() in by_order:
        return by_order[value.strip()]
    return _resolve(model, value, "phase", model.phase_order, "phase/")


def _resolve(model: GapModel, value: str, kind: str, known: Iterable[str], prefix: str) -> str:
    known = list(known)
    text = value.strip()
    for iri in known:
        if text in (iri, short(iri), iri[len(ID):]):
            return iri
    folded = fold(text)
    for iri in known:
        if folded and folded in {fold(label) for label in model.labels.get(iri, {}).values()}:
            return iri
    raise UnknownIdentifier(kind, value, (short(i) for i in known))


def requirement_units(model: GapModel, requirement: Requirement) -> tuple[Unit, ...]:
    """The units of a requirement: one per topic of its skill (or the skill itself when it has none)."""
    topics = model.skills[requirement.skill].topics
    return tuple((requirement.iri, t) for t in sorted(topics)) if topics else ((requirement.iri, requirement.skill),)


@dataclass(frozen=True)
class Knowledge:
    """What someone holds: skills, and topics with every broader topic (the coverage rule)."""

    skills: frozenset[str]
    topics: frozenset[str]

    def holds(self, requirement: Requirement, unit: Unit) -> bool:
        return requirement.skill in self.skills or unit[1] in self.topics


def knowledge_of(model: GapModel, profile: Profile, person: str | None = None, min_level: int = DEFAULT_MIN_LEVEL) -> Knowledge:
    """The knowledge of one member (``person``) or of the whole team (``None``) at ``min_level`` or above."""
    skills: set[str] = set()
    topics: set[str] = set()
    for holding in profile.holdings(person, min_level):
        if holding.kind == "skill":
            skills.add(holding.iri)
        else:
            topics |= model.ancestors.get(holding.iri, {holding.iri})
    return Knowledge(frozenset(skills), frozenset(topics))


def missing_units(model: GapModel, knowledge: Knowledge, requirement: Requirement) -> list[Unit]:
    return [u for u in requirement_units(model, requirement) if not knowledge.holds(requirement, u)]


def held_share(model: GapModel, knowledge: Knowledge, requirement: Requirement) -> float:
    """The share (0..1) of a requirement's units held."""
    units = requirement_units(model, requirement)
    return sum(knowledge.holds(requirement, u) for u in units) / len(units)


@dataclass(frozen=True)
class Provider:
    """A module of a programme that teaches (part of) what is missing of a requirement."""

    module: str
    module_label: str
    programme: str
    programme_label: str
    programme_type: str
    providers: tuple[str, ...]
    availability: str  # guaranteed | elective | option
    share: float  # the share of the requirement's missing units the module teaches

    def as_dict(self) -> dict[str, Any]:
        return {
            "module": self.module, "module_label": self.module_label, "programme": short(self.programme),
            "programme_iri": self.programme, "programme_label": self.programme_label,
            "programme_type": self.programme_type, "providers": list(self.providers),
            "availability": self.availability, "share": round(self.share, 3),
        }


@dataclass(frozen=True)
class Gap:
    """A requirement of the family not (fully) held, with where the study states it and who teaches it."""

    requirement: str
    skill: str
    skill_label: str
    importance: str
    weight: int
    new_for_smt: bool
    section: str
    lines: tuple[int, int]
    phases: tuple[str, ...]
    missing: tuple[str, ...]  # the missing units' topics (or the skill itself)
    missing_labels: tuple[str, ...]
    held_share: float
    providers: tuple[Provider, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "requirement": self.requirement, "skill": short(self.skill), "skill_iri": self.skill,
            "skill_label": self.skill_label, "importance": self.importance, "weight": self.weight,
            "new_for_smt": self.new_for_smt, "section": self.section, "lines": list(self.lines),
            "phases": [short(p) for p in self.phases],
            "missing": [{"id": short(t), "label": label} for t, label in zip(self.missing, self.missing_labels, strict=True)],
            "held_share": round(self.held_share, 3), "providers": [p.as_dict() for p in self.providers],
        }


@dataclass
class ProfileGaps:
    """The gaps of a profile for a job family: all of them, and per phase of the family (in phase order)."""

    family: str
    family_label: str
    people: tuple[str, ...]
    person: str | None
    lang: str
    min_level: int
    requirements: int
    weight: int
    missing_weight: float
    gaps: list[Gap]
    by_phase: dict[str, list[Gap]]
    phase_labels: dict[str, str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "family": short(self.family), "family_iri": self.family, "family_label": self.family_label,
            "people": list(self.people), "person": self.person, "lang": self.lang, "min_level": self.min_level,
            "requirements": self.requirements, "gap_count": len(self.gaps), "weight": self.weight,
            "missing_weight": round(self.missing_weight, 3),
            "gaps": [g.as_dict() for g in self.gaps],
            "phases": [
                {"phase": short(p), "label": self.phase_labels[p], "gaps": [g.requirement for g in gaps]}
                for p, gaps in self.by_phase.items()
            ],
        }


def _providers(model: GapModel, requirement: Requirement, missing: Sequence[Unit], lang: str) -> tuple[Provider, ...]:
    out = []
    for teaching in providers_elsewhere(model, requirement):
        module = model.modules[teaching.module]
        taught = set()
        for topic in module.topics:
            taught |= model.ancestors.get(topic, {topic})
        names_skill = requirement.skill in module.skills
        closes = [u for u in missing if names_skill or u[1] in taught]
        if not closes:
            continue
        programme = model.programmes[teaching.programme]
        out.append(
            Provider(
                module=module.iri, module_label=model.label(module.iri, lang), programme=programme.iri,
                programme_label=model.label(programme.iri, lang), programme_type=programme.type,
                providers=tuple(sorted(model.label(p, lang) for p in programme.providers)),
                availability=teaching.availability, share=len(closes) / len(missing),
            )
        )
    return tuple(sorted(out, key=lambda p: (-p.share, p.availability != "guaranteed", p.programme, p.module)))


def profile_gaps(
    model: GapModel,
    profile: Profile,
    family: str,
    *,
    person: str | None = None,
    phases: Sequence[str] | None = None,
    min_level: int = DEFAULT_MIN_LEVEL,
    lang: str = "fr",
) -> ProfileGaps:
    """The requirements of ``family`` (id, IRI or label) the profile does not hold, per phase.

    For a team, what anyone holds counts (``person`` restricts to one member); ``phases``
    restricts to some phases. Gaps are sorted most important first, then by source line.
    """
    family_iri = resolve_family(model, family)
    wanted = {resolve_phase(model, p) for p in phases} if phases else None
    knowledge = knowledge_of(model, profile, person, min_level)
    requirements = [
        r for r in model.families[family_iri].requirements if wanted is None or set(model.phases_of(r)) & wanted
    ]
    gaps: list[Gap] = []
    missing_weight = 0.0
    for requirement in requirements:
        missing = missing_units(model, knowledge, requirement)
        if not missing:
            continue
        share = held_share(model, knowledge, requirement)
        missing_weight += requirement.weight * (1 - share)
        gaps.append(
            Gap(
                requirement=requirement.iri,
                skill=requirement.skill,
                skill_label=model.label(requirement.skill, lang),
                importance=IMPORTANCE.get(requirement.weight, str(requirement.weight)),
                weight=requirement.weight,
                new_for_smt=requirement.new_for_smt,
                section=requirement.section,
                lines=requirement.lines,
                phases=tuple(p for p in model.phases_of(requirement) if wanted is None or p in wanted),
                missing=tuple(u[1] for u in missing),
                missing_labels=tuple(model.label(u[1], lang) for u in missing),
                held_share=share,
                providers=_providers(model, requirement, missing, lang),
            )
        )
    gaps.sort(key=lambda g: (-g.weight, g.held_share, g.lines, g.requirement))
    phase_list = model.in_phase_order({p for r in requirements for p in model.phases_of(r) if wanted is None or p in wanted})
    by_phase = {p: [g for g in gaps if p in g.phases] for p in phase_list}
    return ProfileGaps(
        family=family_iri,
        family_label=model.label(family_iri, lang),
        people=tuple(profile.persons) if person is None else (person,),
        person=person,
        lang=lang,
        min_level=min_level,
        requirements=len(requirements),
        weight=sum(r.weight for r in requirements),
        missing_weight=missing_weight,
        gaps=gaps,
        by_phase=by_phase,
        phase_labels={p: model.label(p, lang) for p in phase_list},
    )


@dataclass(frozen=True)
class ReadinessCell:
    """Whether one job family is covered in one phase, by whom, and each member's weighted share."""

    phase: str
    family: str
    covered: bool
    best_person: str | None
    best_score: float
    scores: dict[str, float]
    team_score: float  # what the team holds together (anyone), for information
    requirements: int
    weight: int


@dataclass
class TeamReadiness:
    """Which phases and job families of an SMT project a team can cover."""

    people: tuple[str, ...]
    threshold: float
    min_level: int
    phases: list[str]
    families: list[str]
    cells: list[ReadinessCell] = field(default_factory=list)

    @property
    def uncovered(self) -> list[ReadinessCell]:
        return [c for c in self.cells if not c.covered]

    @property
    def phase_ready(self) -> dict[str, bool]:
        """Each phase: True when every family taking part in it is covered."""
        return {p: all(c.covered for c in self.cells if c.phase == p) for p in self.phases}

    @property
    def uncovered_phases(self) -> list[str]:
        return [p for p, ready in self.phase_ready.items() if not ready]

    @property
    def uncovered_families(self) -> list[str]:
        """Families not covered in at least one of their phases."""
        missing = {c.family for c in self.uncovered}
        return [f for f in self.families if f in missing]

    def as_dict(self, model: GapModel, lang: str = "fr") -> dict[str, Any]:
        return {
            "people": list(self.people), "threshold": self.threshold, "min_level": self.min_level,
            "phases": [
                {"phase": short(p), "label": model.label(p, lang), "ready": self.phase_ready[p]} for p in self.phases
            ],
            "uncovered_phases": [short(p) for p in self.uncovered_phases],
            "uncovered_families": [short(f) for f in self.uncovered_families],
            "cells": [
                {
                    "phase": short(c.phase), "family": short(c.family), "family_label": model.label(c.family, lang),
                    "covered": c.covered, "best_person": c.best_person, "best_score": round(c.best_score, 3),
                    "scores": {k: round(v, 3) for k, v in c.scores.items()}, "team_score": round(c.team_score, 3),
                    "requirements": c.requirements, "weight": c.weight,
                }
                for c in self.cells
            ],
        }


def _weighted_share(model: GapModel, knowledge: Knowledge, requirements: Sequence[Requirement]) -> float:
    weight = sum(r.weight for r in requirements)
    if weight == 0:
        return 0.0
    return sum(r.weight * held_share(model, knowledge, r) for r in requirements) / weight


def team_readiness(
    model: GapModel,
    team_profile: Profile,
    phases: Sequence[str] | None = None,
    families: Sequence[str] | None = None,
    *,
    threshold: float = DEFAULT_COVER_THRESHOLD,
    min_level: int = DEFAULT_MIN_LEVEL,
) -> TeamReadiness:
    """For every phase (all five by default) and every job family taking part in it, whether one member
    holds at least ``threshold`` of the family's weighted requirements of that phase."""
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    phase_iris = model.in_phase_order({resolve_phase(model, p) for p in phases} if phases else set(model.phase_order))
    family_iris = [resolve_family(model, f) for f in families] if families else sorted(model.families)
    family_iris = list(dict.fromkeys(family_iris))
    people = tuple(team_profile.persons)
    members = {p: knowledge_of(model, team_profile, p, min_level) for p in people}
    team = knowledge_of(model, team_profile, None, min_level)
    result = TeamReadiness(people, threshold, min_level, phase_iris, family_iris)
    for phase in phase_iris:
        for family in family_iris:
            requirements = [r for r in model.families[family].requirements if phase in model.phases_of(r)]
            if not requirements:
                continue
            scores = {p: _weighted_share(model, k, requirements) for p, k in members.items()}
            best = max(scores, key=lambda p: scores[p], default=None)
            best_score = scores[best] if best is not None else 0.0
            result.cells.append(
                ReadinessCell(
                    phase=phase, family=family, covered=best is not None and best_score >= threshold,
                    best_person=best, best_score=best_score, scores=scores,
                    team_score=_weighted_share(model, team, requirements),
                    requirements=len(requirements), weight=sum(r.weight for r in requirements),
                )
            )
    return result
