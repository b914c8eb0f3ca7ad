"""Priorities and action plan: accept, reorder or dismiss the suggested priorities, and follow the
actions up, including those still open from earlier assessments of the same place.

Every change is stored as a new row (who and when); nothing is overwritten. The suggestions are a
compact ranked list (details on demand) in one tab, the plan in the other; the plan is a fragment,
so that adding or editing an action reruns the plan alone, not the suggestions.
"""

import streamlit as st

from cpss.db import assessments, plans
from cpss.model.errors import UserError
from cpss.model.plans import (
    ActionItem,
    arrange,
    dismiss,
    milestone_action,
    move,
    restore,
)
from cpss.model.priorities import Priority, method, rank_priorities, unanswered
from ui import resources
from ui.action_plan import SUGGESTIONS_ERROR, action_plan, recorded_by, run, show_error
from ui.i18n import _, ngettext, tr
from ui.picker import pick_assessment
from ui.widgets import (
    assessment_header,
    message,
    plain,
    priority_details,
    priority_title,
    unanswered_note,
)

framework = resources.framework()
db = resources.db()
CAN_EDIT = db.actor.can_edit  # viewers read the priorities and the plan, with no buttons


def change_review(assessment_id: str, shown: list[str], subdomain_id: str, how: str) -> None:
    """Move a suggestion up or down, dismiss or restore it (a button callback)."""
    review = plans.review(db, assessment_id)
    review = {
        "up": lambda: move(review, shown, subdomain_id, -1),
        "down": lambda: move(review, shown, subdomain_id, +1),
        "dismiss": lambda: dismiss(review, subdomain_id),
        "restore": lambda: restore(review, subdomain_id),
    }[how]()
    plans.save_review(db, assessment_id, review, recorded_by(db, assessment_id))


def accept(assessment_id: str, priority: Priority) -> None:
    """Turn a suggestion into an action item whose text is its milestone (a button callback)."""
    sub = framework.subdomain(priority.subdomain_id)
    phase = priority.milestone_phase
    what = milestone_action(
        sub.label, priority, framework.phase_name(phase) if phase else None, tr=tr()
    )
    plans.add_item(
        db,
        assessment_id,
        ActionItem(what[:500], subdomain_id=sub.id),
        recorded_by(db, assessment_id),
    )


def suggestions(assessment_id: str) -> None:
    """The subdomains to rate first, then the suggested priorities in the user's order, one row
    each, then the dismissed."""
    answers = assessments.current_answers(db, assessment_id)
    unanswered_note(framework, unanswered(framework, answers), assessment_id if CAN_EDIT else None)
    suggested, dismissed = arrange(
        rank_priorities(framework, answers, tr=tr()), plans.review(db, assessment_id)
    )
    planned = {s.item.subdomain_id for s in plans.items(db, assessment_id)}
    shown = [p.subdomain_id for p in suggested]
    if not suggested:
        st.info(_("No suggestion: answer more subdomains, or every rated one is at its target."))
    for position, priority in enumerate(suggested, start=1):
        with st.container(border=True, key=f"priority_{priority.subdomain_id}"):
            priority_row(assessment_id, priority, position, shown, planned)
    if dismissed and CAN_EDIT:
        dismissed_list(assessment_id, dismissed, shown)


def priority_row(
    assessment_id: str, priority: Priority, position: int, shown: list[str], planned: set[str]
) -> None:
    """One suggestion on one line: rank, subdomain, badge and main reason, then its buttons and
    the full reasons and milestone behind "Details"."""
    text, actions = st.columns([3, 2], vertical_alignment="center")
    more = len(priority.reasons) - 1
    extra = " *({})*".format(ngettext("+{count} more", "+{count} more", more)) if more else ""
    text.markdown(
        f"{priority_title(framework, priority, position)}  \n"
        f":small[{plain(priority.reasons[0])}{extra}]"
    )
    with actions, st.container(horizontal=True, horizontal_alignment="right"):
        if CAN_EDIT:
            suggestion_buttons(
                assessment_id, priority, position, shown, priority.subdomain_id in planned
            )
        with st.popover(
            _("Details"), icon=":material/info:", key=f"details_{priority.subdomain_id}"
        ):
            priority_details(framework, priority)


def suggestion_buttons(
    assessment_id: str, priority: Priority, position: int, shown: list[str], planned: bool
) -> None:
    """Move up or down, accept into the plan (or say it is there), dismiss. Small buttons with a
    word each (no tooltips: a tooltip makes Streamlit draw a button twice)."""
    sid, args = priority.subdomain_id, (assessment_id, shown, priority.subdomain_id)
    for how, icon, words, disabled in (
        ("up", "arrow_upward", _("Up"), position == 1),
        ("down", "arrow_downward", _("Down"), position == len(shown)),
    ):
        st.button(
            words,
            key=f"{how}_{sid}",
            icon=f":material/{icon}:",
            type="tertiary",  # small buttons keep the row short
            disabled=disabled,
            on_click=run,
            args=(change_review, *args, how),
        )
    if planned:
        st.markdown(":green-badge[:material/check: " + _("In the action plan") + "]")
    else:
        st.button(
            _("Accept"),
            key=f"accept_{sid}",
            icon=":material/add_task:",
            on_click=run,
            args=(accept, assessment_id, priority),
        )
    st.button(
        _("Dismiss"),
        key=f"dismiss_{sid}",
        icon=":material/close:",
        type="tertiary",
        on_click=run,
        args=(change_review, *args, "dismiss"),
    )


def dismissed_list(assessment_id: str, dismissed: list[Priority], shown: list[str]) -> None:
    """The dismissed suggestions, each with a button to suggest it again."""
    with st.expander(_("Dismissed suggestions ({count})", count=len(dismissed))):
        for priority in dismissed:
            label = framework.subdomain(priority.subdomain_id).label
            st.button(
                _("Suggest again: {subdomain}", subdomain=label),
                key=f"restore_{priority.subdomain_id}",
                icon=":material/undo:",
                on_click=run,
                args=(change_review, assessment_id, shown, priority.subdomain_id, "restore"),
            )


st.title(_("Priorities and action plan"))
chosen_id = pick_assessment(db, key="plan")
if chosen_id:
    framework = resources.show_assessment(chosen_id)  # its own version, whatever is newer
    try:
        assessment_header(assessments.assessment(db, chosen_id))
    except UserError as problem:
        st.error(message(problem))
        st.stop()
    show_error(SUGGESTIONS_ERROR)
    suggestions_tab, plan_tab = st.tabs(
        [_("Suggested priorities"), _("Action plan")], key="plan_tabs"
    )
    with suggestions_tab:
        with st.expander(_("How the priorities are ranked")):
            st.markdown(plain(method(tr=tr(), ranking=framework.ranking)))
        suggestions(chosen_id)
    with plan_tab:
        action_plan(db, chosen_id)
