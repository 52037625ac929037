"""Graph analytics on the job families and their skills: bridges, clusters, similarity, mobility.

Everything works on the in-memory :class:`~skillgraph.gaps.model.GapModel` and on one
bipartite graph built from it (job families on one side, skills on the other, an edge for
each requirement weighted by its importance: essential 3, important 2, complementary 1).

The three transverse skills the study says *every* family needs (results-oriented,
development-process-oriented, end-user-oriented, lines 6307-6332) are in the graph but
flagged ``common``: they connect every family to every other, so by default the analytics
leave them out and look at what really links families.

Results are pydantic models carrying the short identifier (``regulatory-affairs``) and the
label (French by default) of every family, skill, topic and phase. All outputs are sorted
and the algorithms are deterministic, so two runs on the same graph give the same answer.

The study recommends training biologists / health engineers as **data analysts**, "on the
model of biostatisticians" (lines 7480-7486). The graph has no biostatistician family: the
nearest question it can answer is a mobility from an existing family (e.g. medical affairs)
towards ``data-jobs``, whose card names the data analyst among its jobs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Literal

import networkx as nx
from networkx.algorithms import bipartite
from networkx.algorithms.community import greedy_modularity_communities
from pydantic import BaseModel, ConfigDict, Field

from .errors import SkillgraphError, UnknownIdentifier
from .gaps.model import ID, SG, GapModel, Requirement, resolve_family, short

__all__ = ["BridgingSkill", "ClusterFamily", "FamilySimilarity", "MobilityPath", "PathStep", "Ref", "SharedSkill", "SkillCluster", "SkillToAcquire", "bridging_skills", "common_skills", "family_iri", "family_similarity", "family_skill_graph", "mobility_paths", "skill_clusters"]

_IMPORTANCE = {3: "Essential", 2: "Important", 1: "Complementary"}
_FAMILY = "family"
_SKILL = "skill"
# Rounding of the scores in the answers: enough to rank, stable across platforms.
_DIGITS = 4



class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Ref(_Frozen):
    """A node of the graph: its short identifier and its label in the language asked for."""

    id: str = Field(description="Short identifier, the last segment of the IRI (e.g. regulatory-affairs).")
    label: str = Field(description="Label in the language asked for (French when no translation exists).")


class BridgingSkill(_Frozen):
    """A skill required by several job families: families connect through it."""

    skill: Ref
    common: bool = Field(description="One of the transverse skills the study attaches to every family.")
    families: list[Ref]
    family_count: int
    betweenness: float = Field(description="Normalised betweenness centrality of the skill in the bipartite graph.")
    topics: list[Ref]


class ClusterFamily(_Frozen):
    """How much of a skill cluster one job family requires."""

    family: Ref
    skills: int = Field(description="Skills of the cluster the family requires.")
    share: float = Field(description="Those skills as a share of the cluster (0..1).")


class SkillCluster(_Frozen):
    """Skills that tend to be required together by the same families."""

    index: int = Field(description="Rank of the cluster, largest first (from 1).")
    skills: list[Ref]
    families: list[ClusterFamily] = Field(description="Every family requiring a skill of the cluster, most involved first.")
    main_families: list[Ref] = Field(description="Families requiring at least half of the cluster's skills.")
    topics: list[Ref] = Field(description="Topics of the cluster's skills, most frequent first.")


class FamilySimilarity(_Frozen):
    """How close two job families are in what they require."""

    first: Ref
    second: Ref
    skills: float = Field(description="Weighted Jaccard similarity of the skills (importance weights).")
    topics: float = Field(description="Weighted Jaccard similarity of the skills' topics and their broader topics.")
    shared_skills: list[Ref]
    shared_topics: list[Ref]


class SharedSkill(_Frozen):
    """A skill of the target family that the source family already requires."""

    skill: Ref
    common: bool
    source_importance: Ref
    target_importance: Ref


class SkillToAcquire(_Frozen):
    """A skill of the target family that the source family does not require."""

    skill: Ref
    importance: Ref
    weight: int
    new_for_smt: bool
    section: str = Field(description="Card section of the target family the skill line is in.")
    phases: list[Ref] = Field(description="SMT phases in which the target family needs the skill.")
    lines: tuple[int, int] = Field(description="First and last line of the skill line in data/sources/aec-2020.txt.")
    topics: list[Ref]
    familiar_topics: list[Ref] = Field(description="Topics of this skill the source family already works with.")


class PathStep(_Frozen):
    """One move between two families on the mobility path."""

    source: Ref
    target: Ref
    similarity: float
    cost: float = Field(description="1 - similarity.")
    to_acquire: int = Field(description="Skills of the step's target the step's source does not require.")


class MobilityPath(_Frozen):
    """What a person of one job family already has and must acquire to move to another."""

    source: Ref
    target: Ref
    basis: str = Field(description="Similarity the path is computed on: topics or skills.")
    similarity: FamilySimilarity
    held_share: float = Field(description="Importance-weighted share of the target's requirements already required by the source.")
    shared: list[SharedSkill]
    to_acquire: list[SkillToAcquire] = Field(description="Most important first, then in the order of the study.")
    path: list[Ref] = Field(description="Families from source to target on the cheapest path (1 - similarity).")
    steps: list[PathStep]
    direct_cost: float
    path_cost: float
    gentle_path: list[Ref] = Field(
        description="Families from source to target on the path whose least similar step is most similar (stepping stones)."
    )
    gentle_steps: list[PathStep]


# -- the graph ----------------------------------------------------------------------------


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


# -- bridges ------------------------------------------------------------------------------


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


# -- clusters -----------------------------------------------------------------------------


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


# -- similarity ---------------------------------------------------------------------------


def _skill_vector(model: GapModel, family: str, exclude: set[str]) -> dict[str, float]:
    vector: dict[str, float] = {}
    for r in model.families[family].requirements:
        if r.skill not in exclude:
            vector[r.skill] = max(vector.get(r.skill, 0), r.weight)
    return vector


def _topic_vector(model: GapModel, skills: dict[str, float]) -> dict[str, float]:
    """Topic weights of a family: each topic (and each broader topic above it) weighs the
    highest importance among the skills that carry it, so two families using drug and
    device regulation meet on 'regulation'."""
    vector: dict[str, float] = {}
    for skill, weight in skills.items():
        for topic in model.skills[skill].topics:
            for above in model.ancestors.get(topic, {topic}):
                vector[above] = max(vector.get(above, 0), weight)
    return vector


def _jaccard(a: dict[str, float], b: dict[str, float]) -> float:
    keys = a.keys() | b.keys()
    top = sum(max(a.get(k, 0), b.get(k, 0)) for k in keys)
    return sum(min(a.get(k, 0), b.get(k, 0)) for k in keys) / top if top else 0.0


def _similarity(model: GapModel, a: str, b: str, exclude: set[str], lang: str) -> FamilySimilarity:
    skills_a, skills_b = _skill_vector(model, a, exclude), _skill_vector(model, b, exclude)
    topics_a, topics_b = _topic_vector(model, skills_a), _topic_vector(model, skills_b)
    return FamilySimilarity(
        first=_ref(model, a, lang),
        second=_ref(model, b, lang),
        skills=round(_jaccard(skills_a, skills_b), _DIGITS),
        topics=round(_jaccard(topics_a, topics_b), _DIGITS),
        shared_skills=_refs(model, skills_a.keys() & skills_b.keys(), lang),
        shared_topics=_refs(model, topics_a.keys() & topics_b.keys(), lang),
    )


def family_similarity(model: GapModel, include_common: bool = False, lang: str = "fr") -> list[FamilySimilarity]:
    """Every pair of job families with two similarities, most similar first.

    * ``skills``: weighted Jaccard (sum of minima over sum of maxima of the importance
      weights) on the skills the two families require. Few skills are literally shared
      between cards (the study writes each card's skills in that job's words), so this is
      zero for most pairs.
    * ``topics``: the same on the skills' topics, each expanded with its broader topics
      (``skos:broader``), which sees that two cards ask for related knowledge in different
      words.

    The common transverse skills add the same to every pair and are left out unless
    ``include_common``. Sorted by topic similarity, then skill similarity (descending),
    then by the two ids.
    """
    exclude = set() if include_common else common_skills(model)
    pairs = [
        _similarity(model, a, b, exclude, lang)
        for a, b in combinations(sorted(model.families, key=short), 2)
    ]
    return sorted(pairs, key=lambda p: (-p.topics, -p.skills, p.first.id, p.second.id))


# -- mobility -----------------------------------------------------------------------------


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
