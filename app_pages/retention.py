"""Data and retention (administrators only): the retention rules with their values, each change
shown with what it would remove now first; the recent removals; the access log."""

import streamlit as st

from cpss.db import retention
from cpss.db.retention_rules import Removal
from cpss.model.retention import EVENT_LABELS, MAX_DAYS, RULE_LABELS, RuleSetting
from cpss.model.times import utc_now
from ui import resources
from ui.access_log_view import access_log_section
from ui.i18n import _, moments, ngettext

db = resources.db()
NOW = utc_now()


def would_remove(found: Removal) -> str:
    """What saving the rule would remove at once, in words."""
    n = found.rows
    if found.rule == "names":
        return ngettext(
            "This will remove {count} participant's name now.",
            "This will remove {count} participants' names now.",
            n,
        )
    if found.rule == "votes":
        return ngettext(
            "This will reduce {count} recorded vote to tallies now.",
            "This will reduce {count} recorded votes to tallies now.",
            n,
        )
    if found.rule == "purge":
        return ngettext(
            "This will purge {count} deleted assessment for good now.",
            "This will purge {count} deleted assessments for good now.",
            n,
        )
    return ngettext(
        "This will remove {count} access log entry now.",
        "This will remove {count} access log entries now.",
        n,
    )


def rule_form(setting: RuleSetting) -> None:
    """One rule: its days and switch, what saving would remove now, and Save."""
    rule = setting.rule
    with st.container(border=True):
        st.markdown(f"**{_(RULE_LABELS[rule])}**")
        if not setting.confirmed:
            st.caption(
                _(
                    "The default is in force and not confirmed yet: it runs on its own only "
                    "while it removes nothing. Save it to confirm it."
                )
            )
        days = int(st.number_input(_("Days"), 1, MAX_DAYS, setting.days, key=f"ret_days_{rule}"))
        enabled = st.toggle(_("Switched on"), setting.enabled, key=f"ret_on_{rule}")
        found = retention.preview(db, rule, days, NOW) if enabled else None
        sure = True
        if found is not None and found.rows:
            st.warning(would_remove(found))
            sure = st.checkbox(_("I understand: this cannot be undone"), key=f"ret_sure_{rule}")
        elif enabled:
            st.caption(_("Nothing would be removed now."))
        if st.button(_("Save"), key=f"ret_save_{rule}", disabled=not sure):
            retention.save_setting(db, rule, days, enabled, by=db.actor.name)
            st.success(_("Saved: the rule runs within the hour, each removal recorded below."))


def events_section() -> None:
    """The latest removals, by rule or on request."""
    st.markdown("## " + _("Recent removals"))
    found = retention.events(db)
    if found.empty:
        st.caption(_("Nothing has been removed yet."))
        return
    found["kind"] = found["kind"].map(lambda kind: _(EVENT_LABELS.get(kind, kind)))
    found["recorded_at"] = moments(found["recorded_at"])
    labels = {
        "recorded_at": _("When (UTC)"),
        "kind": _("What"),
        "removed": _("How many"),
        "rule": _("Rule"),
        "detail": _("Of (ids)"),
        "recorded_by": _("By"),
    }
    st.dataframe(found.rename(columns=labels), hide_index=True, key="retention_events")


st.title(_("Data and retention"))
st.caption(
    _(
        "The rules below remove data the app no longer needs, checked at start and at most "
        "once an hour. Each removal is recorded under Recent removals."
    )
)
for setting in retention.settings(db).values():
    rule_form(setting)
events_section()
access_log_section(db)
