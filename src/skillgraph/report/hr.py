"""The report for HR teams: the skills a person or a team must develop, phase by phase, with
the trainings that teach them.

The gap analysis itself belongs to the profile module; this module only defines the structure it
fills (:class:`ProfileResult`, a small pydantic model) and turns it into HTML. Identifiers (skill,
phase, programme, module) are the graph's, given as short identifiers or IRIs; their labels are
read from the graph in the report's language unless the structure gives one.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..gaps.matrix import resolve_programme
from ..gaps.model import ID, GapModel, short
from .charts import importance_chart, inline_svg
from .i18n import citation, quote, texts
from .render import render
from ..errors import UnknownIdentifier

__all__ = ["GapItem", "PhaseGaps", "ProfileResult", "RecommendedTraining", "hr_report"]

_IMPORTANCE_NAMES = {"essential": 3, "important": 2, "complementary": 1,
                     "essentielle": 3, "importante": 2, "complémentaire": 1, "complementaire": 1}


class RecommendedTraining(BaseModel):
    """A training that would close a gap, and why it is recommended."""

    model_config = ConfigDict(extra="forbid")

    programme: str = Field(description="Programme identifier or IRI (e.g. 'du-paris-descartes-affaires-reglementaires-dm').")
    module: str | None = Field(default=None, description="Module identifier or IRI, when one module is meant.")
    reason: str = Field(description="Why this training is recommended, in the report's language.")
    label: str | None = Field(default=None, description="Label to show instead of the graph's.")


class GapItem(BaseModel):
    """One skill to develop."""

    model_config = ConfigDict(extra="forbid")

    skill: str = Field(description="Skill identifier or IRI.")
    label: str | None = Field(default=None, description="Label to show instead of the graph's.")
    importance: int = Field(ge=1, le=3, description="3 essential, 2 important, 1 complementary (names accepted).")
    lines: tuple[int, int] = Field(description="First and last line of the study the requirement is read from.")
    coverage: float | None = Field(default=None, ge=0, le=1, description="Share already acquired, if known (0..1).")
    recommended: list[RecommendedTraining] = Field(default_factory=list)

    @field_validator("importance", mode="before")
    @classmethod
    def _importance_name(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in _IMPORTANCE_NAMES:
            return _IMPORTANCE_NAMES[value.strip().lower()]
        return value

    @model_validator(mode="after")
    def _ordered_lines(self) -> GapItem:
        if self.lines[0] < 1 or self.lines[1] < self.lines[0]:
            raise ValueError(f"lines must be [first, last] with 1 <= first <= last, got {list(self.lines)}")
        return self


class PhaseGaps(BaseModel):
    """The gaps of one SMT phase."""

    model_config = ConfigDict(extra="forbid")

    phase: str = Field(description="Phase identifier or IRI (conception, realisation, evaluation, financement, commercialisation).")
    label: str | None = None
    gaps: list[GapItem] = Field(default_factory=list)


class ProfileResult(BaseModel):
    """What a profile analysis found: gaps per phase, each with its trainings."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="Who or what the report is about (a person, a team, a job family).")
    family: str | None = Field(default=None, description="Job family identifier or IRI the profile is measured against.")
    summary: str | None = Field(default=None, description="A sentence of the profile module, in the report's language.")
    phases: list[PhaseGaps] = Field(default_factory=list)


def _iri(model: GapModel, kind: str, value: str, prefix: str, known: set[str] | dict[str, Any]) -> str:
    for candidate in (value, ID + prefix + value):
        if candidate in known:
            return candidate
    raise UnknownIdentifier(kind, value, sorted(short(k) for k in known))


def hr_report(model: GapModel, profile_result: ProfileResult | dict[str, Any], lang: str = "fr") -> str:
    """The HTML report of a profile's gaps (see :class:`ProfileResult`), self-contained, French by default."""
    t = texts(lang)
    result = profile_result if isinstance(profile_result, ProfileResult) else ProfileResult.model_validate(profile_result)
    phases_known = set(model.phase_order)
    phases = []
    for block in sorted(result.phases, key=lambda b: model.phase_rank(_iri(model, "phase", b.phase, "phase/", phases_known))):
        phase_iri = _iri(model, "phase", block.phase, "phase/", phases_known)
        gaps = []
        for gap in sorted(block.gaps, key=lambda g: (-g.importance, g.lines)):
            skill_iri = _iri(model, "skill", gap.skill, "skill/", model.skills)
            trainings = []
            for training in gap.recommended:
                programme_iri = resolve_programme(model, training.programme)
                module_label = None
                if training.module:
                    module_iri = _iri(model, "module", training.module, "module/", model.modules)
                    module_label = model.label(module_iri, lang)
                trainings.append({
                    "programme": training.label or model.label(programme_iri, lang),
                    "providers": ", ".join(sorted(model.label(p, lang) for p in model.programmes[programme_iri].providers)),
                    "module": module_label,
                    "reason": training.reason,
                })
            gaps.append({
                "skill": gap.label or model.label(skill_iri, lang),
                "weight": gap.importance,
                "importance": t["importance_names"][gap.importance],
                "source": citation(gap.lines, lang),
                "coverage": gap.coverage,
                "trainings": trainings,
            })
        phases.append({"anchor": f"phase-{short(phase_iri)}", "label": block.label or model.label(phase_iri, lang),
                       "gaps": gaps})

    total = sum(len(p["gaps"]) for p in phases)
    essential = sum(1 for p in phases for g in p["gaps"] if g["weight"] == 3)
    sentences = [t["hr_summary"].format(n=total, phases=sum(1 for p in phases if p["gaps"]), essential=essential)]
    if result.summary:
        sentences.append(result.summary)
    chart = None
    if total:
        counts = [{w: sum(1 for g in p["gaps"] if g["weight"] == w) for w in (1, 2, 3)} for p in phases]
        svg = importance_chart([p["label"] for p in phases], counts, t["importance_names"], lang, title=t["hr_chart"])
        chart = inline_svg(svg, "hr", t["hr_chart"])
    family = None
    if result.family:
        family = model.label(_iri(model, "job family", result.family, "job-family/", model.families), lang)
    return render(
        "hr.html.j2",
        lang=lang,
        t=t,
        title=t["hr_title"].format(profile=result.title),
        subtitle=t["hr_subtitle"],
        family_line=t["for_family"].format(families=quote(family, lang)) if family else None,
        sentences=sentences,
        chart=chart,
        phases=phases,
        pct=lambda value: f"{value * 100:.0f}\u00a0%" if lang == "fr" else f"{value * 100:.0f}%",
        method=[Markup(p) for p in t["hr_method_paragraphs"]],
    )
