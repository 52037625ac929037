"""Skill clusters: skills that the same job families tend to require together."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from ..gaps.model import GapModel, short
from .graph import _DIGITS, _FAMILY, _SKILL, _nodes, _ref, _refs, _without_common, family_skill_graph
from .models import ClusterFamily, SkillCluster

__all__ = ["skill_clusters"]


def _skill_projection(graph: nx.Graph) -> nx.Graph:
    """Skills joined when the same family requires both; weight: the sum over those
    families of the lower of the two importances (two essential skills of one card weigh
    more than two complementary ones)."""
    projection = nx.Graph()
    projection.add_nodes_from(_nodes(graph, _SKILL))
    for family in _nodes(graph, _FAMILY):
        skills = sorted(graph.neighbors(family))
        for a, b in combinations(skills, 2):
            weight = min(graph.edges[family, a]["weight"], graph.edges[family, b]["weight"])
            previous = projection.edges[a, b]["weight"] if projection.has_edge(a, b) else 0
            projection.add_edge(a, b, weight=previous + weight)
    return projection


def skill_clusters(model: GapModel, include_common: bool = False, lang: str = "fr") -> list[SkillCluster]:
    """Clusters of skills that co-occur in the same job families.

    The bipartite graph is projected on the skills (two skills are linked when a family
    requires both, weighted by the lower importance, summed over the families), and split
    by greedy modularity maximisation (Clauset-Newman-Moore, deterministic given the sorted
    node order). Most skills belong to one card only, so clusters mostly follow the cards;
    the interesting ones are those that merge several families through shared skills. The
    common transverse skills would tie every cluster together and are left out unless
    ``include_common``.

    Each cluster lists its skills, every family requiring one of them (with how many and
    which share), the *main* families (requiring at least half the cluster) and its most
    frequent topics. Sorted by size (descending), then by the first skill id.
    """
    graph = family_skill_graph(model, lang)
    if not include_common:
        graph = _without_common(graph)
    projection = _skill_projection(graph)
    if projection.number_of_nodes() == 0:
        return []
    communities = [sorted(c) for c in greedy_modularity_communities(projection, weight="weight")]
    communities.sort(key=lambda c: (-len(c), short(c[0])))
    clusters = []
    for index, members in enumerate(communities, start=1):
        per_family = Counter(f for skill in members for f in graph.neighbors(skill))
        families = sorted(
            (
                ClusterFamily(family=_ref(model, f, lang), skills=n, share=round(n / len(members), _DIGITS))
                for f, n in per_family.items()
            ),
            key=lambda c: (-c.skills, c.family.id),
        )
        topics = Counter(t for skill in members for t in model.skills[skill].topics)
        clusters.append(
            SkillCluster(
                index=index,
                skills=_refs(model, members, lang),
                families=families,
                main_families=[c.family for c in families if c.share >= 0.5],
                topics=[_ref(model, t, lang) for t, _ in sorted(topics.items(), key=lambda kv: (-kv[1], short(kv[0])))],
            )
        )
    return clusters
