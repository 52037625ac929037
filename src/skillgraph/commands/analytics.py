"""``skillgraph analytics``: bridging skills, skill clusters, family similarity, mobility paths.

Each command reads the graph in service, builds the gap model and prints a table (French
labels by default), JSON or CSV. Errors print ``error: …`` on standard error and exit 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import SkillgraphError
from ._shared import Lang, csv_text, fail, open_model, table

if TYPE_CHECKING:
    from ..gaps.model import GapModel

__all__ = ["app"]

app = typer.Typer(
    help="Graph analytics on job families and skills: bridging skills, clusters, similarity, mobility.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)



class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class Basis(str, Enum):
    topics = "topics"
    skills = "skills"


StoreOpt = Annotated[Path | None, typer.Option("--store", help="Store folder [env SKILLGRAPH_STORE_DIR].")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the labels.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
CommonOpt = Annotated[
    bool, typer.Option("--include-common", help="Keep the 3 transverse skills every family needs (they link all families).")
]








def _emit(fmt: Format, payload: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        typer.echo(csv_text(headers, rows), nl=False)
    else:
        typer.echo(table(headers, rows), nl=False)


def _ids(refs: Sequence[Any]) -> str:
    return ", ".join(r.id for r in refs)


@app.command()
def bridges(
    min_families: Annotated[int, typer.Option("--min-families", min=1, help="Least number of families sharing the skill.")] = 2,
    include_common: CommonOpt = False,
    lang: LangOpt = Lang.fr,
    fmt: FormatOpt = Format.table,
    store: StoreOpt = None,
) -> None:
    """Skills shared by several job families, with their betweenness in the family-skill graph."""
    from ..analytics import bridging_skills

    try:
        found = bridging_skills(open_model(store), min_families, include_common, lang.value)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    headers = ["skill", "label", "families", "betweenness", "common", "family ids"]
    rows = [[b.skill.id, b.skill.label, b.family_count, f"{b.betweenness:.4f}", b.common, _ids(b.families)] for b in found]
    _emit(fmt, [b.model_dump() for b in found], headers, rows)


@app.command()
def clusters(
    include_common: CommonOpt = False,
    lang: LangOpt = Lang.fr,
    fmt: FormatOpt = Format.table,
    store: StoreOpt = None,
) -> None:
    """Clusters of skills required together by the same families (greedy modularity)."""
    from ..analytics import skill_clusters

    try:
        found = skill_clusters(open_model(store), include_common, lang.value)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    headers = ["cluster", "skill", "label", "main families"]
    rows = [[c.index, s.id, s.label, _ids(c.main_families)] for c in found for s in c.skills]
    if fmt is Format.table:
        for c in found:
            families = ", ".join(f"{f.family.id} {f.skills}" for f in c.families)
            typer.echo(f"cluster {c.index}: {len(c.skills)} skills; families {families}; topics {_ids(c.topics[:4])}")
            typer.echo(table(["skill", "label"], [[s.id, s.label] for s in c.skills]))
        return
    _emit(fmt, [c.model_dump() for c in found], headers, rows)


@app.command()
def similarity(
    include_common: CommonOpt = False,
    lang: LangOpt = Lang.fr,
    fmt: FormatOpt = Format.table,
    store: StoreOpt = None,
) -> None:
    """Every pair of job families, by weighted Jaccard similarity of their skill topics and skills."""
    from ..analytics import family_similarity

    try:
        pairs = family_similarity(open_model(store), include_common, lang.value)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    headers = ["first", "second", "topics", "skills", "shared skills"]
    rows = [[p.first.id, p.second.id, f"{p.topics:.4f}", f"{p.skills:.4f}", _ids(p.shared_skills)] for p in pairs]
    _emit(fmt, [p.model_dump() for p in pairs], headers, rows)


@app.command()
def mobility(
    source: Annotated[str, typer.Argument(help="Job family of the person (e.g. medical-affairs).")],
    target: Annotated[str, typer.Argument(help="Job family to move to (e.g. data-jobs).")],
    basis: Annotated[Basis, typer.Option("--basis", help="Similarity the path is computed on.")] = Basis.topics,
    lang: LangOpt = Lang.fr,
    fmt: FormatOpt = Format.table,
    store: StoreOpt = None,
) -> None:
    """What a person of SOURCE already has and must acquire to work in TARGET, and the path between them.

    There is no biostatistician family: the study's advice to train biologists as data
    analysts is best asked as, e.g., `mobility medical-affairs data-jobs`.
    """
    from ..analytics import mobility_paths

    try:
        found = mobility_paths(open_model(store), source, target, basis.value, lang.value)
    except SkillgraphError as exc:
        raise fail(exc) from exc
    headers = ["status", "skill", "label", "importance", "phases", "lines", "familiar topics"]
    rows = [[("common" if s.common else "shared"), s.skill.id, s.skill.label, s.target_importance.label, "", "", ""] for s in found.shared]
    rows += [
        ["to-acquire", s.skill.id, s.skill.label, s.importance.label, _ids(s.phases), f"{s.lines[0]}-{s.lines[1]}", _ids(s.familiar_topics)]
        for s in found.to_acquire
    ]
    if fmt is not Format.table:
        _emit(fmt, found.model_dump(), headers, rows)
        return
    typer.echo(f"{found.source.label} → {found.target.label}")
    typer.echo(
        f"similarity: topics {found.similarity.topics:.4f}, skills {found.similarity.skills:.4f}; "
        f"already required: {found.held_share:.0%} of the target's weighted requirements"
    )
    typer.echo(f"cheapest path (1 - {found.basis} similarity): {' → '.join(r.id for r in found.path)} (cost {found.path_cost:.4f}, direct {found.direct_cost:.4f})")
    typer.echo(f"stepping stones: {' → '.join(r.id for r in found.gentle_path)} (similarities {', '.join(f'{s.similarity:.4f}' for s in found.gentle_steps)})")
    typer.echo(table(headers, rows), nl=False)
