"""The walk-through's tools beyond rating: a subdomain's history with restore, the details with
their history, share links, and deleting with a confirmation dialog."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from cpss.db import assessments, lifecycle, share_links
from cpss.db.core import Db
from cpss.db.lifecycle import UNDO_DAYS
from cpss.db.personal_data import ANSWER, place
from cpss.i18n import N_, format_datetime
from cpss.model.answers import Answer
from cpss.model.assessments import TEXT_LIMITS, AssessmentDetails
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from cpss.model.scoring import answer_label
from cpss.present.qr import app_base_url
from ui import personal_data_warning, resources
from ui.answer_editor import text_labels
from ui.documents import document_labels
from ui.i18n import _, days, moments, place_of, tr
from ui.widgets import STATUS_WORDS, message, plain, problem_text

# Stored words of the history tables (where a rating came from, confidence levels), as they are
# in English: marked for translation here, translated where shown (:func:`_word`).
STORED_WORDS = (
    *(N_("solo"), N_("workshop"), N_("restore"), N_("worksheet")),
    *(N_("low"), N_("medium"), N_("high")),
)
# The details' history: column headers.
DETAILS_HEADERS = {
    "recorded_at": N_("When (UTC)"),
    "recorded_by": N_("By"),
    "title": N_("Title"),
    "unit": N_("Sub-national unit"),
    "assessment_date": N_("Date"),
    "assessor": N_("Assessor"),
    "status": N_("Status"),
}


def _word(stored: object) -> object:
    """A stored word (a source, a confidence level) in the session's language; anything else
    (an empty cell) as it is."""
    return _(stored) if isinstance(stored, str) and stored else stored


def _answer_text(framework: Framework, row) -> str:
    status = None if pd.isna(row.answer) else row.answer
    answer = Answer(status, None if pd.isna(row.phase) else int(row.phase))
    return _(answer_label(framework, answer))


def _version_label(framework: Framework, row) -> str:
    return (
        f"{format_datetime(row.recorded_at, tr(), seconds=True)} · {row.recorded_by} · "
        f"{_answer_text(framework, row)}"
    )


def restore_version(assessment_id: str, subdomain_id: str, seq: int, load) -> None:
    """Make an earlier version current again and put it into the editor (a button callback)."""
    db = resources.db()
    try:
        restored = lifecycle.restore_answer(
            db, assessment_id, subdomain_id, seq, by=st.session_state.recorded_by
        )
    except UserError as problem:
        st.session_state.save_state = ("error", problem_text(problem))
        return
    load(restored)
    st.session_state.save_state = (
        "saved",
        _("{time} (an earlier version restored)", time=datetime.now().strftime("%H:%M:%S")),
    )


def _overrides(db: Db, assessment_id: str, subdomain_id: str) -> None:
    """The subdomain's saves after the personal-data warning: its answer's texts, its documents'."""
    where, labels = place(ANSWER, subdomain_id), text_labels() | document_labels()
    personal_data_warning.overrides_table(db, assessment_id, where, labels)


def history_panel(
    framework: Framework, db: Db, assessment_id: str, subdomain_id: str, read_only: bool, load
) -> None:
    """Every saved version of the subdomain's answer, newest first, and restoring one of them.

    Shown on request: drawn on every click of the walk-through, the history table was a quarter of
    the server's work per click (bench/profiles), for a panel that is rarely open.
    """
    if not st.toggle(_("Show the history of this subdomain"), key="show_history"):
        return
    history = assessments.answer_history(db, assessment_id, subdomain_id)
    with st.container(border=True, key="history_panel"):
        if history.empty:  # a document attached with the warning overridden shows still
            st.caption(_("Nothing saved yet."))
            _overrides(db, assessment_id, subdomain_id)
            return
        st.dataframe(
            pd.DataFrame(
                {
                    _("When (UTC)"): moments(history["recorded_at"], seconds=True),
                    _("By"): history["recorded_by"],
                    _("How"): history["source"].map(_word),
                    _("Answer"): [_answer_text(framework, r) for r in history.itertuples()],
                    _("Target"): history["target"],
                    _("Confidence"): history["confidence"].map(_word),
                    _("Evidence"): history["evidence"],
                    _("Rationale"): history["rationale"],
                }
            ),
            hide_index=True,
            key=f"history_{subdomain_id}",
        )
        _overrides(db, assessment_id, subdomain_id)
        if read_only or len(history) < 2:
            return
        labels = {int(r.seq): _version_label(framework, r) for r in history.iloc[1:].itertuples()}
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        seq = left.selectbox(
            _("An earlier version"),
            list(labels),
            format_func=labels.get,
            key=f"restore_pick_{subdomain_id}",
        )
        right.button(
            _("Restore this version"),
            key=f"restore_{subdomain_id}",
            icon=":material/history:",
            on_click=restore_version,
            args=(assessment_id, subdomain_id, seq, load),
            help=_("Restoring adds a new version; the history keeps every one."),
        )


def details_editor(db: Db, assessment) -> None:
    """Change the title, unit, date and assessor (a new version each time), with their history."""
    details = assessment.details
    with st.expander(_("Details and their history")):
        with st.form("edit_details", border=False):
            title = st.text_input(
                _("Title"), value=details.title, key="edit_title", max_chars=TEXT_LIMITS["title"]
            )
            unit = st.text_input(
                _("Sub-national unit"),
                value=details.unit,
                key="edit_unit",
                max_chars=TEXT_LIMITS["unit"],
            )
            when = st.date_input(
                _("Date"), value=details.assessment_date, key="edit_date", format="DD/MM/YYYY"
            )
            assessor = st.text_input(
                _("Assessor"),
                value=details.assessor,
                key="edit_assessor",
                max_chars=TEXT_LIMITS["assessor"],
            )
            submitted = st.form_submit_button(
                _("Save the details"),
                key="edit_save",
                disabled=assessment.is_final,
                icon=":material/save:",
            )
        if submitted:
            new = AssessmentDetails(
                details.country_code, details.country, title, when, unit, assessor
            )
            try:
                lifecycle.edit_details(db, assessment.id, new, by=st.session_state.recorded_by)
            except UserError as problem:
                st.error(message(problem))
            else:
                st.rerun()
        history = lifecycle.details_history(db, assessment.id)
        history["recorded_at"] = moments(history["recorded_at"], seconds=True)
        history["assessment_date"] = days(history["assessment_date"])
        history["status"] = history["status"].map(lambda s: _(STATUS_WORDS.get(s, s)))
        headers = {column: _(header) for column, header in DETAILS_HEADERS.items()}
        st.dataframe(history.rename(columns=headers), hide_index=True, key="details_history")


def share_links_panel(db: Db, assessment_id: str) -> None:
    """Read-only links to this assessment's dashboard: make one, see them, revoke one."""
    base = app_base_url(st.context.url or "http://localhost:8501/")
    with st.expander(_("Share read-only")):
        st.caption(
            _(
                "A share link opens this assessment's dashboard, read-only, and nothing else, "
                "without signing in. Anyone holding the link can open it until it is revoked."
            )
        )
        for row in share_links.links(db, assessment_id).itertuples():
            _share_link_row(db, base, row)
        chosen = [
            scope
            for scope in share_links.SCOPES
            if st.checkbox(_(SHARE_SCOPES[scope]), key=f"share_shows_{scope}")
        ]
        if st.button(_("Make a share link"), key="share_make", icon=":material/share:"):
            share_links.create(db, assessment_id, by=st.session_state.recorded_by, shows=chosen)
            st.rerun()


# What a share link may show beyond the dashboard, as its maker reads it (off by default).
SHARE_SCOPES = {
    "investment": N_("The new link also shows the investment figures"),
    "documents": N_("The new link also shows the evidence documents (they may hold personal data)"),
}
SHOWN_SCOPES = {"investment": N_("investment figures"), "documents": N_("evidence documents")}


def _share_link_row(db: Db, base: str, row) -> None:
    st.code(f"{base}?{urlencode({'share': row.token})}", language=None)
    left, right = st.columns([3, 1], vertical_alignment="center")
    made = format_datetime(row.created_at, tr())
    left.caption(plain(_("Made {when} UTC by {who}", when=made, who=row.created_by)))
    if row.shows:
        shown = ", ".join(_(SHOWN_SCOPES[scope]) for scope in row.shows.split(","))
        left.caption(_("Also shows: {parts}", parts=shown))
    if right.button(_("Revoke"), key=f"revoke_{row.token[:12]}", icon=":material/link_off:"):
        share_links.revoke(db, row.token, by=st.session_state.recorded_by)
        st.rerun()


def confirm_delete(db: Db, assessment) -> None:
    """The confirmation dialog; opened from the ``confirm_delete`` session flag. Made on each run,
    so that its title is in the session's language."""
    st.dialog(_("Delete this assessment?"))(_confirm_delete)(db, assessment)


def _confirm_delete(db: Db, assessment) -> None:
    st.markdown(plain(f"{place_of(assessment.details)} · {assessment.details.title}"))
    st.write(
        _(
            "It will be hidden everywhere. It can be brought back from the Assessments page for "
            "{days} days; after that only an administrator can remove it for good.",
            days=UNDO_DAYS,
        )
    )
    left, right = st.columns(2)
    if left.button(_("Delete"), key="delete_confirm", type="primary", icon=":material/delete:"):
        st.session_state.pop("confirm_delete", None)
        lifecycle.delete(db, assessment.id, by=st.session_state.recorded_by)
        st.switch_page("app_pages/home.py")
    if right.button(_("Cancel"), key="delete_cancel"):
        st.session_state.pop("confirm_delete", None)
        st.rerun()


def delete_button(db: Db, assessment) -> None:
    """The button that asks for confirmation before deleting."""
    if st.button(_("Delete this assessment"), key="delete_assessment", icon=":material/delete:"):
        st.session_state.confirm_delete = assessment.id
    if st.session_state.get("confirm_delete") == assessment.id:
        confirm_delete(db, assessment)
