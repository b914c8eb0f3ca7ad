"""The administrators' *Remove a name* section: type a name, see every workshop participant it
matches, confirm, and the name is erased from all of them at once (votes kept, anonymous)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cpss.db import name_removal
from cpss.db.core import Db
from cpss.i18n import format_datetime
from ui.i18n import _, moments, ngettext, tr
from ui.widgets import plain


def name_removal_section(db: Db) -> None:
    """Find a person's name in every workshop, then remove it on confirmation."""
    st.markdown("## " + _("Remove a name"))
    st.caption(
        _(
            "When someone asks for their name to be removed: it is erased from every workshop "
            "they joined. Their votes and comments stay, without a name."
        )
    )
    if done := st.session_state.pop("name_removed", None):
        st.success(done, icon=":material/task_alt:")
    typed = st.text_input(_("Name as they gave it"), key="remove_name_typed", max_chars=200)
    found = name_removal.matches(db, typed)
    if typed.strip() and not found:
        st.info(_("No workshop participant has this name."))
    if found:
        matches_table(found)
        sure = st.checkbox(
            ngettext(
                "Remove this name from {count} participant",
                "Remove this name from {count} participants",
                len(found),
            ),
            key="remove_name_sure",
        )
        st.button(
            _("Remove the name"),
            key="remove_name_go",
            disabled=not sure,
            icon=":material/person_remove:",
            on_click=remove,
            args=(db, typed),
        )
    past_removals(db)


def matches_table(found: list[name_removal.Named]) -> None:
    """The participants the typed name matches, to check before removing."""
    st.dataframe(
        pd.DataFrame(
            {
                _("Name"): [n.name for n in found],
                _("Workshop code"): [n.code for n in found],
                _("Assessment"): [n.title for n in found],
                _("Joined (UTC)"): moments(pd.Series([n.joined_at for n in found])),
            }
        ),
        hide_index=True,
        key="remove_name_matches",
    )


def remove(db: Db, typed: str) -> None:
    """Remove the name, say how many rows changed, and clear the form (a button callback)."""
    count = name_removal.remove_name(db, typed)
    st.session_state.name_removed = ngettext(
        "The name was removed from {count} participant; the removal is recorded.",
        "The name was removed from {count} participants; the removal is recorded.",
        count,
    )
    st.session_state.remove_name_typed = ""
    st.session_state.remove_name_sure = False


def past_removals(db: Db) -> None:
    """The removals done so far (never the names)."""
    for moment, who, participants, _workshops in name_removal.removals(db)[:10]:
        when = format_datetime(moment, tr())  # not inside ngettext: the extractor reads tr() as one
        st.caption(
            plain(
                ngettext(
                    "{when} UTC: {who} removed a name from {count} participant.",
                    "{when} UTC: {who} removed a name from {count} participants.",
                    participants,
                    when=when,
                    who=who,
                )
            )
        )
