"""Bridging skills: the skills through which job families connect."""

from __future__ import annotations

from networkx.algorithms import bipartite

from ..gaps.model import GapModel
from .graph import _DIGITS, _FAMILY, _SKILL, _nodes, _ref, _refs, _without_common, family_skill_graph
from .models import BridgingSkill

__all__ = ["bridging_skills"]


def bridging_skills(
    model: GapModel, min_families: int = 2, include_common: bool = False, lang: str = "fr"
) -> list[BridgingSkill]:
    """Skills required by at least ``min_families`` job families: the skills through which families connect.

    In the bipartite family-skill graph, two families are connected only through the skills
    they both require. A skill shared by several families is a *bridge*: a training on it
    serves each of them, and a person holding it has a foothold in each. Its betweenness
    centrality (normalised for bipartite graphs, computed on hop counts) is the share of
    shortest paths between other nodes that pass through it: high for the skills that are
    the *only* link between families, low for skills shared by families that are linked
    anyway.

    The three common transverse skills connect every family to every other, trivially. With
    ``include_common=False`` (the default) they are removed from the graph before the
    centralities are computed, which shows which *specific* skills bridge families; with
    ``True`` they are kept and listed (flagged ``common``).

    Sorted by number of families, then betweenness (both descending), then id.
    """
    graph = family_skill_graph(model, lang)
    if not include_common:
        graph = _without_common(graph)
    skills = _nodes(graph, _SKILL)
    # The bipartite normalisation needs one side's nodes; families are that side here.
    centrality = bipartite.betweenness_centrality(graph, _nodes(graph, _FAMILY)) if graph.number_of_edges() else {}
    out = []
    for skill in skills:
        families = sorted(graph.neighbors(skill))
        if len(families) < min_families:
            continue
        out.append(
            BridgingSkill(
                skill=_ref(model, skill, lang),
                common=bool(graph.nodes[skill].get("common")),
                families=_refs(model, families, lang),
                family_count=len(families),
                betweenness=round(centrality.get(skill, 0.0), _DIGITS),
                topics=_refs(model, model.skills[skill].topics, lang),
            )
        )
    return sorted(out, key=lambda b: (-b.family_count, -b.betweenness, b.skill.id))
