"""Coverage, benchmark and matrix answers as pydantic models: the JSON of the command line
(``skillgraph report … --format json``) and the response models of the HTTP API are the same.

Identifiers are the graph's short identifiers (``regulatory-affairs``,
``m2-strasbourg-reglementation-droit-pharmaceutique``); ratios are in 0..1.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..gaps.benchmark import Benchmark
from ..gaps.coverage import CoverageReport, Score, Teaching
from ..gaps.matrix import CoverageMatrix
from ..gaps.model import ID, SG, GapModel, short
from .i18n import citation

__all__ = [
    "BenchmarkAnswer",
    "CoverageAnswer",
    "MatrixAnswer",
    "benchmark_answer",
    "coverage_answer",
    "matrix_answer",
    "module_id",
    "requirement_id",
]


def module_id(iri: str) -> str:
    """``module/x`` -> ``x``; a programme's focus ``programme/p/focus`` -> ``p/focus``."""
    for prefix in (ID + "module/", ID + "programme/"):
        if iri.startswith(prefix):
            return iri.removeprefix(prefix)
    return short(iri)


def requirement_id(iri: str) -> str:
    """``job-family/quality/requirement/3`` -> ``quality/requirement/3`` (common ones keep their prefix)."""
    return iri.removeprefix(ID).removeprefix("job-family/")


class ScoreOut(BaseModel):
    guaranteed: float = Field(description="Weighted share of the requirements covered by mandatory modules (0..1).")
    possible: float = Field(description="Same with every module and the best choice of options (0..1).")
    weight: int = Field(description="Total importance weight of the requirements counted.")


class TeachingOut(BaseModel):
    module: str
    module_label: str
    programme: str
    programme_label: str
    availability: str = Field(description="guaranteed (mandatory), elective, or option (inside an exclusive choice).")
    share: float = Field(description="Share of the requirement's skill the module teaches (0..1).")


class RequirementOut(BaseModel):
    requirement: str
    skill: str
    skill_label: str
    importance: int = Field(description="3 essential, 2 important, 1 complementary.")
    importance_label: str
    new_for_smt: bool
    phases: list[str]
    lines: tuple[int, int] = Field(description="First and last line of the study (data/sources/aec-2020.txt).")
    citation: str
    guaranteed: float
    possible: float
    status: str = Field(description="guaranteed | possible | partial | not-covered")
    covered_by: list[TeachingOut] = Field(description="Modules of this programme that teach (part of) it.")


class CoverageAnswer(BaseModel):
    """How a programme covers the requirements of a job family."""

    programme: str
    programme_label: str
    programme_type: str
    family: str
    family_label: str
    prepares: bool = Field(description="Whether the study says the programme prepares for this family.")
    overall: ScoreOut
    by_phase: dict[str, ScoreOut] = Field(description="Phase identifier -> score.")
    by_kind: dict[str, ScoreOut] = Field(description="Skill kind (Savoir, SavoirFaire, SavoirEtre) -> score.")
    by_topic: dict[str, ScoreOut] = Field(description="Topic identifier -> score.")
    chosen_options: list[str] = Field(description="Options of exclusive choices that give the possible score.")
    requirements: list[RequirementOut]
    gaps: list[str] = Field(description="Requirements not guaranteed to every graduate, most important first.")


class PeerOut(BaseModel):
    programme: str
    label: str
    providers: list[str]
    guaranteed: float
    possible: float
    rank_guaranteed: int
    rank_possible: int
    covered_topics: list[str]


class TopicOut(BaseModel):
    topic: str
    label: str
    covered: bool = Field(description="Covered by the benchmarked programme (on the benchmark's basis).")
    peers_covering: int


class BenchmarkAnswer(BaseModel):
    """A programme against the programmes of its type that prepare for the same family."""

    programme: str
    programme_label: str
    programme_type: str
    family: str
    family_label: str
    basis: str = Field(description="guaranteed: mandatory modules count; possible: the best choice of options too.")
    subtree: str | None = Field(description="Topic whose subtree the topics are limited to, if any.")
    n_peers: int
    rank_guaranteed: int
    rank_possible: int
    topics_covered: int
    topics_total: int
    best_topics: int
    median_topics: float
    topics: list[TopicOut]
    peers: list[PeerOut]
    sentence_fr: str
    sentence_en: str


class MatrixFamily(BaseModel):
    id: str
    label: str


class MatrixProgramme(BaseModel):
    id: str
    label: str
    short_label: str
    type: str
    type_label: str
    providers: list[str]


class MatrixCellOut(BaseModel):
    family: str
    programme: str
    prepares: bool
    guaranteed: float | None
    possible: float | None


class MatrixAnswer(BaseModel):
    """Job families (rows) × programmes (columns, grouped by type) with both coverage ratios."""

    scope: str
    lang: str
    families: list[MatrixFamily]
    programmes: list[MatrixProgramme]
    cells: list[MatrixCellOut]


def _score(score: Score) -> ScoreOut:
    return ScoreOut(guaranteed=score.guaranteed, possible=score.possible, weight=score.weight)


def _teaching(model: GapModel, teach: Teaching, lang: str) -> TeachingOut:
    return TeachingOut(
        module=module_id(teach.module),
        module_label=model.label(teach.module, lang),
        programme=short(teach.programme),
        programme_label=model.label(teach.programme, lang),
        availability=teach.availability,
        share=teach.share,
    )


def coverage_answer(model: GapModel, report: CoverageReport, lang: str = "fr") -> CoverageAnswer:
    names = {3: "essential", 2: "important", 1: "complementary"}
    ordered = sorted(report.requirements, key=lambda r: (r.requirement.lines, r.requirement.iri))  # the study's order
    requirements = [
        RequirementOut(
            requirement=requirement_id(r.requirement.iri),
            skill=short(r.requirement.skill),
            skill_label=model.label(r.requirement.skill, lang),
            importance=r.requirement.weight,
            importance_label=model.label(SG + names[r.requirement.weight].capitalize(), lang),
            new_for_smt=r.requirement.new_for_smt,
            phases=[short(p) for p in r.phases],
            lines=r.requirement.lines,
            citation=citation(r.requirement.lines, lang),
            guaranteed=r.guaranteed,
            possible=r.possible,
            status=r.status,
            covered_by=[_teaching(model, t, lang) for t in r.by],
        )
        for r in ordered
    ]
    ids = {r.requirement.iri: out.requirement for r, out in zip(ordered, requirements, strict=True)}
    programme = model.programmes[report.programme]
    return CoverageAnswer(
        programme=short(report.programme),
        programme_label=model.label(report.programme, lang),
        programme_type=programme.type,
        family=short(report.family),
        family_label=model.label(report.family, lang),
        prepares=report.family in programme.prepares_for,
        overall=_score(report.overall),
        by_phase={short(k): _score(v) for k, v in sorted(report.by_phase.items(),
                                                          key=lambda kv: (model.phase_rank(kv[0]), kv[0]))},
        by_kind={k: _score(v) for k, v in report.by_kind.items()},
        by_topic={short(k): _score(v) for k, v in report.by_topic.items()},
        chosen_options=[short(o) for o in report.chosen_options],
        requirements=requirements,
        gaps=[ids[g.requirement.iri] for g in report.gaps],
    )


def benchmark_answer(model: GapModel, bench: Benchmark, lang: str = "fr") -> BenchmarkAnswer:
    counts = bench.topic_counts()
    mine = set(bench.me.covered_topics)
    return BenchmarkAnswer(
        programme=short(bench.programme),
        programme_label=model.label(bench.programme, lang),
        programme_type=bench.programme_type,
        family=short(bench.family),
        family_label=model.label(bench.family, lang),
        basis=bench.basis,
        subtree=short(bench.subtree) if bench.subtree else None,
        n_peers=bench.n_peers,
        rank_guaranteed=bench.me.rank_guaranteed,
        rank_possible=bench.me.rank_possible,
        topics_covered=bench.covered,
        topics_total=len(bench.topics),
        best_topics=bench.best_topics,
        median_topics=bench.median_topics,
        topics=[TopicOut(topic=short(t), label=model.label(t, lang), covered=t in mine, peers_covering=counts[t])
                for t in bench.topics],
        peers=[
            PeerOut(
                programme=short(p.programme),
                label=model.label(p.programme, lang),
                providers=sorted(model.label(o, lang) for o in model.programmes[p.programme].providers),
                guaranteed=p.guaranteed,
                possible=p.possible,
                rank_guaranteed=p.rank_guaranteed,
                rank_possible=p.rank_possible,
                covered_topics=[short(t) for t in p.covered_topics],
            )
            for p in bench.peers
        ],
        sentence_fr=bench.sentence_fr,
        sentence_en=bench.sentence_en,
    )


def matrix_answer(matrix: CoverageMatrix, lang: str = "fr") -> MatrixAnswer:
    return MatrixAnswer.model_validate(matrix.to_dict(lang))
