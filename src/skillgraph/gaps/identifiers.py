"""Identifiers of the gap model resolved to IRIs: programmes, job families, topics, programme types."""

from __future__ import annotations

from typing import Any

from ..errors import UnknownIdentifier
from .model import ID, GapModel, short
from .model import resolve_family as _resolve_family

__all__ = ["PROGRAMME_TYPES", "resolve_family", "resolve_programme", "resolve_programme_type", "resolve_topic"]

#: Programme types in display order: model name (the ontology class) -> data identifier.
PROGRAMME_TYPES: dict[str, str] = {
    "Master2": "master2",
    "Master1And2": "master1-2",
    "UniversityDiploma": "university-diploma",
    "EngineeringTrack": "engineering-track",
    "InitialTraining": "initial-training",
    "ContinuingTraining": "continuing-training",
}


def _resolve(kind: str, value: str, prefix: str, known: dict[str, Any] | set[str]) -> str:
    value = value.strip()
    for candidate in (value, ID + prefix + value):
        if candidate in known:
            return candidate
    raise UnknownIdentifier(kind, value, sorted(short(k) for k in known))


def resolve_programme(model: GapModel, value: str) -> str:
    """The IRI of a programme given by its identifier (``m2-strasbourg-…``) or IRI."""
    return _resolve("programme", value, "programme/", model.programmes)


def resolve_family(model: GapModel, value: str) -> str:
    """The IRI of a job family given its id, IRI, label (fr/en), ESCO occupation or ROME code."""
    return _resolve_family(model, value)


def resolve_topic(model: GapModel, value: str) -> str:
    """The IRI of a topic given by its identifier (``regulation``) or IRI."""
    topics = set(model.ancestors) | {t for m in model.modules.values() for t in m.topics}
    return _resolve("topic", value, "topic/", topics)


def resolve_programme_type(value: str) -> str:
    """The model's programme type (``Master2``) from either spelling (``Master2`` or ``master2``)."""
    key = value.strip()
    for model_name, data_id in PROGRAMME_TYPES.items():
        if key in (model_name, data_id) or key.lower() in (model_name.lower(), data_id):
            return model_name
    raise UnknownIdentifier("programme type", value, list(PROGRAMME_TYPES) + list(PROGRAMME_TYPES.values()))

