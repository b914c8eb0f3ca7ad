"""The radar of the outcomes as an ``alt.LayerChart``: one closed line per series (current, target,
previous, or several assessments), rings for the four phases, the outcomes' names around it.

Every series is told apart by line style and a legend as well as by colour (a colour-blind-safe
palette), so that the chart does not rely on colour alone.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from cpss.i18n import ENGLISH, Text
from cpss.model.framework import TOP_PHASE, Framework
from cpss.present.chart_data import CURRENT, PREVIOUS, SERIES_NAMES, TARGET, series_name
from cpss.present.charts import KEY_COLOUR, NARROW_WIDTH, fixed_size, wrap_lines

# One style per line, colour and dash: Okabe-Ito colours, which stay apart with the common
# colour-vision deficiencies, each at least 3:1 on white (WCAG 1.4.11; Okabe-Ito's orange, yellow
# and sky blue are too faint, so purple stands in), and each its own dash, so that lines stay
# apart in greyscale too. Six: as many as the overlay radar draws (tests/test_chart_colours.py).
LINE_STYLES = [
    ("#0072B2", []),
    ("#D55E00", [8, 4]),
    ("#009E73", [2, 3]),
    ("#CC79A7", [6, 2, 1, 2]),
    ("#000000", [10, 3, 2, 3]),
    ("#7F3C8D", [1, 3]),
]
# The dashboard's lines; an overlay of assessments takes the styles in order.
SERIES_STYLES = dict(zip((CURRENT, TARGET, PREVIOUS), LINE_STYLES))
RING_INK = "#555555"


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
OUTER_RING = TOP_PHASE  # the radius of the top phase, in phases (four, by the data contract)


def _polar(radius: float, index: float, count: int) -> tuple[float, float]:
    """x, y of a point on spoke ``index`` of ``count`` (between two spokes when it is not whole):
    12 o'clock first, then clockwise."""
    angle = math.pi / 2 - 2 * math.pi * index / count
    return radius * math.cos(angle), radius * math.sin(angle)


def _series_scale(names: list[str], tr: Text = ENGLISH) -> tuple[alt.Scale, alt.Scale]:
    """The colour and the dash scales of the lines ``names``: the dashboard's own styles, or
    ``LINE_STYLES`` in order (again from the first past six). The styles follow the series' keys;
    the scales' domains are the names as shown (in ``tr``'s language)."""
    others = iter(LINE_STYLES * len(names))
    styles = [SERIES_STYLES.get(name) or next(others) for name in names]
    shown = [series_name(name, tr) for name in names]
    return (
        alt.Scale(domain=shown, range=[colour for colour, _ in styles]),
        alt.Scale(domain=shown, range=[dash for _, dash in styles]),
    )


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


def radar_chart(
    framework: Framework, values: pd.DataFrame, narrow: bool = False, *, tr: Text = ENGLISH
) -> alt.LayerChart:
    """A radar of the outcomes: one closed line per series, rings for the four phases.

    ``values`` has columns ``series``, ``outcome_id`` and ``value`` (an average phase from 1 to 4,
    NaN when the outcome has no rated subdomain). Unrated outcomes get no point and are labelled
    "unrated" on their spoke rather than drawn as zero. The rings carry their phase numbers in the
    gap between two spokes, clear of the lines, and a key under the chart names the phases.
    ``narrow`` draws it for a phone: ``NARROW_WIDTH`` wide. Its words (legend, key, tooltips,
    "(unrated)") are in ``tr``'s language; the series in ``values`` stay data keys.
    """
    layout = RADAR_NARROW if narrow else RADAR_WIDE
    count = len(framework.outcomes)
    labels, extent = _outcome_labels(framework, values, layout, tr)
    layers = [
        _rings(framework, count, extent),
        _spokes(count, extent),
        _series_lines(framework, values, layout, extent, tr),
        _ring_numbers(framework, count, layout, extent),
        labels,
    ]
    key = tr(
        "Rings, from the centre: {phases}",
        phases=", ".join(phase.label for phase in framework.phases),
    )
    return fixed_size(
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
    framework: Framework, values: pd.DataFrame, layout: RadarLayout, extent: Extent, tr: Text
) -> alt.Chart:
    """One closed line per series, told apart by colour and dash, with a legend under the web."""
    keys = list(dict.fromkeys(values["series"]))
    colour, dash = _series_scale(keys, tr)
    names = [series_name(name, tr) for name in keys]
    points = _radar_points(values, [o.id for o in framework.outcomes], framework)
    if any(key in SERIES_NAMES for key in keys):  # the dashboard's lines, drawn in its words
        points["series"] = [series_name(name, tr) for name in points["series"]]
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
            # the same legend: Vega-Lite merges the two, so its keys show the dash too
            strokeDash=alt.StrokeDash("series:N", scale=dash, legend=legend),
            tooltip=[
                alt.Tooltip("series:N", title=tr("Series")),
                alt.Tooltip("outcome:N", title=tr("Outcome")),
                alt.Tooltip("value:Q", title=tr("Average phase"), format=".2f"),
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
    framework: Framework, values: pd.DataFrame, layout: RadarLayout, tr: Text
) -> tuple[alt.Chart, Extent]:
    """Outcome names just outside the outer ring, each pushed outwards by its own size so that it
    never covers the web; "(unrated)" where the first (main) series has no value. Returns them
    and the axes' extent (in phases) that makes the web as large as the names leave room for."""
    names = _outcome_names(framework, values, layout, tr)
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
    framework: Framework, values: pd.DataFrame, layout: RadarLayout, tr: Text
) -> list[list[str]]:
    """Each outcome's name in lines, "(unrated)" added where the first series has no value."""
    first = values[values["series"] == values["series"].iloc[0]] if len(values) else values
    rated = {oid for oid, v in zip(first["outcome_id"], first["value"]) if pd.notna(v)}
    return [
        textwrap.wrap(outcome.label, layout.label_chars, break_long_words=False)
        + ([] if outcome.id in rated else [tr("(unrated)")])
        for outcome in framework.outcomes
    ]
