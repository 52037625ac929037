"""A job card (fiche fonction / métier / famille de métiers) of the study."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .common import Citation, Id, Label, Record, Text, _Strict

__all__ = ["CardType", "CommonRequirements", "Importance", "Job", "JobCard", "PhaseInvolvement", "Requirement", "TextItem"]


class CardType(str, Enum):
    fonction = "fonction"
    metier = "metier"
    famille_de_metiers = "famille-de-metiers"


class Importance(str, Enum):
    """How much a requirement weighs in a coverage score (3, 2, 1); see docs/data-model.md."""

    essential = "essential"
    important = "important"
    complementary = "complementary"


class TextItem(_Strict):
    """One line of a card (an activity, a line of the profile, a challenge)."""

    text: Text
    group: Text | None = None
    source: Citation


class Job(Record):
    """A job inside a family (data scientist in the data jobs, device engineer...)."""

    label: Label
    note: Text | None = None


class PhaseInvolvement(_Strict):
    phase: Id
    source: Citation


class Requirement(_Strict):
    """A skill line of the card: the family needs this skill."""

    skill: Id
    card_section: Text
    new_for_smt: bool
    importance: Importance
    phases: list[Id] = Field(default_factory=list)
    jobs: list[Id] = Field(default_factory=list)
    source: Citation


class JobCard(Record):
    label: Label
    card_type: CardType
    new_to_pharma: bool
    hard_to_recruit: bool
    recruitment_note: TextItem | None = None
    description: TextItem | None = None
    jobs: list[Job] = Field(default_factory=list)
    phases: list[PhaseInvolvement] = Field(min_length=1)
    mission: list[TextItem] = Field(default_factory=list)
    activities: list[TextItem] = Field(default_factory=list)
    profile: list[TextItem] = Field(default_factory=list)
    challenges: list[TextItem] = Field(default_factory=list)
    requirements: list[Requirement] = Field(min_length=1)


class CommonRequirements(_Strict):
    """The transverse skills the study says every job family needs (applied to all by the build)."""

    label: Label
    requirements: list[Requirement] = Field(min_length=1)
    source: Citation
