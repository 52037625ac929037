"""The curated alignment against the reference files: check its targets and labels, extract the concepts it uses.

Also the labels of the study's job families, jobs and skills, which the ``align`` commands rank.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AlignmentError
from ..models.alignment import AlignmentFile, ReferenceScheme
from ..models.common import Label

if TYPE_CHECKING:
    from ..loader import LoadedFile
    from .index import ReferenceIndex

__all__ = [
    "CheckProblem",
    "alignment_of",
    "alignment_schemes",
    "check_alignment",
    "concept_labels",
    "labels_of",
    "load_alignment",
    "write_concept_list",
]

# -- the curated alignment against the reference files ------------------------------------------


@dataclass(frozen=True)
class CheckProblem:
    """A mapping whose target is not in the reference files, or whose label differs from theirs."""

    file: str
    mapping: str
    scheme: ReferenceScheme
    target: str
    kind: str  # "missing" or "label"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.mapping}: {self.message}"


def load_alignment(data_dir: Path) -> list[tuple[str, AlignmentFile]]:
    """The validated alignment files of a data folder, with their paths relative to it."""
    from ..loader import load_data

    return alignment_of(load_data(data_dir))


def alignment_of(files: Iterable[LoadedFile]) -> list[tuple[str, AlignmentFile]]:
    """The alignment files among loaded data files."""
    return [(f.relpath, f.model) for f in files if isinstance(f.model, AlignmentFile)]


def alignment_schemes(alignment: Iterable[tuple[str, AlignmentFile]]) -> set[ReferenceScheme]:
    return {m.scheme for _, file in alignment for m in file.mappings}


def _canon(label: str) -> str:
    return " ".join(label.replace("’", "'").split())


def check_alignment(alignment: Iterable[tuple[str, AlignmentFile]], index: ReferenceIndex) -> list[CheckProblem]:
    """Every mapping's target must exist in ``index`` and its ``target_label`` must be the reference label.

    French: the concept's French preferred label (or its English one when the reference has no
    French label). English, when given: the concept's English preferred label, when the reference
    has one. Labels are compared exactly, but for white space and typographic apostrophes.
    """
    problems: list[CheckProblem] = []
    for relpath, file in alignment:
        for m in file.mappings:
            concept = index.get(m.scheme, m.target)
            if concept is None:
                hint = ""
                if m.scheme is ReferenceScheme.esco_occupation:
                    hint = " (a concept added after ESCO v1.1.1? add a folder with the ESCO v1.2 occupations_fr.csv)"
                problems.append(
                    CheckProblem(relpath, m.id, m.scheme, m.target, "missing", f"{m.scheme.value} {m.target} is not in the reference files{hint}")
                )
                continue
            expected_fr = concept.label_fr or concept.label_en
            if expected_fr and _canon(m.target_label.fr) != _canon(expected_fr):
                problems.append(
                    CheckProblem(relpath, m.id, m.scheme, m.target, "label", f"label '{m.target_label.fr}' differs from the reference label '{expected_fr}' ({m.target})")
                )
            if m.target_label.en and concept.label_en and _canon(m.target_label.en) != _canon(concept.label_en):
                problems.append(
                    CheckProblem(relpath, m.id, m.scheme, m.target, "label", f"English label '{m.target_label.en}' differs from the reference label '{concept.label_en}' ({m.target})")
                )
    return problems


_LIST_COLUMNS = ("scheme", "target", "label_fr", "label_en", "version", "parent", "origin")


def write_concept_list(index: ReferenceIndex, targets: Iterable[tuple[ReferenceScheme, str]], path: Path) -> int:
    """Write the reference concepts ``targets`` (scheme, target) with their labels to a CSV file.

    The file is what `ReferenceIndex.from_concept_list` reads: a small, complete extract of the
    concepts an alignment uses, taken from the official files. Returns the number of rows.
    """
    rows = []
    for scheme, target in sorted(set(targets), key=lambda t: (t[0].value, t[1])):
        concept = index.get(scheme, target)
        if concept is None:
            raise AlignmentError(f"{scheme.value} {target} is not in the reference files")
        rows.append([scheme.value, target, concept.label_fr or "", concept.label_en or "", concept.version or "", concept.parent or "", concept.origin or ""])
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_LIST_COLUMNS)
        writer.writerows(rows)
    return len(rows)


def concept_labels(data_dir: Path) -> dict[str, dict[str, Label]]:
    """The labels of the study's job families, jobs and skills: {"family"|"job"|"skill": {id: label}}."""
    from ..loader import load_data

    return labels_of(load_data(data_dir))


def labels_of(files: Iterable[LoadedFile]) -> dict[str, dict[str, Label]]:
    """The labels of the job families, jobs and skills among loaded data files."""
    from ..models.jobcards import JobCard
    from ..models.reference import SkillFile

    labels: dict[str, dict[str, Label]] = {"family": {}, "job": {}, "skill": {}}
    for loaded in files:
        model = loaded.model
        if isinstance(model, JobCard):
            labels["family"][model.id] = model.label
            for job in model.jobs:
                labels["job"][job.id] = job.label
        elif isinstance(model, SkillFile):
            for skill in model.skills:
                labels["skill"][skill.id] = skill.label
    return labels
