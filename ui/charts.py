"""The radar, the heatmap and the map on a page, each with its text alternative (WCAG 1.1.1): a sentence in
words and the figures as a table, so that someone who cannot see the chart gets what it shows.
Every page draws its charts through these functions; see docs/decisions/chart-text-alternatives.md.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cpss.i18n import N_
from cpss.model.framework import Framework
from cpss.present import chart_data, chart_summary, investment_summary, map_data
from cpss.present.heatmap import heatmap_chart
from cpss.present.investment_charts import MONEY_CHART_WIDTH, money_chart, value_chart
from cpss.present.radar import radar_chart
from cpss.present.world_map import DISCLAIMER, world_map_chart
from ui.i18n import _, tr
from ui.widgets import fitted_chart, plain, plain_table

CHART_TABLE_LABEL = N_("Chart as a table")  # translated where shown


def described_chart(
    wide, narrow, key: str, summary: str, table: pd.DataFrame, title: str, widest=None
) -> None:
    """A chart (see :func:`ui.widgets.fitted_chart`) with ``summary`` in one sentence as plain text
    under it, and the figures it draws as a table with real headers in an expander (a static
    HTML table, which a screen reader reads cell by cell), named "``title``, as a table".
    Containers ``{key}_summary`` and ``{key}_table``."""
    fitted_chart(wide, narrow, key, summary, widest)
    with st.container(key=f"{key}_summary"):
        st.markdown(plain(summary))
    with st.expander(_(CHART_TABLE_LABEL), key=f"{key}_expander"), st.container(key=f"{key}_table"):
        st.table(plain_table(table), hide_index=True, alt=_("{title}, as a table", title=title))


def radar(framework: Framework, values: pd.DataFrame, key: str, title: str) -> None:
    """The radar of :func:`cpss.present.radar.radar_chart` (wide and narrow), with its summary
    and its table, named after ``title``; all in the session's language."""
    words = tr()
    described_chart(
        radar_chart(framework, values, tr=words),
        radar_chart(framework, values, narrow=True, tr=words),
        key=key,
        summary=chart_summary.radar_summary(framework, values, tr=words),
        table=chart_data.radar_table(framework, values, tr=words),
        title=title,
    )


def heatmap(
    framework: Framework,
    cells: pd.DataFrame,
    columns: list[str],
    key: str,
    title: str,
    compact: bool = False,
) -> None:
    """The heatmap of :func:`cpss.present.heatmap.heatmap_chart` (wide, ``compact`` or not, and
    narrow), with its summary and its table, named after ``title``; all in the session's
    language."""
    words = tr()
    described_chart(
        heatmap_chart(framework, cells, columns, compact=compact, tr=words),
        heatmap_chart(framework, cells, columns, narrow=True, tr=words),
        key=key,
        summary=chart_summary.heatmap_summary(framework, cells, columns, tr=words),
        table=chart_data.heatmap_table(framework, cells, columns, tr=words),
        title=title,
    )


def money(totals: pd.DataFrame, view: str, currency: str, key: str, title: str) -> None:
    """Budget against spent of one currency (:func:`cpss.present.investment_charts.money_chart`),
    with its sentence and its table, named after ``title``; in the session's language."""
    words = tr()
    mine = totals[totals["currency"] == currency]
    described_chart(
        money_chart(mine, currency, tr=words),
        money_chart(mine, currency, narrow=True, tr=words),
        key=key,
        summary=investment_summary.money_summary(mine, currency, tr=words),
        table=investment_summary.money_table(mine, view, tr=words),
        title=title,
        widest=MONEY_CHART_WIDTH,  # the amounts written right of the bars reach past the plot
    )


def value(table: pd.DataFrame, currency: str | None, key: str, title: str) -> None:
    """Phase change against spend (:func:`cpss.present.investment_charts.value_chart`), each point
    labelled with its subdomain, with its sentence and its table; in the session's language."""
    words = tr()
    described_chart(
        value_chart(table, tr=words),
        value_chart(table, narrow=True, tr=words),
        key=key,
        summary=investment_summary.value_summary(table, tr=words),
        table=investment_summary.value_rows(table, currency, tr=words),
        title=title,
    )


def world_map(
    framework: Framework, frame: pd.DataFrame, whole_world: bool, key: str, title: str
) -> None:
    """The map of :func:`cpss.present.world_map.world_map_chart` (wide and narrow) with its
    summary, its table and the UN disclaimer under it; all in the session's language."""
    words = tr()
    described_chart(
        world_map_chart(framework, frame, whole_world, tr=words),
        world_map_chart(framework, frame, whole_world, narrow=True, tr=words),
        key=key,
        summary=chart_summary.map_summary(framework, frame, tr=words),
        table=map_data.map_table(frame, tr=words),
        title=title,
    )
    with st.container(key=f"{key}_disclaimer"):
        st.caption(_(DISCLAIMER))
