"""Compare assessments across places and time: pick a set by country, unit, date and status, see a
heatmap of subdomains against the assessments, and overlay up to six of them on a radar.

The filters run in SQL and only the newest matching assessments are drawn, so the page stays quick
however many assessments the database holds.
"""

from datetime import date

import pandas as pd
import streamlit as st

from cpss import dashboard, views
from cpss.assessments import DRAFT, FINAL, place_name
from cpss.charts import heatmap_chart, radar_chart
from cpss.dashboard import Filters
from ui import resources

MAX_COLUMNS = 12  # assessments drawn in the heatmap: more would not read on a projector
MAX_RADAR = 6  # lines on the overlay radar
COMPACT_FROM = 3  # more columns than this: phase numbers in the cells instead of names
STATUS_WORDS = {DRAFT: "Draft", FINAL: "Final"}

framework = resources.framework()
store = resources.store()


def filters() -> Filters:
    """The filters as the user set them (empty: any)."""
    listing = dashboard.places(store)
    countries = dict(zip(listing["country_code"], listing["country"]))
    country_column, unit_column, status_column, from_column, to_column = st.columns([3, 3, 2, 2, 2])
    codes = country_column.multiselect("Countries", list(countries), format_func=countries.get,
                                       key="cmp_countries", placeholder="Any country")
    in_scope = listing[listing["country_code"].isin(codes)] if codes else listing
    unit_options = sorted({unit for unit in in_scope["unit"] if unit})
    units = unit_column.multiselect("Sub-national units", unit_options, key="cmp_units",
                                    placeholder="Any (national included)")
    statuses = status_column.multiselect("Status", list(STATUS_WORDS), format_func=STATUS_WORDS.get,
                                         key="cmp_statuses", placeholder="Any")
    date_from = from_column.date_input("From", value=None, key="cmp_from", format="DD/MM/YYYY",
                                       min_value=date(1990, 1, 1))
    date_to = to_column.date_input("To", value=None, key="cmp_to", format="DD/MM/YYYY",
                                   min_value=date(1990, 1, 1))
    return Filters(tuple(codes), tuple(units), tuple(statuses), date_from, date_to)


def labels(found: pd.DataFrame) -> dict[str, str]:
    """A short, unique column name per assessment: place and date, with the title when needed,
    and a number when even that is shared (one column and one radar line per assessment)."""
    names = {row.id: f"{place_name(row.country, row.unit)} · {row.assessment_date:%Y-%m-%d}"
             for row in found.itertuples()}
    titles = dict(zip(found["id"], found["title"]))
    names = _distinct(names, lambda i, name: f"{name} · {titles[i]}")
    return _distinct(names, lambda i, name: f"{name} ({list(names).index(i) + 1})")


def _distinct(names: dict[str, str], longer) -> dict[str, str]:
    """``names`` with each name that is not unique made ``longer(id, name)``."""
    counts = pd.Series(list(names.values())).value_counts()
    return {i: longer(i, name) if counts[name] > 1 else name for i, name in names.items()}


def show(found: pd.DataFrame, total: int) -> None:
    """The heatmap of the shown assessments and the radar of those picked."""
    if total > len(found):
        st.caption(f"{total:,} assessments match: the newest {len(found)} are shown. Narrow the "
                   "filters to see others.")
    else:
        st.caption(f"{total} assessment{'s' if total != 1 else ''} match.")
    names = labels(found)
    ids = list(names)
    cells = dashboard.answer_cells(store, framework, ids)
    st.markdown("#### Radar of the outcomes")
    picked = st.multiselect(f"Assessments on the radar (up to {MAX_RADAR})", ids,
                            default=ids[:min(3, len(ids))], format_func=names.get,
                            max_selections=MAX_RADAR, key="cmp_radar")
    if picked:
        summary = dashboard.outcome_summary(store, framework, picked)
        values = views.radar_values(summary, {i: names[i] for i in picked})
        st.altair_chart(radar_chart(framework, values), width="content", theme=None,
                        key="cmp_radar_chart")
    st.markdown("#### Every subdomain, by assessment")
    chart = heatmap_chart(framework, views.heatmap_cells(cells, names), list(names.values()),
                          compact=len(names) > COMPACT_FROM)
    st.altair_chart(chart, width="content", theme=None, key="cmp_heatmap")


st.title("Compare assessments")
st.caption("Across countries, units and time. The radar's first line decides which outcomes are "
           "labelled \"unrated\".")
found, total = dashboard.find_assessments(store, filters(), limit=MAX_COLUMNS)
if total == 0:
    st.info("No assessment matches these filters.")
else:
    show(found, total)
