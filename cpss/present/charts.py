"""What the radar and the heatmap share: the phone's width, the key's colour, text wrapped to a
width, and how a chart is sized.

The charts themselves are in :mod:`cpss.present.radar` and :mod:`cpss.present.heatmap` (what its
cells say: :mod:`cpss.present.heatmap_cells`); they are drawn for a projector, for print and for
greyscale, and no chart relies on colour alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt

# What a phone leaves for a chart: 390 px less Streamlit's margins.
NARROW_WIDTH = 350
KEY_COLOUR = "#444444"  # the lines under a chart that explain its marks
TEXT_FONT_SIZE = 13  # the heatmap's text, and what wrap_lines measures by default
NBSP = "\u00a0"  # textwrap does not break lines there


def fixed_size(chart: alt.LayerChart) -> alt.LayerChart:
    """``chart`` drawn at its own width and height, its legend and key added outside them (a host
    that fits a chart to its height squeezes the drawing instead, and a legend lands on it), with
    no frame, and no screen-reader text per mark: Vega-Lite would describe every cell and point by
    its pixel positions; the chart's description and its table say what it shows instead
    (docs/decisions/chart-text-alternatives.md). ``aria=False`` in the config only drops those
    descriptions and hides the axes and legends; each mark needs its own ``aria=False`` too, or
    its container stays an unnamed image for a screen reader (axe-core's svg-img-alt)."""
    sized = chart.properties(autosize=alt.AutoSizeParams(type="pad"))
    return sized.configure(aria=False).configure_mark(aria=False).configure_view(strokeWidth=0)


def wrap_lines(
    text: str,
    width: int,
    font_size: int = TEXT_FONT_SIZE,
    bold: bool = False,
    whole: Sequence[str] = (),
) -> list[str]:
    """``text`` in lines that fit about ``width`` px at ``font_size``, never breaking inside one of
    the ``whole`` phrases. The width is estimated from an average character's, generously, so
    that a line is rather short than cut."""
    for phrase in whole:
        text = text.replace(phrase, phrase.replace(" ", NBSP))
    chars = max(4, int(width / (font_size * (0.6 if bold else 0.55))))
    lines = textwrap.wrap(text, chars, break_on_hyphens=False) or [""]
    return [line.replace(NBSP, " ") for line in lines]
