"""Process-wide resources: the framework and the DuckDB connection, and a store per script run."""

from __future__ import annotations

import os

import streamlit as st

from cpss.model.access import SIGNED_OUT, SOLO, Actor
from cpss.db.backup_requests import BackupService
from cpss.model.framework import Framework, load_framework
from cpss.db.assessments import Store, connect, database_path
from ui.auth import settings


def framework() -> Framework:
    """The framework in use: ``$CPSS_FRAMEWORK`` when set, else the bundled CPSS Benchmarks.

    Parsed once per process (``load_framework`` caches it); raises ``FrameworkError``.
    """
    return load_framework(os.environ.get("CPSS_FRAMEWORK") or None)


class _Held:
    """The process's connection and the thread answering ``python -m cpss backup`` requests."""

    def __init__(self, path: str):
        self.con = connect(path)
        self.backups = BackupService(self.con, path)
        self.backups.start()

    def close(self) -> None:
        self.backups.stop()
        self.con.close()


@st.cache_resource(show_spinner=False, on_release=lambda held: held.close())
def _held(path: str) -> _Held:
    # One connection per process and database path: DuckDB lets only one process hold the file.
    return _Held(path)


def connection():
    """The process's DuckDB connection (for backups: :func:`cpss.db.backup.backup`)."""
    return _held(str(database_path())).con


def actor() -> Actor:
    """Who this session is (set by ``app.py`` on every run from the sign-in state)."""
    found = st.session_state.get("actor")
    if found is not None:
        return found
    return SIGNED_OUT if settings().team else SOLO


def store() -> Store:
    """A store on a fresh cursor, acting as this session's actor: call once per script run (or
    fragment run), never share it."""
    return Store(connection().cursor(), actor())


def ensure_ready() -> None:
    """Load the framework and open the database, raising a ``UserError`` that says what is wrong."""
    framework()
    connection()
