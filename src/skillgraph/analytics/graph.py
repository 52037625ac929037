"""The bipartite graph of job families and the skills they require, and the helpers the analytics share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from ..gaps.model import SG, GapModel, Requirement, resolve_family, short
from .models import Ref

__all__ = ["common_skills", "family_iri", "family_skill_graph"]

_IMPORTANCE = {3: "Essential", 2: "Important", 1: "Complementary"}
_FAMILY = "family"
_SKILL = "skill"
# Rounding of the scores in the answers: enough to rank, stable across platforms.
_DIGITS = 4


def common_skills(model: GapModel) -> set[str]:
    """IRIs of the skills every family requires through one shared requirement node.

    The build attaches the study's common requirement set to every family, so the same
    requirement IRI appears under each of them: that, not a fixed list, marks them.
    """
    if not model.families:
        return set()
    per_family = [{r.iri for r in f.requirements} for f in model.families.values()]
    shared = set.intersection(*per_family)
    return {r.skill for f in model.families.values() for r in f.requirements if r.iri in shared}


def family_iri(model: GapModel, family: str, parameter: str = "family") -> str:
    """The IRI of a family given its short id, IRI, label, ESCO occupation or ROME code."""
    return resolve_family(model, family, parameter)


def family_skill_graph(model: GapModel, lang: str = "fr") -> nx.Graph:
    """The bipartite graph of job families and the skills they require.

    Nodes are IRIs, with ``kind`` (``family`` or ``skill``), ``bipartite`` (0 families, 1
    skills), ``id`` (short id), ``label`` (in ``lang``) and, on skills, ``common`` (one of
    the transverse skills every family needs). An edge joins a family to each skill it
    requires; ``weight`` is the importance (3, 2, 1; the highest when a family lists the
    skill twice), ``new_for_smt`` and ``lines`` (the source line ranges) come from the
    requirements. Nodes and edges are inserted in sorted order so that algorithms that
    depend on iteration order give the same answer on every run.
    """
    graph = nx.Graph()
    common = common_skills(model)
    for iri in sorted(model.families):
        graph.add_node(iri, kind=_FAMILY, bipartite=0, id=short(iri), label=model.label(iri, lang))
    for iri in sorted({r.skill for f in model.families.values() for r in f.requirements}):
        graph.add_node(
            iri, kind=_SKILL, bipartite=1, id=short(iri), label=model.label(iri, lang), common=iri in common
        )
    edges: dict[tuple[str, str], list[Requirement]] = defaultdict(list)
    for family in model.families.values():
        for requirement in family.requirements:
            edges[(family.iri, requirement.skill)].append(requirement)
    for (family, skill), requirements in sorted(edges.items()):
        graph.add_edge(
            family,
            skill,
            weight=max(r.weight for r in requirements),
            new_for_smt=any(r.new_for_smt for r in requirements),
            lines=sorted(r.lines for r in requirements),
            common=skill in common,
        )
    return graph


def _without_common(graph: nx.Graph) -> nx.Graph:
    return graph.subgraph(n for n, d in graph.nodes(data=True) if not d.get("common")).copy()


def _nodes(graph: nx.Graph, kind: str) -> list[str]:
    return sorted(n for n, d in graph.nodes(data=True) if d["kind"] == kind)


def _ref(model: GapModel, iri: str, lang: str) -> Ref:
    return Ref(id=short(iri), label=model.label(iri, lang))


def _refs(model: GapModel, iris: Iterable[str], lang: str) -> list[Ref]:
    return [_ref(model, iri, lang) for iri in sorted(iris, key=short)]


def _importance(model: GapModel, weight: int, lang: str) -> Ref:
    iri = SG + _IMPORTANCE.get(weight, "Complementary")
    return Ref(id=short(iri), label=model.label(iri, lang))
