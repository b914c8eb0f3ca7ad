"""Assessments: start a new one, resume one started earlier, or load the demo."""

from datetime import date

import streamlit as st

from cpss.db import assessments, lifecycle
from cpss.db.lifecycle import UNDO_DAYS
from cpss.db.listing import SHOWN, recent_assessments
from cpss.i18n import format_date
from cpss.model.assessments import FINAL, AssessmentDetails
from cpss.model.countries import countries, countries_in
from cpss.model.errors import UserError
from ui import resources
from ui.framework_views import framework_choice
from ui.i18n import _, place, tr
from ui.widgets import STATUS_WORDS, deleted_line, message, plain, searched_assessments

framework = resources.framework()
db = resources.db()
can_edit = db.actor.can_edit  # viewers see the list and dashboards only

st.title(_("CPSS self-assessment"))
st.markdown(
    _(
        "Assess the maturity of a national child protection system against UNICEF's *Child "
        "Protection Systems Strengthening Benchmarks* (2021): 19 subdomains of 7 intermediate "
        "outcomes, each described at four phases, from System Building to System Maturity. Every "
        "answer is saved as you give it; you can stop and come back at any time."
    )
)


def open_walkthrough(assessment_id: str) -> None:
    """Go to the walk-through of an assessment; it reopens where the user last was."""
    st.switch_page("app_pages/assess.py", query_params={"assessment": assessment_id})


def start_form() -> None:
    """The form that starts a new assessment."""
    names = countries_in(tr())  # sorted as the session's language names them
    with st.form("new_assessment", border=True):
        st.markdown(_("**Start a new assessment**"))
        code = st.selectbox(
            _("Country or territory"),
            list(names),
            format_func=names.__getitem__,
            index=None,
            placeholder=_("Type to search"),
            key="new_country",
        )
        unit = st.text_input(
            _("Sub-national unit (optional)"),
            key="new_unit",
            max_chars=200,
            placeholder=_("Region, province or district"),
        )
        title = st.text_input(
            _("Title"),
            key="new_title",
            max_chars=200,
            placeholder=_("e.g. National baseline 2026"),
        )
        when = st.date_input(_("Date"), value=date.today(), key="new_date", format="DD/MM/YYYY")
        assessor = st.text_input(_("Assessor (optional)"), key="new_assessor", max_chars=120)
        framework_hash = framework_choice(db)
        if not st.form_submit_button(_("Start"), type="primary", key="new_start"):
            return
    if code is None:
        st.error(_("Choose the country or territory."))
        return
    details = AssessmentDetails(code, countries()[code], title, when, unit, assessor)
    try:
        new_id = assessments.create(  # pinned to the chosen framework version
            db,
            details,
            framework.version,
            by=assessor.strip() or "solo user",
            framework_hash=framework_hash,
        )
    except UserError as problem:
        st.error(message(problem))
        return
    open_walkthrough(new_id)


def assessment_list() -> None:
    """The stored assessments, most recently changed first, with buttons to continue: at most
    ``SHOWN`` of them, with a search when there are more."""
    listing = recent_assessments(db, limit=SHOWN, tr=tr())
    st.markdown(_("**Your assessments** ({count})", count=listing.total))
    if not listing.total:
        st.caption(_("None yet. Start one, or load the demo to see a filled-in example."))
    listing = searched_assessments(db, listing, key="home_search")
    for row in listing.rows:
        with st.container(border=True, key=f"assessment_{row.id}"):
            st.markdown(plain(f"{place(row.country_code, row.country, row.unit)} · {row.title}"))
            st.caption(
                plain(
                    _(
                        "{date} · {status} · {answered} of {count} answered",
                        date=format_date(row.assessment_date, tr(), "medium"),
                        status=_(STATUS_WORDS.get(row.status, row.status)),
                        answered=row.answered,
                        count=len(framework.subdomains),
                    )
                )
            )
            left, right = st.columns(2)
            if can_edit and left.button(
                _("Open") if row.status == FINAL else _("Continue"), key=f"open_{row.id}"
            ):
                open_walkthrough(row.id)
            if right.button(_("Dashboard"), key=f"dashboard_{row.id}"):
                st.switch_page("app_pages/dashboard.py", query_params={"assessment": row.id})


def recently_deleted() -> None:
    """Assessments deleted in the last 30 days, each with a button to bring it back."""
    deleted = [row for row in lifecycle.deleted(db) if row.can_undo]
    if not deleted:
        return
    with st.expander(
        _(
            "Recently deleted ({count}): can be brought back for {days} days",
            count=len(deleted),
            days=UNDO_DAYS,
        )
    ):
        for row in deleted:
            deleted_line(row)
            if st.button(_("Undo the deletion"), key=f"undelete_{row.id}", icon=":material/undo:"):
                lifecycle.undo_delete(db, row.id, by="solo user")
                st.rerun()


if can_edit:
    new_column, list_column = st.columns([2, 3], gap="large")
    with new_column:
        start_form()
        if st.button(_("Load the demo assessments (fictional country)"), key="load_demo"):
            # Imported on the click: the demo's plan money needs pandas, which the first page
            # does without (tests/test_first_page_imports.py).
            from cpss.db.demo import load_demo

            load_demo(db, framework)
            st.toast(_("Demo assessments loaded."))
        recently_deleted()
    with list_column:
        assessment_list()
else:
    st.caption(_("You can read the dashboards and reports; an editor changes the assessments."))
    assessment_list()
