"""Charts as ``alt.Chart`` objects, drawn for a projector, for print and for greyscale.

Every series is told apart by line style and a legend as well as by colour (a colour-blind-safe
palette), and values are labelled, so that no chart relies on colour alone.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import pandas as pd

from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, STATUS_LABELS
from cpss.model.framework import Framework, Subdomain
from cpss.model.scoring import DRAFTED_MARK, NOT_ANSWERED

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
SERIES_STYLES = {
    "Current": ("#0072B2", []),
    "Target": ("#E69F00", [8, 4]),
    "Previous": ("#009E73", [2, 3]),
}
# Further series (an overlay of several assessments): each its own colour and its own dash, so
# they stay apart in greyscale too. Yellow and sky blue are left out: too faint on white.
EXTRA_STYLES = [
    ("#CC79A7", [6, 2, 1, 2]),
    ("#D55E00", [1, 3]),
    ("#000000", [10, 3, 2, 3]),
    ("#56B4E9", [4, 2]),
    ("#999933", [12, 2]),
]
# What a phone leaves for a chart: 390 px less Streamlit's margins.
NARROW_WIDTH = 350
RING_INK = "#555555"
KEY_COLOUR = "#444444"  # the lines under a chart that explain its marks


@dataclass(frozen=True)
class RadarLayout:
    """The radar's size in pixels, and the outcome names' type and wrapping. The web is as large as
    the names around it leave room for (see :func:`_outcome_labels`)."""

    size: int
    label_chars: int
    font_size: int


# A projector or a laptop; a phone (smaller type, names wrapped narrower, a smaller web).
RADAR_WIDE = RadarLayout(480, 17, 12)
RADAR_NARROW = RadarLayout(NARROW_WIDTH, 13, 11)
LABEL_GAP = 8  # pixels between the outer ring and an outcome's name
OUTER_RING = 4  # the radius of phase 4, in phases


def _fixed_size(chart: alt.LayerChart) -> alt.LayerChart:
    """``chart`` drawn at its own width and height, its legend and key added outside them (a host
    that fits a chart to its height squeezes the drawing instead, and a legend lands on it), with
    no frame."""
    return chart.properties(autosize=alt.AutoSizeParams(type="pad")).configure_view(strokeWidth=0)


def _polar(radius: float, index: float, count: int) -> tuple[float, float]:
    """x, y of a point on spoke ``index`` of ``count`` (between two spokes when it is not whole):
    12 o'clock first, then clockwise."""
    angle = math.pi / 2 - 2 * math.pi * index / count
    return radius * math.cos(angle), radius * math.sin(angle)


def _series_scale(names: list[str]) -> tuple[alt.Scale, alt.Scale]:
    colours, dashes = [], []
    extras = iter(EXTRA_STYLES * len(names))
    for name in names:
        colour, dash = SERIES_STYLES.get(name) or next(extras)
        colours.append(colour)
        dashes.append(dash)
    return alt.Scale(domain=names, range=colours), alt.Scale(domain=names, range=dashes)


@dataclass(frozen=True)
class Extent:
    """How far the radar's axes reach from the centre, in phases, and its pixels per phase."""

    x: float
    y: float
    scale: float

    @property
    def height(self) -> int:
        """The chart's height in pixels."""
        return math.ceil(2 * self.y * self.scale)


def _xy(extent: Extent) -> dict:
    """The x and y encodings of a radar layer: phases from the centre, no axes, as many pixels per
    phase across as down (round rings)."""
    return {
        "x": alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-extent.x, extent.x], nice=False)),
        "y": alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-extent.y, extent.y], nice=False)),
    }


def radar_chart(framework: Framework, values: pd.DataFrame, narrow: bool = False) -> alt.LayerChart:
    """A radar of the outcomes: one closed line per series, rings for the four phases.

    ``values`` has columns ``series``, ``outcome_id`` and ``value`` (an average phase from 1 to 4,
    NaN when the outcome has no rated subdomain). Unrated outcomes get no point and are labelled
    "unrated" on their spoke rather than drawn as zero. The rings carry their phase numbers in the
    gap between two spokes, clear of the lines, and a key under the chart names the phases.
    ``narrow`` draws it for a phone: ``NARROW_WIDTH`` wide.
    """
    layout = RADAR_NARROW if narrow else RADAR_WIDE
    count = len(framework.outcomes)
    labels, extent = _outcome_labels(framework, values, layout)
    layers = [
        _rings(framework, count, extent),
        _spokes(count, extent),
        _series_lines(framework, values, layout, extent),
        _ring_numbers(framework, count, layout, extent),
        labels,
    ]
    key = "Rings, from the centre: " + ", ".join(phase.label for phase in framework.phases)
    return _fixed_size(
        alt.LayerChart(layer=layers).properties(
            width=layout.size,
            height=extent.height,
            title=alt.Title(
                wrap_lines(
                    key,
                    layout.size,
                    layout.font_size,
                    whole=[phase.label for phase in framework.phases],
                ),
                orient="bottom",
                anchor="start",
                fontSize=layout.font_size,
                fontWeight="normal",
                color=KEY_COLOUR,
            ),
        )
    )


def _series_lines(
    framework: Framework, values: pd.DataFrame, layout: RadarLayout, extent: Extent
) -> alt.Chart:
    """One closed line per series, told apart by colour and dash, with a legend under the web."""
    names = list(dict.fromkeys(values["series"]))
    colour, dash = _series_scale(names)
    points = _radar_points(values, [o.id for o in framework.outcomes], framework)
    legend = alt.Legend(
        title=None,
        orient="bottom",
        labelFontSize=layout.font_size + 2,
        symbolType="stroke",
        symbolStrokeWidth=3,
        symbolSize=500,
        labelLimit=layout.size,
        # short names side by side; long ones (assessments) one per line, never cut
        columns=len(names) if max(map(len, names), default=0) <= 12 else 1,
    )
    return (
        alt.Chart(points)
        .mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=3)
        .encode(
            **_xy(extent),
            order="order:O",
            color=alt.Color("series:N", scale=colour, legend=legend),
            strokeDash=alt.StrokeDash("series:N", scale=dash, legend=None),
            tooltip=[
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("value:Q", title="Average phase", format=".2f"),
            ],
        )
    )


def _radar_points(
    values: pd.DataFrame, outcome_ids: list[str], framework: Framework
) -> pd.DataFrame:
    rows = []
    for series, group in values.groupby("series", sort=False):
        by_outcome = dict(zip(group["outcome_id"], group["value"]))
        rated = [(i, oid) for i, oid in enumerate(outcome_ids) if pd.notna(by_outcome.get(oid))]
        for order, (i, oid) in enumerate(rated + rated[:1]):  # repeat the first to close it
            x, y = _polar(by_outcome[oid], i, len(outcome_ids))
            rows.append(
                {
                    "series": series,
                    "outcome": framework.outcome(oid).label,
                    "value": by_outcome[oid],
                    "x": x,
                    "y": y,
                    "order": order,
                }
            )
    return pd.DataFrame(rows, columns=["series", "outcome", "value", "x", "y", "order"])


def _rings(framework: Framework, count: int, extent: Extent) -> alt.Chart:
    rows = []
    for phase in framework.phases:
        for i in range(count + 1):
            x, y = _polar(phase.number, i % count, count)
            rows.append({"ring": phase.number, "x": x, "y": y, "order": i})
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(color="#9a9a9a", strokeWidth=1)
        .encode(**_xy(extent), detail="ring:N", order="order:O")
    )


def _ring_numbers(
    framework: Framework, count: int, layout: RadarLayout, extent: Extent
) -> alt.LayerChart:
    """Each ring's phase number just inside it, in the gap between the two spokes at (odd
    counts) or next to 6 o'clock, on a white disc: a line passing under a number hides it for a
    few pixels only, and the number stays readable."""
    middle = count // 2 + 0.5
    rows = []
    for phase in framework.phases:
        # the ring is a polygon: between two spokes it runs nearer the centre than at a spoke
        x, y = _polar(phase.number * math.cos(math.pi / count) - 0.28, middle, count)
        rows.append({"x": x, "y": y, "label": str(phase.number)})
    data = pd.DataFrame(rows)
    disc = (
        alt.Chart(data)
        .mark_circle(color="white", opacity=0.9, size=layout.font_size * 22)
        .encode(**_xy(extent))
    )
    numbers = (
        alt.Chart(data)
        .mark_text(fontSize=layout.font_size, fontWeight="bold", color=RING_INK)
        .encode(**_xy(extent), text="label:N")
    )
    return alt.LayerChart(layer=[disc, numbers])


def _spokes(count: int, extent: Extent) -> alt.Chart:
    rows = []
    for i in range(count):
        x, y = _polar(OUTER_RING, i, count)
        rows += [
            {"spoke": i, "x": 0.0, "y": 0.0, "order": 0},
            {"spoke": i, "x": x, "y": y, "order": 1},
        ]
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(color="#c8c8c8", strokeWidth=1)
        .encode(**_xy(extent), detail="spoke:N", order="order:O")
    )


def _outcome_labels(
    framework: Framework, values: pd.DataFrame, layout: RadarLayout
) -> tuple[alt.Chart, Extent]:
    """Outcome names just outside the outer ring, each pushed outwards by its own size so that it
    never covers the web; "(unrated)" where the first (main) series has no value. Returns them
    and the axes' extent (in phases) that makes the web as large as the names leave room for."""
    names = _outcome_names(framework, values, layout)
    count, half = len(names), layout.size / 2
    boxes = [
        (
            *_polar(1, i, count),
            max(map(len, lines)) * layout.font_size * 0.6,
            len(lines) * (layout.font_size + 2),
        )
        for i, lines in enumerate(names)
    ]
    # pixels per phase: the most at which every name still fits inside the chart
    scale = min(
        (half - size / 2 * (1 + abs(toward)) - abs(toward) * LABEL_GAP) / (abs(toward) * OUTER_RING)
        for cos, sin, width, height in boxes
        for toward, size in ((cos, width), (sin, height))
        if abs(toward) > 1e-6
    )
    rows: list[dict[str, Any]]  # a frame's rows: numbers and text
    rows = [
        {
            "x": cos * (OUTER_RING * scale + LABEL_GAP + width / 2) / scale,
            "y": (sin * (OUTER_RING * scale + LABEL_GAP + height / 2) + height / 2) / scale,
            "label": "\n".join(lines),
        }
        for (cos, sin, width, height), lines in zip(boxes, names)
    ]
    # no taller than the names: a square would leave a band of white above and below
    tall = (
        max(
            max(abs(row["y"]), abs(row["y"] - height / scale))
            for row, (_, _, _, height) in zip(rows, boxes)
        )
        + 0.1
    )
    extent = Extent(half / scale, tall, scale)
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_text(
            fontSize=layout.font_size,
            lineBreak="\n",
            lineHeight=layout.font_size + 2,
            baseline="top",
            fontWeight="bold",
            color="#222222",
        )
        .encode(**_xy(extent), text="label:N")
    )
    return chart, extent


def _outcome_names(
    framework: Framework, values: pd.DataFrame, layout: RadarLayout
) -> list[list[str]]:
    """Each outcome's name in lines, "(unrated)" added where the first series has no value."""
    first = values[values["series"] == values["series"].iloc[0]] if len(values) else values
    rated = {oid for oid, v in zip(first["outcome_id"], first["value"]) if pd.notna(v)}
    return [
        textwrap.wrap(outcome.label, layout.label_chars, break_long_words=False)
        + ([] if outcome.id in rated else ["(unrated)"])
        for outcome in framework.outcomes
    ]


# ColorBrewer "Blues", one step per phase: darker as the system matures, so it reads in greyscale.
PHASE_FILLS = ("#deebf7", "#9ecae1", "#2171b5", "#08306b")
DARK_PHASES = (3, 4)  # their text is white
# Answers that are not a phase: (fill, border, border width, text colour); pale and outlined.
STATUS_STYLES = {
    STATUS_LABELS[DONT_KNOW]: ("#ffffff", "#252525", 3, "#252525"),
    STATUS_LABELS[NOT_APPLICABLE]: ("#f0f0f0", "#737373", 2, "#525252"),
    NOT_ANSWERED: ("#ffffff", "#d9d9d9", 1, "#969696"),
}
NO_ANSWER_TEXT = "—"
LOW_CONFIDENCE_MARK = "(low conf.)"
# Compact cells (many columns, or a phone): the phase number and short words; the key under the
# grid spells out those that appear.
COMPACT_WORDS = {STATUS_LABELS[DONT_KNOW]: "DK", STATUS_LABELS[NOT_APPLICABLE]: "N/A"}
COMPACT_LOW_CONFIDENCE = "(low)"
COMPACT_CELL_WIDTH = 105
HEATMAP_CELL_WIDTH = 180
HEATMAP_NAME_WIDTH = 290
NARROW_MIN_CELL = 44  # "N/A", "DK", "4 †" still fit
HEATMAP_FONT_SIZE = 13
HEADER_FONT_SIZE = 14
NBSP = "\u00a0"  # textwrap does not break lines there


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


def wrap_lines(
    text: str,
    width: int,
    font_size: int = HEATMAP_FONT_SIZE,
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


def heatmap_chart(
    framework: Framework,
    cells: pd.DataFrame,
    columns: list[str],
    compact: bool = False,
    narrow: bool = False,
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
    """
    compact = compact or narrow
    layout = heatmap_layout(len(columns), compact, narrow)
    headers, top = _column_headers(columns, layout)
    labels, grid = _grid_rows(
        framework, _cell_texts(framework, cells, columns, compact), columns, layout, top
    )
    height = max(grid["y2"], default=top)
    return _fixed_size(
        alt.LayerChart(
            layer=[
                _cell_rects(framework, layout),
                _cell_words_layer(),
                _text_layer(headers, bold=True, align="center"),
                _text_layer([row for row in labels if row["bold"]], bold=True),
                _text_layer([row for row in labels if not row["bold"]], bold=False),
            ],
            data=grid,
        ).properties(width=layout.width, height=height, title=_heatmap_key(grid, compact, layout))
    )


def _cell_texts(
    framework: Framework, cells: pd.DataFrame, columns: list[str], compact: bool
) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(subdomain id, column) -> the cell's legend key, text and text colour."""
    given = {(row.subdomain_id, row.column): row for row in cells.itertuples(index=False)}
    return {
        (sub.id, column): _cell_words(framework, given.get((sub.id, column)), compact)
        for sub in framework.subdomains
        for column in columns
    }


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
    framework: Framework, texts: dict, columns: list[str], layout: HeatmapLayout, top: int
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
                columns,
                layout,
                y,
                labels,
                cells,
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
) -> float:
    """Adds one subdomain's name to ``labels`` and its cells to ``cells``; returns the next y."""
    name = wrap_lines(sub.label, layout.name_width)
    wrapped = [_cell_lines(text, layout.cell_width - 10) for _, text, _ in words]
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
CELL_TOOLTIP = [
    alt.Tooltip("subdomain:N", title="Subdomain"),
    alt.Tooltip("column:N", title="Column"),
    alt.Tooltip("text:N", title="Answer"),
]


def _cell_rects(framework: Framework, layout: HeatmapLayout) -> alt.Chart:
    """The cells' fills and borders; one legend of every answer (the phases, then the others)."""
    keys = [phase.label for phase in framework.phases] + list(STATUS_STYLES)
    styles = [(fill, fill, 0) for fill in PHASE_FILLS] + [
        style[:3] for style in STATUS_STYLES.values()
    ]
    fill, stroke, width = (
        alt.Scale(type="ordinal", domain=keys, range=[style[i] for style in styles])
        for i in range(3)
    )
    # Below the grid, in rows: beside it, the legend would push a wide grid off the page.
    legend = alt.Legend(
        title="Answer",
        orient="bottom",
        direction="horizontal",
        columns=layout.legend_columns,
        labelFontSize=HEATMAP_FONT_SIZE,
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
            tooltip=CELL_TOOLTIP,
        )
    )


def _cell_words_layer() -> alt.Chart:
    """Each cell's answer in words, in the middle of it, in a colour that reads on its fill."""
    return (
        alt.Chart()
        .mark_text(fontSize=HEATMAP_FONT_SIZE, baseline="top", lineBreak="\n", lineHeight=16)
        .encode(
            x=alt.X("text_x:Q", **PIXELS),
            y=alt.Y("text_y:Q", **PIXELS),
            text="lines:N",
            color=alt.Color("ink:N", scale=None),
            tooltip=CELL_TOOLTIP,
        )
    )


def _cell_lines(text: str, width: int) -> list[str]:
    """A cell's text in lines of about ``width`` px; "(low conf.)" kept whole, on the next line
    when the text does not fit on one."""
    return wrap_lines(text, width, whole=[LOW_CONFIDENCE_MARK])


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
            fontSize=HEADER_FONT_SIZE if bold else HEATMAP_FONT_SIZE,
            fontWeight="bold" if bold else "normal",
            color="#222222",
        )
        .encode(x=alt.X("x:Q", **PIXELS), y=alt.Y("y:Q", **PIXELS), text="label:N")
    )


def _heatmap_key(grid: pd.DataFrame, compact: bool, layout: HeatmapLayout) -> alt.Title | str:
    """The lines under the grid that explain the marks (and, compact, the short words) of its
    cells: only those that appear; none, no key."""
    low = COMPACT_LOW_CONFIDENCE if compact else LOW_CONFIDENCE_MARK
    marks = {DRAFTED_MARK: "criterion text drafted, not UNICEF's", low: "rated with low confidence"}
    used = [
        f"{mark} {meaning}"
        for mark, meaning in marks.items()
        if grid["text"].str.contains(mark, regex=False).any()
    ]
    if compact:
        keys = set(grid["key"])
        shorts = [("1 to 4", "the phase", bool(keys - set(STATUS_STYLES)))] + [
            (COMPACT_WORDS.get(key, NO_ANSWER_TEXT), key.lower(), key in keys)
            for key in STATUS_STYLES
        ]
        used += [f"{short}: {meaning}" for short, meaning, shown in shorts if shown]
    if not used:
        return ""
    return alt.Title(
        wrap_lines(" · ".join(used), layout.width),
        orient="bottom",
        anchor="start",
        fontSize=HEATMAP_FONT_SIZE,
        fontWeight="normal",
        color=KEY_COLOUR,
    )


def _cell_words(framework: Framework, row, compact: bool) -> tuple[str, str, str]:
    """The legend key, the text and the text colour of one cell (``row`` None: not answered)."""
    choice = None if row is None or pd.isna(row.choice) else row.choice
    if choice is None or choice in STATUS_LABELS:
        key = NOT_ANSWERED if choice is None else STATUS_LABELS[choice]
        text, ink = NO_ANSWER_TEXT if choice is None else key, STATUS_STYLES[key][3]
        text = COMPACT_WORDS.get(text, text) if compact else text
    else:
        phase = framework.phases[int(choice) - 1]
        key, text = phase.label, str(phase.number) if compact else phase.label
        ink = "#ffffff" if phase.number in DARK_PHASES else "#111111"
    low = COMPACT_LOW_CONFIDENCE if compact else LOW_CONFIDENCE_MARK
    marks = [
        mark
        for mark, flag in ((DRAFTED_MARK, "drafted"), (low, "low_confidence"))
        if row is not None and _flag(getattr(row, flag))
    ]
    return key, " ".join([text, *marks]), ink


def _flag(value) -> bool:
    """A boolean cell that may be missing (None or NaN): missing reads as False."""
    return not pd.isna(value) and bool(value)
