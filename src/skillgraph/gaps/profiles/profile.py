"""A profile: people and the skills and topics they hold, made by matching the read lines to the graph."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import UnknownIdentifier
from ..model import GapModel
from .levels import DEFAULT_LEVEL, DEFAULT_MIN_LEVEL
from .matching import MATCH_THRESHOLD, Matcher
from .reading import DEFAULT_PERSON, ProfileLine, parse_profile, read_profile
from .report import LineOutcome, MatchReport

__all__ = ["Holding", "Profile", "load_profile", "match_lines", "profile_from_text"]


@dataclass(frozen=True)
class Holding:
    """A skill or topic a person holds, at a level (0..4; lines without one count as :data:`DEFAULT_LEVEL`)."""

    iri: str
    kind: str  # skill | topic
    level: int
    line: int | None


@dataclass
class Profile:
    """People -> the skills and topics they hold (keyed by IRI). Team files have several people."""

    people: dict[str, dict[str, Holding]] = field(default_factory=dict)
    source: str = "<profile>"

    @property
    def persons(self) -> list[str]:
        return list(self.people)

    @property
    def is_empty(self) -> bool:
        return not any(self.people.values())

    def holdings(self, person: str | None = None, min_level: int = DEFAULT_MIN_LEVEL) -> list[Holding]:
        """What ``person`` holds at ``min_level`` or above; for ``None``, the whole team (the best level of anyone)."""
        if person is not None and person not in self.people:
            raise UnknownIdentifier("person", person, self.people)
        members = [self.people[person]] if person is not None else list(self.people.values())
        best: dict[str, Holding] = {}
        for member in members:
            for holding in member.values():
                if holding.level >= min_level and (holding.iri not in best or holding.level > best[holding.iri].level):
                    best[holding.iri] = holding
        return list(best.values())


def match_lines(
    model: GapModel, lines: Iterable[ProfileLine], threshold: float = MATCH_THRESHOLD, source: str = "<profile>",
    matcher: Matcher | None = None,
) -> tuple[Profile, MatchReport]:
    """Match read lines to the graph: the :class:`Profile` of the matched ones and the report of all."""
    matcher = matcher or Matcher(model, threshold)
    profile = Profile(source=source)
    report = MatchReport(source, matcher.threshold)
    for item in lines:
        person = item.person or DEFAULT_PERSON
        held = profile.people.setdefault(person, {})
        if not item.skill:  # a declared member without skills (JSON)
            continue
        found, reason, alternatives = matcher.match(item.skill)
        report.outcomes.append(LineOutcome(item.line, person, item.skill, item.level, found, reason, alternatives))
        if found is None:
            continue
        level = DEFAULT_LEVEL if item.level is None else item.level
        previous = held.get(found.iri)
        if previous is None or level > previous.level:
            held[found.iri] = Holding(found.iri, found.kind, level, item.line)
    return profile, report


def profile_from_text(
    model: GapModel, data: bytes | str, fmt: str | None = None, source: Path | str = "<profile>",
    threshold: float = MATCH_THRESHOLD,
) -> tuple[Profile, MatchReport]:
    """Read (CSV or JSON text) and match a profile."""
    return match_lines(model, parse_profile(data, fmt, source), threshold, str(source))


def load_profile(model: GapModel, path: Path, threshold: float = MATCH_THRESHOLD) -> tuple[Profile, MatchReport]:
    """Read and match a profile file (``.csv`` or ``.json``)."""
    return match_lines(model, read_profile(path), threshold, str(path))
