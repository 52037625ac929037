"""Charts of the reports, drawn with matplotlib (Agg canvas) and inlined as SVG in the HTML.

An SVG written by matplotlib is a standalone document; to sit inside an HTML page it loses its
XML prolog and namespace declarations (which are URLs, and the HTML parser does not need them),
gets ids unique to the chart (several charts share glyph names), and scales to the page width.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from markupsafe import Markup, escape

from ..gaps.matrix import figure_bytes, new_figure

__all__ = ["importance_chart", "inline_svg", "paired_bars"]

GUARANTEED = "#1f4e79"
POSSIBLE = "#8fb8de"
IMPORTANCE_COLOURS = {3: "#b03a2e", 2: "#e67e22", 1: "#f4d03f"}

_LEGEND = {
    "fr": {"guaranteed": "Garantie (modules obligatoires)", "possible": "Possible (meilleur choix d'options)",
           "axis": "Couverture (%)", "gaps": "Lacunes"},
    "en": {"guaranteed": "Guaranteed (mandatory modules)", "possible": "Possible (best choice of options)",
           "axis": "Coverage (%)", "gaps": "Gaps"},
}


def inline_svg(svg: bytes, prefix: str, label: str) -> Markup:
    """An SVG document made fit to be inlined in HTML (see the module docstring)."""
    text = svg.decode("utf-8")
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', text)
    text = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{prefix}-\2"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", text)
    text = re.sub(r'<svg\b([^>]*?)\swidth="[^"]*"\s+height="[^"]*"',
                  rf'<svg\1 width="100%" role="img" aria-label="{escape(label)}"', text, count=1)
    return Markup(text.strip())


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def paired_bars(
    labels: Sequence[str],
    guaranteed: Sequence[float],
    possible: Sequence[float],
    lang: str = "fr",
    title: str = "",
    salt: str = "skillgraph-bars",
    bold_first: bool = False,
    width: float = 7.2,
) -> bytes:
    """Horizontal bars, guaranteed and possible coverage (0..1) side by side for each label; SVG bytes."""
    import numpy as np

    text = _LEGEND["en" if lang == "en" else "fr"]
    n = len(labels)
    fig = new_figure(width, 1.1 + 0.55 * max(n, 1))
    ax = fig.add_subplot()
    y = np.arange(n)
    height = 0.38
    bars_g = ax.barh(y - height / 2, [v * 100 for v in guaranteed], height, color=GUARANTEED, label=text["guaranteed"])
    bars_p = ax.barh(y + height / 2, [v * 100 for v in possible], height, color=POSSIBLE, label=text["possible"])
    for bars in (bars_g, bars_p):
        ax.bar_label(bars, labels=[f"{b.get_width():.0f}" for b in bars], padding=2, fontsize=7, color="#333333")
    ax.set_yticks(y, [_wrap(label, 30 if width > 6 else 22) for label in labels], fontsize=8)
    if bold_first and n:
        ax.get_yticklabels()[0].set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlim(0, 108)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.tick_params(axis="x", labelsize=7)
    ax.set_xlabel(text["axis"], fontsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, loc="lower right", frameon=False, bbox_to_anchor=(1.0, 1.0), ncols=2)
    if title:
        ax.set_title(title, fontsize=9, loc="left", pad=18)
    return figure_bytes(fig, "svg", salt=salt, title=title or None)


def importance_chart(
    phases: Sequence[str],
    counts: Sequence[dict[int, int]],
    importance_labels: dict[int, str],
    lang: str = "fr",
    title: str = "",
    salt: str = "skillgraph-importance",
) -> bytes:
    """Stacked horizontal bars: the number of gaps per phase, by importance; SVG bytes."""
    import numpy as np

    text = _LEGEND["en" if lang == "en" else "fr"]
    n = len(phases)
    fig = new_figure(7.2, 1.1 + 0.45 * max(n, 1))
    ax = fig.add_subplot()
    y = np.arange(n)
    left = np.zeros(n)
    for weight in (3, 2, 1):
        values = np.array([c.get(weight, 0) for c in counts], dtype=float)
        bars = ax.barh(y, values, 0.6, left=left, color=IMPORTANCE_COLOURS[weight], label=importance_labels[weight])
        ax.bar_label(bars, labels=[f"{v:.0f}" if v else "" for v in values], label_type="center", fontsize=7)
        left += values
    ax.set_yticks(y, [_wrap(p, 30) for p in phases], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(text["gaps"], fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, loc="lower right", frameon=False, bbox_to_anchor=(1.0, 1.0), ncols=3)
    if title:
        ax.set_title(title, fontsize=9, loc="left", pad=18)
    return figure_bytes(fig, "svg", salt=salt, title=title or None)
