"""SHACL and SPARQL checks refuse a bad graph and say where each problem comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgraph.build import check
from skillgraph.errors import ValidationFailed

from .conftest import ONTOLOGY


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_data_conforms() -> None:
    from .conftest import DATA

    checked = check(ONTOLOGY, DATA)
    assert len(checked.asserted) > 5000 and len(checked.inferred) > 1000


def test_a_requirement_phase_outside_the_family_phases_is_reported_with_its_file(data_copy: Path) -> None:
    card = data_copy / "jobcards" / "quality.yaml"
    text = card.read_text(encoding="utf-8")
    # Quality does not take part in financing (its card's phases): tie one requirement to it.
    assert "phase: financement" not in text
    _replace(card, "    importance: essential\n", "    importance: essential\n    phases: [financement]\n")
    with pytest.raises(ValidationFailed) as info:
        check(ONTOLOGY, data_copy)
    (violation,) = info.value.violations
    assert violation.message == "the requirement names a phase its job family does not take part in"
    assert violation.value == "id:phase/financement"
    assert violation.origin is not None and violation.origin.startswith("jobcards/quality.yaml:")


def test_a_skill_without_topic_is_a_shacl_violation_naming_node_path_and_file(data_copy: Path) -> None:
    skills = data_copy / "skills.yaml"
    text = skills.read_text(encoding="utf-8")
    first_topics = next(line for line in text.splitlines() if line.strip().startswith("topics:"))
    _replace(skills, first_topics, first_topics.split("topics:")[0] + "topics: []")
    with pytest.raises(ValidationFailed) as info:
        check(ONTOLOGY, data_copy)
    (violation,) = info.value.violations
    assert violation.focus.startswith("id:skill/")
    assert violation.path == "sg:hasTopic"
    assert violation.origin is not None and violation.origin.startswith("skills.yaml:")
    assert "at least one topic" in str(info.value)


def test_a_french_company_outside_france_is_refused(data_copy: Path) -> None:
    # A French company outside France breaks an sh:or of the company shape.
    companies = data_copy / "catalogue" / "companies.yaml"
    _replace(companies, 'country: "FR"', 'country: "DE"')
    with pytest.raises(ValidationFailed, match="French company must have country FR") as info:
        check(ONTOLOGY, data_copy)
    assert all(v.origin and v.origin.startswith("catalogue/companies.yaml:") for v in info.value.violations)
