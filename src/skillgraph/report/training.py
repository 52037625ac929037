"""The report for a training body: how a programme (or every programme of a type) covers a job family.

One self-contained HTML page — CSS inline, charts as inline SVG, no external URL — that a
programme director can hand to a committee: a summary first, then the programme, its coverage
overall and by phase (guaranteed vs possible), its gaps with the study's source lines and where
else each gap is taught, the comparison with its peers, the coverage map of its programme type,
the study's recommendations to training bodies, and the method.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from markupsafe import Markup

from ..errors import ReportError, SkillgraphError
from ..gaps.benchmark import benchmark, covered_topics
from ..gaps.coverage import CoverageReport, coverage, providers_elsewhere
from ..gaps.matrix import (
    PROGRAMME_TYPES,
    coverage_matrix,
    heatmap,
    resolve_family,
    resolve_programme,
    resolve_programme_type,
)
from ..gaps.model import SG, GapModel, short
from .charts import inline_svg, paired_bars
from .i18n import citation, percent, quote, texts
from .recommendations import Recommendation, load_recommendations, relevant_recommendations
from .render import render

__all__ = ["Progress", "report_pairs", "training_report"]

Progress = Callable[[int, int, str], None]  # (done, total, what was just done)

_ELSEWHERE_SHOWN = 3



def report_pairs(
    model: GapModel, programme: str | None = None, programme_type: str | None = None, family: str | None = None
) -> list[tuple[str, str]]:
    """The (programme, family) pairs a report covers, in display order."""
    if (programme is None) == (programme_type is None):
        raise ReportError("give either a programme or a programme type")
    family_iri = resolve_family(model, family) if family else None
    if programme is not None:
        iri = resolve_programme(model, programme)
        families = [family_iri] if family_iri else sorted(model.programmes[iri].prepares_for, key=model.label)
        if not families:
            raise ReportError(f"programme '{short(iri)}' prepares for no job family in the study: name one")
        return [(iri, f) for f in families]
    kind = resolve_programme_type(programme_type or "")
    pairs = []
    for iri, prog in model.programmes.items():
        if prog.type != kind:
            continue
        for f in sorted(prog.prepares_for, key=model.label):
            if family_iri is None or f == family_iri:
                pairs.append((iri, f))
    if not pairs:
        which = f" preparing for '{short(family_iri)}'" if family_iri else ""
        raise ReportError(f"no programme of type '{kind}'{which} in the study")
    labels = {iri: model.label(iri).casefold() for iri, _ in pairs}
    return sorted(pairs, key=lambda pair: (model.label(pair[1]).casefold(), labels[pair[0]], pair[0]))


def training_report(
    model: GapModel,
    programme: str | None = None,
    programme_type: str | None = None,
    family: str | None = None,
    lang: str = "fr",
    *,
    store: ox.Store | None = None,
    recommendations: list[Recommendation] | None = None,
    progress: Progress | None = None,
) -> str:
    """The HTML report for one programme, or for every programme of a type (each against the
    families it prepares for, or only ``family``). The study's recommendations come from
    ``recommendations`` or are read from ``store``; without either the section is left out."""
    t = texts(lang)
    pairs = report_pairs(model, programme, programme_type, family)
    if recommendations is None and store is not None:
        recommendations = load_recommendations(store)

    sections = []
    for index, (programme_iri, family_iri) in enumerate(pairs):
        sections.append(_section(model, programme_iri, family_iri, lang, index))
        if progress is not None:
            progress(index + 1, len(pairs), model.label(programme_iri, lang))

    kinds = sorted({model.programmes[p].type for p, _ in pairs}, key=lambda k: list(PROGRAMME_TYPES).index(k)
                   if k in PROGRAMME_TYPES else 99)
    families = list(dict.fromkeys(f for _, f in pairs))
    heatmaps = []
    for index, kind in enumerate(kinds):
        matrix = coverage_matrix(model, "all", programme_types=[kind])
        title = t["heatmap"].format(type=model.label(SG + kind, lang))
        svg = heatmap(matrix, "svg", lang, title=title, salt=f"skillgraph-report-heatmap-{kind}", standalone=False)
        heatmaps.append({"title": title, "svg": inline_svg(svg, f"hm{index}", title),
                         "caption": t["heatmap_caption"].format(type=model.label(SG + kind, lang))})

    recs = None
    if recommendations is not None:
        recs = [_recommendation(model, r, lang) for r in relevant_recommendations(recommendations, families, kinds)]

    single = programme is not None
    if single:
        title = t["doc_title_programme"].format(programme=model.label(pairs[0][0], lang))
    else:
        title = t["doc_title_type"].format(type=model.label(SG + kinds[0], lang))
    context: dict[str, Any] = {
        "lang": lang,
        "t": t,
        "title": title,
        "subtitle": t["doc_subtitle"],
        "pct": lambda value: percent(value, lang),
        "q": lambda text: quote(text, lang),
        "families_line": t["for_family" if len(families) == 1 else "for_families"].format(families=", ".join(quote(model.label(f, lang), lang) for f in families)),
        "summary": _summary(model, sections, recs, lang, single, kinds),
        "overview_chart": _overview_chart(sections, lang) if len(sections) > 1 else None,
        "sections": sections,
        "multi_family": len(families) > 1,
        "heatmaps": heatmaps,
        "recommendations": recs,
        "method": [Markup(p) for p in t["method_paragraphs"]],
    }
    return render("training.html.j2", **context)


# -- one programme against one family ------------------------------------------------------


def _section(model: GapModel, programme_iri: str, family_iri: str, lang: str, index: int) -> dict[str, Any]:
    t = texts(lang)
    prog = model.programmes[programme_iri]
    report = coverage(model, programme_iri, family_iri)
    phases = [
        {"label": model.label(phase, lang), "guaranteed": s.guaranteed, "possible": s.possible, "weight": s.weight}
        for phase, s in sorted(report.by_phase.items(), key=lambda kv: model.phase_rank(kv[0]))
    ]
    kinds = [
        {"label": model.label(SG + kind, lang), "guaranteed": s.guaranteed, "possible": s.possible, "weight": s.weight}
        for kind, s in report.by_kind.items()
    ]
    chart_labels = [t["overall"]] + [p["label"] for p in phases]
    chart = paired_bars(
        chart_labels,
        [report.overall.guaranteed] + [p["guaranteed"] for p in phases],
        [report.overall.possible] + [p["possible"] for p in phases],
        lang,
        title=t["chart_phases"],
        salt=f"skillgraph-report-phases-{index}",
        bold_first=True,
        width=4.8,
    )
    bench = benchmark(model, programme_iri, family_iri)
    peers_topics = {p.programme: set(p.covered_topics) for p in bench.peers}
    possible_topics = covered_topics(model, programme_iri, list(bench.topics), "possible")
    topic_rows = []
    for topic in bench.topics:
        if topic in peers_topics[programme_iri]:
            mark = "guaranteed"
        elif topic in possible_topics:
            mark = "possible"
        else:
            mark = "none"
        topic_rows.append({
            "label": model.label(topic, lang),
            "mark": mark,
            "peers": sum(topic in covered for covered in peers_topics.values()),
        })
    provider_names = ", ".join(sorted(model.label(p, lang) for p in prog.providers))
    return {
        "anchor": f"p{index + 1}",
        "id": short(programme_iri),
        "label": model.label(programme_iri, lang),
        "heading": f"{model.label(programme_iri, lang)} ({provider_names})" if provider_names else model.label(programme_iri, lang),
        "family": model.label(family_iri, lang),
        "family_id": short(family_iri),
        "prepares": family_iri in prog.prepares_for,
        "type": model.label(SG + prog.type, lang),
        "providers": [
            {"label": model.label(p, lang), "type": model.label(SG + model.provider_types[p], lang)
             if p in model.provider_types else ""}
            for p in sorted(prog.providers, key=lambda p: model.label(p, lang))
        ],
        "cities": sorted(prog.cities),
        "prepares_for": [model.label(f, lang) for f in sorted(prog.prepares_for, key=model.label)],
        "modules": _modules(model, programme_iri, lang),
        "overall": {"guaranteed": report.overall.guaranteed, "possible": report.overall.possible},
        "phases": phases,
        "kinds": kinds,
        "chart": inline_svg(chart, f"ph{index}", t["chart_phases"]),
        "choice_note": _choice_note(model, report, lang),
        "gaps": _gaps(model, report, programme_iri, lang),
        "benchmark": {
            "sentence": bench.sentence(lang),
            "n": bench.n_peers,
            "topics_total": len(bench.topics),
            "peers": [
                {
                    "label": model.label(p.programme, lang),
                    "providers": ", ".join(sorted(model.label(o, lang) for o in model.programmes[p.programme].providers)),
                    "me": p.programme == programme_iri,
                    "rank_guaranteed": p.rank_guaranteed,
                    "rank_possible": p.rank_possible,
                    "guaranteed": p.guaranteed,
                    "possible": p.possible,
                    "topics": len(p.covered_topics),
                }
                for p in bench.peers
            ],
            "topics": topic_rows,
        },
        "rank_guaranteed": bench.me.rank_guaranteed,
        "n_gaps": len(report.gaps),
        "n_essential_gaps": sum(1 for g in report.gaps if g.requirement.weight == 3),
        "top_gaps": [model.label(g.requirement.skill, lang) for g in report.gaps[:3]],
    }


def _modules(model: GapModel, programme_iri: str, lang: str) -> list[dict[str, Any]]:
    t = texts(lang)
    prog = model.programmes[programme_iri]
    rows = []
    for iri in prog.core:
        module = model.modules[iri]
        rows.append({"label": model.label(iri, lang), "status": t["module_status"][module.status],
                     "topics": ", ".join(sorted(model.label(x, lang) for x in module.topics))})
    for group in prog.groups:
        for option, members in sorted(group.options.items()):
            for iri in members:
                module = model.modules[iri]
                rows.append({
                    "label": model.label(iri, lang),
                    "status": f"{t['module_status']['option']} — {model.label(option, lang)}",
                    "topics": ", ".join(sorted(model.label(x, lang) for x in module.topics)),
                })
    return rows


def _choice_note(model: GapModel, report: CoverageReport, lang: str) -> str | None:
    if not report.chosen_options or report.overall.possible <= report.overall.guaranteed + 1e-9:
        return None
    options = " + ".join(quote(model.label(o, lang), lang) for o in report.chosen_options)
    return texts(lang)["choice_note"].format(options=options, guaranteed=percent(report.overall.guaranteed, lang),
                                             possible=percent(report.overall.possible, lang))


def _gaps(model: GapModel, report: CoverageReport, programme_iri: str, lang: str) -> list[dict[str, Any]]:
    t = texts(lang)
    rows = []
    family_phases = set(model.families[report.family].phases)
    for gap in report.gaps:
        requirement = gap.requirement
        elsewhere = providers_elsewhere(model, requirement, exclude=programme_iri)
        shown = [
            {
                "module": None if model.label(teach.module, lang) == model.label(teach.programme, lang)
                else model.label(teach.module, lang),
                "programme": model.label(teach.programme, lang),
                "providers": ", ".join(sorted(model.label(p, lang) for p in model.programmes[teach.programme].providers)),
                "availability": t["availability"][teach.availability],
                "share": percent(teach.share, lang),
            }
            for teach in elsewhere[:_ELSEWHERE_SHOWN]
        ]
        rows.append({
            "skill": model.label(requirement.skill, lang),
            "phases": t["all_phases"] if len(family_phases) > 1 and set(gap.phases) == family_phases
            else ", ".join(model.label(p, lang) for p in gap.phases),
            "importance": t["importance_names"][requirement.weight],
            "weight": requirement.weight,
            "status": t["gap_status"][gap.status],
            "detail": (percent(gap.guaranteed, lang) if abs(gap.possible - gap.guaranteed) < 1e-9 else
                       t["partial_detail"].format(guaranteed=percent(gap.guaranteed, lang),
                                                  possible=percent(gap.possible, lang))),
            "status_key": gap.status,
            "guaranteed": gap.guaranteed,
            "possible": gap.possible,
            "source": citation(requirement.lines, lang),
            "elsewhere": shown,
            "more": max(0, len(elsewhere) - _ELSEWHERE_SHOWN),
        })
    return rows


# -- the whole report ----------------------------------------------------------------------


def _recommendation(model: GapModel, rec: Recommendation, lang: str) -> dict[str, Any]:
    targets = [model.label(f, lang) for f in rec.families] + [model.label(SG + k, lang) for k in rec.programme_types]
    return {
        "label": rec.get("label", lang),
        "text": rec.get("text", lang),
        "source": citation(rec.lines, lang),
        "targets": ", ".join(targets),
        "topics": ", ".join(model.label(x, lang) for x in rec.topics),
        "interpretation": rec.interpretation,
    }


def _summary(
    model: GapModel,
    sections: list[dict[str, Any]],
    recs: list[dict[str, Any]] | None,
    lang: str,
    single: bool,
    kinds: list[str],
) -> dict[str, Any]:
    t = texts(lang)
    sentences: list[str] = []
    if single:
        for s in sections:
            sentences.append(t["summary_coverage"].format(
                family=s["family"], guaranteed=percent(s["overall"]["guaranteed"], lang),
                possible=percent(s["overall"]["possible"], lang)))
            if s["choice_note"]:
                sentences.append(s["choice_note"])
            if s["n_gaps"]:
                sentences.append(t["summary_gaps"].format(n=s["n_gaps"], essential=s["n_essential_gaps"],
                                                          top=", ".join(quote(g, lang) for g in s["top_gaps"])))
            else:
                sentences.append(t["summary_no_gaps"])
            sentences.append(s["benchmark"]["sentence"])
    else:
        scores = sorted(sections, key=lambda s: -s["overall"]["guaranteed"])
        values = [s["overall"]["guaranteed"] for s in sections]
        sentences.append(t["summary_type"].format(
            n=len({s["id"] for s in sections}), type=model.label(SG + kinds[0], lang),
            best=percent(scores[0]["overall"]["guaranteed"], lang), best_label=scores[0]["label"],
            median=percent(statistics.median(values), lang), worst=percent(scores[-1]["overall"]["guaranteed"], lang)))
        for s in sections:
            if s["choice_note"]:
                sentences.append(f"{s['label']} : {s['choice_note']}" if lang == "fr" else f"{s['label']}: {s['choice_note']}")
    if recs:
        sentences.append(t["summary_recommendations"].format(n=len(recs)))
    rows = [
        {
            "anchor": s["anchor"],
            "label": s["label"],
            "providers": ", ".join(p["label"] for p in s["providers"]),
            "family": s["family"],
            "guaranteed": s["overall"]["guaranteed"],
            "possible": s["overall"]["possible"],
            "rank": f"{s['rank_guaranteed']} / {s['benchmark']['n']}",
            "gaps": f"{s['n_gaps']} ({s['n_essential_gaps']})",
        }
        for s in sorted(sections, key=lambda s: (s["family"], -s["overall"]["guaranteed"], -s["overall"]["possible"], s["label"]))
    ]
    return {"sentences": sentences, "rows": rows}


def _overview_chart(sections: list[dict[str, Any]], lang: str) -> Markup:
    t = texts(lang)
    ordered = sorted(sections, key=lambda s: (-s["overall"]["guaranteed"], -s["overall"]["possible"], s["label"]))
    if len({s["id"] for s in sections}) == 1:  # one programme, several families
        svg = paired_bars([s["family"] for s in ordered], [s["overall"]["guaranteed"] for s in ordered],
                          [s["overall"]["possible"] for s in ordered], lang, title=t["chart_families"],
                          salt="skillgraph-report-overview")
        return inline_svg(svg, "ov", t["chart_families"])
    names = [s["label"] for s in ordered]
    if len(set(names)) < len(names):  # the same title at two schools: say which
        names = [f"{s['label']} ({s['providers'][0]['label']})" if s["providers"] else s["label"] for s in ordered]
    labels = names if len({s["family"] for s in sections}) == 1 else [f"{n} — {s['family']}" for n, s in zip(names, ordered)]
    svg = paired_bars(labels, [s["overall"]["guaranteed"] for s in ordered], [s["overall"]["possible"] for s in ordered],
                      lang, title=t["chart_programmes"], salt="skillgraph-report-overview")
    return inline_svg(svg, "ov", t["chart_programmes"])
