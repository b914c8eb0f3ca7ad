"""The facilitator's workshop screen, drawn piece by piece: the live count and the revealed tally
(a fragment that refreshes itself), who joined, the voting controls, the consensus form and its
record, the participants list with *Remove*, and the review of an ended workshop.

``app_pages/workshop.py`` holds the page's flow and calls these.
"""

import streamlit as st

from cpss.db import assessments, workshop_votes, workshops
from cpss.db.core import Db
from cpss.i18n import format_time
from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, Answer
from cpss.model.errors import UserError
from cpss.model.scoring import choice_label
from cpss.model.workshops import min_votes_to_show
from ui import personal_data_warning, resources
from ui.i18n import _, ngettext, shown_as, tr
from ui.widgets import message, plain, problem_text
from ui.workshop_views import POLL_SECONDS, tally_view


def act(change, *args) -> None:
    """Run a workshop change (a ``cpss.db.workshops`` function) from a button; a refused change
    is shown, not raised."""
    try:
        change(resources.db(), *args, by=st.session_state.recorded_by)
    except UserError as problem:
        st.session_state.ws_problem = problem_text(problem)  # in the session's language


@st.fragment(run_every=POLL_SECONDS)
def live_count(workshop_id: str, subdomain_id: str | None, revealed: bool = False) -> None:
    """Who joined, n of N voted and, once revealed, the tally: refreshed by itself every few
    seconds, so that the tally on the projector always counts the votes the line above counts."""
    db = resources.db()
    names = workshop_votes.participant_names(db, workshop_id)
    with st.container(key="voted_count"):
        if subdomain_id is None:  # the join screen: the room sees itself arrive
            st.markdown(_("**{count}** joined", count=len(names)))
        else:
            voted = workshop_votes.voted_count(db, workshop_id, subdomain_id)
            st.markdown(
                _("**{voted} of {count}** joined have voted", voted=voted, count=len(names))
            )
    who_joined(names, expanded=subdomain_id is None)
    if subdomain_id and revealed:
        revealed_tally(db, workshop_id, subdomain_id, min_votes_to_show())


def who_joined(names: list[str], expanded: bool) -> None:
    """The names given (participants may leave theirs empty) and how many are anonymous."""
    named = sorted(n for n in names if n)
    anonymous = len(names) - len(named)
    # Two keys: the browser keeps a keyed expander open, and the projector wants it closed.
    key = "ws_joined_wait" if expanded else "ws_joined"
    with st.expander(_("Who has joined ({count})", count=len(names)), key=key, expanded=expanded):
        if named:
            st.text(", ".join(named))
        if anonymous:
            st.caption(
                ngettext(
                    "{count} anonymous participant", "{count} anonymous participants", anonymous
                )
            )


def controls(db: Db, workshop_id: str, state) -> None:
    """Lock or unlock voting, reveal or hide the votes, reopen the subdomain."""
    lock, reveal, reopen = st.columns(3)
    lock.button(
        _("Unlock voting") if state.locked else _("Lock voting"),
        key="ws_lock",
        help=_(
            "Unlocking hides the votes again: a tally on screen while votes change would show "
            "each vote as it is tapped."
        ),
        icon=":material/lock_open:" if state.locked else ":material/lock:",
        on_click=act,
        args=(workshops.set_locked, workshop_id, not state.locked),
    )
    reveal.button(
        _("Hide the votes") if state.revealed else _("Reveal the votes"),
        key="ws_reveal",
        type="secondary" if state.revealed else "primary",
        icon=":material/visibility:",
        on_click=act,
        args=(workshop_votes.set_revealed, workshop_id, not state.revealed),
    )
    reopen.button(
        _("Reopen for a new vote"),
        key="ws_reopen",
        icon=":material/replay:",
        disabled=not (state.locked or state.revealed),
        help=_(
            "Unlock voting and hide the votes again; votes given so far are kept and "
            "participants can change them."
        ),
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
        if consensus_fields(median is not None) and record(db, workshop, subdomain_id, current):
            st.rerun()  # the progress and the subdomain list at the top show the new consensus
        labels = {"evidence": _("Evidence or means of verification"), "rationale": _("Rationale")}
        args = (db, workshop, subdomain_id, current)
        personal_data_warning.warning("ws_consensus", labels, record, args)


def previous_answer(current: Answer) -> None:
    """The assessment's answer before this vote, labelled as such, with its evidence to copy."""
    with st.container(border=True, key="ws_previous"):
        if current.choice is None:
            st.markdown(_("**Previous answer:** none yet."))
            return
        st.markdown(
            _(
                "Previous answer: {choice}",
                choice=plain(_(choice_label(resources.framework(), current.choice))),
            )
        )
        st.caption(_("Previous rationale"))
        st.text(current.rationale or _("(none)"))
        st.caption(_("Previous evidence"))
        st.text(current.evidence or _("(none)"))
        if current.evidence:
            st.button(
                _("Use the previous evidence"),
                key="ws_use_evidence",
                icon=":material/content_copy:",
                on_click=st.session_state.update,
                kwargs={"ws_evidence": current.evidence},
            )


def consensus_fields(from_votes: bool) -> bool:
    """The form: agreed phase, rationale and evidence; True when it was submitted."""
    framework = resources.framework()
    with st.form("ws_consensus", border=True):
        st.markdown(_("**Record the consensus** (it becomes the assessment's answer)"))
        st.radio(
            _("Agreed phase"),
            [p.number for p in framework.phases] + [DONT_KNOW, NOT_APPLICABLE],
            key="ws_agreed",
            horizontal=True,
            format_func=shown_as(lambda c: choice_label(framework, c)),
            help=_("Filled in with the median vote; change it to what the room agreed.")
            if from_votes
            else _(
                "The votes are not shown, so nothing is filled in: choose what the room agreed."
            ),
        )
        st.text_area(
            _("Rationale (required)"),
            key="ws_rationale",
            max_chars=4000,
            placeholder=_("Why the room agreed on this phase and not the next one"),
        )
        st.text_area(_("Evidence or means of verification"), key="ws_evidence", max_chars=4000)
        return st.form_submit_button(_("Record the consensus"), key="ws_record", type="primary")


def record(db: Db, workshop, subdomain_id: str, current: Answer) -> bool:
    """Record the submitted form as the assessment's answer, keeping its target and confidence;
    True when recorded (also the personal-data warning's *Save anyway*)."""
    state = st.session_state
    if state.ws_agreed is None:
        st.error(_("Choose the agreed phase, then record it."))
        return False
    texts = {"evidence": state.ws_evidence or "", "rationale": state.ws_rationale or ""}
    country = assessments.assessment(db, workshop.assessment_id).details.country_code
    stored = {"evidence": current.evidence, "rationale": current.rationale}
    overridden = personal_data_warning.checked("ws_consensus", texts, stored, country)
    if overridden is None:  # the warning is shown under the form: nothing recorded yet
        return False
    answer = Answer(target=current.target, confidence=current.confidence, **texts)
    try:
        workshops.record_consensus(
            db,
            workshop.id,
            subdomain_id,
            answer.with_choice(state.ws_agreed),
            by=state.recorded_by,
            overridden=overridden,
        )
    except UserError as problem:
        st.error(message(_("Not recorded: {problem}", problem=problem_text(problem))))
        return False
    state.ws_notice = _(
        "Recorded: {choice} is the assessment's answer for {subdomain}.",
        choice=_(choice_label(resources.framework(), state.ws_agreed)),
        subdomain=subdomain_id,
    )
    return True


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
            st.warning(_(wait), icon=":material/hourglass_empty:")
        return None
    counted = workshop_votes.votes_tally(db, workshop_id, subdomain_id, threshold)
    tally_view(
        resources.framework(), counted, workshop_votes.comments(db, workshop_id, subdomain_id)
    )
    return counted


def participants_list(db: Db, workshop_id: str) -> None:
    """Who joined and when, each with *Remove*: one person who joined twice (two tabs, say) would
    vote twice. A removed participant's votes stop counting; nothing is deleted."""
    joined = workshop_votes.participants(db, workshop_id)
    with st.expander(
        _("Participants ({count}): remove a double join", count=len(joined)), key="ws_people"
    ):
        st.caption(
            _(
                "The same phone or browser continues as the same participant. If one person "
                "still joined twice (another browser, say), remove one: its votes stop counting."
            )
        )
        for participant, name, joined_at in joined:
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(
                plain(
                    _(
                        "{name} · joined {time} UTC",
                        name=name or _("Anonymous"),
                        time=format_time(joined_at, tr(), seconds=True),
                    )
                )
            )
            right.button(
                _("Remove"),
                key=f"ws_remove_{participant}",
                on_click=act,
                args=(workshop_votes.remove_participant, workshop_id, participant),
            )


def review(db: Db, workshop_id: str, threshold: int) -> None:
    """An ended workshop: the stored votes of any subdomain, shown again."""
    framework = resources.framework()
    subdomain_id = st.session_state.get("ws_review") or framework.subdomains[0].id
    agreed = workshops.agreed(db, workshop_id).get(subdomain_id)
    st.markdown(
        plain(_("Agreed: {choice}", choice=_(choice_label(framework, agreed))))
        if agreed
        else _("Not agreed in this workshop.")
    )
    revealed_tally(db, workshop_id, subdomain_id, threshold)
