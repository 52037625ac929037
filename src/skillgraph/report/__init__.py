"""Reports people can hand on: HTML for training bodies (coverage of a job by a programme) and for
HR teams (skills to develop by phase, with trainings), French by default, self-contained."""

from __future__ import annotations

from .hr import GapItem, PhaseGaps, ProfileResult, RecommendedTraining, hr_report
from .recommendations import Recommendation, load_recommendations, relevant_recommendations
from .training import report_pairs, training_report

__all__ = ["GapItem", "PhaseGaps", "ProfileResult", "Recommendation", "RecommendedTraining", "hr_report", "load_recommendations", "relevant_recommendations", "report_pairs", "training_report"]
