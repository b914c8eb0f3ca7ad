"""Charts as ``alt.Chart`` objects, drawn for a projector, for print and for greyscale.

Every series is told apart by line style and a legend as well as by colour (a colour-blind-safe
palette), and values are labelled, so that no chart relies on colour alone.
"""

from __future__ import annotations

import math
import textwrap

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
EXTRA_STYLES = [("#CC79A7", [6, 2, 1, 2]), ("#D55E00", [1, 3]), ("#000000", [10, 3, 2, 3]),
                ("#56B4E9", [4, 2]), ("#999933", [12, 2])]
RADAR_SIZE = 520
LABEL_RADIUS = 5.3
AXIS_EXTENT = 6.6


def _polar(radius: float, index: int, count: int) -> tuple[float, float]:
    """x, y of a point on spoke ``index`` of ``count``: 12 o'clock first, then clockwise."""
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


def radar_chart(framework: Framework, values: pd.DataFrame) -> alt.LayerChart:
    """A radar of the outcomes: one closed line per series, rings for the four phases.

    ``values`` has columns ``series``, ``outcome_id`` and ``value`` (an average phase from 1 to 4,
    NaN when the outcome has no rated subdomain). Unrated outcomes get no point and are labelled
    "unrated" on their spoke rather than drawn as zero.
    """
    outcome_ids = [o.id for o in framework.outcomes]
    count = len(outcome_ids)
    names = list(dict.fromkeys(values["series"]))
    colour, dash = _series_scale(names)
    points = _radar_points(values, outcome_ids, framework)
    domain = alt.Scale(domain=[-AXIS_EXTENT, AXIS_EXTENT], nice=False)
    no_axis = {"axis": None, "scale": domain}
    lines = alt.Chart(points).mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=3).encode(
        x=alt.X("x:Q", **no_axis), y=alt.Y("y:Q", **no_axis), order="order:O",
        color=alt.Color("series:N", scale=colour, legend=alt.Legend(
            title=None, orient="bottom", labelFontSize=14, symbolType="stroke",
            symbolStrokeWidth=3, symbolSize=500, labelLimit=RADAR_SIZE,
            # short names side by side; long ones (assessments) one per line, never cut
            columns=len(names) if max(map(len, names), default=0) <= 12 else 1)),
        strokeDash=alt.StrokeDash("series:N", scale=dash, legend=None),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("outcome:N", title="Outcome"),
                 alt.Tooltip("value:Q", title="Average phase", format=".2f")],
    )
    layers = [_rings(framework, count, domain), _spokes(count, domain), lines,
              _outcome_labels(framework, values, domain)]
    return alt.layer(*layers).properties(width=RADAR_SIZE, height=RADAR_SIZE).configure_view(
        strokeWidth=0)


def _radar_points(values: pd.DataFrame, outcome_ids: list[str], framework: Framework) -> pd.DataFrame:
    rows = []
    for series, group in values.groupby("series", sort=False):
        by_outcome = dict(zip(group["outcome_id"], group["value"]))
        rated = [(i, oid) for i, oid in enumerate(outcome_ids) if pd.notna(by_outcome.get(oid))]
        for order, (i, oid) in enumerate(rated + rated[:1]):  # repeat the first to close it
            x, y = _polar(by_outcome[oid], i, len(outcome_ids))
            rows.append({"series": series, "outcome": framework.outcome(oid).label,
                         "value": by_outcome[oid], "x": x, "y": y, "order": order})
    return pd.DataFrame(rows, columns=["series", "outcome", "value", "x", "y", "order"])


def _rings(framework: Framework, count: int, domain: alt.Scale) -> alt.LayerChart:
    ring_rows, label_rows = [], []
    for phase in framework.phases:
        for i in range(count + 1):
            x, y = _polar(phase.number, i % count, count)
            ring_rows.append({"ring": phase.number, "x": x, "y": y, "order": i})
        # Under each ring at 6 o'clock, where no spoke or outcome label stands.
        label_rows.append({"x": 0.0, "y": -phase.number * math.cos(math.pi / count) - 0.05,
                           "label": phase.label})
    rings = alt.Chart(pd.DataFrame(ring_rows)).mark_line(color="#9a9a9a", strokeWidth=1).encode(
        x=alt.X("x:Q", axis=None, scale=domain), y=alt.Y("y:Q", axis=None, scale=domain),
        detail="ring:N", order="order:O")
    labels = alt.Chart(pd.DataFrame(label_rows)).mark_text(
        align="center", baseline="top", fontSize=12, color="#444444").encode(
        x=alt.X("x:Q", axis=None, scale=domain), y=alt.Y("y:Q", axis=None, scale=domain),
        text="label:N")
    return alt.layer(rings, labels)


def _spokes(count: int, domain: alt.Scale) -> alt.Chart:
    rows = []
    for i in range(count):
        x, y = _polar(4, i, count)
        rows += [{"spoke": i, "x": 0.0, "y": 0.0, "order": 0},
                 {"spoke": i, "x": x, "y": y, "order": 1}]
    return alt.Chart(pd.DataFrame(rows)).mark_line(color="#c8c8c8", strokeWidth=1).encode(
        x=alt.X("x:Q", axis=None, scale=domain), y=alt.Y("y:Q", axis=None, scale=domain),
        detail="spoke:N", order="order:O")


def _outcome_labels(framework: Framework, values: pd.DataFrame, domain: alt.Scale) -> alt.Chart:
    """Outcome names outside the outer ring; "(unrated)" where the first (main) series has no value."""
    first = values[values["series"] == values["series"].iloc[0]] if len(values) else values
    rated = {oid for oid, v in zip(first["outcome_id"], first["value"]) if pd.notna(v)}
    rows = []
    for i, outcome in enumerate(framework.outcomes):
        x, y = _polar(LABEL_RADIUS, i, len(framework.outcomes))
        text = textwrap.wrap(outcome.label, 24)
        if outcome.id not in rated:
            text.append("(unrated)")
        rows.append({"x": x, "y": y, "label": "\n".join(text)})
    return alt.Chart(pd.DataFrame(rows)).mark_text(
        fontSize=12, lineBreak="\n", fontWeight="bold", color="#222222").encode(
        x=alt.X("x:Q", axis=None, scale=domain), y=alt.Y("y:Q", axis=None, scale=domain),
        text="label:N")


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
# Compact cells (many columns): the phase number and short words; the legend spells them out.
COMPACT_WORDS = {STATUS_LABELS[DONT_KNOW]: "DK", STATUS_LABELS[NOT_APPLICABLE]: "N/A"}
COMPACT_LOW_CONFIDENCE = "(low)"
COMPACT_CELL_WIDTH = 105
HEATMAP_CELL_WIDTH = 205
HEATMAP_ROW_STEP = 34
HEATMAP_LABEL_CHARS = 48
HEATMAP_FONT_SIZE = 13


def heatmap_chart(framework: Framework, cells: pd.DataFrame, columns: list[str],
                  compact: bool = False) -> alt.FacetChart:
    """A grid of answers: one row per subdomain, grouped by outcome, one column per ``columns``.

    ``cells`` has columns ``subdomain_id``, ``column``, ``choice`` (a phase 1 to 4, ``DONT_KNOW``,
    ``NOT_APPLICABLE`` or None), ``low_confidence`` and ``drafted``. Rows and columns keep the
    framework's order and the given order; a cell missing from ``cells`` reads as not answered.
    Each cell names its phase or status in words, so colour is never the only cue; drafted
    criteria carry ``DRAFTED_MARK`` and low-confidence answers ``LOW_CONFIDENCE_MARK``.
    ``compact`` cells, for many columns, are narrower and write the phase number, "DK" and "N/A"
    (the legend gives the words) and ``COMPACT_LOW_CONFIDENCE``; their column names are slanted.
    """
    data = _heatmap_cells(framework, cells, columns, compact)
    cell_width = COMPACT_CELL_WIDTH if compact else HEATMAP_CELL_WIDTH
    keys = [phase.label for phase in framework.phases] + list(STATUS_STYLES)
    styles = [(fill, fill, 0, None) for fill in PHASE_FILLS] + list(STATUS_STYLES.values())
    fill, stroke, width = (alt.Scale(type="ordinal", domain=keys, range=[style[i] for style in styles])
                           for i in range(3))
    x = alt.X("column:N", sort=list(columns), title=None, scale=alt.Scale(paddingInner=0.06),
              axis=alt.Axis(orient="top", labelFontSize=14 if not compact else 12,
                            labelFontWeight="bold", labelAngle=-35 if compact else 0,
                            labelAlign="left" if compact else "center", domain=False, ticks=False,
                            labelLimit=260 if compact else cell_width,
                            # the outcome header sits between these labels and the cells
                            labelPadding=12 if compact else 30,
                            # wide cells: "Place · date" on two lines rather than cut short
                            **({} if compact else {"labelExpr": "split(datum.label, ' · ')",
                                                   "labelBaseline": "bottom"})))
    y = alt.Y("row:N", sort=[_row_label(s) for s in framework.subdomains], title=None,
              scale=alt.Scale(paddingInner=0.1),
              axis=alt.Axis(labelFontSize=HEATMAP_FONT_SIZE, labelLimit=0, domain=False, ticks=False))
    tooltip = [alt.Tooltip("subdomain:N", title="Subdomain"), alt.Tooltip("column:N", title="Column"),
               alt.Tooltip("text:N", title="Answer")]
    # Below the grid, in rows: beside it, the legend would push a wide grid off the page.
    legend = alt.Legend(title="Answer", orient="bottom", direction="horizontal", columns=4,
                        labelFontSize=HEATMAP_FONT_SIZE, labelLimit=220,
                        titleFontSize=14, symbolType="square", symbolSize=400, symbolStrokeWidth=2)
    rects = alt.Chart().mark_rect().encode(
        x=x, y=y, fill=alt.Fill("key:N", scale=fill, legend=legend),
        stroke=alt.Stroke("key:N", scale=stroke, legend=legend),
        strokeWidth=alt.StrokeWidth("key:N", scale=width, legend=legend), tooltip=tooltip)
    texts = alt.Chart().mark_text(fontSize=HEATMAP_FONT_SIZE).encode(
        x=x, y=y, text="text:N", color=alt.Color("ink:N", scale=None), tooltip=tooltip)
    outcome_header = alt.Header(title=None, labelOrient="top", labelAnchor="start", labelAngle=0,
                                labelAlign="left", labelFontSize=14, labelFontWeight="bold",
                                labelColor="#222222", labelBaseline="top", labelPadding=2)
    return alt.layer(rects, texts, data=data).properties(
        width=cell_width * len(columns), height=alt.Step(HEATMAP_ROW_STEP),
    ).facet(
        row=alt.Row("outcome:N", sort=[o.label for o in framework.outcomes], header=outcome_header),
        spacing=16,
    ).resolve_scale(y="independent").properties(title=alt.Title(
        _heatmap_key(compact), orient="bottom", anchor="start", fontSize=HEATMAP_FONT_SIZE,
        fontWeight="normal", color="#444444")).configure_view(strokeWidth=0)


def _heatmap_key(compact: bool) -> str:
    """The line under the heatmap that explains its marks (and, compact, its short words)."""
    low = COMPACT_LOW_CONFIDENCE if compact else LOW_CONFIDENCE_MARK
    key = f"{DRAFTED_MARK} criterion text drafted, not UNICEF's · {low} rated with low confidence"
    if compact:
        key += " · 1 to 4: the phase · DK: don't know · N/A: not applicable · —: not answered"
    return key


def _row_label(subdomain: Subdomain) -> str:
    """``"1.1 Understanding and articulation of national…"``: the id and the title's first words."""
    return textwrap.shorten(subdomain.label, HEATMAP_LABEL_CHARS, placeholder="…")


def _heatmap_cells(framework: Framework, cells: pd.DataFrame, columns: list[str],
                   compact: bool) -> pd.DataFrame:
    given = {(row.subdomain_id, row.column): row for row in cells.itertuples(index=False)}
    rows = []
    for outcome in framework.outcomes:
        for sub in outcome.subdomains:
            for column in columns:
                row = given.get((sub.id, column))
                key, text, ink = _cell_words(framework, row, compact)
                rows.append({"outcome": outcome.label, "row": _row_label(sub), "subdomain": sub.label,
                             "column": column, "key": key, "text": text, "ink": ink})
    return pd.DataFrame(rows)


def _cell_words(framework: Framework, row, compact: bool) -> tuple[str, str, str]:
    """The legend key, the text and the text colour of one cell (``row`` None: not answered)."""
    choice = None if row is None or pd.isna(row.choice) else row.choice
    if choice is None or choice in STATUS_LABELS:
        key = STATUS_LABELS.get(choice, NOT_ANSWERED)
        text, ink = NO_ANSWER_TEXT if choice is None else key, STATUS_STYLES[key][3]
        text = COMPACT_WORDS.get(text, text) if compact else text
    else:
        phase = framework.phases[int(choice) - 1]
        key, text = phase.label, str(phase.number) if compact else phase.label
        ink = "#ffffff" if phase.number in DARK_PHASES else "#111111"
    low = COMPACT_LOW_CONFIDENCE if compact else LOW_CONFIDENCE_MARK
    marks = [mark for mark, flag in ((DRAFTED_MARK, "drafted"), (low, "low_confidence"))
             if row is not None and _flag(getattr(row, flag))]
    return key, " ".join([text, *marks]), ink


def _flag(value) -> bool:
    """A boolean cell that may be missing (None or NaN): missing reads as False."""
    return not pd.isna(value) and bool(value)
