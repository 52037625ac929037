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

from ..errors import SkillgraphError, UnknownIdentifier  # noqa: F401 - importable from here, as before the split
from .bridges import bridging_skills
from .clusters import skill_clusters
from .graph import common_skills, family_iri, family_skill_graph
from .mobility import mobility_paths
from .models import (
    BridgingSkill,
    ClusterFamily,
    FamilySimilarity,
    MobilityPath,
    PathStep,
    Ref,
    SharedSkill,
    SkillCluster,
    SkillToAcquire,
)
from .similarity import family_similarity

__all__ = ["BridgingSkill", "ClusterFamily", "FamilySimilarity", "MobilityPath", "PathStep", "Ref", "SharedSkill", "SkillCluster", "SkillToAcquire", "bridging_skills", "common_skills", "family_iri", "family_similarity", "family_skill_graph", "mobility_paths", "skill_clusters"]
