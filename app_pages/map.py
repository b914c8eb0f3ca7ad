"""Map of the countries: each shaded by the phase of its latest final assessment, overall or for
one outcome or subdomain, filtered by UNICEF region; one country's phase profile and sub-national
units; the regional summary. The figures come from :mod:`cpss.db.world_map` and the dashboard's
queries; what is shaded how from :mod:`cpss.present.map_data`.
"""

import pandas as pd
import streamlit as st

from cpss.db import dashboard, world_map
from cpss.i18n import N_
from cpss.model.regions import countries_of
from cpss.present import chart_data, map_data, map_shapes, regional
from cpss.present.map_data import OUTCOME, OVERALL, SUBDOMAIN, Scope
from ui import charts, resources
from ui.i18n import _, ngettext, tr
from ui.regions import region_picker
from ui.widgets import plain, plain_table

OVERALL_WORDS = N_("Overall (every subdomain)")  # translated where shown
framework = resources.framework()
db = resources.db()


def choices() -> tuple[str, Scope]:
    """The region (``EVERY_REGION``: none) and what the map shades, as the user chose them."""
    region_column, scope_column = st.columns(2)
    words = tr()
    region = region_picker("map_region", region_column)
    scopes = {OVERALL: Scope()}
    for outcome in framework.outcomes:
        scopes[f"{OUTCOME}:{outcome.id}"] = Scope(OUTCOME, outcome.id)
        for sub in outcome.subdomains:
            scopes[f"{SUBDOMAIN}:{sub.id}"] = Scope(SUBDOMAIN, sub.id)
    names = {OVERALL: words(OVERALL_WORDS)} | {
        key: framework.outcome(s.id).label if s.kind == OUTCOME else "— " + _subdomain(s.id)
        for key, s in scopes.items()
        if s.kind != OVERALL
    }
    scope = scope_column.selectbox(
        _("Shade by"), list(scopes), format_func=names.__getitem__, key="map_scope"
    )
    return region, scopes[scope]


def _subdomain(subdomain_id: str) -> str:
    return next(s.label for s in framework.subdomains if s.id == subdomain_id)


def not_drawn(frame: pd.DataFrame) -> None:
    """The countries of the map that have no shape at this scale, listed: never dropped."""
    missing = frame[frame["code"].isin(map_shapes.without_shape())]
    if missing.empty:
        return
    assessed = missing.dropna(subset=["phase"])
    named = ", ".join(f"{n} ({s})" for n, s in zip(assessed["name"], assessed["state"]))
    with st.container(key="map_not_drawn"):
        st.markdown(
            plain(
                ngettext(
                    "{count} country or territory is too small to draw at this scale.",
                    "{count} countries and territories are too small to draw at this scale.",
                    len(missing),
                )
                + (" " + _("With a final assessment: {names}.", names=named) if named else "")
            )
        )
        with st.expander(_("Countries and territories not drawn"), key="map_not_drawn_list"):
            st.table(plain_table(map_data.map_table(missing, tr=tr())), hide_index=True)


def pick_country(frame: pd.DataFrame) -> str | None:
    """The code of the country whose profile to show, among those with a final assessment."""
    assessed = frame.dropna(subset=["phase"]).sort_values("name")
    names = dict(zip(assessed["code"], assessed["name"]))
    code = st.selectbox(
        _("Country"),
        list(names),
        format_func=names.__getitem__,
        index=None,
        placeholder=_("Pick a country to see its profile"),
        key="map_country",
    )
    return code


def units(code: str, scope: Scope) -> None:
    """The sub-national units of country ``code`` with the phase of their latest final
    assessment."""
    finals = world_map.unit_finals(db, code)
    st.markdown("## " + _("Sub-national units"))
    if finals.empty:
        st.caption(_("No final assessment of a sub-national unit of this country."))
        return
    cells = dashboard.answer_cells(db, framework, list(finals["id"]))
    placed = map_data.place_phases(framework, finals, cells, scope)
    table = pd.DataFrame(
        {
            _("Unit"): placed["unit"],
            _("Phase"): [map_data.state_label(framework, p, tr()) for p in placed["phase"]],
        }
    )
    with st.container(key="map_units"):
        st.table(plain_table(table), hide_index=True)


def profile(country: pd.Series) -> None:  # a row of the map's frame
    """The phase profile of ``country``'s latest final assessment: the dashboard's radar and a
    link to its dashboard."""
    title = _("Profile of {country}", country=country["name"])
    st.markdown("## " + plain(title))
    assessment_id = str(country["id"])
    own = resources.framework_of(assessment_id)  # the texts of the version it was made on
    summary = dashboard.outcome_summary(db, own, [assessment_id])
    values = chart_data.radar_values(summary, {assessment_id: chart_data.CURRENT}, assessment_id)
    charts.radar(own, values, key="map_radar", title=title)
    st.page_link(
        "app_pages/dashboard.py",
        label=_("Open the dashboard of this assessment"),
        icon=":material/insights:",
        query_params={"assessment": assessment_id},
    )


def summary(finals: pd.DataFrame, cells: pd.DataFrame) -> None:
    """The regional summary: countries at each phase per outcome, and the lagging outcomes."""
    st.markdown("## " + _("Regional summary"))
    table = regional.regional_summary(framework, finals, cells)
    st.markdown(plain(regional.lagging_sentence(table, len(finals), tr())))
    with st.container(key="map_regional"):
        st.table(plain_table(regional.summary_table(framework, table, tr())), hide_index=True)


st.title(_("Map"))
st.caption(_("Each country is shaded by the phase of its latest final national assessment."))
region, scope = choices()
finals, cells = world_map.finals_in(db, framework, countries_of(region) if region else None)
placed = map_data.place_phases(framework, finals, cells, scope)
frame = map_data.map_frame(framework, placed, region or None, tr())
code = pick_country(frame)
map_column, units_column = st.columns([3, 1], gap="large")
with map_column:
    charts.world_map(framework, frame, not region, key="world_map", title=_("Map"))
    not_drawn(frame)
with units_column:
    if code:
        units(code, scope)
    else:
        st.caption(_("Pick a country to list its sub-national units here."))
if code:
    profile(frame.set_index("code").loc[code])
summary(finals, cells)
