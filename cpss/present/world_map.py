"""The world map as an ``alt.LayerChart``: each country shaded by the phase of its latest final
assessment (:mod:`cpss.present.map_data`), with the phase number written on it ("?" where it is
not rated), so that the map reads in greyscale and for colour-blind readers; a legend with the
phases' names; the country's name and phase in the tooltip.

The shapes are inlined in the spec (no URL: the app contacts nobody). With a region, only that
region's countries are drawn, and the projection fits them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.framework import Framework
from cpss.present.charts import NARROW_WIDTH, fixed_size
from cpss.present.heatmap_cells import DARK_PHASES, PHASE_FILLS
from cpss.present.map_data import NO_ASSESSMENT, NOT_RATED
from cpss.present.map_shapes import FEATURE, countries_topology, label_points

# The same phase fills as the heatmap (tests/test_chart_colours.py); not rated: white with a dark
# outline; no final assessment: a light grey and no label. Land that is not one of ours: paler.
NOT_RATED_FILL, NO_ASSESSMENT_FILL, LAND_FILL = "#ffffff", "#d9d9d9", "#f4f4f4"
BORDER = "#737373"
WIDE_SIZE, NARROW_SIZE = (560, 300), (NARROW_WIDTH, 200)  # wide: beside the units
DISCLAIMER = N_(
    "The boundaries and names shown and the designations used on this map do not imply "
    "official endorsement or acceptance by the United Nations."
)


def legend_colours(framework: Framework, tr: Text = ENGLISH) -> dict[str, str]:
    """Fill by legend entry (the phases' names, then the two states that are no phase)."""
    phases = {phase.label: fill for phase, fill in zip(framework.phases, PHASE_FILLS)}
    return phases | {tr(NOT_RATED): NOT_RATED_FILL, tr(NO_ASSESSMENT): NO_ASSESSMENT_FILL}


def world_map_chart(
    framework: Framework,
    frame: pd.DataFrame,
    whole_world: bool = True,
    narrow: bool = False,
    tr: Text = ENGLISH,
) -> alt.LayerChart:
    """The map of ``frame`` (:func:`cpss.present.map_data.map_frame`); ``whole_world``: the land of
    every shape under it, else only ``frame``'s countries (a region, fitted)."""
    width, height = NARROW_SIZE if narrow else WIDE_SIZE
    colours = legend_colours(framework, tr)
    shapes = alt.InlineData(
        values=countries_topology(), format=alt.DataFormat(type="topojson", feature=FEATURE)
    )
    lookup = alt.LookupData(
        data=frame[["code", "name", "state"]], key="code", fields=["name", "state"]
    )
    countries = (
        alt.Chart(shapes)
        .transform_lookup(lookup="id", from_=lookup)
        .transform_filter("isValid(datum.state)")
        .mark_geoshape(stroke=BORDER, strokeWidth=0.5, aria=False)
        .encode(
            color=alt.Color(
                "state:N",
                scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                legend=alt.Legend(
                    title=tr("Phase"),
                    orient="bottom",
                    columns=1 if narrow else 3,
                    symbolType="square",
                    symbolStrokeColor=BORDER,
                ),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=tr("Country")),
                alt.Tooltip("state:N", title=tr("Phase")),
            ],
        )
    )
    layers = ([_land(shapes)] if whole_world else []) + [countries, _labels(frame, narrow)]
    projection = alt.Projection(type="equalEarth")
    chart = alt.LayerChart(layer=layers, projection=projection)
    return fixed_size(chart.properties(width=width, height=height))


def _land(shapes: alt.InlineData) -> alt.Chart:
    """Every shape, pale: the world under the countries that are drawn."""
    return alt.Chart(shapes).mark_geoshape(
        fill=LAND_FILL, stroke="#bdbdbd", strokeWidth=0.3, aria=False
    )


def _labels(frame: pd.DataFrame, narrow: bool) -> alt.Chart:
    """The phase number (or "?") on each country with a final assessment and a shape."""
    points = label_points()
    labelled = frame[(frame["label"] != "") & frame["code"].isin(list(points))]
    data = pd.DataFrame(
        {
            "longitude": [points[c][0] for c in labelled["code"]],
            "latitude": [points[c][1] for c in labelled["code"]],
            "label": list(labelled["label"]),
            "ink": ["#ffffff" if p in DARK_PHASES else "#111111" for p in labelled["phase"]],
        }
    )
    return (
        alt.Chart(data)
        .mark_text(fontSize=9 if narrow else 11, fontWeight="bold", aria=False)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            text="label:N",
            color=alt.Color("ink:N", scale=None, legend=None),
        )
    )
