"""``/analytics/*``: bridging skills, skill clusters, family similarity and mobility paths.

Each request reads the gap model from the release in service (about 0.1 s), so a rebuild
while serving is seen at once. Routes are plain functions: FastAPI runs them in its thread
pool, off the event loop.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ...analytics import (
    BridgingSkill,
    FamilySimilarity,
    MobilityPath,
    SkillCluster,
    UnknownIdentifier,
    bridging_skills,
    family_similarity,
    mobility_paths,
    skill_clusters,
)
from ...gaps.model import GapModel
from ...errors import UnknownIdentifier

__all__ = ["router"]

router = APIRouter(prefix="/analytics", tags=["analytics"])

Lang = Annotated[Literal["fr", "en"], Query(description="Language of the labels.")]
IncludeCommon = Annotated[
    bool,
    Query(description="Keep the three transverse skills every family needs (they link every family to every other)."),
]
_UNKNOWN = {422: {"description": "An unknown job family; the body names the parameter and the known ids."}}


def _model(request: Request) -> GapModel:
    return request.app.state.holder.model()  # type: ignore[no-any-return]


def _unknown(exc: UnknownIdentifier) -> JSONResponse:
    # Same body as the named-query routes' invalid parameters, plus the ids a client may use.
    return JSONResponse(
        {"error": "invalid_parameter", "parameter": exc.parameter, "message": str(exc), "known": exc.known},
        status_code=422,
    )


@router.get("/bridges", response_model=list[BridgingSkill], summary="Skills shared by several job families")
def bridges(
    request: Request,
    min_families: Annotated[int, Query(ge=1, le=100, description="Least number of families requiring the skill.")] = 2,
    include_common: IncludeCommon = False,
    lang: Lang = "fr",
) -> list[BridgingSkill]:
    """Skills through which job families connect: each skill required by at least
    `min_families` families, with those families and the skill's betweenness centrality in
    the bipartite family-skill graph (the share of shortest paths that go through it).

    The three common transverse skills trivially bridge every family; they are left out of
    the graph unless `include_common`. Sorted by number of families, then betweenness."""
    return bridging_skills(_model(request), min_families, include_common, lang)


@router.get("/clusters", response_model=list[SkillCluster], summary="Skills required together by the same families")
def clusters(request: Request, include_common: IncludeCommon = False, lang: Lang = "fr") -> list[SkillCluster]:
    """Clusters of skills that co-occur in the same job families: the family-skill graph is
    projected on the skills (weighted by importance) and split by greedy modularity
    maximisation (deterministic). Each cluster gives its skills, the families requiring
    them, the main families (at least half of the cluster) and its frequent topics."""
    return skill_clusters(_model(request), include_common, lang)


@router.get("/similarity", response_model=list[FamilySimilarity], summary="Pairwise similarity of job families")
def similarity(request: Request, include_common: IncludeCommon = False, lang: Lang = "fr") -> list[FamilySimilarity]:
    """Every pair of job families with the weighted Jaccard similarity of their skills
    (importance weights) and, since the cards rarely share a skill word for word, of their
    skills' topics with their broader topics. Most similar (by topics) first."""
    return family_similarity(_model(request), include_common, lang)


@router.get(
    "/mobility",
    response_model=MobilityPath,
    summary="What a person of one job family has and lacks for another",
    responses=_UNKNOWN,  # type: ignore[arg-type]
)
def mobility(
    request: Request,
    source: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[a-z0-9-]+$", description="Job family id of the person, e.g. medical-affairs.")],
    target: Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[a-z0-9-]+$", description="Job family id to move to, e.g. data-jobs.")],
    basis: Annotated[Literal["topics", "skills"], Query(description="Similarity the paths are computed on.")] = "topics",
    lang: Lang = "fr",
) -> MobilityPath | JSONResponse:
    """The target family's skills the source family already requires (shared, common
    transverse skills flagged) and those to acquire, with importance, SMT phases and the
    study's source lines; the cheapest path between the families on the family graph
    weighted by 1 - similarity, and the stepping-stone path whose least similar step is most
    similar.

    There is no biostatistician family in the study: its advice to train biologists /
    health engineers as data analysts "on the model of biostatisticians" is best asked as
    `source=medical-affairs&target=data-jobs`."""
    try:
        return mobility_paths(_model(request), source, target, basis, lang)
    except UnknownIdentifier as exc:
        return _unknown(exc)
