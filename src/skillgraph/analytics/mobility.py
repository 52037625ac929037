"""Mobility paths: what a person of one job family brings to another, must learn, and which families lie between."""

from __future__ import annotations

from itertools import combinations
from typing import Literal

import networkx as nx

from ..errors import SkillgraphError
from ..gaps.model import GapModel, short
from .graph import _DIGITS, _importance, _ref, _refs, common_skills, family_iri
from .models import MobilityPath, PathStep, SharedSkill, SkillToAcquire
from .similarity import _similarity, _topic_vector

__all__ = ["mobility_paths"]


def _family_graph(model: GapModel, basis: str, exclude: set[str]) -> nx.Graph:
    graph = nx.Graph()
    families = sorted(model.families, key=short)
    graph.add_nodes_from(families)
    for a, b in combinations(families, 2):
        similarity = _similarity(model, a, b, exclude, "fr")
        value = similarity.topics if basis == "topics" else similarity.skills
        graph.add_edge(a, b, similarity=value, cost=round(1.0 - value, _DIGITS))
    return graph


def mobility_paths(
    model: GapModel, source_family: str, target_family: str, basis: Literal["topics", "skills"] = "topics", lang: str = "fr"
) -> MobilityPath:
    """What a person of ``source_family`` brings to ``target_family`` and what they must learn.

    * ``shared``: the target's skills the source family already requires (the common
      transverse skills included, flagged: everyone has them);
    * ``to_acquire``: the target's other skills, with importance, whether the study marks
      them new for SMT, the SMT phases they are needed in, the card section and the source
      lines, and the skill's topics the source family already works with (a head start);
    * ``path``: the cheapest path between the families on the complete family graph whose
      edges cost ``1 - similarity`` (``basis`` ``topics``, the default, or ``skills``).
      Each edge costs at most 1, so an intermediate family is proposed only when both steps
      are markedly closer than the direct move; otherwise the path is the direct one.
    * ``gentle_path``: the path whose *least* similar step is as similar as possible (the
      widest path, read on a maximum spanning tree): stepping stones, each step closer than
      the direct move, when they exist (it is the direct move otherwise). Longer in steps,
      it answers "which families could a person move through"; ``path`` answers "what is
      cheapest in total".

    Identifiers are short family ids (``medical-affairs``) or IRIs; an unknown one raises
    :class:`UnknownIdentifier`.

    The study recommends training biologists / health engineers as data analysts on the
    model of biostatisticians (lines 7480-7486). There is **no biostatistician family** in
    the graph (the study has no card for it): ``medical-affairs`` → ``data-jobs`` is the
    closest question, the data analyst being one of the data-jobs card's jobs.
    """
    if basis not in ("topics", "skills"):
        raise SkillgraphError(f"unknown similarity basis '{basis}' (use topics or skills)")
    source = family_iri(model, source_family, "source")
    target = family_iri(model, target_family, "target")
    common = common_skills(model)
    held = {r.skill: r for r in model.families[source].requirements}
    held_topics = set(_topic_vector(model, {s: 1.0 for s in held}))

    shared, to_acquire = [], []
    for r in sorted(model.families[target].requirements, key=lambda r: (-r.weight, r.lines, short(r.skill))):
        if r.skill in held:
            shared.append(
                SharedSkill(
                    skill=_ref(model, r.skill, lang),
                    common=r.skill in common,
                    source_importance=_importance(model, held[r.skill].weight, lang),
                    target_importance=_importance(model, r.weight, lang),
                )
            )
            continue
        topics = model.skills[r.skill].topics
        to_acquire.append(
            SkillToAcquire(
                skill=_ref(model, r.skill, lang),
                importance=_importance(model, r.weight, lang),
                weight=r.weight,
                new_for_smt=r.new_for_smt,
                section=r.section,
                phases=[_ref(model, p, lang) for p in model.phases_of(r)],
                lines=r.lines,
                topics=_refs(model, topics, lang),
                familiar_topics=_refs(model, topics & held_topics, lang),
            )
        )
    total = sum(r.weight for r in model.families[target].requirements)
    held_weight = sum(r.weight for r in model.families[target].requirements if r.skill in held)

    graph = _family_graph(model, basis, common)
    if source == target:
        nodes = [source]
    else:
        # Dijkstra is deterministic here: nodes and edges were added in sorted order.
        nodes = nx.dijkstra_path(graph, source, target, weight="cost")
    gentle = _widest_path(graph, source, target)
    steps, gentle_steps = _steps(model, graph, nodes, lang), _steps(model, graph, gentle, lang)
    return MobilityPath(
        source=_ref(model, source, lang),
        target=_ref(model, target, lang),
        basis=basis,
        similarity=_similarity(model, source, target, common, lang),
        held_share=round(held_weight / total, _DIGITS) if total else 0.0,
        shared=shared,
        to_acquire=to_acquire,
        path=[_ref(model, n, lang) for n in nodes],
        steps=steps,
        direct_cost=graph.edges[source, target]["cost"] if source != target else 0.0,
        path_cost=round(sum(s.cost for s in steps), _DIGITS),
        gentle_path=[_ref(model, n, lang) for n in gentle],
        gentle_steps=gentle_steps,
    )


def _widest_path(graph: nx.Graph, source: str, target: str) -> list[str]:
    """The path maximising its smallest similarity; direct when no detour does better."""
    if source == target:
        return [source]
    # On a maximum spanning tree the unique path between two nodes is a widest path.
    tree = nx.maximum_spanning_tree(graph, weight="similarity")
    nodes: list[str] = nx.shortest_path(tree, source, target)
    bottleneck = min(graph.edges[a, b]["similarity"] for a, b in zip(nodes, nodes[1:]))
    return nodes if bottleneck > graph.edges[source, target]["similarity"] else [source, target]


def _steps(model: GapModel, graph: nx.Graph, nodes: list[str], lang: str) -> list[PathStep]:
    return [
        PathStep(
            source=_ref(model, a, lang),
            target=_ref(model, b, lang),
            similarity=graph.edges[a, b]["similarity"],
            cost=graph.edges[a, b]["cost"],
            to_acquire=len(
                {r.skill for r in model.families[b].requirements} - {r.skill for r in model.families[a].requirements}
            ),
        )
        for a, b in zip(nodes, nodes[1:])
    ]
