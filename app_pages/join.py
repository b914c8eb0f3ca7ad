"""Join a workshop and vote: the participant's page, and the only page a participant's session gets.

The address holds the join code and the participant's secret token (``?join=CODE&p=TOKEN``): a
refresh, a dropped connection or a phone waking up comes back to the open subdomain with the vote
shown. The screen follows the facilitator through a small fragment that reads one row every few
seconds and reruns the page only when that row changed.
"""

import time

import streamlit as st

from cpss.db import assessments, workshop_votes, workshops
from cpss.db.workshops import cached_state
from cpss.i18n import format_date
from cpss.model.access import participant
from cpss.model.errors import UserError
from cpss.model.scoring import choice_label
from cpss.model.throttle import Throttle
from cpss.model.workshops import VOTE_CHOICES, normalise_code
from ui import personal_data_warning, resources, same_device
from ui.i18n import _, place_of, tr
from ui.language import ballot_picker, english_original
from ui.privacy import join_notice, privacy_link
from ui.widgets import message, phase_choice_area, phase_radio, plain, problem_text
from ui.workshop_views import POLL_SECONDS, offline_banner

framework = resources.framework()


def code_form(problem: str | None = None) -> None:
    """Type the code shown at the front of the room."""
    st.title(_("Join a workshop"))
    if problem:
        st.error(message(problem))
    typed = st.text_input(
        _("Join code"),
        key="join_code_input",
        max_chars=12,
        placeholder=_("6 letters and digits, e.g. K7M2XQ"),
    )
    privacy_link()
    if st.button(_("Join"), key="join_go", type="primary"):
        try:
            st.query_params["join"] = normalise_code(typed)
        except UserError as wrong:
            st.error(message(wrong))
            return
        st.rerun()


def join_form(workshop) -> None:
    """Join: with an optional name when the facilitator asks for names, else anonymously."""
    st.title(_("Join the workshop"))
    rated = assessments.assessment(resources.db(), workshop.assessment_id).details
    # Which room this is: two workshops can run at once, and a code can be mistyped.
    st.markdown(
        plain(f"{place_of(rated)} · {rated.title} · {format_date(rated.assessment_date, tr())}"),
        help=_("The assessment this workshop rates."),
    )
    join_notice()  # what is kept, before anything is typed
    name = ""
    if workshop.ask_names:
        name = st.text_input(
            _("Your name (optional: leave it empty to stay anonymous)"),
            key="join_name",  # no max_chars: the browser would cut a paste without a word
        )
    else:
        st.markdown(
            _(
                "Your votes are anonymous: the facilitator sees how many chose each phase, "
                "never who chose what."
            )
        )
    if st.button(_("Join the workshop"), key="join_enter", type="primary"):
        try:
            st.query_params["p"] = workshop_votes.join(resources.db(), workshop.id, name)
        except UserError as problem:
            st.error(message(problem))
            return
        st.rerun()


@st.fragment(run_every=POLL_SECONDS)
def follow(workshop_id: str) -> None:
    """Read the workshop's state row; rerun the page when the facilitator changed it."""
    # no database read unless it changed (or other processes may write)
    state = cached_state(workshop_id, resources.db, resources.connection().single_writer)
    if state != st.session_state.get("seen_state"):
        st.rerun(scope="app")


def cast(workshop_id: str, token: str, subdomain_id: str) -> None:
    """Store the vote and comment on screen (a widget callback)."""
    state = st.session_state
    if state.vote is None:
        state.vote_problem = _('Choose a phase or "don\'t know" to send your comment with it.')
        return
    comment = state.get("vote_comment") or ""
    overridden = personal_data_warning.checked(
        "vote",
        {"comment": comment},
        {"comment": state.get("stored_comment", "")},
        state.get("ballot_country"),
    )
    if overridden is None:  # the warning is shown under the comment: nothing sent yet
        return
    try:
        workshop_votes.vote(
            resources.db(),
            workshop_id,
            token,
            subdomain_id,
            state.vote,
            comment,
            overridden=overridden,
        )
    except UserError as problem:
        state.vote_problem = problem_text(problem)  # in the session's language


def ballot(workshop_id: str, token: str, state) -> None:
    """The open subdomain's phase texts and the vote; the stored vote is what is shown."""
    subdomain = framework.subdomain(state.subdomain_id)
    mine = workshop_votes.my_vote(resources.db(), workshop_id, token, subdomain.id)
    if st.session_state.get("voting_on") != (workshop_id, subdomain.id):
        st.session_state.update(
            voting_on=(workshop_id, subdomain.id),
            vote=mine[0] if mine else None,
            vote_comment=mine[1] if mine else "",
        )
    st.session_state.stored_comment = mine[1] if mine else ""  # as the personal-data check reads
    st.caption(plain(framework.outcome(subdomain.outcome_id).label))
    st.markdown(f"### {plain(subdomain.label)}")
    args = (workshop_id, token, subdomain.id)
    with phase_choice_area(framework, subdomain, "vote"):
        phase_radio(
            framework,
            _("Your vote: which phase fits best?"),
            VOTE_CHOICES,
            key="vote",
            disabled=state.locked,
            on_change=cast,
            args=args,
        )
    english_original(framework, subdomain, "english_original")
    comment_box(args)
    vote_state(mine, state.locked)


def comment_box(args: tuple) -> None:
    """The comment and its Send button. Never disabled, and no max_chars: a lock or an over-long
    paste must not take away text the participant typed (the server checks the length)."""
    st.text_area(
        _("Comment (optional, shown without your name)"),
        key="vote_comment",
        on_change=cast,
        args=args,
    )
    st.button(_("Send"), key="vote_send", icon=":material/send:", on_click=cast, args=args)
    labels = {"comment": _("Comment (optional, shown without your name)")}
    personal_data_warning.warning("vote", labels, cast, args)


def vote_state(mine, locked: bool) -> None:
    """What is saved, what is not (an error, a comment not sent), and whether voting is locked."""
    problem = st.session_state.pop("vote_problem", None)
    unsent = (st.session_state.get("vote_comment") or "").strip() != (mine[1] if mine else "")
    with st.container(key="vote_state"):
        if problem:
            st.error(message(_("Not saved: {problem}", problem=problem)))
        elif mine:
            choice = plain(_(choice_label(framework, mine[0])))
            if mine[1]:
                saved = _("Your vote and comment are saved: {choice}.", choice=choice)
            else:
                saved = _("Your vote is saved: {choice}.", choice=choice)
            st.success(saved, icon=":material/check_circle:")
        else:
            st.caption(_("You have not voted on this subdomain yet."))
        if unsent and locked:
            st.warning(
                _("Your comment was not sent: voting was locked first. It is still in the box."),
                icon=":material/cancel_schedule_send:",
            )
        elif unsent and not problem:  # a refusal above already says what to do
            st.warning(_("Your comment is not sent yet: press Send."), icon=":material/send:")
        if locked:
            # A lock can come while the box holds text the browser has not sent yet (it sends
            # on leaving the box or on Send): the server cannot know, so it says it for any.
            st.info(
                _(
                    "Voting on this subdomain is locked. Anything typed in the comment box since "
                    "your last save was not sent: it stays in the box."
                ),
                icon=":material/lock:",
            )
        else:
            st.caption(_("You can change your vote until the facilitator locks voting."))


def find_workshop(typed: str):
    """The open workshop with this code; wrong codes from this session are slowed down."""
    throttle = st.session_state.get("join_throttle", Throttle())
    throttle.check(time.monotonic(), "code")
    try:
        workshop = workshops.by_code(resources.db(), typed)
    except UserError:
        st.session_state.join_throttle = throttle.failed(time.monotonic())
        raise
    st.session_state.join_throttle = throttle.succeeded()
    return workshop


def main() -> None:
    """Code form, join form, or the open subdomain, depending on the address."""
    offline_banner()
    ballot_picker()  # each participant's own language, whatever the projector shows
    typed = st.query_params.get("join")
    if not typed:
        code_form()
        return
    try:
        workshop = find_workshop(typed)
    except UserError as problem:
        st.query_params.pop("join", None)
        st.query_params.pop("p", None)
        code_form(problem_text(problem))
        return
    # The session may now vote in this workshop, and in no other (see cpss.model.access).
    st.session_state.participant_workshop = workshop.id
    st.session_state.actor = participant(workshop.id)
    global framework  # the ballot shows the texts of the version the assessment was made on
    framework = resources.show_assessment(workshop.assessment_id)
    if st.session_state.get("ballot_country_of") != workshop.id:  # its phone formats, read once
        rated = assessments.assessment(resources.db(), workshop.assessment_id).details
        st.session_state.update(ballot_country_of=workshop.id, ballot_country=rated.country_code)
    token = st.query_params.get("p")
    try:
        workshop_votes.participant_id(resources.db(), workshop.id, token)
    except UserError:
        same_device.resume(workshop.code)  # a tab that joined before goes on as that participant
        join_form(workshop)
        return
    same_device.remember(workshop.code, token)
    state = cached_state(workshop.id, resources.db, resources.connection().single_writer)
    st.session_state.seen_state = state
    if state.subdomain_id is None:
        st.info(
            _(
                "You have joined. Waiting for the facilitator to open the first subdomain: this "
                "screen follows by itself."
            ),
            icon=":material/hourglass_empty:",
        )
    else:
        ballot(workshop.id, token, state)
    privacy_link()
    follow(workshop.id)


main()
