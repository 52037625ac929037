"""Building blocks shared by every data file: identifiers, bilingual text, citations."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

__all__ = ["Citation", "Id", "Label", "Record", "Text"]

#: A record identifier: lower-case ASCII words joined by hyphens; it becomes the last
#: segment of the record's IRI, so it must stay stable once published.
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Label(_Strict):
    """A name in French (as in the study) and English (added by the curators)."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Text(_Strict):
    """A sentence of the study in French, with an optional English rendering."""

    fr: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)


class Citation(_Strict):
    """Where a fact comes from.

    ``lines`` are the first and last line numbers in the plain-text extraction of the
    source document; ``interpretation`` is set when the fact is not read directly but
    inferred by the curators (a flattened figure, an implicit status...), and says why.
    """

    doc: Id = "aec-2020"
    lines: tuple[int, int]
    section: str | None = None
    page: int | None = Field(default=None, ge=1)
    interpretation: str | None = Field(default=None, min_length=10)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reading(self) -> Literal["direct", "interpretation"]:
        return "interpretation" if self.interpretation else "direct"

    @model_validator(mode="after")
    def _ordered(self) -> Citation:
        first, last = self.lines
        if first < 1 or last < first:
            raise ValueError(f"lines must be [first, last] with 1 <= first <= last, got {list(self.lines)}")
        return self


class Record(_Strict):
    """A record with an identifier and a citation."""

    id: Id
    source: Citation
