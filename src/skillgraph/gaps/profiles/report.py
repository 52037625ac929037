"""The match report of a profile: every input line, matched (to what, how) or unmatched (why), in input order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import GapModel
from .matching import Match

__all__ = ["LineOutcome", "MatchReport"]


@dataclass(frozen=True)
class LineOutcome:
    """What became of one input line: matched (with its :class:`Match`) or unmatched (with the reason)."""

    line: int | None
    person: str
    text: str
    level: int | None
    match: Match | None
    reason: str | None = None
    alternatives: tuple[Match, ...] = ()

    @property
    def status(self) -> str:
        return "matched" if self.match is not None else "unmatched"


@dataclass
class MatchReport:
    """Every input line with its outcome, in input order."""

    source: str
    threshold: float
    outcomes: list[LineOutcome] = field(default_factory=list)

    @property
    def matched(self) -> list[LineOutcome]:
        return [o for o in self.outcomes if o.match is not None]

    @property
    def unmatched(self) -> list[LineOutcome]:
        return [o for o in self.outcomes if o.match is None]

    def as_dict(self, model: GapModel | None = None, lang: str = "fr") -> dict[str, Any]:
        def match(m: Match) -> dict[str, Any]:
            out: dict[str, Any] = {
                "iri": m.iri, "id": m.id, "kind": m.kind, "matched_label": m.label, "lang": m.lang,
                "confidence": m.confidence, "method": m.method,
            }
            if model is not None:
                out["label"] = model.label(m.iri, lang)
            return out

        return {
            "source": self.source,
            "threshold": self.threshold,
            "matched": len(self.matched),
            "unmatched": len(self.unmatched),
            "lines": [
                {
                    "line": o.line, "person": o.person, "text": o.text, "level": o.level, "status": o.status,
                    "match": match(o.match) if o.match else None, "reason": o.reason,
                    "alternatives": [match(a) for a in o.alternatives],
                }
                for o in self.outcomes
            ],
        }

    def format(self, model: GapModel | None = None, lang: str = "fr") -> str:
        """A human-readable report: a summary line, then one line per input line."""
        lines = [f"profile {self.source}: {len(self.outcomes)} lines, {len(self.matched)} matched, {len(self.unmatched)} unmatched"]
        for o in self.outcomes:
            where = f"line {o.line}" if o.line else "line ?"
            level = f" [level {o.level}]" if o.level is not None else ""
            if o.match is not None:
                label = model.label(o.match.iri, lang) if model is not None else o.match.label
                lines.append(
                    f"  {where}: {o.person}: '{o.text}'{level} -> {o.match.kind} {o.match.id} «{label}» "
                    f"({o.match.method}, {o.match.confidence:.2f})"
                )
            else:
                near = f"; nearest: {', '.join(f'{a.id} ({a.confidence:.2f})' for a in o.alternatives)}" if o.alternatives else ""
                lines.append(f"  {where}: {o.person}: '{o.text}'{level} -> UNMATCHED: {o.reason}{near}")
        return "\n".join(lines)
