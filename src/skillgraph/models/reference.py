"""Shared vocabularies: sources, SMT phases, topics, skills, training providers."""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import Field

from .common import Id, Label, Record, Text, _Strict

__all__ = [
    "Phase",
    "PhaseFile",
    "Provider",
    "ProviderFile",
    "ProviderType",
    "Skill",
    "SkillFile",
    "SkillKind",
    "SkillScope",
    "SourceDocument",
    "SourceFile",
    "Topic",
    "TopicFile",
]


class SourceDocument(_Strict):
    id: Id
    title: str
    creator: str
    publisher: str | None = None
    issued: date | None = None
    language: str = Field(pattern=r"^[a-z]{2}$")
    file: str
    description: Text | None = None


class SourceFile(_Strict):
    sources: list[SourceDocument] = Field(min_length=1)


class Phase(Record):
    order: int = Field(ge=1, le=5)
    label: Label
    definition: Text


class PhaseFile(_Strict):
    phases: list[Phase] = Field(min_length=5, max_length=5)


class Topic(_Strict):
    """A concept of the topic scheme (medical-device regulation, digital health...)."""

    id: Id
    label: Label
    definition: Text
    broader: Id | None = None


class TopicFile(_Strict):
    topics: list[Topic] = Field(min_length=1)


class SkillKind(str, Enum):
    """The study's split of skills (``savoir-faire`` / ``savoir-être``) plus knowledge."""

    savoir_faire = "savoir-faire"
    savoir_etre = "savoir-etre"
    savoir = "savoir"


class SkillScope(str, Enum):
    transversal = "transversal"
    job_specific = "job-specific"


class Skill(Record):
    label: Label
    kind: SkillKind
    scope: SkillScope
    topics: list[Id] = Field(default_factory=list)
    broader: Id | None = None
    note: Text | None = None


class SkillFile(_Strict):
    skills: list[Skill] = Field(min_length=1)


class ProviderType(str, Enum):
    university = "university"
    private_school = "private-school"
    engineering_school = "engineering-school"
    training_body = "training-body"


class Provider(Record):
    label: Label
    provider_type: ProviderType
    cities: list[str] = Field(default_factory=list)
    part_of: Id | None = None
    note: Text | None = None


class ProviderFile(_Strict):
    providers: list[Provider] = Field(min_length=1)


