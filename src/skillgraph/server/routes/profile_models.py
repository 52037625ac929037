"""Request and response models of the HR profile routes, and the OpenAPI description of their body and errors.

The request models only document the body; :mod:`skillgraph.gaps.profiles` parses it, with line numbers.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

__all__ = [
    "BODY",
    "CellOut",
    "ERRORS",
    "EquivalentOut",
    "GapOut",
    "GapsOut",
    "GapsResponse",
    "LineOut",
    "MatchOut",
    "MatchReportOut",
    "ModuleOut",
    "PersonProfile",
    "PhaseGapsOut",
    "PhaseReadyOut",
    "PickOut",
    "ProblemOut",
    "ProfileBody",
    "ProfileError",
    "ProfileItem",
    "ProviderOut",
    "RecommendationOut",
    "RecommendationResponse",
    "SkillItem",
    "TeamMember",
    "TeamOut",
    "TeamProfile",
    "TeamResponse",
    "TopicOut",
    "UnitGroupOut",
]


# --- request body (documentation; the body is parsed by skillgraph.gaps.profiles for line numbers) ---


class SkillItem(BaseModel):
    """A skill (or topic) a person holds: id, IRI or French/English label, and a level 0-4 or a word."""

    skill: str = Field(description="Skill or topic: id (digital-health-ecosystem), IRI, or label in French or English.")
    level: int | str | None = Field(
        default=None, description="0-4, or aucun / débutant / intermédiaire / avancé / expert (and English words); default 2."
    )


class ProfileItem(SkillItem):
    """One line of a profile: who (optional) holds what."""

    person: str | None = Field(default=None, description="Who; lines without a person belong to one unnamed person.")


class PersonProfile(BaseModel):
    """One person's profile."""

    person: str | None = None
    skills: list[SkillItem | str]


class TeamMember(BaseModel):
    person: str
    skills: list[SkillItem | str]


class TeamProfile(BaseModel):
    """A team: several people with their skills."""

    people: list[TeamMember]


ProfileBody = list[ProfileItem] | PersonProfile | TeamProfile

_CSV_EXAMPLE = "person,skill,level\nClaire Martin,Réglementation du médicament,expert\nClaire Martin,Pharmacovigilance,expert\n"
_JSON_EXAMPLE = {
    "person": "Claire Martin",
    "skills": [{"skill": "Réglementation du médicament", "level": "expert"}, {"skill": "Pharmacovigilance", "level": 4}],
}


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema with its ``$defs`` inlined (the OpenAPI document has no room for them here)."""
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(copy.deepcopy(defs[ref.rsplit("/", 1)[-1]]))
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)  # type: ignore[no-any-return]


BODY = {
    "requestBody": {
        "required": True,
        "description": "The profile, as JSON or as CSV (header: person,skill,level; separator , ; or tab).",
        "content": {
            "application/json": {"schema": _inline(TypeAdapter(ProfileBody).json_schema()), "example": _JSON_EXAMPLE},
            "text/csv": {"schema": {"type": "string"}, "example": _CSV_EXAMPLE},
        },
    }
}


# --- answers -----------------------------------------------------------------------------------------


class MatchOut(BaseModel):
    iri: str
    id: str
    kind: Literal["skill", "topic"]
    matched_label: str = Field(description="The label (or id) the text matched.")
    lang: str | None
    confidence: float = Field(ge=0, le=1)
    method: str = Field(description="id | label-exact | label-fuzzy")
    label: str | None = Field(default=None, description="The label in the requested language.")


class LineOut(BaseModel):
    line: int | None
    person: str
    text: str
    level: int | None
    status: Literal["matched", "unmatched"]
    match: MatchOut | None
    reason: str | None = Field(description="Why the line is unmatched.")
    alternatives: list[MatchOut] = Field(description="The nearest other candidates.")


class MatchReportOut(BaseModel):
    """Every input line and what became of it."""

    source: str
    threshold: float
    matched: int
    unmatched: int
    lines: list[LineOut]


class TopicOut(BaseModel):
    id: str
    label: str


class ProviderOut(BaseModel):
    module: str
    module_label: str
    programme: str
    programme_iri: str
    programme_label: str
    programme_type: str
    providers: list[str]
    availability: Literal["guaranteed", "elective", "option"]
    share: float = Field(description="Share of the requirement's missing part the module teaches.")


class GapOut(BaseModel):
    requirement: str
    skill: str
    skill_iri: str
    skill_label: str
    importance: str
    weight: int
    new_for_smt: bool
    section: str
    lines: list[int] = Field(description="First and last line of the study (data/sources/aec-2020.txt).")
    phases: list[str]
    missing: list[TopicOut] = Field(description="The topics of the skill not held.")
    held_share: float
    providers: list[ProviderOut] = Field(description="Modules of the graph that teach what is missing.")


class PhaseGapsOut(BaseModel):
    phase: str
    label: str
    gaps: list[str] = Field(description="Requirement IRIs, most important first.")


class GapsOut(BaseModel):
    family: str
    family_iri: str
    family_label: str
    people: list[str]
    person: str | None
    lang: str
    min_level: int
    requirements: int
    gap_count: int
    weight: int
    missing_weight: float
    gaps: list[GapOut]
    phases: list[PhaseGapsOut]


class GapsResponse(BaseModel):
    matches: MatchReportOut
    gaps: GapsOut


class PhaseReadyOut(BaseModel):
    phase: str
    label: str
    ready: bool


class CellOut(BaseModel):
    phase: str
    family: str
    family_label: str
    covered: bool
    best_person: str | None
    best_score: float
    scores: dict[str, float]
    team_score: float
    requirements: int
    weight: int


class TeamOut(BaseModel):
    people: list[str]
    threshold: float
    min_level: int
    phases: list[PhaseReadyOut]
    uncovered_phases: list[str]
    uncovered_families: list[str]
    cells: list[CellOut]


class TeamResponse(BaseModel):
    matches: MatchReportOut
    team: TeamOut


class ModuleOut(BaseModel):
    id: str
    iri: str
    label: str


class EquivalentOut(BaseModel):
    programme: str
    label: str


class PickOut(BaseModel):
    programme: str
    programme_iri: str
    label: str
    type: str
    type_label: str
    providers: list[str]
    cities: list[str]
    cost: float
    options: list[TopicOut] = Field(description="Options to choose in the programme's exclusive choice, if any.")
    modules: list[ModuleOut]
    topics: list[TopicOut]
    requirements: list[str]
    units: int
    ratio: float = Field(description="Cost per newly covered unit.")
    reason: str
    equivalents: list[EquivalentOut]


class UnitGroupOut(BaseModel):
    requirement: str
    skill: str
    skill_label: str
    importance: str
    lines: list[int]
    topics: list[TopicOut]


class RecommendationOut(BaseModel):
    family: str
    family_iri: str
    family_label: str
    people: list[str]
    person: str | None
    solver: str
    lang: str
    costs: dict[str, float]
    missing_units: int
    missing_requirements: int
    total_cost: float
    covered_units: int
    picks: list[PickOut]
    uncovered: list[UnitGroupOut] = Field(description="What no training of the graph teaches.")
    blocked: list[UnitGroupOut] = Field(description="What only an option ruled out by an exclusive choice teaches.")


class RecommendationResponse(BaseModel):
    matches: MatchReportOut
    recommendation: RecommendationOut


class ProblemOut(BaseModel):
    line: int | None
    record: str | None
    field: str | None
    message: str


class ProfileError(BaseModel):
    """Why a request was refused: a malformed profile (with each problem's line and field) or a bad parameter."""

    error: str
    message: str
    problems: list[ProblemOut] | None = None
    parameter: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    415: {"model": ProfileError, "description": "The body is neither JSON nor CSV."},
    422: {"model": ProfileError, "description": "Malformed profile (line and field given) or invalid parameter."},
}
