"""Charts as PNG pictures for print, rendered offline by vl-convert (nothing is fetched)."""

from __future__ import annotations

import altair as alt
import vl_convert

PRINT_SCALE = 2  # twice the screen size: sharp on paper, still small files


def chart_png(chart: alt.TopLevelMixin) -> bytes:
    """The chart as a PNG at print resolution."""
    return vl_convert.vegalite_to_png(chart.to_dict(), scale=PRINT_SCALE)
