"""What the gap tool's form says: where the profile comes from (a shipped sample, a pasted or
uploaded CSV/JSON file, skills picked one by one), and what it is compared with (a job family,
or an SMT project given by its phases).

The form posts ``application/x-www-form-urlencoded`` (an uploaded file is read by the page's
script into the text field), parsed here with the standard library: no multipart parser is
needed, and the same fields work as GET parameters for links.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs

from ...errors import DataError, DataProblem, UnknownIdentifier
from ...gaps.model import GapModel
from ...gaps.profiles import MatchReport, Profile, parse_level, profile_from_text

__all__ = ["SAMPLES", "SAMPLES_DIR", "GapRequest", "SampleProfile", "load_profile", "parse_form", "skills_to_csv"]

SAMPLES_DIR = Path(__file__).parent / "gaptool_samples"

Source = Literal["sample", "text", "skills"]
Target = Literal["family", "project"]


@dataclass(frozen=True)
class SampleProfile:
    """A shipped sample: its file, its title in French and English, the family it is meant for."""

    file: str
    title: dict[str, str]
    family: str


SAMPLES: tuple[SampleProfile, ...] = (
    SampleProfile("pharmacist-regulatory-affairs.csv",
                  {"fr": "Pharmacienne en affaires réglementaires (CSV)", "en": "Pharmacist in regulatory affairs (CSV)"},
                  "regulatory-affairs"),
    SampleProfile("developer-esco-rome.csv",
                  {"fr": "Développeur, compétences ESCO et ROME (CSV)", "en": "Developer, ESCO and ROME skills (CSV)"},
                  "software-developer"),
    SampleProfile("smt-team.json",
                  {"fr": "Équipe projet SMT de trois personnes (JSON)", "en": "SMT project team of three (JSON)"},
                  "project-manager"),
)


@dataclass(frozen=True)
class GapRequest:
    """The form, read: a profile source and a target. Values are as typed; `load_profile` checks them."""

    source: Source = "sample"
    sample: str = SAMPLES[0].file
    text: str = ""
    skills: str = ""
    target: Target = "family"
    family: str = ""
    phases: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_params(cls, params: dict[str, list[str]]) -> GapRequest:
        def one(name: str, default: str = "") -> str:
            values = params.get(name) or [default]
            return values[0]

        source = one("source", "sample")
        target = one("target", "family")
        return cls(
            source=source if source in ("sample", "text", "skills") else "sample",  # type: ignore[arg-type]
            sample=one("sample", SAMPLES[0].file),
            text=one("profile_text"),
            skills=one("skills"),
            target=target if target in ("family", "project") else "family",  # type: ignore[arg-type]
            family=one("family").strip(),
            phases=tuple(p for p in params.get("phase", []) if p.strip()),
        )

    def as_params(self) -> list[tuple[str, str]]:
        """The request as form fields again (the report export and the per-family buttons repost it)."""
        out = [("source", self.source), ("sample", self.sample), ("profile_text", self.text), ("skills", self.skills),
               ("target", self.target), ("family", self.family)]
        return out + [("phase", p) for p in self.phases]


def parse_form(body: bytes) -> dict[str, list[str]]:
    """An urlencoded body as ``{name: [values]}``; blank values kept (an emptied field says so)."""
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=200)


def _level(text: str) -> str | None:
    try:
        return text if parse_level(text) is not None else None
    except ValueError:  # not a level: the ';' belongs to the skill's text
        return None


def skills_to_csv(text: str) -> str:
    """Picked skills, one per line (label, id, ESCO URI or ROME code, optionally ``; level``), as
    a CSV profile (header ``skill,level``) that the profile reader takes. Raises `DataError`
    when no line names a skill."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["skill", "level"])
    count = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        skill, sep, level = line.rpartition(";")
        found = _level(level.strip()) if sep and skill.strip() else None
        writer.writerow([skill.strip(), found] if found is not None else [line, ""])
        count += 1
    if not count:
        raise DataError([DataProblem(Path("compétences"), None, None, "skills", "no skill given: pick or type at least one")])
    return out.getvalue()


def _sample(name: str) -> SampleProfile:
    for sample in SAMPLES:
        if sample.file == name:
            return sample
    raise UnknownIdentifier("sample profile", name, (s.file for s in SAMPLES), parameter="sample")


def load_profile(model: GapModel, request: GapRequest) -> tuple[Profile, MatchReport, str]:
    """The profile of the request, its match report and its text (to repost it). Raises `DataError`
    for an empty or malformed profile (with the line and field), `UnknownIdentifier` for an
    unknown sample."""
    if request.source == "sample":
        sample = _sample(request.sample)
        text = (SAMPLES_DIR / sample.file).read_text(encoding="utf-8")
        profile, report = profile_from_text(model, text, None, sample.file)
    elif request.source == "text":
        text = request.text
        profile, report = profile_from_text(model, text, None, "profil")
    else:
        text = skills_to_csv(request.skills)
        profile, report = profile_from_text(model, text, "csv", "compétences")
    return profile, report, text
