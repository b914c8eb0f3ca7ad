"""Charts as ``alt.Chart`` objects, drawn for a projector, for print and for greyscale.

Every series is told apart by line style and a legend as well as by colour (a colour-blind-safe
palette), and values are labelled, so that no chart relies on colour alone.
"""

from __future__ import annotations

import math
import textwrap

import altair as alt
import pandas as pd

from cpss.framework import Framework

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
SERIES_STYLES = {
    "Current": ("#0072B2", []),
    "Target": ("#E69F00", [8, 4]),
    "Previous": ("#009E73", [2, 3]),
}
EXTRA_COLOURS = ["#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
RADAR_SIZE = 520
LABEL_RADIUS = 5.3
AXIS_EXTENT = 6.6


def _polar(radius: float, index: int, count: int) -> tuple[float, float]:
    """x, y of a point on spoke ``index`` of ``count``: 12 o'clock first, then clockwise."""
    angle = math.pi / 2 - 2 * math.pi * index / count
    return radius * math.cos(angle), radius * math.sin(angle)


def _series_scale(names: list[str]) -> tuple[alt.Scale, alt.Scale]:
    colours, dashes = [], []
    for i, name in enumerate(names):
        colour, dash = SERIES_STYLES.get(name, (EXTRA_COLOURS[i % len(EXTRA_COLOURS)], [6, 2, 1, 2]))
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
            symbolStrokeWidth=3, symbolSize=500)),
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
        align="center", baseline="top", fontSize=11, color="#555555").encode(
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
    first = values[values["series"] == values["series"].iloc[0]] if len(values) else values
    rated = {oid for oid, v in zip(first["outcome_id"], first["value"]) if pd.notna(v)}
    rows = []
    for i, outcome in enumerate(framework.outcomes):
        x, y = _polar(LABEL_RADIUS, i, len(framework.outcomes))
        text = textwrap.wrap(outcome.label, 24)
        if outcome.id not in rated:
            text.append("(unrated)")
        rows.append({"x": x, "y": y, "label": "\n".join(text), "rated": outcome.id in rated})
    return alt.Chart(pd.DataFrame(rows)).mark_text(
        fontSize=12, lineBreak="\n", fontWeight="bold", color="#222222").encode(
        x=alt.X("x:Q", axis=None, scale=domain), y=alt.Y("y:Q", axis=None, scale=domain),
        text="label:N")
