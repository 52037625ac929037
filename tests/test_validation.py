"""SHACL and SPARQL checks refuse a bad graph and say where each problem comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgraph import forked
from skillgraph.build import check
from skillgraph.errors import ValidationFailed, Violation

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


def _break_two_shapes(data: Path) -> None:
    skills = data / "skills.yaml"
    first_topics = next(line for line in skills.read_text(encoding="utf-8").splitlines() if line.strip().startswith("topics:"))
    _replace(skills, first_topics, first_topics.split("topics:")[0] + "topics: []")
    _replace(data / "catalogue" / "companies.yaml", 'country: "FR"', 'country: "DE"')


def test_view_and_halves_report_what_one_pyshacl_run_on_the_whole_graph_reports(data_copy: Path) -> None:
    from skillgraph import validation
    from skillgraph.loader import load_data
    from skillgraph.mapper import map_data
    from skillgraph.ontology import load_schema
    from skillgraph.reasoning import entail

    _break_two_shapes(data_copy)
    schema = load_schema(ONTOLOGY)
    asserted, origins = map_data(load_data(data_copy))
    inferred = entail(schema.ontology, asserted, schema.rules)
    view = validation.shapes_view((asserted, inferred), schema.shapes)
    assert 0 < len(view) < len(asserted + inferred)
    halves = validation._halves(view, schema.shapes)
    if forked.can_fork():
        assert halves is not None and set(halves[0]).isdisjoint(halves[1])
    def ordered(violations: list[Violation]) -> list[Violation]:
        return sorted(violations, key=lambda v: (v.origin or "", v.focus, v.path or "", v.message))

    whole = ordered(validation._shacl(asserted + inferred, schema.shapes, origins))
    assert {v.path for v in whole} >= {"sg:hasTopic", None} and len(whole) >= 2
    assert validation.validate((asserted, inferred), schema.shapes, (), origins) == whole
    if halves is not None:
        assert ordered(forked.run_halves(lambda use: validation._shacl(view, schema.shapes, origins, use), *halves)) == whole


@pytest.mark.parametrize("closed", [False, True], ids=["core-shapes-see-their-predicates", "closed-shape-sees-everything"])
def test_shapes_view_keeps_what_the_shapes_can_read(closed: bool) -> None:
    from rdflib import RDF, Graph, Literal, Namespace

    from skillgraph.validation import shapes_view

    ex, sh = Namespace("http://example.org/"), Namespace("http://www.w3.org/ns/shacl#")
    shapes = Graph()
    shapes.add((ex.Shape, sh.targetClass, ex.Thing))
    shapes.add((ex.Shape, sh.property, ex.Prop))
    shapes.add((ex.Prop, sh.path, ex.name))
    if closed:
        shapes.add((ex.Shape, sh.closed, Literal(True)))
    data = Graph()
    data.add((ex.a, RDF.type, ex.Thing))
    data.add((ex.a, ex.name, Literal("a")))
    data.add((ex.a, ex.other, Literal("b")))
    view = shapes_view((data,), shapes)
    assert ((ex.a, ex.other, Literal("b")) in view) is closed
    assert (ex.a, ex.name, Literal("a")) in view and (ex.a, RDF.type, ex.Thing) in view
