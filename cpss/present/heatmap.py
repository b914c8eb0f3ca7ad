"""The heatmap of answers as an ``alt.LayerChart``: one row per subdomain, grouped by outcome, one
column per assessment (or per series), laid out in pixels for a wide screen, print or a phone.

Each cell names its phase or status in words as well as by its fill, so colour is never the only
cue; a key under the grid explains the marks that appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import pandas as pd

from cpss.i18n import ENGLISH, Text
from cpss.model.framework import Framework, Subdomain
from cpss.present.chart_data import series_name
from cpss.present.charts import (
    KEY_COLOUR,
    NARROW_WIDTH,
    TEXT_FONT_SIZE,
    fixed_size,
    wrap_lines,
)
from cpss.present.heatmap_cells import (
    PHASE_FILLS,
    STATUS_STYLES,
    cell_lines,
    cell_texts,
    key_meanings,
)

COMPACT_CELL_WIDTH = 105
HEATMAP_CELL_WIDTH = 180
HEATMAP_NAME_WIDTH = 290
NARROW_MIN_CELL = 44  # "N/A", "DK", "4 †" still fit
HEADER_FONT_SIZE = 14


@dataclass(frozen=True)
class HeatmapLayout:
    """Where a heatmap writes its subdomain names, and its sizes in pixels.

    Names beside the cells, in a column on their left (a projector, a laptop, a printed page), or
    ``names_above``: each name on its own lines over its row of cells, so that the grid fits a
    phone. Names, headers and long cell texts wrap to the width they have, never cut.
    """

    columns: int
    names_above: bool
    cell_width: int
    name_width: int = HEATMAP_NAME_WIDTH
    legend_columns: int = 4
    line_height: int = 16
    cell_height: int = 32
    gap: int = 4  # between rows of cells, and between cells

    @property
    def cells_left(self) -> int:
        """x of the first column of cells."""
        return 0 if self.names_above else self.name_width + 12

    @property
    def width(self) -> int:
        """The whole grid's width, names included."""
        return self.cells_left + self.cell_width * self.columns


def heatmap_layout(columns: int, compact: bool = False, narrow: bool = False) -> HeatmapLayout:
    """The layout of a grid of ``columns`` columns: names beside cells ``compact`` or wide, or
    ``narrow`` (for a phone): names above, and the cells sharing ``NARROW_WIDTH``."""
    if narrow:  # many columns: wider than a phone, scrolled within its box (ui.widgets)
        cell_width = max(NARROW_WIDTH // max(columns, 1), NARROW_MIN_CELL)
        return HeatmapLayout(
            columns, True, cell_width, max(NARROW_WIDTH, cell_width * columns), legend_columns=2
        )
    return HeatmapLayout(columns, False, COMPACT_CELL_WIDTH if compact else HEATMAP_CELL_WIDTH)


def heatmap_chart(
    framework: Framework,
    cells: pd.DataFrame,
    columns: list[str],
    compact: bool = False,
    narrow: bool = False,
    *,
    tr: Text = ENGLISH,
) -> alt.LayerChart:
    """A grid of answers: one row per subdomain, grouped by outcome, one column per ``columns``.

    ``cells`` has columns ``subdomain_id``, ``column``, ``choice`` (a phase 1 to 4, ``DONT_KNOW``,
    ``NOT_APPLICABLE`` or None), ``low_confidence`` and ``drafted``. Rows and columns keep the
    framework's order and the given order; a cell missing from ``cells`` reads as not answered.
    Each cell names its phase or status in words, so colour is never the only cue; drafted
    criteria carry ``DRAFTED_MARK`` and low-confidence answers ``LOW_CONFIDENCE_MARK``, and a key
    under the grid explains the marks that appear. ``compact`` cells, for many columns, are
    narrower and write the phase number, "DK" and "N/A" and ``COMPACT_LOW_CONFIDENCE``.
    ``narrow`` lays the grid out for a phone (see :func:`heatmap_layout`); its cells are compact.
    Its words (headers, cells, legend, key) are in ``tr``'s language; ``columns`` stay data keys.
    """
    compact = compact or narrow
    layout = heatmap_layout(len(columns), compact, narrow)
    shown = [series_name(column, tr) for column in columns]
    headers, top = _column_headers(shown, layout)
    labels, grid = _grid_rows(
        framework, cell_texts(framework, cells, columns, compact, tr), columns, layout, top, tr
    )
    height = max(grid["y2"], default=top)
    return fixed_size(
        alt.LayerChart(
            layer=[
                _cell_rects(framework, layout, tr),
                _cell_words_layer(tr),
                _text_layer(headers, bold=True, align="center"),
                _text_layer([row for row in labels if row["bold"]], bold=True),
                _text_layer([row for row in labels if not row["bold"]], bold=False),
            ],
            data=grid,
        ).properties(
            width=layout.width, height=height, title=_heatmap_key(grid, compact, layout, tr)
        )
    )


def _column_headers(columns: list[str], layout: HeatmapLayout) -> tuple[list[dict], int]:
    """The column names centred over their cells, "Place · date" one part a line, wrapped to the
    cell; returns them and the y where the grid starts."""
    lines = [
        [
            line
            for part in column.split(" · ")
            for line in wrap_lines(part, layout.cell_width - 8, HEADER_FONT_SIZE, bold=True)
        ]
        for column in columns
    ]
    height = max(map(len, lines), default=1) * (layout.line_height + 1)
    rows = [
        {
            "x": layout.cells_left + layout.cell_width * (i + 0.5),
            "y": height - len(text) * (layout.line_height + 1),
            "label": "\n".join(text),
        }
        for i, text in enumerate(lines)
    ]
    return rows, height + 6


def _grid_rows(
    framework: Framework,
    texts: dict,
    columns: list[str],
    layout: HeatmapLayout,
    top: int,
    tr: Text,
) -> tuple[list[dict], pd.DataFrame]:
    """The outcome headers and subdomain names (labels), and the cells with their places."""
    labels: list[dict] = []
    cells: list[dict] = []
    y: float = top
    for outcome in framework.outcomes:
        y += 6
        header = wrap_lines(outcome.label, layout.width, HEADER_FONT_SIZE, bold=True)
        labels.append({"x": 0, "y": y, "label": "\n".join(header), "bold": True})
        y += len(header) * (layout.line_height + 2) + 2
        for sub in outcome.subdomains:
            y = _subdomain_row(
                sub,
                [texts[sub.id, column] for column in columns],
                [series_name(column, tr) for column in columns],
                layout,
                y,
                labels,
                cells,
                tr,
            )
    return labels, pd.DataFrame(cells)


def _subdomain_row(
    sub: Subdomain,
    words: list[tuple[str, str, str]],
    columns: list[str],
    layout: HeatmapLayout,
    y: float,
    labels: list,
    cells: list,
    tr: Text = ENGLISH,
) -> float:
    """Adds one subdomain's name to ``labels`` and its cells to ``cells``; returns the next y."""
    name = wrap_lines(sub.label, layout.name_width)
    wrapped = [cell_lines(text, layout.cell_width - 10, tr) for _, text, _ in words]
    cell_height = max([layout.cell_height] + [len(w) * layout.line_height + 6 for w in wrapped])
    name_height = len(name) * layout.line_height
    if layout.names_above:
        y += 6  # a name belongs to the cells under it, not to those above
        labels.append({"x": 0, "y": y, "label": "\n".join(name), "bold": False})
        y += name_height + 2
    else:
        cell_height = max(cell_height, name_height + 6)
        labels.append(
            {
                "x": 0,
                "y": y + (cell_height - name_height) / 2,
                "label": "\n".join(name),
                "bold": False,
            }
        )
    for i, (column, (key, text, ink), lines) in enumerate(zip(columns, words, wrapped)):
        x = layout.cells_left + layout.cell_width * i
        cells.append(
            {
                "subdomain": sub.label,
                "column": column,
                "key": key,
                "text": text,
                "lines": "\n".join(lines),
                "ink": ink,
                "x": x + layout.gap / 2,
                "x2": x + layout.cell_width - layout.gap / 2,
                "y": y,
                "y2": y + cell_height,
                # the text block's top, so that it stands in the middle of its cell
                "text_x": x + layout.cell_width / 2,
                "text_y": y + (cell_height - len(lines) * layout.line_height) / 2 + 1,
            }
        )
    return y + cell_height + layout.gap


PIXELS: dict[str, Any] = {
    "scale": None,
    "axis": None,
}  # positions computed here, in pixels from the top left


def _cell_tooltip(tr: Text) -> list[alt.Tooltip]:
    """What a cell's tooltip says: its subdomain, column and answer."""
    return [
        alt.Tooltip("subdomain:N", title=tr("Subdomain")),
        alt.Tooltip("column:N", title=tr("Column")),
        alt.Tooltip("text:N", title=tr("Answer")),
    ]


def _cell_rects(framework: Framework, layout: HeatmapLayout, tr: Text) -> alt.Chart:
    """The cells' fills and borders; one legend of every answer (the phases, then the others)."""
    keys = [phase.label for phase in framework.phases] + [tr(key) for key in STATUS_STYLES]
    styles = [(fill, fill, 0) for fill in PHASE_FILLS] + [
        style[:3] for style in STATUS_STYLES.values()
    ]
    fill, stroke, width = (
        alt.Scale(type="ordinal", domain=keys, range=[style[i] for style in styles])
        for i in range(3)
    )
    # Below the grid, in rows: beside it, the legend would push a wide grid off the page.
    legend = alt.Legend(
        title=tr("Answer"),
        orient="bottom",
        direction="horizontal",
        columns=layout.legend_columns,
        labelFontSize=TEXT_FONT_SIZE,
        labelLimit=220,
        titleFontSize=HEADER_FONT_SIZE,
        symbolType="square",
        symbolSize=400,
        symbolStrokeWidth=2,
    )
    return (
        alt.Chart()
        .mark_rect()
        .encode(
            x=alt.X("x:Q", **PIXELS),
            x2="x2:Q",
            y=alt.Y("y:Q", **PIXELS),
            y2="y2:Q",
            fill=alt.Fill("key:N", scale=fill, legend=legend),
            stroke=alt.Stroke("key:N", scale=stroke, legend=legend),
            strokeWidth=alt.StrokeWidth("key:N", scale=width, legend=legend),
            tooltip=_cell_tooltip(tr),
        )
    )


def _cell_words_layer(tr: Text) -> alt.Chart:
    """Each cell's answer in words, in the middle of it, in a colour that reads on its fill."""
    return (
        alt.Chart()
        .mark_text(fontSize=TEXT_FONT_SIZE, baseline="top", lineBreak="\n", lineHeight=16)
        .encode(
            x=alt.X("text_x:Q", **PIXELS),
            y=alt.Y("text_y:Q", **PIXELS),
            text="lines:N",
            color=alt.Color("ink:N", scale=None),
            tooltip=_cell_tooltip(tr),
        )
    )


def _text_layer(
    rows: list[dict], bold: bool, align: Literal["left", "center", "right"] = "left"
) -> alt.Chart:
    """Lines of text (``label``, lines split at "\\n") whose top is at ``x``, ``y``."""
    return (
        alt.Chart(pd.DataFrame(rows, columns=["x", "y", "label"]))
        .mark_text(
            align=align,
            baseline="top",
            lineBreak="\n",
            lineHeight=16 if not bold else 17,
            fontSize=HEADER_FONT_SIZE if bold else TEXT_FONT_SIZE,
            fontWeight="bold" if bold else "normal",
            color="#222222",
        )
        .encode(x=alt.X("x:Q", **PIXELS), y=alt.Y("y:Q", **PIXELS), text="label:N")
    )


def _heatmap_key(
    grid: pd.DataFrame, compact: bool, layout: HeatmapLayout, tr: Text
) -> alt.Title | str:
    """The lines under the grid that explain the marks (and, compact, the short words) of its
    cells: only those that appear; none, no key."""
    used = key_meanings(grid, compact, tr)
    if not used:
        return ""
    return alt.Title(
        wrap_lines(" · ".join(used), layout.width),
        orient="bottom",
        anchor="start",
        fontSize=TEXT_FONT_SIZE,
        fontWeight="normal",
        color=KEY_COLOUR,
    )
