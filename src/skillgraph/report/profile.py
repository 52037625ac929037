"""From a profile's analysis (gaps by phase, recommended trainings) to the HR report structure."""

from __future__ import annotations

from ..gaps.model import GapModel, short
from ..gaps.person import ProfileGaps
from ..gaps.recommend import Recommendation
from .hr import GapItem, PhaseGaps, ProfileResult, RecommendedTraining, hr_report

__all__ = ["profile_report", "profile_result"]

_WEIGHTS = {"essential": 3, "important": 2, "complementary": 1}


def profile_result(model: GapModel, gaps: ProfileGaps, recommendation: Recommendation) -> ProfileResult:
    """Each gap with the recommended programmes that close (part of) it, and why."""
    picks_for: dict[str, list[RecommendedTraining]] = {}
    for pick in recommendation.picks:
        for requirement in pick.requirements:
            picks_for.setdefault(requirement, []).append(
                RecommendedTraining(programme=pick.programme, reason=pick.reason, label=pick.label)
            )
    phases = []
    for phase, items in gaps.by_phase.items():
        phases.append(
            PhaseGaps(
                phase=phase,
                label=gaps.phase_labels.get(phase),
                gaps=[
                    GapItem(
                        skill=gap.skill,
                        label=gap.skill_label,
                        importance=gap.weight,
                        lines=gap.lines,
                        coverage=gap.held_share,
                        recommended=picks_for.get(gap.requirement, []),
                    )
                    for gap in items
                ],
            )
        )
    who = ", ".join(gaps.people) or ("an empty profile" if gaps.lang == "en" else "un profil vide")
    share = round(100 * gaps.missing_weight / gaps.weight) if gaps.weight else 0
    summary = (
        f"{len(gaps.gaps)} of the {gaps.requirements} requirements of the job family are not (fully) acquired "
        f"({share} % of their weight); a requirement counts in every phase it belongs to."
        if gaps.lang == "en"
        else f"{len(gaps.gaps)} des {gaps.requirements} exigences du métier ne sont pas (entièrement) acquises "
        f"({share} % de leur poids) ; une exigence compte dans chaque phase où elle intervient."
    )
    return ProfileResult(title=who, family=short(gaps.family), summary=summary, phases=phases)


def profile_report(model: GapModel, gaps: ProfileGaps, recommendation: Recommendation, lang: str = "fr") -> str:
    """The self-contained HTML report of a profile against a job family."""
    return hr_report(model, profile_result(model, gaps, recommendation), lang=lang)
