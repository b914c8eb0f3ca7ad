"""The Compare page's investment part: spending per outcome a year for each country or unit of the
assessments shown, beside its phase profile (see :mod:`cpss.present.investment_compare`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cpss.db import dashboard, investment
from cpss.db.core import Db
from cpss.model.framework import Framework
from cpss.present.investment_compare import Place, compare_table, years_note, years_spanned
from ui.i18n import _, place, tr
from ui.widgets import plain, plain_table


def places_of(db: Db, framework: Framework, found: pd.DataFrame, shown: list[str]) -> list[Place]:
    """The places of the ``shown`` assessments, each with the money of their plans, the years
    they span and the newest one's average phase per outcome."""
    picked = found[found["id"].isin(shown)]
    places = []
    for (code, country, unit), group in picked.groupby(
        ["country_code", "country", "unit"], sort=False, dropna=False
    ):
        newest = group.sort_values("assessment_date").iloc[-1]["id"]
        summary = dashboard.outcome_summary(db, framework, [newest])
        places.append(
            Place(
                place(code, country, unit),
                investment.investment_rows(db, list(group["id"])),
                years_spanned(group["assessment_date"]),
                dict(zip(summary["outcome_id"], summary["current"])),
            )
        )
    return places


def spend_beside_profiles(
    db: Db, framework: Framework, found: pd.DataFrame, shown: list[str]
) -> None:
    """The table of spending a year per outcome and place, with the average phases beside."""
    title = _("Spending a year per outcome, beside the phase profiles")
    st.markdown(f"## {title}")
    places = places_of(db, framework, found, shown)
    if all(p.money.empty for p in places):
        st.info(_("No spending is recorded on the plans of these assessments."))
        return
    st.caption(
        plain(
            _(
                "Spending on the plans of each place's assessments shown above, divided by the "
                "years those assessments span (at least one): {years}.",
                years=years_note(places, tr=tr()),
            )
        )
    )
    table = compare_table(framework, places, tr=tr())
    st.table(plain_table(table), hide_index=True, alt=title)
