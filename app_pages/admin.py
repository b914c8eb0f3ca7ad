"""Administration (administrators only): accounts, backups, and purging deleted assessments."""

import os
from datetime import datetime
from pathlib import Path

import streamlit as st

from cpss.db import accounts, lifecycle
from cpss.db.accounts import MAX_NAME_CHARS, MAX_PASSWORD_CHARS
from cpss.db.backup import backup
from cpss.db.core import database_path, is_url
from cpss.db.server_backup import dump_command
from cpss.model.access import ACCOUNT_ROLES
from cpss.model.errors import UserError
from ui import resources
from ui.i18n import _, ngettext, shown_as
from ui.name_removal import name_removal_section
from ui.widgets import deleted_line, message, plain

db = resources.db()


def backup_folder() -> Path:
    """Where the Backup button writes: ``$CPSS_BACKUP_DIR``, else ``backups/`` beside the database."""
    return Path(os.environ.get("CPSS_BACKUP_DIR") or database_path().resolve().parent / "backups")


def account_section() -> None:
    """Every account, and a form to add one or change its role and password."""
    st.markdown("## " + _("Accounts"))
    if db.actor.solo:
        st.caption(
            _(
                "Single-user mode: accounts are used once team mode is switched on "
                "(see the README, *Team mode*)."
            )
        )
    listing = accounts.listing(db)
    if not listing.empty:
        st.dataframe(
            listing.rename(
                columns={
                    "name": _("Name"),
                    "role": _("Role"),
                    "active": _("Active"),
                    "recorded_at": _("Last change (UTC)"),
                    "recorded_by": _("By"),
                }
            ),
            hide_index=True,
            key="accounts_table",
        )
    with st.form("account_form", border=True):
        st.markdown("**{}**".format(_("Add an account, or give one a new role and password")))
        name = st.text_input(_("Name"), key="account_name", max_chars=MAX_NAME_CHARS)
        role = st.selectbox(
            _("Role"),
            list(ACCOUNT_ROLES),
            format_func=shown_as(ACCOUNT_ROLES.__getitem__),
            key="account_role",
        )
        password = st.text_input(
            _("Password (at least 10 characters)"),
            type="password",
            key="account_password",
            max_chars=MAX_PASSWORD_CHARS,
        )
        if st.form_submit_button(_("Save the account"), key="account_save", icon=":material/save:"):
            try:
                accounts.add(db, name, role, password, by=db.actor.name)
                st.success(plain(_("Account {name} saved.", name=name.strip())))
            except UserError as problem:
                st.error(message(problem))
    if not listing.empty:
        left, right = st.columns(2, vertical_alignment="bottom")
        who = left.selectbox(_("Account"), list(listing["name"]), key="account_pick")
        active = bool(listing.set_index("name").loc[who, "active"])
        if right.button(_("Disable") if active else _("Enable again"), key="account_toggle"):
            accounts.set_active(db, who, not active, by=db.actor.name)
            st.rerun()


def server_backup_section(url: str) -> None:
    """On PostgreSQL the server's own tools back up: the command to run, and no button."""
    st.caption(
        _(
            "The database is on a PostgreSQL server: back it up with PostgreSQL's pg_dump, which "
            "takes a consistent copy while the app servers run (give the password in PGPASSWORD "
            "or ~/.pgpass). python -m cpss restore PATH prints the command that restores it."
        )
    )
    st.code(dump_command(url, "cpss-backup.dump"), language=None)


def backup_section() -> None:
    """Back the database up now, to the backup folder, with a download of the file."""
    st.markdown("## " + _("Backup"))
    target = resources.target()
    if is_url(target):
        server_backup_section(target)
        return
    folder = backup_folder()
    st.caption(
        plain(
            _(
                "A complete copy (every assessment, history row, vote, action item and "
                "account) is written to {folder}. Restore it with "
                "python -m cpss restore PATH into an empty database.",
                folder=folder,
            )
        )
    )
    if st.button(
        _("Make a backup now"), key="backup_now", type="primary", icon=":material/backup:"
    ):
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"cpss-backup-{datetime.now():%Y%m%d-%H%M%S}.duckdb"
        try:
            found = backup(resources.connection(), target, db.actor)
        except UserError as problem:
            st.error(message(problem))
            return
        st.session_state.last_backup = str(target)
        st.success(
            plain(
                _(
                    "Backup written: {target} ({assessments} assessments, {ratings} answer "
                    "versions).",
                    target=target,
                    assessments=found["assessments"],
                    ratings=found["ratings"],
                )
            )
        )
    last = st.session_state.get("last_backup")
    if last and Path(last).is_file():
        st.download_button(
            _("Download the last backup"),
            Path(last).read_bytes(),
            file_name=Path(last).name,
            key="backup_download",
            icon=":material/download:",
        )


def purge_section() -> None:
    """Deleted assessments, which an administrator can purge for good."""
    st.markdown("## " + _("Deleted assessments"))
    deleted = lifecycle.deleted(db)
    if not deleted:
        st.caption(_("None."))
        return
    for row in deleted:
        with st.container(border=True, key=f"purge_box_{row.id}"):
            deleted_line(row)
            sure = st.checkbox(
                _("I understand: purging cannot be undone"), key=f"purge_sure_{row.id}"
            )
            if st.button(
                _("Purge for good"),
                key=f"purge_{row.id}",
                disabled=not sure,
                icon=":material/delete_forever:",
            ):
                removed = lifecycle.purge(db, row.id, confirmed=sure)
                st.toast(
                    ngettext(
                        "Purged: {count} rows removed.", "Purged: {count} rows removed.", removed
                    )
                )
                st.rerun()


st.title(_("Accounts and backups"))
account_section()
st.divider()
backup_section()
st.divider()
purge_section()
st.divider()
name_removal_section(db)
