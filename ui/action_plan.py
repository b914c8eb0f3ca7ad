"""The *Action plan* tab of the plan page: this assessment's actions and those still open from
earlier assessments, each an editable form with its history, a form to add one, and static tables
for viewers. The tab is a fragment, so that adding or editing an action reruns it alone.

Also the refusal helpers the plan page shares (:func:`run`, :func:`show_error`). The page passes
its ``Db`` in; every change is stored as a new row.
"""

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from cpss.db import assessments, plans
from cpss.db.core import Db
from cpss.db.personal_data import ACTION, place
from cpss.i18n import format_datetime
from cpss.model.errors import UserError
from cpss.model.plans import ITEM_STATUSES, ActionItem, StoredItem
from cpss.present.chart_data import items_table
from ui import personal_data_warning
from ui.action_money import money_editor, money_labels, money_read_only
from ui.i18n import _, days, moments, shown_as, tr
from ui.widgets import message, plain, plain_table, problem_text

EARLIEST_DUE = date(2000, 1, 1)  # date_input's default range ends ten years back


def recorded_by(db: Db, assessment_id: str) -> str:
    """Who a change is recorded under until sign-in exists: the assessor, or "solo user"."""
    return assessments.assessment(db, assessment_id).details.assessor or "solo user"


SUGGESTIONS_ERROR, PLAN_ERROR = "plan_error", "plan_item_error"  # where each part shows a refusal


def run(action, *args, error_key: str = SUGGESTIONS_ERROR) -> None:
    """Run a storing callback, keeping a refusal to show it on the next run (in ``error_key``)."""
    try:
        action(*args)
    except UserError as problem:
        st.session_state[error_key] = problem_text(problem)  # in the session's language


def show_error(error_key: str) -> None:
    """The refusal kept by :func:`run` under ``error_key``, once."""
    if error := st.session_state.pop(error_key, None):
        st.error(message(error))


def save_item(db: Db, stored: StoredItem, form_key: str, reviewed_in: str) -> None:
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
    rated = assessments.assessment(db, reviewed_in).details
    overridden = personal_data_warning.checked(
        form_key,
        {"what": item.what, "notes": item.notes},
        {"what": stored.item.what, "notes": stored.item.notes},
        rated.country_code,
    )
    if overridden is None:  # the warning is shown under the form: nothing saved yet
        return
    by = rated.assessor or "solo user"  # as recorded_by()
    plans.update_item(db, stored.item_id, item, by, reviewed_in=reviewed_in, overridden=overridden)


def item_labels() -> dict[str, str]:
    """An action item's free texts, named as its form shows them."""
    return {"what": _("Action"), "notes": _("Notes")}


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """An item's versions with readable headers and status words."""
    return pd.DataFrame(
        {
            _("When"): moments(history["recorded_at"]),
            _("By"): history["recorded_by"],
            _("Status"): history["status"].map(lambda status: _(ITEM_STATUSES[status])),
            _("Owner"): history["owner"],
            _("Due"): days(history["due_date"]),
            _("Action"): history["what"],
            _("Notes"): history["notes"],
        }
    )


def item_form(db: Db, stored: StoredItem, reviewed_in: str) -> None:
    """An editable action item, with its history; saving appends a new version."""
    item, key = stored.item, f"item_{stored.item_id}"
    title = f"{_(ITEM_STATUSES[item.status])} · {item.what}"
    with st.expander(plain(title[:120]) + ("…" if len(title) > 120 else "")):
        with st.form(key=key, border=False):
            st.text_area(_("Action"), value=item.what, key=f"{key}_what", max_chars=500)
            owner, due, status = st.columns(3)
            owner.text_input(_("Owner"), value=item.owner, key=f"{key}_owner", max_chars=120)
            due.date_input(
                _("Due date"),
                value=item.due_date,
                key=f"{key}_due",
                format="DD/MM/YYYY",
                min_value=min(EARLIEST_DUE, item.due_date or EARLIEST_DUE),
            )
            status.selectbox(
                _("Status"),
                list(ITEM_STATUSES),
                format_func=shown_as(ITEM_STATUSES.__getitem__),
                index=list(ITEM_STATUSES).index(item.status),
                key=f"{key}_status",
            )
            st.text_area(_("Notes"), value=item.notes, key=f"{key}_notes", max_chars=4000)
            st.form_submit_button(
                _("Save"),
                key=f"{key}_save",
                icon=":material/save:",
                on_click=run,
                args=(save_item, db, stored, key, reviewed_in),
                kwargs={"error_key": PLAN_ERROR},
            )
        save_anyway = partial(run, error_key=PLAN_ERROR)
        args = (save_item, db, stored, key, reviewed_in)
        personal_data_warning.warning(key, item_labels(), save_anyway, args)
        history = plans.item_history(db, stored.item_id)
        if len(history) > 1:
            st.caption(_("Every version, newest first (times in UTC):"))
            st.dataframe(history_table(history), hide_index=True, key=f"{key}_history")
        else:
            when = format_datetime(stored.recorded_at, tr())
            st.caption(plain(_("Added {when} UTC by {who}.", when=when, who=stored.recorded_by)))
        # The item's texts and its money's (donor, spending notes) saved after the warning.
        labels = item_labels() | money_labels()
        where = place(ACTION, stored.item_id)
        personal_data_warning.overrides_table(db, stored.assessment_id, where, labels)
        by = recorded_by(db, reviewed_in)
        money_editor(db, stored, by, partial(run, error_key=PLAN_ERROR))


def add_item(db: Db, assessment_id: str) -> None:
    """Store the new action item from its form (a submit callback)."""
    state = st.session_state
    rated = assessments.assessment(db, assessment_id).details
    texts = {"what": state.new_item_what, "owner": state.new_item_owner}
    overridden = personal_data_warning.checked("new_item", texts, {}, rated.country_code)
    if overridden is None:  # the warning is shown under the form: nothing added yet
        return
    item = ActionItem(what=texts["what"], owner=texts["owner"], due_date=state.new_item_due)
    plans.add_item(db, assessment_id, item, rated.assessor or "solo user", overridden)
    # Cleared only once stored: a refused action keeps what was typed, to be corrected.
    state.update(new_item_what="", new_item_owner="", new_item_due=None)


def read_only_plan(db: Db, items: list[StoredItem], carried: list[StoredItem]) -> None:
    """The action plan as static tables, for viewers, then each action's money."""
    if items:
        st.table(plain_table(items_table(items)), hide_index=True)
        st.markdown(_("### Budget and spending"))
        for stored in items:
            st.markdown(plain(stored.item.what))
            money_read_only(db, stored)
    else:
        st.caption(_("No action yet."))
    if carried:
        st.markdown(_("### Follow-up of earlier assessments' actions"))
        st.table(plain_table(items_table(carried)), hide_index=True)


@st.fragment
def action_plan(db: Db, assessment_id: str) -> None:
    """This assessment's actions, those open from earlier assessments, and a form to add one.

    A fragment: adding or saving an action reruns this part only. Accepting a suggestion, which
    changes the suggestions too, reruns the whole page.
    """
    show_error(PLAN_ERROR)
    items = plans.items(db, assessment_id)
    if not db.actor.can_edit:  # viewers read the plan, with no buttons
        read_only_plan(db, items, plans.carried_items(db, assessment_id))
        return
    if not items:
        st.caption(_("No action yet: accept a suggestion, or add one below."))
    for stored in items:
        item_form(db, stored, assessment_id)
    carried = plans.carried_items(db, assessment_id)
    if carried:
        st.markdown(_("### Follow-up of earlier assessments' actions"))
        st.caption(
            _(
                "Actions still open from earlier assessments of this place. A status set here "
                "is recorded as part of this assessment's follow-up."
            )
        )
        for stored in carried:
            item_form(db, stored, assessment_id)
    with st.form("new_item"):
        st.markdown(_("**Add an action**"))
        st.text_input(_("Action"), key="new_item_what", max_chars=500)
        owner, due = st.columns(2)
        owner.text_input(_("Owner"), key="new_item_owner", max_chars=120)
        due.date_input(
            _("Due date"),
            value=None,
            key="new_item_due",
            min_value=EARLIEST_DUE,
            format="DD/MM/YYYY",
        )
        st.form_submit_button(
            _("Add"),
            key="new_item_add",
            icon=":material/add:",
            on_click=run,
            args=(add_item, db, assessment_id),
            kwargs={"error_key": PLAN_ERROR},
        )
    labels = {**item_labels(), "owner": _("Owner")}
    save_anyway = partial(run, error_key=PLAN_ERROR)
    personal_data_warning.warning("new_item", labels, save_anyway, (add_item, db, assessment_id))
