"""Evidence documents on a page: the walk-through's part (attach, list, download, remove,
restore) and the dashboard's read-only list.

Files are always offered as downloads with a safe name and their stored type, never shown inline.
The bytes are read when the download is clicked (a callable), not on every run.
"""

from __future__ import annotations

import os

import streamlit as st

from cpss.db import assessments, documents
from cpss.i18n import format_datetime, format_number
from cpss.model.documents import (
    MB,
    Document,
    NewDocument,
    max_bytes,
    safe_name,
    size_text,
    type_text,
)
from cpss.model.errors import UserError
from cpss.model.file_types import ALLOWED
from ui import personal_data_warning, resources
from ui.answer_editor import EDITOR
from ui.auth import secret_tables
from ui.i18n import _, tr
from ui.widgets import message, plain

# What the file picker offers (the content is checked again on attaching: docs/decisions/).
ENDINGS = sorted({e for kind in ALLOWED.values() for e in kind.endings})
DOCUMENT_CHECK = "document"  # the personal-data warning's place on the attach form


def limit() -> int:
    """The largest document in bytes (``CPSS_MAX_DOCUMENT_MB`` or ``[cpss] max_document_mb``)."""
    return max_bytes(secret_tables(), os.environ)


def documents_part(assessment_id: str, subdomain_id: str, read_only: bool) -> None:
    """The walk-through's "Evidence documents" on request (a toggle with the count), so that
    clicks on the rest of the page do not redraw the list."""
    current = documents.listed(resources.db(), assessment_id, subdomain_id)
    label = _("Evidence documents ({count})", count=len(current))
    if st.toggle(label, key="show_documents"):
        documents_panel(assessment_id, subdomain_id, read_only)


@st.fragment
def documents_panel(assessment_id: str, subdomain_id: str, read_only: bool) -> None:
    """Attach a document, the list with downloads and removal, and the removed ones to restore.
    A fragment: an upload or a removal reruns this part only."""
    db = resources.db()
    with st.container(border=True, key="documents_panel"):
        if not read_only:
            attach_form(assessment_id, subdomain_id)
        current = documents.listed(db, assessment_id, subdomain_id)
        if not current:
            st.caption(_("No document attached to this subdomain yet."))
        for document in current:
            document_row(document, editable=not read_only)
        removed = documents.listed(db, assessment_id, subdomain_id, removed=True)
        if removed and not read_only:
            removed_list(removed)


def attach_form(assessment_id: str, subdomain_id: str) -> None:
    """The file, its title and a note, and the button that attaches them."""
    state = st.session_state
    round_ = state.setdefault("document_round", 0)  # a new round clears the uploader
    chosen = st.file_uploader(
        _("Attach a document (PDF, Word, Excel, image or plain text; at most {mb} MB)", mb=_mb()),
        type=ENDINGS,
        key=f"document_file_{round_}",
    )
    if chosen is not None:  # the server has the file: say so before the click that keeps it
        st.caption(
            _(
                "Ready to attach: {name} ({size})",
                name=plain(chosen.name),
                size=size_text(chosen.size, tr()),
            )
        )
    left, right = st.columns(2)
    left.text_input(_("Title (the file name when left empty)"), key="document_title")
    right.text_input(_("Note (optional)"), key="document_note")
    st.button(
        _("Attach"), key="attach_document", on_click=attach, args=(assessment_id, subdomain_id)
    )
    personal_data_warning.warning(
        DOCUMENT_CHECK, document_labels(), attach, (assessment_id, subdomain_id)
    )
    kind, text = state.get("document_state") or ("", "")
    if kind == "error":
        st.error(message(text))
    elif kind == "attached":
        st.success(_("Attached: {title}", title=text), icon=None)


def _mb() -> str:
    return format_number(limit() / MB, tr())


def attach(assessment_id: str, subdomain_id: str) -> None:
    """Attach the chosen file (a button callback); what happened shows under the button."""
    state = st.session_state
    uploaded = state.get(f"document_file_{state.document_round}")
    if uploaded is None:
        state.document_state = ("error", _("Choose a file first, then attach it."))
        return
    texts = {"document_title": state.document_title, "document_note": state.document_note}
    overridden = _checked(assessment_id, texts)
    if overridden is None:  # the warning is shown under the button: nothing attached yet
        state.document_state = None
        return
    new = NewDocument(uploaded.name, uploaded.getvalue(), *texts.values())
    try:
        documents.attach(
            resources.db(), assessment_id, subdomain_id, new, state.recorded_by, limit(), overridden
        )
    except UserError as problem:
        state.document_state = ("error", problem.translated(tr()))
        return
    state.document_state = ("attached", new.title.strip() or new.file_name)
    state.document_round += 1
    state.document_title = state.document_note = ""
    st.rerun(scope=EDITOR)  # the whole editor: the toggle's count changed too


def document_labels() -> dict[str, str]:
    """A document's free texts, named as the attach form (and a subdomain's history) shows them."""
    return {"document_title": _("Document title"), "document_note": _("Document note")}


def _checked(assessment_id: str, texts: dict[str, str]) -> dict[str, list[str]] | None:
    """:func:`ui.personal_data_warning.checked` for the attach form's title and note."""
    country = assessments.assessment(resources.db(), assessment_id).details.country_code
    return personal_data_warning.checked(DOCUMENT_CHECK, texts, {}, country)


def document_row(document: Document, editable: bool) -> None:
    """A document's title, what it is, who added it and when; its download (and removal)."""
    with st.container(key=f"document_{document.document_id}"):
        text, download, remove = st.columns([6, 2, 2], vertical_alignment="center")
        text.markdown(f"**{plain(document.title)}**")
        text.caption(details_line(document))
        if document.note:
            text.caption(plain(document.note))
        download_button(download, document)
        if editable:
            remove.button(
                _("Remove"),
                key=f"remove_document_{document.document_id}",
                on_click=_set_removed,
                args=(document.document_id, True),
            )


def details_line(document: Document) -> str:
    """File name, type, size, who and when, in the session's language (escaped for Markdown)."""
    return _(
        "{file} · {kind} · {size} · added by {who} on {when}",
        file=plain(document.file_name),
        kind=type_text(document.mime_type, tr()),
        size=size_text(document.size, tr()),
        who=plain(document.recorded_by),
        when=format_datetime(document.recorded_at, tr()),
    )


def download_button(place, document: Document) -> None:
    """A download of the stored bytes under a safe name and the stored type (read on click)."""
    connection, digest = resources.connection(), document.sha256
    place.download_button(
        _("Download"),
        data=lambda: documents.content(connection.db(), digest),
        file_name=safe_name(document.file_name),
        mime=document.mime_type,
        key=f"download_document_{document.document_id}",
        on_click="ignore",
    )


def removed_list(removed: list[Document]) -> None:
    """The removed documents of the subdomain, each with a button that puts it back."""
    st.caption(_("Removed documents (kept in the history; restore one to list it again):"))
    for document in removed:
        left, right = st.columns([8, 2], vertical_alignment="center")
        left.caption(f"{plain(document.title)} · {details_line(document)}")
        right.button(
            _("Restore"),
            key=f"restore_document_{document.document_id}",
            on_click=_set_removed,
            args=(document.document_id, False),
        )


def _set_removed(document_id: str, removed: bool) -> None:
    db, by = resources.db(), st.session_state.recorded_by
    try:
        (documents.remove if removed else documents.restore)(db, document_id, by)
    except UserError as problem:
        st.session_state.document_state = ("error", problem.translated(tr()))
        return
    st.rerun(scope=EDITOR)  # the whole editor: the toggle's count changed too


def read_only_list(assessment_id: str, framework) -> None:
    """The dashboard's list: each subdomain's documents with their downloads (nothing else)."""
    current = documents.listed(resources.db(), assessment_id)
    st.subheader(_("Evidence documents"))
    if not current:
        st.caption(_("No document is attached to this assessment."))
        return
    shown = None
    for document in current:
        if document.subdomain_id != shown:
            shown = document.subdomain_id
            st.markdown(f"**{plain(framework.subdomain(shown).label)}**")
        document_row(document, editable=False)
