"""Facilitate a workshop: a join code for the room, one subdomain open at a time, votes revealed
on demand, and the agreed phase recorded as the assessment's rating.

The address holds the assessment and the workshop (``?assessment=ID&workshop=ID``); everything else
is in the database, so a refresh or a restarted server comes back to the same place.
"""

import streamlit as st

from cpss.db import assessments, dashboard, workshop_votes, workshops
from cpss.db.core import Db
from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, Answer
from cpss.model.errors import UserError
from cpss.model.scoring import choice_label
from cpss.model.workshops import min_votes_to_show, spaced
from ui import resources
from ui.auth import devices_caption
from ui.picker import pick_place
from ui.widgets import assessment_header, message, phase_columns, plain
from ui.workshop_views import POLL_SECONDS, join_panel, projector_styles, tally_view

framework = resources.framework()
SUBDOMAIN_IDS = [s.id for s in framework.subdomains]
AGREED_CHOICES = [p.number for p in framework.phases] + [DONT_KNOW, NOT_APPLICABLE]


def act(change, *args) -> None:
    """Run a workshop change (a ``cpss.db.workshops`` or ``cpss.db.workshop_votes`` function) from
    a button; a refused change is shown, not raised."""
    try:
        change(resources.db(), *args, by=st.session_state.recorded_by)
    except UserError as problem:
        st.session_state.ws_problem = str(problem)


def pick_assessment(db: Db) -> str | None:
    """The assessment in the address, else one the facilitator picks: a country or unit, then one
    of its assessments (two short lists however many assessments there are)."""
    wanted = st.query_params.get("assessment")
    if wanted and dashboard.assessment_exists(db, wanted):
        return wanted
    st.markdown("Choose the assessment the workshop rates. Start one on the *Assessments* page.")
    place_column, assessment_column = st.columns(2)
    assessments = pick_place(db, "ws", None, place_column)
    if assessments is None:
        return None
    names = {
        row.id: f"{row.assessment_date:%d %b %Y} · {row.title} · {row.status}"
        for row in assessments.itertuples()
    }
    chosen = assessment_column.selectbox(
        "Assessment",
        list(names),
        format_func=names.get,
        index=None,
        key="ws_assessment",
        placeholder="Choose an assessment",
    )
    if chosen:
        st.query_params["assessment"] = chosen
        st.rerun()
    return None


def start_or_resume(db: Db, assessment_id: str) -> None:
    """Start a workshop on the assessment, or go back to one of its workshops."""
    with st.container(border=True):
        st.markdown("**Start a workshop**")
        ask_names = st.checkbox(
            "Ask participants for their names",
            key="ws_ask_names",
            value=False,
            help="Off: participants vote anonymously, and you see only how "
            "many joined. On: they may still leave the name empty.",
        )
        devices_caption()
        if st.button("Start a workshop", key="ws_start", type="primary"):
            workshop = workshops.start(
                db, assessment_id, ask_names, by=st.session_state.recorded_by
            )
            st.query_params["workshop"] = workshop.id
            st.rerun()
    for workshop, state in workshops.of_assessment(db, assessment_id):
        status = "ended" if state.ended else f"open, code {workshop.code}"
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(plain(f"Workshop of {workshop.created_at:%d %b %Y %H:%M} ({status})"))
        if right.button("Review" if state.ended else "Resume", key=f"ws_resume_{workshop.id}"):
            st.query_params["workshop"] = workshop.id
            st.rerun()


def navigator(db: Db, workshop_id: str, open_id: str | None, ended: bool) -> None:
    """Progress, and a list to open any of the 19 subdomains (or, once ended, to review one)."""
    agreed = workshops.agreed(db, workshop_id)
    st.progress(
        len(agreed) / len(SUBDOMAIN_IDS),
        text=f"{len(agreed)} of {len(SUBDOMAIN_IDS)} subdomains agreed in this workshop",
    )

    def label(sub_id: str) -> str:
        done = f" ✓ {choice_label(framework, agreed[sub_id])}" if sub_id in agreed else ""
        return f"{framework.subdomain(sub_id).label}{done}"

    if ended:
        st.selectbox(
            "Review a subdomain's votes", SUBDOMAIN_IDS, key="ws_review", format_func=label
        )
        return
    st.session_state.ws_pick = open_id
    st.selectbox(
        "Open a subdomain for voting (any order)",
        SUBDOMAIN_IDS,
        key="ws_pick",
        format_func=label,
        placeholder="Choose the first subdomain",
        on_change=lambda: act(workshops.open_subdomain, workshop_id, st.session_state.ws_pick),
    )


@st.fragment(run_every=POLL_SECONDS)
def live_count(workshop_id: str, subdomain_id: str | None, revealed: bool = False) -> None:
    """Who joined, n of N voted and, once revealed, the tally: refreshed by itself every few
    seconds, so that the tally on the projector always counts the votes the line above counts."""
    db = resources.db()
    names = workshop_votes.participant_names(db, workshop_id)
    with st.container(key="voted_count"):
        if subdomain_id is None:  # the join screen: the room sees itself arrive
            st.markdown(f"**{len(names)}** joined")
        else:
            voted = workshop_votes.voted_count(db, workshop_id, subdomain_id)
            st.markdown(f"**{voted} of {len(names)}** joined have voted")
    who_joined(names, expanded=subdomain_id is None)
    if subdomain_id and revealed:
        revealed_tally(db, workshop_id, subdomain_id, min_votes_to_show())


def who_joined(names: list[str], expanded: bool) -> None:
    """The names given (participants may leave theirs empty) and how many are anonymous."""
    named = sorted(n for n in names if n)
    anonymous = len(names) - len(named)
    # Two keys: the browser keeps a keyed expander open, and the projector wants it closed.
    key = "ws_joined_wait" if expanded else "ws_joined"
    with st.expander(f"Who has joined ({len(names)})", key=key, expanded=expanded):
        if named:
            st.text(", ".join(named))
        if anonymous:
            st.caption(f"{anonymous} anonymous participant{'s' if anonymous != 1 else ''}")


def controls(db: Db, workshop_id: str, state) -> None:
    """Lock or unlock voting, reveal or hide the votes, reopen the subdomain."""
    lock, reveal, reopen = st.columns(3)
    lock.button(
        "Unlock voting" if state.locked else "Lock voting",
        key="ws_lock",
        help="Unlocking hides the votes again: a tally on screen while votes change would show "
        "each vote as it is tapped.",
        icon=":material/lock_open:" if state.locked else ":material/lock:",
        on_click=act,
        args=(workshops.set_locked, workshop_id, not state.locked),
    )
    reveal.button(
        "Hide the votes" if state.revealed else "Reveal the votes",
        key="ws_reveal",
        type="secondary" if state.revealed else "primary",
        icon=":material/visibility:",
        on_click=act,
        args=(workshop_votes.set_revealed, workshop_id, not state.revealed),
    )
    reopen.button(
        "Reopen for a new vote",
        key="ws_reopen",
        icon=":material/replay:",
        disabled=not (state.locked or state.revealed),
        help="Unlock voting and hide the votes again; votes given so far are kept and "
        "participants can change them.",
        on_click=act,
        args=(workshops.open_subdomain, workshop_id, state.subdomain_id),
    )


def consensus_form(db: Db, workshop, subdomain_id: str, median) -> None:
    """The agreed phase (the median vote when the votes are shown), the room's own rationale
    (required, never pre-filled) and evidence, beside the assessment's previous answer."""
    current = assessments.current_answers(db, workshop.assessment_id).get(subdomain_id) or Answer()
    context = (workshop.id, subdomain_id)
    # Seeded again after the form was hidden: Streamlit drops the state of widgets not drawn.
    # The rationale starts empty: the workshop's reason is what the room says, not a solo answer.
    if st.session_state.get("ws_consensus_for") != context or "ws_agreed" not in st.session_state:
        st.session_state.update(
            ws_consensus_for=context, ws_agreed=median, ws_rationale="", ws_evidence=""
        )
    notice = st.session_state.pop("ws_notice", None)
    if notice:
        st.success(notice, icon=":material/task_alt:")
    form, previous = st.columns([3, 2])
    with previous:
        previous_answer(current)
    with form:
        if consensus_fields(median is not None):
            record(db, workshop, subdomain_id, current)


def previous_answer(current: Answer) -> None:
    """The assessment's answer before this vote, labelled as such, with its evidence to copy."""
    with st.container(border=True, key="ws_previous"):
        if current.choice is None:
            st.markdown("**Previous answer:** none yet.")
            return
        st.markdown(plain(f"Previous answer: {choice_label(framework, current.choice)}"))
        st.caption("Previous rationale")
        st.text(current.rationale or "(none)")
        st.caption("Previous evidence")
        st.text(current.evidence or "(none)")
        if current.evidence:
            st.button(
                "Use the previous evidence",
                key="ws_use_evidence",
                icon=":material/content_copy:",
                on_click=st.session_state.update,
                kwargs={"ws_evidence": current.evidence},
            )


def consensus_fields(from_votes: bool) -> bool:
    """The form: agreed phase, rationale and evidence; True when it was submitted."""
    with st.form("ws_consensus", border=True):
        st.markdown("**Record the consensus** (it becomes the assessment's answer)")
        st.radio(
            "Agreed phase",
            AGREED_CHOICES,
            key="ws_agreed",
            horizontal=True,
            format_func=lambda c: choice_label(framework, c),
            help="Filled in with the median vote; change it to what the room agreed."
            if from_votes
            else "The votes are not shown, so nothing is filled in: choose what the room agreed.",
        )
        st.text_area(
            "Rationale (required)",
            key="ws_rationale",
            max_chars=4000,
            placeholder="Why the room agreed on this phase and not the next one",
        )
        st.text_area("Evidence or means of verification", key="ws_evidence", max_chars=4000)
        return st.form_submit_button("Record the consensus", key="ws_record", type="primary")


def record(db: Db, workshop, subdomain_id: str, current: Answer) -> None:
    """Record the submitted form as the assessment's answer, keeping its target and confidence."""
    state = st.session_state
    if state.ws_agreed is None:
        st.error("Choose the agreed phase, then record it.")
        return
    answer = Answer(
        target=current.target,
        confidence=current.confidence,
        evidence=state.ws_evidence or "",
        rationale=state.ws_rationale or "",
    )
    try:
        workshops.record_consensus(
            db, workshop.id, subdomain_id, answer.with_choice(state.ws_agreed), by=state.recorded_by
        )
    except UserError as problem:
        st.error(message(f"Not recorded: {problem}"))
        return
    state.ws_notice = (
        f"Recorded: {choice_label(framework, state.ws_agreed)} is the "
        f"assessment's answer for {subdomain_id}."
    )
    st.rerun()  # the progress and the subdomain list at the top show the new consensus


def open_subdomain(db: Db, workshop, state, threshold: int) -> None:
    """The open subdomain for the projector, the live count, and the controls and results."""
    subdomain = framework.subdomain(state.subdomain_id)
    with st.container(key="projector"):
        st.caption(plain(framework.outcome(subdomain.outcome_id).label))
        st.markdown(f"## {plain(subdomain.label)}")
        phase_columns(framework, subdomain)
    status = "Voting is locked." if state.locked else "Voting is open."
    st.caption(status)
    controls(db, workshop.id, state)
    live_count(workshop.id, state.subdomain_id, state.revealed)
    if state.revealed:
        median = shown_median(db, workshop.id, state.subdomain_id, threshold)
        consensus_form(db, workshop, state.subdomain_id, median)


def shown_median(db: Db, workshop_id: str, subdomain_id: str, threshold: int):
    """The median vote when the votes may be shown (enough votes, and enough changed since the
    last reveal), else None: then nothing is pre-filled in the consensus form."""
    if workshop_votes.reveal_wait_reason(db, workshop_id, subdomain_id, threshold):
        return None
    counted = workshop_votes.votes_tally(db, workshop_id, subdomain_id, threshold)
    return counted.median if counted.shown else None


def revealed_tally(db: Db, workshop_id: str, subdomain_id: str, threshold: int):
    """The tally and comments, or why they wait (too few votes changed since the last reveal);
    the tally shown, else None."""
    wait = workshop_votes.reveal_wait_reason(db, workshop_id, subdomain_id, threshold)
    if wait:
        with st.container(key="ws_reveal_wait"):
            st.warning(wait, icon=":material/hourglass_empty:")
        return None
    counted = workshop_votes.votes_tally(db, workshop_id, subdomain_id, threshold)
    tally_view(framework, counted, workshop_votes.comments(db, workshop_id, subdomain_id))
    return counted


def participants_list(db: Db, workshop_id: str) -> None:
    """Who joined and when, each with *Remove*: one person who joined twice (two tabs, say) would
    vote twice. A removed participant's votes stop counting; nothing is deleted."""
    joined = workshop_votes.participants(db, workshop_id)
    with st.expander(f"Participants ({len(joined)}): remove a double join", key="ws_people"):
        st.caption(
            "The same phone or browser continues as the same participant. If one person still "
            "joined twice (another browser, say), remove one: its votes stop counting."
        )
        for participant, name, joined_at in joined:
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(plain(f"{name or 'Anonymous'} · joined {joined_at:%H:%M:%S} UTC"))
            right.button(
                "Remove",
                key=f"ws_remove_{participant}",
                on_click=act,
                args=(workshop_votes.remove_participant, workshop_id, participant),
            )


def review(db: Db, workshop_id: str, threshold: int) -> None:
    """An ended workshop: the stored votes of any subdomain, shown again."""
    subdomain_id = st.session_state.get("ws_review") or SUBDOMAIN_IDS[0]
    agreed = workshops.agreed(db, workshop_id).get(subdomain_id)
    st.markdown(
        plain(f"Agreed: {choice_label(framework, agreed)}")
        if agreed
        else "Not agreed in this workshop."
    )
    revealed_tally(db, workshop_id, subdomain_id, threshold)


def run_workshop(db: Db, workshop_id: str, assessment_id: str) -> None:
    """The facilitator's screen of one workshop."""
    workshop = workshops.workshop(db, workshop_id)
    if workshop.assessment_id != assessment_id:
        st.error("This workshop is not one of this assessment's: the link is mixed up.")
        return
    state = workshops.state(db, workshop_id)
    threshold = min_votes_to_show()
    problem = st.session_state.pop("ws_problem", None)
    if problem:
        st.error(message(problem))
    if state.ended:
        st.info("This workshop has ended: its code no longer works. Its votes are kept.")
    elif state.subdomain_id is None:
        join_panel(workshop)  # the whole screen for joining, until the first subdomain opens
        live_count(workshop_id, None)
    else:
        with st.popover(
            f"Join code {spaced(workshop.code)} · link and QR code",
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
    with st.popover("End the workshop", icon=":material/stop_circle:", key="ws_end_menu"):
        st.markdown("Ending stops the code working and closes voting. Votes and answers are kept.")
        st.button(
            "End it now",
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
    st.title("Workshop")
    assessment_id = pick_assessment(db)
    if not assessment_id:
        return
    try:
        assessment = assessments.assessment(db, assessment_id)
        st.session_state.recorded_by = assessment.details.assessor or "facilitator"
        assessment_header(assessment)
        workshop_id = st.query_params.get("workshop")
        if workshop_id:
            run_workshop(db, workshop_id, assessment_id)
        else:
            start_or_resume(db, assessment_id)
    except UserError as problem:
        st.error(message(problem))


main()
