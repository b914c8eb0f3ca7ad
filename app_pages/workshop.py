"""Facilitate a workshop: a join code for the room, one subdomain open at a time, votes revealed
on demand, and the agreed phase recorded as the assessment's rating.

The address holds the assessment and the workshop (``?assessment=ID&workshop=ID``); everything else
is in the database, so a refresh or a restarted server comes back to the same place.
"""

import streamlit as st

from cpss.db import assessments, dashboard, workshops
from cpss.db.core import Db
from cpss.i18n import format_datetime
from cpss.model.errors import UserError
from cpss.model.scoring import choice_label
from cpss.model.workshops import min_votes_to_show, spaced
from ui import resources
from ui.auth import devices_caption
from ui.facilitator import (
    act,
    consensus_form,
    controls,
    live_count,
    participants_list,
    review,
    shown_median,
)
from ui.i18n import _, ngettext, tr
from ui.language import second_language_picker, second_language_texts
from ui.picker import choice_names, pick_place
from ui.widgets import assessment_header, message, phase_columns, plain
from ui.workshop_views import join_panel, projector_styles

framework = resources.framework()
SUBDOMAIN_IDS = [s.id for s in framework.subdomains]


def pick_assessment(db: Db) -> str | None:
    """The assessment in the address, else one the facilitator picks: a country or unit, then one
    of its assessments (two short lists however many assessments there are)."""
    wanted = st.query_params.get("assessment")
    if wanted and dashboard.assessment_exists(db, wanted):
        return wanted
    st.markdown(_("Choose the assessment the workshop rates. Start one on the *Assessments* page."))
    place_column, assessment_column = st.columns(2)
    assessments = pick_place(db, "ws", None, place_column)
    if assessments is None:
        return None
    names = choice_names(assessments)
    chosen = assessment_column.selectbox(
        _("Assessment"),
        list(names),
        format_func=names.get,
        index=None,
        key="ws_assessment",
        placeholder=_("Choose an assessment"),
    )
    if chosen:
        st.query_params["assessment"] = chosen
        st.rerun()
    return None


def start_or_resume(db: Db, assessment_id: str) -> None:
    """Start a workshop on the assessment, or go back to one of its workshops."""
    with st.container(border=True):
        st.markdown(_("**Start a workshop**"))
        ask_names = st.checkbox(
            _("Ask participants for their names"),
            key="ws_ask_names",
            value=False,
            help=_(
                "Off: participants vote anonymously, and you see only how many joined. On: they "
                "may still leave the name empty."
            ),
        )
        devices_caption()
        if st.button(_("Start a workshop"), key="ws_start", type="primary"):
            workshop = workshops.start(
                db, assessment_id, ask_names, by=st.session_state.recorded_by
            )
            st.query_params["workshop"] = workshop.id
            st.rerun()
    for workshop, state in workshops.of_assessment(db, assessment_id):
        when = format_datetime(workshop.created_at, tr())
        if state.ended:
            line = _("Workshop of {when} (ended)", when=when)
        else:
            line = _("Workshop of {when} (open, code {code})", when=when, code=workshop.code)
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(plain(line))
        if right.button(
            _("Review") if state.ended else _("Resume"), key=f"ws_resume_{workshop.id}"
        ):
            st.query_params["workshop"] = workshop.id
            st.rerun()


def navigator(db: Db, workshop_id: str, open_id: str | None, ended: bool) -> None:
    """Progress, and a list to open any of the 19 subdomains (or, once ended, to review one)."""
    agreed = workshops.agreed(db, workshop_id)
    st.progress(
        len(agreed) / len(SUBDOMAIN_IDS),
        text=ngettext(
            "{agreed} of {count} subdomain agreed in this workshop",
            "{agreed} of {count} subdomains agreed in this workshop",
            len(SUBDOMAIN_IDS),
            agreed=len(agreed),
        ),
    )

    def label(sub_id: str) -> str:
        done = f" ✓ {_(choice_label(framework, agreed[sub_id]))}" if sub_id in agreed else ""
        return f"{framework.subdomain(sub_id).label}{done}"

    if ended:
        st.selectbox(
            _("Review a subdomain's votes"), SUBDOMAIN_IDS, key="ws_review", format_func=label
        )
        return
    st.session_state.ws_pick = open_id
    st.selectbox(
        _("Open a subdomain for voting (any order)"),
        SUBDOMAIN_IDS,
        key="ws_pick",
        format_func=label,
        placeholder=_("Choose the first subdomain"),
        on_change=lambda: act(workshops.open_subdomain, workshop_id, st.session_state.ws_pick),
    )


def open_subdomain(db: Db, workshop, state, threshold: int) -> None:
    """The open subdomain for the projector, the live count, and the controls and results."""
    subdomain = framework.subdomain(state.subdomain_id)
    with st.container(key="projector"):
        st.caption(plain(framework.outcome(subdomain.outcome_id).label))
        st.markdown(f"## {plain(subdomain.label)}")
        phase_columns(framework, subdomain)
        second_language_texts(framework, subdomain)
    second_language_picker()
    status = _("Voting is locked.") if state.locked else _("Voting is open.")
    st.caption(status)
    controls(db, workshop.id, state)
    live_count(workshop.id, state.subdomain_id, state.revealed)
    if state.revealed:
        median = shown_median(db, workshop.id, state.subdomain_id, threshold)
        consensus_form(db, workshop, state.subdomain_id, median)


def run_workshop(db: Db, workshop_id: str, assessment_id: str) -> None:
    """The facilitator's screen of one workshop."""
    workshop = workshops.workshop(db, workshop_id)
    if workshop.assessment_id != assessment_id:
        st.error(_("This workshop is not one of this assessment's: the link is mixed up."))
        return
    state = workshops.state(db, workshop_id)
    threshold = min_votes_to_show()
    problem = st.session_state.pop("ws_problem", None)
    if problem:
        st.error(message(problem))
    if state.ended:
        st.info(_("This workshop has ended: its code no longer works. Its votes are kept."))
    elif state.subdomain_id is None:
        join_panel(workshop)  # the whole screen for joining, until the first subdomain opens
        live_count(workshop_id, None)
    else:
        with st.popover(
            _("Join code {code} · link and QR code", code=spaced(workshop.code)),
            key="ws_join",
            icon=":material/qr_code_2:",
        ):
            join_panel(workshop)
    navigator(db, workshop_id, state.subdomain_id, state.ended)
    if state.ended:
        review(db, workshop_id, threshold)
        return
    if state.subdomain_id:
        open_subdomain(db, workshop, state, threshold)
    participants_list(db, workshop_id)
    st.divider()
    with st.popover(_("End the workshop"), icon=":material/stop_circle:", key="ws_end_menu"):
        st.markdown(
            _("Ending stops the code working and closes voting. Votes and answers are kept.")
        )
        st.button(
            _("End it now"),
            key="ws_end",
            type="primary",
            on_click=act,
            args=(workshops.end, workshop_id),
        )


def main() -> None:
    """Choose an assessment, start or resume a workshop, and run it."""
    # The projector needs the whole width: the sidebar starts closed here (the call adds to app.py's).
    st.set_page_config(initial_sidebar_state="collapsed")
    projector_styles()
    db = resources.db()
    st.title(_("Workshop"))
    assessment_id = pick_assessment(db)
    if not assessment_id:
        return
    try:
        assessment = assessments.assessment(db, assessment_id)
        st.session_state.recorded_by = assessment.details.assessor or "facilitator"
        global framework, SUBDOMAIN_IDS  # the page's helpers read the pinned one
        framework = resources.show_assessment(assessment_id)
        SUBDOMAIN_IDS = [s.id for s in framework.subdomains]
        assessment_header(assessment)
        workshop_id = st.query_params.get("workshop")
        if workshop_id:
            run_workshop(db, workshop_id, assessment_id)
        else:
            start_or_resume(db, assessment_id)
    except UserError as problem:
        st.error(message(problem))


main()
