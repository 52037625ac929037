"""``skillgraph profile``: what a person or a team lacks for SMT, and which trainings close it.

Every command reads a profile (CSV or JSON, see :mod:`skillgraph.gaps.profiles`), prints the
match report — every line, the unmatched ones flagged — then its answer, as a table or JSON.
Errors print ``error: …`` on standard error and exit 1.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import SkillgraphError
from ._shared import Lang, fail, open_model, percent

__all__ = ["app"]

app = typer.Typer(
    name="profile",
    help="HR: match a profile (CSV or JSON) to the graph, list its gaps, check a team, recommend trainings.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)



class Format(str, Enum):
    table = "table"
    json = "json"


ProfileArg = Annotated[Path, typer.Argument(help="Profile file: .csv (person,skill,level) or .json.", show_default=False)]
FamilyOpt = Annotated[str, typer.Option("--family", "-F", help="Job family: id (regulatory-affairs), IRI or label.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the labels.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
StoreOpt = Annotated[Path | None, typer.Option("--store", help="Store folder [env SKILLGRAPH_STORE_DIR].")]
PhaseOpt = Annotated[list[str] | None, typer.Option("--phase", "-p", help="Phase id, label or order (1-5); repeatable.")]
PersonOpt = Annotated[str | None, typer.Option("--person", help="Only this member of a team profile.")]
MinLevelOpt = Annotated[int, typer.Option("--min-level", min=0, max=4, help="Level (0-4) from which a skill counts as held.")]
ThresholdOpt = Annotated[float, typer.Option("--match-threshold", min=0.0, max=1.0, help="Confidence below which a line is unmatched.")]





def _emit_json(payload: dict[str, Any]) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _start(store: Path | None, profile_file: Path, threshold: float):  # type: ignore[no-untyped-def]
    from ..gaps.profiles import load_profile

    model = open_model(store)
    profile, report = load_profile(model, profile_file, threshold)
    return model, profile, report


@app.command()
def gaps(
    profile_file: ProfileArg,
    family: FamilyOpt,
    lang: LangOpt = Lang.fr,
    output: FormatOpt = Format.table,
    store: StoreOpt = None,
    phase: PhaseOpt = None,
    person: PersonOpt = None,
    min_level: MinLevelOpt = 2,
    match_threshold: ThresholdOpt = 0.6,
) -> None:
    """The requirements of a job family the profile lacks, per phase, with their source lines and the trainings that teach them.

    For a team, what anyone holds counts (--person for one member)."""
    from ..gaps.person import profile_gaps

    try:
        model, profile, report = _start(store, profile_file, match_threshold)
        result = profile_gaps(model, profile, family, person=person, phases=phase, min_level=min_level, lang=lang.value)
    except (SkillgraphError, ValueError) as exc:
        raise fail(exc) from exc
    if output is Format.json:
        _emit_json({"matches": report.as_dict(model, lang.value), "gaps": result.as_dict()})
        return
    typer.echo(report.format(model, lang.value))
    who = ", ".join(result.people) or "an empty profile"
    typer.echo(
        f"\n{result.family_label}: {len(result.gaps)} gaps out of {result.requirements} requirements for {who} "
        f"({percent(result.missing_weight / result.weight if result.weight else 0)} of the weighted requirements missing)"
    )
    for phase_iri, phase_gaps in result.by_phase.items():
        order = model.phase_order.get(phase_iri, "?")
        typer.echo(f"\nPhase {order} · {result.phase_labels[phase_iri]}: {len(phase_gaps)} gaps")
        for gap in phase_gaps:
            new = ", new for SMT" if gap.new_for_smt else ""
            held = f"; held {percent(gap.held_share)}" if gap.held_share else ""
            typer.echo(
                f"  [{gap.importance}] {gap.skill_label} (lines {gap.lines[0]}-{gap.lines[1]}{new}) "
                f"— missing: {', '.join(gap.missing_labels)}{held}"
            )
    typer.echo("\nTrainings that teach what is missing:")
    for gap in result.gaps:
        if not gap.providers:
            typer.echo(f"  {gap.skill_label}: no training in the graph")
            continue
        seen: list[str] = []
        for p in gap.providers:
            entry = f"{p.programme_label} ({p.programme_type}, {p.availability}, {percent(p.share)})"
            if entry not in seen:
                seen.append(entry)
        more = f" and {len(seen) - 3} more" if len(seen) > 3 else ""
        typer.echo(f"  {gap.skill_label}: {'; '.join(seen[:3])}{more}")


@app.command()
def team(
    profile_file: ProfileArg,
    phase: PhaseOpt = None,
    family: Annotated[list[str] | None, typer.Option("--family", "-F", help="Job family to check; repeatable [default: all].")] = None,
    cover: Annotated[float, typer.Option("--cover", min=0.0, max=1.0, help="Share of a family's weighted requirements one member must hold.")] = 0.5,
    lang: LangOpt = Lang.fr,
    output: FormatOpt = Format.table,
    store: StoreOpt = None,
    min_level: MinLevelOpt = 2,
    match_threshold: ThresholdOpt = 0.6,
) -> None:
    """Which phases and job families of an SMT project the team cannot cover.

    A family is covered in a phase when one member holds at least --cover of its weighted requirements of that phase."""
    from ..gaps.model import short
    from ..gaps.person import team_readiness

    try:
        model, profile, report = _start(store, profile_file, match_threshold)
        result = team_readiness(model, profile, phase, family, threshold=cover, min_level=min_level)
    except (SkillgraphError, ValueError) as exc:
        raise fail(exc) from exc
    if output is Format.json:
        _emit_json({"matches": report.as_dict(model, lang.value), "team": result.as_dict(model, lang.value)})
        return
    typer.echo(report.format(model, lang.value))
    typer.echo(
        f"\nTeam: {', '.join(result.people) or '(nobody)'}; a family is covered in a phase when one member holds "
        f"≥ {percent(result.threshold)} of its weighted requirements of that phase"
    )
    for phase_iri in result.phases:
        ready = "ready" if result.phase_ready[phase_iri] else "NOT READY"
        typer.echo(f"\nPhase {model.phase_order.get(phase_iri, '?')} · {model.label(phase_iri, lang.value)}: {ready}")
        for cell in (c for c in result.cells if c.phase == phase_iri):
            status = "covered" if cell.covered else "MISSING"
            best = f"{cell.best_person} {percent(cell.best_score)}" if cell.best_person else "nobody"
            typer.echo(f"  {status:8} {model.label(cell.family, lang.value)}: best {best} (team together {percent(cell.team_score)})")
    typer.echo(f"\nPhases not covered: {', '.join(short(p) for p in result.uncovered_phases) or 'none'}")
    typer.echo(f"Job families not covered in some phase: {', '.join(short(f) for f in result.uncovered_families) or 'none'}")


def _costs(items: list[str] | None) -> dict[str, float]:
    costs: dict[str, float] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            costs[key.strip()] = float(value)
        except ValueError:
            raise ValueError(f"--cost takes TYPE=NUMBER (e.g. UniversityDiploma=2), got '{item}'") from None
    return costs


@app.command()
def recommend(
    profile_file: ProfileArg,
    family: FamilyOpt,
    phase: PhaseOpt = None,
    person: PersonOpt = None,
    cost: Annotated[list[str] | None, typer.Option("--cost", help="Cost of a programme type, TYPE=NUMBER; repeatable.")] = None,
    exact: Annotated[bool, typer.Option("--exact", help="Exact solver instead of the greedy (small instances).")] = False,
    lang: LangOpt = Lang.fr,
    output: FormatOpt = Format.table,
    store: StoreOpt = None,
    min_level: MinLevelOpt = 2,
    match_threshold: ThresholdOpt = 0.6,
) -> None:
    """The cheapest set of programmes that closes the profile's gaps for a job family, with the reason for each pick.

    Default costs: continuing training 1, DU 2, Master 2 4, two-year master, engineering track and initial training 6."""
    from ..gaps.recommend import recommend as run

    try:
        model, profile, report = _start(store, profile_file, match_threshold)
        result = run(
            model, profile, family, person=person, phases=phase, costs=_costs(cost), min_level=min_level,
            solver="exact" if exact else "greedy", lang=lang.value,
        )
    except (SkillgraphError, ValueError) as exc:
        raise fail(exc) from exc
    if output is Format.json:
        _emit_json({"matches": report.as_dict(model, lang.value), "recommendation": result.as_dict(model)})
        return
    typer.echo(report.format(model, lang.value))
    who = ", ".join(result.people) or "an empty profile"
    typer.echo(
        f"\nTrainings for {who} — {result.family_label}: {result.missing_units} missing units "
        f"in {result.missing_requirements} requirements ({result.solver})"
    )
    for i, pick in enumerate(result.picks, 1):
        where = ", ".join(pick.providers + pick.cities)
        typer.echo(f"{i:2}. {pick.label} — {pick.type_label}, {where}")
        typer.echo(f"    {pick.reason}")
        typer.echo(f"    modules: {'; '.join(pick.module_labels)}")
        if pick.equivalents:
            names = [model.label(e, lang.value) for e in pick.equivalents]
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            typer.echo(f"    or equally: {'; '.join(names[:3])}{more}")
    typer.echo(f"Total cost {result.total_cost:g}: {result.covered_units} of {result.missing_units} missing units covered.")
    if result.uncovered:
        typer.echo("\nNot taught by any training in the graph:")
        for group in result.uncovered:
            typer.echo(f"  [{group.importance}] {group.skill_label} (lines {group.lines[0]}-{group.lines[1]}): {', '.join(group.topic_labels)}")
    if result.blocked:
        typer.echo("\nTaught only in an option the exclusive choice rules out:")
        for group in result.blocked:
            typer.echo(f"  [{group.importance}] {group.skill_label}: {', '.join(group.topic_labels)}")


@app.command()
def report(
    profile_file: ProfileArg,
    family: FamilyOpt,
    output_file: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    phase: PhaseOpt = None,
    person: PersonOpt = None,
    lang: LangOpt = Lang.fr,
    store: StoreOpt = None,
    min_level: MinLevelOpt = 2,
    match_threshold: ThresholdOpt = 0.6,
) -> None:
    """Write the self-contained HTML report of a profile for HR: gaps by phase with their source
    lines, and the recommended trainings with the reason for each."""
    from ..gaps.person import profile_gaps
    from ..gaps.recommend import recommend as run
    from ..report.profile import profile_report

    try:
        model, profile, _ = _start(store, profile_file, match_threshold)
        found = profile_gaps(model, profile, family, person=person, phases=phase, min_level=min_level, lang=lang.value)
        picks = run(model, profile, family, person=person, phases=phase, min_level=min_level, lang=lang.value)
        html = profile_report(model, found, picks, lang=lang.value)
    except (SkillgraphError, ValueError) as exc:
        raise fail(exc) from exc
    output_file.write_text(html, encoding="utf-8")
    typer.echo(f"wrote {output_file} ({len(html.encode('utf-8'))} bytes)", err=True)
