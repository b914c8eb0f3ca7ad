"""Priorities and action plan: accept, reorder or dismiss the suggested priorities, and follow the
actions up, including those still open from earlier assessments of the same place.

Every change is stored as a new row (who and when); nothing is overwritten. The suggestions are a
compact ranked list (details on demand) in one tab, the plan in the other; the plan is a fragment,
so that adding or editing an action reruns the plan alone, not the suggestions.
"""

from datetime import date

import pandas as pd
import streamlit as st

from cpss.db import assessments, plans
from cpss.model.errors import UserError
from cpss.model.plans import (
    ITEM_STATUSES,
    ActionItem,
    StoredItem,
    arrange,
    dismiss,
    milestone_action,
    move,
    restore,
)
from cpss.model.priorities import METHOD, Priority, rank_priorities, unanswered
from cpss.present.chart_data import items_table
from ui import resources
from ui.picker import pick_assessment
from ui.widgets import (
    assessment_header,
    message,
    plain,
    plain_table,
    priority_details,
    priority_title,
    unanswered_note,
)

EARLIEST_DUE = date(2000, 1, 1)  # date_input's default range ends ten years back

framework = resources.framework()
db = resources.db()
CAN_EDIT = db.actor.can_edit  # viewers read the priorities and the plan, with no buttons


def recorded_by(assessment_id: str) -> str:
    """Who a change is recorded under until sign-in exists: the assessor, or "solo user"."""
    return assessments.assessment(db, assessment_id).details.assessor or "solo user"


SUGGESTIONS_ERROR, PLAN_ERROR = "plan_error", "plan_item_error"  # where each part shows a refusal


def run(action, *args, error_key: str = SUGGESTIONS_ERROR) -> None:
    """Run a storing callback, keeping a refusal to show it on the next run (in ``error_key``)."""
    try:
        action(*args)
    except UserError as problem:
        st.session_state[error_key] = str(problem)


def show_error(error_key: str) -> None:
    """The refusal kept by :func:`run` under ``error_key``, once."""
    if error := st.session_state.pop(error_key, None):
        st.error(message(error))


def change_review(assessment_id: str, shown: list[str], subdomain_id: str, how: str) -> None:
    """Move a suggestion up or down, dismiss or restore it (a button callback)."""
    review = plans.review(db, assessment_id)
    review = {
        "up": lambda: move(review, shown, subdomain_id, -1),
        "down": lambda: move(review, shown, subdomain_id, +1),
        "dismiss": lambda: dismiss(review, subdomain_id),
        "restore": lambda: restore(review, subdomain_id),
    }[how]()
    plans.save_review(db, assessment_id, review, recorded_by(assessment_id))


def accept(assessment_id: str, priority: Priority) -> None:
    """Turn a suggestion into an action item whose text is its milestone (a button callback)."""
    sub = framework.subdomain(priority.subdomain_id)
    phase = priority.milestone_phase
    what = milestone_action(sub.label, priority, framework.phase_name(phase) if phase else None)
    plans.add_item(
        db, assessment_id, ActionItem(what[:500], subdomain_id=sub.id), recorded_by(assessment_id)
    )


def suggestions(assessment_id: str) -> None:
    """The subdomains to rate first, then the suggested priorities in the user's order, one row
    each, then the dismissed."""
    answers = assessments.current_answers(db, assessment_id)
    unanswered_note(framework, unanswered(framework, answers), assessment_id if CAN_EDIT else None)
    suggested, dismissed = arrange(
        rank_priorities(framework, answers), plans.review(db, assessment_id)
    )
    planned = {s.item.subdomain_id for s in plans.items(db, assessment_id)}
    shown = [p.subdomain_id for p in suggested]
    if not suggested:
        st.info("No suggestion: answer more subdomains, or every rated one is at its target.")
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
    extra = f" *(+{more} more)*" if more else ""
    text.markdown(
        f"{priority_title(framework, priority, position)}  \n"
        f":small[{plain(priority.reasons[0])}{extra}]"
    )
    with actions, st.container(horizontal=True, horizontal_alignment="right"):
        if CAN_EDIT:
            suggestion_buttons(
                assessment_id, priority, position, shown, priority.subdomain_id in planned
            )
        with st.popover("Details", icon=":material/info:", key=f"details_{priority.subdomain_id}"):
            priority_details(framework, priority)


def suggestion_buttons(
    assessment_id: str, priority: Priority, position: int, shown: list[str], planned: bool
) -> None:
    """Move up or down, accept into the plan (or say it is there), dismiss. Small buttons with a
    word each (no tooltips: a tooltip makes Streamlit draw a button twice)."""
    sid, args = priority.subdomain_id, (assessment_id, shown, priority.subdomain_id)
    for how, icon, words, disabled in (
        ("up", "arrow_upward", "Up", position == 1),
        ("down", "arrow_downward", "Down", position == len(shown)),
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
        st.markdown(":green-badge[:material/check: In the action plan]")
    else:
        st.button(
            "Accept",
            key=f"accept_{sid}",
            icon=":material/add_task:",
            on_click=run,
            args=(accept, assessment_id, priority),
        )
    st.button(
        "Dismiss",
        key=f"dismiss_{sid}",
        icon=":material/close:",
        type="tertiary",
        on_click=run,
        args=(change_review, *args, "dismiss"),
    )


def dismissed_list(assessment_id: str, dismissed: list[Priority], shown: list[str]) -> None:
    """The dismissed suggestions, each with a button to suggest it again."""
    with st.expander(f"Dismissed suggestions ({len(dismissed)})"):
        for priority in dismissed:
            label = framework.subdomain(priority.subdomain_id).label
            st.button(
                f"Suggest again: {label}",
                key=f"restore_{priority.subdomain_id}",
                icon=":material/undo:",
                on_click=run,
                args=(change_review, assessment_id, shown, priority.subdomain_id, "restore"),
            )


def save_item(stored: StoredItem, form_key: str, reviewed_in: str) -> None:
    """Store the edited item from its form (a submit callback)."""
    state = st.session_state
    item = ActionItem(
        what=state[f"{form_key}_what"],
        owner=state[f"{form_key}_owner"],
        due_date=state[f"{form_key}_due"],
        status=state[f"{form_key}_status"],
        notes=state[f"{form_key}_notes"],
        subdomain_id=stored.item.subdomain_id,
    )
    plans.update_item(db, stored.item_id, item, recorded_by(reviewed_in), reviewed_in=reviewed_in)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """An item's versions with readable headers and status words."""
    return pd.DataFrame(
        {
            "When": history["recorded_at"].dt.strftime("%d %b %Y %H:%M"),
            "By": history["recorded_by"],
            "Status": history["status"].map(ITEM_STATUSES),
            "Owner": history["owner"],
            "Due": history["due_date"],
            "Action": history["what"],
            "Notes": history["notes"],
        }
    )


def item_form(stored: StoredItem, reviewed_in: str) -> None:
    """An editable action item, with its history; saving appends a new version."""
    item, key = stored.item, f"item_{stored.item_id}"
    title = f"{ITEM_STATUSES[item.status]} · {item.what}"
    with st.expander(plain(title[:120]) + ("…" if len(title) > 120 else "")):
        with st.form(key=key, border=False):
            st.text_area("Action", value=item.what, key=f"{key}_what", max_chars=500)
            owner, due, status = st.columns(3)
            owner.text_input("Owner", value=item.owner, key=f"{key}_owner", max_chars=120)
            due.date_input(
                "Due date",
                value=item.due_date,
                key=f"{key}_due",
                format="DD/MM/YYYY",
                min_value=min(EARLIEST_DUE, item.due_date or EARLIEST_DUE),
            )
            status.selectbox(
                "Status",
                list(ITEM_STATUSES),
                format_func=ITEM_STATUSES.get,
                index=list(ITEM_STATUSES).index(item.status),
                key=f"{key}_status",
            )
            st.text_area("Notes", value=item.notes, key=f"{key}_notes", max_chars=4000)
            st.form_submit_button(
                "Save",
                key=f"{key}_save",
                icon=":material/save:",
                on_click=run,
                args=(save_item, stored, key, reviewed_in),
                kwargs={"error_key": PLAN_ERROR},
            )
        history = plans.item_history(db, stored.item_id)
        if len(history) > 1:
            st.caption("Every version, newest first (times in UTC):")
            st.dataframe(history_table(history), hide_index=True, key=f"{key}_history")
        else:
            when = f"{stored.recorded_at:%d %b %Y %H:%M} UTC"
            st.caption(plain(f"Added {when} by {stored.recorded_by}."))


def add_item(assessment_id: str) -> None:
    """Store the new action item from its form (a submit callback)."""
    state = st.session_state
    plans.add_item(
        db,
        assessment_id,
        ActionItem(
            what=state.new_item_what, owner=state.new_item_owner, due_date=state.new_item_due
        ),
        recorded_by(assessment_id),
    )
    # Cleared only once stored: a refused action keeps what was typed, to be corrected.
    state.update(new_item_what="", new_item_owner="", new_item_due=None)


def read_only_plan(items: list[StoredItem], carried: list[StoredItem]) -> None:
    """The action plan as static tables, for viewers."""
    if items:
        st.table(plain_table(items_table(items)), hide_index=True)
    else:
        st.caption("No action yet.")
    if carried:
        st.markdown("#### Follow-up of earlier assessments' actions")
        st.table(plain_table(items_table(carried)), hide_index=True)


@st.fragment
def action_plan(assessment_id: str) -> None:
    """This assessment's actions, those open from earlier assessments, and a form to add one.

    A fragment: adding or saving an action reruns this part only. Accepting a suggestion, which
    changes the suggestions too, reruns the whole page.
    """
    show_error(PLAN_ERROR)
    items = plans.items(db, assessment_id)
    if not CAN_EDIT:
        read_only_plan(items, plans.carried_items(db, assessment_id))
        return
    if not items:
        st.caption("No action yet: accept a suggestion, or add one below.")
    for stored in items:
        item_form(stored, assessment_id)
    carried = plans.carried_items(db, assessment_id)
    if carried:
        st.markdown("#### Follow-up of earlier assessments' actions")
        st.caption(
            "Actions still open from earlier assessments of this place. A status set here "
            "is recorded as part of this assessment's follow-up."
        )
        for stored in carried:
            item_form(stored, assessment_id)
    with st.form("new_item"):
        st.markdown("**Add an action**")
        st.text_input("Action", key="new_item_what", max_chars=500)
        owner, due = st.columns(2)
        owner.text_input("Owner", key="new_item_owner", max_chars=120)
        due.date_input(
            "Due date", value=None, key="new_item_due", min_value=EARLIEST_DUE, format="DD/MM/YYYY"
        )
        st.form_submit_button(
            "Add",
            key="new_item_add",
            icon=":material/add:",
            on_click=run,
            args=(add_item, assessment_id),
            kwargs={"error_key": PLAN_ERROR},
        )


st.title("Priorities and action plan")
chosen_id = pick_assessment(db, key="plan")
if chosen_id:
    try:
        assessment_header(assessments.assessment(db, chosen_id))
    except UserError as problem:
        st.error(message(problem))
        st.stop()
    show_error(SUGGESTIONS_ERROR)
    suggestions_tab, plan_tab = st.tabs(["Suggested priorities", "Action plan"], key="plan_tabs")
    with suggestions_tab:
        with st.expander("How the priorities are ranked"):
            st.markdown(plain(METHOD))
        suggestions(chosen_id)
    with plan_tab:
        action_plan(chosen_id)
