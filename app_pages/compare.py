"""Compare assessments across places and time: pick a set by country, unit, date and status, see a
heatmap of subdomains against the assessments, and overlay up to six of them on a radar.

The filters run in SQL and only the newest matching assessments are drawn, so the page stays quick
however many assessments the database holds.
"""

from datetime import date

import pandas as pd
import streamlit as st

from cpss.db import dashboard
from cpss.db.dashboard import Filters
from cpss.i18n import N_
from cpss.model.assessments import DRAFT, FINAL
from cpss.model.countries import country_name
from cpss.model.regions import countries_of
from cpss.present import chart_data
from cpss.present.across_versions import on_one_version, outcome_summary_on
from ui import charts, resources
from ui.i18n import _, ngettext, place, shown_as, tr
from ui.investment_compare import spend_beside_profiles
from ui.regions import region_picker

MAX_COLUMNS = 12  # assessments drawn in the heatmap: more would not read on a projector
MAX_CHOICES = 100  # newest matching assessments offered for picking: a list a person can scan
MAX_RADAR = 6  # lines on the overlay radar
COMPACT_FROM = 3  # more columns than this: phase numbers in the cells instead of names
STATUS_WORDS = {DRAFT: N_("Draft"), FINAL: N_("Final")}  # translated where shown

framework = resources.framework()
db = resources.db()


def reset_picks() -> None:
    """New filters, new set: the picks start again from the newest matching assessments."""
    for key in ("cmp_shown", "cmp_radar"):
        st.session_state.pop(key, None)


def follow_options(key: str, options: list[str], default: list[str]) -> None:
    """Keep only the picks of picker ``key`` that are among ``options``; ``default`` if none is.

    Set through Session State (not the widget's ``default``) so that the browser is sent the
    picks: otherwise it keeps showing picks that the filters took out of the set, undrawn.
    """
    held = st.session_state.get(key)
    kept = [i for i in held or () if i in options]
    if held is None or kept != held:
        st.session_state[key] = kept or default


def filters() -> Filters:
    """The filters as the user set them (empty: any)."""
    listing = dashboard.places(db)
    words = tr()  # bound in the run: Streamlit may call format_func after it
    countries = {
        code: country_name(code, words, name)
        for code, name in zip(listing["country_code"], listing["country"])
    }
    columns = st.columns([2, 3, 3, 2, 2, 2])
    region_column, country_column, unit_column, status_column, from_column, to_column = columns
    region = region_picker("cmp_region", region_column, on_change=reset_picks)
    in_region = set(countries_of(region)) if region else set(countries)
    options = [code for code in countries if code in in_region]
    follow_options("cmp_countries", options, [])  # a new region drops the countries outside it
    codes = country_column.multiselect(
        _("Countries"),
        options,
        format_func=countries.get,
        key="cmp_countries",
        on_change=reset_picks,
        placeholder=_("Any country"),
    )
    # No country picked: every country of the region (never an empty list, which means any).
    codes = codes or (countries_of(region) if region else [])
    in_scope = listing[listing["country_code"].isin(codes)] if codes else listing
    unit_options = sorted({unit for unit in in_scope["unit"] if unit})
    units = unit_column.multiselect(
        _("Sub-national units"),
        unit_options,
        key="cmp_units",
        on_change=reset_picks,
        placeholder=_("Any (national included)"),
    )
    statuses = status_column.multiselect(
        _("Status"),
        list(STATUS_WORDS),
        format_func=shown_as(STATUS_WORDS.__getitem__),
        key="cmp_statuses",
        on_change=reset_picks,
        placeholder=_("Any"),
    )
    date_from, date_to = (
        column.date_input(
            label,
            value=None,
            key=key,
            on_change=reset_picks,
            format="DD/MM/YYYY",
            min_value=date(1990, 1, 1),
        )
        for column, label, key in (
            (from_column, _("From"), "cmp_from"),
            (to_column, _("To"), "cmp_to"),
        )
    )
    return Filters(tuple(codes), tuple(units), tuple(statuses), date_from, date_to)


def labels(found: pd.DataFrame) -> dict[str, str]:
    """A short, unique column name per assessment: place and date, with the title when needed,
    and a number when even that is shared (one column and one radar line per assessment)."""
    names = {
        row.id: f"{place(row.country_code, row.country, row.unit)} · {row.assessment_date:%Y-%m-%d}"
        for row in found.itertuples()
    }
    titles = dict(zip(found["id"], found["title"]))
    names = _distinct(names, lambda i, name: f"{name} · {titles[i]}")
    return _distinct(names, lambda i, name: f"{name} ({list(names).index(i) + 1})")


def _distinct(names: dict[str, str], longer) -> dict[str, str]:
    """``names`` with each name that is not unique made ``longer(id, name)``."""
    counts = pd.Series(list(names.values())).value_counts()
    return {i: longer(i, name) if counts[name] > 1 else name for i, name in names.items()}


def radar(shown: list[str], names: dict[str, str], cells: pd.DataFrame) -> None:
    """The radar of up to ``MAX_RADAR`` of the shown assessments, each outcome read through the
    heatmap's version map (``cells``: every answer on this page's subdomain ids)."""
    radar_title = _("Radar of the outcomes")
    st.markdown(f"## {radar_title}")
    follow_options("cmp_radar", shown, shown[: min(3, len(shown))])
    picked = st.multiselect(
        _("Assessments on the radar (up to {count})", count=MAX_RADAR),
        shown,
        format_func=names.get,
        max_selections=MAX_RADAR,
        key="cmp_radar",
    )
    if picked:
        summary = outcome_summary_on(cells, picked, framework)
        values = chart_data.radar_values(summary, {i: names[i] for i in picked})
        charts.radar(framework, values, key="cmp_radar_chart", title=radar_title)


def show(found: pd.DataFrame, total: int) -> None:
    """The assessments to draw (the newest first, any of the matches can be picked instead), the
    radar of some of them and the heatmap of all of them."""
    if total > len(found):
        st.caption(
            ngettext(
                "{total} assessments match: the newest {count} can be picked below. "
                "Narrow the filters to reach others.",
                "{total} assessments match: the newest {count} can be picked below. "
                "Narrow the filters to reach others.",
                len(found),
                total=f"{total:,}",
            )
        )
    else:
        st.caption(ngettext("{count} assessment match.", "{count} assessments match.", total))
    names = labels(found)
    follow_options("cmp_shown", list(names), list(names)[:MAX_COLUMNS])
    shown = st.multiselect(
        _("Assessments in the heatmap (up to {count})", count=MAX_COLUMNS),
        list(names),
        format_func=names.get,
        max_selections=MAX_COLUMNS,
        key="cmp_shown",
    )
    if not shown:
        st.info(_("Pick at least one assessment to draw."))
        return
    names = {i: names[i] for i in shown}
    # each on the version it was made on, carried onto this page's (the newest) by the version map
    made_on = {i: resources.framework_of(i) for i in shown}
    cells = on_one_version(dashboard.answer_cells(db, framework, shown), made_on, framework)
    radar(shown, names, cells)
    heatmap_title = _("Every subdomain, by assessment")
    st.markdown(f"## {heatmap_title}")
    grid, columns = chart_data.heatmap_cells(cells, names), list(names.values())
    charts.heatmap(
        framework,
        grid,
        columns,
        key="cmp_heatmap",
        title=heatmap_title,
        compact=len(names) > COMPACT_FROM,
    )
    spend_beside_profiles(db, framework, found, shown)


st.title(_("Compare assessments"))
st.caption(
    _(
        "Across countries, units and time. The radar's first line decides which outcomes are "
        'labelled "unrated".'
    )
)
found, total = dashboard.find_assessments(db, filters(), limit=MAX_CHOICES)
if total == 0:
    st.info(_("No assessment matches these filters."))
else:
    show(found, total)
