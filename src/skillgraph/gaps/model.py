"""The facts the gap analysis works on, read from the store in three queries.

Everything downstream (coverage, recommendations, analytics, reports) works on this
in-memory `GapModel`: the graph stays the single source of truth, and Python does the
combinatorics SPARQL is not made for (best choice of options, set cover).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

import pyoxigraph as ox

__all__ = [
    "Alignment",
    "ChoiceGroup",
    "Family",
    "GapModel",
    "Module",
    "Programme",
    "Requirement",
    "Skill",
    "load_model",
    "resolve_family",
    "short",
]

SG = "https://w3id.org/skillgraph/ontology#"
ID = "https://w3id.org/skillgraph/id/"
_SKOS_BROADER = "http://www.w3.org/2004/02/skos/core#broader"


def short(iri: str) -> str:
    """The identifier at the end of a data IRI (``job-family/quality`` -> ``quality``)."""
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _query(name: str) -> str:
    return resources.files(__package__).joinpath("queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Requirement:
    iri: str
    family: str
    skill: str
    weight: int
    new_for_smt: bool
    section: str
    lines: tuple[int, int]
    phases: tuple[str, ...]  # the requirement's own phases; empty: every phase of the family


@dataclass
class Skill:
    iri: str
    kind: str
    scope: str
    topics: set[str] = field(default_factory=set)


@dataclass
class Family:
    iri: str
    phases: set[str] = field(default_factory=set)
    requirements: list[Requirement] = field(default_factory=list)


@dataclass
class Module:
    iri: str
    programme: str
    status: str  # "mandatory" | "elective"
    option: str | None = None  # the choice option it belongs to, if any
    topics: set[str] = field(default_factory=set)
    skills: set[str] = field(default_factory=set)


@dataclass
class ChoiceGroup:
    iri: str
    min_choices: int
    max_choices: int
    options: dict[str, list[str]] = field(default_factory=dict)  # option -> module iris


@dataclass
class Programme:
    iri: str
    type: str
    providers: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    prepares_for: set[str] = field(default_factory=set)
    core: list[str] = field(default_factory=list)
    groups: list[ChoiceGroup] = field(default_factory=list)


@dataclass(frozen=True)
class Alignment:
    """A curated mapping of a family (or one of its jobs) or a skill to an ESCO / ROME concept."""

    concept: str  # the family or skill IRI (a job's mapping is carried by its family)
    target: str  # the reference concept's IRI
    code: str  # the ESCO URI or ROME code as published
    scheme: str  # EscoOccupations, EscoSkills, RomeFiches, RomeAppellations, RomeCompetences, RomeSavoirs
    relation: str  # ExactMatchRelation, CloseMatchRelation...
    confidence: float


_EXTERNAL_FAMILY_SCHEMES = {"EscoOccupations", "RomeFiches", "RomeAppellations"}
_EXTERNAL_SKILL_SCHEMES = {"EscoSkills", "RomeCompetences", "RomeSavoirs"}


@dataclass
class GapModel:
    families: dict[str, Family]
    skills: dict[str, Skill]
    programmes: dict[str, Programme]
    modules: dict[str, Module]
    broader: dict[str, set[str]]  # topic -> its direct broader topics
    labels: dict[str, dict[str, str]]  # iri -> {"fr": ..., "en": ...}
    phase_order: dict[str, int]
    provider_types: dict[str, str]
    alignments: list[Alignment] = field(default_factory=list)

    def label(self, iri: str, lang: str = "fr") -> str:
        found = self.labels.get(iri, {})
        return found.get(lang) or found.get("fr") or short(iri)

    @cached_property
    def ancestors(self) -> dict[str, set[str]]:
        """Each topic with every topic above it (itself included)."""
        out: dict[str, set[str]] = {}

        def up(topic: str) -> set[str]:
            if topic not in out:
                out[topic] = {topic}
                for parent in self.broader.get(topic, ()):
                    out[topic] |= up(parent)
            return out[topic]

        for topic in set(self.broader) | {t for s in self.skills.values() for t in s.topics}:
            up(topic)
        return out

    def aligned(self, identifier: str, schemes: set[str]) -> list[Alignment]:
        """The alignments whose target is ``identifier`` (an ESCO URI, a ROME code, or the
        project's IRI of a ROME concept), best first; empty when none."""
        identifier = identifier.strip()
        found = [a for a in self.alignments if a.scheme in schemes and identifier in (a.target, a.code)]
        return sorted(found, key=lambda a: (-a.confidence, a.concept))

    def family_for_external(self, identifier: str) -> list[Alignment]:
        """Job families aligned with an ESCO occupation or a ROME fiche / appellation."""
        return self.aligned(identifier, _EXTERNAL_FAMILY_SCHEMES)

    def skills_for_external(self, identifier: str) -> list[Alignment]:
        """Skills aligned with an ESCO skill or a ROME compétence / savoir."""
        return self.aligned(identifier, _EXTERNAL_SKILL_SCHEMES)

    def phases_of(self, requirement: Requirement) -> tuple[str, ...]:
        """The phases a requirement counts in: its own, or all its family's."""
        phases = requirement.phases or tuple(self.families[requirement.family].phases)
        return tuple(self.in_phase_order(phases))

    def phase_rank(self, phase: str) -> int:
        """A phase's place in the SMT development order (conception first); unknown ones last."""
        return self.phase_order.get(phase, 99)

    def in_phase_order(self, phases: Iterable[str]) -> list[str]:
        """Phase IRIs sorted in the development order."""
        return sorted(phases, key=self.phase_rank)

    def by_label(self, iris: Iterable[str], lang: str) -> list[str]:
        """IRIs sorted by their label in ``lang``, case ignored (the order of every list page)."""
        return sorted(iris, key=lambda iri: self.label(iri, lang).casefold())


def load_model(store: ox.Store) -> GapModel:
    """Read the gap model from a store (the union of its graphs)."""

    def rows(name: str) -> list[dict[str, str]]:
        solutions = store.query(_query(name), use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]

    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows("labels"):
        labels[row["node"]]["fr"] = row["fr"]
        if "en" in row:
            labels[row["node"]]["en"] = row["en"]

    edges: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows("links"):
        edges[short(row["p"]) if row["p"].startswith(SG) else "broader"].append((row["s"], row["o"]))

    skills: dict[str, Skill] = {}
    families: dict[str, Family] = {}
    for row in rows("requirements"):
        skill = skills.setdefault(row["skill"], Skill(row["skill"], short(row["kind"]), short(row["scope"])))
        family = families.setdefault(row["family"], Family(row["family"]))
        family.requirements.append(
            Requirement(
                iri=row["requirement"],
                family=row["family"],
                skill=skill.iri,
                weight=int(row["weight"]),
                new_for_smt=row["newForSMT"] == "true",
                section=row["section"],
                lines=(int(row["first"]), int(row["last"])),
                phases=tuple(p for p in row.get("phases", "").split() if p),
            )
        )
    for family_iri, phase in edges["takesPartIn"]:
        if family_iri in families:
            families[family_iri].phases.add(phase)
    for skill_iri, topic in edges["hasTopic"]:
        if skill_iri in skills:
            skills[skill_iri].topics.add(topic)
    broader: dict[str, set[str]] = defaultdict(set)
    for child, parent in edges["broader"]:
        if "/topic/" in child:
            broader[child].add(parent)

    programmes: dict[str, Programme] = {}
    for iri, kind in edges["programmeType"]:
        programmes[iri] = Programme(iri, short(kind))
    for attribute, target in (("preparesFor", "prepares_for"), ("providedBy", "providers"), ("city", "cities")):
        for iri, value in edges[attribute]:
            if iri in programmes:
                getattr(programmes[iri], target).add(value)

    modules: dict[str, Module] = {}
    status = {m: "mandatory" if s.endswith("Mandatory") else "elective" for m, s in edges["moduleStatus"]}
    for programme, module in edges["hasModule"]:
        modules[module] = Module(module, programme, status.get(module, "mandatory"))
        programmes[programme].core.append(module)
    groups: dict[str, ChoiceGroup] = {}
    bounds = {k: dict(edges[k]) for k in ("minChoices", "maxChoices")}
    for programme, group in edges["hasChoiceGroup"]:
        groups[group] = ChoiceGroup(group, int(bounds["minChoices"].get(group, 1)), int(bounds["maxChoices"].get(group, 1)))
        programmes[programme].groups.append(groups[group])
        groups[group].options = {}
    option_group = {option: group for group, option in edges["hasOption"]}
    for option, module in edges["optionModule"]:
        group = groups[option_group[option]]
        group.options.setdefault(option, []).append(module)
        programme = next(p for p in programmes.values() if group in p.groups)
        modules[module] = Module(module, programme.iri, status.get(module, "mandatory"), option=option)
    # A programme's focus (what the study says the whole programme is about) is taught to every
    # student: it counts as a mandatory module of the core.
    for row in rows("focus"):
        if row["focus"] not in modules:
            modules[row["focus"]] = Module(row["focus"], row["programme"], "mandatory")
            programmes[row["programme"]].core.append(row["focus"])
            labels.setdefault(row["focus"], {"fr": "Orientation de la formation", "en": "Programme focus"})
        modules[row["focus"]].topics.add(row["topic"])
    for module, topic in edges["coversTopic"]:
        modules[module].topics.add(topic)
    for module, skill in edges["coversSkill"]:
        modules[module].skills.add(skill)
    for programme in programmes.values():
        programme.core.sort()
    phase_order = {iri: int(order) for iri, order in edges["order"] if "/phase/" in iri}
    alignments = [
        Alignment(
            concept=row.get("family", row["concept"]),
            target=row["target"],
            code=row["code"],
            scheme=short(row["scheme"]),
            relation=short(row["relation"]),
            confidence=float(row["confidence"]),
        )
        for row in rows("alignments")
    ]
    return GapModel(
        families=families,
        skills=skills,
        programmes=programmes,
        modules=modules,
        broader=dict(broader),
        labels=dict(labels),
        phase_order=phase_order,
        provider_types={iri: short(t) for iri, t in edges["providerType"]},
        alignments=alignments,
    )


def resolve_family(model: GapModel, value: str, parameter: str = "family") -> str:
    """The IRI of a job family named by its id (``regulatory-affairs``), IRI, French or English
    label, or by a classification it is aligned with: an ESCO occupation URI, a ROME 4.0 fiche
    code (``H1507``) or appellation code — the best-confidence alignment wins."""
    from ..errors import UnknownIdentifier
    from .profiles import fold  # the profile matcher's accent- and case-folding

    text = value.strip()
    for iri in model.families:
        if text in (iri, short(iri), iri[len(ID):]):
            return iri
    folded = fold(text)
    for iri in model.families:
        if folded and folded in {fold(label) for label in model.labels.get(iri, {}).values()}:
            return iri
    aligned = [a for a in model.family_for_external(text) if a.concept in model.families]
    if aligned:
        return aligned[0].concept
    raise UnknownIdentifier("job family", value, (short(i) for i in model.families), parameter)
