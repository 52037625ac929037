"""The coverage matrix: every job family against every programme, and its heatmap.

Each cell is ``coverage(model, programme, family).overall``: the *guaranteed* ratio (what every
graduate has) and the *possible* ratio (what the best-advised student can have). With
``scope="preparing"`` only the programmes that prepare for a family are scored in its row (the
other cells are empty); with ``scope="all"`` every pair is scored, which shows how far a
programme built for one job also serves another.

Rows are job families, columns are programmes grouped by programme type (in the order of
``PROGRAMME_TYPES``). The matrix exports as JSON or CSV, and :func:`heatmap` draws it with
matplotlib on the Agg canvas (no display, no rc file): same matrix, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import SkillgraphError, UnknownIdentifier  # noqa: F401 - importable from here, as before the split
from .coverage import coverage
from .identifiers import PROGRAMME_TYPES, resolve_family, resolve_programme, resolve_programme_type, resolve_topic
from .model import SG, GapModel, short

__all__ = ["PROGRAMME_TYPES", "CoverageMatrix", "MatrixCell", "coverage_matrix", "figure_bytes", "heatmap", "programme_short_label", "programme_type_of", "resolve_family", "resolve_programme", "resolve_programme_type", "resolve_topic"]

Scope = Literal["all", "preparing"]
Value = Literal["guaranteed", "possible"]


def programme_type_of(model: GapModel, programme_iri: str) -> str:
    return model.programmes[programme_iri].type


def _type_rank(kind: str) -> int:
    order = list(PROGRAMME_TYPES)
    return order.index(kind) if kind in order else len(order)


def _provider_short(name: str) -> str:
    acronym = re.search(r"\(([A-Z]{2,})\)$", name)
    if acronym:
        return acronym.group(1)
    name = re.split(r" – |, | \(", name)[0]
    name = re.sub(r"^(Université de |Université |University of )", "Univ. ", name)
    name = re.sub(r" University$", " Univ.", name)
    first = name.split(" ", 1)[0]
    if len(name) > 20 and len(first) >= 4 and ("-" in first or first.isupper()):
        return first  # a brand name: "UX-Republic Centre de Formations Digitales" -> "UX-Republic"
    return name if len(name) <= 24 else name[:23].rstrip() + "…"


def programme_short_label(model: GapModel, programme_iri: str, lang: str = "fr", width: int = 46) -> str:
    """A column label: the provider (shortened), then the programme's title when it says more."""
    label = model.label(programme_iri, lang)
    providers = sorted(_provider_short(model.label(p, lang)) for p in model.programmes[programme_iri].providers)
    provider = providers[0] if providers else ""
    if len(providers) > 1:
        provider += f" +{len(providers) - 1}"
    generic = ("Formation Designer UX / UI – ", "UX/UI designer programme – ")
    if len(providers) > 2:  # a consortium: its title says more than a list of schools
        text = label
    elif label.startswith(generic) or not provider:
        text = provider or label
    else:
        text = f"{provider} · {label}"
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# -- the matrix ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    family: str
    programme: str
    prepares: bool  # the programme prepares for the family (sg:preparesFor)
    guaranteed: float | None  # None: not scored (scope "preparing" and the programme does not prepare for it)
    possible: float | None


@dataclass
class CoverageMatrix:
    """Job families (rows) × programmes (columns, grouped by type) with both coverage ratios."""

    scope: str
    families: list[str]
    programmes: list[str]
    types: dict[str, str]  # programme -> model programme type
    cells: dict[tuple[str, str], MatrixCell]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # iri -> {"fr", "en", "short_fr", "short_en"}
    providers: dict[str, list[str]] = field(default_factory=dict)  # programme -> provider labels (fr)

    def cell(self, family: str, programme: str) -> MatrixCell:
        return self.cells[(family, programme)]

    def row(self, family: str) -> list[MatrixCell]:
        return [self.cells[(family, p)] for p in self.programmes]

    def label(self, iri: str, lang: str = "fr", short_form: bool = False) -> str:
        found = self.labels.get(iri, {})
        key = f"short_{lang}" if short_form else lang
        return found.get(key) or found.get(lang) or found.get("fr") or short(iri)

    def groups(self) -> list[tuple[str, list[str]]]:
        """Consecutive columns of the same programme type: [(type, [programme, …]), …]."""
        out: list[tuple[str, list[str]]] = []
        for programme in self.programmes:
            kind = self.types[programme]
            if out and out[-1][0] == kind:
                out[-1][1].append(programme)
            else:
                out.append((kind, [programme]))
        return out

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """A JSON-ready structure: families, programmes and one entry per cell (ratios in 0..1)."""
        return {
            "scope": self.scope,
            "lang": lang,
            "families": [{"id": short(f), "label": self.label(f, lang)} for f in self.families],
            "programmes": [
                {
                    "id": short(p),
                    "label": self.label(p, lang),
                    "short_label": self.label(p, lang, short_form=True),
                    "type": self.types[p],
                    "type_label": self.label(SG + self.types[p], lang),
                    "providers": self.providers.get(p, []),
                }
                for p in self.programmes
            ],
            "cells": [
                {
                    "family": short(c.family),
                    "programme": short(c.programme),
                    "prepares": c.prepares,
                    "guaranteed": None if c.guaranteed is None else round(c.guaranteed, 4),
                    "possible": None if c.possible is None else round(c.possible, 4),
                }
                for f in self.families
                for c in self.row(f)
            ],
        }

    def to_json(self, lang: str = "fr", indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def to_csv(self, lang: str = "fr") -> str:
        """One line per (family, programme) pair; empty ratios for pairs that were not scored."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ["family", "family_label", "programme", "programme_label", "programme_type", "providers",
             "prepares", "guaranteed", "possible"]
        )
        for f in self.families:
            for c in self.row(f):
                writer.writerow(
                    [
                        short(f), self.label(f, lang), short(c.programme), self.label(c.programme, lang),
                        self.types[c.programme], " | ".join(self.providers.get(c.programme, [])),
                        "true" if c.prepares else "false",
                        "" if c.guaranteed is None else f"{c.guaranteed:.4f}",
                        "" if c.possible is None else f"{c.possible:.4f}",
                    ]
                )
        return out.getvalue()


def coverage_matrix(
    model: GapModel,
    scope: Scope = "all",
    programme_types: list[str] | None = None,
    families: list[str] | None = None,
) -> CoverageMatrix:
    """Score every family against every programme (``scope="all"``) or only the programmes that
    prepare for it (``scope="preparing"``); optionally only some programme types or families
    (identifiers or IRIs)."""
    if scope not in ("all", "preparing"):
        raise ValueError(f"scope must be 'all' or 'preparing', not {scope!r}")
    kinds = {resolve_programme_type(t) for t in programme_types} if programme_types else None
    family_iris = (
        [resolve_family(model, f) for f in families]
        if families
        else sorted(model.families, key=lambda f: (model.label(f, "fr").casefold(), f))
    )
    programmes = sorted(
        (p for p, prog in model.programmes.items() if kinds is None or prog.type in kinds),
        key=lambda p: (
            _type_rank(model.programmes[p].type),
            programme_short_label(model, p).casefold(),
            p,
        ),
    )
    if scope == "preparing":
        # A column nobody prepares for in these rows would be empty: leave it out.
        programmes = [p for p in programmes if model.programmes[p].prepares_for & set(family_iris)]
    cells: dict[tuple[str, str], MatrixCell] = {}
    for family in family_iris:
        for programme in programmes:
            prepares = family in model.programmes[programme].prepares_for
            if scope == "all" or prepares:
                overall = coverage(model, programme, family).overall
                cells[(family, programme)] = MatrixCell(family, programme, prepares, overall.guaranteed, overall.possible)
            else:
                cells[(family, programme)] = MatrixCell(family, programme, prepares, None, None)
    labels: dict[str, dict[str, str]] = {}
    for iri in family_iris:
        labels[iri] = {lang: model.label(iri, lang) for lang in ("fr", "en")}
    for iri in programmes:
        labels[iri] = {lang: model.label(iri, lang) for lang in ("fr", "en")}
        labels[iri].update({f"short_{lang}": programme_short_label(model, iri, lang) for lang in ("fr", "en")})
    for kind in {model.programmes[p].type for p in programmes}:
        labels[SG + kind] = {lang: model.label(SG + kind, lang) for lang in ("fr", "en")}
    return CoverageMatrix(
        scope=scope,
        families=family_iris,
        programmes=programmes,
        types={p: model.programmes[p].type for p in programmes},
        cells=cells,
        labels=labels,
        providers={p: sorted(model.label(o) for o in model.programmes[p].providers) for p in programmes},
    )


# -- pictures ------------------------------------------------------------------------------

_RENDER_LOCK = threading.Lock()  # rcParams are process-wide: one figure saved at a time

_TEXT = {
    "fr": {
        "title": {"guaranteed": "Couverture garantie des familles de métiers par les formations",
                  "possible": "Couverture possible des familles de métiers par les formations"},
        "colorbar": {"guaranteed": "Couverture garantie (%)", "possible": "Couverture possible (%)"},
        "note": "Cases : couverture {main} en % ; entre parenthèses, la couverture possible quand elle est plus haute "
                "(choix exclusif). « – » : formation ne préparant pas à ce métier (non calculé).",
        "note_all": "Cases : couverture {main} en % ; entre parenthèses, la couverture possible quand elle est plus haute "
                    "(choix exclusif). Cadre rouge : la formation prépare à ce métier.",
        "main": {"guaranteed": "garantie", "possible": "possible"},
    },
    "en": {
        "title": {"guaranteed": "Guaranteed coverage of job families by training programmes",
                  "possible": "Possible coverage of job families by training programmes"},
        "colorbar": {"guaranteed": "Guaranteed coverage (%)", "possible": "Possible coverage (%)"},
        "note": "Cells: {main} coverage in %; in brackets, the possible coverage when it is higher (exclusive choice). "
                "“–”: the programme does not prepare for this job (not scored).",
        "note_all": "Cells: {main} coverage in %; in brackets, the possible coverage when it is higher (exclusive choice). "
                    "Red frame: the programme prepares for this job.",
        "main": {"guaranteed": "guaranteed", "possible": "possible"},
    },
}


def figure_bytes(fig: Any, fmt: str = "svg", salt: str = "skillgraph", title: str | None = None) -> bytes:
    """Save a matplotlib ``Figure`` (on an Agg canvas) as SVG or PNG, reproducibly: fixed SVG id
    salt, no creation date, no tool-specific metadata that varies between runs."""
    import matplotlib

    if fmt not in ("svg", "png"):
        raise ValueError(f"picture format must be 'svg' or 'png', not {fmt!r}")
    buffer = io.BytesIO()
    if fmt == "svg":
        metadata: dict[str, Any] = {"Date": None, "Creator": None, "Type": None, "Format": None}
        if title:
            metadata["Title"] = title
    else:
        metadata = {"Software": None}
        if title:
            metadata["Title"] = title
    with _RENDER_LOCK, matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=110 if fmt == "png" else 72)
    return buffer.getvalue()


def new_figure(width: float, height: float) -> Any:
    """A Figure drawn on the Agg canvas (explicitly: no GUI backend, no pyplot state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def heatmap(
    matrix: CoverageMatrix,
    fmt: str = "svg",
    lang: str = "fr",
    value: Value = "guaranteed",
    title: str | None = None,
    salt: str = "skillgraph-heatmap",
    standalone: bool = True,
) -> bytes:
    """A heatmap of the matrix as SVG or PNG bytes: rows are job families, columns programmes
    grouped by type (type names above), a colourbar, and each cell's percentage written in it.
    ``standalone=False`` leaves out the title and the reading note (for a page that has its own)."""
    import numpy as np
    from matplotlib.patches import Rectangle

    if lang not in _TEXT:
        raise ValueError(f"lang must be one of {sorted(_TEXT)}, not {lang!r}")
    if value not in ("guaranteed", "possible"):
        raise ValueError(f"value must be 'guaranteed' or 'possible', not {value!r}")
    text = _TEXT[lang]
    rows, cols = matrix.families, matrix.programmes
    n_rows, n_cols = max(len(rows), 1), max(len(cols), 1)
    data = np.full((n_rows, n_cols), np.nan)
    for i, family in enumerate(rows):
        for j, programme in enumerate(cols):
            number = getattr(matrix.cell(family, programme), value)
            if number is not None:
                data[i, j] = number * 100

    cell = 0.5 if n_cols > 12 else 0.72
    width = 3.6 + n_cols * cell + 1.2
    height = 2.4 + n_rows * 0.46 + 2.6
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    masked = np.ma.masked_invalid(data)
    from matplotlib import colormaps

    cmap = colormaps["YlGnBu"].with_extremes(bad="#eeeeee")
    image = ax.imshow(masked, cmap=cmap, vmin=0, vmax=100, aspect="auto", interpolation="nearest")
    font = 7 if n_cols > 12 else 8
    for i, family in enumerate(rows):
        for j, programme in enumerate(cols):
            c = matrix.cell(family, programme)
            main = getattr(c, value)
            if main is None:
                ax.text(j, i, "–", ha="center", va="center", fontsize=font, color="#888888")
                continue
            other = c.possible if value == "guaranteed" else None
            label = f"{main * 100:.0f}"
            if other is not None and other > main + 1e-9:
                label += f"\n({other * 100:.0f})"
            ax.text(j, i, label, ha="center", va="center", fontsize=font if "\n" not in label else font - 1,
                    color="white" if main * 100 >= 55 else "#1a1a1a")
            if matrix.scope == "all" and c.prepares:
                ax.add_patch(Rectangle((j - 0.47, i - 0.47), 0.94, 0.94, fill=False, edgecolor="#c0392b", linewidth=1.6))

    ax.set_yticks(range(len(rows)), [_wrap(matrix.label(f, lang), 34) for f in rows], fontsize=8)
    ax.set_xticks(range(len(cols)), [matrix.label(p, lang, short_form=True) for p in cols], fontsize=7,
                  rotation=60, ha="right", rotation_mode="anchor")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    ax.tick_params(which="minor", length=0)

    # Programme types above their columns, with a separator between groups.
    groups = matrix.groups()
    centres, names = [], []
    start = 0
    for kind, members in groups:
        end = start + len(members)
        centres.append((start + end - 1) / 2)
        names.append(_wrap(matrix.label(SG + kind, lang), max(10, int(len(members) * cell * 14))))
        if start > 0:
            ax.axvline(start - 0.5, color="#333333", linewidth=2)
        start = end
    top = ax.secondary_xaxis("top")
    top.set_xticks(centres, names, fontsize=8, fontweight="bold")
    top.tick_params(length=0)
    for spine in top.spines.values():
        spine.set_visible(False)

    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.01, fraction=0.03)
    bar.set_label(text["colorbar"][value], fontsize=8)
    bar.ax.tick_params(labelsize=7)
    if standalone:
        fig.suptitle(title or text["title"][value], fontsize=11, fontweight="bold")
        note = text["note_all" if matrix.scope == "all" else "note"].format(main=text["main"][value])
        fig.supxlabel(_wrap(note, int(width * 15)), fontsize=7, color="#444444")
    return figure_bytes(fig, fmt, salt=salt, title=title or text["title"][value])
