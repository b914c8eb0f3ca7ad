"""Choosing an assessment on the result pages: a place, then one of its assessments.

Two short lists instead of one list of every assessment, so that the page stays quick with
thousands of assessments. The choice is kept in the address (``?assessment=ID``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cpss.db import assessments, dashboard
from cpss.db.core import Db
from cpss.i18n import format_date
from cpss.model.errors import UserError
from ui.i18n import _, place, tr
from ui.widgets import STATUS_WORDS, message


def _wanted_place(db: Db, assessment_id: str | None) -> tuple[str, str] | None:
    """The place of the assessment in the address, or None (with a warning when it is unknown)."""
    if not assessment_id:
        return None
    try:
        details = assessments.assessment(db, assessment_id).details
    except UserError as problem:
        st.warning(message(problem))
        return None
    return details.country_code, details.unit


def pick_place(db: Db, key: str, wanted: str | None, column=st) -> pd.DataFrame | None:
    """A country or unit picker, preset to the place of assessment ``wanted``.

    Returns the place's assessments (newest first: id, unit, title, assessment_date, status,
    is_demo), or None when there is no assessment at all.
    """
    listing = dashboard.places(db)
    if listing.empty:
        st.info(_("No assessment yet: start one, or load the demo, on the Assessments page."))
        return None
    options = list(zip(listing["country_code"], listing["unit"]))
    labels = {
        (code, unit): _("{place} ({count})", place=place(code, country, unit), count=count)
        for code, country, unit, count in listing.itertuples(index=False)
    }
    wanted_place = _wanted_place(db, wanted)
    picked = column.selectbox(
        _("Country or unit (number of assessments)"),
        options,
        format_func=labels.get,
        key=f"{key}_place",
        index=options.index(wanted_place) if wanted_place in options else 0,
    )
    return dashboard.assessments_of_place(db, *picked)


def pick_from(
    assessments: pd.DataFrame, label: str, key: str, wanted: str | None, column=st
) -> str:
    """One of a place's assessments, preset to ``wanted`` when it is among them, else the first."""
    names = choice_names(assessments)
    ids = list(names)
    return column.selectbox(
        label, ids, format_func=names.get, key=key, index=ids.index(wanted) if wanted in ids else 0
    )


def pick_assessment(db: Db, key: str) -> str | None:
    """Country or unit, then assessment; returns the chosen id, or None when there are none."""
    wanted = st.query_params.get("assessment") or dashboard.latest_assessment(db)
    place_column, assessment_column = st.columns(2)
    assessments = pick_place(db, key, wanted, place_column)
    if assessments is None:
        return None
    chosen = pick_from(assessments, _("Assessment"), f"{key}_assessment", wanted, assessment_column)
    st.query_params["assessment"] = chosen
    return chosen


def choice_names(assessments: pd.DataFrame) -> dict[str, str]:
    """A place's assessments by id as a picker names them: date, title and status, in the
    session's language ("5 mars 2026 · Baseline · brouillon")."""
    words = tr()
    return {
        row.id: f"{format_date(row.assessment_date, words, 'medium')} · {row.title} · "
        f"{words(STATUS_WORDS.get(row.status, row.status))}"
        for row in assessments.itertuples()
    }
