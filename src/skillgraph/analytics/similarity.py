"""Family similarity: how close two job families are in the skills and topics they require."""

from __future__ import annotations

from itertools import combinations

from ..gaps.model import GapModel, short
from .graph import _DIGITS, _ref, _refs, common_skills
from .models import FamilySimilarity

__all__ = ["family_similarity"]


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
