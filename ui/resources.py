"""Process-wide resources: the framework and the database connection, and a ``Db`` per script run."""

from __future__ import annotations

import os

import streamlit as st

from cpss.db.backup_requests import BackupService
from cpss.db.core import Connection, Db, connect, database_path
from cpss.model.access import SIGNED_OUT, Actor
from cpss.model.framework import Framework
from cpss.model.framework_file import load_framework
from ui.auth import default_actor


def framework() -> Framework:
    """The framework in use: ``$CPSS_FRAMEWORK`` when set, else the bundled CPSS Benchmarks.

    Parsed once per process (``load_framework`` caches it); raises ``FrameworkError``.
    """
    return load_framework(os.environ.get("CPSS_FRAMEWORK") or None)


class _Held:
    """The process's connection and the thread answering ``python -m cpss backup`` requests."""

    def __init__(self, path: str):
        self.connection = connect(path)
        self.backups = BackupService(self.connection, path)
        self.backups.start()

    def close(self) -> None:
        self.backups.stop()
        self.connection.close()


@st.cache_resource(show_spinner=False, on_release=lambda held: held.close())
def _held_any_process(path: str) -> _Held:
    # One connection per process and database path: DuckDB lets only one process hold the file.
    # Listed with every cache in docs/caches.md.
    return _Held(path)


def connection() -> Connection:
    """The process's database connection (for backups: :func:`cpss.db.backup.backup`)."""
    return _held_any_process(str(database_path())).connection


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
