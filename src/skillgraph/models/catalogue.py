"""The SMT landscape: categories, solutions, companies, workforce figures, recommendations."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .common import Id, Label, Record, Text, _Strict
from .curricula import ProgrammeType

__all__ = [
    "Amount",
    "Assumption",
    "Audience",
    "CatalogueFile",
    "Company",
    "CompanyFile",
    "DataPoint",
    "Recommendation",
    "RecommendationFile",
    "Series",
    "Solution",
    "SolutionCategory",
    "TherapeuticArea",
    "WorkforceFile",
]


class SolutionCategory(Record):
    number: int = Field(ge=1, le=3)
    label: Label
    definition: Text


class TherapeuticArea(Record):
    label: Label


class Solution(Record):
    """An SMT named by the study (drug + expert software +/- device)."""

    label: Label
    category: Id
    therapeutic_areas: list[Id] = Field(default_factory=list)
    companies: list[Id] = Field(default_factory=list)
    drug: str | None = None
    device: Text | None = None
    software: Text | None = None
    approvals: list[str] = Field(default_factory=list)
    digital_therapeutic: bool = False
    description: Text | None = None


class CatalogueFile(_Strict):
    categories: list[SolutionCategory] = Field(min_length=3, max_length=3)
    therapeutic_areas: list[TherapeuticArea] = Field(default_factory=list)
    solutions: list[Solution] = Field(default_factory=list)


class Amount(_Strict):
    value: float
    unit: str
    year: int | None = None
    text: Text | None = None


class Company(Record):
    label: Label
    country: str = Field(pattern=r"^[A-Z]{2}$")
    french: bool
    city: str | None = None
    founded: int | None = Field(default=None, ge=1600, le=2030)
    employees: Amount | None = None
    turnover: Amount | None = None
    smt_share: Text | None = None
    partners: list[Id] = Field(default_factory=list)
    description: Text | None = None


class CompanyFile(_Strict):
    companies: list[Company] = Field(min_length=1)


class Assumption(Record):
    label: Label
    value: float
    unit: str
    note: Text | None = None


class DataPoint(_Strict):
    year: int = Field(ge=2000, le=2100)
    value: float


class Series(Record):
    label: Label
    unit: str
    points: list[DataPoint] = Field(min_length=1)
    note: Text | None = None


class WorkforceFile(_Strict):
    assumptions: list[Assumption] = Field(min_length=1)
    series: list[Series] = Field(min_length=1)


class Audience(str, Enum):
    training_bodies = "training-bodies"
    health_authorities = "health-authorities"
    companies = "companies"


class Recommendation(Record):
    label: Label
    text: Text
    audience: Audience
    job_families: list[Id] = Field(default_factory=list)
    programme_types: list[ProgrammeType] = Field(default_factory=list)
    topics: list[Id] = Field(default_factory=list)


class RecommendationFile(_Strict):
    recommendations: list[Recommendation] = Field(min_length=1)
