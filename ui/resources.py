"""Process-wide resources: the framework and the DuckDB connection, and a store per script run."""

from __future__ import annotations

import os

import streamlit as st

from cpss.framework import Framework, load_framework
from cpss.storage import Store, connect, database_path


def framework() -> Framework:
    """The framework in use: ``$CPSS_FRAMEWORK`` when set, else the bundled CPSS Benchmarks.

    Parsed once per process (``load_framework`` caches it); raises ``FrameworkError``.
    """
    return load_framework(os.environ.get("CPSS_FRAMEWORK") or None)


@st.cache_resource(show_spinner=False, on_release=lambda con: con.close())
def _connection(path: str):
    # One connection per process and database path: DuckDB lets only one process hold the file.
    return connect(path)


def store() -> Store:
    """A store on a fresh cursor: call once per script run (or fragment run), never share it."""
    return Store(_connection(str(database_path())).cursor())


def ensure_ready() -> None:
    """Load the framework and open the database, raising a ``UserError`` that says what is wrong."""
    framework()
    _connection(str(database_path()))
