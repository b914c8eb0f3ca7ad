"""The Import tab of the Reports and data page: upload a file, read its preview (new, changed,
conflicts, in the reader's language), choose for each conflict, then import. An administrator may
add the framework version a file names when this installation lacks it."""

import hashlib
from functools import partial

import streamlit as st

from cpss.db import frameworks
from cpss.db.core import Db
from cpss.exchange.file_framework import FrameworkNotHere
from cpss.exchange.importing import apply_import, read_file
from cpss.model.errors import UserError
from cpss.model.framework import Framework
from ui import personal_data_warning
from ui.documents import limit as document_limit
from ui.i18n import _, language, tr
from ui.widgets import message, plain


def imports(db: Db, newest: Framework) -> None:
    """Upload, preview (new, changed, conflicts), choose for conflicts, then import; a file that
    names no framework version is read against ``newest``."""
    upload = st.file_uploader(
        _("A JSON, zip (JSON with documents) or Excel export, or a filled-in worksheet (.xlsx)"),
        type=["json", "zip", "xlsx"],
        key="import_file",
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        # a file's framework, when stored here, with its names in the reader's language
        find = partial(frameworks.find, db, lang=language())
        preview = read_file(upload.name, data, newest, find, document_limit(), tr())(db)
    except FrameworkNotHere as missing:
        st.error(message(_("Not imported: {problem}", problem=missing)))
        offer_framework(db, missing)
        return
    except UserError as problem:
        st.error(message(_("Not imported: {problem}", problem=problem)))
        return
    st.markdown(plain(preview.summary()))
    if preview.is_known:
        st.success(_("Everything in this file is already here: nothing to import."))
        return
    st.dataframe(preview.table(), hide_index=True, key="import_preview")
    personal_data_warning.import_cells(preview)
    take = conflict_choices(preview, hashlib.sha256(data).hexdigest()[:16])
    if st.button(_("Import"), type="primary", key="import_apply", icon=":material/upload:"):
        apply(db, preview, take)


def offer_framework(db: Db, missing: FrameworkNotHere) -> None:
    """An administrator may add the framework that the file carries (publishing validates it, as
    on the Frameworks page), then the file is read again into the normal preview."""
    if not (missing.framework_text and db.actor.is_admin):
        return  # the refusal names the framework and version: an administrator adds it
    if not st.button(
        plain(  # the name and version come from the file: shown as typed
            _(
                "Add this framework ({name}, {version}) and read the file again",
                name=missing.name,
                version=missing.version,
            )
        ),
        key="import_add_framework",
        icon=":material/library_add:",
    ):
        return
    try:
        frameworks.publish(db, missing.framework_text, by=db.actor.name)
    except UserError as problem:
        st.error(message(problem))
        return
    st.rerun()  # the file is read again, against the framework just added


def conflict_choices(preview, upload_hash: str) -> set[str]:
    """Each conflict with a box to take the file's version; the keys of those ticked. The file's
    hash is in each box's key, so that a tick never carries over to another file."""
    take = set()
    for change in preview.conflicts:
        st.warning(
            plain(
                _(
                    "{assessment} · {what}: changed here after the file was made. Here: {here}. "
                    "In the file: {incoming}.",
                    assessment=change.assessment,
                    what=change.what,
                    here=change.here,
                    incoming=change.incoming,
                )
            )
        )
        if st.checkbox(
            _("Use the file's version (the local one stays in the history)"),
            key=f"take_file_{upload_hash}_{change.key}",
        ):
            take.add(change.key)
    return take


def apply(db: Db, preview, take: set[str]) -> None:
    """Import what the preview showed, and say how much was added (or why nothing was)."""
    try:
        written = apply_import(db, preview, take)
    except UserError as problem:
        st.error(message(problem))
        return
    st.success(_("Imported: {result}", result=preview.result(written)))
