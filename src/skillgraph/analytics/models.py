"""The results of the graph analytics: pydantic models naming each family, skill, topic and phase by id and label."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BridgingSkill", "ClusterFamily", "FamilySimilarity", "MobilityPath", "PathStep", "Ref", "SharedSkill", "SkillCluster", "SkillToAcquire"]


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
