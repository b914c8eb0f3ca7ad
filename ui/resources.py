"""Process-wide resources: the framework and the database connection, and a ``Db`` per script run."""

from __future__ import annotations

import streamlit as st

from cpss.db import frameworks
from cpss.db.backup_requests import BackupService
from cpss.db.core import Connection, Db, connect, database_target, is_url
from cpss.model.access import SIGNED_OUT, Actor
from cpss.model.framework import Framework
from ui.auth import default_actor
from ui.i18n import language


def framework(lang: str | None = None) -> Framework:
    """The framework this page shows, in ``lang`` (the session's language when None): the one the
    page's assessment is pinned to (:func:`show_assessment`), else the newest published version of
    the framework loaded at the first start (``$CPSS_FRAMEWORK`` or the bundled CPSS Benchmarks).
    In English when that version has no translation into ``lang``.

    Read from the database; parsed once per version per process (by content hash).
    """
    lang = lang or language()
    pinned = st.session_state.get(_PAGE_ASSESSMENT)
    if pinned:
        return frameworks.framework_for(db(), pinned, lang)
    return frameworks.by_hash(db(), frameworks.newest(db()), lang)


def framework_of(assessment_id: str, lang: str | None = None) -> Framework:
    """The framework ``assessment_id`` was made on, in ``lang`` (the session's language when None)."""
    return frameworks.framework_for(db(), assessment_id, lang or language())


_PAGE_ASSESSMENT = "framework_assessment"  # the assessment whose framework this run's page shows


def show_assessment(assessment_id: str | None) -> Framework:
    """Make this run's page show ``assessment_id``'s own framework (None: the newest), for every
    helper that calls :func:`framework`, and return it. ``app.py`` forgets it on each full run."""
    st.session_state[_PAGE_ASSESSMENT] = assessment_id
    return framework()


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
    """Open the database and read the framework, raising a ``UserError`` that says what is wrong."""
    connection()
    show_assessment(None)  # a page showing one assessment says so (show_assessment)
