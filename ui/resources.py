"""Process-wide resources: the framework and the database connection, and a ``Db`` per script run."""

from __future__ import annotations

import os

import streamlit as st

from cpss.db.backup_requests import BackupService
from cpss.db.core import Connection, Db, connect, database_target, is_url
from cpss.model.access import SIGNED_OUT, Actor
from cpss.model.framework import Framework
from cpss.model.framework_file import load_framework
from cpss.model.translation_file import MASTER_LANGUAGE, available_languages, load_translation
from ui.auth import default_actor
from ui.i18n import language


def framework(lang: str | None = None) -> Framework:
    """The framework in use, in ``lang`` (the session's language when None): ``$CPSS_FRAMEWORK``
    when set, else the bundled CPSS Benchmarks; its translation into ``lang`` when there is one
    beside it (the same ids and numbers, so stored answers read the same), else the English master
    (a national adaptation may ship no translations).

    Parsed once per file version per process (the loaders cache it); raises ``FrameworkError``.
    """
    master = os.environ.get("CPSS_FRAMEWORK") or None
    lang = lang or language()
    if lang != MASTER_LANGUAGE and lang in available_languages(master):
        return load_translation(lang, master)
    return load_framework(master)


class _Held:
    """The process's connection and the thread answering ``python -m cpss backup`` requests."""

    def __init__(self, target: str):
        self.connection = connect(target)
        # A DuckDB file is backed up by the process holding it; PostgreSQL by pg_dump.
        self.backups = None if is_url(target) else BackupService(self.connection, target)
        if self.backups:
            self.backups.start()

    def close(self) -> None:
        if self.backups:
            self.backups.stop()
        self.connection.close()


@st.cache_resource(show_spinner=False, on_release=lambda held: held.close())
def _held_any_process(target: str) -> _Held:
    # One connection (DuckDB) or pool (PostgreSQL) per process and database: DuckDB lets only one
    # process hold the file. Listed with every cache in docs/caches.md.
    return _Held(target)


def _secret_url() -> str | None:
    """``CPSS_DATABASE_URL`` from ``.streamlit/secrets.toml``, if there is one (cpss never imports
    streamlit, so the app reads it and passes it down)."""
    try:
        found = st.secrets.get("CPSS_DATABASE_URL")
    except FileNotFoundError:  # no secrets file at all
        return None
    return str(found) if found else None


def target() -> str:
    """The database the app runs on: a PostgreSQL URL (secrets, else the environment) or the
    DuckDB file's path."""
    return database_target(_secret_url())


def connection() -> Connection:
    """The process's database connection (for backups: :func:`cpss.db.backup.backup`)."""
    return _held_any_process(target()).connection


def actor() -> Actor:
    """Who this session is (set by ``app.py`` on every run from the sign-in state)."""
    found = st.session_state.get("actor")
    if found is not None:
        return found
    return default_actor() or SIGNED_OUT


def db() -> Db:
    """A ``Db`` on a fresh cursor, acting as this session's actor: call once per script run (or
    fragment run), never share it."""
    return connection().db(actor())


def ensure_ready() -> None:
    """Load the framework and open the database, raising a ``UserError`` that says what is wrong."""
    framework()
    connection()
