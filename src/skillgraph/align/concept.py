"""One concept of a reference classification (ESCO, ROME 4.0): its labels, description and origin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models.alignment import ReferenceScheme

__all__ = ["ReferenceConcept"]


# -- reference concepts --------------------------------------------------------------------------


@dataclass
class ReferenceConcept:
    """One concept of a reference classification, with what the matcher compares."""

    scheme: ReferenceScheme
    target: str
    label_fr: str | None = None
    label_en: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    description: str | None = None
    description_lang: str | None = None
    parent: str | None = None
    kind: str | None = None
    version: str | None = None
    origin: str | None = None

    @property
    def label(self) -> str:
        return self.label_fr or self.label_en or self.target

    def fields(self) -> Iterator[tuple[str, str]]:
        """(field name, text) pairs: preferred labels, alternative labels, description."""
        seen: set[str] = set()
        for name, values in (
            ("prefLabel", [self.label_fr, self.label_en]),
            ("altLabel", self.alt_labels),
            ("description", [self.description]),
        ):
            for value in values:
                if value and value not in seen:
                    seen.add(value)
                    yield name, value
