"""Every chart a page draws comes with its text alternative (WCAG 1.1.1), on the demo through
``app.py``: a sentence in words under it, the same sentence as the chart's description (its
accessible name), and the figures it draws as a table."""

import json

import pandas as pd
import pytest

from tests.test_dashboard_pages import charts
from ui.charts import CHART_TABLE_LABEL
from ui.widgets import plain

RADAR_HEADERS = ["Intermediate outcome"]
HEATMAP_HEADERS = ["Intermediate outcome", "Subdomain"]


@pytest.fixture
def demo(app):
    """The app with the two demo assessments loaded (2023 baseline, 2026 follow-up)."""
    app.button(key="load_demo").click().run()
    return app


def described(app) -> list[tuple[str, pd.DataFrame]]:
    """Each chart's description, with the chart's data frames, checking on the way that every
    chart has a description and that it is also written on the page as plain text."""
    markdown = [m.value for m in app.markdown]
    found = []
    for spec, frames in charts(app):
        description = spec.get("description", "")
        assert description.endswith("."), spec.get("description")
        assert plain(description) in markdown
        found.append((description, frames))
    return found


def chart_tables(app) -> list[pd.DataFrame]:
    """The tables inside the "Chart as a table" expanders, in page order."""
    labels = [e.label for e in app.expander]
    assert labels.count(CHART_TABLE_LABEL) == len(app.get("vega_lite_chart")) // 2
    return [t.value for t in app.table if list(t.value.columns[:1]) == RADAR_HEADERS]


def radar_points(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The radar's series lines among its chart's data frames."""
    return next(frame for frame in frames if "series" in frame and "value" in frame)


def test_dashboard_charts_have_a_summary_and_a_table(demo):
    demo.switch_page("app_pages/dashboard.py").run()
    (radar_words, radar_frames), _, (heatmap_words, _), _, *money = described(demo)
    # the compact investment section's charts (the demo's money, USD and XOF) have theirs too
    assert money and all(words.startswith("In all, ") for words, _ in money)
    assert radar_words.startswith("Current: the highest average phase is ")
    assert "below their target" in radar_words and "since the previous assessment" in radar_words
    assert heatmap_words.startswith("Current: most subdomains are at 2 · System Enhancement (10 of")
    assert "not rated: 1 don't know, 1 not applicable, 1 not answered" in heatmap_words
    radar_table, heatmap_table = chart_tables(demo)[:2]
    assert list(radar_table.columns) == [*RADAR_HEADERS, "Current", "Target", "Previous"]
    assert list(heatmap_table.columns) == [*HEATMAP_HEADERS, "Current", "Target", "Previous"]
    assert len(heatmap_table) == 19
    # The table's figures are the chart's: each drawn point's value, as the tooltip rounds it.
    points = radar_points(radar_frames)
    for row in points.itertuples():
        table_row = radar_table[radar_table["Intermediate outcome"] == plain(row.outcome)]
        assert table_row[row.series].item() == plain(f"{row.value:.2f}")


def test_compare_charts_have_a_summary_and_a_table(demo):
    demo.switch_page("app_pages/compare.py").run()
    (radar_words, _), _, (heatmap_words, _), _ = described(demo)
    assert "is highest on average" in radar_words
    assert "most common phase elsewhere: " in heatmap_words
    radar_table, heatmap_table = chart_tables(demo)
    columns = [
        "Demoland (fictional country) · 2026-03-10",
        "Demoland (fictional country) · 2023-05-16",
    ]
    assert list(radar_table.columns) == RADAR_HEADERS + [plain(c) for c in columns]
    assert list(heatmap_table.columns) == HEATMAP_HEADERS + [plain(c) for c in columns]


def test_a_chart_description_is_the_spec_description_not_only_page_text(demo):
    demo.switch_page("app_pages/dashboard.py").run()
    specs = [json.loads(chart.proto.spec) for chart in demo.get("vega_lite_chart")]
    wide, narrow = specs[0], specs[1]
    assert wide["description"] == narrow["description"]
