"""The study's headline gaps, computed on the graph for the home page, each next to the study's
own statement (its words, its figure and its lines) so a reader sees whether they agree.

Each figure comes from a named query of the catalogue (``api/queries``), with typed parameters:
nothing here is written in advance but the study's statements themselves. When the graph's
figure differs from the study's, the page says so and why (``headline_texts``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from ...gaps.model import ID, short
from .data import SiteData

__all__ = ["Headline", "ProgrammeRow", "Statement", "Taught", "headlines"]

_TOPIC = f"{ID}topic/"
_REGULATORY = "regulatory-masters-device-digital"
_LACKING = "programmes-lacking-topic"
_PREPARING = "programmes-for-job-family"
_TWO_TOPICS = "programmes-teaching-two-topics"


@dataclass(frozen=True)
class Statement:
    """What the study says: its words (quoted from ``quote`` lines), the lines that support them,
    and the figure they state as ``count`` of ``total`` programmes in the gap."""

    quote: tuple[int, int]
    text: str
    more: tuple[tuple[int, int], ...]
    count: int
    total: int


@dataclass(frozen=True)
class Taught:
    """How a programme teaches one topic: mandatory, elective, exclusive-choice, taught or none."""

    status: str
    module: str | None = None


@dataclass(frozen=True)
class ProgrammeRow:
    programme: str  # IRI
    label: str
    providers: str
    in_gap: bool
    taught: tuple[Taught, ...]  # one per topic of the headline


@dataclass(frozen=True)
class Headline:
    """One gap: ``count`` of the ``total`` programmes asked about are in it, by the graph."""

    key: str
    statement: Statement
    topics: tuple[str, ...]  # IRIs: the columns of the programmes' table
    rows: tuple[ProgrammeRow, ...]
    family: str  # the job family's id (its card)
    query: str  # the named query, as a REST URL with its parameters
    matrix: str  # the matrix, filtered on the programmes' types
    values: dict[str, str | int]  # what the detail sentence says besides the figures

    @property
    def count(self) -> int:
        return sum(r.in_gap for r in self.rows)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def agrees(self) -> bool:
        """Whether the graph finds the study's figure."""
        return (self.count, self.total) == (self.statement.count, self.statement.total)


# The study's statements (data/sources/aec-2020.txt), quoted verbatim with their lines.
_DEVICE = Statement(
    quote=(7059, 7065),
    text="4 des 8 Masters 2 analysés proposent un module sur la règlementation des dispositifs médicaux. Cependant, "
         "les étudiants du Master 2 de l’Université de Strasbourg doivent choisir entre les dispositifs médicaux et "
         "les produits pharmaceutiques, ce qui n’est pas adapté à l’obtention d’une double compétence",
    more=((7052, 7052), (7067, 7071), (7416, 7420)),
    count=4,  # « 4 des 8 » teach it: the other 4 do not
    total=8,
)
_DIGITAL = Statement(
    quote=(7420, 7422),
    text="Concernant l’expertise en santé digitale, un seul des Masters en Affaires Réglementaires analysé propose "
         "un module dédié.",
    more=((7052, 7052), (7057, 7057), (7067, 7071)),
    count=7,  # « un seul » of the 8 (line 7052)
    total=8,
)
_UXUI = Statement(
    quote=(7406, 7410),
    text="Les formations de Designer UX / UI commencent à se développer largement en France que ce soit en formations "
         "initiales ou continues. Cependant, aucune n’intègre spécifiquement de spécialisation en santé",
    more=((6697, 6698), (6931, 6933)),
    count=32,  # « aucune » of the 15 initial (line 6697) and 17 continuing (line 6931) trainings
    total=32,
)
_ENGINEERS = Statement(
    quote=(7260, 7266),
    text="Les ingénieurs des entreprises du médicament viennent plutôt des écoles d’ingénieur en chimie et/ou en "
         "biologie, alors que les ingénieurs des entreprises de dispositifs médicaux ont plutôt fait une école "
         "d’ingénierie biomédicale. Ainsi, ces deux mondes ne sont pas rapprochés et ceci dès la formation.",
    more=((7268, 7272), (7430, 7436), (7351, 7371)),
    count=0,  # the two partnership masters it found are transverse (« incluent des modules de cours sur le
    total=2,  # médicament, le dispositif médical », lines 7430-7436)
)


def _api(name: str, params: dict[str, str]) -> str:
    return f"/api/{name}?{urlencode(params)}"


def _matrix(data: SiteData, rows: tuple[ProgrammeRow, ...]) -> str:
    kinds = sorted({data.model.programmes[r.programme].type for r in rows if r.programme in data.model.programmes})
    return f"/couverture?{urlencode([('programme_type', k) for k in kinds])}"


def _headline(data: SiteData, lang: str, key: str, statement: Statement, query: str, params: dict[str, str],
              topics: tuple[str, ...], rows: tuple[ProgrammeRow, ...], values: dict[str, str | int]) -> Headline:
    """A headline from the rows of the named query ``query`` run with ``params``."""
    return Headline(key=key, statement=statement, topics=tuple(_TOPIC + t for t in topics), rows=rows,
                    family=params["jobFamily"], query=_api(query, {**params, "lang": lang}),
                    matrix=_matrix(data, rows), values=values)


def _regulatory(data: SiteData, lang: str, key: str, column: str, statement: Statement) -> Headline:
    """A topic the regulatory-affairs Master 2 should teach (the study's table, lines 7075-7145)."""
    params = {"jobFamily": "regulatory-affairs", "programmeType": "Master2",
              "deviceTopic": "medical-device-regulation", "digitalTopic": "digital-health"}
    found = data.rows(_REGULATORY, lang=lang, **params)
    topic = {"deviceRegulation": params["deviceTopic"], "digitalHealth": params["digitalTopic"]}[column]
    module = {"deviceRegulation": "deviceModuleLabel", "digitalHealth": "digitalModuleLabel"}[column]
    rows = tuple(
        ProgrammeRow(r["programme"], r["label"], r["provider"], r[column] == "none", (Taught(r[column], r.get(module)),))
        for r in found
    )
    choice = [r.providers for r in rows if r.taught[0].status == "exclusive-choice"]
    teaching = [r.providers for r in rows if not r.in_gap]
    return _headline(data, lang, key, statement, _REGULATORY, params, (topic,), rows,
                     {"choice": len(choice), "choice_names": ", ".join(choice),
                      "guaranteed": sum(r.taught[0].status == "mandatory" for r in rows),
                      "teaching": ", ".join(teaching)})


def _device(data: SiteData, lang: str) -> Headline:
    return _regulatory(data, lang, "device", "deviceRegulation", _DEVICE)


def _digital(data: SiteData, lang: str) -> Headline:
    return _regulatory(data, lang, "digital", "digitalHealth", _DIGITAL)


def _uxui(data: SiteData, lang: str) -> Headline:
    """The UX/UI trainings (initial and continuing) that teach nothing of the French health system."""
    params = {"jobFamily": "ux-ui-designer", "topic": "health-system"}
    lacking = {r["programme"] for r in data.rows(_LACKING, lang=lang, **params)}
    preparing = data.rows(_PREPARING, jobFamily=params["jobFamily"], lang=lang)
    rows = tuple(
        ProgrammeRow(r["programme"], r.get("label", short(r["programme"])), r.get("providers", ""),
                     r["programme"] in lacking, (Taught("none" if r["programme"] in lacking else "taught"),))
        for r in preparing
    )
    return _headline(data, lang, "uxui", _UXUI, _LACKING, params, (params["topic"],), rows,
                     {"modules": sum(int(r.get("modules", 0)) for r in preparing)})


def _engineers(data: SiteData, lang: str) -> Headline:
    """The engineering programmes: do they teach drug development and medical-device engineering both?"""
    params = {"jobFamily": "technical-jobs", "firstTopic": "drug-development", "secondTopic": "medical-device-engineering"}
    found = data.rows(_TWO_TOPICS, lang=lang, **params)
    rows = tuple(
        ProgrammeRow(r["programme"], r.get("label", short(r["programme"])), r.get("providers", ""), not r["both"],
                     (Taught(r["firstTopicTaught"], r.get("firstModuleLabel")),
                      Taught(r["secondTopicTaught"], r.get("secondModuleLabel"))))
        for r in found
    )
    topics = (params["firstTopic"], params["secondTopic"])
    return _headline(data, lang, "engineers", _ENGINEERS, _TWO_TOPICS, params, topics, rows,
                     {"one_side": sum(1 for r in rows if sum(t.status != "none" for t in r.taught) == 1)})


_HEADLINES: tuple[Callable[[SiteData, str], Headline], ...] = (_device, _digital, _uxui, _engineers)


def headlines(data: SiteData, lang: str) -> list[Headline]:
    """The study's headline gaps on the release in service, in the order of the study's conclusion."""
    return [compute(data, lang) for compute in _HEADLINES]
