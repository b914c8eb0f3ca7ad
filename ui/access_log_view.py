"""The access log on the Data and retention page: filtered by assessment and person, exported as
CSV, share links' openings counted per link, and how long entries are kept."""

from __future__ import annotations

import streamlit as st

from cpss.db import access_log, retention
from cpss.db.core import Db
from cpss.model.retention import ACCESS_LOG, ACTION_LABELS
from ui.i18n import _, moments, shown_as

ALL = ""  # the filters' "everyone / every assessment" choice


def access_log_section(db: Db) -> None:
    """The log's entries, newest first, with its filters, its CSV, and the openings per link."""
    st.markdown("## " + _("Access log"))
    kept = retention.settings(db)[ACCESS_LOG]
    st.caption(
        _(
            "In team mode: who opened a dashboard, exported data or built a report, and share "
            "links' openings. Entries are kept {days} days; visitors' addresses at most a day.",
            days=kept.days,
        )
    )
    everything = access_log.entries(db)
    left, right = st.columns(2)
    every = shown_as(lambda v: v or _("All"))
    ids = [ALL, *sorted(everything["assessment_id"].unique())]
    chosen = left.selectbox(_("Assessment"), ids, format_func=every, key="log_assessment")
    people = [ALL, *access_log.people(db)]
    person = right.selectbox(_("Person"), people, format_func=every, key="log_person")
    shown = access_log.entries(db, chosen or None, person or None)
    st.download_button(
        _("Download the access log as CSV"),
        shown.to_csv(index=False).encode(),
        file_name="access-log.csv",
        mime="text/csv",
        key="log_csv",
        on_click="ignore",
    )
    shown["action"] = shown["action"].map(lambda action: _(ACTION_LABELS[action]))
    shown["recorded_at"] = moments(shown["recorded_at"])
    st.dataframe(shown.rename(columns=_labels()), hide_index=True, key="access_log_table")
    links = access_log.link_openings(db)
    if not links.empty:
        st.markdown("**{}**".format(_("Share links' openings, per link")))
        links["last_opened"] = moments(links["last_opened"])
        st.dataframe(links.rename(columns=_labels()), hide_index=True, key="link_openings")


def _labels() -> dict[str, str]:
    return {
        "recorded_at": _("When (UTC)"),
        "person": _("Who"),
        "role": _("Role"),
        "action": _("What"),
        "assessment_id": _("Assessment"),
        "link_id": _("Share link"),
        "address": _("Address (kept a day)"),
        "openings": _("Openings"),
        "last_opened": _("Last opened (UTC)"),
    }
