"""Training programmes, their modules and exclusive choices."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .common import Citation, Id, Label, Record, Text, _Strict

__all__ = [
    "ChoiceGroup",
    "ChoiceOption",
    "CurriculumFile",
    "Duration",
    "Focus",
    "Module",
    "ModuleStatus",
    "Programme",
    "ProgrammeType",
]


class ProgrammeType(str, Enum):
    master2 = "master2"
    master1_2 = "master1-2"
    university_diploma = "university-diploma"
    initial_training = "initial-training"
    continuing_training = "continuing-training"
    engineering_track = "engineering-track"


class ModuleStatus(str, Enum):
    mandatory = "mandatory"
    elective = "elective"


class Module(Record):
    label: Label
    status: ModuleStatus
    topics: list[Id] = Field(default_factory=list)
    skills: list[Id] = Field(default_factory=list)
    hours: float | None = Field(default=None, gt=0)
    units: int | None = Field(default=None, ge=1)
    note: Text | None = None


class ChoiceOption(Record):
    label: Label
    modules: list[Module] = Field(min_length=1)


class ChoiceGroup(Record):
    """Students pick between ``min_choices`` and ``max_choices`` of the options."""

    label: Label
    min_choices: int = Field(default=1, ge=0)
    max_choices: int = Field(default=1, ge=1)
    options: list[ChoiceOption] = Field(min_length=2)

    @model_validator(mode="after")
    def _bounds(self) -> ChoiceGroup:
        if self.min_choices > self.max_choices or self.max_choices > len(self.options):
            raise ValueError("need min_choices <= max_choices <= number of options")
        return self


class Duration(_Strict):
    years: float | None = Field(default=None, gt=0)
    hours: float | None = Field(default=None, gt=0)
    days: float | None = Field(default=None, gt=0)
    text: Text | None = None


class Focus(_Strict):
    """What the whole programme is about, as the study characterises it (e.g. drug-oriented
    regulatory affairs): taught to every student even where no module is named."""

    topics: list[Id] = Field(min_length=1)
    source: Citation


class Programme(Record):
    label: Label
    programme_type: ProgrammeType
    providers: list[Id] = Field(min_length=1)
    cities: list[str] = Field(default_factory=list)
    level: str | None = None
    duration: Duration | None = None
    prepares_for: list[Id] = Field(default_factory=list)
    objectives: list[Text] = Field(default_factory=list)
    outcomes: list[Text] = Field(default_factory=list)
    focus: Focus | None = None
    modules: list[Module] = Field(default_factory=list)
    choice_groups: list[ChoiceGroup] = Field(default_factory=list)
    note: Text | None = None


class CurriculumFile(_Strict):
    programmes: list[Programme] = Field(min_length=1)

