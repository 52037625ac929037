"""``skillgraph align``: rank ESCO / ROME 4.0 candidates, suggest mappings, check the alignment.

Registered by the main command line as ``skillgraph align …``. Errors print ``error: …`` on
standard error and exit 1, as everywhere else.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import SkillgraphError

if TYPE_CHECKING:
    from ..align import Candidate, ReferenceIndex

__all__ = ["app"]

app = typer.Typer(
    help="Align the study's job families, jobs and skills with ESCO and ROME 4.0: rank candidates, suggest, check.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class SchemeChoice(str, Enum):
    esco_occupation = "esco-occupation"
    esco_skill = "esco-skill"
    rome_fiche = "rome-fiche"
    rome_appellation = "rome-appellation"
    rome_competence = "rome-competence"
    rome_savoir = "rome-savoir"


class Format(str, Enum):
    table = "table"
    json = "json"


FromOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--from",
        help="Folder of reference CSV files (plain, .csv.xz or .csv.gz), searched recursively; repeat to add "
        "folders [default: reference/ at the top of the checkout, env SKILLGRAPH_REFERENCE_DIR].",
    ),
]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, max=200, help="How many candidates.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
DataOpt = Annotated[Path | None, typer.Option("--data", help="Data folder [default: shipped data].")]

#: The schemes `suggest` ranks for each kind of concept, unless --scheme is given.
_DEFAULT_SCHEMES = {
    "family": ("esco-occupation", "rome-fiche"),
    "job": ("esco-occupation", "rome-fiche"),
    "skill": ("esco-skill", "rome-competence", "rome-savoir"),
}


def _fail(exc: SkillgraphError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def _index(folders: list[Path] | None, schemes: list[str]) -> ReferenceIndex:
    from ..align import ReferenceIndex

    return ReferenceIndex.from_files(folders or None, schemes=schemes)


def _data_dir(data: Path | None) -> Path:
    from ..settings import Settings

    return data if data is not None else Settings().data_path()


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"


@app.command()
def candidates(
    label: Annotated[str, typer.Argument(help="A label in French or English (accents and case do not matter).")],
    scheme: Annotated[SchemeChoice, typer.Option("--scheme", "-s", help="Which classification to search.")],
    folders: FromOpt = None,
    limit: LimitOpt = 10,
    output: FormatOpt = Format.table,
) -> None:
    """Rank the concepts of one classification for a label: TF-IDF over labels and descriptions, plus fuzzy label ratio."""
    from ..align import rank_candidates

    try:
        found = rank_candidates(label, scheme.value, _index(folders, [scheme.value]), limit=limit)
    except SkillgraphError as exc:
        raise _fail(exc) from exc
    if output is Format.json:
        typer.echo(json.dumps({"label": label, "scheme": scheme.value, "candidates": [c.as_dict() for c in found]}, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(f"no {scheme.value} candidate shares a word with '{label}'")
        return
    rows = [
        [str(i), f"{c.score:.3f}", c.target, _short(c.label, 60), c.field, _short(c.matched_text, 50)]
        for i, c in enumerate(found, 1)
    ]
    typer.echo(_table(["#", "score", "target", "label", "field", "matched"], rows), nl=False)


@app.command()
def suggest(
    family: Annotated[str | None, typer.Option("--family", help="A job family id (e.g. regulatory-affairs).")] = None,
    job: Annotated[str | None, typer.Option("--job", help="A job id (e.g. data-engineer).")] = None,
    skill: Annotated[str | None, typer.Option("--skill", help="A skill id (e.g. public-speaking).")] = None,
    schemes: Annotated[
        list[SchemeChoice] | None, typer.Option("--scheme", "-s", help="Classifications to rank [default: by kind].")
    ] = None,
    folders: FromOpt = None,
    limit: LimitOpt = 10,
    data: DataOpt = None,
    output: FormatOpt = Format.table,
) -> None:
    """Rank candidates for a family, job or skill from its French and English labels; mark those already mapped."""
    from ..align import AlignmentError, alignment_of, labels_of, rank_candidates
    from ..loader import load_data

    given = [(k, v) for k, v in (("family", family), ("job", job), ("skill", skill)) if v]
    try:
        if len(given) != 1:
            raise AlignmentError("name exactly one of --family, --job, --skill")
        kind, ident = given[0]
        data_dir = _data_dir(data)
        files = load_data(data_dir)
        labels = labels_of(files)
        if ident not in labels[kind]:
            known = ", ".join(sorted(labels[kind])[:12])
            raise AlignmentError(f"no {kind} '{ident}' in {data_dir} (known: {known}…)")
        label = labels[kind][ident]
        wanted = [s.value for s in schemes] if schemes else list(_DEFAULT_SCHEMES[kind])
        index = _index(folders, wanted)
        mapped: dict[tuple[str, str], str] = {}
        refused: dict[str, str] = {}
        for _, file in alignment_of(files):
            for m in file.mappings:
                if getattr(m, kind) == ident:
                    mapped[(m.scheme.value, m.target)] = f"{m.relation.value} {m.confidence:g}"
            for n in file.no_match:
                if getattr(n, kind) == ident:
                    refused[n.scheme.value] = n.note.fr
        report: list[tuple[str, list[tuple[Candidate, str]], list[str]]] = []
        for scheme in wanted:
            best: dict[str, tuple[Candidate, str]] = {}
            for lang, text in (("fr", label.fr), ("en", label.en)):
                for c in rank_candidates(text, scheme, index, limit=limit):
                    if c.target not in best or best[c.target][0].score < c.score:
                        best[c.target] = (c, lang)
            ranked = sorted(best.values(), key=lambda item: -item[0].score)[:limit]
            already = [t for (s, t) in mapped if s == scheme and t not in best]
            report.append((scheme, ranked, already))
    except SkillgraphError as exc:
        raise _fail(exc) from exc

    if output is Format.json:
        body = {
            kind: ident,
            "label": {"fr": label.fr, "en": label.en},
            "schemes": [
                {
                    "scheme": scheme,
                    "no_match": refused.get(scheme),
                    "candidates": [
                        {**c.as_dict(), "query": lang, "mapped": mapped.get((scheme, c.target))}
                        for c, lang in ranked
                    ],
                    "mapped_not_ranked": [{"target": t, "mapped": mapped[(scheme, t)]} for t in already],
                }
                for scheme, ranked, already in report
            ],
        }
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{kind} {ident}: {label.fr} / {label.en}")
    for scheme, ranked, already in report:
        typer.echo(f"\n{scheme}")
        if scheme in refused:
            typer.echo(f"  no_match: {_short(refused[scheme], 110)}")
        rows = [
            [
                f"{c.score:.3f}",
                c.target,
                _short(c.label, 55),
                f"{c.field} ({lang})",
                f"✓ {mapped[(scheme, c.target)]}" if (scheme, c.target) in mapped else "",
            ]
            for c, lang in ranked
        ]
        if rows:
            typer.echo(_table(["score", "target", "label", "field (query)", "mapped"], rows), nl=False)
        else:
            typer.echo("  no candidate shares a word with the labels")
        for target in already:
            typer.echo(f"  ✓ {target} ({mapped[(scheme, target)]}) is mapped but not among the candidates above")


@app.command()
def check(
    folders: FromOpt = None,
    data: DataOpt = None,
    output: FormatOpt = Format.table,
) -> None:
    """Check that every mapping's target exists in the reference files and that its label is theirs."""
    from ..align import alignment_schemes, check_alignment, load_alignment

    try:
        alignment = load_alignment(_data_dir(data))
        count = sum(len(f.mappings) for _, f in alignment)
        index = _index(folders, sorted(alignment_schemes(alignment), key=lambda s: s.value))
        problems = check_alignment(alignment, index)
    except SkillgraphError as exc:
        raise _fail(exc) from exc
    if output is Format.json:
        typer.echo(
            json.dumps(
                {
                    "mappings": count,
                    "problems": [
                        {"file": p.file, "mapping": p.mapping, "scheme": p.scheme.value, "target": p.target, "kind": p.kind, "message": p.message}
                        for p in problems
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for p in problems:
            typer.echo(f"{p.kind}: {p}")
    if problems:
        typer.echo(f"error: {len(problems)} problem(s) in {count} mappings checked against the reference files", err=True)
        raise typer.Exit(1)
    if output is Format.table:
        typer.echo(f"ok: {count} mappings in {len(alignment)} files match the reference files")


@app.command()
def snapshot(
    to: Annotated[Path, typer.Option("--output", "-o", help="CSV file to write.")],
    folders: FromOpt = None,
    data: DataOpt = None,
) -> None:
    """Write the reference concepts the alignment uses, with their labels, from the official files (a small CSV).

    The tests check the shipped alignment against this extract (tests/align_slices/used_concepts.csv).
    """
    from ..align import alignment_schemes, load_alignment, write_concept_list

    try:
        alignment = load_alignment(_data_dir(data))
        index = _index(folders, sorted(alignment_schemes(alignment), key=lambda s: s.value))
        rows = write_concept_list(index, [(m.scheme, m.target) for _, f in alignment for m in f.mappings], to)
    except SkillgraphError as exc:
        raise _fail(exc) from exc
    except OSError as exc:
        typer.echo(f"error: {to}: {exc.strerror}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"wrote {rows} concepts to {to}")
