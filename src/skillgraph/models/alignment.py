"""Alignment of the study's job families, jobs and skills with ESCO and ROME 4.0."""

from __future__ import annotations

import re
from enum import Enum

from pydantic import Field, computed_field, model_validator

from .common import Id, Text, _Strict

__all__ = [
    "REFERENCE_PREFIXES",
    "AlignmentFile",
    "MatchMethod",
    "MatchRelation",
    "NoMatch",
    "ReferenceScheme",
    "TargetMapping",
    "reference_iri",
]


class ReferenceScheme(str, Enum):
    esco_occupation = "esco-occupation"
    esco_skill = "esco-skill"
    rome_fiche = "rome-fiche"
    rome_appellation = "rome-appellation"
    rome_competence = "rome-competence"
    rome_savoir = "rome-savoir"


#: How a reference code becomes an IRI. ESCO publishes URIs; ROME has none, so the project
#: mints them under its own namespace (documented in docs/alignment.md).
REFERENCE_PREFIXES: dict[ReferenceScheme, str] = {
    ReferenceScheme.esco_occupation: "http://data.europa.eu/esco/occupation/",
    ReferenceScheme.esco_skill: "http://data.europa.eu/esco/skill/",
    ReferenceScheme.rome_fiche: "https://w3id.org/skillgraph/rome/fiche/",
    ReferenceScheme.rome_appellation: "https://w3id.org/skillgraph/rome/appellation/",
    ReferenceScheme.rome_competence: "https://w3id.org/skillgraph/rome/competence/",
    ReferenceScheme.rome_savoir: "https://w3id.org/skillgraph/rome/savoir/",
}
_CODE = {
    ReferenceScheme.rome_fiche: re.compile(r"^[A-N]\d{4}$"),
    ReferenceScheme.rome_appellation: re.compile(r"^\d{1,7}$"),
    ReferenceScheme.rome_competence: re.compile(r"^\d{1,7}$"),
    ReferenceScheme.rome_savoir: re.compile(r"^\d{1,7}$"),
}


def reference_iri(scheme: ReferenceScheme, target: str) -> str:
    """The IRI of a reference concept: ESCO URIs as they are, ROME codes under the project's prefix."""
    prefix = REFERENCE_PREFIXES[scheme]
    if scheme in _CODE:
        if not _CODE[scheme].match(target):
            raise ValueError(f"'{target}' is not a valid {scheme.value} code")
        return prefix + target
    if not target.startswith(prefix) or len(target) == len(prefix):
        raise ValueError(f"'{target}' is not an {scheme.value} URI (expected {prefix}…)")
    return target


class MatchRelation(str, Enum):
    """SKOS mapping relations: exact, close, broad (the target is broader), narrow, related."""

    exact = "exact"
    close = "close"
    broad = "broad"
    narrow = "narrow"
    related = "related"


class MatchMethod(str, Enum):
    curated = "curated"
    matcher_reviewed = "matcher-reviewed"


class _Subject(_Strict):
    family: Id | None = None
    job: Id | None = None
    skill: Id | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> _Subject:
        given = [k for k in ("family", "job", "skill") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"name exactly one of family, job, skill (got {given or 'none'})")
        return self


class TargetMapping(_Subject):
    """One mapping of a study concept to a reference concept, with how sure and how made."""

    id: Id
    scheme: ReferenceScheme
    target: str = Field(min_length=1, description="ESCO concept URI, or ROME code / OGR code")
    target_label: Text
    relation: MatchRelation
    confidence: float = Field(ge=0, le=1)
    method: MatchMethod
    note: Text | None = None

    @model_validator(mode="after")
    def _valid_target(self) -> TargetMapping:
        reference_iri(self.scheme, self.target)
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def target_iri(self) -> str:
        return reference_iri(self.scheme, self.target)


class NoMatch(_Subject):
    """An explicit statement that no concept of a scheme fits, and why."""

    id: Id
    scheme: ReferenceScheme
    note: Text


class AlignmentFile(_Strict):
    esco_version: str
    rome_version: str
    mappings: list[TargetMapping] = Field(default_factory=list)
    no_match: list[NoMatch] = Field(default_factory=list)
