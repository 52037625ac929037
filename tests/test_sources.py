"""Faithfulness to the text: what a record quotes in French is in the lines it cites.

Records read directly (no ``interpretation``) must quote the study verbatim, up to line
breaks, bullets and case; a requirement must cite lines that name its skill.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from pydantic import BaseModel

from skillgraph.loader import LoadedFile, load_data
from skillgraph.models import Citation, JobCard, Label, Requirement, Text

from .conftest import DATA

_BULLET = re.compile(r"^\s*(?:[•▪➔→✓➢>\-]|o(?=\s))\s*")
_FILES = load_data(DATA)
_SKILLS = {s.id: s for f in _FILES if hasattr(f.model, "skills") for s in f.model.skills}  # type: ignore[attr-defined]


@cache
def _source_lines(doc_file: str) -> tuple[str, ...]:
    return tuple((DATA / doc_file).read_text(encoding="utf-8").splitlines())


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def _cited(citation: Citation) -> str:
    (source,) = [s for f in _FILES if hasattr(f.model, "sources") for s in f.model.sources if s.id == citation.doc]  # type: ignore[attr-defined]
    lines = _source_lines(source.file)
    first, last = citation.lines
    assert last <= len(lines), f"lines {citation.lines} beyond the end of {source.file}"
    return _normal(" ".join(_BULLET.sub("", line) for line in lines[first - 1 : last]))


#: Headings under which a line stands: quoted from the enclosing record's lines.
_HEADINGS = {"card_section", "group"}


def _quotes(model: BaseModel) -> Iterator[tuple[str, str]]:
    """(field, French text) pairs a record states, without descending into cited sub-records."""
    for name in type(model).model_fields:
        if name in {"source", "note", "interpretation"}:
            continue
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Label | Text):
                yield name, item.fr
            elif isinstance(item, BaseModel) and "source" not in type(item).model_fields:
                yield from ((f"{name}.{sub}", text) for sub, text in _quotes(item))


def _records(model: BaseModel, parent: BaseModel | None = None) -> Iterator[tuple[BaseModel, BaseModel | None]]:
    """Every cited record, with the cited record that encloses it."""
    cited = "source" in type(model).model_fields
    if cited:
        yield model, parent
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel) and not isinstance(item, Citation):
                yield from _records(item, model if cited else parent)


def _file_cases() -> list[LoadedFile]:
    return [f for f in _FILES if any(True for _ in _records(f.model))]


@pytest.mark.parametrize("loaded", _file_cases(), ids=lambda f: f.relpath)
def test_direct_readings_quote_their_lines(loaded: LoadedFile) -> None:
    missing = []
    for record, parent in _records(loaded.model):
        source: Citation = record.source  # type: ignore[attr-defined]
        if source.interpretation is not None:
            continue
        for field, text in _quotes(record):
            if field in _HEADINGS and parent is not None:
                where = parent.source  # type: ignore[attr-defined]
            elif isinstance(record, JobCard) and field == "label":
                where = Citation(doc=source.doc, lines=(1, len(_source_lines("sources/aec-2020.txt"))))
            else:
                where = source
            if _normal(_BULLET.sub("", text)) not in _cited(where):
                missing.append(f"{getattr(record, 'id', type(record).__name__)}.{field}: {text!r} not in lines {where.lines}")
    assert missing == []


@pytest.mark.parametrize(
    "card", [f for f in _FILES if isinstance(f.model, JobCard)], ids=lambda f: f.relpath
)
def test_requirements_cite_lines_naming_their_skill(card: LoadedFile) -> None:
    wrong = []
    requirements: list[Requirement] = card.model.requirements  # type: ignore[attr-defined]
    for i, requirement in enumerate(requirements):
        label = _SKILLS[requirement.skill].label.fr
        if _normal(_BULLET.sub("", label)) not in _cited(requirement.source):
            wrong.append(f"requirements[{i}] {requirement.skill}: {label!r} not in lines {requirement.source.lines}")
    assert wrong == []


def test_the_study_text_is_shipped_with_the_data() -> None:
    text = (DATA / "sources" / "aec-2020.txt").read_text(encoding="utf-8")
    assert "Les Solutions multi-technologiques (SMT) dans les industries de santé" in text
    assert len(text.splitlines()) > 8900


def test_interpretations_say_why() -> None:
    short = [
        (f.relpath, getattr(r, "id", "?"))
        for f in _FILES
        for r, _ in _records(f.model)
        if r.source.interpretation is not None and len(r.source.interpretation.split()) < 5  # type: ignore[attr-defined]
    ]
    assert short == []

